"""Reading TBX (``lexicon import-tbx``): ISO 30042:2019 ``<tbx>`` and the 2008 ``<martif>``
form, TBX-Basic or close to it, streamed entry by entry.

- DCA style (``<descrip type="definition">``) and DCT style (``<basic:definition>``) alike,
  and the spellings of MultiTerm and the Microsoft Terminology Collection (:mod:`.styles`);
- each ``conceptEntry``/``termEntry`` is an entry; its ``id`` is the entry's id when it
  is a valid one (less the ``_`` our export puts before a leading digit), else the slug of
  the title in the default language (a tool's counter like ``c12`` is not an id); an id
  found twice is merged, homonyms get distinct ids and qualifiers (:mod:`..term_ids`);
- per ``langSec``/``langSet`` (``de-DE``, ``de_AT`` count as ``de``; ``--map en=de``
  relabels; other languages are reported once and left out, :mod:`.languages`): the
  ``definition`` is the summary, else the first definition given with a term, else the
  definition of the whole concept (in the language it is in: its own ``xml:lang``, the
  entry's, the file's; in every language without one when none is given); a concept
  still without a definition in a language comes in as a draft; per term by its
  ``administrativeStatus`` and ``termType``: the preferred term is the title (its
  ``grammaticalGender`` and ``partOfSpeech`` become ``gender`` and ``pos``, mapped by
  :mod:`.categories` and the language's locale; a value the language has no word for is a
  warning and left out), a term of type abbreviation, acronym or short form is an
  abbreviation, deprecated and superseded terms are ``deprecated``, other terms aliases;
  ``context`` sentences (with the ``source`` in their group) are the language's ``context``;
- ``subjectField`` names a tag by its id or by a label in any language in
  ``glossary/_tags.yml``; when the folder has no ``_tags.yml``, one is proposed with a tag
  per subject field (id from the label);
- ``crossReference`` targets become ``related`` when they name an entry, ``broader`` when
  marked so (our export's ``datatype="broader"``);
- everything else (notes, transactions, the page address) has no field in an entry and is
  reported once per kind, with the line of its first occurrence.

What TBX carries of an entry round-trips: title, aliases, summary and context (as plain
text: Markdown and cross-links become their text), gender, part of speech (a proper noun
comes back as a noun from the 2019 file, whose picklist lacks it), abbreviations,
deprecated terms, related, broader, tags. Bodies, highlights, sources, forms, qualifier and
review date are not in our TBX export, so they cannot come back. XML is read with expat,
refusing entity declarations (no "billion laughs"), never loading external entities or DTDs.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

from lexikon.core.model import Finding, Severity
from lexikon.core.schema import genders_of
from lexikon.core.settings import Settings
from lexikon.interchange.tbx.categories import (
    BROADER,
    PARTS_OF_SPEECH,
    SHORT_FORMS,
    TbxTerm,
    gender_from_tbx,
    pos_from_tbx,
    prose_text,
    read_term,
)
from lexikon.interchange.tbx.definitions import Definitions
from lexikon.interchange.tbx.languages import Languages
from lexikon.interchange.tbx.stream import Element, XmlProblem, stream_entries
from lexikon.interchange.tbx.styles import normalise
from lexikon.interchange.tbx.write import is_our_export
from lexikon.interchange.term_files import finish, run_terms
from lexikon.interchange.terms import Concept, SourceProblem, TermImport, check_size, clean, failed, new_block

_ENTRY = {"conceptEntry", "termEntry"}
_LANGUAGE = {"langSec", "langSet"}
_TERM = {"termSec", "tig", "ntig"}
_STRUCTURE = {"termGrp", "termNoteGrp", "descripGrp"}
_PREFERRED = {"preferredterm-admn-sts", "preferredterm", "preferred"}
_ADMITTED = {"admittedterm-admn-sts", "admittedterm", "admitted", ""}
_STATUS_OF_FORMS = {"deprecatedterm-admn-sts", "supersededterm-admn-sts", "deprecatedterm",
                    "supersededterm", "deprecated", "superseded"}


def import_tbx(path: Path, settings: Settings, maps: Mapping[str, str] | None = None) -> TermImport:
    """New entries from a TBX file; nothing is written (see :func:`write_terms`). ``maps``:
    source language tags (folded, :func:`lexikon.interchange.languages.language_map`) → site languages."""
    source = str(path)
    reader = _TbxReader(settings, source, Languages(tuple(settings.codes), maps or {}))
    try:
        check_size(path)
        stream_entries(path, _ENTRY, {"tbx", "martif"}, reader.start, reader.add)
    except SourceProblem as err:
        return failed(source, err)
    except XmlProblem as problem:
        return TermImport({}, (Finding(source, problem.line, problem.col, Severity.ERROR, str(problem)),))
    concepts, findings = reader.finish()
    ours = is_our_export(path)  # its ids are entry ids, even x11 (lexikon.interchange.term_ids)
    for concept in concepts:
        concept.own_id = ours
    return finish(concepts, findings, settings, source)


def run_import_tbx(settings: Settings, source: Path, *, dry_run: bool = False,
                   out: IO[str] | None = None, maps: Mapping[str, str] | None = None) -> int:
    """``lexicon import-tbx FILE``: the exit code (1 when anything was refused)."""
    return run_terms(import_tbx(source, settings, maps), settings, dry_run, out or sys.stdout)


class _TbxReader(Definitions):
    def __init__(self, settings: Settings, source: str, languages: Languages) -> None:
        self.settings = settings
        self.source = source
        self.languages = languages
        self.findings: list[Finding] = []
        self.tallies: dict[str, tuple[int, int, int, str]] = {}
        """A message said once for all its cases → line, column of the first, count, its concept."""
        self.concepts: list[Concept] = []
        self.root = Element("tbx", {}, 1)
        self.file_lang = ""
        self.current: Concept | None = None

    def note(self, line: int, col: int, message: str, severity: Severity = Severity.NOTE) -> None:
        """A finding at ``line``, ``col``, naming the concept being read."""
        prefix = f"{self.current.name}: " if self.current is not None else ""
        self.findings.append(Finding(self.source, line, col, severity, prefix + message))

    def tally(self, message: str, line: int, col: int) -> None:
        """``message`` once, at its first case, with the number of cases (see :meth:`finish`)."""
        name = self.current.name if self.current is not None else ""
        first_line, first_col, count, first = self.tallies.get(message, (line, col, 0, name))
        self.tallies[message] = (first_line, first_col, count + 1, first)

    def leave_out(self, element: Element) -> None:
        kind = f"<{element.name} type=\"{element.attributes['type']}\">" if "type" in element.attributes \
            else f"<{element.name}>"
        self.tally(f"left out {{}} × {kind}: an entry has no field for it", element.line, element.col)

    def start(self, root: Element) -> None:
        """The root element, before its entries (streamed: see :mod:`lexikon.interchange.tbx.stream`)."""
        self.root = root
        self.file_lang = root.attributes.get("xml:lang", "")

    def add(self, element: Element) -> None:
        """One entry element, read whole; dropped once made a concept."""
        self.concepts.append(self.concept(normalise(element)))
        self.current = None

    def finish(self) -> tuple[list[Concept], list[Finding]]:
        if not self.concepts:
            self.note(self.root.line, self.root.col, "no <conceptEntry> or <termEntry> in the file: "
                      "nothing to import", Severity.WARNING)
        for message, (line, col, count, name) in self.tallies.items():
            counted = "{}" in message
            text = message.format(count) if counted else message
            if count > 1 and name:
                text += f" (the first in {name})" if counted else f" ({count} times; the first in {name})"
            elif name:
                text = f"{name}: {text}"
            self.findings.append(Finding(self.source, line, col, Severity.NOTE, text))
        for line, col, severity, message in self.languages.findings():
            self.findings.append(Finding(self.source, line, col, severity, message))
        return self.concepts, self.findings

    def concept(self, element: Element) -> Concept:
        concept = Concept(element.attributes.get("id", ""), element.line, col=element.col,
                          position=len(self.concepts) + 1)
        self.current = concept
        concept.tags_lang = self.languages.resolve(self.file_lang) or self.settings.default_language
        definitions: list[Element] = []
        for child in self.flat(element):
            kind = child.attributes.get("type", "")
            if child.name == "descrip" and kind == "subjectField":
                fields = subject_fields(clean(child.text()))
                concept.tags += [(field, child.line, child.col) for field in fields]
            elif child.name == "descrip" and kind == "definition":
                definitions.append(child)
            elif child.name == "ref" and kind == "crossReference" and child.attributes.get("target"):
                links = concept.broader if child.attributes.get("datatype") == BROADER else concept.related
                links.append((child.attributes["target"], child.line, child.col))
            elif child.name in _LANGUAGE:  # XML inherits xml:lang (IATE puts it on the termEntry)
                child.attributes.setdefault("xml:lang", element.attributes.get("xml:lang") or self.file_lang)
                definitions += self.language_section(concept, child)
            else:
                self.leave_out(child)
        for definition in definitions:
            self.concept_definition(concept, definition, element)
        return concept

    def flat(self, element: Element) -> Iterable[Element]:
        """Children, with groups (``descripGrp``, ``termGrp``…) opened up."""
        for child in element.children:
            if child.name in _STRUCTURE:
                yield from self.flat(child)
            else:
                yield child

    def language_section(self, concept: Concept, element: Element) -> list[Element]:
        """The section's terms and definition into the concept; the definitions that name
        another language in their own ``xml:lang``, to be read as the concept's."""
        tag = element.attributes.get("xml:lang", "")
        lang = self.languages.resolve(tag)
        if lang is None:
            self.languages.left_out(tag, element.line, element.col, concept.name)
            concept.languages_left_out.append(tag)
            return []
        if lang in concept.texts:
            self.note(element.line, element.col, f"a second '{lang}' section ('{tag}') in one concept: "
                      "its terms are added")
        block = concept.texts.setdefault(lang, new_block(element.line))
        block.setdefault("_col", element.col)
        terms: list[TbxTerm] = []
        elsewhere: list[Element] = []
        for child in self.flat(element):
            kind = child.attributes.get("type", "")
            own = child.attributes.get("xml:lang") if kind == "definition" else None
            if child.name == "descrip" and own and self.languages.resolve(own) != lang:
                elsewhere.append(child)  # README: a definition counts in the language it names
            elif child.name == "descrip" and kind == "definition":
                if block["summary"]:
                    self.note(child.line, child.col, "left out a second definition in one language")
                else:
                    block["summary"] = prose_text(child, clean, self.leave_out)
            elif child.name in _TERM:
                term = read_term(child, clean, self.leave_out)
                if term.name:
                    terms.append(term)
            else:
                self.leave_out(child)
        main = self.main_term(terms, block, lang)
        for term in terms:
            self.place(block, term, lang, term is main)
        self.term_definitions(block, terms, lang)
        return elsewhere

    def main_term(self, terms: list[TbxTerm], block: dict[str, Any], lang: str) -> TbxTerm | None:
        """The term that becomes the title: the preferred one; without one (most tools mark no
        status), the first that is neither deprecated nor a short form, said once for all."""
        if block["title"] or not terms:
            return None
        preferred = [t for t in terms if t.note("administrativeStatus").casefold() in _PREFERRED]
        if preferred:
            return preferred[0]
        plain = [t for t in terms if t.note("administrativeStatus").casefold() not in _STATUS_OF_FORMS
                 and t.note("termType").casefold() not in SHORT_FORMS]
        main = (plain or terms)[0]
        if main.note("administrativeStatus").casefold() in _STATUS_OF_FORMS:
            self.note(main.line, main.col, f"the only terms in '{lang}' are deprecated: '{main.name}' "
                      "became the title all the same; give the entry a term to use in its place",
                      Severity.WARNING)
            return main
        self.tally(f"no preferred term in '{lang}': the first full term became the title", main.line,
                   main.col)
        return main

    def place(self, block: dict[str, Any], term: TbxTerm, lang: str, main: bool) -> None:
        """The term into the block: the title (``main``), else by its status and type an alias,
        abbreviation or deprecated term."""
        status, name = term.note("administrativeStatus").casefold(), term.name
        block["context"] += term.contexts
        if main:
            block["title"] = name
            self.grammar(block, term, lang)
            return
        for kind in ("grammaticalGender", "partOfSpeech"):
            if kind in term.notes:  # of an alias: an entry states the title's grammar only
                self.tally(f'left out {{}} × <termNote type="{kind}">: an entry has no field for it',
                           *term.notes[kind][1:])
        if status in _STATUS_OF_FORMS:
            block["deprecated"].append(name)
            if status.startswith("superseded"):
                self.note(term.line, term.col, f"the superseded term '{name}' became a deprecated one")
        elif term.note("termType").casefold() in SHORT_FORMS:
            block["abbreviations"].append(name)
        else:
            block["aliases"].append(name)
            if status in _PREFERRED or status not in _ADMITTED:  # a second preferred one too, as SKOS says
                said = f"a second preferred term in '{lang}'" if status in _PREFERRED else \
                    f"unknown administrative status '{status}'"
                self.note(term.line, term.col, f"{said}: '{name}' became an alias")

    def grammar(self, block: dict[str, Any], term: TbxTerm, lang: str) -> None:
        """The title's gender and part of speech, mapped; a value we have no word for is a finding."""
        gender, line, col = term.notes.get("grammaticalGender", ("", 0, 0))
        if gender:
            block["gender"] = gender_from_tbx(gender, lang)
            if block["gender"] is None:
                self.note(line, col, f"the grammatical gender '{gender}' of '{term.name}' is not one "
                          f"'{lang}' has ({', '.join(genders_of(lang)) or 'none'}): left out",
                          Severity.WARNING)
        pos, line, col = term.notes.get("partOfSpeech", ("", 0, 0))
        if pos:
            block["pos"] = pos_from_tbx(pos)
            if block["pos"] is None:
                self.note(line, col, f"the part of speech '{pos}' of '{term.name}' is none of "
                          f"{', '.join(PARTS_OF_SPEECH.values())}: left out", Severity.WARNING)


_CODES = re.compile(r"\d+(?:\s*[,;]\s*\d+)+")


def subject_fields(value: str) -> list[str]:
    """A subject field as written, or its codes one by one when it is a list of codes: IATE
    writes a concept's EuroVoc domains in one field ("2446, 4026"). A label with a comma in it
    ("Recht, Verwaltung") stays one field."""
    if _CODES.fullmatch(value):
        return re.split(r"\s*[,;]\s*", value)
    return [value] if value else []

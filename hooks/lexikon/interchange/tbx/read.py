"""Reading TBX (``lexicon import-tbx``): ISO 30042:2019 ``<tbx>`` and the 2008 ``<martif>``
form, TBX-Basic or close to it, streamed entry by entry.

- each ``conceptEntry``/``termEntry`` is an entry; its ``id`` is the entry's id when it
  is a valid one (less the ``_`` our export puts before a leading digit), else the slug of
  the title in the default language (a tool's counter like ``c12`` is not an id);
- per ``langSec``/``langSet`` (``de-DE`` counts as ``de``; unconfigured languages are
  reported and left out): the ``definition`` is the summary; per term by its
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
review date are not in our TBX export, so they cannot come back. XML is read with
expat, refusing entity declarations (no "billion laughs") and never loading external
entities or DTDs.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
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
    read_term,
)
from lexikon.interchange.tbx.stream import Element, XmlProblem, stream_entries
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


def import_tbx(path: Path, settings: Settings) -> TermImport:
    """New entries from a TBX file; nothing is written (see :func:`write_terms`)."""
    source = str(path)
    reader = _TbxReader(settings, source)
    try:
        check_size(path)
        stream_entries(path, _ENTRY, {"tbx", "martif"}, reader.start, reader.add)
    except SourceProblem as err:
        return failed(source, err)
    except XmlProblem as problem:
        return TermImport({}, (Finding(source, problem.line, problem.col, Severity.ERROR, str(problem)),))
    concepts, findings = reader.finish()
    return finish(concepts, findings, settings, source)



def run_import_tbx(settings: Settings, source: Path, *, dry_run: bool = False,
                   out: IO[str] | None = None) -> int:
    """``lexicon import-tbx FILE``: the exit code (1 when anything was refused)."""
    return run_terms(import_tbx(source, settings), settings, dry_run, out or sys.stdout)



class _TbxReader:
    def __init__(self, settings: Settings, source: str) -> None:
        self.settings = settings
        self.source = source
        self.findings: list[Finding] = []
        self.left_out: Counter[str] = Counter()
        self.left_out_at: dict[str, int] = {}
        self.languages_left_out: dict[str, int] = {}
        self.concepts: list[Concept] = []
        self.root_line = 1
        self.file_lang: str | None = None

    def note(self, line: int, message: str, severity: Severity = Severity.NOTE) -> None:
        self.findings.append(Finding(self.source, line, 1, severity, message))

    def leave_out(self, element: Element) -> None:
        kind = f"<{element.name} type=\"{element.attributes['type']}\">" if "type" in element.attributes \
            else f"<{element.name}>"
        self.count_left_out(kind, element.line)

    def count_left_out(self, kind: str, line: int) -> None:
        self.left_out[kind] += 1
        self.left_out_at.setdefault(kind, line)

    def start(self, root: Element) -> None:
        """The root element, before its entries (streamed: see :mod:`lexikon.interchange.tbx.stream`)."""
        self.root_line = root.line
        self.file_lang = self.language(root.attributes.get("xml:lang", ""), root.line, quiet=True)

    def add(self, element: Element) -> None:
        """One entry element, read whole; dropped once made a concept."""
        self.concepts.append(self.concept(element))

    def finish(self) -> tuple[list[Concept], list[Finding]]:
        concepts = self.concepts
        if not concepts:
            self.note(self.root_line, "no <conceptEntry> or <termEntry> in the file: nothing to import",
                      Severity.WARNING)
        for kind, count in sorted(self.left_out.items(), key=lambda item: self.left_out_at[item[0]]):
            self.note(self.left_out_at[kind], f"left out {count} × {kind}: an entry has no field for it")
        return concepts, self.findings

    def language(self, code: str, line: int, quiet: bool = False) -> str | None:
        """The configured language ``code`` means (``de-DE`` is ``de``), or None."""
        if code in self.settings.codes:
            return code
        if not code:
            if not quiet:
                self.note(line, "a language section without xml:lang: its terms are left out",
                          Severity.WARNING)
            return None
        primary = code.replace("_", "-").split("-")[0].lower()
        if primary in self.settings.codes:
            return primary
        if not quiet and code not in self.languages_left_out:
            self.languages_left_out[code] = line
            self.note(line, f"language '{code}' is not configured (the site has "
                      f"{', '.join(self.settings.codes)}): its terms are left out", Severity.WARNING)
        return None

    def concept(self, element: Element) -> Concept:
        concept = Concept(element.attributes.get("id", ""), element.line,
                           tags_lang=self.file_lang or self.settings.default_language)
        concept_definition: tuple[str, int] | None = None
        for child in self.flat(element):
            kind = child.attributes.get("type", "")
            if child.name == "descrip" and kind == "subjectField":
                value = clean(child.text())
                if value:
                    concept.tags.append((value, child.line))
            elif child.name == "descrip" and kind == "definition":
                concept_definition = (clean(child.text()), child.line)
            elif child.name == "ref" and kind == "crossReference" and child.attributes.get("target"):
                links = concept.broader if child.attributes.get("datatype") == BROADER else concept.related
                links.append((child.attributes["target"], child.line))
            elif child.name in _LANGUAGE:
                self.language_section(concept, child)
            else:
                self.leave_out(child)
        if concept_definition is not None:
            lang = self.file_lang or self.settings.default_language
            block = concept.texts.get(lang)
            if block is not None and not block.get("summary"):
                block["summary"] = concept_definition[0]
            else:
                self.note(concept_definition[1], "left out a definition of the whole concept: the "
                          "languages have their own")
        return concept

    def flat(self, element: Element) -> Iterable[Element]:
        """Children, with groups (``descripGrp``, ``termGrp``…) opened up."""
        for child in element.children:
            if child.name in _STRUCTURE:
                yield from self.flat(child)
            else:
                yield child

    def language_section(self, concept: Concept, element: Element) -> None:
        lang = self.language(element.attributes.get("xml:lang", ""), element.line)
        if lang is None:
            return
        if lang in concept.texts:
            self.note(element.line, f"a second '{lang}' section in one concept: its terms are added")
        block = concept.texts.setdefault(lang, new_block(element.line))
        terms: list[TbxTerm] = []
        for child in self.flat(element):
            kind = child.attributes.get("type", "")
            if child.name == "descrip" and kind == "definition":
                if block["summary"]:
                    self.note(child.line, "left out a second definition in one language")
                else:
                    block["summary"] = clean(child.text())
            elif child.name in _TERM:
                term = read_term(child, clean, self.leave_out)
                if term.name:
                    terms.append(term)
            else:
                self.leave_out(child)
        for term in terms:
            self.place(block, term, lang)
        if not block["title"] and block["aliases"]:
            block["title"] = block["aliases"].pop(0)
            if terms:
                self.note(terms[0].line, f"no preferred term in '{lang}': '{block['title']}' became "
                          "the title")

    def place(self, block: dict[str, Any], term: TbxTerm, lang: str) -> None:
        """The term into the block by its status and type: title, alias, abbreviation, deprecated."""
        status, name = term.note("administrativeStatus").casefold(), term.name
        block["context"] += term.contexts
        if status in _PREFERRED and not block["title"]:
            block["title"] = name
            self.grammar(block, term, lang)
            return
        for kind in ("grammaticalGender", "partOfSpeech"):
            if kind in term.notes:  # of an alias: an entry states the title's grammar only
                self.count_left_out(f'<termNote type="{kind}">', term.notes[kind][1])
        if status in _STATUS_OF_FORMS:
            block["deprecated"].append(name)
            if status.startswith("superseded"):
                self.note(term.line, f"the superseded term '{name}' became a deprecated one")
        elif term.note("termType").casefold() in SHORT_FORMS:
            block["abbreviations"].append(name)
        else:
            block["aliases"].append(name)
            if status not in _PREFERRED and status not in _ADMITTED:
                self.note(term.line, f"unknown administrative status '{status}': '{name}' became an alias")

    def grammar(self, block: dict[str, Any], term: TbxTerm, lang: str) -> None:
        """The title's gender and part of speech, mapped; a value we have no word for is a finding."""
        gender, line = term.notes.get("grammaticalGender", ("", 0))
        if gender:
            block["gender"] = gender_from_tbx(gender, lang)
            if block["gender"] is None:
                self.note(line, f"the grammatical gender '{gender}' of '{term.name}' is not one '{lang}' "
                          f"has ({', '.join(genders_of(lang)) or 'none'}): left out", Severity.WARNING)
        pos, line = term.notes.get("partOfSpeech", ("", 0))
        if pos:
            block["pos"] = pos_from_tbx(pos)
            if block["pos"] is None:
                self.note(line, f"the part of speech '{pos}' of '{term.name}' is none of "
                          f"{', '.join(PARTS_OF_SPEECH.values())}: left out", Severity.WARNING)

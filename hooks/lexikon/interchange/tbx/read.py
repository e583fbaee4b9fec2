"""Reading TBX (``lexicon import-tbx``): ISO 30042:2019 ``<tbx>`` and the 2008 ``<martif>``
form, TBX-Basic or close to it, streamed entry by entry.

- each ``conceptEntry``/``termEntry`` is an entry; its ``id`` is the entry's id when it
  is a valid one (less the ``_`` our export puts before a leading digit), else the slug of
  the title in the default language (a tool's counter like ``c12`` is not an id);
- per ``langSec``/``langSet`` (``de-DE`` counts as ``de``; unconfigured languages are
  reported and left out): the ``definition`` is the summary; the preferred term is the
  title, admitted terms (or terms without a status) are aliases, deprecated and
  superseded terms become ``forms`` (searchable, not shown);
- ``subjectField`` names a tag by its id or by a label in any language in
  ``glossary/_tags.yml``; when the folder has no ``_tags.yml``, one is proposed with a tag
  per subject field (id from the label);
- ``crossReference`` targets become ``related`` when they name an entry;
- everything else (``context``, notes, transactions, the page address) has no field in
  an entry and is reported once per kind, with the line of its first occurrence.

What TBX carries of an entry round-trips: title, aliases, summary (as plain text: Markdown
and cross-links in a summary become their text), related, tags. Bodies, highlights,
sources and forms are not in our TBX export, so they cannot come back. XML is read with
expat, refusing entity declarations (no "billion laughs") and never loading external
entities or DTDs.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from lexikon.core.model import Finding, Severity
from lexikon.core.settings import Settings
from lexikon.interchange.tbx.stream import Element, XmlProblem, stream_entries
from lexikon.interchange.term_files import finish, run_terms
from lexikon.interchange.terms import Concept, SourceProblem, TermImport, check_size, clean, failed

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
        self.left_out[kind] += 1
        self.left_out_at.setdefault(kind, element.line)

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
                concept.related.append((child.attributes["target"], child.line))
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
        block = concept.texts.setdefault(lang, {"title": "", "aliases": [], "summary": "", "forms": [],
                                                "_line": element.line})
        terms: list[tuple[str, str, int]] = []
        for child in self.flat(element):
            kind = child.attributes.get("type", "")
            if child.name == "descrip" and kind == "definition":
                if block["summary"]:
                    self.note(child.line, "left out a second definition in one language")
                else:
                    block["summary"] = clean(child.text())
            elif child.name in _TERM:
                term = next(iter(child.iter({"term"})), None)
                statuses = [c for c in child.iter({"termNote"})
                            if c.attributes.get("type") == "administrativeStatus"]
                status = clean(statuses[0].text()).casefold() if statuses else ""
                if term is not None and clean(term.text()):
                    terms.append((clean(term.text()), status, term.line))
                for other in self.flat(child):
                    used = other.name == "term" or (
                        other.name == "termNote" and other.attributes.get("type") == "administrativeStatus")
                    if not used:
                        self.leave_out(other)
            else:
                self.leave_out(child)
        for name, status, line in terms:
            if status in _PREFERRED and not block["title"]:
                block["title"] = name
            elif status in _STATUS_OF_FORMS:
                block["forms"].append(name)
                kind = "deprecated" if status.startswith("deprecated") else "superseded"
                self.note(line, f"the {kind} term '{name}' became a searchable form (not shown)")
            elif status in _PREFERRED or status in _ADMITTED:
                block["aliases"].append(name)
            else:
                block["aliases"].append(name)
                self.note(line, f"unknown administrative status '{status}': '{name}' became an alias")
        if not block["title"] and block["aliases"]:
            block["title"] = block["aliases"].pop(0)
            if terms:
                self.note(terms[0][2], f"no preferred term in '{lang}': '{block['title']}' became the title")


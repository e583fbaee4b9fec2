"""``lexicon import-tbx`` and ``lexicon import-csv``: terms from a terminology tool or a spreadsheet.

Both read their source into concepts, make one new entry file per concept and run the
new files through the glossary's own checks (``load.parse``, ``check``, ``deduplicate``)
together with the entries already there, without writing anything. Only new files are
ever written: a concept whose id exists already is a conflict, reported and left alone.
A new file with an error is not written either (each finding says why); warnings, such
as a missing translation, are reported and the file is written.

TBX (ISO 30042:2019 ``<tbx>`` and the 2008 ``<martif>`` form, TBX-Basic or close to it):

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
sources and forms are not in our TBX export, so they cannot come back.

CSV (a spreadsheet, or our own ``glossary.<lang>.csv``): UTF-8 (with or without BOM),
separated by commas, semicolons (Excel in German and Danish) or tabs, whichever the
header line uses. Columns by name, in any order: ``title`` and ``summary`` are required;
``id``, ``aliases``, ``tags`` and ``related`` (lists separated by ``;``) are optional;
others (``url``) are reported as not used. A leading ``'`` that guards a formula-like cell
is removed.

XML is read with expat, refusing entity declarations (no "billion laughs") and never
loading external entities or DTDs.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import yaml

from lexikon.check.cache import light
from lexikon.check.glossary_files import list_glossary
from lexikon.check.glossary_wide import combine
from lexikon.check.load import load_side_files, parse
from lexikon.check.pipeline import read_report, report_file
from lexikon.core.escape import csv_text
from lexikon.core.model import Finding, Severity
from lexikon.core.safe_write import make_folder, write_bytes
from lexikon.core.schema import ID_RULE
from lexikon.core.settings import Settings
from lexikon.interchange.article import plain_yaml, render_block, slugify
from lexikon.interchange.entry_yaml import MODELINE
from lexikon.interchange.xml_stream import Element, XmlProblem, stream_entries

MAX_SOURCE_BYTES = 50 * 1024 * 1024
"""A termbase of this size is a mistake, or an attack on the parser."""
_COUNTER_ID = re.compile(r"^[a-z]{0,2}\d+$")
"""Ids like ``c12`` that terminology tools number their concepts with."""
_ENTRY = {"conceptEntry", "termEntry"}
_LANGUAGE = {"langSec", "langSet"}
_TERM = {"termSec", "tig", "ntig"}
_STRUCTURE = {"termGrp", "termNoteGrp", "descripGrp"}
_PREFERRED = {"preferredterm-admn-sts", "preferredterm", "preferred"}
_ADMITTED = {"admittedterm-admn-sts", "admittedterm", "admitted", ""}
_STATUS_OF_FORMS = {"deprecatedterm-admn-sts", "supersededterm-admn-sts", "deprecatedterm",
                    "supersededterm", "deprecated", "superseded"}


@dataclass(frozen=True)
class TermImport:
    """The new files an import makes, and everything it found on the way."""

    entries: Mapping[str, str]
    """``id`` → the text of the new ``glossary/<id>.yml``; each passed the check."""
    findings: tuple[Finding, ...]
    """About the source (its path and line) and about the new files (theirs)."""
    conflicts: tuple[str, ...] = ()
    """Ids that exist already: those entries were left as they are."""
    tags_text: str | None = None
    """The text of a new ``glossary/_tags.yml``, when the folder had none and the source
    names subject fields."""

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)


class SourceProblem(Exception):
    """The source cannot be read at all (not XML, not UTF-8, no header…)."""


@dataclass
class _Concept:
    """One concept as the source has it, before it becomes an entry."""

    key: str
    """Its id in the source ('' when it has none)."""
    line: int
    tags: list[tuple[str, int]] = field(default_factory=list)
    """Subject fields or tag ids, with their lines."""
    tags_lang: str = ""
    """The language of the subject fields' labels."""
    related: list[tuple[str, int]] = field(default_factory=list)
    """Source keys of related concepts, with their lines."""
    texts: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Language → ``title``, ``aliases``, ``summary``, ``forms`` (the import's block)."""


# --- entry points ----------------------------------------------------------------------------
def import_tbx(path: Path, settings: Settings) -> TermImport:
    """New entries from a TBX file; nothing is written (see :func:`write_terms`)."""
    source = str(path)
    reader = _TbxReader(settings, source)
    try:
        _size(path)
        stream_entries(path, _ENTRY, {"tbx", "martif"}, reader.start, reader.add)
    except SourceProblem as problem:
        return TermImport({}, (Finding(source, *_where(problem), Severity.ERROR, str(problem)),))
    except XmlProblem as problem:
        return TermImport({}, (Finding(source, problem.line, problem.col, Severity.ERROR, str(problem)),))
    concepts, findings = reader.finish()
    return _build(concepts, findings, settings, source)


def import_csv(path: Path, lang: str, settings: Settings) -> TermImport:
    """New entries, one ``lang`` block each, from a spreadsheet saved as CSV."""
    source = str(path)
    try:
        if lang not in settings.codes:
            raise SourceProblem(f"language '{lang}' is not configured (the site has "
                                f"{', '.join(settings.codes)})")
        concepts, findings = _read_csv(_read(path), lang, source)
    except SourceProblem as problem:
        return TermImport({}, (Finding(source, *_where(problem), Severity.ERROR, str(problem)),))
    return _build(concepts, findings, settings, source)


def write_terms(result: TermImport, settings: Settings) -> tuple[list[Path], list[Finding]]:
    """Write the new files; never one that exists (a file that appeared meanwhile is a finding)."""
    written: list[Path] = []
    problems: list[Finding] = []
    make_folder(settings.glossary_dir, settings.project_dir)
    files = {f"{entry_id}.yml": text for entry_id, text in result.entries.items()}
    if result.tags_text is not None:
        files = {"_tags.yml": result.tags_text, **files}
    for name, text in files.items():
        path = settings.glossary_dir / name
        try:
            write_bytes(path, text.encode("utf-8"), settings.project_dir, exclusive=True)
        except FileExistsError:
            problems.append(Finding(_display(path, settings), 1, 1, Severity.ERROR,
                                    "the file appeared while importing: not overwritten"))
            continue
        written.append(path)
    return written, problems


def run_import_tbx(settings: Settings, source: Path, *, dry_run: bool = False,
                   out: IO[str] | None = None) -> int:
    """``lexicon import-tbx FILE``: the exit code (1 when anything was refused)."""
    return _run(import_tbx(source, settings), settings, dry_run, out or sys.stdout)


def run_import_csv(settings: Settings, source: Path, lang: str, *, dry_run: bool = False,
                   out: IO[str] | None = None) -> int:
    """``lexicon import-csv FILE --lang LANG``: the exit code (1 when anything was refused)."""
    return _run(import_csv(source, lang, settings), settings, dry_run, out or sys.stdout)


def _run(result: TermImport, settings: Settings, dry_run: bool, out: IO[str]) -> int:
    for finding in result.findings:
        out.write(f"{finding}\n")
    findings = list(result.findings)
    if dry_run:
        if result.tags_text is not None:
            out.write(f"--- {_display(settings.glossary_dir / '_tags.yml', settings)} (dry run)\n")
            out.write(result.tags_text)
        for entry_id, text in result.entries.items():
            out.write(f"--- {_display(settings.glossary_dir / f'{entry_id}.yml', settings)} (dry run)\n")
            out.write(text)
        out.write(f"dry run: would create {len(result.entries)} entries; nothing written\n")
    else:
        written, problems = write_terms(result, settings)
        findings += problems
        for finding in problems:
            out.write(f"{finding}\n")
        for path in written:
            out.write(f"created {_display(path, settings)}\n")
        out.write(f"{len(result.entries)} new entries, {len(result.conflicts)} conflict(s): run "
                  "'lexicon check' and read the entries before you commit them\n")
    return 1 if any(f.severity is Severity.ERROR for f in findings) else 0


# --- reading ---------------------------------------------------------------------------------
def _size(path: Path) -> None:
    try:
        if path.stat().st_size > MAX_SOURCE_BYTES:
            raise SourceProblem(f"the file is over {MAX_SOURCE_BYTES // (1024 * 1024)} MB: split it")
    except OSError as err:
        raise SourceProblem(f"cannot read the file: {err.strerror}: check it and its permissions") from err


def _read(path: Path) -> bytes:
    _size(path)
    try:
        return path.read_bytes()
    except OSError as err:
        raise SourceProblem(f"cannot read the file: {err.strerror}: check it and its permissions") from err


def _where(problem: SourceProblem) -> tuple[int, int]:
    return getattr(problem, "line", 1), getattr(problem, "col", 1)


def _problem(message: str, line: int = 1, col: int = 1) -> SourceProblem:
    problem = SourceProblem(message)
    problem.line, problem.col = line, col  # type: ignore[attr-defined]
    return problem


def _clean(text: str) -> str:
    """One line: white space collapsed, NFC."""
    return " ".join(unicodedata.normalize("NFC", text).split())


class _TbxReader:
    def __init__(self, settings: Settings, source: str) -> None:
        self.settings = settings
        self.source = source
        self.findings: list[Finding] = []
        self.left_out: Counter[str] = Counter()
        self.left_out_at: dict[str, int] = {}
        self.languages_left_out: dict[str, int] = {}
        self.concepts: list[_Concept] = []
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
        """The root element, before its entries (streamed: see :mod:`.xml_stream`)."""
        self.root_line = root.line
        self.file_lang = self.language(root.attributes.get("xml:lang", ""), root.line, quiet=True)

    def add(self, element: Element) -> None:
        """One entry element, read whole; dropped once made a concept."""
        self.concepts.append(self.concept(element))

    def finish(self) -> tuple[list[_Concept], list[Finding]]:
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

    def concept(self, element: Element) -> _Concept:
        concept = _Concept(element.attributes.get("id", ""), element.line,
                           tags_lang=self.file_lang or self.settings.default_language)
        concept_definition: tuple[str, int] | None = None
        for child in self.flat(element):
            kind = child.attributes.get("type", "")
            if child.name == "descrip" and kind == "subjectField":
                value = _clean(child.text())
                if value:
                    concept.tags.append((value, child.line))
            elif child.name == "descrip" and kind == "definition":
                concept_definition = (_clean(child.text()), child.line)
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

    def language_section(self, concept: _Concept, element: Element) -> None:
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
                    block["summary"] = _clean(child.text())
            elif child.name in _TERM:
                term = next(iter(child.iter({"term"})), None)
                statuses = [c for c in child.iter({"termNote"})
                            if c.attributes.get("type") == "administrativeStatus"]
                status = _clean(statuses[0].text()).casefold() if statuses else ""
                if term is not None and _clean(term.text()):
                    terms.append((_clean(term.text()), status, term.line))
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


def _read_csv(data: bytes, lang: str, source: str) -> tuple[list[_Concept], list[Finding]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        raise _problem("the file is not UTF-8: save it as 'CSV UTF-8' (Excel) or with UTF-8 "
                       "encoding", line) from err
    header_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=header_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [cell.strip().casefold() for cell in next(iter(_rows(reader)))]
    except StopIteration:
        raise _problem("the file is empty: the first line must name the columns") from None
    findings: list[Finding] = []
    missing = [name for name in ("title", "summary") if name not in header]
    if missing:
        raise _problem(f"no column {' or '.join(repr(m) for m in missing)} in the first line "
                       f"(it has {', '.join(repr(h) for h in header)})")
    for name in header:
        if name not in ("id", "title", "aliases", "summary", "tags", "related"):
            findings.append(Finding(source, 1, header.index(name) + 1, Severity.NOTE,
                                    f"column '{name}' is not used (an entry has no field for it)"))
    concepts: list[_Concept] = []
    line = 2
    for row in _rows(reader):
        start, line = line, reader.line_num + 1
        cells = {name: _unguard(row[i]).strip() for i, name in enumerate(header) if i < len(row)}
        if not any(cells.values()):
            continue
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header):]):
            findings.append(Finding(source, start, 1, Severity.WARNING,
                                    f"{len(row) - len(header)} cell(s) beyond the named columns left out"))
        concept = _Concept(cells.get("id", ""), start, tags_lang=lang)
        concept.tags = [(t, start) for t in _split(cells.get("tags", ""))]
        concept.related = [(r, start) for r in _split(cells.get("related", ""))]
        concept.texts[lang] = {"title": _clean(cells.get("title", "")),
                               "aliases": [_clean(a) for a in _split(cells.get("aliases", ""))],
                               "summary": _clean(cells.get("summary", "")), "forms": [], "_line": start}
        concepts.append(concept)
    return concepts, findings


def _rows(reader: Any) -> Iterable[list[str]]:
    """The reader's rows; a row it cannot read (a cell over the csv module's 128 KB limit)
    is a problem at the line where the reader stopped."""
    try:
        yield from reader
    except csv.Error as err:
        raise _problem(f"this row cannot be read ({err}): a cell this long is not a term; fix the row "
                       "(or a quote left open above it)", reader.line_num) from None


def _unguard(cell: str) -> str:
    """The cell without the ``'`` our export puts before formula-like text."""
    return csv_text(cell)


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


# --- building ---------------------------------------------------------------------------------
def _display(path: Path, settings: Settings) -> str:
    try:
        return path.resolve().relative_to(settings.project_dir.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _existing_ids(settings: Settings) -> set[str]:
    folder = settings.glossary_dir
    if not folder.is_dir():
        return set()
    return {path.stem for path in folder.iterdir()
            if path.suffix in (".yml", ".yaml") and not path.name.startswith(("_", "."))}


def _tag_names(settings: Settings) -> dict[str, str] | None:
    """Tag id and every label (case-folded) → tag id; None when there is no ``_tags.yml``."""
    path = settings.glossary_dir / "_tags.yml"
    if not path.is_file():
        return None
    try:
        data = plain_yaml(path.read_bytes().decode("utf-8-sig")) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}
    names: dict[str, str] = {}
    if isinstance(data, Mapping):
        for tag_id, labels in data.items():
            names[str(tag_id).casefold()] = str(tag_id)
            if isinstance(labels, Mapping):
                for label in labels.values():
                    names.setdefault(_clean(str(label)).casefold(), str(tag_id))
    return names


def _build(concepts: list[_Concept], findings: list[Finding], settings: Settings,
           source: str) -> TermImport:
    findings = list(findings)

    def report(line: int, severity: Severity, message: str) -> None:
        findings.append(Finding(source, line, 1, severity, message))

    existing = _existing_ids(settings)
    default = settings.default_language
    ids: dict[str, str] = {}
    chosen: list[tuple[str, _Concept]] = []
    conflicts: list[str] = []
    for concept in concepts:
        for lang, block in list(concept.texts.items()):
            where = block["_line"]
            if not block["title"]:
                report(where, Severity.ERROR, f"no term in '{lang}': the language is left out")
                del concept.texts[lang]
            elif not block["summary"]:
                report(where, Severity.ERROR, f"no definition for '{block['title']}' in '{lang}': an "
                       "entry needs a summary; the language is left out")
                del concept.texts[lang]
        if not concept.texts:
            report(concept.line, Severity.ERROR, "nothing left to import of this concept")
            continue
        first = concept.texts.get(default) or next(iter(concept.texts.values()))
        key = concept.key.strip()
        own = key[1:] if key.startswith("_") else key
        slug = slugify(first["title"])
        if ID_RULE.match(own) and not (_COUNTER_ID.match(own) and slug and slug != own):
            entry_id = own
        else:
            entry_id = slug
            if key:
                report(concept.line, Severity.NOTE, f"the id '{key}' is not an entry id: made '{entry_id}' "
                       "from the title")
        if not entry_id:
            report(concept.line, Severity.ERROR, f"the title '{first['title']}' makes no id")
            continue
        if entry_id in ids.values():
            report(concept.line, Severity.ERROR, f"a second concept with the id '{entry_id}': left out")
            continue
        if key:
            ids[key] = entry_id
        ids.setdefault(entry_id, entry_id)
        if entry_id in existing:
            conflicts.append(entry_id)
            report(concept.line, Severity.ERROR, f"the entry '{entry_id}' exists already: it is left as "
                   "it is (nothing is overwritten); merge by hand if the source knows more")
            continue
        chosen.append((entry_id, concept))

    tag_names = _tag_names(settings)
    new_tags: dict[str, dict[str, str]] = {}
    known = existing | {entry_id for entry_id, _ in chosen}
    texts: dict[str, str] = {}
    for entry_id, concept in chosen:
        tags: list[str] = []
        for name, line in concept.tags:
            tag = (tag_names or {}).get(_clean(name).casefold())
            if tag is None and tag_names is None:
                tag = slugify(name)
                if tag:
                    new_tags.setdefault(tag, {}).setdefault(concept.tags_lang or default, _clean(name))
            if tag is None or not tag:
                report(line, Severity.WARNING, f"the subject field '{name}' names no tag in _tags.yml: "
                       "left out (add the tag there, then to the entry)")
            elif tag not in tags:
                tags.append(tag)
        related: list[str] = []
        for target, line in concept.related:
            target_id = ids.get(target) or ids.get(target.lstrip("_")) or (
                target if target in existing else None)
            if target_id is None or target_id not in known:
                report(line, Severity.WARNING, f"the cross-reference to '{target}' names no entry: left out")
            elif target_id != entry_id and target_id not in related:
                related.append(target_id)
        texts[entry_id] = _entry_text(tags, related, concept.texts, settings)

    chosen.clear()
    concepts.clear()  # the texts say it all now: a large termbase's concepts go before the check
    entries, tags_text, checked = _checked(texts, _tags_text(new_tags, settings) if new_tags else None,
                                           settings)
    return TermImport(entries, tuple(findings + checked), tuple(conflicts), tags_text)


def _entry_text(tags: list[str], related: list[str], blocks: Mapping[str, Mapping[str, Any]],
                settings: Settings) -> str:
    lines = [MODELINE]
    if tags:
        lines.append(f"tags: [{', '.join(tags)}]")
    if related:
        lines.append(f"related: [{', '.join(related)}]")
    text = "\n".join(lines) + "\n"
    for lang in settings.codes:
        if lang in blocks:
            raw = blocks[lang]
            block: dict[str, Any] = {"title": raw["title"]}
            aliases = [a for a in dict.fromkeys(raw["aliases"]) if a != raw["title"]]
            if aliases:
                block["aliases"] = aliases
            block["summary"] = raw["summary"]
            forms = [f for f in dict.fromkeys(raw["forms"]) if f != raw["title"] and f not in aliases]
            if forms:
                block["forms"] = forms
            text += render_block(lang, block)
    return text


def _tags_text(tags: Mapping[str, Mapping[str, str]], settings: Settings) -> str:
    lines = ["# Tags: each id with its label per language. Made by an import: check the ids and "
             "add the labels missing."]
    for tag_id, labels in sorted(tags.items()):
        pairs = ", ".join(f"{lang}: {json.dumps(labels[lang], ensure_ascii=False)}"
                          for lang in settings.codes if lang in labels)
        lines.append(f"{tag_id}: {{{pairs}}}")
    return "\n".join(lines) + "\n"


def _checked(texts: Mapping[str, str], tags_text: str | None,
             settings: Settings) -> tuple[dict[str, str], str | None, list[Finding]]:
    """The new files that pass the glossary's checks, and the findings about them.

    Each file goes through the stages on its own, as in a build (``pipeline.report_file``),
    and only its report is kept, without its entry: a termbase of 60,000 concepts is
    checked in bounded memory. A file with an error is dropped and the rest checked again
    (an entry may have named the dropped one as related, or a tag of a dropped tag
    file), until what is left is clean.
    """
    listing = list_glossary(settings.glossary_dir, settings.project_dir)
    load_findings = list(listing.findings)
    existing_tags = load_side_files(listing, settings.project_dir, load_findings)
    existing = [light(read_report(path, display, settings)[1]) for path, display in listing.entries]
    tags_path = _display(settings.glossary_dir / "_tags.yml", settings)
    paths = {_display(settings.glossary_dir / f"{i}.yml", settings): i for i in texts}
    new = {entry_id: light(report_file(texts[entry_id].encode("utf-8"), path, entry_id, settings))
           for path, entry_id in paths.items()}
    remaining = dict(texts)
    dropped: list[Finding] = []
    while True:
        tags, parse_findings = existing_tags, []
        if tags_text is not None:
            tags, parse_findings = parse(tags_text, tags_path, "_tags")
        reports = sorted([*existing, *(new[i] for i in remaining)], key=lambda r: r.path)
        result = combine(reports, tags, settings, [*load_findings, *parse_findings])
        ours = {path for path, entry_id in paths.items() if entry_id in remaining}
        ours |= {tags_path} if tags_text is not None else set()
        findings = [f for f in result.findings if f.path in ours]
        failed = {f.path for f in findings if f.severity is Severity.ERROR}
        if not failed:
            return remaining, tags_text, dropped + findings
        for path in sorted(failed):
            dropped += [f for f in findings if f.path == path]
            dropped.append(Finding(path, 1, 1, Severity.ERROR, "not written: fix the source (or the "
                                   "file by hand after a --dry-run) and import again"))
            if path == tags_path:
                tags_text = None
            else:
                del remaining[paths[path]]

"""Reading a CSV file into concepts (the format: :mod:`lexikon.interchange.csv_format`).

Findings name the row by the line it starts on in the file (a quoted cell with line breaks
makes a row span lines: the reader's ``line_num`` counts them) and the column by its
number and name.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lexikon.core.escape import csv_text
from lexikon.core.model import Finding, Severity
from lexikon.core.schema import ID_RULE, MAX_ID_LENGTH
from lexikon.interchange.csv_cells import cell_items, cell_pairs
from lexikon.interchange.csv_lines import declared, records, sniff
from lexikon.interchange.csv_write import ENTRY_COLUMNS, LANGUAGE_COLUMNS
from lexikon.interchange.term_counts import ID_TOO_LONG, UNREADABLE
from lexikon.interchange.terms import Concept, SourceProblem, clean, new_block, problem

_TEXT_COLUMNS = tuple(column for column in LANGUAGE_COLUMNS if column != "url")
"""The language columns an import uses (``url`` is the site's, made again)."""
_TERM_LISTS = ("aliases", "abbreviations", "deprecated", "forms")
_TRUE = {"true", "yes", "1", "x", "wahr", "ja", "sand"}
_FALSE = {"", "false", "no", "0", "falsch", "nein", "falsk", "nej"}
_DAY_FIRST = re.compile(r"(\d{1,2})[.-](\d{1,2})[.-](\d{4})")
"""A date as German (``30.11.2026``) and Danish (``30-11-2026``) spreadsheets save one."""
_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:[-_][a-z0-9]{1,8})*")
Key = tuple[str, str]
"""A column: its language ('' for the entry's own columns) and field."""
_UNUSED_SHOWN = 5
"""Columns named in the one note about unused columns (a sheet may have thousands)."""


@dataclass
class Sheet:
    """What a file's first line says: each used column's place, the languages."""

    source: str
    columns: dict[int, Key] = field(default_factory=dict)
    names: dict[Key, str] = field(default_factory=dict)
    """Each column as the first line names it, for findings."""
    languages: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    tags_lang: str = ""
    refused: Counter[str] = field(default_factory=Counter)
    urls: list[int] = field(default_factory=list)
    """The places of the page-address columns (``de.url``: our export's, not read): a row's id
    is an entry id when its address ends in ``terms/<id>/`` (:attr:`Concept.own_id`)."""
    delimiter: str = ","
    """Rows refused while reading (a finding each), by reason: they are counted in the summary."""

    def note(self, line: int, col: int, severity: Severity, message: str) -> None:
        self.findings.append(Finding(self.source, line, col, severity, message))


def read_rows(text: str, source: str, lang: str | None, codes: tuple[str, ...]) -> tuple[list[Concept],
                                                                                      Sheet]:
    """The file's concepts, one per row, and the sheet (its findings, the rows refused). A file
    that cannot be read at all raises :class:`~lexikon.interchange.terms.SourceProblem`; one
    whose first line is refused says how many rows it has (``rows``), for the summary."""
    named = declared(text)
    delimiter = named or sniff(text)
    rows = records(text, delimiter)
    if named:
        next(rows, None)  # the 'sep=' line: the header follows it
    line, header, error = next(rows, (1, None, None))
    if error is not None:
        raise problem(f"the first line cannot be read: {error[2]}", line, error[0])
    if header is None:
        raise problem("the file is empty: the first line must name the columns")
    try:
        sheet = _header(header, source, lang, codes, line)
    except SourceProblem as err:
        err.rows = sum(1 for _, row, _ in rows if row is None or any(c.strip() for c in row))  # type: ignore
        raise
    sheet.delimiter = delimiter
    concepts: list[Concept] = []
    for line, row, error in rows:
        if error is not None:
            sheet.note(line, *error)
            sheet.refused[UNREADABLE] += 1
            continue
        concept = _concept(row, len(header), line, sheet)
        if concept is not None:
            concepts.append(concept)
    return concepts, sheet


def _header(header: list[str], source: str, lang: str | None, codes: tuple[str, ...], at: int = 1) -> Sheet:
    sheet = Sheet(source, tags_lang=lang or codes[0])
    foreign: dict[str, int] = {}
    plain: list[str] = []
    prefixed: set[str] = set()
    unused: dict[str, int] = {}
    for index, raw in enumerate(header):
        name = raw.strip().casefold()
        prefix, dot, column = name.partition(".")
        if dot and prefix not in codes:
            if re.split("[-_]", prefix)[0] in codes:  # a regional tag: de-DE, de_AT are de
                prefix = re.split("[-_]", prefix)[0]
            elif _LANGUAGE_TAG.fullmatch(prefix):
                foreign.setdefault(prefix, index + 1)
                continue
            else:
                dot = ""  # a name with a full stop in it ("Notiz z.B."), not a language's column
        if (column if dot else name) not in (_TEXT_COLUMNS if dot else (*ENTRY_COLUMNS, *_TEXT_COLUMNS)):
            if (column if dot else name) == "url":
                sheet.urls.append(index)
            unused.setdefault(name, index + 1)
            continue
        if not dot and name not in ENTRY_COLUMNS and lang is None:
            plain.append(name)
            continue
        key = (prefix, column) if dot else ("", name) if name in ENTRY_COLUMNS else (lang or "", name)
        if key in sheet.columns.values():
            raise problem(f"the column '{name}' is there twice: keep one", at, index + 1)
        sheet.columns[index] = key
        sheet.names[key] = raw.strip()
        if dot:
            prefixed.add(prefix)
        if key[0] and key[0] not in sheet.languages:
            sheet.languages.append(key[0])
    _unused(sheet, unused, at)
    for prefix, col in foreign.items():
        sheet.note(at, col, Severity.WARNING, f"the columns '{prefix}.…' are for the language '{prefix}', "
                   f"which the site does not have ({', '.join(codes)}): left out")
    if plain:
        raise problem(f"the column(s) {', '.join(repr(p) for p in plain)} name no "
                      f"language: pass --lang, or name them '{codes[0]}.{plain[0]}' and so on", at,
                      [h.strip().casefold() for h in header].index(plain[0]) + 1)
    for code in sheet.languages or [""]:
        missing = [f"{code}.{name}" if code in prefixed else name for name in ("title", "summary")
                   if (code, name) not in sheet.columns.values()]
        if missing:
            raise problem(f"no column {' or '.join(repr(m) for m in missing)} in the first line (it has "
                          f"{', '.join(repr(h.strip()) for h in header)})", at)
    return sheet


def _unused(sheet: Sheet, unused: dict[str, int], at: int) -> None:
    """A note for each column an entry has no field for; one for them all when there are more
    than a few (a sheet may have thousands)."""
    if len(unused) <= _UNUSED_SHOWN:
        for name, col in unused.items():
            sheet.note(at, col, Severity.NOTE, f"column '{name}' is not used (an entry has no field for it)")
    else:
        names = [repr(name) for name in unused]
        shown = ", ".join(names[:_UNUSED_SHOWN]) + (", …" if len(names) > _UNUSED_SHOWN else "")
        sheet.note(at, min(unused.values()), Severity.NOTE,
                   f"{len(unused)} columns are not used (an entry has no field for them): {shown}")


def _concept(row: list[str], width: int, line: int, sheet: Sheet) -> Concept | None:
    cells = {key: _cell(row[index], key) for index, key in sheet.columns.items() if index < len(row)}
    if not any(cells.values()) and not any(cell.strip() for cell in row):
        return None
    if len(cells.get(("", "id"), "")) > MAX_ID_LENGTH:
        col = next(i for i, key in sheet.columns.items() if key == ("", "id")) + 1
        sheet.note(line, col, Severity.ERROR, f"the id is {len(cells[('', 'id')])} characters long, at most "
                   f"{MAX_ID_LENGTH} can name a file: the row is left out; give it a shorter id")
        sheet.refused[ID_TOO_LONG] += 1
        return None
    _swallowed(row, width, line, sheet)
    if len(row) > width and any(cell.strip() for cell in row[width:]):
        sheet.note(line, width + 1, Severity.WARNING, f"{len(row) - width} cell(s) beyond the named columns "
                   "left out")
    place = {key: index + 1 for index, key in sheet.columns.items()}

    def report(key: Key, severity: Severity, message: str) -> None:
        sheet.note(line, place[key], severity, f"column '{sheet.names[key]}': {message}")

    concept = Concept(cells.get(("", "id"), ""), line, tags_lang=sheet.tags_lang)
    concept.own_id = any(row[i].strip().endswith(f"terms/{concept.key}/") for i in sheet.urls if i < len(row))
    for name in ("tags", "related", "broader"):
        setattr(concept, name, [(item, line) for item in cell_items(cells.get(("", name), ""))])
    concept.draft = _flag(cells.get(("", "draft"), ""), lambda m: report(("", "draft"), Severity.WARNING, m))
    for lang in sheet.languages:
        values = {column: cells.get((lang, column), "") for column in _TEXT_COLUMNS}
        if any(values.values()):
            concept.texts[lang] = _block(values, line, lambda c, s, m, lang=lang: report((lang, c), s, m))
    return concept


def _swallowed(row: list[str], width: int, line: int, sheet: Sheet) -> None:
    """A warning for a cell with a line that looks like a row of the sheet (as many cells, an
    id where the id stands): a quote left open that a later quote happened to close."""
    id_index = next((i for i, key in sheet.columns.items() if key == ("", "id")), None)
    for index, cell in enumerate(row if id_index is not None else ()):
        for text in cell.splitlines()[1:]:
            pieces = text.split(sheet.delimiter)
            if len(pieces) >= width and ID_RULE.match(pieces[id_index].strip()):
                sheet.note(line, index + 1, Severity.WARNING, f"the cell in column {index + 1} has a line "
                           f"that looks like a row ('{text[:40]}'): a quote left open? The row is read "
                           "with it as one cell: check it")
                return


def _cell(raw: str, key: Key) -> str:
    """A cell's text, stripped; a body keeps its final line end (``|`` and ``|-`` in YAML), so
    that an exported entry comes back byte for byte."""
    text = csv_text(raw).strip()
    return text + "\n" if text and key[1] == "body" and raw.endswith(("\n", "\r")) else text


def _flag(cell: str, warn: Callable[[str], None]) -> bool:
    value = cell.strip().casefold()
    if value in _TRUE or value in _FALSE:
        return value in _TRUE
    warn(f"'{cell}' is neither true nor false: the entry is made a draft (check it, then remove 'draft')")
    return True


def markdown(text: str) -> str:
    """A Markdown cell as the entry holds it: NFC, line ends as ``\\n``, no space around."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def _block(values: dict[str, str], line: int, report: Callable[[str, Severity, str], None]) -> dict[str, Any]:
    block = new_block(line)
    block.update(title=clean(values["title"]), summary=markdown(values["summary"]))
    for name in ("gender", "pos", "qualifier"):
        block[name] = clean(values[name]) or None
    for name in _TERM_LISTS:
        block[name] = [clean(item) for item in cell_items(values[name])]
    block["highlights"] = [markdown(item) for item in cell_items(values["highlights"])]
    body = markdown(values["body"])
    block["body"] = body + "\n" if body and values["body"].endswith("\n") else body
    block["sources"] = []
    for title, url in cell_pairs(values["sources"]):
        if title and url:
            block["sources"].append({"title": clean(title), "url": clean(url)})
        else:
            missing = "address" if title else "title"
            report("sources", Severity.WARNING, f"the source '{title or url}' has no {missing}: left out "
                   "(write it as 'Title <https://…>')")
    block["context"] = [{"text": markdown(text), **({"source": clean(source)} if source else {})}
                        for text, source in cell_pairs(values["context"]) if text]
    day = _DAY_FIRST.fullmatch(values["reviewed"].strip())
    reviewed = f"{day[3]}-{int(day[2]):02d}-{int(day[1]):02d}" if day else clean(values["reviewed"])
    block["reviewed"] = reviewed or None
    return block

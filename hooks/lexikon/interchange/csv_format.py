"""CSV both ways: ``glossary.<lang>.csv`` for spreadsheets, and ``lexicon import-csv``.

Written: one file per language, ``id, title, aliases, summary, url, gender, pos,
abbreviations, deprecated`` (:data:`CSV_COLUMNS`); lists joined with ``"; "``, the summary
as plain text, gender and part of speech as the entry writes them (``n``, ``noun``).
UTF-8 with a byte order mark (Excel reads UTF-8 only then), CRLF line ends and minimal
quoting (RFC 4180). A cell that a spreadsheet would run as
a formula (``= + - @``, tab, CR first) gets a leading ``'`` (the usual defence against CSV
injection). Entries without the language have no row.

Read (a spreadsheet, or our own file): UTF-8 (with or without BOM), separated by commas,
semicolons (Excel in German and Danish) or tabs, whichever the header line uses. Columns by
name, in any order: ``title`` and ``summary`` are required; ``id``, ``aliases``, ``tags``,
``related``, ``abbreviations`` and ``deprecated`` (lists separated by ``;``), ``gender`` and
``pos`` are optional (a value the language does not have is the new file's error, as in any
entry); others (``url``) are reported as not used. The leading ``'`` that guards a
formula-like cell is removed.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from lexikon.core.escape import CSV_SEPARATORS, csv_cell, csv_text
from lexikon.core.model import Finding, Glossary, Severity
from lexikon.core.settings import Settings
from lexikon.interchange.export_text import UrlOf, summary_text
from lexikon.interchange.term_files import finish, run_terms
from lexikon.interchange.terms import (
    Concept,
    SourceProblem,
    TermImport,
    clean,
    failed,
    new_block,
    problem,
    read_source,
)

CSV_COLUMNS = ("id", "title", "aliases", "summary", "url", "gender", "pos", "abbreviations", "deprecated")
"""The export's columns; the terminology ones come last, so that a sheet made from the older
five columns keeps its places."""
_LIST_COLUMNS = ("aliases", "abbreviations", "deprecated")
_READ_COLUMNS = ("id", "title", "aliases", "summary", "tags", "related", "gender", "pos",
                 "abbreviations", "deprecated")
"""The columns an import uses; any other is reported as not used."""
ALIAS_SEPARATOR = "; "
_NEEDS_QUOTES = re.compile(f'[{re.escape(CSV_SEPARATORS)}"]')


# --- writing ----------------------------------------------------------------------------------
def glossary_csv(glossary: Glossary, lang: str, url_of: UrlOf) -> str:
    """``glossary.<lang>.csv`` as text, starting with the byte order mark, CRLF line ends."""
    rows = [csv_row(CSV_COLUMNS)]
    for entry in glossary.entries.values():
        text = entry.texts.get(lang)
        if text is None:
            continue
        rows.append(csv_row([csv_cell(value) for value in (
            entry.id, text.title, ALIAS_SEPARATOR.join(text.aliases),
            summary_text(glossary, entry, lang), url_of(lang, entry.id), text.gender or "",
            text.pos or "", ALIAS_SEPARATOR.join(text.abbreviations),
            ALIAS_SEPARATOR.join(text.deprecated))]))
    return "\ufeff" + "".join(rows)


def csv_row(cells: Iterable[str]) -> str:
    """One RFC 4180 line (comma, CRLF), every cell that holds a separator any spreadsheet
    may split on (:data:`escape.CSV_SEPARATORS`) or a quote in quotes: the csv module quotes
    only for its own delimiter, and German and Danish Excel split on ``;``."""
    return ",".join(f'"{cell.replace(chr(34), chr(34) * 2)}"' if _NEEDS_QUOTES.search(cell) else cell
                    for cell in cells) + "\r\n"


# --- reading ----------------------------------------------------------------------------------
def import_csv(path: Path, lang: str, settings: Settings) -> TermImport:
    """New entries, one ``lang`` block each, from a spreadsheet saved as CSV."""
    source = str(path)
    try:
        if lang not in settings.codes:
            raise SourceProblem(f"language '{lang}' is not configured (the site has "
                                f"{', '.join(settings.codes)})")
        concepts, findings = _read_csv(read_source(path), lang, source)
    except SourceProblem as err:
        return failed(source, err)
    return finish(concepts, findings, settings, source)


def run_import_csv(settings: Settings, source: Path, lang: str, *, dry_run: bool = False,
                   out: IO[str] | None = None) -> int:
    """``lexicon import-csv FILE --lang LANG``: the exit code (1 when anything was refused)."""
    return run_terms(import_csv(source, lang, settings), settings, dry_run, out or sys.stdout)


def _read_csv(data: bytes, lang: str, source: str) -> tuple[list[Concept], list[Finding]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        raise problem("the file is not UTF-8: save it as 'CSV UTF-8' (Excel) or with UTF-8 "
                       "encoding", line) from err
    header_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=header_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [cell.strip().casefold() for cell in next(iter(_rows(reader)))]
    except StopIteration:
        raise problem("the file is empty: the first line must name the columns") from None
    findings: list[Finding] = []
    missing = [name for name in ("title", "summary") if name not in header]
    if missing:
        raise problem(f"no column {' or '.join(repr(m) for m in missing)} in the first line "
                       f"(it has {', '.join(repr(h) for h in header)})")
    for name in header:
        if name not in _READ_COLUMNS:
            findings.append(Finding(source, 1, header.index(name) + 1, Severity.NOTE,
                                    f"column '{name}' is not used (an entry has no field for it)"))
    concepts: list[Concept] = []
    line = 2
    for row in _rows(reader):
        start, line = line, reader.line_num + 1
        cells = {name: _unguard(row[i]).strip() for i, name in enumerate(header) if i < len(row)}
        if not any(cells.values()):
            continue
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header):]):
            findings.append(Finding(source, start, 1, Severity.WARNING,
                                    f"{len(row) - len(header)} cell(s) beyond the named columns left out"))
        concept = Concept(cells.get("id", ""), start, tags_lang=lang)
        concept.tags = [(t, start) for t in _split(cells.get("tags", ""))]
        concept.related = [(r, start) for r in _split(cells.get("related", ""))]
        block = concept.texts[lang] = new_block(start)
        block.update({key: clean(cells.get(key, "")) for key in ("title", "summary")})
        block.update({key: clean(cells.get(key, "")) or None for key in ("gender", "pos")})
        for name in _LIST_COLUMNS:
            block[name] = [clean(term) for term in _split(cells.get(name, ""))]
        concepts.append(concept)
    return concepts, findings


def _rows(reader: Any) -> Iterable[list[str]]:
    """The reader's rows; a row it cannot read (a cell over the csv module's 128 KB limit)
    is a problem at the line where the reader stopped."""
    try:
        yield from reader
    except csv.Error as err:
        raise problem(f"this row cannot be read ({err}): a cell this long is not a term; fix the row "
                       "(or a quote left open above it)", reader.line_num) from None


def _unguard(cell: str) -> str:
    """The cell without the ``'`` our export puts before formula-like text."""
    return csv_text(cell)


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


"""CSV both ways: ``glossary.csv`` and ``glossary.<lang>.csv`` for spreadsheets, and
``lexicon import-csv``.

Written (:mod:`.csv_write`), UTF-8 with a byte order mark (Excel reads UTF-8 only then), CRLF
line ends, minimal quoting (RFC 4180), comma-separated unless ``lexicon export --delimiter``
says ``;`` or ``tab`` (the site's files are always comma-separated):

- ``glossary.csv``: everything an entry holds, one row per entry, so that an import gives
  the entry back field by field: ``id, tags, related, broader, draft``, then a group per
  language, ``de.title, de.qualifier, de.aliases, de.summary, de.body, de.gender, de.pos,
  de.abbreviations, de.deprecated, de.forms, de.highlights, de.sources, de.context,
  de.reviewed, de.url``, ``da.title, …``. The summary, body, highlights and usage
  sentences as their Markdown source (``[[id]]`` links and all); ``draft`` is ``true`` or
  empty; a language the entry lacks has its cells empty. Only published entries are
  exported (as everywhere), the column is for sheets that mark rows as drafts.
- ``glossary.<lang>.csv``, for readers and other tools, unchanged: ``id, title, aliases,
  summary, url, gender, pos, abbreviations, deprecated`` (:data:`CSV_COLUMNS`), the summary
  as plain text; entries without the language have no row.

List cells (tags, related, broader, aliases, abbreviations, deprecated, forms, highlights)
hold their items joined with ``"; "``; inside an item ``\\;`` is a ``;`` and ``\\\\`` a
backslash (a backslash before any other character is itself, so ``C:\\Pfad`` stays).
``sources`` items are ``Title <https://…>``, ``context`` items ``sentence <source>`` or just
``sentence``; in those two ``\\<`` and ``\\>`` are ``<`` and ``>`` (:mod:`.csv_cells`). A
cell a spreadsheet would run as a formula (``= + - @``, tab, CR first, also after a separator
or line break inside it) gets a leading ``'`` (the usual defence against CSV injection).

Read (:mod:`.csv_read`, the text and rows by :mod:`.csv_lines`; a spreadsheet, or our own
files): UTF-8 with or without BOM, UTF-16 (Excel's "Unicode Text") and UTF-32 with their BOM;
anything else is refused at its first foreign byte (Excel's plain "CSV" is Windows-1252,
and a guessed code page would turn "ø" into another letter unnoticed: "CSV UTF-8" is one
click). A quote never closed is an error where it opens (the lines after it are not read:
they cannot be told apart from the cell); a quote closed in the middle of a cell refuses
that row only; so does an id over 120 characters (a file name). The delimiter (comma,
semicolon, tab) is sniffed from the first line. Columns by name, in any order,
case-insensitive: ``<lang>.<field>`` for a language's fields (a prefix
the site has no language for is one warning, its columns left out), ``id, tags, related,
broader, draft`` for the entry's own; columns without a prefix (``title``, ``summary``,
…) are the language ``--lang`` names, or the file name's (``glossary.da.csv``). Each
language read needs its ``title`` and ``summary`` column; other columns (``url``) are
reported as not used. The ``'`` guarding a formula is removed; CRLF inside a cell becomes a
line break; ``draft`` takes true/false as German and Danish Excel save them (WAHR, SAND…);
``reviewed`` also as ``30.11.2026`` or ``30-11-2026``; a body ends with a line end when its
cell does (an exported entry comes back byte for byte); a no-break space stays one.

A row whose id (or title's id) names no entry makes a new one (:mod:`.terms`); a row for an
existing entry adds the languages the entry lacks and leaves every other byte of its file
(:mod:`.csv_merge`); a language it has is a conflict, reported, never overwritten. The
summary, the last line, counts every row: such rows as merged, with the languages added.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import IO

from lexikon.core.escape import csv_cell
from lexikon.core.model import Finding, Severity
from lexikon.core.paths import shown
from lexikon.core.settings import Settings
from lexikon.interchange.csv_lines import decode
from lexikon.interchange.csv_merge import Added, check_added, merge, write_added
from lexikon.interchange.csv_read import read_rows
from lexikon.interchange.csv_write import (
    ALIAS_SEPARATOR,
    CSV_COLUMNS,
    csv_row,
    glossary_all_csv,
    glossary_csv,
)
from lexikon.interchange.term_counts import APPEARED, HEADER_REFUSED, Counts
from lexikon.interchange.term_files import finish, run_terms
from lexikon.interchange.terms import SourceProblem, TermImport, failed, read_source


@dataclasses.dataclass(frozen=True)
class CsvImport(TermImport):
    """A term import that may also add languages to entries that exist."""

    added: Mapping[str, Added] = dataclasses.field(default_factory=dict)
    """``id`` → the entry's file with the languages added; each passed the check."""
    added_rows: Mapping[str, int] = dataclasses.field(default_factory=dict)
    """``id`` → the rows that added to it (counted merged: skipped when the file is not written)."""


def _extended(result: TermImport, **changes: object) -> CsvImport:
    values = {f.name: getattr(result, f.name) for f in dataclasses.fields(result)}
    return CsvImport(**{**values, **changes})


def import_csv(path: Path, lang: str | None, settings: Settings) -> CsvImport:
    """The new entries and added languages a spreadsheet saved as CSV gives; ``lang`` is the
    language of the columns without a prefix (None: from the file name, if it names one)."""
    source = str(path)
    findings: list[Finding] = []
    counts = Counts()
    try:
        if lang is not None and lang not in settings.codes:
            raise SourceProblem(f"language '{lang}' is not configured (the site has "
                                f"{', '.join(settings.codes)})")
        if lang is None and len(path.name.split(".")) > 2 and path.name.split(".")[-2] in settings.codes:
            lang = path.name.split(".")[-2]
            findings.append(Finding(source, 1, 1, Severity.NOTE, f"columns without a language are read as "
                                    f"'{lang}', as the file's name says (--lang names another)"))
        concepts, sheet = read_rows(decode(read_source(path)), source, lang, settings.codes)
    except SourceProblem as err:
        rows = getattr(err, "rows", 0)  # a refused first line: its rows are counted, all skipped
        counts.concepts = rows
        counts.skip(HEADER_REFUSED, rows)
        return _extended(failed(source, err), counts=counts)
    for reason, number in sheet.refused.items():
        counts.concepts += number
        counts.skip(reason, number)
    new, merged = merge(concepts, settings, source)
    findings += sheet.findings + merged.findings
    # a file that only adds languages has nothing to build: the glossary is read once, below
    result = finish(new, findings, settings, source, counts=counts) if new else \
        TermImport({}, tuple(sorted(findings, key=lambda f: (f.line, f.col))), counts=counts)
    checked = check_added(merged, result.entries, settings)
    merged.count(counts)
    return _extended(result, findings=(*result.findings, *checked), counts=counts,
                     conflicts=(*result.conflicts, *merged.conflicts), added=dict(merged.added),
                     added_rows=dict(merged.rows))


def run_import_csv(settings: Settings, source: Path, lang: str | None, *, dry_run: bool = False,
                   out: IO[str] | None = None) -> int:
    """``lexicon import-csv FILE [--lang LANG]``: the exit code (1 when anything was refused)."""
    out = sys.stdout if out is None else out
    result = import_csv(source, lang, settings)

    def added(dry: bool) -> list[Finding]:
        """The languages added to existing entries: shown (dry run) or written, before the summary."""
        if dry:
            for added in result.added.values():
                out.write(f"--- {shown(added.path, settings.project_dir)} (dry run: "
                          f"{', '.join(added.languages)} added)\n{added.data.decode('utf-8-sig')}")
            out.write(f"dry run: would add languages to {len(result.added)} entries; nothing written\n")
            return []
        written, problems = write_added(result.added, settings)
        for finding in problems:
            out.write(f"{finding}\n")
        for added in written:
            out.write(f"added {', '.join(added.languages)} to {shown(added.path, settings.project_dir)}\n")
        for entry_id, left in result.added.items():
            if left not in written:  # the file changed meanwhile: its rows are skipped after all
                rows = result.added_rows.get(entry_id, 0)
                result.counts.merged -= rows
                result.counts.skip(APPEARED, rows)
                result.counts.languages_added -= len(left.languages)
                result.counts.extended -= 1
        return problems

    return run_terms(result, settings, dry_run, out, added)


__all__ = ["ALIAS_SEPARATOR", "CSV_COLUMNS", "CsvImport", "csv_cell", "csv_row", "glossary_all_csv",
           "glossary_csv", "import_csv", "run_import_csv"]

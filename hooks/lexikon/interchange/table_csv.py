"""The translators' table of a language pair as CSV: ``glossary.<lang>-<other>.csv``.

The rows and their order are the page's (:func:`lexikon.core.term_table.table_rows`: the
first language's collation, drafts left out), written like ``glossary.<lang>.csv`` (UTF-8
with a byte order mark, CRLF, every cell guarded against formulas). Columns: ``id``, then
per language (first, then other) ``<lang>_title``, ``<lang>_qualifier``, ``<lang>_gender``
(the word the language's dictionaries show: "das", "en"), ``<lang>_abbreviations`` and
``<lang>_deprecated`` (lists joined with ``"; "``), and ``url`` (the page in the first
language). A concept missing in a language has that language's cells empty: a title is
never empty otherwise.
"""

from __future__ import annotations

from lexikon.core.escape import csv_cell
from lexikon.core.model import Glossary
from lexikon.core.term_table import TableCell, table_rows
from lexikon.interchange.csv_format import ALIAS_SEPARATOR, csv_row
from lexikon.interchange.export_text import UrlOf

LANGUAGE_COLUMNS = ("title", "qualifier", "gender", "abbreviations", "deprecated")


def table_columns(languages: tuple[str, str]) -> tuple[str, ...]:
    """The header of the pair's file."""
    return ("id", *(f"{lang}_{column}" for lang in languages for column in LANGUAGE_COLUMNS), "url")


def table_csv(glossary: Glossary, languages: tuple[str, str], url_of: UrlOf, delimiter: str = ",") -> str:
    """The pair's file as text, starting with the byte order mark, CRLF line ends."""
    lines = [csv_row(table_columns(languages), delimiter)]
    for row in table_rows(glossary, languages):
        values = [row.entry.id, *(value for cell in row.cells for value in _cell_values(cell)),
                  url_of(languages[0], row.entry.id)]
        lines.append(csv_row((csv_cell(value) for value in values), delimiter))
    return "\ufeff" + "".join(lines)


def _cell_values(cell: TableCell | None) -> tuple[str, ...]:
    if cell is None:
        return ("",) * len(LANGUAGE_COLUMNS)
    return (cell.title, cell.qualifier or "", cell.gender, ALIAS_SEPARATOR.join(cell.abbreviations),
            ALIAS_SEPARATOR.join(cell.deprecated))

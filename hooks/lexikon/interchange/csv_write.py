"""Writing the CSV files (the format: :mod:`lexikon.interchange.csv_format`)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from lexikon.core.escape import CSV_SEPARATORS, csv_cell
from lexikon.core.model import Entry, Glossary, Text
from lexikon.interchange.csv_cells import SEPARATOR, context_cell, list_cell, sources_cell
from lexikon.interchange.export_text import UrlOf, summary_text

CSV_COLUMNS = ("id", "title", "aliases", "summary", "url", "gender", "pos", "abbreviations", "deprecated")
"""The per-language file's columns; the terminology ones come last, so that a sheet made from
the older five columns keeps its places."""
ENTRY_COLUMNS = ("id", "tags", "related", "broader", "draft")
"""The columns of ``glossary.csv`` before the languages' groups."""
LANGUAGE_COLUMNS = ("title", "qualifier", "aliases", "summary", "body", "gender", "pos", "abbreviations",
                    "deprecated", "forms", "highlights", "sources", "context", "reviewed", "url")
"""Each language's group in ``glossary.csv``, every column named ``<lang>.<column>``."""
ALIAS_SEPARATOR = SEPARATOR
DELIMITERS = {",": ",", ";": ";", "tab": "\t", "\t": "\t"}
"""What ``lexicon export --delimiter`` takes, and the character each names."""
_NEEDS_QUOTES = re.compile(f'[{re.escape(CSV_SEPARATORS)}"]')


def csv_row(cells: Iterable[str], delimiter: str = ",") -> str:
    """One RFC 4180 line (CRLF), every cell that holds a separator any spreadsheet may split
    on (:data:`escape.CSV_SEPARATORS`) or a quote in quotes: the csv module quotes only for
    its own delimiter, and German and Danish Excel split on ``;``."""
    return delimiter.join(f'"{cell.replace(chr(34), chr(34) * 2)}"' if _NEEDS_QUOTES.search(cell) else cell
                          for cell in cells) + "\r\n"


def _file(rows: list[str]) -> str:
    return "\ufeff" + "".join(rows)


def glossary_csv(glossary: Glossary, lang: str, url_of: UrlOf, delimiter: str = ",") -> str:
    """``glossary.<lang>.csv`` as text, starting with the byte order mark, CRLF line ends."""
    rows = [csv_row(CSV_COLUMNS, delimiter)]
    for entry in glossary.entries.values():
        text = entry.texts.get(lang)
        if text is None:
            continue
        rows.append(csv_row([csv_cell(value) for value in (
            entry.id, text.title, list_cell(text.aliases), summary_text(glossary, entry, lang),
            url_of(lang, entry.id), text.gender or "", text.pos or "", list_cell(text.abbreviations),
            list_cell(text.deprecated))], delimiter))
    return _file(rows)


def all_columns(languages: Iterable[str]) -> tuple[str, ...]:
    """The header of ``glossary.csv``."""
    return (*ENTRY_COLUMNS, *(f"{lang}.{column}" for lang in languages for column in LANGUAGE_COLUMNS))


def glossary_all_csv(glossary: Glossary, url_of: UrlOf, delimiter: str = ",") -> str:
    """``glossary.csv``: every entry given in one row, every language in its group of columns,
    the texts as their Markdown source (what an import needs to give the entry back)."""
    rows = [csv_row(all_columns(glossary.languages), delimiter)]
    for entry in glossary.entries.values():
        cells = [entry.id, list_cell(entry.tags), list_cell(entry.related), list_cell(entry.broader),
                 "true" if entry.draft else ""]
        for lang in glossary.languages:
            cells += _text_cells(entry, entry.texts[lang], url_of) if lang in entry.texts else \
                [""] * len(LANGUAGE_COLUMNS)
        rows.append(csv_row((csv_cell(cell) for cell in cells), delimiter))
    return _file(rows)


def _text_cells(entry: Entry, text: Text, url_of: UrlOf) -> list[str]:
    cells = {
        "title": text.title, "qualifier": text.qualifier or "", "aliases": list_cell(text.aliases),
        "summary": text.summary, "body": text.body, "gender": text.gender or "", "pos": text.pos or "",
        "abbreviations": list_cell(text.abbreviations), "deprecated": list_cell(text.deprecated),
        "forms": list_cell(text.forms), "highlights": list_cell(text.highlights),
        "sources": sources_cell(text.sources), "context": context_cell(text.context),
        "reviewed": str(text.reviewed or ""), "url": url_of(text.lang, entry.id),
    }
    return [cells[column] for column in LANGUAGE_COLUMNS]

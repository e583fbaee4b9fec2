"""The translators' table of a language pair: every published concept with, per language, its
title (and qualifier), gender, abbreviations and terms not to use, in the first language's order.

One home for what a row holds, so that the page (:mod:`lexikon.render.table_page`) and its
CSV (:mod:`lexikon.interchange.table_csv`) show the same columns in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass

from lexikon.core.locale import load_locale
from lexikon.core.model import Entry, Glossary
from lexikon.core.queries import title_of


@dataclass(frozen=True)
class TableCell:
    """One language's side of a row: what a translator needs of the term."""

    lang: str
    title: str
    qualifier: str | None
    gender: str
    """The word a dictionary shows for the gender ("das", "en"); '' when the entry names none."""
    abbreviations: tuple[str, ...]
    deprecated: tuple[str, ...]


@dataclass(frozen=True)
class TableRow:
    """One concept: its entry and a cell per language of the pair (None: not in that language)."""

    entry: Entry
    cells: tuple[TableCell | None, ...]


def pair_entries(glossary: Glossary) -> list[Entry]:
    """The entries the table lists: every published one (drafts are checked, not shown)."""
    return [entry for entry in glossary.entries.values() if not entry.draft]


def table_rows(glossary: Glossary, languages: tuple[str, str]) -> list[TableRow]:
    """The table of ``languages`` (page language first), sorted by the first language's
    collation; a concept missing there sorts by its title in the language it has."""
    first = load_locale(languages[0])
    rows = [TableRow(entry, tuple(table_cell(entry, lang) for lang in languages))
            for entry in pair_entries(glossary)]

    def key(row: TableRow) -> tuple:
        title = title_of(row.entry, languages[0])
        qualifier = row.cells[0].qualifier if row.cells[0] else None
        return first.sort_key(title), first.sort_key(qualifier or ""), row.entry.id

    return sorted(rows, key=key)


def table_cell(entry: Entry, lang: str) -> TableCell | None:
    """The entry's side in ``lang``, its gender as that language's dictionaries write it."""
    text = entry.texts.get(lang)
    if text is None:
        return None
    gender = load_locale(lang).genders.get(text.gender, "") if text.gender else ""
    return TableCell(lang, text.title, text.qualifier, gender, text.abbreviations, text.deprecated)


def language_pairs(languages: tuple[str, ...], lang: str) -> list[tuple[str, str]]:
    """The pairs a language's site has a table for: it first, then each other language."""
    return [(lang, other) for other in languages if other != lang]

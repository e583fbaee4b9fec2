"""Deprecated terms against the names in use: a term not to be used must not be a title, an
alias or an abbreviation of any entry in its language, or the lexicon contradicts itself.

The names are folded (:func:`fold`) where each file is read (:func:`name_uses`); a clash
within one entry is judged there (:func:`own_clashes`), clashes between entries here in
the glossary-wide stage (:func:`check_deprecated`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from lexikon.check.yaml_nodes import place_of
from lexikon.core.model import Entry, FileReport, Finding, NameUse, Severity, TitleUse

NAME_KINDS = ("aliases", "abbreviations", "deprecated")
_WHAT = {"title": "the title", "aliases": "an alias", "abbreviations": "an abbreviation"}


def fold(text: str) -> str:
    """``text`` as names are compared: NFC, case-folded, white space collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def name_uses(entry: Entry) -> tuple[NameUse, ...]:
    """Each alias, abbreviation and deprecated term of ``entry``, folded and placed."""
    uses = []
    for code, text in entry.texts.items():
        for kind in NAME_KINDS:
            for index, written in enumerate(getattr(text, kind)):
                where = place_of(text.spans, f"{kind}[{index}]") or place_of(text.spans, "title")
                uses.append(NameUse(kind, code, fold(written), written, *where))  # type: ignore[misc]
    return tuple(uses)


def own_clashes(path: str, titles: Iterable[TitleUse], names: Iterable[NameUse]) -> list[Finding]:
    """Deprecated terms of an entry that are its own title, alias or abbreviation."""
    names = list(names)
    used = _names_in_use(((path, title) for title in titles), ((path, name) for name in names))
    return [_clash(path, name, used[(name.lang, name.key)][0])
            for name in names if name.kind == "deprecated" and (name.lang, name.key) in used]


def check_deprecated(reports: Iterable[FileReport], findings: list[Finding]) -> None:
    """Deprecated terms that are another entry's title, alias or abbreviation (errors)."""
    reports = list(reports)  # names and titles as records (the cache keeps plain tuples):
    titles = [(r.path, TitleUse._make(t)) for r in reports for t in r.titles]
    names = [(r.path, NameUse._make(n)) for r in reports for n in r.names]
    findings += deprecated_clashes(titles, names)


def deprecated_clashes(titles: list[tuple[str, TitleUse]], names: list[tuple[str, NameUse]]) -> list[Finding]:
    """:func:`check_deprecated` over titles and names given by path, in glossary order (all of
    the glossary's, or all of one folded name's)."""
    used = _names_in_use(titles, names)
    found = []
    for path, name in names:
        if name.kind != "deprecated":
            continue
        others = [use for use in used.get((name.lang, name.key), ()) if use[0] != path]
        if others:
            found.append(_clash(path, name, others[0]))
    return found


def _names_in_use(titles: Iterable[tuple[str, TitleUse]],
                  names: Iterable[tuple[str, NameUse]]) -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    """(language, folded name) → each (path, kind, name as written) that uses it."""
    used: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for path, title in titles:
        used.setdefault((title.lang, title.key), []).append((path, "title", title.title))
    for path, name in names:
        if name.kind != "deprecated":
            used.setdefault((name.lang, name.key), []).append((path, name.kind, name.written))
    return used


def _clash(path: str, name: NameUse, use: tuple[str, str, str]) -> Finding:
    other, kind, written = use
    where = "of this entry" if other == path else f"of {other}"
    return Finding(path, name.line, name.col, Severity.ERROR,
                   f"the deprecated {name.lang} term '{name.written}' is {_WHAT[kind]} {where} "
                   f"('{written}'): a term cannot be both in use and not to be used; remove it "
                   "from 'deprecated', or from the names in use")

"""Titles compared across entries: the same title twice, or two that only look the same.

A reader tells terms apart by their titles. Two entries with one title in one language
confuse readers and the index; two whose titles look identical but are written with other
letters (a Cyrillic "О" for a Latin "O") are worse: they look like one term and are found
as two. Each finding is made on every file involved, as a pull request shows annotations
only on the files it changes.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable
from importlib import resources

from lexikon.core.model import FileReport, Finding, Severity, TitleUse

Placed = tuple[FileReport, TitleUse]
"""A title and the entry that has it."""


def check_titles(reports: Iterable[FileReport], findings: list[Finding]) -> None:
    """Shared titles without distinct qualifiers (warned on both files) and look-alike titles
    (likewise). Two entries may share a title when their qualifiers tell them apart."""
    reports = list(reports)
    groups: dict[tuple[str, str], list[Placed]] = {}
    for report in reports:
        for use in map(TitleUse._make, report.titles):  # the cache keeps plain tuples
            groups.setdefault((use.lang, use.key), []).append((report, use))
    for group in groups.values():
        findings += shared_titles(group)
    if not any(map(has_foreign_letters, reports)):
        return  # only then are look-alikes sought (the table of confusables takes a moment to build)
    looks: dict[tuple[str, str], list[Placed]] = {}
    for (lang, key), group in groups.items():  # each title once: the first entry that has it
        looks.setdefault((lang, skeleton(key)), []).append(group[0])
    for firsts in looks.values():
        findings += look_alikes(firsts)


def has_foreign_letters(report: FileReport) -> bool:
    """Whether the report's titles have letters of other scripts than Latin-1: only then can
    a title look like another one and be written differently."""
    return any(char.isalpha() for title in report.titles for char in _BEYOND_LATIN1.findall(title[1]))


_BEYOND_LATIN1 = re.compile("[^\x00-\xff]")
"""Characters past Latin-1, found at C speed (most titles have none: no character is looked at
in Python)."""


def shared_titles(group: list[Placed]) -> list[Finding]:
    """The findings about one title (language, folded title) that ``group``'s entries have, in
    glossary order: each entry is compared with the earlier ones it cannot be told from."""
    same: dict[str, Placed] = {}
    found: list[Finding] = []
    for report, use in group:
        clash = _clash(same, use)
        if clash is not None:
            found.append(_shared(report, use, *clash))
            found.append(_shared(*clash, report, use))
        same.setdefault("\0first", (report, use))
        same.setdefault(use.qualifier, (report, use))
    return found


def look_alikes(firsts: list[Placed]) -> list[Finding]:
    """The findings about titles of one look (language, :func:`skeleton`): ``firsts`` are the
    first use of each such title, in glossary order; each is compared with the first of all."""
    seen, seen_use = firsts[0]
    found: list[Finding] = []
    for report, use in firsts[1:]:
        if seen is not report and seen_use.key != use.key:
            found.append(_look_alike(report, use, seen, seen_use.title))
            found.append(_look_alike(seen, seen_use, report, use.title))
    return found


def _clash(same: dict[str, Placed], use: TitleUse) -> Placed | None:
    """The earlier entry with this title that ``use`` cannot be told from: any, when ``use``
    has no qualifier; else one without a qualifier or with the same one. One comparison per
    title, however many entries share it."""
    if not use.qualifier:
        return same.get("\0first")
    return same.get("") or same.get(use.qualifier)


def _shared(report: FileReport, use: TitleUse, other: FileReport, other_use: TitleUse) -> Finding:
    """Ask for a qualifier on both entries (or for other ones, when theirs are the same)."""
    if use.qualifier and use.qualifier == other_use.qualifier:
        advice = (f"both have the qualifier '{use.qualifier}': give each a qualifier of its own "
                  f"in its '{use.lang}' block")
    else:
        advice = (f"give both a 'qualifier' in their '{use.lang}' block that tells the concepts "
                  f"apart (shown as '{use.title} (…)'), or make the titles distinct")
    return Finding(report.path, use.line, use.col, Severity.WARNING,
                   f"the {use.lang} title '{use.title}' is also the title of '{other.id}' "
                   f"({other.path}): {advice}")


def _look_alike(report: FileReport, use: TitleUse, other: FileReport, other_title: str) -> Finding:
    title = use.title
    foreign = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '?')}"
                        for c in dict.fromkeys(title + other_title) if not c.isascii() and c.isalpha()
                        and (c in title) != (c in other_title))
    letters = f" (it differs in {foreign})" if foreign else ""
    return Finding(report.path, use.line, use.col, Severity.WARNING,
                   f"the {use.lang} title '{title}' looks the same as '{other_title}', the title of "
                   f"'{other.id}' ({other.path}), but is written with other letters{letters}: "
                   "use the same letters, or make the titles distinct")


def skeleton(text: str) -> str:
    """``text`` with each character replaced by one representative of the characters that
    look like it (Unicode's confusables, as the ``confusable_homoglyphs`` package ships them)."""
    return text.translate(_prototypes())


@functools.cache
def _prototypes() -> dict[int, str]:
    """Character → the representative of its look-alikes: an ASCII one where there is one."""
    source = resources.files("confusable_homoglyphs").joinpath("confusables.json")
    data = json.loads(source.read_text("utf-8"))
    parent: dict[str, str] = {}

    def root(char: str) -> str:
        while parent.get(char, char) != char:
            parent[char] = parent.get(parent[char], parent[char])
            char = parent[char]
        return char

    for char, entries in data.items():
        for entry in entries:
            other = entry["c"]
            if len(char) == 1 and len(other) == 1:
                a, b = root(char), root(other)
                if a != b:
                    parent[max(a, b, key=_rank)] = min(a, b, key=_rank)
    return {ord(char): root(char) for char in parent if root(char) != char}


def _rank(char: str) -> tuple[bool, str]:
    return (not char.isascii(), char)

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
import unicodedata
from collections.abc import Iterable
from importlib import resources

from lexikon.core.model import FileReport, Finding, Severity, TitleUse


def check_titles(reports: Iterable[FileReport], findings: list[Finding]) -> None:
    """Shared titles without distinct qualifiers (warned on both files) and look-alike titles
    (likewise). Two entries may share a title when their qualifiers tell them apart."""
    first: dict[tuple[str, str], dict[str, tuple[FileReport, TitleUse]]] = {}
    looks: dict[tuple[str, str], tuple[FileReport, TitleUse]] = {}
    reports = list(reports)
    letters = set("".join(title[1] for report in reports for title in report.titles))
    foreign = any(ord(char) > 0xFF and char.isalpha() for char in letters)  # other scripts' letters:
    # only then are look-alikes sought (the table of confusables takes a moment to build)
    for report in reports:
        for use in map(TitleUse._make, report.titles):  # the cache keeps plain tuples
            same = first.setdefault((use.lang, use.key), {})
            clash = _clash(same, use)
            if clash is not None:
                findings.append(_shared(report, use, *clash))
                findings.append(_shared(*clash, report, use))
            same.setdefault("\0first", (report, use))
            same.setdefault(use.qualifier, (report, use))
            if not foreign or same["\0first"][1] is not use:  # look-alikes: each title once
                continue
            seen, seen_use = looks.setdefault((use.lang, skeleton(use.key)), (report, use))
            if seen is not report and seen_use.key != use.key:
                findings.append(_look_alike(report, use, seen, seen_use.title))
                findings.append(_look_alike(seen, seen_use, report, use.title))


def _clash(same: dict[str, tuple[FileReport, TitleUse]], use: TitleUse) -> tuple[FileReport, TitleUse] | None:
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

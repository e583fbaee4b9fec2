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

from lexikon.core.model import FileReport, Finding, Severity


def check_titles(reports: Iterable[FileReport], findings: list[Finding]) -> None:
    """Shared titles (warned on both files) and look-alike titles (likewise)."""
    first: dict[tuple[str, str], FileReport] = {}
    first_line: dict[tuple[str, str], tuple[int, int, str]] = {}
    looks: dict[tuple[str, str], tuple[FileReport, str, str, int, int]] = {}
    reports = list(reports)
    letters = set("".join(key for report in reports for _, key, *_ in report.titles))
    foreign = any(ord(char) > 0xFF and char.isalpha() for char in letters)  # other scripts' letters:
    # only then are look-alikes sought (the table of confusables takes a moment to build)
    for report in reports:
        for lang, key, title, line, col in report.titles:
            other = first.setdefault((lang, key), report)
            if other is not report:
                other_line, other_col, other_title = first_line[(lang, key)]
                findings.append(_shared(report, line, col, lang, title, other))
                findings.append(_shared(other, other_line, other_col, lang, other_title, report))
                continue
            first_line[(lang, key)] = (line, col, title)
            if not foreign:
                continue
            seen = looks.setdefault((lang, skeleton(key)), (report, key, title, line, col))
            if seen[0] is not report and seen[1] != key:
                findings.append(_look_alike(report, line, col, lang, title, seen[0], seen[2]))
                findings.append(_look_alike(seen[0], seen[3], seen[4], lang, seen[2], report, title))


def _shared(report: FileReport, line: int, col: int, lang: str, title: str, other: FileReport) -> Finding:
    return Finding(report.path, line, col, Severity.WARNING,
                   f"the {lang} title '{title}' is also the title of '{other.id}' ({other.path}): "
                   "make them distinct so readers can tell them apart")


def _look_alike(report: FileReport, line: int, col: int, lang: str, title: str,
                other: FileReport, other_title: str) -> Finding:
    foreign = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '?')}"
                        for c in dict.fromkeys(title + other_title) if not c.isascii() and c.isalpha()
                        and (c in title) != (c in other_title))
    letters = f" (it differs in {foreign})" if foreign else ""
    return Finding(report.path, line, col, Severity.WARNING,
                   f"the {lang} title '{title}' looks the same as '{other_title}', the title of "
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

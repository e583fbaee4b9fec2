"""What the article import did, line by line: nothing leaves the article unreported.

Each rule records a :class:`Change` with the input line it happened on and, when text went
away, that text; ``lexicon import`` prints them as ``FILE:LINE: what changed``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from lexikon.interchange.entry_yaml import ImportProblem


@dataclass(frozen=True)
class Change:
    """One thing the import did to the article."""

    line: int
    """1-based line of the input where it happened."""
    message: str
    removed: str = ""
    """The text that went away, if any: nothing leaves the article unreported."""


@dataclass(frozen=True)
class ImportResult:
    """An imported article: the language block, what was changed, and the file to write."""

    entry_id: str
    lang: str
    block: Mapping[str, Any]
    """title, summary, body, highlights, sources: as they stand in the file."""
    tags: tuple[str, ...]
    """Tags the keywords matched (written only into a new entry)."""
    changes: tuple[Change, ...]
    yaml_text: str
    """The whole text of ``glossary/<entry_id>.yml`` after the import."""
    existing: bool = False
    """Whether the entry file existed (only its ``lang`` block was replaced or added)."""
    bom: bool = field(default=False, repr=False)
    """The existing file began with a byte order mark; it is written back with one."""

    def report(self, source_name: str) -> str:
        """One line per change, ``FILE:LINE: what changed``."""
        return "".join(f"{source_name}:{c.line}: {c.message}\n" for c in self.changes)


class Changes:
    """The changes of one import, in the order the rules made them."""

    def __init__(self) -> None:
        self.items: list[Change] = []

    def add(self, line: int, message: str, removed: str = "") -> None:
        """Note a change; what was removed is quoted in the message unless it is there already."""
        shown = " ".join(removed.split())
        if shown and shown not in message:
            message = f"{message}: '{excerpt(shown)}'"
        self.items.append(Change(line, message, removed))

    def by_line(self) -> tuple[Change, ...]:
        return tuple(sorted(self.items, key=lambda c: c.line))


class LocatedProblem(ImportProblem):
    """No entry can be made, for a reason at a place in the article: printed
    ``path:line:col: error: …`` like every located finding."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column = line, column


def flat(value: Any) -> str:
    """A front matter value as one line of text, to quote what was not used."""
    if isinstance(value, list):
        return ", ".join(flat(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {flat(v)}" for k, v in value.items())
    return str(value)


def excerpt(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


__all__ = ["Change", "Changes", "ImportProblem", "ImportResult", "LocatedProblem", "excerpt", "flat"]

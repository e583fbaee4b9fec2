"""The list cells of the CSV files, both ways: items separated by ``;`` with a backslash
escape, and sources and usage sentences as ``text <source>`` items.

A list cell (aliases, tags, related, abbreviations, …) holds its items joined with
``"; "``. Inside an item ``\\;`` is a ``;`` and ``\\\\`` a backslash; ``\\<`` and ``\\>``
are ``<`` and ``>`` (needed only in the sources and context cells); a backslash before any
other character is itself, so ``C:\\Pfad`` stays as it is. The writer escapes only where
the reader would otherwise read something else.

A sources cell holds ``Title <https://…>`` items, a context cell ``sentence`` or
``sentence <source>`` items: what stands in the last unescaped ``<…>`` at the end of an
item is its address or source, a spreadsheet user types them as they read them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lexikon.core.model import Context, Source

SEPARATOR = "; "
_SPECIAL = ";\\<>"
_TOKEN = re.compile(r"\\([;\\<>])|(.)", re.DOTALL)
Item = list[tuple[str, bool]]
"""An item as read: each character, and whether it was escaped."""


def escape_item(item: str, brackets: bool = False) -> str:
    """``item`` as it stands in a list cell: ``;`` (and with ``brackets`` ``<`` ``>``)
    escaped, a backslash doubled where the reader would take it for an escape."""
    if ";" not in item and "\\" not in item and not (brackets and ("<" in item or ">" in item)):
        return item  # most items: nothing to escape, no character to visit
    out = []
    for index, char in enumerate(item):
        following = item[index + 1:index + 2]
        if char == ";" or (brackets and char in "<>"):
            out.append("\\" + char)
        elif char == "\\" and (not following or following in _SPECIAL):
            out.append("\\\\")
        else:
            out.append(char)
    return "".join(out)


def list_cell(items: Iterable[str]) -> str:
    """A list of one-line texts (or ids) as one cell."""
    return SEPARATOR.join(escape_item(item) for item in items)


def sources_cell(sources: Iterable[Source]) -> str:
    """``Title <url>; …``."""
    return SEPARATOR.join(f"{escape_item(s.title, True)} <{escape_item(s.url, True)}>" for s in sources)


def context_cell(contexts: Iterable[Context]) -> str:
    """``sentence <source>; sentence; …`` (a sentence without a source has no ``<…>``)."""
    return SEPARATOR.join(escape_item(c.text, True) + (f" <{escape_item(c.source, True)}>" if c.source
                                                       else "") for c in contexts)


def _items(cell: str) -> list[Item]:
    """The cell's items as read, split at each unescaped ``;``."""
    items: list[Item] = [[]]
    for match in _TOKEN.finditer(cell):
        escaped, char = match.group(1), match.group(2)
        if char == ";":
            items.append([])
        else:
            items[-1].append((escaped or char, escaped is not None))
    return items


def _text(item: Item) -> str:
    return "".join(char for char, _ in item).strip()


def cell_items(cell: str) -> list[str]:
    """The items of a list cell, each stripped; empty ones left out."""
    return [text for text in map(_text, _items(cell)) if text]


def cell_pairs(cell: str) -> list[tuple[str, str | None]]:
    """The ``text <source>`` items of a sources or context cell: each text with what stands
    in its final unescaped ``<…>`` (None when it has none); empty items left out."""
    pairs: list[tuple[str, str | None]] = []
    for item in _items(cell):
        while item and item[-1][0].isspace():
            item.pop()
        opening = next((i for i in range(len(item) - 1, -1, -1) if item[i] == ("<", False)), None)
        if item and item[-1] == (">", False) and opening is not None:
            pairs.append((_text(item[:opening]), _text(item[opening + 1:-1]) or None))
        elif _text(item):
            pairs.append((_text(item), None))
    return pairs

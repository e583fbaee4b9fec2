"""A Markdown body cut into blocks (runs of lines between blank lines), fenced code whole.

Deduplication compares blocks; what is code must stay one block, as a reader sees it, so
that no line of it is ever removed as a repeated paragraph.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lexikon.core.markdown_code import FENCE, fenced_blocks


@dataclass(frozen=True)
class Block:
    """A run of lines between blank lines, as it stands in the body."""

    text: str
    prose: bool
    """Paragraphs, lists and quotes are prose; headings, code and tables are not."""
    line: int = field(default=0, compare=False)
    """0-based line of the block's first line within the Markdown it was split from."""


_RUN_OF_LINES = re.compile(r"^[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*", re.M)
"""Lines that are not blank (``\\S``: as ``str.strip`` sees white space), one after another."""


def split_blocks(markdown: str) -> list[Block]:
    """Blocks of ``markdown`` in order; fenced code is one block even across blank lines.

    Between fenced blocks, a block is a run of non-blank lines, cut by one regex at C
    speed; a walk over lines (in the tests) is the reference it is
    tested against.
    """
    markdown = markdown.replace("\r\n", "\n")
    if "```" not in markdown and "~~~" not in markdown:
        return _runs_of_lines(markdown, 0, len(markdown), 0)
    lines = markdown.split("\n")
    fenced = fenced_lines(markdown, lines)
    if not fenced:
        return _runs_of_lines(markdown, 0, len(markdown), 0)
    offsets = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    blocks: list[Block] = []
    line = 0
    for first, last in fenced.items():
        blocks += _runs_of_lines(markdown, offsets[line], max(offsets[line], offsets[first] - 1), line)
        text = "\n".join(lines[first : last + 1])
        blocks.append(Block(text, is_prose(text), first))
        line = last + 1
    if line < len(lines):
        blocks += _runs_of_lines(markdown, offsets[line], len(markdown), line)
    return blocks


Run = tuple[str, bool, int]
"""A block's text, whether it is prose, and where it starts in the Markdown (an offset)."""


def unfenced_runs(markdown: str) -> list[Run] | None:
    """The blocks :func:`split_blocks` makes of ``markdown`` (with its ``\\r\\n`` as ``\\n``), as
    plain tuples, without the lines they start on (:func:`blocks_of_runs` counts those, when a
    finding needs a place); None for Markdown with fenced code, which only ``split_blocks`` cuts."""
    if "```" in markdown or "~~~" in markdown:
        return None
    if "\r\n" in markdown:
        markdown = markdown.replace("\r\n", "\n")
    return [(text, is_prose(text), run.start()) for run in _RUN_OF_LINES.finditer(markdown)
            for text in (run.group(0),)]


def blocks_of_runs(markdown: str, runs: list[Run]) -> list[Block]:
    """:func:`split_blocks`'s blocks of ``markdown`` from its :func:`unfenced_runs`."""
    markdown = markdown.replace("\r\n", "\n")
    blocks: list[Block] = []
    line = position = 0
    for text, prose, start in runs:
        line += markdown.count("\n", position, start)
        position = start
        blocks.append(Block(text, prose, line))
    return blocks


def _runs_of_lines(markdown: str, start: int, end: int, line: int) -> list[Block]:
    """The blocks of ``markdown[start:end]`` (no fence in it), whose first line is ``line``."""
    blocks: list[Block] = []
    position = start
    for run in _RUN_OF_LINES.finditer(markdown, start, end):
        line += markdown.count("\n", position, run.start())
        position = run.start()
        text = run.group(0)
        blocks.append(Block(text, is_prose(text), line))
    return blocks


def fenced_lines(markdown: str, lines: list[str]) -> dict[int, int]:
    """First line → last line of each fenced block, in either reading.

    A line is fenced code when either reading says so: CommonMark's (up to three spaces
    before the fence, closed by a fence of the same kind at least as long, or open to the
    end) or Python-Markdown's, which renders entries (a fence at the line's start, closed
    only by the very same fence; see :func:`lexikon.core.markdown_code.fenced_blocks`). Where
    they differ, the lines stay code, so deduplication never removes a line that a reader
    sees as code.
    """
    return _merged([*_commonmark_fences(lines), *((b.first, b.last) for b in fenced_blocks(markdown))])


def _commonmark_fences(lines: list[str]) -> Iterator[tuple[int, int]]:
    """``(first, last)`` line of each fenced block as CommonMark reads them."""
    fence: str | None = None
    start = 0
    for number, line in enumerate(lines):
        opener = FENCE.match(line) if "```" in line or "~~~" in line else None
        if fence is None:
            if opener:
                fence, start = opener.group(1), number
        elif opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
            fence = None
            yield start, number
    if fence is not None:
        yield start, len(lines) - 1


def _merged(ranges: list[tuple[int, int]]) -> dict[int, int]:
    """Overlapping line ranges joined: first line → last line."""
    merged: dict[int, int] = {}
    current: list[int] | None = None
    for first, last in sorted(ranges):
        if current is not None and first <= current[1]:
            current[1] = max(current[1], last)
            continue
        if current is not None:
            merged[current[0]] = current[1]
        current = [first, last]
    if current is not None:
        merged[current[0]] = current[1]
    return merged


_SETEXT_OR_RULE = re.compile(r"^ {0,3}(?:=+|-+|(?:[-*_][ \t]*){3,})[ \t]*$", re.M)
"""A setext heading's underline (``Beispiel`` / ``---``) or a rule (``***``, ``- - -``): a block
holding one is a heading or a rule, no paragraph (repeating one is no duplicate)."""


def is_prose(text: str) -> bool:
    """Whether ``text`` is a paragraph, list or quote: not a heading, rule, code or table."""
    if text[:1].isalpha() and "\n" not in text:
        return True  # one line that starts with a letter (most paragraphs): none of the others
    text = text.lstrip("\n")
    end = text.find("\n")
    first = text if end < 0 else text[:end]  # the first line, without copying the others
    if first.lstrip().startswith("#") or FENCE.match(first):
        return False
    if ("=" in text or "-" in text or "*" in text or "_" in text) and _SETEXT_OR_RULE.search(text):
        return False
    if first.startswith(("    ", "\t")):
        return False  # indented code
    return not first.lstrip().startswith("|")  # a table

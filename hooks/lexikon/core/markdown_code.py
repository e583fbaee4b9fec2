"""What Markdown reads as code: fenced blocks and code spans, found in linear time.

Code is shown, not run: the markup check reads only what is not code, and deduplication
never cuts a fenced block. Python-Markdown renders entries, so its reading is the one
followed here (``FENCE`` is CommonMark's, which some editors' previews show).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
"""A line that opens (or closes) a fenced block as CommonMark reads it: up to three spaces,
then three or more backticks or tildes."""

# Python-Markdown's own patterns (markdown/inlinepatterns.py, extensions/fenced_code.py), so
# that what we call code is exactly what the renderer treats as code.
_CODE_SPAN = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)", re.S)
"""What a code span is; :func:`code_spans` finds the same spans in linear time."""

_FENCE_OPENER = re.compile(
    r"(?P<fence>~{3,}|`{3,})[ ]*((\{(?P<attrs>[^\n]*)\})|(\.?(?P<lang>[\w#.+-]*)[ ]*)?"
    r"(hl_lines=(?P<quot>\"|')(?P<hl_lines>.*?)(?P=quot)[ ]*)?)\n")
"""The opening line of Python-Markdown's ``FENCED_BLOCK_RE`` (extensions/fenced_code.py)."""
_FENCE_CLOSER = re.compile(r"(~{3,}|`{3,})[ ]*$")
_FENCES = ("```", "~~~")


@dataclass(frozen=True)
class FencedBlock:
    """A fenced code block as Python-Markdown's fenced_code reads it, in lines of the text."""

    first: int
    """0-based line of the opening fence."""
    last: int
    """0-based line of the closing fence."""
    start: int
    """Offset of the opening fence in the text."""
    code: int
    """Offset of the code (the line after the opening fence)."""
    end: int
    """Offset just after the closing fence."""
    attrs: bool
    """Whether the opening fence carries ``{attributes}`` (they reach the page as markup)."""


def fenced_blocks(text: str) -> list[FencedBlock]:
    """Every fenced block of ``text``, exactly where ``FENCED_BLOCK_RE`` finds them.

    That regex looks, from each opening fence, lazily for its closing line: over lines of
    unclosed fences it costs the square of the text. Here each line is read once: a
    closing line is a fence alone on its line, exactly as long as the opening one, and
    the first such line after an opening fence closes it; an opening fence without one is
    no fence at all (the regex tries the next line).
    """
    if "```" not in text and "~~~" not in text:
        return []
    lines = text.split("\n")
    marked = [number for number, line in enumerate(lines) if line[:3] in _FENCES]
    if not marked:
        return []
    closers: dict[str, list[int]] = {}
    for number in marked:
        if match := _FENCE_CLOSER.match(lines[number]):
            closers.setdefault(match.group(1), []).append(number)
    found: list[tuple[int, int, bool]] = []
    after = 0  # the first line not inside a block found
    for number in marked:
        if number < after or number == len(lines) - 1:  # an opening line needs the line end after it
            continue
        opener = _FENCE_OPENER.match(lines[number] + "\n")
        candidates = closers.get(opener.group("fence"), []) if opener else []
        index = bisect.bisect_right(candidates, number)
        if opener and index < len(candidates):
            found.append((number, candidates[index], opener.group("attrs") is not None))
            after = candidates[index] + 1
    offsets = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0)) if found else []
    return [FencedBlock(first, last, offsets[first], offsets[first + 1],
                        min(offsets[last + 1] - 1, len(text)), attrs) for first, last, attrs in found]


def without_code(text: str) -> str:
    """``text`` with fenced and indented code and code spans blanked: what is code is shown,
    not run.

    Spans are looked for within one block (they never cross a blank line), and an
    escaped backtick opens none, as in Python-Markdown. A fence's ``{attributes}`` stay:
    they reach the page as markup. Every scan here is linear in the text.
    """
    if "    " in text or "\t" in text:
        text = without_indented_code(text)
    if "`" not in text:
        return without_fences(text) if "~~~" in text else text
    text = without_fences(text)
    blocks = re.split(r"(\n[ \t]*\n)", text)
    return "".join(_without_code_spans(block) if "`" in block else block for block in blocks)


_BLOCKS = re.compile(r"(?:^[ \t]*\n)+", re.M)
_LIST_ITEM = re.compile(r"[ ]{0,3}(?:[*+-]|\d+\.)[ \t]+")


def without_indented_code(text: str) -> str:
    """``text`` with indented code blocks blanked, as Python-Markdown reads them: a block
    (after a blank line) whose first line is indented by four spaces or a tab, unless it
    continues a list (the last block not indented was one: then it is the item's text)."""
    pieces: list[str] = []
    position = 0
    in_list = False
    for match in itertools.chain(_BLOCKS.finditer(text), [None]):
        end = match.start() if match else len(text)
        block = text[position:end]
        if block.startswith(("    ", "\t")):
            if not in_list:
                block = _blank(block)
        elif block:
            in_list = bool(_LIST_ITEM.match(block))
        pieces.append(block + (match.group(0) if match else ""))
        position = match.end() if match else len(text)
    return "".join(pieces)


def without_fences(text: str) -> str:
    pieces: list[str] = []
    position = 0
    for block in fenced_blocks(text):
        kept = block.code if block.attrs else block.start
        pieces += [text[position:kept], _blank(text[kept:block.end])]
        position = block.end
    return "".join(pieces) + text[position:]


def _blank(text: str) -> str:
    return _NOT_A_LINE_END.sub(" ", text)


_NOT_A_LINE_END = re.compile(r"[^\n]")


_BACKTICKS = re.compile(r"`+")


def code_spans(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each code span, as ``_CODE_SPAN`` (Python-Markdown's) finds them.

    The regex tries, from each run of backticks, every shorter opening and scans to the
    end of the text for each: quadratic. Its outcome, read off the runs once: a run
    opens with as many of its backticks as the longest later run of at most that length
    (a closing run is a whole run), and the span ends with the first such run. A run
    after a backslash opens without its first backtick.
    """
    runs = [(match.start(), match.end() - match.start()) for match in _BACKTICKS.finditer(text)]
    later: dict[int, list[int]] = {}
    for index, (_, length) in enumerate(runs):
        later.setdefault(length, []).append(index)
    cursor = dict.fromkeys(later, 0)
    longest = max(later, default=0)
    index = 0
    while index < len(runs):
        start, length = runs[index]
        if start and text[start - 1] == "\\":
            start, length = start + 1, length - 1
        closing = None
        for size in range(min(length, longest), 0, -1):
            indices = later.get(size)
            if indices is None:
                continue
            while cursor[size] < len(indices) and indices[cursor[size]] <= index:
                cursor[size] += 1
            if cursor[size] < len(indices):
                closing = indices[cursor[size]]
                break
        if closing is None:
            index += 1
            continue
        yield start, runs[closing][0] + runs[closing][1]
        index = closing + 1


MAX_CODE_SPAN_RUNS = 2000
"""Runs of backticks in one paragraph beyond which none is read as code: the text is then
checked as if nothing were code, which can only find more, never less."""


def _without_code_spans(block: str) -> str:
    if block.count("`") > MAX_CODE_SPAN_RUNS and len(_BACKTICKS.findall(block)) > MAX_CODE_SPAN_RUNS:
        return block
    pieces: list[str] = []
    position = 0
    for start, end in code_spans(block):
        span = block[start:end]
        # Python-Markdown takes out HTML blocks (a line starting with '<') before it reads
        # code spans: such a line inside a span is HTML, not code.
        if re.search(r"\n {0,3}<", span):
            continue
        pieces += [block[position:start], " " * (end - start)]
        position = end
    return "".join(pieces) + block[position:]

"""Stage 3: remove duplicate paragraphs, reporting each removal and each near miss.

The scraped texts we start from repeat whole paragraphs. A true duplicate (equal after
Unicode NFC and collapsing white space) is removed and noted; a near duplicate is kept
and warned about, because only an editor can tell which wording is right.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from lexikon.core import links
from lexikon.core.model import FINDING_ORDER, Entry, FileReport, Finding, Result, Severity, Span, Text

NEAR_DUPLICATE_RATIO = 0.9
"""Similarity (rapidfuzz's ``fuzz.ratio`` / 100) from which two different paragraphs are reported."""
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


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
    speed; :func:`_split_blocks_with_fences`, a walk over lines, is the reference it is
    tested against.
    """
    markdown = markdown.replace("\r\n", "\n")
    if "```" not in markdown and "~~~" not in markdown:
        return _runs_of_lines(markdown, 0, len(markdown), 0)
    lines = markdown.split("\n")
    fenced = _fenced_lines(markdown, lines)
    if not fenced:
        return _runs_of_lines(markdown, 0, len(markdown), 0)
    offsets = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    blocks: list[Block] = []
    line = 0
    for first, last in fenced.items():
        blocks += _runs_of_lines(markdown, offsets[line], max(offsets[line], offsets[first] - 1), line)
        text = "\n".join(lines[first : last + 1])
        blocks.append(Block(text, _is_prose(text), first))
        line = last + 1
    if line < len(lines):
        blocks += _runs_of_lines(markdown, offsets[line], len(markdown), line)
    return blocks


def _runs_of_lines(markdown: str, start: int, end: int, line: int) -> list[Block]:
    """The blocks of ``markdown[start:end]`` (no fence in it), whose first line is ``line``."""
    blocks: list[Block] = []
    position = start
    for run in _RUN_OF_LINES.finditer(markdown, start, end):
        line += markdown.count("\n", position, run.start())
        position = run.start()
        blocks.append(Block(run.group(0), _is_prose(run.group(0)), line))
    return blocks


def _fenced_lines(markdown: str, lines: list[str]) -> dict[int, int]:
    """First line → last line of each fenced block, in either reading (see the walk below)."""
    return _merged([*_commonmark_fences(lines), *((b.first, b.last) for b in links.fenced_blocks(markdown))])


def _split_blocks_with_fences(markdown: str) -> list[Block]:
    """The walk over lines, with every fenced block as one block, blank lines and all.

    A line is fenced code when either reading says so: CommonMark's (up to three spaces
    before the fence, closed by a fence of the same kind at least as long, or open to the
    end) or Python-Markdown's, which renders entries (a fence at the line's start, closed
    only by the very same fence; see :func:`links.fenced_blocks`). Where they differ, the
    lines stay code here, so deduplication never removes a line that a reader sees as code.
    """
    lines = markdown.split("\n")
    fenced = _fenced_lines(markdown, lines)
    blocks: list[Block] = []
    run: list[str] = []
    first = 0

    def close() -> None:
        if run:
            text = "\n".join(run)
            blocks.append(Block(text, _is_prose(text), first))
            run.clear()

    number = 0
    while number < len(lines):
        line = lines[number]
        if number in fenced:
            close()
            last = fenced[number]
            run.extend(lines[number : last + 1])
            first = number
            close()
            number = last + 1
            continue
        if line.strip():
            if not run:
                first = number
            run.append(line)
        else:
            close()
        number += 1
    close()
    return blocks


def _commonmark_fences(lines: list[str]) -> Iterator[tuple[int, int]]:
    """``(first, last)`` line of each fenced block as CommonMark reads them."""
    fence: str | None = None
    start = 0
    for number, line in enumerate(lines):
        opener = _FENCE.match(line) if "```" in line or "~~~" in line else None
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


def _is_prose(text: str) -> bool:
    first = text.lstrip("\n").split("\n", 1)[0]
    if first.lstrip().startswith("#") or _FENCE.match(first):
        return False
    if first.startswith(("    ", "\t")):
        return False  # indented code
    return not first.lstrip().startswith("|")  # a table


_STRUCTURAL_BREAK = re.compile(r"(?:(?<! ) {2,}|\\)\n|\n(?=[ \t]*(?:[-*+]|\d{1,9}[.)]|>)(?:[ \t]|$))")
"""A line break the reader sees: a hard break (two spaces or a backslash at the line's end)
or a new list item or quote line. Other line breaks are soft: the text flows on."""


def normalise(text: str) -> str:
    """The form in which two paragraphs are compared: what a reader sees, white space aside.

    Unicode NFC, runs of white space as one space; but line breaks a reader sees are kept,
    so a one-item list "- eins - zwei" is not a copy of the two items "- eins" / "- zwei",
    nor a line with a hard break a copy of the same words flowing on.
    """
    lines = _STRUCTURAL_BREAK.split(unicodedata.normalize("NFC", text))
    return "\n".join(" ".join(line.split()) for line in lines)


def deduplicate(result: Result) -> Result:
    """Remove duplicate paragraphs from every body; notes and warnings join the findings."""
    findings = list(result.findings)
    entries: dict[str, Entry] = {}
    for entry_id, entry in result.glossary.entries.items():
        entries[entry_id], found = deduplicate_entry(entry)
        findings.extend(found)
    glossary = dataclasses.replace(result.glossary, entries=entries)
    return Result(glossary, tuple(sorted(set(findings), key=FINDING_ORDER)), result.checked)


def deduplicate_report(report: FileReport) -> FileReport:
    """One file's report with its entry deduplicated and the removals among its findings."""
    if report.entry is None:
        return report
    entry, found = deduplicate_entry(report.entry)
    if entry is report.entry and not found:
        return report
    return dataclasses.replace(report, entry=entry, findings=report.findings + tuple(found))


def deduplicate_entry(entry: Entry) -> tuple[Entry, list[Finding]]:
    findings: list[Finding] = []
    texts = {}
    for code, text in entry.texts.items():
        texts[code], found = deduplicate_text(text)
        findings.extend(found)
    if all(texts[code] is text for code, text in entry.texts.items()):
        return entry, findings
    return dataclasses.replace(entry, texts=texts), findings


def deduplicate_text(text: Text) -> tuple[Text, list[Finding]]:
    """One language's body without repeats of its own paragraphs or of its summary."""
    blocks = split_blocks(text.body)
    span = text.spans.get("body")
    findings: list[Finding] = []
    kept: list[Block] = []
    summary_span = text.spans.get("summary")
    summary_line = f" on line {summary_span.line}" if summary_span else ""
    kept_keys: dict[str, str] = {normalise(text.summary): f"the summary{summary_line}"}
    where = _block_locations(span, blocks) if span is not None else {}
    kept_prose: list[tuple[str, tuple[int, int]]] = []
    for index, block in enumerate(blocks):
        if not block.prose:
            kept.append(block)
            continue
        key = normalise(block.text)
        line, col = where.get(index, (block.line + 1, 1))
        if key in kept_keys:
            if span is not None:
                findings.append(Finding(
                    span.path, line, col, Severity.NOTE,
                    f"removed a duplicate paragraph in '{text.lang}' (same as {kept_keys[key]}): "
                    f"'{_excerpt(key)}'",
                ))
            continue
        kept_keys[key] = f"the paragraph on line {line}"
        kept.append(block)
        kept_prose.append((key, (line, col)))
    if span is not None:
        findings.extend(_near_duplicates(text, span, kept_prose))
    if len(kept) == len(blocks):  # nothing removed: the body as written (rejoining adds lines)
        return text, findings
    body = "\n\n".join(block.text for block in kept)
    if text.body.endswith("\n") and body:
        body += "\n"
    return (text if body == text.body else dataclasses.replace(text, body=body)), findings


def _block_locations(span: Span, blocks: list[Block]) -> dict[int, tuple[int, int]]:
    """Line and column in the file of each block (keyed by its index in ``blocks``).

    In a literal block scalar (``body: |``) each line of the value is one line of the
    file: blocks are matched line for line, in order, so a block is found where it
    stands even when its words also occur earlier, and even in a body that has already
    lost its duplicates. Other styles fold lines; there the text is searched.
    """
    locations: dict[int, tuple[int, int]] = {}
    if span.raw.startswith("|"):
        raw_lines = span.raw.split("\n")[1:]
        stripped = [line.strip() for line in raw_lines]
        starting: dict[str, list[int]] = {}
        for number, line in enumerate(stripped):
            starting.setdefault(line, []).append(number)
        position = 0
        for index, block in enumerate(blocks):
            wanted = [line.strip() for line in block.text.split("\n")]
            candidates = starting.get(wanted[0], [])
            nearest = bisect.bisect_left(candidates, position)
            for start in candidates[nearest : nearest + _TRIES]:  # bounded: linear in the text
                if stripped[start : start + len(wanted)] == wanted:
                    line = raw_lines[start]
                    locations[index] = (span.line + 1 + start, len(line) - len(line.lstrip()) + 1)
                    position = start + len(wanted)
                    break
    locate = span.locator()
    for index, block in enumerate(blocks):
        if index not in locations:
            locations[index] = locate(block.text.split("\n", 1)[0].strip())
    return locations


_TRIES = 8
"""Places where a block's first line recurs that are tried before it is placed by search."""


_ALL_PAIRS_UP_TO = 16
"""Long paragraphs in one text up to which each is compared with every earlier one."""
_KEYS = 3
"""Words of a paragraph by which its earlier candidates are found: its rarest in the text."""
_PER_KEY = 8
"""Earlier paragraphs taken per word: the first that have it. The bound makes the search
linear; a near duplicate all of whose rare words are common everywhere can be missed."""


def _near_duplicates(text: Text, span: Span, prose: list[tuple[str, tuple[int, int]]]) -> Iterator[Finding]:
    """``prose``: each kept paragraph, normalised, with its place in the file.

    Each paragraph is compared with earlier ones of a comparable length, by rapidfuzz's
    normalised Indel similarity (``fuzz.ratio``: twice the longest common subsequence over
    both lengths; at least difflib's ratio) with a cut-off, so a pair far apart stops
    early. A text of many paragraphs takes its candidates from an index of their rarest
    words, a bounded number per word, instead of comparing all pairs.
    """
    long = [index for index, (paragraph, _) in enumerate(prose) if len(paragraph) >= 40]
    if len(long) < 2:
        return
    candidates = _all_earlier if len(long) <= _ALL_PAIRS_UP_TO else _indexed_earlier(prose, long)
    cutoff = NEAR_DUPLICATE_RATIO * 100
    for position, later_index in enumerate(long):
        later, location = prose[later_index]
        for earlier_index in candidates(long, position):
            earlier, earlier_location = prose[earlier_index]
            if not _comparable_lengths(len(earlier), len(later)):
                continue
            if not fuzz.ratio(earlier, later, score_cutoff=cutoff):
                continue
            yield Finding(
                span.path, *location, Severity.WARNING,
                f"this paragraph in '{text.lang}' is nearly the same as the paragraph on line "
                f"{earlier_location[0]} ('{_excerpt(later)}'): keep the better one and delete the other",
            )
            break


def _all_earlier(long: list[int], position: int) -> list[int]:
    return long[:position]


def _indexed_earlier(prose: list[tuple[str, tuple[int, int]]],
                     long: list[int]) -> Callable[[list[int], int], list[int]]:
    """Candidates by shared rare words: for each paragraph, the first few earlier paragraphs
    that hold one of its :data:`_KEYS` rarest words (rarest across this text)."""
    words = [set(prose[index][0].casefold().split()) for index in long]
    frequency = Counter(word for paragraph in words for word in paragraph)
    keys = [sorted(paragraph, key=lambda word: (frequency[word], word))[:_KEYS] for paragraph in words]
    holders: dict[str, list[int]] = {}
    for position, paragraph_keys in enumerate(keys):
        for word in paragraph_keys:
            positions = holders.setdefault(word, [])
            if len(positions) < _PER_KEY:
                positions.append(position)

    def earlier(long_: list[int], position: int) -> list[int]:
        found = {other for word in keys[position] for other in holders[word] if other < position}
        return [long_[other] for other in sorted(found)]

    return earlier


def _comparable_lengths(a: int, b: int) -> bool:
    """Long enough, and close enough in length, to be near duplicates at all."""
    shorter, longer = (a, b) if a <= b else (b, a)
    return shorter >= 40 and shorter >= NEAR_DUPLICATE_RATIO * longer


def _excerpt(text: str, length: int = 60) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"

"""Stage 3: remove duplicate paragraphs, reporting each removal and each near miss.

The scraped texts we start from repeat whole paragraphs. A true duplicate (equal after
Unicode NFC and collapsing white space) is removed and noted; a near duplicate is kept
and warned about (:mod:`lexikon.check.near_duplicates`), because only an editor can tell
which wording is right.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable

from lexikon.check.blocks import Block, Run, blocks_of_runs, split_blocks, unfenced_runs
from lexikon.check.near_duplicates import NEAR_DUPLICATE_RATIO, excerpt, near_duplicates, nearly_the_same
from lexikon.check.records import replaced
from lexikon.core.model import Entry, FileReport, Finding, Severity, Span, Text

__all__ = ["NEAR_DUPLICATE_RATIO", "deduplicate_entry", "deduplicate_report", "deduplicate_text",
           "nearly_the_same", "normalise"]


_STRUCTURAL_BREAK = re.compile(r"(?:(?<! ) {2,}|\\)\n|\n(?=[ \t]*(?:[-*+]|\d{1,9}[.)]|>)(?:[ \t]|$))")
"""A line break the reader sees: a hard break (two spaces or a backslash at the line's end)
or a new list item or quote line. Other line breaks are soft: the text flows on."""


def normalise(text: str) -> str:
    """The form in which two paragraphs are compared: what a reader sees, white space aside.

    Unicode NFC, runs of white space as one space; but line breaks a reader sees are kept,
    so a one-item list "- eins - zwei" is not a copy of the two items "- eins" / "- zwei",
    nor a line with a hard break a copy of the same words flowing on.
    """
    text = unicodedata.normalize("NFC", text)
    if "\n" not in text:  # one line (most paragraphs): no break to keep, no regex to run
        if "  " not in text and text[:1] != " " and text[-1:] != " " and text.isprintable():
            return text  # single spaces only (other white space is not printable): as it is
        return " ".join(text.split())
    return "\n".join(" ".join(line.split()) for line in _STRUCTURAL_BREAK.split(text))


def deduplicate_report(report: FileReport) -> FileReport:
    """One file's report with its entry deduplicated and the removals among its findings."""
    if report.entry is None:
        return report
    entry, found = deduplicate_entry(report.entry)
    if entry is report.entry and not found:
        return report
    return replaced(report, entry=entry, findings=report.findings + tuple(found))


def deduplicate_entry(entry: Entry) -> tuple[Entry, list[Finding]]:
    """Each language's body deduplicated; the entry itself when nothing was removed."""
    findings: list[Finding] = []
    texts = {}
    for code, text in entry.texts.items():
        texts[code], found = deduplicate_text(text)
        findings.extend(found)
    if all(texts[code] is text for code, text in entry.texts.items()):
        return entry, findings
    return replaced(entry, texts=texts), findings


def deduplicate_text(text: Text) -> tuple[Text, list[Finding]]:
    """One language's body without repeats of its own paragraphs or of its summary."""
    runs, blocks = _runs(text.body)
    kept: list[str] = []
    kept_keys: dict[str, int] = {normalise(text.summary): _SUMMARY}  # → the block it came from
    kept_prose: list[tuple[str, int]] = []
    removed: list[tuple[int, int, str]] = []  # the block, the one it repeats, its key
    for index, (run, prose, _) in enumerate(runs):
        if not prose:
            kept.append(run)
            continue
        key = normalise(run)
        first = kept_keys.get(key)
        if first is not None:
            removed.append((index, first, key))
            continue
        kept_keys[key] = index
        kept.append(run)
        kept_prose.append((key, index))
    span = text.spans.get("body") if removed or len(kept_prose) > 1 else None  # else nothing to place
    findings = [] if span is None else _findings(text, span, blocks, removed, kept_prose)
    if not removed:  # nothing removed: the body as written (rejoining adds lines)
        return text, findings
    body = "\n\n".join(kept)
    if text.body.endswith("\n") and body:
        body += "\n"
    return (text if body == text.body else replaced(text, body=body)), findings


def _runs(body: str) -> tuple[list[Run], Callable[[], list[Block]]]:
    """Each block's text of ``body``, whether it is prose (and where it starts), and what makes
    its :class:`Block` objects. A body without fenced code (most) is cut by one regex, and its
    blocks, with the lines they start on, are made only to place a finding."""
    runs = unfenced_runs(body)
    if runs is not None:
        return runs, lambda: blocks_of_runs(body, runs)
    blocks = split_blocks(body)
    return [(block.text, block.prose, block.line) for block in blocks], lambda: blocks


_SUMMARY = -1
"""Where a paragraph's first copy stands when it is the summary."""


def _findings(text: Text, span: Span, blocks: Callable[[], list[Block]], removed: list[tuple[int, int, str]],
              prose: list[tuple[str, int]]) -> list[Finding]:
    """The removed repeats (in order), then the near duplicates among the kept paragraphs.

    Where the blocks stand in the file is worked out only when a finding names a place:
    most texts have none, and are spared it, and the blocks too (``blocks`` makes them)."""
    where: dict[int, tuple[int, int]] | None = None
    made: list[Block] = []

    def place(index: int) -> tuple[int, int]:
        nonlocal where
        if where is None:
            made[:] = blocks()
            where = _block_locations(span, made, text.body)
        return where.get(index, (made[index].line + 1, 1))

    findings: list[Finding] = []
    for index, first, key in removed:
        if first == _SUMMARY:
            summary_span = text.spans.get("summary")
            same = "the summary" + (f" on line {summary_span.line}" if summary_span else "")
        else:
            same = f"the paragraph on line {place(first)[0]}"
        findings.append(Finding(span.path, *place(index), Severity.NOTE,
                                f"removed a duplicate paragraph in '{text.lang}' (same as {same}): "
                                f"'{excerpt(key)}'"))
    findings.extend(near_duplicates(text, span, prose, place))
    return findings


def _block_locations(span: Span, blocks: list[Block], body: str) -> dict[int, tuple[int, int]]:
    """Line and column in the file of each block (keyed by its index in ``blocks``, split
    from ``body``).

    In a literal block scalar (``body: |``) each line of the value is one line of the
    file: blocks are matched line for line, in order, so a block is found where it
    stands even when its words also occur earlier, and even in a body that has already
    lost its duplicates. Other styles fold lines; there the text is searched.
    """
    locations: dict[int, tuple[int, int]] = {}
    if span.raw.startswith("|"):
        raw_lines = span.raw.split("\n")[1:]
        if _as_written(span.raw, body):  # each block stands on its own line: read it off
            return {index: (span.line + 1 + block.line, _column(raw_lines[block.line]))
                    for index, block in enumerate(blocks)}
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
                    locations[index] = (span.line + 1 + start, _column(raw_lines[start]))
                    position = start + len(wanted)
                    break
    locate = span.locator()
    for index, block in enumerate(blocks):
        if index not in locations:
            locations[index] = locate(block.text.split("\n", 1)[0].strip())
    return locations


def _as_written(raw: str, body: str) -> bool:
    """Whether each line of ``body`` is the same line of the literal block ``raw`` (after its
    header) without its indentation: then each block is found at its own line by the
    matching below (the lines between blocks are blank), and can be read off where it
    stands. One replace at C speed instead of a dictionary of every line; a body that lost
    a paragraph, or one indented otherwise than its first line, is matched as before."""
    header_end = raw.find("\n")
    content = raw[header_end:].lstrip("\n")  # from the first line after the header that has any
    indent = len(content) - len(content.lstrip(" "))
    if header_end < 0 or not indent:
        return False
    lines = raw[header_end:].replace("\n" + " " * indent, "\n")[1:]
    return lines.startswith(body) and (body.endswith("\n") or lines[len(body) : len(body) + 1] in ("", "\n"))


def _column(line: str) -> int:
    return len(line) - len(line.lstrip()) + 1


_TRIES = 8
"""Places where a block's first line recurs that are tried before it is placed by search."""

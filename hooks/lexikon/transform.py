"""Stage 3: remove duplicate paragraphs, reporting each removal and each near miss.

The scraped texts we start from repeat whole paragraphs. A true duplicate (equal after
Unicode NFC and collapsing white space) is removed and noted; a near duplicate is kept
and warned about, because only an editor can tell which wording is right.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from .model import FINDING_ORDER, Entry, FileReport, Finding, Result, Severity, Span, Text

NEAR_DUPLICATE_RATIO = 0.9
"""Similarity (difflib ratio) from which two different paragraphs are reported."""
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
    """Blocks of ``markdown`` in order; fenced code is one block even across blank lines."""
    markdown = markdown.replace("\r\n", "\n")
    if "```" in markdown or "~~~" in markdown:
        return _split_blocks_with_fences(markdown)
    blocks: list[Block] = []
    line = position = 0
    for run in _RUN_OF_LINES.finditer(markdown):  # no fence: a block is a run of lines
        line += markdown.count("\n", position, run.start())
        position = run.start()
        blocks.append(Block(run.group(0), _is_prose(run.group(0)), line))
    return blocks


def _split_blocks_with_fences(markdown: str) -> list[Block]:
    blocks: list[Block] = []
    lines: list[str] = []
    fence: str | None = None
    first = 0

    def close() -> None:
        if lines:
            text = "\n".join(lines)
            blocks.append(Block(text, _is_prose(text), first))
            lines.clear()

    for number, line in enumerate(markdown.split("\n")):
        if not lines:
            first = number
        opener = _FENCE.match(line)
        if fence is not None:
            lines.append(line)
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
                close()
            continue
        if opener:
            close()
            fence = opener.group(1)
            lines.append(line)
        elif line.strip():
            lines.append(line)
        else:
            close()
    close()
    return blocks


def _is_prose(text: str) -> bool:
    first = text.lstrip("\n").split("\n", 1)[0]
    if first.lstrip().startswith("#") or _FENCE.match(first):
        return False
    if first.startswith(("    ", "\t")):
        return False  # indented code
    return not first.lstrip().startswith("|")  # a table


def normalise(text: str) -> str:
    """The form in which two paragraphs are compared."""
    return " ".join(unicodedata.normalize("NFC", text).split())


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
        position = 0
        for index, block in enumerate(blocks):
            wanted = [line.strip() for line in block.text.split("\n")]
            for start in range(position, len(stripped) - len(wanted) + 1):
                if stripped[start : start + len(wanted)] == wanted:
                    line = raw_lines[start]
                    locations[index] = (span.line + 1 + start, len(line) - len(line.lstrip()) + 1)
                    position = start + len(wanted)
                    break
    seen: dict[str, int] = {}
    for index, block in enumerate(blocks):
        first_line = block.text.split("\n", 1)[0].strip()
        seen[first_line] = seen.get(first_line, 0) + 1
        if index not in locations:
            locations[index] = span.locate(first_line, seen[first_line])
    return locations


def _near_duplicates(text: Text, span: Span, prose: list[tuple[str, tuple[int, int]]]) -> Iterator[Finding]:
    """``prose``: each kept paragraph, normalised, with its place in the file."""
    letters: dict[int, Counter[str]] = {}
    lengths = [len(paragraph) for paragraph, _ in prose]  # counted only for paragraphs of a length to compare

    def counted(index: int) -> Counter[str]:
        if index not in letters:
            letters[index] = Counter(prose[index][0])
        return letters[index]

    for later_index, (later, location) in enumerate(prose):
        later_length = lengths[later_index]
        if later_length < 40:
            continue
        for earlier_index, (earlier, earlier_location) in enumerate(prose[:later_index]):
            if not _comparable_lengths(lengths[earlier_index], later_length):
                continue
            if not _similar(earlier, later, counted(earlier_index), counted(later_index)):
                continue
            yield Finding(
                span.path, *location, Severity.WARNING,
                f"this paragraph in '{text.lang}' is nearly the same as the paragraph on line "
                f"{earlier_location[0]} ('{_excerpt(later)}'): keep the better one and delete the other",
            )
            break


def _similar(a: str, b: str, a_letters: Counter[str], b_letters: Counter[str]) -> bool:
    """difflib's ratio, after its two cheap upper bounds (length, then letter counts: the
    same as ``quick_ratio``, counted once per paragraph instead of once per pair)."""
    if not _comparable_lengths(len(a), len(b)):
        return False
    common = sum((a_letters & b_letters).values())
    if 2 * common / (len(a) + len(b)) < NEAR_DUPLICATE_RATIO:
        return False
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= NEAR_DUPLICATE_RATIO


def _comparable_lengths(a: int, b: int) -> bool:
    """Long enough, and close enough in length, to be near duplicates at all."""
    shorter, longer = (a, b) if a <= b else (b, a)
    return shorter >= 40 and shorter >= NEAR_DUPLICATE_RATIO * longer


def _excerpt(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"

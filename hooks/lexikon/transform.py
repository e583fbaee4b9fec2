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
from collections.abc import Iterator
from dataclasses import dataclass

from .model import Entry, Finding, Result, Severity, Text

NEAR_DUPLICATE_RATIO = 0.9
"""Similarity (difflib ratio) from which two different paragraphs are reported."""
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class Block:
    """A run of lines between blank lines, as it stands in the body."""

    text: str
    prose: bool
    """Paragraphs, lists and quotes are prose; headings, code and tables are not."""


def split_blocks(markdown: str) -> list[Block]:
    """Blocks of ``markdown`` in order; fenced code is one block even across blank lines."""
    blocks: list[Block] = []
    lines: list[str] = []
    fence: str | None = None

    def close() -> None:
        if lines:
            text = "\n".join(lines)
            blocks.append(Block(text, _is_prose(text)))
            lines.clear()

    for line in markdown.replace("\r\n", "\n").split("\n"):
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
        texts = {}
        for code, text in entry.texts.items():
            texts[code], found = deduplicate_text(text)
            findings.extend(found)
        entries[entry_id] = dataclasses.replace(entry, texts=texts)
    glossary = dataclasses.replace(result.glossary, entries=entries)
    return Result(glossary, tuple(sorted(set(findings))))


def deduplicate_text(text: Text) -> tuple[Text, list[Finding]]:
    """One language's body without repeats of its own paragraphs or of its summary."""
    blocks = split_blocks(text.body)
    span = text.spans.get("body")
    findings: list[Finding] = []
    first_line_count: dict[str, int] = {}
    kept: list[Block] = []
    summary_span = text.spans.get("summary")
    summary_line = f" on line {summary_span.line}" if summary_span else ""
    kept_keys: dict[str, str] = {normalise(text.summary): f"the summary{summary_line}"}
    for position, block in enumerate(blocks):
        first_line = block.text.split("\n", 1)[0].strip()
        first_line_count[first_line] = first_line_count.get(first_line, 0) + 1
        if not block.prose:
            kept.append(block)
            continue
        key = normalise(block.text)
        if key in kept_keys:
            if span is not None:
                findings.append(span.finding(
                    Severity.NOTE,
                    f"removed a duplicate paragraph in '{text.lang}' (same as {kept_keys[key]}): "
                    f"'{_excerpt(key)}'",
                    first_line, first_line_count[first_line],
                ))
            continue
        line = span.locate(first_line, first_line_count[first_line])[0] if span else position + 1
        kept_keys[key] = f"the paragraph on line {line}"
        kept.append(block)
    findings.extend(_near_duplicates(text, kept))
    body = "\n\n".join(block.text for block in kept)
    if text.body.endswith("\n") and body:
        body += "\n"
    return dataclasses.replace(text, body=body), findings


def _near_duplicates(text: Text, blocks: list[Block]) -> Iterator[Finding]:
    span = text.spans.get("body")
    if span is None:
        return
    prose = [normalise(block.text) for block in blocks if block.prose]
    for later_index, later in enumerate(prose):
        for earlier in prose[:later_index]:
            if not _similar(earlier, later):
                continue
            yield span.finding(
                Severity.WARNING,
                f"two paragraphs in '{text.lang}' are nearly the same: '{_excerpt(earlier)}' and "
                f"'{_excerpt(later)}': keep the better one and delete the other",
                _first_words(blocks, later),
            )
            break


def _first_words(blocks: list[Block], key: str) -> str:
    for block in blocks:
        if normalise(block.text) == key:
            return block.text.split("\n", 1)[0].strip()
    return ""


def _similar(a: str, b: str) -> bool:
    if min(len(a), len(b)) < 40 or min(len(a), len(b)) / max(len(a), len(b)) < NEAR_DUPLICATE_RATIO:
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.quick_ratio() >= NEAR_DUPLICATE_RATIO and matcher.ratio() >= NEAR_DUPLICATE_RATIO


def _excerpt(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"

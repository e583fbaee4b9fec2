"""The page's lines as blocks (heading, paragraph, list, quote, code) and back to Markdown.

Markdown splits at blank lines; plain text has one paragraph per line, lines with a list
marker (``-``, ``*``, ``•``, ``1.``) are list items and short lines without closing
punctuation, followed by a paragraph, are ``##`` headings. Underlined (setext) headings
become ``#``/``##`` headings.
"""

from __future__ import annotations

import re

from lexikon.core.markdown_code import FENCE
from lexikon.interchange.article.findings import Changes
from lexikon.interchange.article.page import (
    HEADING,
    LIST_ITEM,
    Block,
    Line,
    Patterns,
    heading_like,
    heading_words,
)

QUOTE = re.compile(r"^ {0,3}> ?")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")


def markdown_blocks(lines: list[Line], changes: Changes) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    fence: str | None = None
    for line in lines:
        text = line.text
        if fence is not None:
            assert current is not None
            current.lines.append(line)
            opener = FENCE.match(text)
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence, current = None, None
            continue
        opener = FENCE.match(text)
        heading = HEADING.match(text)
        item = LIST_ITEM.match(text)
        if opener:
            fence = opener.group(1)
            current = Block("code", [line])
            blocks.append(current)
        elif not text.strip():
            current = None
        elif heading:
            blocks.append(Block("heading", [line], len(heading.group(1))))
            current = None
        elif item or QUOTE.match(text):
            kind = "list" if item else "quote"
            if current is None or current.kind != kind:
                current = Block(kind, [])
                blocks.append(current)
            current.lines.append(line)
        elif (current is not None and current.kind == "para" and len(current.lines) == 1
              and _SETEXT.match(text)):
            current.kind, current.level = "heading", 1 if text.strip()[0] == "=" else 2
            current.lines[0].text = f"{'#' * current.level} {current.lines[0].text.strip()}"
            changes.add(line.no, f"made the underlined heading a '{'#' * current.level}' heading",
                        text.strip())
            current = None
        elif current is not None and current.kind in ("para", "list"):
            current.lines.append(line)
        else:
            current = Block("para", [line])
            blocks.append(current)
    return _merge_lists(blocks)


def text_blocks(lines: list[Line], patterns: Patterns, changes: Changes) -> list[Block]:
    """Plain text: a paragraph per line; list items; Markdown headings and heading-like lines
    become headings."""
    filled = [line for line in lines if line.text.strip()]
    blocks: list[Block] = []
    for index, line in enumerate(filled):
        following = filled[index + 1].text if index + 1 < len(filled) else ""
        marked = HEADING.match(line.text)
        # '## Højdepunkter' (or '##Højdepunkter', spaced by the debris rule)
        if marked and heading_words(marked):
            blocks.append(Block("heading", [line], len(marked.group(1))))
        elif LIST_ITEM.match(line.text):
            if blocks and blocks[-1].kind == "list":
                blocks[-1].lines.append(line)
            else:
                blocks.append(Block("list", [line]))
        elif heading_like(line.text) and following and not heading_like(following):
            if index == 0 and not patterns.question_term(line.text):
                blocks.append(Block("heading", [line], 1))
                line.text = "# " + line.text.strip()
            else:
                changes.add(line.no, "made the heading-like line a '##' heading")
                line.text = "## " + line.text.strip()
                blocks.append(Block("heading", [line], 2))
        else:
            blocks.append(Block("para", [line]))
    return blocks


def normalise_list_markers(blocks: list[Block], changes: Changes) -> None:
    for block in blocks:
        if block.kind != "list":
            continue
        for line in block.lines:
            match = LIST_ITEM.match(line.text)
            if match and match.group(2) in ("•", "–"):
                line.text = f"{match.group(1)}- {line.text[match.end():]}"
                changes.add(line.no, f"made the '{match.group(2)}' bullet a Markdown list item")


def _merge_lists(blocks: list[Block]) -> list[Block]:
    """Loose lists (items separated by blank lines) are one list."""
    merged: list[Block] = []
    for block in blocks:
        if block.kind == "list" and merged and merged[-1].kind == "list":
            merged[-1].lines.extend(block.lines)
        else:
            merged.append(block)
    return merged


def list_items(block: Block) -> list[str]:
    """The items of a list block, continuation lines joined to their item."""
    items: list[str] = []
    for line in block.lines:
        match = LIST_ITEM.match(line.text)
        if match:
            items.append(line.text[match.end():].strip())
        elif items:
            items[-1] += " " + line.text.strip()
    return items


def block_markdown(block: Block) -> str:
    """A block as it stands in the entry's body."""
    if block.kind == "list":
        return "\n".join(line.text.rstrip() for line in block.lines)
    if block.kind == "code":
        return block.text
    if block.kind == "heading":
        return f"{'#' * block.level} {block.heading_text}"
    return "\n".join(line.text.strip() for line in block.lines)

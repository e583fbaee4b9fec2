"""Our finished HTML blocks carried past the site's Markdown converter, and put back after.

A generated page is mostly HTML we made already (sanitized entry text, the lead, link lists'
tags, the graph's SVG): Python-Markdown passes such a block through unchanged, but only
after its HTML parser (pure Python, tag by tag) has read it to find where it ends, and for
each block it copies the rest of the page (``markdown.htmlparser``: ``rawdata[pos:]``), so a
page of many blocks (the printable lexicon: 19 MB a language at 10,000 terms) costs the
square of its length (issue 17).

:func:`hide` swaps each such block for a paragraph of one word (``lexikonraw0x17``: a word
the page does not hold), which the converter neither parses as HTML nor copies the rest of
the page for (an HTML comment would still be both); :func:`put_back` swaps the blocks back
in the converted HTML, with the newline the converter keeps after a raw block. A block is
swapped only when the converter would copy it unchanged: a chunk between blank lines that
starts at the line's start with a block-level tag, ends with that tag's close, holds no
nested element of the same name left open and nothing the converter normalizes first
(tabs, CR, lines of spaces); a page with fenced code or a ``markdown`` attribute is left
whole. Inside an element that spans blank lines the word is copied as it is, and put back
as the block was.
"""

from __future__ import annotations

import re

_TAGS = "p|div|figure|ul|ol|table|pre|blockquote|dl"
WIDER_TAGS = _TAGS + "|fieldset|nav|section|details|aside|header|footer|article|form|h[1-6]"
"""Block-level tags (Python-Markdown's list) a direct conversion copies as they are too."""
_MARKDOWN_ATTRIBUTE = re.compile(r"\smarkdown(?:\s*=|[\s>/])")
_NORMALIZED = re.compile(r"[\t\r\x02\x03]")
_SPACES_LINE = re.compile(r"\n +\n")
"""What the converter changes before it copies a block (tabs, line ends, markers, lines of
spaces: ``markdown.preprocessors.NormalizeWhitespace``): such a block is left to it. Two
expressions, the second only where a line begins with a space: the alternation of both had
no literal to skip ahead by and tried every position of every block."""
_FENCE = re.compile(r"^(?:`{3,}|~{3,})", re.M)


def _whole_element(chunk: str, tag: str) -> bool:
    """Whether ``chunk`` is one ``tag`` element: its first opening closes at the very end."""
    if not chunk.endswith(f"</{tag}>") or _NORMALIZED.search(chunk) \
            or ("\n " in chunk and _SPACES_LINE.search(chunk)):
        return False
    depth = 0
    for match in re.finditer(rf"<(/?){tag}[\s>]", chunk):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end() == len(chunk)
    return False


def whole_block(chunk: str, tags: str = _TAGS) -> bool:
    """Whether the converter copies ``chunk`` (text between blank lines) unchanged as a raw
    HTML block: one element of a block-level tag (one of ``tags``), whole."""
    start = re.match(rf"<({tags})[\s>]", chunk)
    return bool(start) and _whole_element(chunk, start.group(1))


def hide(markdown: str) -> tuple[str, list[str], str]:
    """``markdown`` with each finished HTML block replaced by a placeholder paragraph, the
    blocks (the n-th placeholder stands for the n-th), and the placeholders' prefix (a word
    the page does not hold, so that no text of it can pass for one)."""
    blocks: list[str] = []
    prefix = _prefix(markdown)
    if _FENCE.search(markdown) or _MARKDOWN_ATTRIBUTE.search(markdown):
        return markdown, blocks, prefix  # fenced code, or Markdown inside HTML: left whole
    chunks = markdown.split("\n\n")
    for number, chunk in enumerate(chunks):
        if whole_block(chunk):
            chunks[number] = f"{prefix}{len(blocks)}"
            blocks.append(chunk)
    return "\n\n".join(chunks), blocks, prefix


def _prefix(markdown: str) -> str:
    number = 0
    while f"lexikonraw{number}x" in markdown:
        number += 1
    return f"lexikonraw{number}x"


def put_back(html: str, blocks: list[str], prefix: str) -> str:
    """The converted page with each placeholder's paragraph replaced by the block it stands for."""
    if not blocks:
        return html
    # The converter keeps the blank line after a raw block as a newline of the block's own
    # (every hidden block has one after it: the page's chunks are split at blank lines and
    # the converter adds two newlines at the end), which its final strip drops at the end.
    # Inside an element that spans blank lines (a ``pre``), the converter copies the word as
    # it is, where it would have copied the block as it is.
    def block(match: re.Match[str]) -> str:
        if match.group(1) is None:
            return blocks[int(match.group(2))]
        return blocks[int(match.group(2))] + ("\n" if match.end() < len(html) else "")

    return re.sub(rf"(<p>)?{prefix}(\d+)(?(1)</p>)", block, html)

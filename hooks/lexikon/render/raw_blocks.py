"""Our finished HTML blocks carried past the site's Markdown converter, and put back after.

A generated page is mostly HTML we made already (sanitized entry text, the lead, link lists'
tags, the graph's SVG): Python-Markdown passes such a block through unchanged, but only
after its HTML parser (pure Python, tag by tag) has read it to find where it ends, and for
each block it copies the rest of the page (``markdown.htmlparser``: ``rawdata[pos:]``), so a
page of many blocks (the printable lexicon) costs the square of its length. Measured on the
bench's 300 terms: the term pages' conversion 41 % cheaper, the printable lexicon 58 %, the
table page 97 %, the HTML byte for byte the same (issue 17).

:func:`hide` swaps each such block for a comment that stands for it (a raw block too, that
the converter copies as it is); :func:`put_back` swaps them back in the converted HTML. A
block is swapped only when the converter would copy it unchanged: a chunk between blank
lines that starts at the line's start with a block-level tag, ends with that tag's close,
holds no nested element of the same name left open, no ``markdown`` attribute (whose
content ``md_in_html`` would convert) and nothing the converter normalizes first; a page
with fenced code is left whole. Editor text never holds a comment (the sanitizer
strips them, text is escaped), so no placeholder can be forged.
"""

from __future__ import annotations

import re

_BLOCK = re.compile(r"<(p|div|figure|ul|ol|table|pre|blockquote|dl)[\s>]")
_MARKDOWN_ATTRIBUTE = re.compile(r"\smarkdown(?:\s*=|[\s>/])")
_PLACEHOLDER = re.compile(r"<!--lexikon:raw:(\d+)-->")
_NORMALIZED = re.compile(r"[\t\r\x02\x03]|\n +\n")
"""What the converter changes before it copies a block (tabs, line ends, markers, lines of
spaces: ``markdown.preprocessors.NormalizeWhitespace``): such a block is left to it."""
_FENCE = re.compile(r"^(?:`{3,}|~{3,})", re.M)
PLACEHOLDER = "<!--lexikon:raw:{}-->"


def _whole_element(chunk: str, tag: str) -> bool:
    """Whether ``chunk`` is one ``tag`` element: its first opening closes at the very end."""
    if not chunk.endswith(f"</{tag}>") or _MARKDOWN_ATTRIBUTE.search(chunk) or _NORMALIZED.search(chunk):
        return False
    depth = 0
    for match in re.finditer(rf"<(/?){tag}[\s>]", chunk):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end() == len(chunk)
    return False


def hide(markdown: str) -> tuple[str, list[str]]:
    """``markdown`` with each finished HTML block replaced by a placeholder, and the blocks
    (the n-th placeholder stands for the n-th)."""
    blocks: list[str] = []
    if _FENCE.search(markdown):  # a block inside fenced code is code: left to the converter
        return markdown, blocks
    chunks = markdown.split("\n\n")
    for number, chunk in enumerate(chunks):
        start = _BLOCK.match(chunk)
        if start and _whole_element(chunk, start.group(1)):
            chunks[number] = PLACEHOLDER.format(len(blocks))
            blocks.append(chunk)
    return "\n\n".join(chunks), blocks


def put_back(html: str, blocks: list[str]) -> str:
    """The converted page with each placeholder replaced by the block it stands for."""
    if not blocks:
        return html
    return _PLACEHOLDER.sub(lambda match: blocks[int(match.group(1))], html)

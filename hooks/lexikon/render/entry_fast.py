"""Plain entry texts as HTML without Python-Markdown: the same elements, made directly.

Most of what editors write is paragraphs, ``## headings``, lists of one-line items,
``*emphasis*``, ``**strong**`` and ``[[cross-links]]``. Python-Markdown reads each of those texts
with its full machinery (issue 17: two fifths of our render in a cold build). :func:`fast_html`
makes the HTML our :class:`lexikon.render.markup.EntryMarkup` instance makes for such a text
(same elements, text and attributes; the sanitizer after both writes them the same), and
returns None for anything else (a character or line the block and inline rules below do not
cover: code, tables, links in brackets, HTML, entities, escapes, underscores, indentation,
numbered or loose lists …), which then goes to Python-Markdown as before. It decides before it
asks the resolver anything: a declined text makes no resolver calls.

Cross-links are resolved as Python-Markdown's inline pass resolves them: left to right, each
told whether it stands mid-sentence from the text before it on its line, with the links before
it already replaced by the stash's placeholders (as that pass sees them).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from lexikon.core.links import CROSS_LINK

Resolve = Callable[[str, "str | None", bool], object]
MidSentence = Callable[[str], bool]

_DECLINED = re.compile(r"[`\\<>&_|~\[\]{}\t\r\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029]"
                       r"|\n\n\n|^[^\S\n]|[^\S\n]$|\*\*\*", re.M)
"""What only Python-Markdown reads right (checked after the cross-links are taken out)."""
_BLOCK_LINE = re.compile(r"(?:[*+-](?:[ ]|$)|\d+[.)](?:[ ]|$)|#|>|=+$|(?:-+ {0,2}){3,}$|-+$|:)")
"""A line Python-Markdown reads as a block of its own (a rule like ``-- -`` too), not a paragraph's."""
_ITEM = re.compile(r"- (?![ *+#>-]|\d+[.)](?:[ ]|$))(\S.*)")
_HEADING = re.compile(r"(#{1,6}) +([^#\s](?:[^#\n]*[^#\s])?)")
_STRONG = re.compile(r"\*\*([^*\s](?:[^*]*[^*\s])?)\*\*")
_EMPHASIS = re.compile(r"\*([^*\s](?:[^*]*[^*\s])?)\*")
_PLACEHOLDER = "\x02klzzwxh:{}\x03"
"""Python-Markdown's inline placeholder (``markdown.util.INLINE_PLACEHOLDER``)."""
_LINK_MARK = "\ue000{}\ue001"


def fast_html(text: str, resolve: Resolve, mid_sentence: MidSentence) -> str | None:
    """``text``'s HTML as the entry Markdown instance makes it, or None (see the module's text)."""
    if not text.strip():
        return None
    links: list[tuple[str, str | None]] = []

    def take(match: re.Match[str]) -> str:
        links.append((match.group(1).strip(), (match.group(2) or "").strip() or None))
        return _LINK_MARK.format(len(links) - 1)

    if "\ue000" in text or "\ue001" in text or text.startswith("\n"):
        return None
    bare = CROSS_LINK.sub(take, text.rstrip("\n"))
    if _DECLINED.search(bare) or any(_DECLINED.search(part) or "*" in part
                                     for link in links for part in link if part):
        return None  # a link's label is Markdown too: a code span or emphasis in it is not ours
    blocks = _blocks(bare)
    if blocks is None or not all(_plain_emphasis(part) for _, parts in blocks for part in parts):
        return None
    return "\n".join(_render(kind, parts, links, resolve, mid_sentence) for kind, parts in blocks)


def _blocks(text: str) -> list[tuple[str, list[str]]] | None:
    """The text's blocks as (kind, texts): a paragraph, a heading (level, text), a list (items)."""
    out: list[tuple[str, list[str]]] = []
    for chunk in text.split("\n\n"):
        lines = chunk.split("\n")
        if chunk.startswith("#"):
            heading = _HEADING.fullmatch(chunk)
            if heading is None:
                return None
            out.append(("h", [str(len(heading.group(1))), heading.group(2)]))
        elif chunk.startswith("- "):
            items = [_ITEM.fullmatch(line) for line in lines]
            if any(item is None for item in items) or (out and out[-1][0] == "ul"):
                return None  # a continuation line, a nested block, or a loose list
            out.append(("ul", [item.group(1) for item in items if item is not None]))
        elif any(_BLOCK_LINE.match(line) for line in lines):
            return None
        else:
            out.append(("p", [chunk]))
    return out


def _plain_emphasis(text: str) -> bool:
    """Whether every asterisk is part of a ``**strong**`` or ``*emphasis*`` of ours, side by side
    (none inside another): Python-Markdown pairs those as we do; it pairs other runs its own way."""
    strong = _STRONG.sub("\ue002", text)
    if "**" in strong or any("\ue002" in match.group(1) for match in _EMPHASIS.finditer(strong)):
        return False
    return "*" not in _EMPHASIS.sub("", strong)


def _render(kind: str, parts: list[str], links: list[tuple[str, str | None]], resolve: Resolve,
            mid_sentence: MidSentence) -> str:
    if kind == "h":
        level = parts[0]
        return f"<h{level}>{_inline(parts[1], links, resolve, mid_sentence)}</h{level}>"
    if kind == "ul":
        items = "".join(f"<li>{_inline(item, links, resolve, mid_sentence)}</li>\n" for item in parts)
        return f"<ul>\n{items}</ul>"
    return f"<p>{_inline(parts[0], links, resolve, mid_sentence)}</p>"


_MARKED = re.compile("\ue000(\\d+)\ue001")


def _inline(text: str, links: list[tuple[str, str | None]], resolve: Resolve,
            mid_sentence: MidSentence) -> str:
    """One element's text: links resolved left to right, then strong and emphasis around them."""
    made: dict[str, str] = {}
    made_index: dict[str, str] = {}
    seen = 0

    def link(match: re.Match[str]) -> str:
        nonlocal seen
        before = _MARKED.sub(lambda m: _PLACEHOLDER.format(made_index[m.group(0)]),
                             text[:match.start()])
        target, label = links[int(match.group(1))]
        made[match.group(0)] = _link_html(resolve(target, label, mid_sentence(before)), target, label)
        made_index[match.group(0)] = f"{seen:04d}"
        seen += 1
        return match.group(0)

    _MARKED.sub(link, text)
    out = html.escape(text, quote=False)
    out = _STRONG.sub(lambda m: f"<strong>{m.group(1)}</strong>", out)
    out = _EMPHASIS.sub(lambda m: f"<em>{m.group(1)}</em>", out)
    return _MARKED.sub(lambda m: made[m.group(0)], out)


def _link_html(link: object, target: str, label: str | None) -> str:
    """The cross-link's element (attributes sorted, as Python-Markdown writes them), or its text."""
    if link is None:
        return html.escape(label or target, quote=False)
    attributes = [("href", getattr(link, "href", ""))]
    attributes += [(name, value) for name in ("title", "lang") if (value := getattr(link, name, ""))]
    pairs = "".join(f' {name}="{html.escape(str(value), quote=True)}"' for name, value in sorted(attributes))
    return f"<a{pairs}>{html.escape(str(getattr(link, 'text', '')), quote=False)}</a>"

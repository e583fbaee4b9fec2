"""A generated page's finished HTML and headings, made without the site's Markdown converter.

Our render writes each generated page's Markdown from a small, regular vocabulary: headings
with an id (``## Siehe auch { #lexikon-related }``), paragraphs (with a class line
``{ .lexikon-twins }``), lists of one-line items, escaped text, ``*emphasis*``, links with
attributes, and finished HTML blocks (sanitized entry text, graphs). Python-Markdown reads all
of it again, with a parser per page and its HTML parser over our blocks (issue 17: the largest
part of a build). :func:`convert` turns exactly that vocabulary into the HTML Python-Markdown
gives with this site's extensions (``toc`` with permalinks, ``attr_list``, ``md_in_html``), and
the headings it would list (level, id, name); for anything outside it (a table, a code span,
an underscore, an unescaped bracket …) it returns None and the page is converted as before.
The caller passes the site's slug function and what MkDocs makes of a link's address.
"""

from __future__ import annotations

import html as html_module
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from lexikon.render.raw_blocks import WIDER_TAGS, whole_block

_HEADING = re.compile(r"(#{1,6}) +(.*?)(?: +\{ *([^{}]*?) *\})?")
_ATTRS = re.compile(r"\{ *((?:[.#][\w-]+|[a-z]+=[\w-]+)(?: +(?:[.#][\w-]+|[a-z]+=[\w-]+))*) *\}")
_ESCAPABLE = "\\`*_{}[]()>#+-.!|"
"""What a backslash escapes with this site's extensions (``tables`` adds ``|``)."""
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z0-9]+);")
_LINK = re.compile(r"(?<![\\!])\[((?:\\.|[^\\\[\]])*)\]\(([^\s()<>\\`]+)\)(?:\{ *([^{}\n]*?) *\})?")
_INLINE_SPECIAL = re.compile(r"[\\<\[\]`_{}*]")
_MARKUP = re.compile(r"[\[\\<&*]")
"""What each inline pass needs to find anything (a link's ``[``, an escape, a tag, an entity,
emphasis): a text without any is converted by escaping alone, with the same checks."""
_BACKSLASH = re.compile(r"\\(.)")
_CONTROLS = re.compile(r"[\t\r\x02-\x05\x00]")
_BLOCK_START = re.compile(r"(?: |[*>|#]|[+-](?: |$)|=+ *$|-+ *$|\d+[.)](?: |$)|!!!|`{3}|~{3}|\[[^\]]*\]:)")
_RULE = re.compile(r"[ ]*(?:[-*_][ ]*){3,}")
_ITEM_START = re.compile(r"(?:$| |[-+*](?: |$)|\d+[.)](?: |$)|>|#)")
"""What makes a list item's text a block of its own (a nested list, a quote, a heading)."""
_STRONG = re.compile(r"\*\*([^*\s](?:[^*]*[^*\s])?)\*\*")
_EMPHASIS = re.compile(r"\*([^*\s](?:[^*]*[^*\s])?)\*")
_AMP = re.compile(r"&(?!(?:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);)", re.I)
_ESCAPED = "\x04{}\x05"
"""An escaped character until the page is done: HTML-escaped in the page, itself in a heading's
name (Python-Markdown's ``toc`` and MkDocs' title read the heading before its escapes are undone)."""
_ESCAPES = re.compile("\x04(\\d+)\x05")
_MARK = "\x02{}\x03"
_MARKED = re.compile("\x02(\\d+)\x03")
_HEADING_MARK = re.compile("\x02h(\\d+)\x03")


class Unsupported(Exception):
    """The page holds Markdown outside our vocabulary: it goes to Python-Markdown."""


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    name: str
    """The heading's text as HTML, tags stripped (Python-Markdown's ``toc`` token name)."""


@dataclass(frozen=True)
class Direct:
    html: str
    headings: list[Heading]
    title: str | None
    """The first element's text when it is an ``h1`` (what MkDocs takes as the page's title)."""


class _Page:
    """One conversion: the link resolver, the slug function and the ids used so far."""

    def __init__(self, link: Callable[[str], str], slugify: Callable[[str, str], str],
                 permalink_title: str = "Permanent link") -> None:
        self.link, self.slugify, self.permalink_title = link, slugify, permalink_title
        self.used: set[str] = set()
        self.headings: list[Heading] = []
        self.pending: list[tuple[int, str, list[tuple[str, str]]]] = []

    def inline(self, text: str) -> str:
        """Inline Markdown of our vocabulary as HTML; :class:`Unsupported` for anything else."""
        stash: list[str] = []

        def keep(piece: str) -> str:
            stash.append(piece)
            return _MARK.format(len(stash) - 1)

        if _MARKUP.search(text):  # most texts (a link's label, an item) hold none: no pass finds anything
            text = _LINK.sub(lambda m: keep(self._link(m)), text)
            text = _BACKSLASH.sub(lambda m: keep(_ESCAPED.format(ord(m.group(1)))) if m.group(1) in _ESCAPABLE
                                  else keep("\\") + m.group(1), text)
            text = _TAG.sub(lambda m: keep(_tag(m.group(0))), text)
            text = _ENTITY.sub(lambda m: keep(m.group(0)), text)
            text = _STRONG.sub(lambda m: keep(f"<strong>{_plain(m.group(1))}</strong>"), text)
            text = _EMPHASIS.sub(lambda m: keep(f"<em>{_plain(m.group(1))}</em>"), text)
        if _INLINE_SPECIAL.search(text) or text.endswith("  "):
            raise Unsupported(text)
        if "  \n" in text:
            raise Unsupported("line break")
        return _unmark(_text(text), stash) if stash else _text(text)

    def _link(self, match: re.Match[str]) -> str:
        label, url, attrs = match.groups()
        inner = self.inline(label) if label else ""
        pairs = [("href", self.link(url)), *self.attrs(attrs or "", inline=True)]
        if "\x02" in url or not inner:
            raise Unsupported(url)
        return f"<a{_attributes(pairs)}>{inner}</a>"

    def attrs(self, text: str, inline: bool = False) -> list[tuple[str, str]]:
        """An attribute list's pairs in Python-Markdown's order (classes joined, where first seen)."""
        if not text:
            return []
        if not _ATTRS.fullmatch("{ " + text + " }"):
            raise Unsupported(text)
        pairs: dict[str, str] = {}
        for part in text.split():
            if part.startswith("."):
                pairs["class"] = f"{pairs['class']} {part[1:]}" if "class" in pairs else part[1:]
            elif part.startswith("#"):
                pairs["id"] = part[1:]
                self.used.add(part[1:])
            else:
                name, value = part.split("=", 1)
                pairs[name] = value
        if inline and "id" in pairs:
            raise Unsupported(text)
        return list(pairs.items())

    def block(self, chunk: str) -> str:
        """One chunk between blank lines as HTML (a raw block ends with the newline it keeps)."""
        if whole_block(chunk, WIDER_TAGS):
            return chunk + "\n"
        lines = chunk.split("\n")
        heading = _HEADING.fullmatch(chunk) if len(lines) == 1 and chunk.startswith("#") else None
        if heading:
            return self.heading(len(heading.group(1)), heading.group(2), heading.group(3))
        if chunk.startswith("- "):
            return self.items(lines)
        if chunk[:1] in "#<" or any(_BLOCK_START.match(line) or _RULE.fullmatch(line) for line in lines):
            raise Unsupported(chunk[:40])
        attrs: list[tuple[str, str]] = []
        if len(lines) > 1 and lines[-1].startswith("{"):
            attrs = self.attrs(_attr_line(lines.pop()))
        return f"<p{_attributes(attrs)}>{self.inline(chr(10).join(lines))}</p>"

    def items(self, lines: list[str]) -> str:
        out = ["<ul>"]
        for number, line in enumerate(lines):
            if line.startswith("{"):
                continue
            if not line.startswith("- ") or _ITEM_START.match(line[2:]) or _RULE.fullmatch(line) \
                    or line.endswith(" "):
                raise Unsupported(line)
            after = lines[number + 1] if number + 1 < len(lines) else ""
            attrs = self.attrs(_attr_line(after)) if after.startswith("{") else []
            out.append(f"<li{_attributes(attrs)}>{self.inline(line[2:])}</li>")
        return "\n".join([*out, "</ul>"])

    def heading(self, level: int, text: str, attrs: str | None) -> str:
        whole = re.fullmatch(r"((?:\\.|[^\\])*?)#*", text)
        if not text or text.endswith(" ") or whole is None or whole.group(1) != text:
            raise Unsupported(text)
        inner = self.inline(text)
        self.pending.append((level, inner, self.attrs(attrs or "")))
        return _MARK.format(f"h{len(self.pending) - 1}")

    def finish(self, blocks: list[str]) -> str:
        """The page's blocks joined, the headings' ids (as ``toc`` gives them: explicit ones kept,
        others slugged and made unique against every id of the page) and permalinks put in.

        Block by block, then joined once: the whole page through two substitutions held three
        copies of it at once (the printable lexicon: 30 million characters at 10,000 terms)."""
        made: list[str] = []
        for level, inner, attrs in self.pending:
            name = _strip_tags(_ESCAPES.sub(lambda m: chr(int(m.group(1))), inner))
            if "<" in inner and re.search("\x04(60|62)\x05", inner):
                raise Unsupported(inner)  # an escaped > among tags: the two strippers differ
            given = dict(attrs).get("id")
            ident = given if given is not None else _unique(self.slugify(html_module.unescape(name), "-"),
                                                            self.used)
            self.headings.append(Heading(level, ident, name))
            pairs = [*(pair for pair in attrs if pair[0] != "id"), ("id", ident)]
            permalink = (f'<a class="headerlink" href="#{_attribute(ident)}" title="{self.permalink_title}">'
                         "&para;</a>")
            made.append(f"<h{level}{_attributes(pairs)}>{inner}{permalink}</h{level}>")
        for index, block in enumerate(blocks):
            block = _HEADING_MARK.sub(lambda m: made[int(m.group(1))], block)
            blocks[index] = _ESCAPES.sub(lambda m: _text(chr(int(m.group(1)))), block)
        return "\n".join(blocks).strip("\n")


def convert(markdown: str, link: Callable[[str], str], slugify: Callable[[str, str], str],
            permalink_title: str = "Permanent link") -> Direct | None:
    """The page's HTML and headings as Python-Markdown with the site's extensions makes them,
    or None when the page holds Markdown outside the vocabulary above (converted as before).

    ``markdown`` is the page without its front matter; ``link`` gives a link's address as the
    page will show it (MkDocs' rewriting of ``x.md``); ``slugify(text, separator)`` is the
    ``toc`` extension's; ``permalink_title``, an attribute value: the page language's (no copy)."""
    if _declined_whole(markdown):
        return None
    page = _Page(link, slugify, permalink_title)
    try:
        chunks = [chunk.strip("\n") for chunk in markdown.strip("\n").split("\n\n") if chunk.strip()]
        if any(one.startswith("- ") and (two.startswith(("- ", " ")))
               for one, two in itertools.pairwise(chunks)):
            return None  # items apart, or a paragraph indented under one: a loose list (<p> in <li>)
        opens_with_h1 = bool(chunks) and chunks[0].startswith("# ")
        blocks = []
        for index, chunk in enumerate(chunks):
            blocks.append(page.block(chunk))
            chunks[index] = ""  # made: let go of it
        html = page.finish(blocks)
    except Unsupported:
        return None
    first = page.pending[0] if page.pending and opens_with_h1 else None
    title = page.headings[0].name if first is not None and first[0] == 1 else None
    return Direct(html, page.headings, title)


def _declined_whole(markdown: str) -> bool:
    """Whether the page holds what is never ours: tabs, CRs, our markers, a line of spaces, a
    ``markdown`` attribute. Each regular expression only where a plain substring test says it
    can match (one alternation scanned every position of the page: the printable lexicon's
    millions of characters, on every page)."""
    if _CONTROLS.search(markdown):
        return True
    if (markdown.startswith(" ") or "\n " in markdown) and re.search(r"^[ ]+$", markdown, re.M):
        return True
    return "markdown" in markdown and _has_block_html_markdown(markdown)


def _has_block_html_markdown(markdown: str) -> bool:
    return bool(re.search(r"\smarkdown(?:\s*=|[\s>/])", markdown))


def _attr_line(line: str) -> str:
    match = _ATTRS.fullmatch(line.strip())
    if match is None:
        raise Unsupported(line)
    return match.group(1)


def _attributes(pairs: list[tuple[str, str]]) -> str:
    """Attributes as Python-Markdown's serializer writes them: sorted by name."""
    return "".join(f' {name}="{_attribute(value)}"' for name, value in sorted(pairs))


def _text(text: str) -> str:
    """Text as Python-Markdown's serializer writes it (an entity's ``&`` kept: none is left here)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(text: str) -> str:
    text = _AMP.sub("&amp;", text)
    return text.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _tag(tag: str) -> str:
    if re.search(r"[\\`\[\]]", tag) or "@" in tag.split(" ", 1)[0] or ":" in tag.split(" ", 1)[0]:
        raise Unsupported(tag)
    return tag


def _plain(text: str) -> str:
    """Emphasis' inner text, escaped (its marks are resolved by :func:`_unmark` afterwards)."""
    if _INLINE_SPECIAL.search(text) or text.endswith("  "):
        raise Unsupported(text)
    return _text(text)


def _unmark(text: str, stash: list[str]) -> str:
    while _MARKED.search(text):
        text = _MARKED.sub(lambda m: stash[int(m.group(1))], text)
    return text


def _strip_tags(text: str) -> str:
    return " ".join(re.sub(r"<[^>]*>", "", text).split())


def _unique(ident: str, used: set[str]) -> str:
    """Python-Markdown's ``toc.unique``: ``x``, then ``x_1``, ``x_2`` …"""
    base, count = ident, 0
    match = re.fullmatch(r"(.*)_([0-9]+)", ident)
    if ident in used or not ident:
        if match:
            base, count = match.group(1), int(match.group(2))
        while True:
            count += 1
            ident = f"{base}_{count}"
            if ident not in used:
                break
    used.add(ident)
    return ident

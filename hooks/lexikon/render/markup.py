"""An editor's Markdown to HTML that can only be text, links, lists, tables and code.

The one way entry Markdown (summaries, bodies, highlights) reaches a page: our own
Python-Markdown instance with only what entries need (fenced code, tables, cross-links),
no raw HTML, no attribute lists, no ``markdown="1"`` blocks, no reference definitions
(which would swallow a line), then an allowlist sanitizer (nh3, the binding of Rust's
ammonia) that keeps only the elements, attributes and URL schemes listed here. Whatever
the check misses or a future extension adds, the page gets nothing else.

MkDocs reads the result a second time as part of a page's Markdown (with ``attr_list``
and ``md_in_html`` on, for our own markup). It stays as it is: each top-level element
stands as a raw HTML block of its own (at the start of a line, blank lines around), which
Python-Markdown passes through untouched, and nothing the sanitizer lets through carries a
``markdown`` attribute. Headings are handed back as plain text instead, for the page's own
Markdown to make them (with the table of contents' anchors, as for any heading).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

import lxml.html
import markdown
import nh3
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString
from pymdownx.slugs import slugify

from lexikon.core import escape
from lexikon.core.links import CROSS_LINK
from lexikon.render.entry_fast import fast_html

TAGS = frozenset({
    "p", "br", "hr", "em", "strong", "code", "pre", "a", "blockquote", "ul", "ol", "li",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
})
"""What an entry's Markdown may become. No images, media, frames, forms or styles: entry
text loads nothing, from anywhere."""
ATTRIBUTES = {"a": {"href", "title", "lang"}, "ol": {"start"}, "code": {"class"}}
ALIGN = {"th": {"align": {"left", "center", "right"}}, "td": {"align": {"left", "center", "right"}}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
"""And relative URLs (our cross-links)."""
_LANGUAGE_CLASS = re.compile(r"language-[A-Za-z0-9_+#.-]{1,40}")
_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "code" and attribute == "class":
        return value if _LANGUAGE_CLASS.fullmatch(value) else None
    if attribute == "lang":
        return value if _LANGUAGE_TAG.fullmatch(value) else None
    if attribute == "title":  # one line of text (Material's HTML tooltips stay off)
        return escape.tooltip(value)
    return value


def sanitize(html: str) -> str:
    """``html`` with only the allowed elements, attributes and URL schemes left. nh3 writes a
    character reference to a tab (``&#9;``) as the tab itself, which MkDocs' pass over the page
    then expands to spaces (Python-Markdown expands a source's tabs): written as the reference
    again, the page says what the editor wrote whichever way it is converted."""
    return nh3.clean(escape.drop_controls(html), tags=set(TAGS), attributes=ATTRIBUTES,
                     tag_attribute_values=ALIGN, attribute_filter=_attribute_filter,
                     url_schemes=set(URL_SCHEMES), link_rel=None, strip_comments=True,
                     clean_content_tags={"script", "style"}).replace("\t", "&#9;")


@dataclass(frozen=True)
class Link:
    """Where a cross-link goes, what it shows and what its tooltip says."""

    href: str
    text: str
    title: str = ""
    lang: str = ""
    """The language of text and title when it is not the text's (a term not yet translated)."""


Resolve = Callable[[str, "str | None", bool], "Link | None"]
Memo = Callable[[str, Resolve, Callable[[str, Resolve], str]], str]
"""A keeper of conversions: given the text, its resolver and the conversion, the HTML."""
"""``(target id, label or None, mid-sentence) -> Link``, or None for a target that does not
exist (its label, or the id, is shown as text). Mid-sentence: the link is not the first word
of its sentence (Danish writes a common noun's title in lower case there)."""

_SENTENCE_START = re.compile(r"(?:^|[.!?:]|^\s*(?:[-*+]|\d+[.)]|#+|>)?)[\s*_\"'„“«»(]*$")


def mid_sentence(before: str) -> bool:
    """Whether a link preceded on its paragraph by ``before`` stands inside a sentence."""
    line = before.rsplit("\n", 1)[-1]
    return bool(before) and _SENTENCE_START.search(line) is None


class _CrossLinks(InlineProcessor):
    """``[[id]]`` and ``[[id|label]]`` as links, made as elements (never as Markdown)."""

    def __init__(self) -> None:
        super().__init__(CROSS_LINK.pattern)
        self.resolve: Resolve = lambda target, label, mid: None

    def handleMatch(self, m: re.Match[str], data: str):
        target, label = m.group(1).strip(), (m.group(2) or "").strip() or None
        link = self.resolve(target, label, mid_sentence(data[:m.start(0)]))
        if link is None:
            return AtomicString(label or target), m.start(0), m.end(0)
        element = ET.Element("a", {"href": link.href})
        if link.title:
            element.set("title", _as_text(link.title))
        if link.lang:
            element.set("lang", link.lang)
        element.text = AtomicString(link.text if label else _as_text(link.text))  # a title is plain text
        return element, m.start(0), m.end(0)


def _as_text(text: str) -> str:
    """Plain text (a title, a tooltip) for Python-Markdown's serializer, which leaves every ``&``
    that looks like an entity as it is: a title ``AT&amp;T`` showed "AT&T" in a text that went to
    Python-Markdown, and as written on its page and in texts :mod:`.entry_fast` converts."""
    return text.replace("&", "&amp;")


class _EntryMarkdown(Extension):
    def __init__(self, links: _CrossLinks) -> None:
        super().__init__()
        self.links = links

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")   # raw HTML is text
        md.inlinePatterns.deregister("html")
        md.parser.blockprocessors.deregister("reference")  # "[a]: b" stays text
        md.inlinePatterns.register(self.links, "lexikon_cross_link", 175)  # after code spans


class EntryMarkup:
    """One Markdown instance for many texts (making one costs more than converting one)."""

    def __init__(self) -> None:
        self._links = _CrossLinks()
        self._md = markdown.Markdown(
            extensions=["fenced_code", "tables", _EntryMarkdown(self._links)],
            extension_configs={"tables": {"use_align_attribute": True}}, output_format="html")

    memo: ClassVar[Memo | None] = None
    """Set by a build that keeps conversions between builds (issue 17: lexikon.engine)."""

    def html(self, text: str, resolve: Resolve) -> str:
        """``text`` as sanitized block HTML."""
        if EntryMarkup.memo is not None:
            return EntryMarkup.memo(text, resolve, self._html)
        return self._html(text, resolve)

    def _html(self, text: str, resolve: Resolve) -> str:
        text = escape.drop_controls(text)
        fast = fast_html(text, resolve, mid_sentence)  # plain texts: the same HTML, made directly
        if fast is not None:
            return sanitize(fast)
        self._links.resolve = resolve
        try:
            return sanitize(self._md.reset().convert(text))
        finally:
            self._links.resolve = lambda target, label, mid: None

    def inline_html(self, text: str, resolve: Resolve) -> str:
        """``text`` (a highlight) as sanitized HTML without its paragraph, when it is one
        paragraph; as blocks otherwise."""
        result = self.html(text, resolve)
        inner = _single_paragraph(result)
        return result if inner is None else inner

    def paragraph(self, text: str, resolve: Resolve, css_class: str) -> str:
        """``text`` (a summary) as one paragraph of class ``css_class`` (a ``div`` of that
        class when the text is more than one paragraph)."""
        result = self.html(text, resolve)
        inner = _single_paragraph(result)
        if inner is None:
            return f'<div class="{escape.html_attr(css_class)}">{result}</div>'
        return f'<p class="{escape.html_attr(css_class)}">{inner}</p>'

    def blocks(self, text: str, resolve: Resolve) -> list[Block]:
        """``text`` as top-level pieces: raw HTML to stand as it is, headings as plain text."""
        result = self.html(text, resolve)
        if not result.strip():
            return []
        pieces: list[Block] = []
        for element in lxml.html.fragments_fromstring(result):
            if isinstance(element, str):  # text outside any block: never made by Markdown
                pieces.append(Block(html=f"<p>{escape.html_text(element)}</p>"))
            elif element.tag in _HEADINGS:
                pieces.append(Block(heading=(_HEADINGS[element.tag], element.text_content())))
            else:
                piece = lxml.html.tostring(element, encoding="unicode", with_tail=False)
                pieces.append(Block(html=piece.replace("\t", "&#9;")))  # as sanitize() writes it
        return pieces


_HEADINGS = {f"h{level}": level for level in range(1, 7)}


def _single_paragraph(html: str) -> str | None:
    """The content of ``html`` when it is exactly one paragraph (sanitized: no attributes)."""
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return None


@dataclass(frozen=True)
class Block:
    """A top-level piece of an entry's text: sanitized HTML, or a heading's level and text."""

    html: str = ""
    heading: tuple[int, str] | None = None

    def markdown(self, shift: int = 0, taken: set[str] | None = None) -> str:
        """The piece in a page's Markdown: a raw HTML block, or a heading of escaped text
        with an id of ours (:func:`heading_id`; ``taken`` holds the page's ids so far)."""
        if self.heading is None:
            return self.html
        level, text = self.heading
        anchor = heading_id(text, set() if taken is None else taken)
        text = escape.markdown_text(text)
        return "#" * min(level + shift, 6) + f" {text} {{ #{anchor} }}" if text else ""


_SLUG = slugify(case="lower")
"""The table of contents' slugify (``mkdocs.yml``: ``toc.slugify``), so that ids read as
they did when the toc made them."""
RESERVED_ID_PREFIXES = ("lexikon",)
"""Our own ids (``lexikon-related``, ``lexikon-term:…``); Material's all begin with ``__``."""


class Ids(set):
    """A page's ids that also remembers, per slug, the last number :func:`heading_id` gave:
    the printable lexicon repeats the same headings ("Typische Fehler") in thousands of
    entries, and counting up from 1 each time made the page quadratic in the glossary's size.
    Valid because ids are only ever added to a page's set, never taken out."""

    def __init__(self, ids=()) -> None:
        super().__init__(ids)
        self.numbers: dict[str, int] = {}


def heading_id(text: str, taken: set[str]) -> str:
    """An id for a heading an editor wrote, never one the theme or we use: the toc's slug
    without leading ``_``/``-`` (Material reads ``#__config`` as its configuration, and owns
    ``__search``, ``__drawer``, …), ``t-`` before one that starts like ours, a number after
    one the page has already (``taken``, which gets the new id; an :class:`Ids` skips the
    numbers it gave before, with the same result)."""
    slug = _SLUG(text, "-").lstrip("_-") or "h"
    if slug.startswith(RESERVED_ID_PREFIXES):
        slug = "t-" + slug
    numbers = taken.numbers if isinstance(taken, Ids) else {}
    number = numbers.get(slug, 0)
    anchor = f"{slug}_{number}" if number else slug
    while anchor in taken:
        number += 1
        anchor = f"{slug}_{number}"
    numbers[slug] = number
    taken.add(anchor)
    return anchor


def page_markdown(blocks: list[Block], shift: int = 0, taken: set[str] | None = None) -> str:
    """Pieces as a page's Markdown: each on lines of its own, blank lines between."""
    taken = set() if taken is None else taken
    return "\n\n".join(piece for piece in (block.markdown(shift, taken) for block in blocks) if piece)

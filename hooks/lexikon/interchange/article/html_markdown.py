"""The main content of a saved page (an lxml element tree) as Markdown lines.

Headings, paragraphs, lists, tables, quotes and code keep their shape; a definition list's
pair whose term repeats the title becomes a paragraph (it is the definition), every other
pair a list item ``**term**: description``. Scripts, styles, forms and embedded objects
write nothing, whatever the extractor kept: no code reaches an entry. Relative links stay
links (the article's link rule makes them cross-links or text), http(s) links stay Markdown
links, any other address (``mailto:``, ``#top``) keeps its text and is reported; an image
goes with a report line that quotes its alt text (an entry has no images); ``<code>`` is a
code span, so ``<code>&lt;script&gt;</code>`` stays a code span.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from lexikon.check.dedupe import normalise

SKIPPED = frozenset({"script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
                     "canvas", "form", "input", "button", "select", "textarea", "img", "picture",
                     "video", "audio", "head", "title", "meta", "link", "amp-img", "amp-video",
                     "amp-iframe", "amp-audio"})
"""Elements whose content never becomes text: code, controls, media."""
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCKS = frozenset({"p", "div", "section", "article", "main", "header", "footer", "aside", "nav",
                     "ul", "ol", "li", "dl", "dt", "dd", "table", "blockquote", "pre", "figure",
                     "figcaption", "address", "details", "summary", "hr", *_HEADINGS})
_REFERENCE_MARK = re.compile(r"^\[\d{1,3}\]$")
_LINKED_MARK = re.compile(r"^\d{1,3}$")
"""A bare number in a ``<sup>``: a footnote mark when it links into the page (``#fn1``)."""
_SCREEN_READER = frozenset({"screen-reader-text", "sr-only", "visually-hidden", "visuallyhidden"})
"""Classes of text only a screen reader reads (WordPress, Bootstrap, HTML5 Boilerplate)."""
_WEB = re.compile(r"(?i)^https?://\S")
_WEB_UNSAFE = re.compile(r"[\s()<>]")
"""Characters a Markdown link's address cannot hold as they are (percent-encoded instead)."""
_ABSOLUTE = re.compile(r"(?i)^([a-z][a-z0-9+.-]*:|//|#)")
"""An address with a scheme, a protocol-relative one or a fragment: not into the scraped site."""
_PARENTHESIS = re.compile(r"(?<!\s)\s*\([^()]*\)\s*$")


def element_name(element: etree._Element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


class MarkdownWriter:
    """Writes the blocks of one tree; ``skipped`` hears of each element left out and why."""

    def __init__(self, title: str, report: Callable[[etree._Element, str, str], None]) -> None:
        self.title_key = normalise(title).casefold()
        self.report = report
        self.blocks: list[tuple[etree._Element, list[str]]] = []

    def skipped(self, element: etree._Element, what: str) -> None:
        self.report(element, f"removed {what}", element.text_content())

    def write(self, element: etree._Element) -> list[tuple[etree._Element, list[str]]]:
        self._block(element)
        return self.blocks

    def _add(self, element: etree._Element, lines: list[str]) -> None:
        lines = [line for line in lines if line.strip()]
        if lines:
            self.blocks.append((element, lines))

    def _block(self, element: etree._Element) -> None:
        name = element_name(element)
        if name in SKIPPED:
            self.gone(element, ("script", "style", "noscript", "object", "embed", "form"))
            return
        if _site_chrome(element):
            return  # the report of what the page's content left out names its text
        if name in _HEADINGS:
            self._add(element, [f"{'#' * _HEADINGS[name]} {self.inline(element)}"])
        elif name in ("ul", "ol"):
            self._add(element, self._list(element, 0))
        elif name == "dl":
            self._definitions(element)
        elif name == "table":
            self._add(element, _table([[self.inline(cell) for cell in row.xpath("./th|./td")]
                                       for row in element.iter("tr")]))
        elif name == "pre":
            self._add(element, ["```", *"".join(element.itertext()).strip("\n").split("\n"), "```"])
        elif name == "blockquote":
            inner = MarkdownWriter("", self.report)
            inner._children(element)
            self._add(element, [f"> {line}" for _, lines in inner.blocks for line in lines])
        elif name == "hr":
            return
        elif any(element_name(child) in _BLOCKS for child in element):
            self._children(element)
        else:
            self._add(element, [self.inline(element)])

    def _children(self, element: etree._Element) -> None:
        """Mixed content: runs of inline text between blocks are paragraphs of their own."""
        run: list[str] = [element.text or ""]
        for child in element:
            if element_name(child) in _BLOCKS:
                self._add(element, [" ".join("".join(run).split())])
                self._block(child)
                run = [child.tail or ""]
            else:
                run.append(self._inline_child(child) + (child.tail or ""))
        self._add(element, [" ".join("".join(run).split())])

    def _list(self, element: etree._Element, depth: int) -> list[str]:
        lines: list[str] = []
        ordered = element_name(element) == "ol"
        for number, item in enumerate(element.xpath("./li"), 1):
            nested = [child for child in item if element_name(child) in ("ul", "ol")]
            for child in nested:
                item.remove(child)
            marker = f"{number}." if ordered else "-"
            lines.append(f"{'   ' * depth}{marker} {self.inline(item)}")
            for child in nested:
                lines += self._list(child, depth + 1)
        return lines

    def _definitions(self, element: etree._Element) -> None:
        term = ""
        for child in element:
            name = element_name(child)
            if name == "dt":
                term = self.inline(child)
            elif name == "dd" and term and _repeats_title(term, self.title_key):
                self._add(child, [self.inline(child)])
                self.skipped(child.getprevious() if child.getprevious() is not None else child,
                             f"the definition list's term '{term}' (it repeats the title)")
                term = ""
            elif name == "dd":
                text = self.inline(child)
                self._add(child, [f"- **{term}**: {text}" if term else f"- {text}"])

    def inline(self, element: etree._Element) -> str:
        """The element's text as one line of Markdown (bold, italics and relative links kept)."""
        parts = [element.text or ""]
        for child in element:
            parts.append(self._inline_child(child) + (child.tail or ""))
        return " ".join("".join(parts).split())

    def _inline_child(self, child: etree._Element) -> str:
        """The child's Markdown, with the white space it starts or ends with kept outside it:
        Google Docs writes each run of text as a ``<span>``, its spaces at the ends."""
        return _spaced(child, self._child_markdown(child))

    def _child_markdown(self, child: etree._Element) -> str:
        name = element_name(child)
        if name in SKIPPED:
            self.gone(child, ("script", "style", "noscript"))
            return ""
        if name in ("code", "kbd", "samp", "tt"):
            return _code_span(" ".join(child.text_content().split()))
        if name == "br":
            return " "
        if screen_reader_only(child):
            self.skipped(child, "text only screen readers read (not shown on the page)")
            return ""
        text = self.inline(child)
        if footnote_mark(child):
            self.skipped(child, f"the footnote mark '{text}'")
            return ""
        if not text:
            return ""
        if name in ("strong", "b"):
            return f"**{text}**"
        if name in ("em", "i"):
            return f"*{text}*"
        href = (child.get("href") or "").strip() if name == "a" else ""
        if href and _WEB.match(href):
            return f"[{text}]({_WEB_UNSAFE.sub(lambda m: f'%{ord(m.group(0)):02X}', href)})"
        if href and not _ABSOLUTE.match(href):
            return f"[{text}]({href})"
        if href and not href.startswith("#"):  # a link within the page: its text is all there is
            self.report(child, f"made the link '{href}' plain text '{text}' (only http(s) links stay links)",
                        href)
        return text

    def gone(self, element: etree._Element, code: tuple[str, ...]) -> None:
        """A skipped element, said: ``code`` by its kind, media by address (:meth:`media`), any
        other by the words it holds (an inline ``<svg>``'s text, a form's labels)."""
        name = element_name(element)
        if name in code:
            self.skipped(element, f"a <{name}> element (not shown as text on a page)")
        elif name not in MEDIA_TAGS and name != "picture" and element.text_content().strip():
            self.skipped(element, f"a <{name}> element and its words (an entry holds text only)")
        self.media(element)

    def media(self, element: etree._Element) -> None:
        """Images, videos, sounds and embedded pages: each one line quoting its alt text or
        title and its address (an entry has none of them)."""
        name = element_name(element)
        if name == "picture":
            for image in element.iter("img", "amp-img"):
                self.media(image)
            return
        what = _MEDIA.get(name.removeprefix("amp-"))
        if what is None:
            return
        sources = [s.get("src") or s.get("srcset") or "" for s in element.iter("source")]
        src = element.get("src") or next((s for s in sources if s), "")
        words = " ".join((element.get("alt") or element.get("title") or "").split())
        said = ": its text" if words else ", it has no alt text" if what == "image" else ""
        self.report(element, f"removed the {what} '{src}' (an entry has no {what}s){said}", words)


_MEDIA = {"img": "image", "video": "video", "audio": "sound", "iframe": "embedded page"}
MEDIA_TAGS = (*_MEDIA, *(f"amp-{name}" for name in _MEDIA))
"""Media by element name (``amp-img`` as ``img``), as the report names them."""


def footnote_mark(element: etree._Element) -> bool:
    """A ``<sup>`` footnote mark: ``[2]``, or a number linking into the page (``<a href="#fn1">1``)."""
    if element_name(element) != "sup":
        return False
    text = "".join(element.text_content().split())
    return bool(_REFERENCE_MARK.match(text)) or (bool(_LINKED_MARK.match(text)) and any(
        (a.get("href") or "").strip().startswith("#") for a in element.iter("a")))


def screen_reader_only(element: etree._Element) -> bool:
    """Hidden from the eye by its class: the page does not show it, an entry does not hold it."""
    return bool(_SCREEN_READER & set((element.get("class") or "").split()))


def shown_text(element: etree._Element) -> str:
    """The element's text as a browser shows it: ``<br>`` a space; code, media, footnote marks
    and screen-reader text left out; white space collapsed."""
    parts = [element.text or ""]
    for child in element:
        name = element_name(child)
        if name == "br":
            parts.append(" ")
        elif name and name not in SKIPPED and not footnote_mark(child) and not screen_reader_only(child):
            parts.append(_spaced(child, shown_text(child)))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _spaced(element: etree._Element, text: str) -> str:
    """``text`` (the element's, white space collapsed) with a space before or after it where
    the element's own text starts or ends with white space (a browser shows one there)."""
    raw = "".join(element.itertext()) if text and isinstance(element.tag, str) else ""
    return (" " if raw[:1].isspace() else "") + text + (" " if raw[-1:].isspace() else "")


_BACKTICKS = re.compile("`+")


def _code_span(text: str) -> str:
    """``text`` as a Markdown code span, fenced by more backticks than it holds in a row."""
    if not text:
        return ""
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _site_chrome(element: etree._Element) -> bool:
    """Navigation anywhere; a header, footer or sidebar of the site (not of an article), when
    the extractor took more of the page than the article."""
    name = element_name(element)
    if name == "nav" or element.get("role") in ("navigation", "banner", "contentinfo"):
        return True
    return name in ("header", "footer", "aside") and not any(
        element_name(a) in ("article", "main") for a in element.iterancestors())


def _repeats_title(term: str, title_key: str) -> bool:
    bare = normalise(_PARENTHESIS.sub("", term.replace("**", ""))).casefold()
    return bool(title_key) and bare == title_key


def _table(rows: list[list[str]]) -> list[str]:
    rows = [row for row in rows if any(cell for cell in row)]
    if not rows:
        return []
    width = max(len(row) for row in rows)
    cells = [[cell.replace("|", "\\|") for cell in row] + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(row) + " |" for row in cells]
    return [lines[0], "|" + "---|" * width, *lines[1:]]

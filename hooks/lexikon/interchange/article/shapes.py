"""Pages as office programs and wikis write them, made the plain HTML the extractor reads
(:mod:`.html`), before anything looks for the main content.

- Word's "Save as web page" writes each list item as a paragraph (``MsoListParagraph``,
  ``mso-list``) whose bullet or number is text, behind a downlevel conditional comment
  (``<![if !supportLists]>``) or, in the "filtered" form, in a span of its own: the
  paragraphs become a list, the glyph goes;
- Google Docs' "Download as HTML" has no ``<h1>`` and no ``<title>``: the paragraph in the
  document's Title style (``class="title"``) is the heading; its links point at Google's
  redirect (``https://www.google.com/url?q=…``) and get their real address back;
- Confluence's export titles a page "Space : Page": the space's name (the first breadcrumb)
  goes; Notion's export writes each list item as a list of its own, and icons as text: the
  items are one list, the icons go;
- a wiki's own furniture (MediaWiki's hatnote, table of contents, edit links, reference
  back-arrows; anything marked ``noprint``) is not the article: removed, each kind with one
  line in the report (the extractor would keep some of it, or drop a heading with it).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from lxml import etree
from readability import Document

from lexikon.interchange.article.findings import Changes
from lexikon.interchange.article.html_markdown import element_name, shown_text

_WIKI_CLASSES = {"mw-editsection": "the wiki's edit links", "hatnote": "the wiki's note on the page",
                 "dablink": "the wiki's note on the page", "toc": "the table of contents",
                 "mw-cite-backlink": "the back links of the references", "noprint": "a part the page "
                 "does not print", "mw-jump-link": "the wiki's skip links", "catlinks": "the wiki's "
                 "category links", "navbox": "the wiki's navigation box", "printfooter": "the page's "
                 "print footer"}
"""Class (or id) → what the element is, for the report."""
_MARKER = re.compile(r"^(?:[·•o§▪\-–\uf0a7\uf0b7\uf0d8\uf076]|\(?([0-9]{1,3}|[a-zA-Z]|[ivxIVX]{1,4})[.)])$")
_GOOGLE_COMMENT = re.compile(r"^cmnt(?:_ref)?\d+$")
_GOOGLE_REDIRECT = re.compile(r"^https?://(?:www\.)?google\.[a-z.]+/url\?")


def plain_page(doc: etree._Element, changes: Changes) -> None:
    """``doc`` (parsed with its comments) with the shapes above made plain, and no comments."""
    _word_lists(doc)
    for comment in doc.xpath("//comment()"):
        _drop(comment)
    _google_docs(doc, changes)
    _wiki_furniture(doc, changes)
    _media_captions(doc, changes)
    _confluence_title(doc, changes)
    _notion(doc)


def _drop(node: etree._Element) -> None:
    """``node`` out of the tree, the text after it kept."""
    parent = node.getparent()
    if parent is None:
        return
    previous = node.getprevious()
    if node.tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def _classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").split())


def _word_lists(doc: etree._Element) -> None:
    """Word's list paragraphs into ``<ul>``/``<ol>`` items, their typed bullets left out."""
    for paragraph in list(doc.iter("p")):
        listed = any(c.startswith("MsoListParagraph") for c in _classes(paragraph)) or \
            "mso-list:" in (paragraph.get("style") or "").replace(" ", "")
        marker = _take_marker(paragraph) if listed else None
        if marker is None:
            continue
        kind = "ol" if _MARKER.match(marker).group(1) and marker != "o" else "ul"  # type: ignore[union-attr]
        before = paragraph.getprevious()
        if before is not None and before.tag == kind and before.get("data-word-list") \
                and not (before.tail or "").strip():
            items = before
        else:
            items = paragraph.makeelement(kind, {"data-word-list": "1"})
            items.sourceline = paragraph.sourceline
            paragraph.addprevious(items)
        paragraph.tag = "li"
        items.append(paragraph)


def _take_marker(paragraph: etree._Element) -> str | None:
    """The bullet or number Word typed at the start of a list paragraph, removed; None when
    the paragraph does not start with one (then it stays a paragraph)."""
    nodes = list(paragraph)
    start = next((i for i, n in enumerate(nodes) if isinstance(n, etree._Comment)
                  and "supportLists" in (n.text or "")), None)
    if start is not None:
        end = next((i for i, n in enumerate(nodes) if i > start and isinstance(n, etree._Comment)
                    and "endif" in (n.text or "")), len(nodes) - 1)
        taken = nodes[start:end + 1]
    elif nodes and element_name(nodes[0]) == "span" and not (paragraph.text or "").strip():
        taken = nodes[:1]
    else:
        return None
    words = ("".join(n.itertext()) for n in taken if not isinstance(n, etree._Comment))
    marker = " ".join("".join(words).split())
    if not _MARKER.match(marker):
        return None
    for node in taken:
        _drop(node)
    paragraph.text = (paragraph.text or "").lstrip()
    return marker


def _google_docs(doc: etree._Element, changes: Changes) -> None:
    """The Title paragraph as the ``<h1>`` (when the page has none); links without Google's redirect."""
    if next(doc.iter("h1"), None) is None:
        title = next((p for p in doc.iter("p") if "title" in _classes(p) and shown_text(p)), None)
        if title is not None:
            title.tag = "h1"
    comments = [a for a in doc.iter("a") if _GOOGLE_COMMENT.match(a.get("id") or "")]
    for anchor in comments:  # the mark in the text ([a], in a <sup>), and the comment's block
        mark = anchor.get("id", "").startswith("cmnt_ref")
        block = anchor.getparent() if mark else anchor.getparent().getparent()
        said = shown_text(block) if block is not None else ""
        changes.add(anchor.sourceline or 1, f"removed {'the mark of ' if mark else ''}a comment of the "
                    "document (not the article)", said)
        _drop(block if block is not None and len(said) < 400 else anchor)
    redirected = [a for a in doc.iter("a") if _GOOGLE_REDIRECT.match(a.get("href") or "")]
    for link in redirected:
        target = parse_qs(urlsplit(link.get("href")).query).get("q", [""])[0]
        if target:
            link.set("href", target)
    if redirected:
        changes.add(redirected[0].sourceline or 1, f"took {len(redirected)} link(s) out of Google's "
                    "redirect (https://www.google.com/url?q=…): they point at their own address")


def _wiki_furniture(doc: etree._Element, changes: Changes) -> None:
    """A wiki's furniture removed, one report line per kind (at its first, with its count)."""
    found: dict[str, list[etree._Element]] = {}
    stack = [doc]
    while stack:  # not into what is found: its parts are not counted again
        element = stack.pop()
        names = _classes(element) | {element.get("id") or ""}
        kind = next((_WIKI_CLASSES[n] for n in sorted(names) if n in _WIKI_CLASSES), None)
        if kind is not None:
            found.setdefault(kind, []).append(element)
        else:
            stack += [child for child in reversed(element) if isinstance(child.tag, str)]
    for kind, elements in found.items():
        text = " · ".join(shown_text(e) for e in elements if shown_text(e))
        count = f"{len(elements)} × " if len(elements) > 1 else ""
        changes.add(elements[0].sourceline or 1, f"removed {count}{kind} (not the article)", text)
        for element in elements:
            _drop(element)


_MEDIA = ".//img|.//picture|.//video|.//audio|.//iframe|.//svg|.//canvas|.//amp-img"


def _media_captions(doc: etree._Element, changes: Changes) -> None:
    """Captions of images, which go (an entry has none): a ``<figcaption>`` in a ``<figure>``
    with media and no table, and Word's caption paragraph (``MsoCaption``, its own paragraph
    above or below the picture's). A table's caption stays with its table."""
    for caption in doc.xpath("//figcaption|//p[contains(concat(' ', @class, ' '), ' MsoCaption ')]"):
        if element_name(caption) == "figcaption":
            figure = caption.getparent()
            beside = [figure] if figure is not None and element_name(figure) == "figure" else []
        else:
            beside = [s for s in (caption.getprevious(), caption.getnext()) if s is not None]
        if any(element.xpath(_MEDIA) and not element.xpath(".//table") for element in beside):
            changes.add(caption.sourceline or 1, "removed the caption of an image (an entry has no images)",
                        shown_text(caption))
            _drop(caption)


def _confluence_title(doc: etree._Element, changes: Changes) -> None:
    """"IT-Wiki : Offshoring" is the page Offshoring of the space IT-Wiki (its first breadcrumb)."""
    title = next(iter(doc.xpath("//h1//*[@id='title-text']")), None)
    space = next(iter(doc.xpath("//*[@id='breadcrumbs']/li[1]")), None)
    if title is None or space is None:
        return
    prefix = f"{shown_text(space)} : "
    text = " ".join((title.text_content() or "").split())
    if shown_text(space) and text.startswith(prefix) and text != prefix.strip():
        for child in list(title):
            _drop(child)
        title.text = text.removeprefix(prefix)
        changes.add(title.sourceline or 1, f"removed the name of the Confluence space '{prefix.strip()}' "
                    "before the title")


def _notion(doc: etree._Element) -> None:
    """Notion's one-item lists joined into lists; its icons (emoji as text) left out."""
    for icon in doc.xpath("//*[contains(concat(' ', @class, ' '), ' icon ')]"):
        _drop(icon)
    for items in list(doc.xpath("//ul[@class='bulleted-list']|//ol[@class='numbered-list']")):
        before = items.getprevious()
        if before is not None and before.tag == items.tag and before.get("class") == items.get("class") \
                and not (before.tail or "").strip() and items.getparent() is not None:
            for item in list(items):
                before.append(item)
            _drop(items)


class Extractor(Document):
    """readability's extractor, which keeps a short list of plain words: it drops any ``<ul>``
    under 25 characters as too short to be content ("Qualität, Kontrolle"), but menus and
    share buttons are links, and a list without a link in a page's content is the article's."""

    def get_preserved_elements(self, node: etree._Element) -> dict[etree._Element, bool]:
        kept = super().get_preserved_elements(node)
        kept.update({items: True for items in self.tags(node, "ul")
                     if shown_text(items) and not any(True for _ in items.iter("a", "button", "img"))})
        return kept

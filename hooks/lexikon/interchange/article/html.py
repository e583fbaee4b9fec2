"""A saved web page (HTML) as the Markdown lines the article rules read.

The main content is found by ``readability-lxml``, chosen over ``trafilatura`` by measuring
both on the saved pages in ``tests/fixtures/import/html`` (the table is in ``MEASURED.md``
there): it kept 99 % of the article text against 100 %, let more boilerplate through (19
snippets against 12, nearly all of them breadcrumbs, reading times, "see also", share and
newsletter lines that the boilerplate rules remove by their shape anyway), kept the
headings trafilatura dropped (a highlights heading among them), took 1.5 ms a page against
2.5 ms, and brings 4 small packages (2.7 MB) against 10 (57 MB, one of them a date parser).

Nothing is fetched: the page is parsed from the file, links are not followed, no entity or
stylesheet is loaded. The title is the page's ``<h1>`` as shown (outside header, navigation
and footer; else in a theme's entry header), else its ``og:title`` or ``<title>`` without the
site's name. Every text block of
the page the extractor left out is reported, a run of them on one line, with its line in
the page; so are scripts and styles. Each Markdown line carries the line of the page its
text stands on, so the rules' changes point into the page.
"""

from __future__ import annotations

import bisect
import codecs
import re
from collections.abc import Iterator
from pathlib import Path

import lxml.html
from lxml import etree
from readability.readability import Unparseable

from lexikon.interchange.article.findings import Changes, LocatedProblem
from lexikon.interchange.article.html_markdown import (
    MEDIA_TAGS,
    SKIPPED,
    MarkdownWriter,
    element_name,
    shown_text,
)
from lexikon.interchange.article.page import Line, strip_site_name
from lexikon.interchange.article.shapes import Extractor, plain_page

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?([A-Za-z0-9_:.-]{1,40})", re.I)
_SNIFF = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                    re.I | re.S)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_KEPT_PARTS = re.compile(r"\n|(?<!\\)\|")
"""The content's lines and table cells, each compared with the page's text blocks."""
_WORD = re.compile(r"\w")
LINE_ATTRIBUTE = "data-lexikon-line"
"""Each element's line in the page, set before extraction: the extractor keeps attributes."""
_BROWSER_READS = {"latin-1": "windows-1252", "iso8859-1": "windows-1252", "ascii": "windows-1252",
                  "cp1252": "windows-1252"}
"""Labels the WHATWG Encoding standard (every browser) reads as windows-1252: a page that
declares ISO-8859-1 or US-ASCII and holds –, „“ or € shows them."""
_BROWSER_ENCODINGS = frozenset({
    "cp866", "koi8-r", "koi8-u", "mac-roman", "mac-cyrillic", "cp874", "tis-620", "gbk", "gb2312",
    "gb18030", "big5", "euc_jp", "iso2022_jp", "shift_jis", "euc_kr", "cp949",
    *(f"iso8859-{n}" for n in range(2, 17)), *(f"cp125{n}" for n in range(9))})
"""The WHATWG standard's encodings by Python's names: a page names no other. Python's own codecs
(base64, rot13, raw_unicode_escape, undefined…) read no page; such a name is no declaration."""
_SITE_MARKS = re.compile(r"(?i)site|masthead|banner")
_CHROME_PARENTS = ("header", "nav", "footer", "aside")
_INLINE = frozenset({"a", "span", "time", "label"})
_TEXT_BLOCKS = frozenset({"p", "li", "dt", "dd", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
                          "div", "span", "a", "label", "figcaption", "blockquote", "pre", "time"})


def is_html(source_name: str, text: str) -> bool:
    """``.html``/``.htm`` files, and any other whose text starts like an HTML document."""
    return Path(source_name).suffix.lower() in HTML_SUFFIXES or bool(_SNIFF.match(text[:4096]))


def page_title(doc: etree._Element) -> tuple[str | None, int, str]:
    """The title, the page line it stands on, and where it came from."""
    for h1 in [h for h in doc.iter("h1") if not _in_chrome(h, True)] + [
            h for h in doc.iter("h1") if _in_chrome(h, True) and not _in_chrome(h, False)]:
        text = shown_text(h1)
        if text:
            return text, h1.sourceline or 1, "the page's <h1>"
    for xpath, where in (("//meta[@property='og:title']/@content", "the page's og:title"),
                         ("//title/text()", "the page's <title>")):
        found = [" ".join(str(v).split()) for v in doc.xpath(xpath) if str(v).strip()]
        bare = strip_site_name(found[0]) if found else ""
        if bare:  # a title that is only the site's name (' | IT-Lexikon') is none
            line = next((e.sourceline for e in doc.xpath(xpath.rsplit("/", 1)[0])), 1) or 1
            tail = f" without the site's name ('{found[0]}')" if bare != found[0] else ""
            return bare, line, where + tail
    return None, 1, ""


def declared_encoding(data: bytes) -> str | None:
    """The encoding a page's ``<meta charset>`` (or ``http-equiv`` content type) names, when
    Python knows it and it is not UTF-8 (which the page then is not)."""
    match = _CHARSET.search(data[:8192])
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    if name.startswith("utf") or name not in _BROWSER_ENCODINGS | _BROWSER_READS.keys():
        return None
    return _BROWSER_READS.get(name, name)


def decode_page(data: bytes, encoding: str) -> str:
    """The page in its encoding; the five bytes windows-1252 leaves unassigned read as the C1
    characters of the same number, as browsers read them (the cleaning then reports them)."""
    if encoding != "windows-1252":
        return data.decode(encoding)
    return data.decode(encoding, errors=_C1_ERRORS)


def _c1(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeDecodeError):
        raise err
    return err.object[err.start:err.end].decode("latin-1"), err.end


_C1_ERRORS = "lexikon-windows-1252"
codecs.register_error(_C1_ERRORS, _c1)


def _in_chrome(element: etree._Element, headers: bool) -> bool:
    """Inside the site's header, navigation or footer (an article's own header is not); with
    ``headers`` False, only a header that is the site's (a banner, ``site-header``, ``masthead``,
    or one holding a navigation) counts: a theme's entry header is the article's."""
    ancestors = list(element.iterancestors())
    names = [element_name(a) for a in ancestors]
    for index, (ancestor, name) in enumerate(zip(ancestors, names, strict=True)):
        if name not in _CHROME_PARENTS or {"article", "main"} & set(names[index:]):
            continue
        if headers or name != "header" or _site_header(ancestor):
            return True
    return False


def _site_header(header: etree._Element) -> bool:
    marks = f"{header.get('id') or ''} {header.get('class') or ''}"
    return header.get("role") == "banner" or bool(_SITE_MARKS.search(marks)) or any(
        True for _ in header.iter("nav"))


def html_lines(text: str, changes: Changes) -> tuple[list[Line], dict[str, str], dict[str, int], str]:
    """The page's main content as Markdown lines; its ``title`` and canonical address
    (``canonical``) as front matter would give them, with their lines; where the title came from."""
    text = _XML_DECLARATION.sub("", text)  # lxml refuses str with an encoding declaration
    try:
        doc = lxml.html.document_fromstring(text, parser=lxml.html.HTMLParser(no_network=True))
    except (etree.ParserError, ValueError) as err:
        raise LocatedProblem(1, 1, f"the page cannot be read as HTML ({err}): save it again") from None
    plain_page(doc, changes)  # Word's lists, Google Docs' title, a wiki's furniture; no comments
    title, title_line, where = page_title(doc)
    _remove_code(doc, changes)
    for element in doc.iter():
        if isinstance(element.tag, str):
            element.set(LINE_ATTRIBUTE, str(element.sourceline or 1))
    try:
        content = Extractor(lxml.html.tostring(doc, encoding="unicode")).summary(html_partial=True)
        main = lxml.html.fromstring(content)
    except (Unparseable, etree.ParserError, ValueError) as err:
        raise LocatedProblem(1, 1, f"no article found in the page ({err or 'no text'}): save the article "
                             "alone, or copy its text into a Markdown file") from None
    writer = MarkdownWriter(title or "", lambda element, message, removed: changes.add(
        source_line(element), message, removed))
    lines: list[Line] = []
    for element, block in writer.write(main):
        no = source_line(element)
        lines += [*(Line(no, line) for line in block), Line(no, "")]
    _report_left_out_media(doc, main, writer)
    reported = [_plain(change.removed) for change in changes.items if change.removed]
    _report_left_out(doc, "\n".join([title or "", *(line.text for line in lines), *reported]), changes)
    front, key_lines = ({"title": title}, {"title": title_line}) if title else ({}, {})
    declared = doc.get("lang") or doc.get("{http://www.w3.org/XML/1998/namespace}lang") or doc.get("xml:lang")
    if declared and declared.strip():
        front["lang"], key_lines["lang"] = declared.strip(), doc.sourceline or 1
    canonical = doc.xpath("//link[@rel='canonical']/@href|//meta[@property='og:url']/@content")
    if canonical:
        front["canonical"] = str(canonical[0]).strip()
        key_lines["canonical"] = next((e.sourceline or 1 for e in doc.xpath(
            "//link[@rel='canonical']|//meta[@property='og:url']")), 1)
    return lines, front, key_lines, where


def _report_left_out_media(doc: etree._Element, main: etree._Element, writer: MarkdownWriter) -> None:
    """Images, videos and embedded pages of the article the extractor dropped (it keeps some
    videos only): each reported as one in the content is; the site's chrome is not the article."""
    kept = {(e.tag, e.get(LINE_ATTRIBUTE), e.get("src")) for e in main.iter(*MEDIA_TAGS)}
    for element in doc.iter(*MEDIA_TAGS):
        if (element.tag, element.get(LINE_ATTRIBUTE), element.get("src")) not in kept \
                and not _in_chrome(element, True):
            writer.media(element)


def _remove_code(doc: etree._Element, changes: Changes) -> None:
    """Scripts, styles and templates go before anything reads the page's text."""
    found = [e for e in doc.iter() if element_name(e) in ("script", "style", "noscript", "template")]
    for element in found:
        element.drop_tree()
    if found:
        names = sorted({f"<{element_name(e)}>" for e in found})
        changes.add(found[0].sourceline or 1, f"removed {len(found)} {'/'.join(names)} element(s) "
                    "of the page (code, not text)")


def source_line(element: etree._Element) -> int:
    """The line of the page an element of the extracted content stood on."""
    for candidate in (element, *element.iterancestors()):
        if candidate.get(LINE_ATTRIBUTE, "").isdigit():
            return int(candidate.get(LINE_ATTRIBUTE))
    return 1


def _report_left_out(doc: etree._Element, kept: str, changes: Changes) -> None:
    """Each run of the page's text blocks that the main content does not hold: one change."""
    kept_lines = _Kept([_plain(part) for part in _KEPT_PARTS.split(kept) if part.strip()])
    run: list[tuple[int, str]] = []
    body = doc.find("body")
    for line, text in _text_units(body) if body is not None else ():
        if kept_lines.holds(_plain(text)):
            _flush(run, changes)
            run = []
        else:
            run.append((line, text))
    _flush(run, changes)


def _text_units(element: etree._Element) -> Iterator[tuple[int, str]]:
    """The page's smallest blocks of text, each once (a list item, not also its link), with
    their lines; the text of a block around other blocks is a unit of its own."""
    name = element_name(element)
    if name in SKIPPED:
        return
    line = element.sourceline or 1
    if name in _TEXT_BLOCKS and not any(element_name(c) in _TEXT_BLOCKS - _INLINE for c in element.iter()
                                        if c is not element):
        text = shown_text(element)
        if text:
            yield line, text
        return
    own = " ".join(" ".join([element.text or "", *(child.tail or "" for child in element)]).split())
    if _WORD.search(own):
        yield line, own
    for child in element:
        yield from _text_units(child)


class _Kept:
    """The content's lines, indexed: a page of 50,000 paragraphs compared each with each took
    minutes."""

    def __init__(self, lines: list[str]) -> None:
        self.whole = set(lines)
        self.ordered = sorted(lines)
        self.joined = "\n".join(lines)

    def holds(self, text: str) -> bool:
        """In a line of the content: the whole line, its start, or a part of it too long to be
        there by chance (the unit's text has no line break: a part never spans two lines)."""
        if text in self.whole:
            return True
        index = bisect.bisect_left(self.ordered, text)
        if index < len(self.ordered) and self.ordered[index].startswith(text):
            return True
        return len(text.split()) >= 4 and text in self.joined


def _flush(run: list[tuple[int, str]], changes: Changes) -> None:
    if run:
        what = "a text block" if len(run) == 1 else f"{len(run)} text blocks"
        changes.add(run[0][0], f"removed {what} the extractor did not count as the article (navigation, "
                    "sidebars, footer, comments, banners): check that none of it is missing",
                    " · ".join(text for _, text in run))


_LINK_TEXT = re.compile(r"\[([^\[\]]*)\]\([^()]*\)")
_MARKUP = re.compile(r"[*_`]|\[\d{1,3}\]")
"""Emphasis, code marks and footnote marks, left out when text is compared."""
_MARKS = re.compile(r"[#|>\-]")
_NUMBER = re.compile(r"^\s*\d{1,4}\.\s+")
"""An ordered list's number, which the page's item does not hold as text."""


def _plain(text: str) -> str:
    text = _MARKUP.sub("", _LINK_TEXT.sub(r"\1", _NUMBER.sub("", text)))
    return " ".join(_MARKS.sub(" ", text).split()).casefold()

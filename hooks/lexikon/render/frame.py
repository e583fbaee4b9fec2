"""The frame around every page, in its own language: alternates, sitemaps, 404 pages.

What a search engine and a reader's browser read beside the text: which languages a page
is really written in (``hreflang``), one sitemap per language of the pages that are, the
not-found page of each language tree, and what Material's script may fetch. Knows MkDocs'
pages and files only by their attributes (``url``, ``src_uri``, i18n's ``alternates``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any, Protocol

from lexikon.core.layout import SiteLayout
from lexikon.core.settings import Settings
from lexikon.render.page import Page


class SourceFile(Protocol):
    """What a MkDocs ``File`` (as static-i18n leaves it) tells about a page."""

    src_uri: str
    url: str


def written_in(file: SourceFile, lang: str, generated: Mapping[str, Page]) -> bool:
    """Whether the page of ``file`` in the ``lang`` tree is text of that language.

    A generated page knows (a missing translation shows another language's text); a
    hand-written page is when static-i18n found it in that language, not its fallback.
    """
    page = generated.get(file.src_uri)
    if page is not None:
        return page.translated and page.lang == lang
    return (getattr(file, "locale", None) or lang) == lang


def page_languages(file: SourceFile, lang: str, settings: Settings,
                   generated: Mapping[str, Page]) -> dict[str, str]:
    """Each language the page is really written in, with its site-relative URL.

    Empty for a page that is not itself written in ``lang``: it is nobody's alternate.
    """
    if not written_in(file, lang, generated):
        return {}
    others = getattr(file, "alternates", None) or {}
    found = {}
    for code in settings.codes:
        other = file if code == lang else others.get(code)
        if other is not None and written_in(other, code, generated):
            found[code] = other.url
    return found


_MATERIAL_ALTERNATE = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
"""Material's alternate links (with the spaces or tabs before each: :func:`_without_alternates`)."""


def _without_alternates(head: str) -> str:
    """``head`` without Material's alternate links and the blanks that indent each: what
    ``re.sub(r'[ \\t]*<link rel="alternate"…>\\n?', "", head)`` gives, but searched for by the
    link's own text (a pattern that begins with ``[ \\t]*`` is tried at every character of
    the head: a third of the page's frame work after MkDocs)."""
    pieces, last = [], 0
    for match in _MATERIAL_ALTERNATE.finditer(head):
        start = match.start()
        while start > last and head[start - 1] in " \t":
            start -= 1
        pieces.append(head[last:start])
        last = match.end()
    if not pieces:
        return head
    pieces.append(head[last:])
    return "".join(pieces)


def hreflang_links(languages: Mapping[str, str], default_language: str, href) -> str:
    """``<link rel="alternate" hreflang>`` for each language (and x-default) of a page.

    ``href`` turns a site-relative URL into the link written (absolute, or relative to
    the page).
    """
    links = [(code, href(url)) for code, url in languages.items()]
    if default_language in languages:
        links.append(("x-default", href(languages[default_language])))
    return "".join(f'<link rel="alternate" hreflang="{html.escape(code)}" href="{html.escape(link)}">\n'
                   for code, link in links)


def replace_hreflang(page_html: str, links: str) -> str:
    """Material's head alternates (every language, always: static-i18n's language menu)
    replaced by the page's real ones."""
    head_end = page_html.find("</head>")
    if head_end < 0:
        return page_html
    old_head = page_html[:head_end]
    head = _without_alternates(old_head)
    marker = '<link rel="icon"'
    at = head.find(marker)
    at = at if at >= 0 else len(head)
    # The head swapped in place: slicing off the rest of the page and adding it on copied a huge
    # page (the printable lexicon, 30 million characters at 10,000 terms) twice at once.
    return page_html.replace(old_head, head[:at] + links + head[at:], 1)  # the head is its start


def sitemap(urls: Mapping[str, Mapping[str, str]], layout: SiteLayout) -> str:
    """One language's sitemap: its real pages, each with its translations (absolute)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for url, languages in sorted(urls.items()):
        lines.append(f"  <url><loc>{html.escape(layout.site_address(url))}</loc>")
        alternates = dict(languages)
        if layout.settings.default_language in alternates:
            alternates["x-default"] = alternates[layout.settings.default_language]
        for code, other in alternates.items():
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{code}" '
                         f'href="{html.escape(layout.site_address(other))}"/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def sitemap_paths(layout: SiteLayout) -> list[str]:
    """The absolute paths of the sitemaps a build writes (none without ``site_url``)."""
    if not layout.site_url:
        return []
    return [layout.file_path(layout.sitemap, code) for code in layout.settings.codes]


def not_found_trees(layout: SiteLayout) -> list[dict[str, Any]]:
    """The other languages' trees, for the root 404 page's script: a missing address under
    ``/da/`` gets the Danish not-found page (GitHub Pages serves only the root one)."""
    settings = layout.settings
    return sorted(({"root": layout.root_path(code), "page": layout.file_path(layout.not_found, code)}
                   for code in settings.codes if code != settings.default_language),
                  key=lambda tree: -len(tree["root"]))

"""Generated pages handed to MkDocs converted: their HTML and TOC made by our render, not by
Python-Markdown (issue 17: the conversion was the largest part of a build).

A generated page is read as before (front matter, ``on_page_markdown`` of every plugin), but
its ``render`` is ours: :func:`lexikon.render.direct_html.convert` makes the HTML and headings
Python-Markdown would make with this site's extensions, MkDocs' own link rewriting gives
each ``x.md`` link its address (and records links to anchors), and the TOC is built from
the headings as MkDocs builds it from the ``toc`` extension's tokens. Everything after the
conversion (``on_page_content`` of every plugin, templates, search, i18n) runs as before.
Only where the site's Markdown settings are the ones the direct HTML reproduces
(:func:`usable`), and only for pages of our vocabulary; any other page is converted by
Python-Markdown, with our finished HTML blocks hidden from it (:mod:`lexikon.render.raw_blocks`).
"""

from __future__ import annotations

import logging
import re

from markdown.extensions.toc import nest_toc_tokens
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.pages import _RelativePathTreeprocessor
from mkdocs.structure.toc import get_toc

from lexikon.render import direct_html, raw_blocks
from lexikon.render.direct_html import Direct

log = logging.getLogger("mkdocs.hooks.lexikon")
EXTENSIONS = frozenset({"admonition", "attr_list", "md_in_html", "fenced_code", "tables", "toc"})
"""The site's Markdown extensions the direct HTML is made for (``mkdocs.yml``); with others
(which could change any page) every page goes to Python-Markdown."""
_TOC_OPTIONS = frozenset({"permalink", "slugify"})
_IDS = re.compile(r"""<[a-zA-Z][^<>]*?\sid=["']([^"']+)["']""")


def usable(config: MkDocsConfig) -> bool:
    """Whether this site's Markdown settings are those :mod:`lexikon.render.direct_html` reproduces:
    exactly these extensions, ``toc`` with permalinks (the default mark) and a slug function only."""
    toc = (config.mdx_configs or {}).get("toc", {})
    return (set(config.markdown_extensions) == EXTENSIONS and set(toc) <= _TOC_OPTIONS
            and toc.get("permalink") is True and set(config.mdx_configs or {}) <= {"toc"})


def read(page: MkDocsPage, markdown: str, permalink_title: str = "Permanent link") -> str:
    """A generated page's source for MkDocs, its conversion made ours (see :func:`_convert`);
    ``permalink_title``: the heading anchors' title in the page's language (an attribute's value)."""

    def render(config: MkDocsConfig, files: Files) -> None:
        del page.render  # the class's own again
        _convert(page, config, files, permalink_title)

    page.render = render  # type: ignore[method-assign]
    return markdown


def _convert(page: MkDocsPage, config: MkDocsConfig, files: Files, permalink_title: str) -> None:
    """The page's HTML and TOC made directly, or by Python-Markdown with our blocks hidden."""
    links = _RelativePathTreeprocessor(page.file, files, config)
    made = None
    if usable(config):
        slugify = config.mdx_configs.get("toc", {}).get("slugify")
        made = direct_html.convert(page.markdown or "", links.path_to_url, slugify or _default_slug(),
                                   permalink_title)
    if made is None:
        _through_markdown(page, config, files)
        return
    _set(page, made)
    if log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = links.links_to_anchors


def _set(page: MkDocsPage, made: Direct) -> None:
    """What MkDocs' ``Page.render`` leaves on a page: HTML, TOC, title, the anchors it holds."""
    tokens = [{"level": heading.level, "id": heading.id, "name": heading.name, "html": heading.name,
               "data-toc-label": ""} for heading in made.headings]
    page.content = made.html
    page.toc = get_toc(nest_toc_tokens(tokens))
    page._title_from_render = made.title
    page.present_anchor_ids = set(_IDS.findall(made.html))


def _through_markdown(page: MkDocsPage, config: MkDocsConfig, files: Files) -> None:
    markdown = page.markdown or ""
    hidden, blocks, prefix = raw_blocks.hide(markdown)
    page.markdown = hidden
    page.render(config, files)
    page.markdown = markdown
    page.content = raw_blocks.put_back(page.content or "", blocks, prefix)


def _default_slug():  # type: ignore[no-untyped-def]
    from markdown.extensions.toc import slugify

    return slugify

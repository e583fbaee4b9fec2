"""The glossary's pages as MkDocs files, and what each page's events add to them.

The glossary is rendered once per build (:func:`render`); every language pass then adds
the pages to MkDocs' files under the names static-i18n pairs them by, hands their Markdown
over when MkDocs reads them, and fills each page's head: its languages, edit link, JSON-LD.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import hashlib
import posixpath
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage

from lexikon.core import escape
from lexikon.core.articles import Article, language_path
from lexikon.core.history import article_history, entry_history
from lexikon.core.layout import SiteLayout, href
from lexikon.core.model import Entry, Glossary
from lexikon.core.processes import give_back_free_memory
from lexikon.core.settings import Settings
from lexikon.engine.mkdocs import render_memo
from lexikon.engine.mkdocs.config import site_identity, site_names
from lexikon.render import frame
from lexikon.render.article_lists import framed_pages
from lexikon.render.pages import GRAPH_MARKER, Page
from lexikon.render.site_output import render_everything


@dataclass(frozen=True)
class Rendered:
    """Everything one build makes from the glossary, once, for all its language passes."""

    settings: Settings
    glossary: Glossary
    layout: SiteLayout
    """This site's addresses, which everything rendered and written afterwards asks."""
    pages: dict[str, Page]
    """By the source path i18n knows them by (``terms/x.md``, ``terms/x.da.md``)."""
    graphs: dict[str, str]
    """Per language, the picture of the whole lexicon for the home page."""
    feeds: dict[str, str]
    """Per language, the Atom feed."""
    identity: str = "Lexikon"
    """What names the site in host-free identifiers (the first pass's: i18n renames it)."""
    articles: tuple[Article, ...] = ()
    """The knowledge base's articles, with the terms each links to or mentions."""
    sitemaps: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    """Per language, each real page's URL and its languages' URLs (filled as pages are written)."""
    packed: dict[str, bytes] = field(default_factory=dict)
    """In a one-off build, the pages' Markdown compressed (their ``markdown`` empty) until
    MkDocs reads them: see :func:`settle_heap` and :func:`markdown_of`."""
    markdown_keys: dict[str, tuple[bytes, bool]] = field(default_factory=dict)
    """Each packed page's Markdown digest and whether it holds the graph's marker, taken as it
    is packed: the page store's key without unpacking it (see :func:`markdown_key`)."""
    ahead: dict[str, Any] = field(default_factory=dict)
    """Work begun before the build's end, taken there (see :mod:`.finish`): ``exports`` (an
    :class:`~.exports_ahead.ExportsAhead`), ``search`` (bundles begun, by language)."""


def source_uri(page: Page, settings: Settings) -> str:
    """Where i18n's suffix structure expects the page: ``x.md`` or ``x.<lang>.md``."""
    return language_path(page.path, page.lang, settings.default_language)


def site_layout(settings: Settings, config: MkDocsConfig) -> SiteLayout:
    """This site's URL layout: MkDocs' ``use_directory_urls``, ``site_url`` and ``repo_url`` (if set)."""
    return SiteLayout(settings, config.use_directory_urls, config.site_url or None, config.repo_url or None)


def render(glossary: Glossary, settings: Settings, config: MkDocsConfig, articles: tuple[Article, ...] = (),
           article_pages: dict[str, str] | None = None, *, pack: bool = False) -> Rendered:
    """The pages, graphs and feeds, with this site's addresses and the git history; the
    articles' pages (``article_pages``, Markdown by source path) get their stale notices and
    boxes of terms in place. ``pack`` (a one-off build): each page's Markdown compressed as
    soon as it is made (see :func:`settle_heap`), never all of it plain at once."""
    layout = site_layout(settings, config)
    docs_history = article_history(settings.docs_dir, settings.codes) if articles else {}
    packed: dict[str, bytes] = {}
    keys: dict[str, tuple[bytes, bool]] = {}
    output = render_everything(glossary, layout, entry_history(settings.glossary_dir, settings.codes),
                               site_identity(config), site_names(config), articles, docs_history,
                               each=functools.partial(_packed, packed, keys, settings) if pack else None)
    if article_pages:
        article_pages.update(framed_pages(glossary, layout, articles, docs_history, article_pages))
    return Rendered(
        settings=settings,
        glossary=glossary,
        layout=layout,
        pages={source_uri(page, settings): page for page in output.pages},
        graphs=output.graphs,
        feeds=output.feeds,
        identity=site_identity(config),
        articles=articles,
        packed=packed,
        markdown_keys=keys,
    )


def _packed(packed: dict[str, bytes], keys: dict[str, tuple[bytes, bool]], settings: Settings,
            page: Page) -> Page:
    """``page`` without its Markdown, which goes into ``packed`` compressed (zlib level 1, ~1/8)."""
    uri = source_uri(page, settings)
    if not page.markdown:
        packed.pop(uri, None)
        keys.pop(uri, None)
        return page
    _pack(packed, keys, uri, page.markdown)
    return dataclasses.replace(page, markdown="")


def _pack(packed: dict[str, bytes], keys: dict[str, tuple[bytes, bool]], uri: str, markdown: str) -> None:
    packed[uri] = render_memo.compressed(markdown)  # the memo's stream of it, where it just made one
    keys[uri] = hashlib.blake2b(markdown.encode(), digest_size=20).digest(), GRAPH_MARKER in markdown


def markdown_key(rendered: Rendered, uri: str) -> tuple[bytes, bool]:
    """A generated page's Markdown as the page store keys it: its digest, and whether it holds
    the graph's marker (the language's graph replaces it). Taken when the page was packed (a
    one-off build: the Markdown is not unpacked for it), else from the Markdown."""
    known = rendered.markdown_keys.get(uri)
    if known is not None and uri in rendered.packed:
        return known
    markdown = markdown_of(rendered, uri)
    return hashlib.blake2b(markdown.encode(), digest_size=20).digest(), GRAPH_MARKER in markdown


def add_generated_files(files: Files, rendered: Rendered, config: MkDocsConfig) -> None:
    """Add a File per page (every language, every pass: i18n pairs twins by name).

    static-i18n 1.3.1 re-creates every File and needs a path under ``docs_dir``, so the
    files get one (never written); their text comes back through ``on_page_read_source``.
    """
    for uri, page in rendered.pages.items():
        if files.get_file_from_path(uri) is None:
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File(uri, config.docs_dir, config.site_dir, config.use_directory_urls,
                              inclusion=inclusion))


def edit_url(page: Page, config: MkDocsConfig, settings: Settings) -> str | None:
    """The edit link of a term page: its YAML file, not a Markdown file that does not exist."""
    if page.entry_id is None or not config.repo_url or not settings.edit_entries:
        return None
    docs_base = urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri or "")
    relative = posixpath.relpath(
        (settings.glossary_dir / f"{page.entry_id}.yml").as_posix(),
        Path(config.docs_dir).as_posix(),
    )
    return urljoin(docs_base if docs_base.endswith("/") else docs_base + "/", relative)


def json_ld_script(page: Page) -> str | None:
    """The page's JSON-LD, safe to stand inside ``<script>`` (no ``</`` can close it)."""
    if page.structured_data is None:
        return None
    return escape.json_script(page.structured_data)


def page_frame(page: MkDocsPage, lang: str, rendered: Rendered, config: MkDocsConfig) -> dict[str, object]:
    """What a page's head says about its languages: its real alternates (recorded for the
    sitemap), whether to keep it out of search engines, the sitemaps Material may fetch."""
    settings = rendered.settings
    languages = frame.page_languages(page.file, lang, settings, rendered.pages)
    if languages:
        rendered.sitemaps.setdefault(lang, {})[page.url] = languages
    return {"lexikon_languages": languages, "lexikon_noindex": not languages,
            "lexikon_sitemaps": frame.sitemap_paths(rendered.layout)}


def head_alternates(output: str, page: MkDocsPage | None, languages: dict[str, str],
                    layout: SiteLayout) -> str:
    """The page's head with its real ``hreflang`` alternates: absolute with ``site_url``,
    else relative to the page."""
    def link(url: str) -> str:
        return layout.site_address(url) if layout.site_url else href(page.url if page else "", url)

    links = frame.hreflang_links(languages, layout.settings.default_language, link)
    return frame.replace_hreflang(output, links)


def release_page_text(page: MkDocsPage) -> None:
    """Drop a page's Markdown and HTML once its file is written: nothing reads them again
    (search plugins read them earlier), and all pages' texts together are half a build's
    memory, held while Pagefind indexes.

    The title stays: MkDocs derives it from the Markdown (``None`` without it), and every
    later page's nav, drawer and footer name this page by it."""
    title = page.title
    page.markdown = ""
    page.content = None
    if title is not None and "title" not in page.meta:
        page.meta["title"] = title


def markdown_of(rendered: Rendered, uri: str) -> str:
    """A generated page's Markdown, as the render made it (unpacked in a one-off build)."""
    packed = rendered.packed.get(uri)
    return zlib.decompress(packed).decode() if packed is not None else rendered.pages[uri].markdown


def release_markdown(rendered: Rendered, uri: str) -> None:
    """Forget a generated page's Markdown once MkDocs has it: each is read once a build, and
    its HTML, which MkDocs holds until the page is written, takes its place."""
    rendered.packed.pop(uri, None)
    page = rendered.pages.get(uri)
    if page is not None and page.markdown:
        rendered.pages[uri] = dataclasses.replace(page, markdown="")


def without_spans(glossary: Glossary, serving: bool) -> Glossary:
    """The glossary without where each value stands in its file (each entry's source text, kept
    for findings): a one-off build has told its findings, and nothing rendered reads them.
    ``mkdocs serve`` keeps them: its fast path checks entries again beside these."""
    if serving:
        return glossary
    entries = {key: _without_spans(entry) for key, entry in glossary.entries.items()}
    return dataclasses.replace(glossary, entries=entries)


def _without_spans(entry: Entry) -> Entry:
    texts = {lang: dataclasses.replace(text, spans={}) for lang, text in entry.texts.items()}
    return dataclasses.replace(entry, texts=texts, spans={})


def settle_heap(rendered: Rendered, serving: bool) -> None:
    """After the check and the render of a one-off build (not ``serving``, whose process goes
    on rebuilding from the pages): the pages' Markdown packed (~65 kB a term in memory, most
    of a 10,000-term build's, ~8 kB packed), and what lives until the end left out of the
    collector's walks (every full collection would touch it, the second process's too)."""
    if serving:
        return
    for uri, page in rendered.pages.items():
        if page.markdown:
            _pack(rendered.packed, rendered.markdown_keys, uri, page.markdown)
            rendered.pages[uri] = dataclasses.replace(page, markdown="")
    gc.collect()
    gc.freeze()
    give_back_free_memory()


def let_go_of_pass(files: Files | None, serving: bool) -> None:
    """When the next language pass begins in a one-off build: the finished pass's pages.

    static-i18n builds the other languages from inside the first pass's ``on_post_build``, so
    that pass's ``build()`` still holds its files, and each file its page (TOC, meta, anchors,
    links, the lookups our page cache recorded): a whole pass of pages alive through the next
    one. Nothing reads them again (the next pass makes its own files and pages; the site's
    end reads the written files), so each file lets go of its page; the nav's few pages stay.
    ``mkdocs serve`` keeps them: its fast path renders from the last build's passes."""
    if serving or files is None:
        return
    for file in files:
        file.page = None
    gc.collect()
    give_back_free_memory()


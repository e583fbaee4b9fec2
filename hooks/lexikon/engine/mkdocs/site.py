"""The MkDocs adapter: the one module of the package that knows MkDocs, Material and i18n.

It turns MkDocs config into :class:`Settings`, rendered pages into MkDocs files, and the
merged search index that static-i18n leaves into one index per language (``search: lunr``)
or the built pages into one Pagefind bundle per language (``search: pagefind``).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import json
import logging
import os
import pickle
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils import CountHandler

from lexikon.core import escape
from lexikon.core.history import entry_history
from lexikon.core.layout import FEED_FILE, SiteLayout, href, language_root, page_url
from lexikon.core.locale import load_locale
from lexikon.core.model import Glossary
from lexikon.core.safe_write import write_text
from lexikon.core.settings import Language, Settings, make_settings, stable_iri
from lexikon.interchange.export import page_url_of, write_exports
from lexikon.publish.building import building_dir, swap_in  # noqa: F401  (the hook's names for them)
from lexikon.render import frame
from lexikon.render.pages import OTHER_LANGUAGE_CLASS, Page, feeds, lexicon_graphs, render_site


def settings_from_config(config: MkDocsConfig) -> Settings:
    """Settings from the live MkDocs config: the i18n plugin's languages, ``extra.lexikon``."""
    languages: list[Language] = []
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        languages = [
            Language(lang.locale, lang.name or lang.locale, bool(lang.default))
            for lang in i18n.config.languages
            if lang.build is not False
        ]
    project_dir = Path(config.config_file_path).parent
    return make_settings(project_dir, languages, config.extra.get("lexikon"),
                         Path(config.config_file_path).name)


def current_language(config: MkDocsConfig, settings: Settings) -> str:
    """The language i18n is building now (unset before i18n's first ``on_config``)."""
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or settings.default_language


def source_uri(page: Page, settings: Settings) -> str:
    """Where i18n's suffix structure expects the page: ``x.md`` or ``x.<lang>.md``."""
    if page.lang == settings.default_language:
        return page.path
    stem = page.path.removesuffix(".md")
    return f"{stem}.{page.lang}.md"


def site_layout(settings: Settings, config: MkDocsConfig) -> SiteLayout:
    """This site's URL layout: MkDocs' ``use_directory_urls`` and ``site_url`` (if set)."""
    return SiteLayout(settings, config.use_directory_urls, config.site_url or None)


def not_found_message(lang: str, settings: Settings, config: MkDocsConfig) -> dict[str, str]:
    """One language's 404 message, with that language's tree as an absolute path.

    The 404 page is served at any depth, so its links must not be relative: they start
    at ``site_url``'s path (or ``/``).
    """
    base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    locale = load_locale(lang)
    root = base + language_root(lang, settings)
    layout = site_layout(settings, config)
    return {
        "lang": lang, "root": root,
        "title": locale("not_found_title"), "text": locale("not_found_text"),
        "home": root, "home_label": locale("home_label"),
        "index": root + layout.url(layout.index, settings.default_language),
        "index_label": locale("index_title"),
    }


def not_found_context(context: dict, config: MkDocsConfig, settings: Settings, lang: str) -> None:
    """The 404 page of the language pass: its message, the other trees (root page only),
    and a language menu of the trees' homes instead of the last page's alternates."""
    context["lexikon_not_found"] = not_found_message(lang, settings, config)
    context["lexikon_not_found_trees"] = (
        frame.not_found_trees(settings, config.site_url) if lang == settings.default_language else [])
    base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    i18n = config.plugins.get("i18n")
    names = {language.locale: language.name for language in i18n.config.languages} if i18n else {}
    menu = [{"name": names.get(code, code), "link": base + language_root(code, settings), "lang": code}
            for code in settings.codes]
    # static-i18n sets the menu as an attribute on each page (which Jinja reads before the
    # item): in the second language's pass, the last page's menu would win.
    config.extra["alternate"] = config.extra.alternate = menu


def relative_language_menu(alternates: list[dict], settings: Settings) -> None:
    """The language menu's links to the language homes (static-i18n leaves them absolute
    on the home pages, ``/da/``) made site-relative like every other page's, so that a
    site served from a sub-folder without ``site_url`` switches language too."""
    for alternate in alternates:
        link = alternate.get("link", "")
        if link.startswith("/") and alternate.get("lang") in settings.codes:
            alternate["link"] = language_root(alternate["lang"], settings) or "./"


def write_not_found(output: str, lang: str, settings: Settings, config: MkDocsConfig) -> str:
    """Each language's 404 page in its own tree; MkDocs writes the default one at the root
    (static templates go to the root in every language pass: the last would win)."""
    if lang == settings.default_language:
        return output
    target = Path(config.site_dir) / language_root(lang, settings) / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return ""  # MkDocs skips an empty template


_OTHER_LANGUAGE_BOX = re.compile(
    rf'<div class="admonition {OTHER_LANGUAGE_CLASS}([a-z]{{2,3}}(?:-[A-Za-z0-9]+)*)">')


def mark_other_language(html: str) -> str:
    """Give each box of other-language text its ``lang``: screen readers switch voice."""
    return _OTHER_LANGUAGE_BOX.sub(r'<div class="admonition lexikon-other-language" lang="\1">', html)


_CODE_BLOCK = re.compile(r"<pre\b(?![^>]*data-pagefind-ignore)")


def code_out_of_search(page_html: str) -> str:
    """Code blocks kept out of Pagefind's index: the guide's YAML examples are no answer to
    a reader's search, and their raw text made odd result excerpts."""
    return _CODE_BLOCK.sub("<pre data-pagefind-ignore", page_html)


def localize_permalinks(page_html: str, lang: str) -> str:
    """Heading anchors titled in the page's language (Python-Markdown's toc says
    "Permanent link", one setting for every language)."""
    title = escape.html_attr(load_locale(lang)("permalink_title"))
    return page_html.replace('title="Permanent link"', f'title="{title}"')


_TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def drop_orphan_toc_label(page_html: str) -> str:
    """Material labels the contents for a toggle (``#__toc``) that only pages in the nav
    have: on a term page the label names no control (an HTML error), so it becomes text."""
    if _TOC_LABEL not in page_html or 'id="__toc"' in page_html:
        return page_html
    start = page_html.index(_TOC_LABEL)
    end = page_html.index("</label>", start)
    inner = page_html[start + len(_TOC_LABEL):end]
    return page_html[:start] + '<div class="md-nav__title">' + inner + "</div>" + page_html[end + 8:]


def json_ld_script(page: Page) -> str | None:
    """The page's JSON-LD, safe to stand inside ``<script>`` (no ``</`` can close it)."""
    if page.structured_data is None:
        return None
    return escape.json_script(page.structured_data)


@dataclass(frozen=True)
class Rendered:
    """Everything one build makes from the glossary, once, for all its language passes."""

    settings: Settings
    glossary: Glossary
    pages: dict[str, Page]
    """By the source path i18n knows them by (``terms/x.md``, ``terms/x.da.md``)."""
    graphs: dict[str, str]
    """Per language, the picture of the whole lexicon for the home page."""
    feeds: dict[str, str]
    """Per language, the Atom feed."""
    identity: str = "Lexikon"
    """What names the site in host-free identifiers (the first pass's: i18n renames it)."""
    sitemaps: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    """Per language, each real page's URL and its languages' URLs (filled as pages are written)."""


def render(glossary: Glossary, settings: Settings, config: MkDocsConfig) -> Rendered:
    """The pages, graphs and feeds, with this site's addresses and the git history."""
    history = entry_history(settings.glossary_dir)
    layout = site_layout(settings, config)
    pages = render_site(glossary, layout, history)
    return Rendered(
        settings=settings,
        glossary=glossary,
        pages={source_uri(page, settings): page for page in pages},
        graphs=lexicon_graphs(glossary, layout),
        feeds=feeds(glossary, layout, history, site_identity(config), site_names(config)),
        identity=site_identity(config),
    )


def finish(rendered: Rendered, config: MkDocsConfig) -> None:
    """After the last language pass: search per language, feeds, data, no broken sitemap."""
    site_dir = Path(config.site_dir)
    settings = rendered.settings
    if settings.search == "pagefind":
        # Material's index holds no pages here (see take_over_search): each language keeps
        # only its config, which Material still fetches for its highlighter.
        split_search_index(site_dir, settings)
        write_pagefind_bundles(site_dir, settings, config.use_directory_urls)
    else:
        terms = search_terms_by_location(rendered.pages.values(), settings, config.use_directory_urls)
        split_search_index(site_dir, settings, terms)
        (site_dir / SEARCH_WORKER).unlink(missing_ok=True)
    write_sitemaps(site_dir, rendered, config)
    write_feeds(site_dir, rendered.feeds, rendered.settings)
    write_data_exports(site_dir, rendered.glossary, rendered.settings, config, rendered.identity)


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


def strict_abort_pending(config: MkDocsConfig) -> bool:
    """Whether MkDocs will abort this build for its warnings once the plugins' last event is
    over (it counts them with a handler on its logger, asked only after ``on_post_build``)."""
    if not config.strict:
        return False
    handlers = logging.getLogger("mkdocs").handlers
    return any(isinstance(h, CountHandler) and h.get_counts() for h in handlers)


def site_names(config: MkDocsConfig) -> dict[str, str]:
    """The site's name in each language ("Lexikon", "Leksikon"): i18n's ``site_name``."""
    i18n = config.plugins.get("i18n")
    languages = i18n.config.languages if i18n is not None else []
    return {lang.locale: getattr(lang, "site_name", None) or config.site_name for lang in languages}


def site_identity(config: MkDocsConfig) -> str:
    """What names this site when it has no address: its repository, else its name."""
    return config.repo_url or config.site_name


def write_data_exports(site_dir: Path, glossary: Glossary, settings: Settings,
                       config: MkDocsConfig, identity: str | None = None) -> list[Path]:
    """glossary.json, CSV, TBX and SKOS at the site's root, with the pages' addresses."""
    base = config.site_url.rstrip("/") + "/" if config.site_url else ""
    url_of = page_url_of(settings, base, config.use_directory_urls)
    scheme_iri = base or stable_iri(identity or site_identity(config), "concept-scheme")
    return write_exports(glossary, settings, url_of, site_dir, scheme_iri=scheme_iri,
                         title=config.site_name, root=site_dir)


def write_feeds(site_dir: Path, feeds: dict[str, str], settings: Settings) -> None:
    """Each language's Atom feed at the root of its tree (``feed.xml``, ``da/feed.xml``)."""
    for code, text in feeds.items():
        write_text(site_dir / language_root(code, settings) / FEED_FILE, text, site_dir)


def write_sitemaps(site_dir: Path, rendered: Rendered, config: MkDocsConfig) -> None:
    """A sitemap per language tree, of the real pages of that language (none without
    ``site_url``: a sitemap needs absolute addresses)."""
    settings = rendered.settings
    for code in settings.codes:
        target = site_dir / language_root(code, settings) / "sitemap.xml"
        target.with_suffix(".xml.gz").unlink(missing_ok=True)
        target.unlink(missing_ok=True)
        if config.site_url:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(frame.sitemap(rendered.sitemaps.get(code, {}), config.site_url,
                                            settings.default_language), encoding="utf-8")


def page_frame(page: MkDocsPage, lang: str, rendered: Rendered, config: MkDocsConfig) -> dict[str, object]:
    """What a page's head says about its languages: its real alternates (recorded for the
    sitemap), whether to keep it out of search engines, the sitemaps Material may fetch."""
    settings = rendered.settings
    languages = frame.page_languages(page.file, lang, settings, rendered.pages)
    if languages:
        rendered.sitemaps.setdefault(lang, {})[page.url] = languages
    return {"lexikon_languages": languages, "lexikon_noindex": not languages,
            "lexikon_sitemaps": frame.sitemap_paths(settings, config.site_url)}


def head_alternates(output: str, page: MkDocsPage | None, languages: dict[str, str], settings: Settings,
                    config: MkDocsConfig) -> str:
    """The page's head with its real ``hreflang`` alternates: absolute with ``site_url``,
    else relative to the page."""
    def link(url: str) -> str:
        return frame.address(url, config.site_url) if config.site_url else href(page.url if page else "", url)

    return frame.replace_hreflang(output, frame.hreflang_links(languages, settings.default_language, link))


SEARCH_TERMS_FIELD = "terms"
SEARCH_TERMS_BOOST = 500.0
"""Between Material's title (1000) and text (1): an alias outranks a mention in a body."""


def search_terms_by_location(pages: Iterable[Page], settings: Settings,
                             use_directory_urls: bool) -> dict[str, dict[str, str]]:
    """Per language, each page's search terms by its location in that language's index."""
    terms: dict[str, dict[str, str]] = {code: {} for code in settings.codes}
    for page in pages:
        if page.search_terms:
            url = page_url(page.path, page.lang, settings, use_directory_urls)
            location = url.removeprefix(language_root(page.lang, settings))
            terms[page.lang][location] = " ".join(page.search_terms)
    return terms


def split_search_index(site_dir: Path, settings: Settings,
                       terms: dict[str, dict[str, str]] | None = None) -> dict[str, int]:
    """One search index per language, each where that language's pages look for it.

    static-i18n merges every language into ``search/search_index.json``; Material's
    worker on a Danish page asks ``da/search/search_index.json`` (see the ``config``
    block of our template), so a reader only ever searches their own language. Each
    term page's entry gains a field of its search terms (Material's worker indexes every
    field the index's config names), so inflected forms and aliases find it.
    """
    path = site_dir / "search" / "search_index.json"
    merged = json.loads(path.read_text(encoding="utf-8"))
    roots = {code: language_root(code, settings) for code in settings.codes}
    per_language: dict[str, list[dict]] = {code: [] for code in settings.codes}
    for doc in merged["docs"]:
        location = doc["location"]
        for code, root in roots.items():
            if root and (location == root.rstrip("/") or location.startswith(root)):
                per_language[code].append({**doc, "location": location[len(root):]})
                break
        else:
            per_language[settings.default_language].append(doc)
    terms = terms or {}
    fields = {**merged["config"]["fields"], SEARCH_TERMS_FIELD: {"boost": SEARCH_TERMS_BOOST}}
    for code, docs in per_language.items():
        for doc in docs:
            words = terms.get(code, {}).get(doc["location"])
            if words:
                doc[SEARCH_TERMS_FIELD] = words
        target = site_dir / roots[code] / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        config = {**merged["config"], "lang": [code], "fields": fields}
        index = {**merged, "config": config, "docs": docs}
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return {code: len(docs) for code, docs in per_language.items()}


# --- Pagefind ---------------------------------------------------------------------------------

SEARCH_WORKER = "assets/javascripts/lexikon-search-worker.js"
"""Our worker behind Material's search box (from ``hooks/overrides``): Material's protocol,
Pagefind's answers. One file for every language; ``?root=`` names the language's tree."""
PAGEFIND_DIR = "pagefind"
SEARCH_TERMS_ID = "lexikon-search-terms"
"""The hidden heading over a term page's search terms: the worker drops hits under it from
the excerpts it shows (the words are there to be found, not read)."""
SEARCH_TERMS_WEIGHT = 7
"""Pagefind's weight of an ``h1`` (the title): an alias or word form counts as much as the
title, far above a mention in a body (weight 1; Pagefind squares weights)."""
PAGEFIND_EXCLUDE = (".headerlink", ".md-content__button", ".lexikon-figure")
"""Not words of the page: permalink signs, the edit button, the graphs' node labels (the
neighbours' titles, which would make every neighbour a hit)."""
_PAGEFIND_UI_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
                      "pagefind-modular-ui.css", "pagefind-component-ui.js",
                      "pagefind-component-ui.css", "pagefind-highlight.js", "pagefind-worker.js")
"""Pagefind's own UIs and its page-side worker: the search box is Material's, and our
worker runs Pagefind inside itself."""


def take_over_search(meta: dict) -> bool:
    """Whether Pagefind is to index a page; the page leaves Material's lunr index either way.

    Material's search plugin parses every page it indexes (a fifth of a build); with
    Pagefind that index would only be fetched by nobody. Pages that opted out of search
    (``search: {exclude: true}``: the printable lexicon, the change list) stay out of both.
    """
    searched = not (meta.get("search") or {}).get("exclude")
    meta["search"] = {**(meta.get("search") or {}), "exclude": True}
    return searched


def search_terms_html(terms: Iterable[str]) -> str:
    """A term page's search terms as Pagefind reads them and no reader sees or hears.

    Aliases, declared and inflected forms, the other languages' titles: weighted like the
    title, hidden (Pagefind reads the HTML, not the CSS), under a heading of their own.
    """
    words = " ".join(f"<span>{escape.html_text(term)}</span>" for term in terms)
    if not words:
        return ""
    return (f'<div class="lexikon-search-terms" hidden aria-hidden="true" '
            f'data-pagefind-weight="{SEARCH_TERMS_WEIGHT}">'
            f'<h2 id="{SEARCH_TERMS_ID}"></h2><p>{words}</p></div>')


_CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def use_search_worker(page_html: str, worker_url: str) -> str:
    """Point Material's search box at our worker (``search`` in the page's ``__config``)."""

    def swap(match: re.Match[str]) -> str:
        config = json.loads(match.group(2))
        config["search"] = worker_url
        return match.group(1) + escape.json_script(config, separators=(", ", ": ")) + match.group(3)

    return _CONFIG_SCRIPT.sub(swap, page_html, count=1)


def search_worker_url(page_url: str | None, lang: str, settings: Settings, base: str | None = None) -> str:
    """The worker's address from a page (relative), or from ``base`` (the 404 page, any depth)."""
    target = SEARCH_WORKER + "?root=" + language_root(lang, settings)
    if base is not None:
        return base.rstrip("/") + "/" + target
    return href(page_url or "", SEARCH_WORKER) + "?root=" + language_root(lang, settings)


def pagefind_pages(site_dir: Path, settings: Settings,
                   use_directory_urls: bool = True) -> dict[str, list[tuple[str, Path]]]:
    """Per language, each page Pagefind indexes: its URL within the language's tree, its file.

    A page belongs to the language whose tree it is in (the longest root that holds it);
    only pages our template marked ``data-pagefind-body`` count, so the 404 page, redirects
    and pages that opted out of search stay out, and no bundle holds another language.
    """
    roots = sorted(((code, language_root(code, settings)) for code in settings.codes),
                   key=lambda pair: -len(pair[1]))
    pages: dict[str, list[tuple[str, Path]]] = {code: [] for code in settings.codes}
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        code, root = next((c, r) for c, r in roots if relative.startswith(r))
        inside = relative[len(root):]
        if inside.split("/", 1)[0] == PAGEFIND_DIR:
            continue
        if "data-pagefind-body" not in path.read_text(encoding="utf-8"):
            continue
        if use_directory_urls and (inside == "index.html" or inside.endswith("/index.html")):
            inside = inside.removesuffix("index.html")
        pages[code].append(("/" + inside, path))
    return pages


def write_pagefind_bundles(site_dir: Path, settings: Settings,
                           use_directory_urls: bool = True) -> dict[str, int]:
    """One Pagefind bundle per language, in ``<language root>/pagefind/``.

    A reader's worker loads only their language's bundle, whose words are stemmed by that
    language's Snowball stemmer (``--force-language``). Each language's pages are linked
    (hard links: no copies) into a folder of their own, laid out as in their tree, and
    Pagefind indexes that folder. Result URLs are relative to the language's tree; the
    browser side prefixes them with the folder holding the bundle.
    """
    pages = pagefind_pages(site_dir, settings, use_directory_urls)
    _return_free_memory()  # the indexer's memory comes on top of the build's
    with tempfile.TemporaryDirectory(prefix=f".{site_dir.name}.pagefind-", dir=site_dir.parent) as tmp:
        staged = {code: Path(tmp) / code for code in settings.codes}
        for code, found in pages.items():
            for url, path in found:
                name = url.lstrip("/")
                target = staged[code] / (name + "index.html" if name.endswith("/") or not name else name)
                target.parent.mkdir(parents=True, exist_ok=True)
                _link_or_copy(path, target)
            staged[code].mkdir(parents=True, exist_ok=True)

        # One language after the other: each indexer holds every page of its language
        # (600 MB at 5000 terms), beside the build's own memory. Pagefind's command, not
        # its Python API: the API's service, stopped as soon as it answers, could leave a
        # bundle's last file empty on a large site.
        for code in settings.codes:
            target = site_dir / language_root(code, settings) / PAGEFIND_DIR
            shutil.rmtree(target, ignore_errors=True)
            command = [sys.executable, "-m", "pagefind", "--site", str(staged[code]),
                       "--output-path", str(target), "--force-language", code, "--silent"]
            for selector in PAGEFIND_EXCLUDE:
                command += ["--exclude-selectors", selector]
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            entry = target / "pagefind-entry.json"
            if done.returncode != 0 or not entry.is_file() or not entry.stat().st_size:
                raise RuntimeError(f"Pagefind could not index the '{code}' pages:\n{done.stderr[-2000:]}")
    for code in settings.codes:
        folder = site_dir / language_root(code, settings) / PAGEFIND_DIR
        for name in _PAGEFIND_UI_FILES:
            (folder / name).unlink(missing_ok=True)
    return {code: len(found) for code, found in pages.items()}


def _return_free_memory() -> None:
    """Give the pages' freed texts back to the system (glibc keeps freed heap otherwise)."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links
        shutil.copyfile(source, target)


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


# --- a second process for half of the Markdown ------------------------------------------------

_PAGE_STATE = ("markdown", "content", "toc", "meta", "_title_from_render", "present_anchor_ids")
"""What MkDocs' page steps leave on a page (besides links, which name File objects)."""


class _Records(logging.Handler):
    """Log records of the second process, to be told again by the first (strict counts them)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args, record.exc_info = record.getMessage(), None, None
        self.records.append(record)


class SecondProcess:
    """Half of a language pass's generated pages, through MkDocs' own page steps, in a fork.

    Markdown is half of a build, and generated term pages are nearly all of it. After the
    nav is made, a copy of the build process (forked: it starts with every object the
    build has) reads, converts and post-processes every second generated page with the
    same plugins and events, and sends each result back in order. The build gives those
    pages an empty source and takes the result where it would have converted them: the
    HTML is the same, made on the other core. Only where forking is safe (no other
    thread, as in ``mkdocs serve``) and worth it (``parallel_from`` pages).
    """

    def __init__(self, pages: list[MkDocsPage], config: MkDocsConfig, files: Files) -> None:
        self.share = {page.file.src_uri for page in pages}
        self.results: dict[str, tuple[dict, dict, list[logging.LogRecord]]] = {}
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(read)
            _render_in_child(pages, config, files, write)  # never returns
        os.close(write)
        self.reader = os.fdopen(read, "rb")

    @classmethod
    def start(cls, files: Files, config: MkDocsConfig, rendered: Rendered) -> SecondProcess | None:
        pages = [file.page for file in files.documentation_pages()
                 if file.page is not None and file.src_uri in rendered.pages]
        threshold = rendered.settings.parallel_from
        if not threshold or len(pages) < threshold or not _can_fork():
            return None
        return cls(pages[1::2], config, files)

    def owns(self, page: MkDocsPage) -> bool:
        return page.file.src_uri in self.share

    def take(self, page: MkDocsPage, files: Files) -> str:
        """The page's HTML from the second process; its TOC, meta and anchors set on it."""
        uri = page.file.src_uri
        while uri not in self.results:
            try:
                # Pickle, between our own forked processes over an anonymous pipe: nothing
                # read from disk or written by anyone else (the cache is JSON; see cache.py).
                got, state, links, records = pickle.load(self.reader)
            except EOFError:
                raise RuntimeError(f"the second build process ended before rendering {uri}") from None
            if got is None:
                raise RuntimeError(f"the second build process failed:\n{state}")
            self.results[got] = (state, links, records)
        state, links, records = self.results.pop(uri)
        for record in records:
            logging.getLogger(record.name).handle(record)
        content = state.pop("content")
        for name, value in state.items():
            setattr(page, name, value)
        page.links_to_anchors = {files.get_file_from_path(target): anchors  # type: ignore[misc]
                                 for target, anchors in links.items()} or None
        return content

    def close(self) -> None:
        """Wait for the second process (all its pages were taken, or the build failed)."""
        self.reader.close()  # a process still writing gets a broken pipe, and ends
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def _can_fork() -> bool:
    return (os.cpu_count() or 1) >= 2 and threading.active_count() == 1 and hasattr(os, "fork")


def _render_in_child(pages: list[MkDocsPage], config: MkDocsConfig, files: Files, write: int) -> None:
    """The second process: each page through MkDocs' steps, sent back; then away, at once."""
    gc.freeze()  # the inherited objects are the build's: never walk (and so copy) them
    code = 0
    records = _Records()
    for name in ("", "mkdocs"):
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
    logging.getLogger("mkdocs").addHandler(records)
    out = os.fdopen(write, "wb")
    try:
        for page in pages:
            records.records = []
            _populate_page(page, config, files)
            state = {name: getattr(page, name) for name in _PAGE_STATE}
            state.update({k: v for k, v in vars(page).items() if k.startswith("lexikon_")})
            links = {target.src_uri: anchors for target, anchors in (page.links_to_anchors or {}).items()}
            pickle.dump((page.file.src_uri, state, links, records.records), out, pickle.HIGHEST_PROTOCOL)
            page.markdown = page.content = None  # sent: free it
    except BaseException:
        code = 1
        with contextlib.suppress(BaseException):
            pickle.dump((None, traceback.format_exc(), {}, []), out)
    finally:
        with contextlib.suppress(BaseException):
            out.flush()
        os._exit(code)


def _populate_page(page: MkDocsPage, config: MkDocsConfig, files: Files) -> None:
    """MkDocs 1.6's steps for one page, as in ``mkdocs.commands.build._populate_page``."""
    config._current_page = page
    try:
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        page.render(config, files)
        page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
    finally:
        config._current_page = None

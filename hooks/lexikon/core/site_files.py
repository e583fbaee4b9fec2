"""Every file the build writes into the site beside the pages, by its path in the site.

One list for whoever needs to know what the build owns there: the check refuses a file or
folder of ``docs/`` in the way of one (MkDocs copies ``docs/`` into the site, so
``docs/glossary.json/`` would stop the exports' write, and ``docs/glossary.json`` would be
replaced without a word). Paths are site-relative, each language's under its tree's root.

A file of ``docs/`` does not always land at its own path: static-i18n (``docs_structure:
suffix``) copies ``feed.da.xml`` to ``da/feed.xml`` and ``glossary.de.json`` to
``glossary.json``: :func:`copied_to` says where a file of ``docs/`` lands.
"""

from __future__ import annotations

import functools
import posixpath

import pathspec

from lexikon.core.formats import EXPORT_FORMATS
from lexikon.core.i18n_suffix import placed
from lexikon.core.layout import (
    FEED_FILE,
    NOT_FOUND_FILE,
    SEARCH_BUNDLE_DIR,
    SITEMAP_FILE,
    SiteLayout,
    fixed_pages,
)
from lexikon.core.settings import Settings

SEARCH_SETTINGS_FILE = "search/search_index.json"
"""Material's search settings per language tree (with Pagefind it holds no pages)."""
THEME_FILES = {
    "assets/javascripts/lexikon-search-worker.js": "its search worker",
    "assets/javascripts/lexikon-propose.js": "its script of the proposal form",
}
"""Our scripts in ``hooks/overrides``: a file of ``docs/`` of the same path replaces the
theme's (MkDocs' rule), and the search box or the form would break without a word."""
MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
"""What MkDocs takes for a page's source (``utils.markdown_extensions``)."""


def own_files(settings: Settings) -> dict[str, str]:
    """Site path → what the build writes there. A path ending in ``/`` is a folder the build
    replaces whole (the search bundle), so nothing of ``docs/`` may lie inside it."""
    layout = _layout(settings)
    found: dict[str, str] = {}
    for code in settings.codes:
        found[layout.file_url(FEED_FILE, code)] = "its Atom feed"
        found[layout.file_url(SITEMAP_FILE, code)] = "its sitemap"
        found[layout.file_url(f"{SITEMAP_FILE}.gz", code)] = "its compressed sitemap"
        found[layout.file_url(SEARCH_SETTINGS_FILE, code)] = "its search settings"
        found[layout.file_url(NOT_FOUND_FILE, code)] = "its not-found page"
        for page, what in fixed_pages(settings).items():
            found[page_file(layout.url(page, code))] = what
        if settings.search == "pagefind":
            found[layout.file_url(f"{SEARCH_BUNDLE_DIR}/", code)] = "its search bundle"
    for fmt in EXPORT_FORMATS:
        for name in fmt.file_names(settings.codes):
            found[layout.file_url(name)] = f"the {fmt.name} export"
    found.update(THEME_FILES)
    return found


def page_file(url: str) -> str:
    """The file of a page at the site-relative ``url`` (``x/`` or ``x.html``)."""
    return url if url.endswith(".html") else url + "index.html"


def page_folders(settings: Settings) -> dict[str, str]:
    """Site folder → whose pages lie one level inside it (``terms/x/index.html``, or
    ``terms/x.html`` without directory URLs): every such file there is, or may become, a
    generated page, whatever the glossary's ids."""
    layout = _layout(settings)
    folders = ((settings.terms_path, "a term page"), (settings.tags_path, "a tag page"))
    return {layout.root(code) + (f"{folder}/" if folder else ""): what  # "": the tree's root
            for code in settings.codes for folder, what in folders}


def copied_to(source: str, settings: Settings) -> str | None:
    """Where MkDocs and static-i18n (suffix structure) copy the file ``source`` of ``docs/`` in
    the site, or write its page (``feed.xml.md`` → ``feed.xml/index.html``, or
    ``feed.xml.html`` without directory URLs); None when nowhere (``exclude_docs``, its
    default's dot-files and ``templates/`` included; a language code not built). The address
    is MkDocs' ``File`` one, then static-i18n's steps (:func:`lexikon.core.i18n_suffix.placed`)."""
    if excluded(source, settings):
        return None
    parent, filename = posixpath.split(source)
    stem = posixpath.splitext(filename)[0]
    name = "index" if stem == "README" else stem  # MkDocs' File.name
    dest = source
    if source.endswith(MARKDOWN):  # a page: MkDocs' address first ("x.md" → "x/index.html")
        flat = name == "index" or not settings.use_directory_urls
        dest = posixpath.join(parent, f"{name}.html" if flat else f"{name}/index.html")
    try:
        dest, _, code = placed(dest, name, settings.codes, settings.use_directory_urls)
    except ValueError:  # a name pathlib cannot strip: static-i18n would fail on it first
        return None
    tree = code or settings.default_language
    if tree not in settings.codes:
        return None
    return _layout(settings).root(tree) + dest


def excluded(source: str, settings: Settings) -> bool:
    """Whether MkDocs leaves the file ``source`` of ``docs/`` out of the site: its
    ``exclude_docs`` after its default patterns (dot-files, the top ``templates/``), combined
    and matched as MkDocs 1.6 does (``files.set_exclusions``), with the same library. Without
    patterns of the project's, its defaults on strings (the article reader asks for each page)."""
    if not settings.exclude_docs:
        return source.startswith((".", "templates/")) or "/." in source
    return _exclusion(settings.exclude_docs).match_file(source)


@functools.lru_cache(maxsize=8)
def _exclusion(lines: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    default = pathspec.GitIgnoreSpec.from_lines([".*", "/templates/"])  # MkDocs' _default_exclude
    return default + pathspec.GitIgnoreSpec.from_lines(lines) if lines else default


def _layout(settings: Settings) -> SiteLayout:
    return SiteLayout(settings, settings.use_directory_urls)

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

import posixpath
import re
from pathlib import PurePosixPath

from lexikon.core.formats import EXPORT_FORMATS
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
_LOCALE = re.compile(r"(^[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?$)|(^[a-z]{2}_[A-Z]{2}$)")
"""What static-i18n takes for a language code in a file's name (its ``RE_LOCALE``)."""


def own_files(settings: Settings) -> dict[str, str]:
    """Site path → what the build writes there. A path ending in ``/`` is a folder the build
    replaces whole (the search bundle), so nothing of ``docs/`` may lie inside it."""
    layout = SiteLayout(settings)
    found: dict[str, str] = {}
    for code in settings.codes:
        found[layout.file_url(FEED_FILE, code)] = "its Atom feed"
        found[layout.file_url(SITEMAP_FILE, code)] = "its sitemap"
        found[layout.file_url(f"{SITEMAP_FILE}.gz", code)] = "its compressed sitemap"
        found[layout.file_url(SEARCH_SETTINGS_FILE, code)] = "its search settings"
        found[layout.file_url(NOT_FOUND_FILE, code)] = "its not-found page"
        for page, what in fixed_pages(settings).items():
            found[layout.url(page, code) + "index.html"] = what
        if settings.search == "pagefind":
            found[layout.file_url(f"{SEARCH_BUNDLE_DIR}/", code)] = "its search bundle"
    for fmt in EXPORT_FORMATS:
        for name in fmt.file_names(settings.codes):
            found[layout.file_url(name)] = f"the {fmt.name} export"
    found.update(THEME_FILES)
    return found


def page_folders(settings: Settings) -> dict[str, str]:
    """Site folder → whose pages lie one level inside it (``terms/x/index.html``): every
    ``index.html`` there is, or may become, a generated page, whatever the glossary's ids."""
    layout = SiteLayout(settings)
    folders = ((settings.terms_path, "a term page"), (settings.tags_path, "a tag page"))
    return {layout.root(code) + (f"{folder}/" if folder else ""): what  # "": the tree's root
            for code in settings.codes for folder, what in folders}


def copied_to(source: str, settings: Settings) -> str | None:
    """Where MkDocs and static-i18n (suffix structure, directory URLs) copy the file ``source``
    of ``docs/`` in the site, or write its page (``feed.xml.md`` → ``feed.xml/index.html``);
    None when nowhere (a dot-file, a language code not built).
    Step by step as static-i18n 1.3's ``suffix.create_i18n_file``, with its ``pathlib`` calls:
    a name like ``n.da.`` (trailing dot) keeps its suffix there, so it does here."""
    parts = source.split("/")
    if parts[0] == "templates" or any(part.startswith(".") for part in parts):
        return None  # MkDocs' exclude_docs default ('.*', '/templates/')
    parent, stem = posixpath.split(posixpath.splitext(source)[0])
    name = "index" if stem == "README" else stem  # MkDocs' File.name
    suffixes = PurePosixPath(name).suffixes
    code = suffixes[-1][1:] if suffixes else ""
    dest = PurePosixPath(source)
    if source.endswith(MARKDOWN):  # a page: MkDocs' address first ("x.md" → "x/index.html")
        dest = PurePosixPath(parent, f"{name}.html" if name == "index" else f"{name}/index.html")
    if code in settings.codes:
        try:
            dest = PurePosixPath(f"{dest.parent / PurePosixPath(dest.stem).with_suffix('')}{dest.suffix}")
            if dest.parent != PurePosixPath("."):
                dest = dest.parent.with_suffix("") / dest.name  # "x.y/" loses its suffix too
                if dest.parent.name in ("index", "README"):
                    dest = dest.parent.parent / dest.name
        except ValueError:  # a name pathlib cannot strip: static-i18n would fail on it first
            return None
    elif code and _LOCALE.match(code):
        return None
    if dest.name.endswith("README.html"):
        dest = dest.with_name("index.html")
    tree = code if code in settings.codes else settings.default_language
    return SiteLayout(settings).root(tree) + dest.as_posix()

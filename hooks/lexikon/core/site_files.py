"""Every file the build writes into the site beside the pages, by its path in the site.

One list for whoever needs to know what the build owns there: the check refuses a file or
folder of ``docs/`` in the way of one (MkDocs copies ``docs/`` into the site, so
``docs/glossary.json/`` would stop the exports' write, and ``docs/glossary.json`` would be
replaced without a word). Paths are site-relative, each language's under its tree's root.

A file of ``docs/`` does not always land at its own path: static-i18n (``docs_structure:
suffix``) copies ``feed.da.xml`` to ``da/feed.xml`` and ``glossary.de.json`` to
``glossary.json``, so :func:`docs_sources` names every path of ``docs/`` that lands on one.
"""

from __future__ import annotations

import posixpath
import re

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


def copied_to(source: str, settings: Settings) -> str | None:
    """Where static-i18n (suffix structure, directory URLs) copies the file ``source`` of
    ``docs/`` in the site; None when it copies it nowhere (a language code not built)."""
    folder, _, name = source.rpartition("/")
    stem, ext = posixpath.splitext(name)
    code = posixpath.splitext(stem)[1][1:]
    target = source
    if code in settings.codes:
        if folder:  # static-i18n drops the suffix of the folder too ("x.y/" → "x/")
            parent, base = posixpath.split(folder)
            folder = posixpath.join(parent, posixpath.splitext(base)[0])
        target = posixpath.join(folder, posixpath.splitext(stem)[0] + ext)
    elif code and _LOCALE.match(code):
        return None
    if posixpath.basename(target).endswith("README.html"):  # static-i18n renames it so
        target = posixpath.join(posixpath.dirname(target), "index.html")
    root = SiteLayout(settings).root(code) if code in settings.codes else ""
    return root + target


def docs_sources(target: str, settings: Settings) -> list[str]:
    """Every path of a file in ``docs/`` that static-i18n copies to the site path ``target``:
    its own path, and the name with a language's suffix (``da/feed.xml`` ← ``feed.da.xml``,
    ``da/feed.de.xml``); ``README.html`` for ``index.html``."""
    layout = SiteLayout(settings)
    folder, _, name = target.rpartition("/")
    names = [name, "README.html"] if name == "index.html" else [name]
    candidates: list[str] = []
    for each in names:
        path = posixpath.join(folder, each)
        candidates.append(path)
        for code in settings.codes:
            root = layout.root(code)
            for base in dict.fromkeys((path, path.removeprefix(root) if path.startswith(root) else path)):
                stem, ext = posixpath.splitext(base)
                candidates.append(f"{stem}.{code}{ext}")
    found: list[str] = []
    for source in candidates:
        if source not in found and copied_to(source, settings) == target:
            found.append(source)
    return found

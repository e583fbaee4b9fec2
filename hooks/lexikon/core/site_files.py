"""Every file the build writes into the site beside the pages, by its path in the site.

One list for whoever needs to know what the build owns there: the check refuses a file or
folder of ``docs/`` in the way of one (MkDocs copies ``docs/`` into the site, so
``docs/glossary.json/`` would stop the exports' write, and ``docs/glossary.json`` would be
replaced without a word). Paths are site-relative, each language's under its tree's root.
"""

from __future__ import annotations

from lexikon.core.formats import EXPORT_FORMATS
from lexikon.core.layout import FEED_FILE, SEARCH_BUNDLE_DIR, SITEMAP_FILE, SiteLayout
from lexikon.core.settings import Settings

SEARCH_SETTINGS_FILE = "search/search_index.json"
"""Material's search settings per language tree (with Pagefind it holds no pages)."""


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
        if settings.search == "pagefind":
            found[layout.file_url(f"{SEARCH_BUNDLE_DIR}/", code)] = "its search bundle"
    for fmt in EXPORT_FORMATS:
        for name in fmt.file_names(settings.codes):
            found[layout.file_url(name)] = f"the {fmt.name} export"
    return found

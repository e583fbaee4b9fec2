"""The end of a build, after the last language pass: search per language, sitemaps, feeds and
the data exports; search bundles and exports taken from the last good site where what they
are made of did not change (:mod:`lexikon.publish.kept`)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from lexikon.core.safe_write import WriteRefused
from lexikon.core.settings import site_texts
from lexikon.engine.mkdocs import exports_kept
from lexikon.engine.mkdocs.caches import Caches
from lexikon.engine.mkdocs.pages import Rendered
from lexikon.publish.building import Building
from lexikon.publish.kept import KeptOutputs
from lexikon.publish.outputs import write_feeds, write_search, write_sitemaps
from lexikon.publish.pagefind import start_bundle
from lexikon.publish.pagefind_index import IndexFailed

if TYPE_CHECKING:  # only named in annotations: no exporter imported in a build that keeps them
    from lexikon.interchange.skos import SiteTexts

log = logging.getLogger("mkdocs.hooks.lexikon")


def finish_site(rendered: Rendered, config: MkDocsConfig, kept: KeptOutputs | None, *,
                search: bool = True) -> None:
    """Search per language, feeds, data, no broken sitemap. ``search=False`` for serve's fast
    path, which refreshes search itself (Material's index is split once a build). The exports
    were made during the passes (:func:`start_exports`), or are made while Pagefind indexes
    (its own process: the other core). An output whose path a folder holds (``docs/feed.xml/``,
    copied into the site) stops the build in one line, the last good site kept."""
    site_dir = Path(config.site_dir)
    try:
        write_sitemaps(site_dir, rendered.sitemaps, rendered.layout)
        write_feeds(site_dir, rendered.feeds, rendered.layout)
        if search:
            write_search(site_dir, rendered.layout, rendered.pages.values(), kept,
                         lambda: _exports(rendered, config, kept), rendered.ahead.pop("search", None))
        else:
            _exports(rendered, config, kept)
    except IndexFailed as error:  # one line (Pagefind's words in it), the last good site kept
        words = " ".join(str(error).split())[:600]
        raise Abort(f"lexikon: error: {words}: run the build again") from None
    except WriteRefused as error:
        raise Abort(str(error)) from None
    if kept is not None:
        log.info(f"lexikon: outputs from the last build: {', '.join(kept.taken) or 'none'}")


def finish_without_kept(rendered: Rendered, config: MkDocsConfig, *, search: bool = True) -> None:
    """The end of a build as serve's fast path runs it: everything made again, no kept outputs."""
    finish_site(rendered, config, None, search=search)


def start_exports(rendered: Rendered, config: MkDocsConfig, caches: Caches | None,
                  building: Building | None) -> None:
    """Decide which exports the last site gives, begin the others in a forked process, taken at
    the end: see :mod:`.exports_kept` and :mod:`.exports_ahead`."""
    config_file = Path(config.config_file_path)
    name = site_texts(config_file, "site_name")
    if not name:
        return  # named by the last language pass's config: known only at the end
    kept = caches.outputs_from(building.site_dir) if caches is not None and building is not None else None
    keys = caches.keys if caches is not None else None
    exports_kept.start(rendered, (name, site_texts(config_file, "site_description")), kept, keys)


def search_ahead(rendered: Rendered | None, building: Building | None, caches: Caches | None) -> None:
    """At the second language pass: the first (default) language's pages are written, so its
    search bundle begins now; its indexer works while the other passes run (the other core)."""
    if rendered is None or building is None or rendered.settings.search != "pagefind" \
            or "search" in rendered.ahead:
        return
    kept = caches.outputs_from(building.site_dir) if caches is not None else None
    code = rendered.settings.default_language
    rendered.ahead["search"] = {code: start_bundle(building.folder, rendered.layout, code, kept)}


def abandon_ahead(rendered: Rendered | None) -> None:
    """A failed build: what was begun for its end is stopped."""
    ahead = rendered.ahead if rendered is not None else {}
    if "exports" in ahead:
        ahead.pop("exports").drop()
    for begun in ahead.pop("search", {}).values():
        if begun.indexer is not None:
            begun.indexer.stop()


def _site_texts(config: MkDocsConfig) -> tuple[SiteTexts, SiteTexts]:
    """The site's name and description per language (config.site_name is the last language's at the end)."""
    config_file = Path(config.config_file_path)
    name = site_texts(config_file, "site_name") or config.site_name
    return name, site_texts(config_file, "site_description")


def _exports(rendered: Rendered, config: MkDocsConfig, kept: KeptOutputs | None) -> None:
    """The data exports, each format taken from the last site where what it is made of is the same."""
    exports_kept.finish(rendered, Path(config.site_dir), _site_texts(config), kept)

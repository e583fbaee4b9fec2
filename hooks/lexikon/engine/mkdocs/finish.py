"""The end of a build, after the last language pass: search per language, sitemaps, feeds and
the data exports; search bundles and exports taken from the last good site where what they
are made of did not change (:mod:`lexikon.publish.kept`)."""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from lexikon.check import cache_codec
from lexikon.core.settings import site_texts
from lexikon.engine.mkdocs.pages import Rendered
from lexikon.publish.kept import KeptOutputs
from lexikon.publish.outputs import write_data_exports, write_feeds, write_search, write_sitemaps

log = logging.getLogger("mkdocs.hooks.lexikon")


def finish_site(rendered: Rendered, config: MkDocsConfig, kept: KeptOutputs | None, *,
                search: bool = True) -> None:
    """Search per language, feeds, data, no broken sitemap. ``search=False`` for serve's fast
    path, which refreshes search itself (Material's index is split once a build). The exports
    are written while Pagefind indexes (its own process: the other core)."""
    site_dir = Path(config.site_dir)
    write_sitemaps(site_dir, rendered.sitemaps, rendered.layout)
    write_feeds(site_dir, rendered.feeds, rendered.layout)
    if search:
        write_search(site_dir, rendered.layout, rendered.pages.values(), kept,
                     lambda: _exports(rendered, config, kept))
    else:
        _exports(rendered, config, kept)
    if kept is not None:
        log.info(f"lexikon: outputs from the last build: {', '.join(kept.taken) or 'none'}")


def _exports(rendered: Rendered, config: MkDocsConfig, kept: KeptOutputs | None) -> None:
    """The data exports, or the last build's where the glossary and the site's names are the same."""
    site_dir = Path(config.site_dir)
    config_file = Path(config.config_file_path)  # config.site_name is the last language's now
    title = site_texts(config_file, "site_name") or config.site_name
    description = site_texts(config_file, "site_description")
    inputs = ""
    if kept is not None:
        inputs = _export_inputs(rendered, [title, rendered.identity, description,
                                           repr(rendered.articles)])
        if kept.reuse("exports", inputs, ".", site_dir):
            return
    written = write_data_exports(site_dir, rendered.glossary, rendered.layout, title, rendered.identity,
                                 description, rendered.articles)
    if kept is not None:
        kept.record("exports", inputs, site_dir, written)


def _export_inputs(rendered: Rendered, texts: list[object]) -> str:
    """What the exports are made of: the glossary, the site's addresses, names and languages
    (the code and library versions are the store's fingerprint)."""
    glossary = rendered.glossary
    order = [list(glossary.tags), list(glossary.entries)]  # sort_keys hides it; SKOS lists tags in file order
    data = json.dumps([cache_codec.encode(glossary), repr(rendered.layout), texts, order],
                      sort_keys=True, default=repr)
    return hashlib.blake2b(data.encode(), digest_size=20).hexdigest()

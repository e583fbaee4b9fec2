"""What goes into the built site's folder beside the pages, once every language is built.

Search per language (Pagefind bundles or lunr indexes), each language's feed and sitemap,
and the data exports at the site's root. Needs only the folder, the settings, what was
rendered and the site's address: any engine's build can end with these.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from lexikon.core.articles import Article
from lexikon.core.layout import SiteLayout
from lexikon.core.model import Glossary
from lexikon.core.safe_write import write_text
from lexikon.core.settings import stable_iri
from lexikon.publish.kept import KeptOutputs
from lexikon.publish.lunr import search_terms_by_location, split_search_index
from lexikon.publish.pagefind import SEARCH_WORKER, write_pagefind_bundles
from lexikon.publish.pagefind_index import Started
from lexikon.render import frame
from lexikon.render.pages import Page

if TYPE_CHECKING:  # only named in annotations: no exporter imported in a build that keeps them
    from lexikon.interchange.skos import SiteTexts


def write_search(site_dir: Path, layout: SiteLayout, pages: Iterable[Page],
                 kept: KeptOutputs | None = None, meanwhile: Callable[[], None] | None = None,
                 started: dict[str, Started] | None = None) -> None:
    """Search per language, by the engine the settings name (``kept``: the last build's bundles);
    ``meanwhile`` runs once, while Pagefind indexes if it does; ``started``: bundles begun
    earlier (see :func:`lexikon.publish.pagefind.start_bundle`)."""
    settings = layout.settings
    if settings.search == "pagefind":
        # Material's index holds no pages here (see take_over_search): each language keeps
        # only its config, which Material still fetches for its highlighter.
        split_search_index(site_dir, layout)
        write_pagefind_bundles(site_dir, layout, kept, meanwhile, started)
        return
    terms = search_terms_by_location(pages, layout)
    split_search_index(site_dir, layout, terms)
    (site_dir / SEARCH_WORKER).unlink(missing_ok=True)
    if meanwhile is not None:
        meanwhile()


def write_data_exports(site_dir: Path, glossary: Glossary, layout: SiteLayout, title: SiteTexts,
                       identity: str, description: SiteTexts = "",
                       articles: Sequence[Article] = (), only: Collection[str] | None = None) -> list[Path]:
    """glossary.json, CSV, TBX and SKOS at the site's root, with the pages' addresses;
    ``identity`` names the concept scheme of a site without an address; ``title`` and
    ``description`` are the site's, per language (``core.settings.site_texts``); ``articles``
    (with their terms) join glossary.json; ``only``: these formats (by name)."""
    settings, base = layout.settings, layout.site_address()
    from lexikon.interchange.export import page_url_of, write_exports  # not in a build that keeps them
    url_of = page_url_of(settings, base, bool(layout.use_directory_urls))
    scheme_iri = base or stable_iri(identity, "concept-scheme")
    addresses = SiteLayout(settings, bool(layout.use_directory_urls), base or None)
    return write_exports(glossary, settings, url_of, site_dir, scheme_iri=scheme_iri,
                         title=title, description=description, root=site_dir,
                         knowledge=(articles, addresses.absolute_url), only=only)


def write_feeds(site_dir: Path, feeds: dict[str, str], layout: SiteLayout) -> None:
    """Each language's Atom feed at the root of its tree (``feed.xml``, ``da/feed.xml``)."""
    for code, text in feeds.items():
        write_text(site_dir / layout.file_url(layout.feed, code), text, site_dir)


def write_sitemaps(site_dir: Path, sitemaps: dict[str, dict[str, dict[str, str]]],
                   layout: SiteLayout) -> None:
    """A sitemap per language tree, of the real pages of that language (none without
    ``site_url``: a sitemap needs absolute addresses)."""
    settings, site_url = layout.settings, layout.site_url
    for code in settings.codes:
        target = site_dir / layout.file_url(layout.sitemap, code)
        target.with_suffix(".xml.gz").unlink(missing_ok=True)
        target.unlink(missing_ok=True)
        if site_url:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(frame.sitemap(sitemaps.get(code, {}), layout), encoding="utf-8")

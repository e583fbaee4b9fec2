"""core.layout.SiteLayout: every link the pages write lands where the page or file lies.

Each address is followed as a browser does (``urljoin`` from the page's own URL) and
compared with where the site puts the target: pages at :meth:`SiteLayout.url`, each
language's feed at the root of its tree, the data exports at the site's root. With and
without MkDocs' ``use_directory_urls``: the site's own links once assumed directory URLs.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest

from lexikon.core.layout import SiteLayout
from lexikon.core.model import Entry, Glossary, Tag, Text
from lexikon.core.settings import Language, Settings
from lexikon.render.pages import feeds, render_site

SITE = "https://lexikon.example/base/"
SETTINGS = Settings(Path("."), (Language("de", "Deutsch", True), Language("da", "Dansk")))
ENTRY = Entry("x", "glossary/x.yml", tags=("it",), related=("y",),
              texts={"de": Text("de", "X", "Ein X."), "da": Text("da", "X", "Et X.")})
OTHER = Entry("y", "glossary/y.yml", texts={"de": Text("de", "Y", "Ein Y, siehe [[x]].")})
GLOSSARY = Glossary({"x": ENTRY, "y": OTHER}, {"it": Tag("it", {"de": "IT", "da": "IT"})}, ("de", "da"))
ATOM = "{http://www.w3.org/2005/Atom}"


def _followed(layout: SiteLayout, lang: str, path: str, href: str) -> str:
    """Where a link on the page at ``path`` takes a reader."""
    return urljoin(SITE + layout.url(path, lang), href)


def _pages(layout: SiteLayout) -> dict[tuple[str, str], str]:
    return {(page.lang, page.path): page.markdown for page in render_site(GLOSSARY, layout)}


@pytest.mark.parametrize("use_directory_urls", [True, False])
@pytest.mark.parametrize("lang", ["de", "da"])
def test_the_feed_link_reaches_the_languages_feed(use_directory_urls: bool, lang: str) -> None:
    layout = SiteLayout(SETTINGS, use_directory_urls)
    changes = _pages(layout)[(lang, layout.changes)]
    href = re.search(r'class="lexikon-feed-link" href="([^"]+)"', changes).group(1)
    assert _followed(layout, lang, layout.changes, href) == SITE + layout.root(lang) + "feed.xml"


@pytest.mark.parametrize("use_directory_urls", [True, False])
@pytest.mark.parametrize("lang", ["de", "da"])
def test_data_downloads_reach_the_site_root(use_directory_urls: bool, lang: str) -> None:
    layout = SiteLayout(SETTINGS, use_directory_urls)
    links = re.findall(r'<a href="([^"]+)" download>([^<]+)</a>', _pages(layout)[(lang, layout.data)])
    assert len(links) == 13  # JSON, its schema, CSV of all languages, CSV and Vale per language, a CSV
    # per pair, two TBX, Turtle, JSON-LD
    for href, name in links:
        assert _followed(layout, lang, layout.data, href) == SITE + name


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_the_feed_names_its_own_address(use_directory_urls: bool) -> None:
    layout = SiteLayout(SETTINGS, use_directory_urls, SITE)
    feed = ET.fromstring(feeds(GLOSSARY, layout, {})["da"])
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == SITE + "da/feed.xml"


@pytest.mark.parametrize(("use_directory_urls", "expected"), [
    (True, ["terms/x/", "da/terms/x/", "terms/", "da/tags/it/", ""]),
    (False, ["terms/x.html", "da/terms/x.html", "terms/index.html", "da/tags/it.html", "index.html"]),
    (None, ["terms/x.md", "da/terms/x.md", "terms/index.md", "da/tags/it.md", "index.md"]),
])
def test_every_page_has_one_url_per_language(use_directory_urls: bool | None, expected: list[str]) -> None:
    layout = SiteLayout(SETTINGS, use_directory_urls)
    pages = [(layout.term("x"), "de"), (layout.term("x"), "da"), (layout.index, "de"),
             (layout.tag("it"), "da"), (layout.home, "de")]
    assert [layout.url(path, lang) for path, lang in pages] == expected


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_links_between_pages_and_to_twins_land_on_them(use_directory_urls: bool) -> None:
    layout = SiteLayout(SETTINGS, use_directory_urls)
    term, tag = layout.term("x"), layout.tag("it")
    assert _followed(layout, "da", tag, layout.href("da", tag, term)) == SITE + layout.url(term, "da")
    assert _followed(layout, "da", term, layout.twin_href("da", "de", term)) == SITE + layout.url(term, "de")
    assert _followed(layout, "de", layout.changes, layout.href("de", layout.changes, layout.index)) == (
        SITE + layout.url(layout.index, "de"))


def test_addresses_are_absolute_only_with_a_site_url() -> None:
    hosted, anywhere = SiteLayout(SETTINGS, True, SITE), SiteLayout(SETTINGS, True)
    term = hosted.term("x")
    assert hosted.address("da", hosted.index, term) == SITE + "da/terms/x/"
    assert anywhere.address("da", anywhere.index, term) == "x/"
    assert anywhere.absolute_url("da", term) == "da/terms/x/"  # relative to the site's root


def test_fixed_pages_are_the_rendered_pages_besides_terms_and_tags() -> None:
    layout = SiteLayout(SETTINGS)
    rendered = {path for _, path in _pages(layout)}
    assert rendered - {layout.term("x"), layout.term("y"), layout.tag("it")} == set(layout.fixed_pages())

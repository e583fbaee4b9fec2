"""core.layout.SiteLayout's questions for the engines and the output folder: the absolute
paths the 404 page and the sitemaps use, each language's own ``site_url``, links from an
engine's page (known by its URL) to a language's files, and an engine's URL made absolute.

These answers were worked out by hand in the engine, publish and render modules; each is
checked here against where the site really puts the file, with and without a ``site_url``
that has a sub-folder.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from lexikon.core.layout import SiteLayout
from lexikon.core.settings import Language, Settings

SETTINGS = Settings(Path("."), (Language("de", "Deutsch", True), Language("da", "Dansk")))
HOSTED = SiteLayout(SETTINGS, True, "https://lexikon.example/base/")
BARE = SiteLayout(SETTINGS, True, None)


@pytest.mark.parametrize(("layout", "lang", "expected"), [
    (HOSTED, "de", "/base/"), (HOSTED, "da", "/base/da/"), (BARE, "de", "/"), (BARE, "da", "/da/"),
])
def test_a_language_trees_path_holds_at_any_depth(layout: SiteLayout, lang: str, expected: str) -> None:
    assert layout.root_path(lang) == expected
    # followed from a page deep in the site, the path still reaches the tree
    deep = urljoin("https://lexikon.example/base/da/terms/x/", layout.root_path(lang))
    assert urlsplit(deep).path == expected


def test_files_at_a_trees_root_or_the_sites_root() -> None:
    assert HOSTED.file_path(HOSTED.sitemap, "da") == "/base/da/sitemap.xml"
    assert HOSTED.file_path(HOSTED.not_found, "de") == "/base/404.html"
    assert HOSTED.file_path("assets/worker.js") == "/base/assets/worker.js"
    assert BARE.file_path(BARE.feed, "da") == "/da/feed.xml"


def test_each_languages_own_address_is_its_tree() -> None:
    assert HOSTED.absolute_root("de") == "https://lexikon.example/base/"
    assert HOSTED.absolute_root("da") == "https://lexikon.example/base/da/"
    assert BARE.absolute_root("da") == "da/"


@pytest.mark.parametrize("use_directory_urls", [True, False])
@pytest.mark.parametrize("lang", ["de", "da"])
def test_an_engine_page_reaches_its_languages_feed(use_directory_urls: bool, lang: str) -> None:
    layout = SiteLayout(SETTINGS, use_directory_urls)
    for path in (layout.home, layout.index, layout.term("x")):
        page_url = layout.url(path, lang)
        link = layout.file_href_from(page_url, lang, layout.feed)
        assert urljoin("https://h/" + page_url, link) == "https://h/" + layout.root(lang) + "feed.xml"


@pytest.mark.parametrize(("url", "expected"), [
    ("./", "https://lexikon.example/base/"), ("", "https://lexikon.example/base/"),
    ("da/", "https://lexikon.example/base/da/"), ("/terms/x/", "https://lexikon.example/base/terms/x/"),
])
def test_an_engines_url_made_absolute(url: str, expected: str) -> None:
    assert HOSTED.site_address(url) == expected
    assert BARE.site_address(url) == url  # without an address, it stays as the engine gave it

"""A language indexed in parts (above ``PART_PAGES`` pages, issue 17) is one search for the
reader: our glossary's bundles made again in parts of four pages, every searched page is found
by its title behind Material's box, in its own language, each part fetched from its bundle."""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from lexikon.core.layout import SiteLayout
from lexikon.core.settings import settings_from_file
from lexikon.publish import pagefind, pagefind_index
from tests.bench.search import serve
from tests.browser.test_search_engines import Reader, _reader, browser, type_and_wait  # noqa: F401
from tests.support.project import Project

pytestmark = pytest.mark.browser

_TITLE = re.compile(r"<h1[^>]*>(.*?)(?:<a class=\"headerlink\"|</h1>)", re.S)


@pytest.fixture(scope="module")
def parted(built_site: Project, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    site = tmp_path_factory.mktemp("parted") / "site"
    shutil.copytree(built_site.site, site)
    layout = SiteLayout(settings_from_file(built_site.root / "mkdocs.yml"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pagefind_index, "PART_PAGES", 4)
        pagefind.write_pagefind_bundles(site, layout)
    with serve(site) as url:
        yield url, site


@pytest.fixture
def reader(browser: Browser, parted: tuple[str, Path]) -> Iterator[Reader]:  # noqa: F811
    yield from _reader(browser, parted[0])


def _titled_pages(site: Path, tree: str) -> list[tuple[str, str]]:
    """(path, title) of each term page of a language's tree, as its ``h1`` reads."""
    found = []
    for page in sorted((site / tree / "terms").glob("*/index.html")):
        title = _TITLE.search(page.read_text(encoding="utf-8"))
        assert title, page
        path = "/" + page.parent.relative_to(site).as_posix() + "/"
        found.append((path, html.unescape(title.group(1)).strip()))
    return found


@pytest.mark.parametrize("tree", ["", "da/"])
def test_every_term_page_is_found_by_its_title_across_the_parts(reader: Reader, parted: tuple[str, Path],
                                                                tree: str) -> None:
    site = parted[1]
    assert (site / tree / "pagefind" / "part-3" / "pagefind-entry.json").is_file()
    pages = _titled_pages(site, tree)
    assert len(pages) >= 3
    for path, title in pages:
        reader.open("/" + tree)
        shown = type_and_wait(reader, title, path)
        assert all(p.startswith("/da/") == bool(tree) for p in shown.pages), shown
    fetched = {p.split("/pagefind/", 1)[1].split("/", 1)[0] for p in reader.paths() if "/pagefind/" in p}
    assert {"part-2", "part-3"} <= fetched, fetched
    assert reader.foreign() == [] and reader.errors == []

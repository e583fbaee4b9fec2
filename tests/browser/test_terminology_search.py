"""Search, as a reader types it, for a short form or a term not to use: the term's page is
found, shown under its preferred title (with its qualifier); a draft is never found."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from tests.bench.search import SEARCH_BOX
from tests.browser.test_search_engines import Reader, _reader, browser, shown, type_and_wait  # noqa: F401
from tests.support.browser import built_and_served
from tests.support.project import Project, copy_project
from tests.unit.render.test_term_fields import GLOSSARY

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project: Project = copy_project(tmp_path_factory.mktemp("terminology-search") / "project", GLOSSARY)
    # the two banks warn until the title check knows qualifiers
    yield from built_and_served(project, strict=False)


@pytest.fixture
def reader(browser: Browser, site_url: str) -> Iterator[Reader]:  # noqa: F811
    yield from _reader(browser, site_url)


@pytest.mark.parametrize(("home", "word", "target", "title"), [
    ("/terms/institution/", "Geldhaus", "/terms/bank-finanz/", "Bank (Finanzwesen)"),
    ("/terms/institution/", "Sparbüchse", "/terms/bank-finanz/", "Bank (Finanzwesen)"),
    ("/da/terms/institution/", "Pengekasse", "/da/terms/bank-finanz/", "Bank (finans)"),
])
def test_a_term_not_to_use_finds_the_preferred_title(reader: Reader, home: str, word: str, target: str,
                                                    title: str) -> None:
    reader.open(home)
    result = type_and_wait(reader, word, target)
    assert result.titles[result.pages.index(target)] == title
    assert reader.errors == []


def test_a_draft_is_not_found(reader: Reader) -> None:
    reader.open("/terms/institution/")
    box = reader.page.locator(SEARCH_BOX)
    box.click()
    box.press_sequentially("Geheimentwurf", delay=15)
    reader.page.wait_for_timeout(1500)
    assert not [path for path in shown(reader.page).pages if "geheim" in path]

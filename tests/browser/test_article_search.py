"""Articles in the reader's search, in headless Chromium behind Material's box (Pagefind): an
article is found by a word only it contains, in its own language's search only; and a term's
own page comes before an article whose title names the term."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from tests.bench.search import SEARCH_BOX
from tests.browser.test_search_engines import Reader, _reader, browser, shown, type_and_wait  # noqa: F401
from tests.support.browser import built_and_served
from tests.support.project import Project, copy_project

pytestmark = pytest.mark.browser

GERMAN = """\
---
title: Lieferantenwechsel planen
description: Wie man den Dienstleister wechselt.
---

Vor dem Wechsel prüft das Team die Quartalsschnitzeljagd der Verträge, erst dann
das [[outsourcing]] an einen neuen Anbieter.
"""
DANISH = """\
---
title: Planlæg et leverandørskift
description: Sådan skifter man leverandør.
---

Før skiftet gennemgår holdet kontrakternes kvartalsskattejagt, og først derefter
flyttes [[outsourcing]] til en ny leverandør.
"""

TITLED = {  # an article titled as a term is, short: it would outrank the term's page unweighted
    "kurz.md": "---\ntitle: Backsourcing\n---\n\n## Backsourcing\n\nBacksourcing, Backsourcing: kurz.\n",
    "kurz.da.md": "---\ntitle: Backsourcing\n---\n\n## Backsourcing\n\nBacksourcing, backsourcing: kort.\n",
}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project: Project = copy_project(tmp_path_factory.mktemp("article-search") / "project")
    project.write("docs/wissen/wechsel.md", GERMAN)
    project.write("docs/wissen/wechsel.da.md", DANISH)
    for name, text in TITLED.items():
        project.write(f"docs/wissen/{name}", text)
    yield from built_and_served(project, strict=True)


@pytest.fixture
def reader(browser: Browser, site_url: str) -> Iterator[Reader]:  # noqa: F811
    yield from _reader(browser, site_url)


def _typed(reader: Reader, word: str) -> list[str]:
    """What the search lists for ``word`` (waiting as long as a found word takes)."""
    box = reader.page.locator(SEARCH_BOX)
    box.click()
    box.press_sequentially(word, delay=15)
    reader.page.wait_for_timeout(1500)
    return shown(reader.page).pages


@pytest.mark.parametrize(("home", "word", "target"), [
    ("/terms/insourcing/", "Quartalsschnitzeljagd", "/wissen/wechsel/"),
    ("/da/terms/insourcing/", "kvartalsskattejagt", "/da/wissen/wechsel/"),
])
def test_an_article_is_found_by_a_word_only_it_contains(reader: Reader, home: str, word: str,
                                                       target: str) -> None:
    reader.open(home)
    result = type_and_wait(reader, word, target)
    assert result.pages == [target]  # the article, nothing else
    assert reader.errors == []


@pytest.mark.parametrize(("home", "word"), [
    ("/da/terms/insourcing/", "Quartalsschnitzeljagd"),   # the German article's word, on the Danish site
    ("/terms/insourcing/", "kvartalsskattejagt"),         # and the Danish one's on the German site
])
def test_the_other_languages_article_is_not_found(reader: Reader, home: str, word: str) -> None:
    reader.open(home)
    assert _typed(reader, word) == []


@pytest.mark.parametrize(("home", "word", "term", "article"), [
    ("/terms/insourcing/", "Outsourcing", "/terms/outsourcing/", "/articles/sourcing-entscheiden/"),
    ("/da/terms/insourcing/", "Outsourcing", "/da/terms/outsourcing/", "/da/articles/sourcing-entscheiden/"),
    ("/terms/insourcing/", "Backsourcing", "/terms/backsourcing/", "/wissen/kurz/"),
    ("/da/terms/insourcing/", "Backsourcing", "/da/terms/backsourcing/", "/da/wissen/kurz/"),
])
def test_the_terms_own_page_comes_before_an_article_titled_with_it(reader: Reader, home: str, word: str,
                                                                  term: str, article: str) -> None:
    reader.open(home)
    pages = type_and_wait(reader, word, article).pages
    assert pages.index(term) < pages.index(article)

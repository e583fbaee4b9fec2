"""Session 13's attacker on search as a reader sees it (our worker answering Material's box from
Pagefind): hostile titles, aliases, forms, headings and bodies, searched in headless Chromium.

Held (guards): every title, heading and teaser is shown as text, no element of the entry's and no
script runs. Broke, fixed: the hidden search terms were shown under the page's last section
(Pagefind made no section of their empty heading; see notes/attack-s13a.md)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from tests.browser.test_search_engines import Reader, _reader, browser, shown, type_and_wait  # noqa: F401
from tests.support.browser import built_and_served
from tests.support.project import Project, copy_project

pytestmark = pytest.mark.browser

HOSTILE = {
    "zwiebel.yml": """
        de:
          title: "Zwiebel<T tabindex=1 autofocus onfocus=window.__pwned=1>"
          aliases: ["Zwiebelalias<svgx onload=window.__pwned=2>"]
          summary: "Zwiebel `<img src=x onerror=window.__pwned=3>` &lt;img src=x onerror=window.__pwned=4&gt;"
          body: |
            ## Zwiebelkopf &lt;img src=x onerror=window.__pwned=5&gt;

            Zwiebelsatz `<img src=x onerror=window.__pwned=6>` und &#60;mark&#62;x&lt;/mark&gt;
            und &amp;lt;b&amp;gt;.
          forms: ["Zwiebelform<T tabindex=1 autofocus onfocus=window.__pwned=7>"]
          sources:
            - title: Quelle
              url: https://example.com/
        da:
          title: "Løg<T tabindex=1 autofocus onfocus=window.__pwned=8>"
          summary: "Løg &lt;/p&gt;&lt;img src=x onerror=window.__pwned=9&gt; slut."
        """,
}
_ELEMENTS = """() => [...document.querySelectorAll('.md-search-result__list *')]
  .map(e => e.tagName.toLowerCase() + (e.tagName === 'MARK' ? ':' + e.textContent : ''))"""


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project: Project = copy_project(tmp_path_factory.mktemp("attack-s13a-search") / "project", HOSTILE)
    yield from built_and_served(project, strict=True)


@pytest.fixture
def reader(browser: Browser, site_url: str) -> Iterator[Reader]:  # noqa: F811
    yield from _reader(browser, site_url)


@pytest.mark.parametrize(("home", "word", "target"), [
    ("/", "Zwiebelsatz", "/terms/zwiebel/"),
    ("/", "onerror", "/terms/zwiebel/"),
    ("/", "Zwiebelform", "/terms/zwiebel/"),
    ("/da/", "slut", "/da/terms/zwiebel/"),
])
def test_hostile_text_in_results_is_text(reader: Reader, home: str, word: str, target: str) -> None:
    reader.open(home)
    result = type_and_wait(reader, word, target)
    page = reader.page
    assert page.evaluate("() => window.__pwned") is None
    elements = page.evaluate(_ELEMENTS)
    allowed = {"li", "a", "article", "div", "h1", "h2", "p", "mark", "details", "summary", "span"}
    assert {e.split(":")[0] for e in elements} <= allowed, elements
    assert all(e.split(":", 1)[1].lower().startswith(word.lower()) for e in elements if e.startswith("mark:"))
    title = ("Løg<T tabindex=1 autofocus onfocus=window.__pwned=8>" if home == "/da/"
             else "Zwiebel<T tabindex=1 autofocus onfocus=window.__pwned=1>")
    assert result.titles[result.pages.index(target)] == title
    assert reader.errors == []


def test_the_hidden_search_terms_are_never_shown(reader: Reader) -> None:
    """The worker says of the hidden terms "found, never shown" (and shows the summary for a hit
    only there): a generated word form found by search must not stand in a teaser."""
    reader.open("/")
    type_and_wait(reader, "Zwiebelform", "/terms/zwiebel/")
    teasers = reader.page.locator(".md-search-result__item p").all_inner_texts()
    assert teasers and not [t for t in teasers if "Zwiebelform" in t or "Løg" in t], teasers
    assert shown(reader.page).pages

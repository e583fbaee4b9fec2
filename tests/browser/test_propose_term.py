"""A search that finds nothing offers to propose the term, when the site's repository is on GitHub.

Our glossary built with ``repo_url`` set (GitHub with either engine, GitLab), served on
127.0.0.1 and searched in headless Chromium as a reader does: the link's address is read
back from the page and taken apart, so a query with ``&`` and ``<`` must arrive in the
form's fields whole, and nothing the reader typed may become markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.bench.search import SEARCH_BOX, serve, shared_browser, use_engine
from tests.support.browser import QuietHandler
from tests.support.project import Project, copy_project
from tests.support.site_audit import audit_site

GITHUB = "https://github.com/example-org/lexikon"
LINK = ".md-search-result__meta a.lexikon-propose"
NONE = {"de": "Keine Suchergebnisse", "da": "Ingen resultater fundet"}


def _site(tmp_path_factory: pytest.TempPathFactory, name: str, repo_url: str, engine: str) -> Iterator[str]:
    project = copy_project(tmp_path_factory.mktemp(name) / "project")
    config = project.root / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(re.sub(r"^(site_description: .*\n)", rf"\1repo_url: {repo_url}\n", text, count=1,
                             flags=re.M), "utf-8")
    use_engine(project.root, engine)
    result = project.build(strict=True)
    assert result.returncode == 0, result.stderr
    assert audit_site(project.site) == []   # the script and its attributes pass the security audit
    with serve(project.site, QuietHandler) as url:   # a missing address gets 404.html
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    try:
        yield shared_browser()
    except FileNotFoundError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="module")
def github_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _site(tmp_path_factory, "propose-github", GITHUB, "pagefind")


@pytest.fixture(scope="module")
def github_lunr_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _site(tmp_path_factory, "propose-lunr", GITHUB + "/", "lunr")


@pytest.fixture(scope="module")
def gitlab_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _site(tmp_path_factory, "propose-gitlab", "https://gitlab.com/example-org/lexikon", "pagefind")


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    # Material asks GitHub's API for the repository's stars: answered here, not by the network
    context.route(re.compile(r"^https://api\.github\.com/"), lambda route: route.fulfill(json={}))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield page
    finally:
        context.close()
    assert errors == []


def _search(page: Page, base: str, path: str, query: str) -> None:
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    box = page.locator(SEARCH_BOX)
    box.click()
    box.press_sequentially(query, delay=15)


def _fields(page: Page, query: str) -> dict[str, str]:
    """The form's fields the link fills, once it is there for the whole query."""
    page.wait_for_function("([selector, query]) => { const a = document.querySelector(selector);"
                           " return a && new URL(a.href).searchParams.get('term') === query; }",
                           arg=[LINK, query])
    href = page.locator(LINK).get_attribute("href") or ""
    parts = urlsplit(href)
    assert parts.scheme + "://" + parts.netloc + parts.path == GITHUB + "/issues/new"
    assert "<" not in href and " " not in href   # encoded, not merely taken apart by the parser
    fields = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert all(len(values) == 1 for values in fields.values()), fields
    return {name: values[0] for name, values in fields.items()}


@pytest.mark.browser
@pytest.mark.parametrize(("path", "lang", "query", "language", "label"), [
    ("/", "de", "Kanban & <b>Scrum</b>", "Deutsch (de)", "Als neuen Begriff vorschlagen"),
    ("/da/terms/outsourcing/", "da", "Værdikæde & <i>x", "Dansk (da)", "Foreslå det som nyt begreb"),
])
def test_no_result_offers_the_form_prefilled(page: Page, github_site: str, path: str, lang: str,
                                             query: str, language: str, label: str) -> None:
    _search(page, github_site, path, query)
    fields = _fields(page, query)
    assert fields == {"template": "propose-term.yml", "title": f"[{lang}] {query}", "term": query,
                      "language": language}
    link = page.locator(LINK)
    expect(link).to_have_text(label)
    assert page.locator(".md-search-result__meta").inner_text().startswith(NONE[lang])
    assert page.locator(".md-search-result__meta b, .md-search-result__meta i").count() == 0


@pytest.mark.browser
@pytest.mark.parametrize(("path", "lang"), [("/nowhere/at/all/", "de"), ("/da/nowhere/at/all/", "da")])
def test_the_404_page_offers_it_too(page: Page, github_site: str, path: str, lang: str) -> None:
    _search(page, github_site, path, "Kanban & <b>")
    assert _fields(page, "Kanban & <b>")["title"] == f"[{lang}] Kanban & <b>"


@pytest.mark.browser
def test_the_offer_goes_when_the_search_finds_something(page: Page, github_site: str) -> None:
    _search(page, github_site, "/", "Kanban")
    _fields(page, "Kanban")
    box = page.locator(SEARCH_BOX)
    box.press("Control+A")
    box.press_sequentially("Backsourcing", delay=15)
    page.wait_for_selector(".md-search-result__item")
    expect(page.locator(LINK)).to_have_count(0)


@pytest.mark.browser
def test_with_lunr_too(page: Page, github_lunr_site: str) -> None:
    _search(page, github_lunr_site, "/da/", "Værdikæde")
    assert _fields(page, "Værdikæde")["language"] == "Dansk (da)"


@pytest.mark.browser
def test_no_offer_without_a_github_repository(page: Page, gitlab_site: str) -> None:
    _search(page, gitlab_site, "/", "Kanban & <b>Scrum</b>")
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text(NONE["de"])
    page.wait_for_timeout(300)
    expect(page.locator(".lexikon-propose")).to_have_count(0)
    assert "lexikon-propose" not in page.content()


def test_our_site_without_repo_url_carries_no_offer(built_site: Project) -> None:
    for path in ("", "da/", "terms/outsourcing/", "da/terms/outsourcing/"):
        assert "lexikon-propose" not in built_site.html(path)

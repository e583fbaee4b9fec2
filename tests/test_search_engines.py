"""Search behind Material's own box, with Pagefind (the default) or Material's lunr.

Unit tests of the adapter's search pieces; then the real site in headless Chromium: our
glossary built once per engine (``built_site`` is the default, Pagefind; a ``search: lunr``
build for the other), served over HTTP on 127.0.0.1 as a static host would.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bench.search import SEARCH_BOX, measure_search, search_cases, serve, shared_browser, use_engine
from conftest import Project, copy_project
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from lexikon.core.layout import SiteLayout
from lexikon.core.model import Severity
from lexikon.core.settings import Language, make_settings
from lexikon.publish import pagefind

LANGUAGES = [Language("de", "Deutsch", True), Language("da", "Dansk")]
SETTINGS = make_settings(Path("/nonexistent"), LANGUAGES, None)


# --- the setting ----------------------------------------------------------------------------


def test_pagefind_is_the_default_and_lunr_the_alternative() -> None:
    assert SETTINGS.search == "pagefind" and SETTINGS.findings == ()
    lunr = make_settings(Path("/x"), LANGUAGES, {"search": "lunr"})
    assert lunr.search == "lunr" and lunr.findings == ()


@pytest.mark.parametrize(("value", "message"), [
    ("elasticsearch", "extra.lexikon.search: expected one of 'pagefind', 'lunr', got 'elasticsearch'"),
    (True, "extra.lexikon.search: expected str, got True"),
])
def test_an_unknown_search_engine_is_an_error(value: object, message: str) -> None:
    settings = make_settings(Path("/x"), LANGUAGES, {"search": value})
    assert [(f.severity, f.message) for f in settings.findings] == [(Severity.ERROR, message)]
    assert settings.search == "pagefind"


# --- the adapter's pieces -------------------------------------------------------------------


def test_pagefind_takes_pages_out_of_materials_index_and_keeps_opt_outs_out_of_its_own() -> None:
    meta: dict = {"title": "Backsourcing"}
    assert pagefind.take_over_search(meta) is True
    assert meta["search"] == {"exclude": True}
    opted_out: dict = {"search": {"exclude": True}}
    assert pagefind.take_over_search(opted_out) is False
    assert opted_out["search"] == {"exclude": True}


def test_search_terms_are_hidden_weighted_and_escaped() -> None:
    html = pagefind.search_terms_html(["Wiedereinlagerung", "<b>x</b> & y"])
    assert html.startswith('<div class="lexikon-search-terms" hidden aria-hidden="true" '
                           'data-pagefind-weight="7">')
    assert '<h2 id="lexikon-search-terms"></h2>' in html
    assert "<span>Wiedereinlagerung</span>" in html
    assert "<span>&lt;b&gt;x&lt;/b&gt; &amp; y</span>" in html and "<b>" not in html
    assert pagefind.search_terms_html([]) == ""


def test_search_box_is_pointed_at_our_worker_and_the_rest_of_the_config_kept() -> None:
    config = {"base": "../..", "features": ["search.highlight"], "search": "../../assets/workers/search.js",
              "translations": {"search.result.none": "Keine <Suchergebnisse>"}}
    page = f'<p>x</p><script id="__config" type="application/json">{json.dumps(config)}</script>'
    out = pagefind.use_search_worker(page, "../../assets/javascripts/lexikon-search-worker.js?root=da/")
    text = re.search(r'application/json">(.*)</script>', out).group(1)
    assert "<S" not in text   # nothing in the JSON can close the script
    worker = "../../assets/javascripts/lexikon-search-worker.js?root=da/"
    assert json.loads(text) == {**config, "search": worker}
    assert out.startswith("<p>x</p>")


@pytest.mark.parametrize(("page_url", "lang", "base", "expected"), [
    ("", "de", None, "assets/javascripts/lexikon-search-worker.js?root="),
    ("terms/backsourcing/", "de", None, "../../assets/javascripts/lexikon-search-worker.js?root="),
    ("da/terms/backsourcing/", "da", None, "../../../assets/javascripts/lexikon-search-worker.js?root=da/"),
    (None, "de", "/lexikon/", "/lexikon/assets/javascripts/lexikon-search-worker.js?root="),
])
def test_worker_address_names_the_language_tree(page_url, lang, base, expected) -> None:
    assert pagefind.search_worker_url(SiteLayout(SETTINGS, site_url=base), lang, page_url) == expected


def test_each_page_goes_to_its_own_languages_bundle(tmp_path: Path) -> None:
    body = '<article data-pagefind-body>x</article>'
    files = {"index.html": body, "terms/x/index.html": body, "print/index.html": "<article>",
             "404.html": "<article>", "da/index.html": body, "da/terms/x/index.html": body,
             "da/print/index.html": "<article>", "pagefind/stray.html": body, "da/pagefind/y.html": body,
             "data/table.html": body, "dansk/index.html": body}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    pages = pagefind.pagefind_pages(tmp_path, SiteLayout(SETTINGS))
    assert {code: [url for url, _ in found] for code, found in pages.items()} == {
        "de": ["/dansk/", "/data/table.html", "/", "/terms/x/"],
        "da": ["/", "/terms/x/"],
    }
    assert pages["da"][1][1] == tmp_path / "da/terms/x/index.html"


# --- in the browser -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Chromium; a missing browser is a failure, never a silent skip."""
    try:
        yield shared_browser()   # one per process, shared with test_browser.py
    except FileNotFoundError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="module")
def pagefind_url(built_site: Project) -> Iterator[str]:
    with serve(built_site.site) as url:
        yield url


@pytest.fixture(scope="module")
def lunr_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = copy_project(tmp_path_factory.mktemp("lunr-engines") / "project")
    use_engine(project.root, "lunr")
    result = project.build(strict=True)
    assert result.returncode == 0, result.stderr
    with serve(project.site) as url:
        yield url


@dataclass
class Reader:
    page: Page
    base: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")

    def paths(self) -> list[str]:
        return [urlsplit(url).path for url in self.requests]

    def foreign(self) -> list[str]:
        host = urlsplit(self.base).netloc
        return [url for url in self.requests
                if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != host]


def _reader(browser: Browser, base: str) -> Iterator[Reader]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    reader = Reader(page, base)
    context.on("request", lambda request: reader.requests.append(request.url))  # the worker's too
    page.on("pageerror", lambda error: reader.errors.append(str(error)))
    try:
        yield reader
    finally:
        context.close()


@pytest.fixture
def reader(browser: Browser, pagefind_url: str) -> Iterator[Reader]:
    yield from _reader(browser, pagefind_url)


@pytest.fixture
def lunr_reader(browser: Browser, lunr_url: str) -> Iterator[Reader]:
    yield from _reader(browser, lunr_url)


_LISTED = """target => [...document.querySelectorAll(".md-search-result__item > a.md-search-result__link")]
  .some(a => new URL(a.href).pathname === target)"""


@dataclass
class Shown:
    meta: str
    pages: list[str]     # each result's page, in order
    titles: list[str]
    marks: list[str]     # the highlighted words in titles and teasers


def type_and_wait(reader: Reader, word: str, target: str, *, shortcut: bool = False) -> Shown:
    """Type ``word`` as a reader does (click, or the ``/`` key) until ``target`` is listed."""
    page = reader.page
    box = page.locator(SEARCH_BOX)
    if shortcut:
        page.locator("body").press("/")
        expect(box).to_be_focused()
    else:
        box.click()
    box.press_sequentially(word, delay=15)
    try:
        page.wait_for_function(_LISTED, arg=target, timeout=5_000)
    except PlaywrightTimeoutError:
        pytest.fail(f"searching {word!r} on {page.url} never listed {target}; it shows {shown(page)}")
    page.wait_for_timeout(250)   # the answer to the whole word, and the fuller second answer
    return shown(page)


def shown(page: Page) -> Shown:
    links = page.eval_on_selector_all(".md-search-result__item > a.md-search-result__link",
                                      "as => as.map(a => a.href)")
    return Shown(
        meta=page.locator(".md-search-result__meta").inner_text().strip(),
        pages=[urlsplit(link).path for link in links],
        titles=[t.strip() for t in page.locator(".md-search-result__item h1").all_inner_texts()],
        marks=[m.strip() for m in page.locator(".md-search-result__item mark").all_inner_texts()],
    )


@pytest.mark.browser
@pytest.mark.parametrize(("home", "word", "target", "title", "case"), [
    ("/terms/insourcing/", "Rechenzentrumsbetrieb", "/terms/outsourcing/", "Outsourcing", "literal"),
    ("/da/terms/insourcing/", "Filippinerne", "/da/terms/outsourcing/", "Outsourcing", "literal"),
    ("/", "Dienstleistern", "/terms/backsourcing/", "Backsourcing", "inflection"),
    ("/da/", "outsourcingen", "/da/terms/outsourcing/", "Outsourcing", "inflection"),
    ("/terms/outsourcing/", "Wiedereinlagerung", "/terms/backsourcing/", "Backsourcing", "alias"),
    ("/da/", "hjemtagning", "/da/terms/backsourcing/", "Backsourcing", "alias"),
    ("/", "udlicitering", "/terms/outsourcing/", "Outsourcing", "other language"),
    ("/da/terms/insourcing/", "Wiedereinlagerung", "/da/terms/backsourcing/", "Backsourcing",
     "other language"),
])
def test_pagefind_finds_the_term_in_the_readers_language(
    reader: Reader, home: str, word: str, target: str, title: str, case: str
) -> None:
    reader.open(home)
    results = type_and_wait(reader, word, target)
    danish = home.startswith("/da/")
    assert all(p.startswith("/da/") == danish for p in results.pages), results
    assert re.fullmatch(r"\d+ resultat(er)?" if danish else r"\d+ Suchergebnis(se)?", results.meta), results
    if case != "literal":   # a body word may stand in many pages; a name finds its term first
        assert results.pages[0] == target and results.titles[0] == title, results
    if case == "alias":
        assert results.marks and results.marks[0].lower() == word.lower(), results
    # only this language's bundle, nothing from another host, no script errors
    fetched = [p for p in reader.paths() if "/pagefind/" in p]
    assert fetched and all(p.startswith("/da/pagefind/") == danish for p in fetched), fetched
    assert reader.foreign() == [] and reader.errors == []


@pytest.mark.browser
@pytest.mark.parametrize(("home", "word", "none"), [
    ("/da/", "Rechenzentrumsbetrieb", "Ingen resultater fundet"),  # a German body word
    ("/", "Filippinerne", "Keine Suchergebnisse"),                 # a Danish body word
])
def test_pagefind_says_no_results_in_the_readers_language(reader: Reader, home: str, word: str,
                                                          none: str) -> None:
    reader.open(home)
    box = reader.page.locator(SEARCH_BOX)
    box.click()
    box.press_sequentially(word, delay=15)
    expect(reader.page.locator(".md-search-result__meta")).to_have_text(none)
    reader.page.wait_for_timeout(300)
    assert reader.page.locator(".md-search-result__item").count() == 0


@pytest.mark.browser
def test_results_look_like_materials_own(reader: Reader) -> None:
    reader.open("/terms/insourcing/")
    type_and_wait(reader, "Wiedereinlagerung", "/terms/backsourcing/", shortcut=True)
    item = reader.page.locator(".md-search-result__item").first
    link = item.locator("a.md-search-result__link").first
    assert urlsplit(link.get_attribute("href")).query == "h=wiedereinlagerung"   # highlight on arrival
    article = link.locator("article.md-search-result__article.md-typeset")
    assert float(article.get_attribute("data-md-score")) > 0
    expect(article.locator("h1")).to_have_text("Backsourcing")
    expect(article.locator("p mark[data-md-highlight]").first).to_have_text("Wiedereinlagerung")
    # the keyboard: arrows move through the results, Enter opens the best
    reader.page.keyboard.press("ArrowDown")
    assert reader.page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    reader.page.locator(SEARCH_BOX).focus()
    reader.page.keyboard.press("Enter")
    reader.page.wait_for_url("**/terms/backsourcing/?h=wiedereinlagerung")
    expect(reader.page.locator("article mark[data-md-highlight]").first).to_be_visible()


@pytest.mark.browser
@pytest.mark.parametrize("key", ["s", "f"])
def test_the_other_shortcuts_open_search_too(reader: Reader, key: str) -> None:
    reader.open("/da/")
    reader.page.locator("body").press(key)
    expect(reader.page.locator(SEARCH_BOX)).to_be_focused()


@pytest.mark.browser
@pytest.mark.parametrize(("home", "word", "target"), [
    ("/da/terms/backsourcing/", "hjemtagning", "/da/terms/backsourcing/"),
    ("/terms/backsourcing/", "Wiedereinlagerung", "/terms/backsourcing/"),
])
def test_a_page_fetches_only_its_languages_bundle_and_no_lunr_index(
    reader: Reader, home: str, word: str, target: str
) -> None:
    reader.open(home)
    type_and_wait(reader, word, target)
    root = "/da/" if home.startswith("/da/") else "/"
    search_files = [p for p in reader.paths() if "/pagefind/" in p or "search" in p.rsplit("/", 1)[-1]]
    for path in search_files:
        assert path.startswith(root) or path.startswith("/assets/"), search_files
        if root == "/":
            assert not path.startswith("/da/"), search_files
    assert f"{root}pagefind/pagefind.js" in search_files
    assert not any("/workers/search." in p for p in search_files)   # not Material's lunr worker
    assert reader.paths().count(f"{root}search/search_index.json") == 1   # config only (tiny)
    assert reader.foreign() == [] and reader.errors == []


@pytest.mark.browser
@pytest.mark.parametrize(("home", "word", "target"), [
    ("/", "Wiedereinlagerung", "/terms/backsourcing/"),
    ("/da/", "hjemtagning", "/da/terms/backsourcing/"),
])
def test_lunr_mode_still_finds_things(lunr_reader: Reader, home: str, word: str, target: str) -> None:
    lunr_reader.open(home)
    results = type_and_wait(lunr_reader, word, target, shortcut=True)
    assert results.pages[0] == target, results
    assert not any("/pagefind/" in p or "lexikon-search-worker" in p for p in lunr_reader.paths())
    assert any("/workers/search." in p for p in lunr_reader.paths())
    assert lunr_reader.foreign() == [] and lunr_reader.errors == []


@pytest.mark.browser
def test_the_benchmark_measures_a_first_search_per_language(built_site: Project) -> None:
    cases = search_cases(built_site.root, "backsourcing")
    assert set(cases) == {"/terms/backsourcing/", "/da/terms/backsourcing/"}
    report = measure_search(built_site.site, {page: pairs[1:3] for page, pairs in cases.items()})
    assert report["engine"] == "pagefind"
    rows = report["queries"]
    assert [(row["query"], row["found"]) for row in rows] == [
        ("Backsourcings", True), ("Wiedereinlagerung", True), ("Backsourcingen", True), ("hjemtagning", True)]
    for row in rows:
        assert 0 < row["first_result_ms"] < 5_000 and row["bytes"] > 0 and row["foreign"] == []
    assert report["summary"]["found"] == 4 and report["summary"]["foreign_requests"] == 0

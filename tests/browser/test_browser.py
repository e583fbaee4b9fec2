"""The built site in headless Chromium: search per language, the language switcher, no foreign hosts.

The site is our real build (``built_site``), served over HTTP on 127.0.0.1 as any static host
would serve it; the browser is Debian's Chromium (``make test`` installs it), driven by Playwright.
The search tests here (marked ``lunr``) run against the same glossary built with Material's own
search (``extra.lexikon.search: lunr``); Pagefind behind the same box is tested in
``test_search_engines.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Request, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.bench.search import use_engine
from tests.support.browser import serve_site
from tests.support.project import Project, copy_project

pytestmark = pytest.mark.browser

TIMEOUT_MS = 10_000
SEARCH_TIMEOUT_MS = 5_000  # the index is tiny: an answer takes milliseconds
SEARCH_BOX = "input[data-md-component=search-query]"


# --- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def base_url(built_site: Project) -> Iterator[str]:
    """``http://127.0.0.1:<free port>`` serving the built site, as a static host would."""
    yield from serve_site(built_site)


@pytest.fixture(scope="session")
def lunr_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same glossary built with ``search: lunr``, served the same way."""
    project = copy_project(tmp_path_factory.mktemp("lunr-browser") / "project")
    use_engine(project.root, "lunr")
    result = project.build(strict=True)
    assert result.returncode == 0, result.stderr
    yield from serve_site(project)


@dataclass
class Tab:
    """One page of a fresh browser context, with every request the context made."""

    page: Page
    base: str
    requests: list[Request] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")

    def urls(self) -> list[str]:
        return [request.url for request in self.requests]


@pytest.fixture
def tab(chromium: Browser, base_url: str, request: pytest.FixtureRequest) -> Iterator[Tab]:
    """A fresh context (own cache, own storage) on a desktop viewport: the header search box shows.
    Tests marked ``lunr`` get the site built with Material's own search."""
    if request.node.get_closest_marker("lunr") is not None:
        base_url = request.getfixturevalue("lunr_url")
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    tab = Tab(page, base_url)
    context.on("request", lambda request: tab.requests.append(request))  # pages and their workers
    page.on("pageerror", lambda error: tab.errors.append(str(error)))
    try:
        yield tab
    finally:
        context.close()


# --- helpers --------------------------------------------------------------------------------

# True once the result list answers the whole query. Material puts the query terms found in a
# result into its link's ``?h=`` highlight parameter (empty when none is in that part), so the
# answers to the partly typed word carry a prefix of it instead.
_ANSWERED = """word => {
  const links = [...document.querySelectorAll(".md-search-result__list a.md-search-result__link")];
  const terms = links.map(a => (new URL(a.href).searchParams.get("h") || "").toLowerCase());
  return terms.includes(word.toLowerCase()) && terms.every(t => t === "" || t === word.toLowerCase());
}"""

# True while the result meta says "no results" in the page's own language.
_NO_RESULTS = """() => {
  const none = JSON.parse(document.getElementById("__config").textContent).translations["search.result.none"];
  const meta = document.querySelector(".md-search-result__meta");
  return meta !== null && meta.textContent.trim() === none
    && document.querySelectorAll(".md-search-result__item").length === 0;
}"""


@dataclass
class Results:
    meta: str
    titles: list[str]   # the h1 of each result item (the page title)
    links: list[str]    # every result link, sections included, as absolute URLs

    @property
    def paths(self) -> set[str]:
        return {urlsplit(link).path for link in self.links}


def search(tab: Tab, word: str, expect_results: bool = True) -> Results:
    """Type ``word`` into the header search box as a reader does, and read the settled results."""
    page = tab.page
    box = page.locator(SEARCH_BOX)
    box.click()
    box.press_sequentially(word, delay=15)
    expect(box).to_have_value(word)
    try:
        if expect_results:
            page.wait_for_function(_ANSWERED, arg=word, timeout=SEARCH_TIMEOUT_MS)
        else:
            page.wait_for_function(_NO_RESULTS, timeout=SEARCH_TIMEOUT_MS)
            page.wait_for_timeout(300)  # "no results" carries no query: let a late answer show
    except PlaywrightTimeoutError:
        shown = "results for the whole word" if expect_results else "no results"
        pytest.fail(f"searching {word!r} on {page.url} never showed {shown}; it shows {_results(page)}")
    return _results(page)


def _results(page: Page) -> Results:
    return Results(
        meta=page.locator(".md-search-result__meta").inner_text().strip(),
        titles=[t.strip() for t in page.locator(".md-search-result__item h1").all_inner_texts()],
        links=page.eval_on_selector_all(".md-search-result__list a.md-search-result__link",
                                        "links => links.map(a => a.href)"),
    )


def search_for(tab: Tab, word: str, target: str) -> Results:
    """Type ``word`` and wait until ``target`` is among the results (for words that stand
    only in a term's search terms, which Material does not highlight)."""
    page = tab.page
    box = page.locator(SEARCH_BOX)
    box.click()
    box.press_sequentially(word, delay=15)
    expect(box).to_have_value(word)
    try:
        page.wait_for_function(
            """target => [...document.querySelectorAll(".md-search-result__list a.md-search-result__link")]
                 .some(a => new URL(a.href).pathname === target)""",
            arg=target, timeout=SEARCH_TIMEOUT_MS)
    except PlaywrightTimeoutError:
        pytest.fail(f"searching {word!r} on {page.url} never listed {target}; it shows {_results(page)}")
    page.wait_for_timeout(200)  # let the answer to the whole word settle
    return _results(page)


# --- search ---------------------------------------------------------------------------------


@pytest.mark.lunr
def test_german_alias_finds_backsourcing(tab: Tab) -> None:
    tab.open("/")
    results = search(tab, "Wiedereinlagerung")
    assert "Backsourcing" in results.titles, results
    assert "/terms/backsourcing/" in results.paths, results
    assert not any(path.startswith("/da/") for path in results.paths), results


@pytest.mark.lunr
def test_danish_alias_finds_danish_backsourcing(tab: Tab) -> None:
    tab.open("/da/")
    results = search(tab, "hjemtagning")
    assert "Backsourcing" in results.titles, results
    assert "/da/terms/backsourcing/" in results.paths, results
    assert all(path.startswith("/da/") for path in results.paths), results


@pytest.mark.lunr
def test_word_of_both_languages_finds_only_danish_pages_on_danish_site(tab: Tab) -> None:
    tab.open("/da/")
    results = search(tab, "outsourcing")
    assert "/da/terms/outsourcing/" in results.paths, results
    assert all(path.startswith("/da/") for path in results.paths), results


@pytest.mark.lunr
def test_word_of_both_languages_finds_only_german_pages_on_german_site(tab: Tab) -> None:
    tab.open("/")
    results = search(tab, "outsourcing")
    assert "/terms/outsourcing/" in results.paths, results
    assert not any(path.startswith("/da/") for path in results.paths), results


@pytest.mark.lunr
@pytest.mark.parametrize(("home", "word", "none"), [
    ("/da/", "Rechenzentrumsbetrieb", "Ingen resultater fundet"),  # a German body word
    ("/", "Filippinerne", "Keine Suchergebnisse"),                 # a Danish body word
])
def test_word_of_the_other_language_finds_nothing(tab: Tab, home: str, word: str, none: str) -> None:
    tab.open(home)
    results = search(tab, word, expect_results=False)
    assert results.links == [] and results.meta == none, results


@pytest.mark.lunr
@pytest.mark.parametrize(("home", "word", "target"), [
    ("/", "Rechenzentrumsbetrieb", "/terms/outsourcing/"),   # in the body of "Was ist Outsourcing?"
    ("/da/", "systemudvikling", "/da/terms/outsourcing/"),   # in the body of "Hvad er outsourcing?"
    # (not "Filippinerne": the example article about sourcing names the Philippines too)
])
def test_word_from_a_body_finds_its_page(tab: Tab, home: str, word: str, target: str) -> None:
    tab.open(home)
    results = search(tab, word)
    assert target in results.paths, results
    assert results.paths == {target}, results


@pytest.mark.lunr
@pytest.mark.parametrize(("path", "word", "index"), [
    ("/da/", "hjemtagning", "/da/search/search_index.json"),
    ("/da/terms/backsourcing/", "hjemtagning", "/da/search/search_index.json"),
    ("/", "Wiedereinlagerung", "/search/search_index.json"),
    ("/terms/backsourcing/", "Wiedereinlagerung", "/search/search_index.json"),
])
def test_page_loads_its_own_languages_index(tab: Tab, path: str, word: str, index: str) -> None:
    tab.open(path)
    search(tab, word)  # results shown: the index has certainly been fetched
    fetched = [urlsplit(url).path for url in tab.urls() if url.endswith("search_index.json")]
    assert fetched == [index]


# --- language switcher ----------------------------------------------------------------------


@pytest.mark.parametrize(("start", "language", "target", "lang", "heading"), [
    ("/terms/backsourcing/", "Dansk", "/da/terms/backsourcing/", "da", "Hvad er backsourcing?"),
    ("/da/terms/backsourcing/", "Deutsch", "/terms/backsourcing/", "de", "Was ist Backsourcing?"),
])
def test_language_switcher_leads_to_the_twin_page(
    tab: Tab, start: str, language: str, target: str, lang: str, heading: str
) -> None:
    tab.open(start)
    page = tab.page
    page.locator(".md-header__option .md-select").hover()  # Material opens the list on hover
    choice = page.locator(".md-select__link", has_text=language)
    expect(choice).to_be_visible()
    choice.click()
    page.wait_for_url(tab.base + target)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("article h1")).to_have_text(re.compile(r"^Backsourcing\W*$"))  # ¶ permalink
    expect(page.locator("article h2", has_text=heading)).to_be_visible()


# --- nothing from elsewhere -----------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/da/", "/terms/backsourcing/", "/da/terms/backsourcing/"])
def test_page_requests_nothing_from_another_host(tab: Tab, path: str) -> None:
    tab.open(path)
    host = urlsplit(tab.base).netloc
    foreign = [url for url in tab.urls()
               if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != host]
    assert foreign == []
    own = {urlsplit(url).path for url in tab.urls()}
    assert path in own and any(p.endswith(".css") for p in own) and any(p.endswith(".js") for p in own)
    assert tab.errors == []


# --- search that forgives: inflections, compounds, the other language's word --------------


@pytest.mark.lunr
@pytest.mark.parametrize(("home", "word", "target"), [
    ("/", "Backsourcings", "/terms/backsourcing/"),            # genitive: longer than the title
    ("/", "Outsourcing-Anbieter", "/terms/outsourcing/"),      # a compound with the term
    ("/da/", "outsourcingen", "/da/terms/outsourcing/"),       # Danish definite form
    ("/da/", "hjemtagningen", "/da/terms/backsourcing/"),      # definite form of an alias
])
def test_inflected_forms_find_their_term_first(tab: Tab, home: str, word: str, target: str) -> None:
    tab.open(home)
    results = search_for(tab, word, target)
    first = urlsplit(results.links[0]).path
    assert first == target, results


@pytest.mark.lunr
def test_title_and_alias_rank_above_mentions_in_bodies(tab: Tab) -> None:
    tab.open("/")
    results = search_for(tab, "Auslagerung", "/terms/outsourcing/")
    assert urlsplit(results.links[0]).path == "/terms/outsourcing/", results


@pytest.mark.lunr
def test_a_dane_typing_the_german_word_finds_the_danish_page(tab: Tab) -> None:
    tab.open("/da/")
    results = search_for(tab, "Wiedereinlagerung", "/da/terms/backsourcing/")
    assert all(urlsplit(link).path.startswith("/da/") for link in results.links), results
    teaser = tab.page.locator(".md-search-result__item").first.inner_text()
    assert "Tysk" in teaser, teaser   # marked as the German word


@pytest.mark.lunr
def test_words_standing_on_a_page_are_still_found_as_typed(tab: Tab) -> None:
    tab.open("/")
    results = search_for(tab, "Rechenzentrumsbetrieb", "/terms/outsourcing/")
    assert results.paths == {"/terms/outsourcing/"}, results


# --- reading: auto-links, twins, graphs, the tag filter, 404 ---------------------------------


def test_auto_link_with_its_summary_as_tooltip(tab: Tab) -> None:
    tab.open("/terms/insourcing/")
    link = tab.page.locator("article p a", has_text="Backsourcing").first
    assert link.get_attribute("href") == "../backsourcing/"
    # The browser's own tooltip (Material's would render the text as HTML: content.tooltips
    # is off), so the summary stands in the link's title, as text.
    assert "Backsourcing ist die Rückführung" in (link.get_attribute("title") or "")
    link.hover()
    assert tab.page.locator(".md-tooltip2, .md-tooltip").count() == 0


@pytest.mark.parametrize(("path", "twin", "lang", "target"), [
    ("/terms/backsourcing/", "Dänisch", "da", "/da/terms/backsourcing/"),  # the language as the page names it
    ("/da/terms/backsourcing/", "Tysk", "de", "/terms/backsourcing/"),
])
def test_each_term_shows_and_links_its_twin(tab: Tab, path: str, twin: str, lang: str, target: str) -> None:
    tab.open(path)
    line = tab.page.locator(".lexikon-twins")
    expect(line).to_contain_text(f"{twin}: Backsourcing")
    link = line.locator(f"a[lang={lang}]")
    link.click()
    tab.page.wait_for_load_state("networkidle")
    assert urlsplit(tab.page.url).path == target
    expect(tab.page.locator("html")).to_have_attribute("lang", lang)


def test_neighbourhood_graph_links_to_neighbours_by_keyboard(tab: Tab) -> None:
    tab.open("/terms/backsourcing/")
    graph = tab.page.locator("svg.lexikon-graph")
    expect(graph).to_be_visible()
    nodes = graph.locator("a.lexikon-node")
    assert sorted(nodes.evaluate_all("ns => ns.map(n => n.getAttribute('aria-label'))")) == [
        "Backsourcing", "Insourcing", "Outsourcing",
        "Outsourcing, Nearshoring oder Backsourcing: Wie Unternehmen entscheiden"]  # the article, whole
    target = graph.locator("a.lexikon-node[aria-label=Outsourcing]")
    target.focus()
    assert tab.page.evaluate("document.activeElement.getAttribute('aria-label')") == "Outsourcing"
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_url("**/terms/outsourcing/")


def test_home_page_shows_the_whole_lexicon(tab: Tab) -> None:
    tab.open("/da/")
    nodes = tab.page.locator("svg.lexikon-graph a.lexikon-node")
    assert nodes.count() == 3
    assert tab.page.locator("svg.lexikon-graph line").count() == 3


def test_tag_filter_narrows_the_index(tab: Tab) -> None:
    tab.open("/terms/")
    rows = tab.page.locator(".lexikon-row")
    total = rows.count()
    tab.page.locator("label[for=lexikon-filter-business]").click()
    shown = [row.inner_text() for row in rows.all() if row.is_visible()]
    assert 0 < len(shown) < total
    assert not any(text.startswith("Backsourcing") for text in shown)   # not tagged business
    letters = [h.inner_text().strip("¶ ") for h in tab.page.locator("h2.lexikon-letter").all()
               if h.is_visible()]
    assert "W" not in letters   # "Wiedereinlagerung" (Backsourcing) is filtered out, so is W
    # the keyboard moves through the same native radio buttons
    tab.page.locator("#lexikon-filter-business").focus()
    tab.page.keyboard.press("ArrowLeft")
    assert tab.page.locator("#lexikon-filter-all").is_checked()
    assert all(row.is_visible() for row in rows.all())


@pytest.mark.parametrize(("path", "lang", "title"), [
    ("/gibt-es-nicht/", "de", "Seite nicht gefunden"),
    ("/da/findes-ikke/", "da", "Siden findes ikke"),
])
def test_missing_page_answers_in_its_language(tab: Tab, path: str, lang: str, title: str) -> None:
    tab.open(path)
    expect(tab.page.locator("html")).to_have_attribute("lang", lang)
    visible = [h.inner_text() for h in tab.page.locator(".lexikon-not-found h1").all() if h.is_visible()]
    assert visible == [title]


# --- accessibility ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe  # ships axe-core: nothing is fetched

    return Axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["/", "/terms/", "/terms/backsourcing/", "/da/", "/da/terms/insourcing/",
                                  "/da/print/"])
def test_wcag_aa_in_both_colour_schemes(
    chromium: Browser, base_url: str, axe, path: str, scheme: str
) -> None:
    context = chromium.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}})
        violations = [(v["id"], [node["target"] for node in v["nodes"]])
                      for v in result.response["violations"]]
        assert violations == [], violations
    finally:
        context.close()

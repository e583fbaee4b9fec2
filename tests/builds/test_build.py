"""Real builds of our own glossary: read the HTML as a reader's browser gets it."""

from __future__ import annotations

import gzip
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.bench.search import use_engine
from tests.support.constants import LANG_ROOTS
from tests.support.project import Project, article, copy_project
from tests.support.site_audit import audit_site

TERMS = ("backsourcing", "insourcing", "outsourcing")


class _Links(HTMLParser):
    """Every element's attributes, for link and attribute checks without regexes."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def test_strict_build_is_clean_and_reports_removed_duplicates(built_site: Project) -> None:
    log = built_site.build_log  # type: ignore[attr-defined]
    assert "WARNING" not in log and "ERROR" not in log
    notes = [line for line in log.splitlines() if "removed a duplicate paragraph" in line]
    assert len(notes) == 4
    assert all("glossary/backsourcing.yml:" in line for line in notes)


@pytest.mark.parametrize("lang", LANG_ROOTS)
@pytest.mark.parametrize("term", TERMS)
def test_every_term_has_a_page_in_every_language(built_site: Project, term: str, lang: str) -> None:
    html = built_site.html(f"{LANG_ROOTS[lang]}terms/{term}/")
    assert f'<html lang="{lang}"' in html
    assert "<h1" in article(html)


def test_german_backsourcing_shows_each_paragraph_once(built_site: Project) -> None:
    text = " ".join(parse(article(built_site.html("terms/backsourcing/"))).text)
    assert text.count("Für ein erfolgreiches IT-Backsourcing ist es grundlegend") == 1
    assert text.count("Der Begriff Backsourcing (deutsch: Wiedereinlagerung) bezeichnet") == 1


@pytest.mark.parametrize("lang", LANG_ROOTS)
def test_switcher_leads_to_the_twin(built_site: Project, lang: str) -> None:
    for term in TERMS:
        page = f"{LANG_ROOTS[lang]}terms/{term}/"
        switch = {attrs["hreflang"]: attrs["href"]
                  for tag, attrs in parse(built_site.html(page)).elements
                  if tag == "a" and "md-select__link" in (attrs.get("class") or "")}
        assert set(switch) == set(LANG_ROOTS)
        for other, href in switch.items():
            target = (built_site.site / page / href).resolve()
            assert target == (built_site.site / LANG_ROOTS[other] / "terms" / term).resolve()
            assert (target / "index.html").is_file()


def test_cross_links_use_target_title_and_summary_tooltip(built_site: Project) -> None:
    elements = parse(article(built_site.html("da/terms/backsourcing/"))).elements
    links = [attrs for tag, attrs in elements  # text links, not the graph's nodes
             if tag == "a" and attrs.get("href") == "../outsourcing/"
             and "lexikon-node" not in (attrs.get("class") or "")]
    assert links, "the Danish backsourcing page links to the Danish outsourcing page"
    assert all((a.get("title") or "").startswith("Outsourcing betyder") for a in links)


def test_backlinks_listed(built_site: Project) -> None:
    html = article(built_site.html("terms/outsourcing/"))
    section = html[html.index('id="lexikon-backlinks"'):]
    assert 'href="../backsourcing/"' in section and 'href="../insourcing/"' in section
    assert "Erwähnt in" in html
    assert "Nævnt i" in article(built_site.html("da/terms/outsourcing/"))


class _IndexRows(HTMLParser):
    """The first words of each row of the A–Z list, in page order."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[str] = []
        self.letters: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("li", "h2"):
            self._in = tag

    def handle_data(self, data: str) -> None:
        if self._in and data.strip():
            (self.rows if self._in == "li" else self.letters).append(data.strip())
            self._in = None


@pytest.mark.parametrize(("lang", "rows", "letters"), [
    ("de", ["Auslagerung", "Backsourcing", "Eigenerstellung", "Eigenfertigung", "Fremdvergabe",
            "Insourcing", "IT-Backsourcing", "Out-Sourcing", "Outsourcing",
            "Wiedereinlagerung"],
     ["A", "B", "E", "F", "I", "O", "W"]),
    ("da", ["Backsourcing", "hjemtagelse", "hjemtagning", "Insourcing", "Outsourcing", "udlicitering"],
     ["B", "H", "I", "O", "U"]),
])
def test_index_lists_titles_and_aliases_in_order(
    built_site: Project, lang: str, rows: list[str], letters: list[str]
) -> None:
    parser = _IndexRows()
    parser.feed(article(built_site.html(f"{LANG_ROOTS[lang]}terms/")))
    assert parser.rows == rows
    assert parser.letters == letters


@pytest.fixture(scope="module")
def lunr_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Our glossary built with Material's own search (``extra.lexikon.search: lunr``)."""
    project = copy_project(tmp_path_factory.mktemp("lunr") / "project")
    use_engine(project.root, "lunr")
    result = project.build(strict=True)
    assert result.returncode == 0, result.stderr
    assert audit_site(project.site) == []
    return project


def test_search_index_per_language(lunr_site: Project) -> None:
    assert not (lunr_site.site / "pagefind").exists()
    assert not (lunr_site.site / "assets/javascripts/lexikon-search-worker.js").exists()
    assert "lexikon-search-worker" not in lunr_site.html("terms/backsourcing/")
    assert "data-pagefind-body" not in lunr_site.html("terms/backsourcing/")
    for lang, root in LANG_ROOTS.items():
        index = json.loads((lunr_site.site / root / "search" / "search_index.json").read_text("utf-8"))
        assert index["config"]["lang"] == [lang]
        locations = {doc["location"].split("#")[0] for doc in index["docs"]}
        assert {f"terms/{term}/" for term in TERMS} <= locations
        assert not any(location.startswith("da/") for location in locations)
        assert not {"print/", "changes/"} & locations  # they only repeat the terms' words
        text = " ".join(doc["text"] for doc in index["docs"])
        german_body, danish_body = "Demnach definiert der Begriff", "Backsourcing betegner det"
        if lang == "de":
            assert german_body in text and danish_body not in text
        else:
            assert danish_body in text and german_body not in text


def _fragments(bundle: Path) -> list[dict]:
    """The pages of a Pagefind bundle as it stores them (gzip, a signature, then JSON)."""
    pages = []
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        pages.append(json.loads(data[len(b"pagefind_dcd"):]))
    return pages


@pytest.mark.parametrize("lang", LANG_ROOTS)
def test_one_pagefind_bundle_per_language_with_only_its_pages(built_site: Project, lang: str) -> None:
    bundle = built_site.site / LANG_ROOTS[lang] / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    assert set(entry["languages"]) == {lang}
    pages = {page["url"]: page for page in _fragments(bundle)}
    # URLs within the language's tree: the worker prefixes the bundle's folder
    assert {f"/terms/{term}/" for term in TERMS} | {"/", "/terms/", "/tags/"} <= set(pages)
    assert not {"/print/", "/changes/", "/table-de-da/"} & set(pages)   # they only repeat the terms' words
    assert not any(url.startswith("/da/") or "pagefind" in url for url in pages)
    html_pages = {p.relative_to(built_site.site / LANG_ROOTS[lang]).as_posix()
                  for p in (built_site.site / LANG_ROOTS[lang]).rglob("index.html")
                  if lang != "de" or not p.relative_to(built_site.site).as_posix().startswith("da/")}
    assert len(pages) == len(html_pages) - 3   # every page but print/, changes/ and table-de-da/
    text = " ".join(page["content"] for page in pages.values())
    german_body, danish_body = "Demnach definiert der Begriff", "Backsourcing betegner det"
    assert (german_body in text, danish_body in text) == ((True, False) if lang == "de" else (False, True))
    term = pages["/terms/backsourcing/"]
    assert term["meta"]["title"] == "Backsourcing"   # the page's title, no permalink sign
    assert "¶" not in term["content"]
    # aliases, forms and the other language's title are in the index, under their heading
    words = {"de": ["Wiedereinlagerung", "Backsourcings", "hjemtagning"],
             "da": ["hjemtagning", "hjemtagningen", "Wiedereinlagerung"]}[lang]
    anchor = next(a for a in term["anchors"] if a["id"] == "lexikon-search-terms")
    hidden = term["content"].split()[anchor["location"]:]
    assert all(word in hidden for word in words), hidden
    # Pagefind's own UIs are not shipped: the search box is Material's
    assert not list(bundle.glob("pagefind-*ui*")) and (bundle / "pagefind.js").is_file()


@pytest.mark.parametrize("lang", LANG_ROOTS)
def test_pagefind_site_ships_materials_index_without_pages(built_site: Project, lang: str) -> None:
    path = built_site.site / LANG_ROOTS[lang] / "search" / "search_index.json"
    index = json.loads(path.read_text("utf-8"))
    assert index["docs"] == [] and index["config"]["lang"] == [lang]
    assert path.stat().st_size < 1024


@pytest.mark.parametrize("lang", LANG_ROOTS)
def test_pages_point_materials_search_box_at_our_worker(built_site: Project, lang: str) -> None:
    html = built_site.html(f"{LANG_ROOTS[lang]}terms/backsourcing/")
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                                  html, re.S).group(1))
    assert config["search"] == f"../../{'../' if lang == 'da' else ''}assets/javascripts/" \
                               f"lexikon-search-worker.js?root={LANG_ROOTS[lang]}"
    assert (built_site.site / "assets/javascripts/lexikon-search-worker.js").is_file()
    assert config["translations"]["search.result.none"]   # the rest of Material's config is kept
    article = parse(article_with_attrs(html)).elements[0]
    assert article == ("article", {"class": "md-content__inner md-typeset", "data-pagefind-body": None})
    hidden = [attrs for _, attrs in parse(html).elements
              if "lexikon-search-terms" in (attrs.get("class") or "")]
    assert hidden and all("hidden" in attrs and attrs.get("aria-hidden") == "true" for attrs in hidden)
    for excluded in ("print/", "changes/"):
        assert "data-pagefind-body" not in built_site.html(f"{LANG_ROOTS[lang]}{excluded}")


def article_with_attrs(html: str) -> str:
    start = html.index('<article class="md-content__inner')
    return html[start:]


def test_no_page_loads_anything_from_another_host(built_site: Project) -> None:
    for page in ("", "da/", "terms/backsourcing/"):
        for tag, attrs in parse(built_site.html(page)).elements:
            url = attrs.get("src") if tag in ("script", "img") else (
                attrs.get("href") if tag == "link" else None)
            assert not url or not re.match(r"(?i)^(https?:)?//", url), (page, tag, url)


def _json_ld(html: str) -> dict:
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    return json.loads(html[start : html.index("</script>", start)])


@pytest.mark.parametrize("lang", LANG_ROOTS)
def test_term_pages_describe_themselves_as_defined_terms(built_site: Project, lang: str) -> None:
    data = _json_ld(built_site.html(f"{LANG_ROOTS[lang]}terms/backsourcing/"))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "DefinedTerm"
    assert data["name"] == "Backsourcing"
    assert "inLanguage" not in data  # not in DefinedTerm's domain (issue 16): its set says it
    page = f"https://host/sub/{LANG_ROOTS[lang]}terms/backsourcing/"  # without SITE_URL: relative to the page
    assert urljoin(page, data["url"]) == page
    assert data["inDefinedTermSet"]["@type"] == "DefinedTermSet"
    assert data["inDefinedTermSet"]["inLanguage"] == lang
    index = _json_ld(built_site.html(f"{LANG_ROOTS[lang]}terms/"))
    assert index["@type"] == "DefinedTermSet"
    assert {term["termCode"] for term in index["hasDefinedTerm"]} == set(TERMS)


def test_hreflang_alternates_with_x_default(built_site: Project) -> None:
    for page in ("terms/backsourcing/", "da/terms/backsourcing/"):
        alternates = {attrs["hreflang"]: attrs["href"] for tag, attrs in parse(built_site.html(page)).elements
                      if tag == "link" and attrs.get("rel") == "alternate" and attrs.get("hreflang")}
        assert set(alternates) == {"de", "da", "x-default"}
        assert alternates["x-default"] == alternates["de"]


def test_other_language_text_carries_its_lang(built_site: Project) -> None:
    twins = [attrs for tag, attrs in parse(article(built_site.html("da/terms/backsourcing/"))).elements
             if tag == "a" and attrs.get("hreflang") == "de"]
    assert twins and all(a.get("lang") == "de" for a in twins)
    target = (built_site.site / "da/terms/backsourcing" / twins[0]["href"]).resolve()
    assert target == (built_site.site / "terms/backsourcing").resolve()
    assert "Wiedereinlagerung" in article(built_site.html("da/terms/backsourcing/"))


def test_missing_translation_page_says_so_and_shows_the_text(make_project) -> None:
    project = make_project({
        "_tags.yml": "it: {de: IT, da: IT}\n",
        "cloud.yml": """\
            de:
              title: Cloud
              summary: Rechenleistung aus dem Netz.
              body: |
                Ein Absatz nur auf Deutsch.
            """,
    })
    result = project.build(strict=False)
    assert result.returncode == 0, result.stderr
    assert "glossary/cloud.yml:1:1: warning: no 'da' block" in result.stderr
    html = article(project.html("da/terms/cloud/"))
    assert "Dette begreb findes endnu ikke på dansk." in html
    assert '<div class="admonition lexikon-other-language" lang="de">' in html
    assert "Ein Absatz nur auf Deutsch." in html
    assert project.build(strict=True).returncode != 0


@pytest.mark.parametrize("lang", LANG_ROOTS)
def test_printable_page_holds_every_term_and_is_linked_from_the_index(built_site: Project, lang: str) -> None:
    html = article(built_site.html(f"{LANG_ROOTS[lang]}print/"))
    ids = [attrs.get("id") for tag, attrs in parse(html).elements if tag == "h2"]
    assert ids == ["backsourcing", "insourcing", "outsourcing"]
    assert "Wiedereinlagerung" in html if lang == "de" else "hjemtagning" in html
    index = parse(article(built_site.html(f"{LANG_ROOTS[lang]}terms/")))
    index_links = [attrs["href"] for tag, attrs in index.elements
                   if tag == "a" and "lexikon-print-link" in (attrs.get("class") or "")]
    assert index_links == ["../print/"]


def test_print_style_hides_the_site_around_the_term(built_site: Project) -> None:
    css = (built_site.site / "assets" / "lexikon.css").read_text("utf-8")
    assert "@media print" in css


def test_failed_build_leaves_the_last_good_site(make_project) -> None:
    project = make_project()
    assert project.build(strict=True).returncode == 0
    before = {p.relative_to(project.site): p.read_bytes() for p in project.site.rglob("*") if p.is_file()}
    entry = project.glossary / "outsourcing.yml"
    entry.write_text(entry.read_text("utf-8").replace("title: Outsourcing", "title: <b>Outsourcing</b>", 1),
                     "utf-8")
    result = project.build(strict=True)
    assert result.returncode != 0 and "glossary/outsourcing.yml" in result.stderr
    after = {p.relative_to(project.site): p.read_bytes() for p in project.site.rglob("*") if p.is_file()}
    assert after == before
    # Only the builds' lock file stays (empty: removing it while another build waits on it
    # would let a third build in beside the second).
    leftovers = [p for p in project.root.iterdir() if p.name.startswith(".site")]
    assert [p.name for p in leftovers] in ([], [".site.lock"])
    assert all(p.stat().st_size == 0 for p in leftovers)


def test_build_writes_nothing_into_glossary_or_docs(make_project) -> None:
    project = make_project()

    def tree() -> dict[str, tuple[int, bytes]]:
        return {p.relative_to(project.root).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
                for folder in ("glossary", "docs") for p in (project.root / folder).rglob("*") if p.is_file()}

    before = tree()
    assert project.build(strict=True).returncode == 0
    assert tree() == before


@pytest.mark.parametrize("lang", LANG_ROOTS)
def test_data_page_offers_every_export(built_site: Project, lang: str) -> None:
    page = parse(article(built_site.html(f"{LANG_ROOTS[lang]}data/")))
    links = [attrs["href"] for tag, attrs in page.elements if tag == "a" and "download" in attrs]
    names = {href.rsplit("/", 1)[-1] for href in links}
    assert names == {"glossary.json", "glossary.schema.json", "glossary.de.csv", "glossary.da.csv",
                     "glossary.de-da.csv", "glossary.da-de.csv", "glossary.tbx", "glossary.martif.tbx",
                     "glossary.ttl", "glossary.jsonld", "TermsDe.yml", "TermsDa.yml", "glossary.csv"}
    for href in links:
        assert (built_site.site / LANG_ROOTS[lang] / "data" / href).resolve().is_file()
    data = json.loads((built_site.site / "glossary.json").read_text("utf-8"))
    assert set(data["entries"]) == set(TERMS)

"""Every page right, in its own language (issue 13): each defect a reader, a crawler or a
screen reader met, asserted on the built files.

A small glossary with what the real one lacks (a term not yet in Danish, a Danish
cross-link inside a sentence), built twice: as published (``SITE_URL`` set) and as
previewed anywhere (no ``SITE_URL``).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import lxml.html
import pytest

from tests.support.pages_site import SITE_URL, doc
from tests.support.project import ROOT, Project


def texts(element, xpath: str) -> list[str]:
    return [" ".join(node.text_content().split()) for node in element.xpath(xpath)]


NAV_ENTRIES = "//nav[contains(@class, 'md-nav--primary')]/ul/li/*[contains(@class, 'md-nav__link')]"
ALL_PAGES = ["index.html", "changes/index.html", "guide/index.html", "data/index.html", "tags/index.html",
             "tags/it/index.html", "terms/index.html", "terms/outsourcing/index.html", "print/index.html"]


# --- "None" in the navigation -----------------------------------------------------------------


@pytest.mark.parametrize("lang, root, home, changes, guide", [
    ("de", "", "Startseite", "Zuletzt geändert", "Einen Begriff hinzufügen"),
    ("da", "da/", "Forside", "Senest ændret", "Tilføj et begreb"),
])
def test_every_page_names_every_nav_entry(anywhere: Project, lang: str, root: str, home: str,
                                          changes: str, guide: str) -> None:
    for page in ALL_PAGES:
        html = doc(anywhere, root + page)
        sidebar = texts(html, NAV_ENTRIES)
        assert home in sidebar and changes in sidebar and guide in sidebar, (page, sidebar)
        assert "None" not in sidebar, (page, sidebar)
        footer = texts(html, "//footer//a")
        assert not any(re.search(r"\bNone\b", text) for text in footer), (page, footer)


@pytest.mark.parametrize("root, site_name", [("", "Lexikon"), ("da/", "Leksikon")])
def test_home_is_titled_by_the_site_alone_and_named_once_in_the_sidebar(
        anywhere: Project, root: str, site_name: str) -> None:
    html = doc(anywhere, root + "index.html")
    assert texts(html, "//head/title") == [site_name]
    nav = "//nav[contains(@class, 'md-nav--primary')]"
    assert texts(html, nav + "/label[contains(@class, 'md-nav__title')]") == [site_name]
    entries = texts(html, nav + "/ul/li/*[contains(@class, 'md-nav__link')]")
    assert site_name not in entries, entries


# --- the 404 pages ------------------------------------------------------------------------------


@pytest.mark.parametrize("relative, lang, title, search, foreign", [
    ("404.html", "de", "Seite nicht gefunden", "Suche", ["Søg", "Leksikon", "Siden findes ikke"]),
    ("da/404.html", "da", "Siden findes ikke", "Søg", ["Suche", "Lexikon", "Seite nicht gefunden"]),
])
def test_a_404_page_per_language_wholly_in_it(anywhere: Project, relative: str, lang: str, title: str,
                                              search: str, foreign: list[str]) -> None:
    page = anywhere.site / relative
    assert page.is_file()
    html = lxml.html.fromstring(page.read_bytes())
    assert html.get("lang") == lang
    assert texts(html, "//article//h1") == [title]
    assert html.xpath("//input[@data-md-component='search-query']/@placeholder") == [search]
    visible = " ".join(texts(html, "//body"))
    for word in foreign:
        assert not re.search(rf"(?<!\w){re.escape(word)}(?!\w)", visible), word
    assert not html.xpath("//head/link[@hreflang]"), "a 404 page is nobody's alternate"


def test_the_root_404_page_hands_other_trees_their_own(anywhere: Project) -> None:
    root = (anywhere.site / "404.html").read_text("utf-8")
    assert '"root": "/da/"' in root and '"page": "/da/404.html"' in root
    assert "/da/404.html" not in (anywhere.site / "da" / "404.html").read_text("utf-8")


# --- UI text in the wrong language --------------------------------------------------------------


@pytest.mark.parametrize("root, own, other", [
    ("", ["Dunkles Design", "Helles Design"], ["Mørkt tema", "Lyst tema"]),
    ("da/", ["Mørkt tema", "Lyst tema"], ["Dunkles Design", "Helles Design"]),
])
def test_colour_toggle_in_the_page_language(anywhere: Project, root: str, own: list[str],
                                            other: list[str]) -> None:
    html = doc(anywhere, root + "terms/outsourcing/index.html")
    labels = html.xpath("//form[@data-md-component='palette']//@aria-label")
    assert sorted(labels) == sorted(own)
    assert not set(other) & set(html.xpath("//@title | //@aria-label"))


@pytest.mark.parametrize("root, permalink", [("", "Link zu diesem Abschnitt"),
                                             ("da/", "Link til dette afsnit")])
def test_no_english_in_the_chrome(anywhere: Project, root: str, permalink: str) -> None:
    for page in ALL_PAGES:
        text = (anywhere.site / root / page).read_text("utf-8")
        assert "Permanent link" not in text and "Made with" not in text, page
    anchors = doc(anywhere, root + "guide/index.html").xpath("//a[@class='headerlink']/@title")
    assert anchors and set(anchors) == {permalink}


# --- what the head says about languages -----------------------------------------------------------


def alternates(project: Project, relative: str) -> dict[str, str]:
    return {link.get("hreflang"): link.get("href")
            for link in doc(project, relative).xpath("//head/link[@rel='alternate'][@hreflang]")}


def test_hreflang_alternates_are_absolute_with_site_url(hosted: Project) -> None:
    assert alternates(hosted, "da/terms/outsourcing/index.html") == {
        "de": SITE_URL + "terms/outsourcing/", "da": SITE_URL + "da/terms/outsourcing/",
        "x-default": SITE_URL + "terms/outsourcing/"}
    assert alternates(hosted, "index.html")["da"] == SITE_URL + "da/"


def test_a_missing_translation_is_no_alternate(hosted: Project) -> None:
    assert alternates(hosted, "terms/make-or-buy/index.html") == {
        "de": SITE_URL + "terms/make-or-buy/", "x-default": SITE_URL + "terms/make-or-buy/"}
    missing = doc(hosted, "da/terms/make-or-buy/index.html")
    assert not missing.xpath("//head/link[@hreflang]")
    assert missing.xpath("//meta[@name='robots']/@content") == ["noindex"]


def test_alternates_relative_to_the_page_without_site_url(anywhere: Project) -> None:
    assert alternates(anywhere, "da/terms/outsourcing/index.html") == {
        "de": "../../../terms/outsourcing/", "da": "./", "x-default": "../../../terms/outsourcing/"}


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap(project: Project, relative: str) -> list[str]:
    tree = ET.parse(project.site / relative)
    return [loc.text for loc in tree.iter(f"{SITEMAP}loc")]


def test_a_sitemap_per_language_of_its_real_pages(hosted: Project) -> None:
    german, danish = sitemap(hosted, "sitemap.xml"), sitemap(hosted, "da/sitemap.xml")
    assert SITE_URL + "terms/make-or-buy/" in german and SITE_URL + "terms/outsourcing/" in german
    assert all(url.startswith(SITE_URL) and not url.startswith(SITE_URL + "da/") for url in german)
    assert all(url.startswith(SITE_URL + "da/") for url in danish)
    assert SITE_URL + "da/terms/outsourcing/" in danish
    assert SITE_URL + "da/terms/make-or-buy/" not in danish
    assert not any("404" in url for url in german + danish)
    links = [link.get("href") for link in ET.parse(hosted.site / "da/sitemap.xml").iter()
             if link.tag.endswith("}link")]
    assert links and all(href.startswith(SITE_URL) for href in links)


def test_no_sitemap_without_site_url(anywhere: Project) -> None:
    assert not list(anywhere.site.rglob("sitemap.xml*"))


# --- addresses --------------------------------------------------------------------------------------


def json_ld(project: Project, relative: str) -> dict:
    return json.loads(doc(project, relative).xpath("//script[@type='application/ld+json']")[0].text)


def test_addresses_without_site_url_hold_anywhere(anywhere: Project) -> None:
    term = json_ld(anywhere, "da/terms/outsourcing/index.html")
    assert term["url"] == "./" and term["inDefinedTermSet"]["url"] == "../"
    index = json_ld(anywhere, "terms/index.html")
    assert "outsourcing/" in {item["url"] for item in index["hasDefinedTerm"]}
    assert all(not item["url"].startswith("/") for item in index["hasDefinedTerm"])
    feed = ET.parse(anywhere.site / "da" / "feed.xml").getroot()
    ids = [node.text for node in feed.iter("{http://www.w3.org/2005/Atom}id")]
    assert ids and all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", value) for value in ids)
    turtle = (anywhere.site / "glossary.ttl").read_text("utf-8")
    subjects = re.findall(r"^<([^>]+)> a skos:", turtle, re.M)
    assert subjects and all(subject.startswith("urn:uuid:") for subject in subjects)


def test_addresses_with_site_url_are_absolute(hosted: Project) -> None:
    term = json_ld(hosted, "da/terms/outsourcing/index.html")
    assert term["url"] == SITE_URL + "da/terms/outsourcing/"
    assert term["inDefinedTermSet"]["url"] == SITE_URL + "da/terms/"
    feed = ET.parse(hosted.site / "feed.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    assert all(node.text.startswith(SITE_URL) for node in feed.iter(f"{atom}id"))
    assert all(node.get("href").startswith(SITE_URL) for node in feed.iter(f"{atom}link"))
    turtle = (hosted.site / "glossary.ttl").read_text("utf-8")
    assert all(iri.startswith(("http://", "https://")) for iri in re.findall(r"<([^>]+)>", turtle))
    tbx = (hosted.site / "glossary.tbx").read_text("utf-8")
    targets = re.findall(r'<xref type="externalCrossReference" target="([^"]+)"', tbx)
    assert targets and all(target.startswith(SITE_URL) for target in targets)


# --- smaller ------------------------------------------------------------------------------------------


def test_danish_titles_lower_case_inside_a_sentence(anywhere: Project) -> None:
    danish = doc(anywhere, "da/terms/backsourcing/index.html")
    links = texts(danish, "//article//p/a[contains(@href, 'outsourcing')]")
    assert links == ["outsourcing", "Outsourcing"]  # "… det omvendte af outsourcing", "Outsourcing kommer …"
    german = doc(anywhere, "terms/backsourcing/index.html")
    assert texts(german, "//article//p/a[contains(@href, 'outsourcing')]") == ["Outsourcing"]


def test_graphs_have_no_group_role_and_the_toc_label_names_a_control(anywhere: Project) -> None:
    for relative in ("index.html", "da/index.html", "terms/outsourcing/index.html"):
        html = doc(anywhere, relative)
        assert html.xpath("//*[local-name()='svg'][contains(@class, 'lexikon-graph')]")
        assert not html.xpath("//*[local-name()='svg'][@role='group']")
        ids = set(html.xpath("//@id"))
        assert all(target in ids for target in html.xpath("//label/@for")), relative


def test_home_graph_has_no_empty_band_above(anywhere: Project) -> None:
    svg = doc(anywhere, "index.html").xpath("//*[local-name()='svg'][contains(@class, 'lexikon-graph')]")[0]
    _, top, _, height = (float(value) for value in svg.get("viewbox", svg.get("viewBox")).split())
    circles = [float(cy) for cy in svg.xpath(".//*[local-name()='circle']/@cy")]
    assert min(circles) - top < 20 and top + height - max(circles) < 40


def test_the_letter_bar_knows_each_letter_s_tags(anywhere: Project) -> None:
    html = doc(anywhere, "terms/index.html")
    offered = {a.text: a.get("class", "") for a in html.xpath("//nav[@class='lexikon-letters']/a")}
    assert "lexikon-has-business" in offered["M"] and "lexikon-has-it" not in offered["M"]
    style = " ".join(html.xpath("//head/style/text()"))
    assert ".lexikon-letters a:not(.lexikon-has-it)" in style


def test_print_hides_the_graph_heading_with_the_graph() -> None:
    css = (ROOT / "docs/assets/lexikon.css").read_text("utf-8")
    rules = re.search(r"@media print \{(.*?)\n\}", css, re.S).group(1)
    hidden = rules.split("{", 1)[0]
    assert ".lexikon-figure" in hidden and "#lexikon-graph" in hidden

"""What a fresh reader found on the built site (notes/review-pages-FINDINGS.md), each
finding asserted on the built files of the small glossary of tests/support/pages_site.py (a term
not yet in Danish, built with and without ``SITE_URL``).
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.pages_site import GLOSSARY, SITE_URL, build, doc
from tests.support.project import Project, copy_project

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The glossary committed to git, so that it has a change page and feeds with entries;
    the Danish Outsourcing names the German-only Make-or-Buy in its text."""
    outsourcing = GLOSSARY["outsourcing.yml"].replace(
        "en del af en større beslutning.", "en del af en større beslutning, [[make-or-buy]].").rstrip(" ")
    outsourcing += """          highlights:
            - En leverandør overtager opgaven.
          sources:
            - title: Outsourcing – Wikipedia
              url: https://da.wikipedia.org/wiki/Outsourcing
    """
    glossary = {**GLOSSARY, "outsourcing.yml": outsourcing}
    project = copy_project(tmp_path_factory.mktemp("dated") / "project", glossary)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "GIT_AUTHOR_DATE": "2026-01-10T10:00:00+00:00", "GIT_COMMITTER_DATE": "2026-01-10T10:00:00+00:00"}
    for command in (["init", "-q"], ["add", "glossary"], ["commit", "-qm", "terms"]):
        subprocess.run(["git", *command], cwd=project.root, env=env, check=True, capture_output=True)
    result = build(project, None)
    assert result.returncode == 0, result.stderr
    return project

MENU = "//a[contains(@class, 'md-select__link')][@hreflang]"


def menu(project: Project, relative: str) -> dict[str, str]:
    return {link.get("hreflang"): link.get("href") for link in doc(project, relative).xpath(MENU)}


# --- 1, 2: the language menu --------------------------------------------------------------------


@pytest.mark.parametrize("relative", ["404.html", "da/404.html"])
def test_each_404_s_language_menu_names_the_language_homes(anywhere: Project, hosted: Project,
                                                           relative: str) -> None:
    assert menu(anywhere, relative) == {"de": "/", "da": "/da/"}
    assert menu(hosted, relative) == {"de": "/glossar/", "da": "/glossar/da/"}


@pytest.mark.parametrize("relative, links", [
    ("index.html", {"de": "./", "da": "da/"}),
    ("da/index.html", {"de": "../", "da": "./"}),
])
def test_the_home_pages_switch_language_relatively(anywhere: Project, relative: str,
                                                   links: dict[str, str]) -> None:
    """Served from a sub-folder without SITE_URL, "/da/" would leave the site."""
    assert menu(anywhere, relative) == links


# --- 7: no "./" in absolute addresses ---------------------------------------------------------------


def test_the_home_s_hreflang_and_sitemap_address_is_its_canonical(hosted: Project) -> None:
    for relative in ("index.html", "da/index.html"):
        page = doc(hosted, relative)
        hrefs = page.xpath("//head/link[@hreflang]/@href")
        assert SITE_URL in hrefs and not [href for href in hrefs if "/./" in href]
    assert page.xpath("//link[@rel='canonical']/@href") == [SITE_URL + "da/"]
    for sitemap in ("sitemap.xml", "da/sitemap.xml"):
        text = (hosted.site / sitemap).read_text(encoding="utf-8")
        assert "/./" not in text and f'href="{SITE_URL}"' in text


# --- 8: the 404 page's title ----------------------------------------------------------------------


@pytest.mark.parametrize("relative, title", [
    ("404.html", "Seite nicht gefunden - Lexikon"),
    ("da/404.html", "Siden findes ikke - Leksikon"),
])
def test_the_404_page_is_titled_in_its_language(anywhere: Project, relative: str, title: str) -> None:
    assert doc(anywhere, relative).xpath("//title/text()") == [title]


# --- 5: German text on Danish pages is marked as German, and said to be --------------------------


@pytest.mark.parametrize("relative", ["da/terms/outsourcing/index.html", "da/tags/business/index.html",
                                      "da/changes/index.html"])
def test_a_link_to_a_term_not_yet_in_danish_is_marked(dated: Project, relative: str) -> None:
    page = doc(dated, relative)
    links = page.xpath("//article//li/a[contains(@href, 'make-or-buy/')]")
    assert links, relative
    for link in links:
        assert link.get("lang") == "de" and link.get("title").startswith("Die Make-or-Buy")
        assert (link.tail or "").strip() == "" and link.getnext().text == "(endnu ikke på dansk)"
    danish = page.xpath("//article//li/a[contains(@href, 'sourcing/')]")
    assert danish and not [link for link in danish if link.get("lang")]


def test_the_missing_page_describes_itself_in_its_language_and_the_box_links_in_the_box_s(
        anywhere: Project) -> None:
    page = doc(anywhere, "da/terms/make-or-buy/index.html")
    assert page.xpath("//meta[@name='description']/@content") == ["Dette begreb findes endnu ikke på dansk."]
    box = page.xpath("//div[@lang='de']")[0]
    tooltips = box.xpath(".//a[contains(@href, 'outsourcing/')]/@title")
    assert tooltips and all(title.startswith("Outsourcing ist") for title in tooltips)


def test_danish_body_text_marks_a_link_to_a_german_only_term(dated: Project) -> None:
    link = doc(dated, "da/terms/outsourcing/index.html").xpath(
        "//article//p/a[contains(@href, 'make-or-buy/')]")[0]
    assert link.get("lang") == "de" and link.get("title").startswith("Die Make-or-Buy")
    german = doc(dated, "terms/outsourcing/index.html").xpath(
        "//article//p/a[contains(@href, 'make-or-buy/')]")
    assert german and not german[0].get("lang")


def test_the_danish_feed_leaves_out_a_term_not_yet_danish(dated: Project) -> None:
    feed = ET.parse(dated.site / "da" / "feed.xml").getroot()
    entries = {entry.find(f"{ATOM}link").get("href"): entry for entry in feed.iter(f"{ATOM}entry")}
    assert "terms/make-or-buy/" not in entries  # issue 16: German only, so not in the Danish feed
    assert entries["terms/outsourcing/"].find(f"{ATOM}summary").text.startswith("Outsourcing er")


# --- 6: the other language named in the page's language -------------------------------------------


@pytest.mark.parametrize("relative, line", [
    ("terms/outsourcing/index.html", "Dänisch: Outsourcing"),
    ("da/terms/outsourcing/index.html", "Tysk: Outsourcing"),
    ("terms/make-or-buy/index.html", "Dänisch: noch nicht übersetzt"),
    ("da/terms/make-or-buy/index.html", "Tysk: Make-or-Buy"),
])
def test_the_twin_line_names_the_language_in_the_page_s_language(anywhere: Project, relative: str,
                                                                  line: str) -> None:
    twins = doc(anywhere, relative).xpath("//p[contains(@class, 'lexikon-twins')]")[0]
    assert " ".join(twins.text_content().split()) == line


# --- 9, 11: counts ---------------------------------------------------------------------------------


@pytest.mark.parametrize("relative, counts", [
    ("tags/index.html", ["(1 Begriff)", "(2 Begriffe)"]),
    ("da/tags/index.html", ["(1 begreb)", "(2 begreber)"]),
])
def test_a_count_of_one_is_singular(anywhere: Project, relative: str, counts: list[str]) -> None:
    text = " ".join(doc(anywhere, relative).xpath("//article")[0].text_content().split())
    assert all(count in text for count in counts), text


def test_the_index_and_the_print_page_count_alike(anywhere: Project) -> None:
    """Danish has 2 terms and 1 not yet translated: both pages say 2, the index the 1 too."""
    def intro(relative: str) -> str:
        return " ".join(doc(anywhere, relative).xpath("//article//p")[0].text_content().split())

    assert intro("da/terms/index.html").startswith(
        "Alle 2 begreber i leksikonnet i alfabetisk rækkefølge."
        " Dertil ét begreb, som endnu ikke findes på dansk.")
    assert intro("da/print/index.html").startswith("Alle 2 begreber på én side")
    assert intro("terms/index.html").startswith("Alle 3 Begriffe des Lexikons, alphabetisch sortiert. Das")
    assert intro("print/index.html").startswith("Alle 3 Begriffe auf einer Seite")


# --- 12: wording -------------------------------------------------------------------------------------


def test_the_reviewed_wording(anywhere: Project) -> None:
    assert doc(anywhere, "da/index.html").xpath("//h2/text()")[0] == "Leksikonnet i overblik"
    assert doc(anywhere, "terms/outsourcing/index.html").xpath("//h2[@id='lexikon-backlinks']/text()") == [
        "Erwähnt in"]
    assert doc(anywhere, "da/terms/backsourcing/index.html").xpath(
        "//h2[@id='lexikon-backlinks']/text()") == ["Nævnt i"]
    assert doc(anywhere, "terms/index.html").xpath("//nav[@class='lexikon-letters']/@aria-label") == [
        "Zum Buchstaben springen"]
    top = doc(anywhere, "da/terms/outsourcing/index.html").xpath("//button[contains(@class, 'md-top')]")
    assert " ".join(top[0].text_content().split()) == "Tilbage til toppen"


# --- 10: print --------------------------------------------------------------------------------------


def test_the_print_page_keeps_highlights_in_their_box_and_lists_sources(dated: Project) -> None:
    page = doc(dated, "da/print/index.html")
    box = page.xpath("//div[contains(@class, 'admonition')][p[@class='admonition-title']]")
    assert [b.xpath("string(p[@class='admonition-title'])") for b in box] == ["Kort fortalt"]
    assert box[0].xpath("string(.//li)") == "En leverandør overtager opgaven."
    sources = page.xpath("//p[contains(@class, 'lexikon-sources')]")
    assert len(sources) == 1 and sources[0].text_content().startswith("Kilder: Outsourcing – Wikipedia")
    assert sources[0].xpath(".//a/@href") == ["https://da.wikipedia.org/wiki/Outsourcing"]


# --- 13: the letter bar ---------------------------------------------------------------------------------


@pytest.mark.parametrize("relative", ["terms/index.html", "da/terms/index.html"])
def test_letters_without_terms_are_hidden_from_screen_readers(anywhere: Project, relative: str) -> None:
    bar = doc(anywhere, relative).xpath("//nav[@class='lexikon-letters']")[0]
    spans = bar.xpath(".//span")
    assert spans and all(span.get("aria-hidden") == "true" and span.get("aria-disabled") is None
                         for span in spans)
    assert not bar.xpath(".//a[@aria-hidden]")


# --- 3, 4, 10 in the browser ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(dated: Project) -> Iterator[str]:
    from tests.support.browser import serve_site

    yield from serve_site(dated)


@pytest.fixture(scope="module")
def browser():
    from tests.bench.search import shared_browser
    from tests.support.browser import CHROMIUM

    return shared_browser(CHROMIUM)


def _luminance(rgb: str) -> float:
    channels = [int(part) / 255 for part in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, two: str) -> float:
    high, low = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_home_graph_s_dots_stand_out_in_both_schemes(browser, served: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    try:
        for path in ("/", "/da/", "/terms/outsourcing/"):
            page.goto(served + path)
            background = page.evaluate("getComputedStyle(document.body).backgroundColor")
            fills = page.eval_on_selector_all(".lexikon-graph circle",
                                              "els => els.map(e => getComputedStyle(e).fill)")
            assert fills and min(contrast(fill, background) for fill in fills) >= 3, (path, fills, background)
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_colour_toggle_shows_keyboard_focus(browser, served: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(served + "/da/terms/outsourcing/")
        for _ in range(6):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('md-option')"):
                break
        # The label that shows (in the dark scheme not the one after the focused button).
        shown = page.evaluate("""() => [...document.querySelectorAll('.md-header__option label')]
            .filter(l => getComputedStyle(l).display !== 'none')
            .map(l => [getComputedStyle(l).outlineStyle, getComputedStyle(l).outlineWidth])""")
        assert len(shown) == 1 and shown[0][0] not in ("none", "auto") and shown[0][1] != "0px", shown
    finally:
        context.close()


@pytest.mark.browser
def test_a_printed_source_shows_its_address(browser, served: str) -> None:
    page = browser.new_page()
    try:
        for path in ("/da/terms/outsourcing/", "/da/print/"):
            page.goto(served + path)
            page.emulate_media(media="print")
            after = page.eval_on_selector_all("a[href^='https://da.wikipedia.org']",
                                              "els => els.map(e => getComputedStyle(e, '::after').content)")
            assert after == ['" (https://da.wikipedia.org/wiki/Outsourcing)"'], (path, after)
            other = page.eval_on_selector(".md-header a", "e => getComputedStyle(e, '::after').content")
            assert "http" not in other
    finally:
        page.close()


# --- 14: code out of the search index, the feed's author ---------------------------------------------


def _pagefind_fragments(site: Path) -> dict[str, str]:
    """Each page's indexed text, as Pagefind stored it (gzip, a signature, JSON)."""
    found = {}
    for path in site.glob("pagefind/fragment/*.pf_fragment"):
        data = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        fragment = json.loads(data)
        found[fragment["url"]] = fragment["content"]
    return found


def test_the_guide_s_code_examples_are_not_searched(anywhere: Project) -> None:
    guide = doc(anywhere, "da/guide/index.html")
    blocks = guide.xpath("//article//pre")
    assert blocks and all(block.get("data-pagefind-ignore") is not None for block in blocks)
    text = _pagefind_fragments(anywhere.site / "da")["/guide/"]
    assert "Tilføj et begreb" in text and "aliases: [nearshore-outsourcing]" not in text
    assert "Nearshorings" not in text


@pytest.mark.parametrize("feed, author", [("feed.xml", "Lexikon"), ("da/feed.xml", "Leksikon")])
def test_the_feed_is_written_by_the_site(dated: Project, feed: str, author: str) -> None:
    root = ET.parse(dated.site / feed).getroot()
    names = [node.text for node in root.iter(f"{ATOM}name")]
    assert names and set(names) == {author}

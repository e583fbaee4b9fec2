"""The translators' table (issue 15, point 4): one page per language pair, in each language's
tree, its rows, their order in the page's language, a missing language said in words, the
tag filter shared with the A–Z index, and its place among the fixed pages."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from lexikon.core.layout import SiteLayout, reserved_ids
from lexikon.core.locale import load_locale
from lexikon.core.model import Glossary
from lexikon.core.settings import Settings, make_settings
from lexikon.render.index_page import index_page
from lexikon.render.page import Page
from lexikon.render.pages import render_site
from lexikon.render.table_page import table_page
from lexikon.render.view import View
from tests.support.constants import LANGUAGES
from tests.support.table_glossary import DANISH_ORDER, GERMAN_ORDER, table_glossary


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Glossary, Settings]:
    return table_glossary(tmp_path_factory.mktemp("table"))


def _page(checked: tuple[Glossary, Settings], lang: str, use_directory_urls: bool | None = True) -> Page:
    glossary, settings = checked
    other = "da" if lang == "de" else "de"
    return table_page(View(glossary, SiteLayout(settings, use_directory_urls), load_locale(lang)), other)


def _table(page: Page) -> lxml.html.HtmlElement:
    markdown = page.markdown
    return lxml.html.fragment_fromstring(markdown[markdown.index("<table"):markdown.index("</table>") + 8])


def _rows(page: Page) -> list[list[str]]:
    """Each body row's cells as text (a cell spanning columns once)."""
    return [[" ".join(cell.text_content().split()) for cell in row]
            for row in _table(page).iterfind("tbody/tr")]


def _row_ids(page: Page) -> list[str]:
    """The rows' entries, by the term page each row's first link goes to."""
    return [row.find(".//a").get("href").rstrip("/").rsplit("/", 1)[-1]
            for row in _table(page).iterfind("tbody/tr")]


def test_a_page_per_pair_in_each_tree_at_one_path(checked: tuple[Glossary, Settings]) -> None:
    glossary, settings = checked
    pages = {(page.lang, page.path): page for page in render_site(glossary, SiteLayout(settings, None))}
    assert {key for key in pages if "table" in key[1]} == {("de", "table-de-da.md"), ("da", "table-de-da.md")}
    german, danish = pages[("de", "table-de-da.md")], pages[("da", "table-de-da.md")]
    assert german.in_nav and danish.in_nav
    assert "# Deutsch – Dänisch\n" in german.markdown and 'title: "Deutsch – Dänisch"' in german.markdown
    assert "# Dansk-tysk ordliste\n" in danish.markdown
    assert "search: {\"exclude\": true}" in german.markdown  # the terms' pages are what search finds


def test_each_language_has_its_columns_with_gender_abbreviations_and_terms_not_to_use(checked) -> None:
    page = _page(checked, "de")
    head = [[cell.text_content() for cell in row] for row in _table(page).iterfind("thead/tr")]
    assert head == [["Deutsch", "Dänisch"], ["Begriff", "Artikel", "Abkürzungen", "Nicht verwenden"] * 2]
    rows = dict(zip(_row_ids(page), _rows(page), strict=True))
    assert rows["backsourcing"] == ["Backsourcing", "das", "BS", "Rückoutsourcing, Re-Insourcing",
                                    "backsourcing", "en", "", "tilbageflytning"]
    assert rows["bank-finanz"] == ["Bank (Finanzwesen)", "die", "", "", "bank (pengeinstitut)", "en", "", ""]
    assert rows["ohr"][:2] == ["Ohr", "das"] and rows["ohr"][4:6] == ["øre", "et"]
    page = _page(checked, "da")
    danish = dict(zip(_row_ids(page), _rows(page), strict=True))
    head = [[cell.text_content() for cell in row] for row in _table(page).iterfind("thead/tr")]
    assert head == [["Dansk", "Tysk"], ["Term", "Køn", "Forkortelser", "Undgå"] * 2]
    assert danish["backsourcing"] == ["backsourcing", "en", "", "tilbageflytning",
                                      "Backsourcing", "das", "BS", "Rückoutsourcing, Re-Insourcing"]


def test_rows_sort_by_the_page_languages_collation(checked) -> None:
    assert _row_ids(_page(checked, "de")) == GERMAN_ORDER
    assert _row_ids(_page(checked, "da")) == DANISH_ORDER  # æ ø å after z, "aa" as å


def test_drafts_are_not_listed(checked) -> None:
    for lang in ("de", "da"):
        page = _page(checked, lang)
        assert "entwurf" not in _row_ids(page) and "Entwurf" not in page.markdown
        assert f"Alle {len(GERMAN_ORDER)} " in page.markdown


def test_a_concept_missing_in_a_language_says_so_across_its_columns(checked) -> None:
    german = _table(_page(checked, "de"))
    cloud = german.xpath("tbody/tr[.//a[contains(@href, 'cloud')]]")[0]
    missing = cloud.find("td[@colspan]")
    assert (missing.get("colspan"), missing.text) == ("4", "noch nicht auf Dänisch")
    assert "lexikon-missing" in missing.get("class").split()
    hygge = german.xpath("tbody/tr[.//a[contains(@href, 'hygge')]]")[0]
    assert hygge[0].text == "noch nicht auf Deutsch" and hygge[0].get("colspan") == "4"
    assert hygge[1].text_content() == "hygge"
    danish = _table(_page(checked, "da"))
    cloud = danish.xpath("tbody/tr[.//a[contains(@href, 'cloud')]]")[0]
    assert cloud[0].text == "endnu ikke på dansk" and cloud[1].text_content() == "Cloud (F&E, 1<2)"


def test_the_other_languages_cells_carry_its_language_and_link_its_page(checked) -> None:
    row = _table(_page(checked, "de")).xpath("tbody/tr[.//a[contains(@href, 'ohr')]]")[0]
    assert [cell.get("lang") for cell in row] == [None] * 4 + ["da"] * 4
    assert row[0].tag == "th" and row[0].get("scope") == "row"
    assert [a.get("href") for a in row.iter("a")] == ["../terms/ohr/", "../da/terms/ohr/"]
    assert row.xpath(".//a[@hreflang='da']")


def test_editor_text_is_escaped(checked) -> None:
    markdown = _page(checked, "de").markdown
    assert "(F&amp;E, 1&lt;2)" in markdown and "1<2" not in markdown


def test_the_filter_is_the_indexs_and_hides_rows_without_the_tag(checked) -> None:
    glossary, settings = checked
    page = _page(checked, "de")
    fieldset = page.markdown[page.markdown.index("<fieldset"):page.markdown.index("</fieldset>")]
    index = index_page(View(glossary, SiteLayout(settings), load_locale("de"))).markdown
    assert fieldset in index  # one piece of code makes both
    labels = lxml.html.fragment_fromstring(fieldset + "</fieldset>").xpath(".//label/text()")
    assert labels == ["Alle", "Betriebswirtschaft", "IT"]
    rule = ".md-content:has(#lexikon-filter-it:checked) .lexikon-row:not(.lexikon-tag-it){display:none}"
    assert rule in page.style
    classes = {row.find(".//a").get("href"): row.get("class") for row in _table(page).iterfind("tbody/tr")}
    assert classes["../terms/backsourcing/"] == "lexikon-row lexikon-tag-it"
    assert classes["../terms/ohr/"] == "lexikon-row"  # no tag: hidden whichever tag is chosen


def test_the_index_links_to_the_table_and_the_table_to_its_csv(checked) -> None:
    glossary, settings = checked
    index = index_page(View(glossary, SiteLayout(settings, None), load_locale("da"))).markdown
    assert "Til oversættere: [Dansk-tysk ordliste](../table-de-da.md)" in index
    page = _page(checked, "da")
    download = '<a href="../../glossary.da-de.csv" download>Hent som CSV (glossary.da-de.csv)</a>'
    assert download in page.markdown


def test_the_table_page_is_a_fixed_page_no_id_can_take(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, LANGUAGES, {"terms_path": ""})
    layout = SiteLayout(settings)
    assert layout.table("da", "de") == layout.table("de", "da") == "table-de-da.md"
    assert "table-de-da.md" in layout.fixed_pages()
    assert "table-de-da" in reserved_ids(settings, "")

"""The translators' table in a real build (issue 15, point 4): the built page in both languages,
in the navigation and linked from the A–Z index, sorted by each language, a missing language
said in words, its CSV files at the site's root and listed on the data page, and a print
of the page that fits an A4 sheet without the site around it (Chromium)."""

from __future__ import annotations

import csv
import io
import re

import lxml.html
import pytest

from tests.support.project import Project, article, copy_project
from tests.support.table_glossary import DANISH_ORDER, GERMAN_ORDER, TABLE_GLOSSARY

TITLES = {"": "Deutsch – Dänisch", "da/": "Dansk-tysk ordliste"}


@pytest.fixture(scope="module")
def table_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = copy_project(tmp_path_factory.mktemp("table") / "project", TABLE_GLOSSARY)
    result = project.build(strict=False)  # strict stops at the one-language concepts, on purpose
    assert result.returncode == 0, result.stderr
    return project


def _table(project: Project, root: str) -> lxml.html.HtmlElement:
    page = lxml.html.fromstring(project.html(f"{root}table-de-da"))
    return page.find(".//table[@class='lexikon-table']")


def _ids(table: lxml.html.HtmlElement) -> list[str]:
    """The rows' entries, by the term page each row's first link goes to."""
    return [row.find(".//a").get("href").rstrip("/").rsplit("/", 1)[-1] for row in table.iterfind("tbody/tr")]


def _cells(table: lxml.html.HtmlElement) -> list[list[str]]:
    return [[" ".join(cell.text_content().split()) for cell in row] for row in table.iterfind("tbody/tr")]


@pytest.mark.parametrize(("root", "order"), [("", GERMAN_ORDER), ("da/", DANISH_ORDER)])
def test_the_built_table_lists_every_concept_in_the_pages_order(table_site: Project, root: str,
                                                                order: list[str]) -> None:
    html = table_site.html(f"{root}table-de-da")
    assert f'>{TITLES[root]}<a class="headerlink"' in html
    assert _ids(_table(table_site, root)) == order
    lang = "da" if root else "de"
    assert f'<html lang="{lang}"' in html


def test_the_built_table_shows_the_fields_and_a_missing_language(table_site: Project) -> None:
    rows = dict(zip(_ids(_table(table_site, "")), _cells(_table(table_site, "")), strict=True))
    assert rows["backsourcing"] == ["Backsourcing", "das", "BS", "Rückoutsourcing, Re-Insourcing",
                                    "backsourcing", "en", "", "tilbageflytning"]
    assert rows["cloud"] == ["Cloud (F&E, 1<2)", "die", "", "", "noch nicht auf Dänisch"]
    danish = dict(zip(_ids(_table(table_site, "da/")), _cells(_table(table_site, "da/")), strict=True))
    assert danish["cloud"][:2] == ["endnu ikke på dansk", "Cloud (F&E, 1<2)"]
    assert "entwurf" not in table_site.html("table-de-da")


@pytest.mark.parametrize("root", ["", "da/"])
def test_the_table_is_in_the_nav_and_linked_from_the_index(table_site: Project, root: str) -> None:
    home = table_site.html(root or ".")
    nav = re.search(r'<a href="table-de-da/" class="md-nav__link">\s*<span class="md-ellipsis">\s*(.+?)\s*<',
                    home)
    assert nav and nav.group(1) == TITLES[root]
    index = article(table_site.html(f"{root}terms"))
    assert f'<a href="../table-de-da/">{TITLES[root]}</a>' in index


def test_the_csv_files_lie_at_the_root_and_the_data_page_lists_them(table_site: Project) -> None:
    for name, order in (("glossary.de-da.csv", GERMAN_ORDER), ("glossary.da-de.csv", DANISH_ORDER)):
        text = (table_site.site / name).read_text(encoding="utf-8-sig")
        assert [row["id"] for row in csv.DictReader(io.StringIO(text, newline=""))] == order
    data = article(table_site.html("data"))
    assert '<a href="../glossary.de-da.csv" download>glossary.de-da.csv</a>' in data
    assert "Übersetzungstabelle Deutsch – Dänisch" in data
    assert "Ordliste dansk-tysk til oversættere" in article(table_site.html("da/data"))
    assert 'href="../../glossary.da-de.csv" download' in table_site.html("da/table-de-da")


@pytest.mark.browser
def test_the_printed_table_fits_an_a4_page_without_the_site_around_it(table_site: Project, chromium) -> None:
    from tests.support.browser import serve_site

    serving = serve_site(table_site)
    base = next(serving)
    try:
        page = chromium.new_page()
        for root in ("", "da/"):
            page.goto(f"{base}/{root}table-de-da/")
            page.emulate_media(media="print")
            page.set_viewport_size({"width": 718, "height": 1000})  # A4 less 10 mm margins, 96 dpi
            shown = page.evaluate("""() => ({
                table: document.querySelector('.lexikon-table').getBoundingClientRect().right,
                page: document.documentElement.clientWidth,
                overflow: document.querySelector('.lexikon-table-box').scrollWidth
                    - document.querySelector('.lexikon-table-box').clientWidth,
                hidden: ['.md-header', '.md-sidebar--primary', '.md-footer', '.lexikon-filter']
                    .map(s => document.querySelector(s)).filter(e => e && e.offsetParent !== null).length,
            })""")
            assert shown["table"] <= shown["page"] and shown["overflow"] <= 0, shown
            assert shown["hidden"] == 0, shown
            assert page.pdf(format="A4")[:4] == b"%PDF"
        page.close()
    finally:
        serving.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_table_meets_wcag_aa_in_both_colour_schemes(table_site: Project, chromium, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe  # ships axe-core: nothing is fetched

    from tests.support.browser import serve_site

    serving = serve_site(table_site)
    base = next(serving)
    context = chromium.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        for root in ("", "da/"):
            page.goto(f"{base}/{root}table-de-da/")
            page.wait_for_load_state("networkidle")
            result = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}})
            violations = [(v["id"], [node["target"] for node in v["nodes"]])
                          for v in result.response["violations"]]
            assert violations == [], (root, violations)
    finally:
        context.close()
        serving.close()


@pytest.mark.browser
def test_choosing_a_tag_leaves_only_its_rows(table_site: Project, chromium) -> None:
    from tests.support.browser import serve_site

    serving = serve_site(table_site)
    base = next(serving)
    page = chromium.new_page()
    try:
        page.goto(f"{base}/da/table-de-da/")
        visible = "() => [...document.querySelectorAll('.lexikon-table tbody tr')]" \
                  ".filter(r => r.offsetParent !== null).map(r => r.querySelector('a').getAttribute('href'))"
        assert len(page.evaluate(visible)) == len(DANISH_ORDER)
        page.click("label[for=lexikon-filter-it]")
        assert page.evaluate(visible) == ["../terms/backsourcing/", "../../terms/cloud/"]
        page.keyboard.press("ArrowRight")  # the radio group, by keyboard: back to "Alle"
        assert len(page.evaluate(visible)) == len(DANISH_ORDER)
    finally:
        page.close()
        serving.close()

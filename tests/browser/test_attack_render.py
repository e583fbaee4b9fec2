"""The attack on the rendering promise (notes/attack-render-FINDINGS.md), each case held to
its outcome: what Chromium ran and requested, the built HTML, the bytes of the CSV, the
lines ``lexicon check`` prints. Every test here failed before the fixes."""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest

from lexikon.core import escape
from lexikon.core.queries import plain_text
from tests.support.browser import serve_site
from tests.support.project import Project, copy_project
from tests.support.site_audit import audit_page, audit_site

EVIL = "https://evil.example/x.png"
ENTRIES = {
    "outsourcing.yml": """
        de:
          title: Outsourcing
          summary: Vergabe nach außen.
        """,
    # a code span in a summary: the tooltip of every link to the term
    "tip.yml": f"""
        de:
          title: Tooltip
          summary: "Ein Tag: `<img src={EVIL} onerror=window.__pwned_tip=1>` im Code."
        """,
    # entities in a Markdown link title, kept by the sanitizer
    "linktitle.yml": f"""
        de:
          title: Linktitel
          summary: Kurz.
          body: |
            Siehe [hier](https://example.com/ "&lt;img src={EVIL} onerror=window.__pwned_title=1&gt;").
            Und [dort](https://example.org/ "&#60;img src={EVIL} onerror=window.__pwned_title=2&#62;").
        """,
    "referenz.yml": """
        de:
          title: Referenz
          summary: Ein Verweis auf [[tip]].
        """,
    # autolinking: a table without outer pipes, a fence closed only by its own kind
    "tabelle.yml": """
        de:
          title: Tabelle
          summary: Kurz.
          body: |
            Spalte | Wert
            --- | ---
            Referenz | eins

            ~~~
            Code eins
            ~~~~
            Code zwei mit Tooltip
            ~~~

            Wir sagen Foo]]Bar dazu.
        """,
    "klammer.yml": """
        de:
          title: "Foo]]Bar"
          summary: Kurz.
        """,
    # CSV cells split at ';' by German and Danish Excel
    "semikolon.yml": """
        de:
          title: "Zz;=1+1;x"
          aliases: ["a;=cmd|' /C calc'!A0;b", "Tab\\t=2+3"]
          summary: "Kurz mit; =2+3; und ;@SUM(1)"
        """,
    # headings that take the theme's ids
    "config.yml": """
        de:
          title: "__config"
          summary: Kurz.
          body: |
            ## __search

            Text.

            ## lexikon-related

            ## -_-
        da:
          title: Konfiguration
          summary: Et begreb.
          body: |
            ## __config

            Tekst.
        """,
    # a long heading: Material's ellipsis patch makes an overflowing TOC entry's text its title
    "lang.yml": f"""
        de:
          title: Langer Abschnitt
          summary: Kurz.
          body: |
            ## &lt;img src={EVIL} onerror=window.__pwned_toc=1&gt; Einleitungsabschnittsueberschriftlang

            Text.
        """,
    # the cross-link placeholder written as code
    "code.yml": """
        de:
          title: Codebeispiel
          summary: Kurz.
          body: |
            Im Code: `<a href="#lexikon-term:outsourcing">` bleibt so.

            ```
            <a href="#lexikon-term:outsourcing">x</a>
            ```
        """,
}


@pytest.fixture(scope="module")
def attacked(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = copy_project(tmp_path_factory.mktemp("attack") / "project", ENTRIES)
    result = project.build(strict=False)
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="module")
def served(attacked: Project):
    yield from serve_site(attacked)


def _hover_all(chromium, url: str) -> tuple[dict, list[str], list[str]]:
    """Open ``url`` and rest the mouse on every link with a title in the article (Material
    then shows the title as its tooltip); what ran, what left 127.0.0.1, the page errors."""
    context = chromium.new_context()
    outside: list[str] = []

    def route(request_route) -> None:
        if urlsplit(request_route.request.url).hostname != "127.0.0.1":
            outside.append(request_route.request.url)
            request_route.abort()
        else:
            request_route.continue_()

    context.route("**/*", route)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        # handles, not a locator: Material takes the title off a link while its tooltip shows
        shown = [link for link in page.query_selector_all("article a[title]") if link.is_visible()]
        assert shown
        for link in shown:
            link.hover(timeout=5000)
            page.wait_for_timeout(400)
        page.wait_for_timeout(500)
        ran = page.evaluate("({tip: window.__pwned_tip, title: window.__pwned_title,"
                            " tooltips: document.querySelectorAll('.md-tooltip2').length})")
        return ran, outside, errors
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/terms/referenz/", "/terms/linktitle/", "/terms/tip/", "/print/"])
def test_tooltips_show_text_never_markup(chromium, served: str, path: str) -> None:
    ran, outside, errors = _hover_all(chromium, served + path)
    assert ran["tip"] is None and ran["title"] is None, ran
    assert ran["tooltips"] == 0, "Material's HTML tooltips are on again (content.tooltips)"
    assert outside == [] and errors == []


def test_tooltip_text_reads_as_written(attacked: Project) -> None:
    """The attribute holds the text as written: the browser's tooltip shows text, and no
    script of the theme turns it into HTML (content.tooltips is off)."""
    page = lxml.html.fromstring(attacked.html("terms/referenz/"))
    title = page.xpath("//article//a[@href='../tip/']/@title")[0]
    assert title == f"Ein Tag: <img src={EVIL} onerror=window.__pwned_tip=1> im Code."


def test_the_attacked_site_passes_the_audit(attacked: Project) -> None:
    assert audit_site(attacked.site) == []


def _page(tmp_path: Path, body: str) -> list[str]:
    (tmp_path / "index.html").write_text(f"<!doctype html><html><head><title>x</title></head>"
                                         f"<body>{body}</body></html>", encoding="utf-8")
    return audit_page(tmp_path / "index.html", tmp_path)


def test_the_audit_refuses_html_tooltips_and_theme_ids(tmp_path: Path) -> None:
    assert _page(tmp_path, '<a href="x" title="&lt;img src=x&gt;">x</a>') == []  # text, shown as text
    config = '<script id="__config" type="application/json">{"features": [%s]}</script>'
    assert _page(tmp_path, config % '"content.tooltips"')  # Material would render it as HTML
    assert _page(tmp_path, config % '"navigation.top"') == []
    assert _page(tmp_path, '<h2 id="__config">x</h2>')
    assert _page(tmp_path, '<h2 id="__whatever">x</h2>')
    assert _page(tmp_path, '<h2 id="a">x</h2><p id="a">y</p>')
    assert _page(tmp_path, '<div id="__drawer"></div><div id="__palette_0"></div>') == []


def _cells(project: Project) -> list[str]:
    text = (project.site / "glossary.de.csv").read_bytes().decode("utf-8-sig")
    return [piece for line in text.split("\r\n") for piece in re.split(r"[;\t]", line)[1:]]


def test_csv_holds_no_formula_after_a_semicolon_or_tab(attacked: Project) -> None:
    pieces = _cells(attacked)
    assert any("=1+1" in piece for piece in pieces)  # the cell was written, and split
    assert [p for p in pieces if p.lstrip(' "').startswith(("=", "+", "-", "@"))] == []
    text = (attacked.site / "glossary.de.csv").read_text(encoding="utf-8-sig")
    assert "\"Zz;'=1+1;x\"" in text  # quoted (a ';' inside), guarded after the ';'


@pytest.mark.parametrize("value", ["Zz;=1+1;x", "=a", "'=a", "x;\t=1", "a; =b;;=c", "a,@x\n-y",
                                   "a;'b", ";=1", "''=1", "plain", "5 - 3; -2"])
def test_csv_guards_come_off_again(value: str) -> None:
    guarded = escape.csv_cell(value)
    assert escape.csv_text(guarded) == value
    for piece in re.split(r"[,;\t\r\n] *", guarded):
        assert not piece.startswith(("=", "+", "-", "@")), piece


def _fragment(html: str, xpath: str) -> list:
    return lxml.html.fromstring(html).xpath(xpath)


def test_autolinks_keep_table_cells_code_and_labels(attacked: Project) -> None:
    html = attacked.html("terms/tabelle/")
    cells = [cell.text_content() for cell in _fragment(html, "//article//td")]
    assert cells == ["Referenz", "eins"]
    code = _fragment(html, "//article//pre/code")[0].text_content()
    assert code == "Code eins\n~~~~\nCode zwei mit Tooltip\n"
    paragraph = next(p for p in _fragment(html, "//article//p") if "dazu" in p.text_content())
    assert paragraph.text_content() == "Wir sagen Foo]]Bar dazu."
    assert [(a.get("href"), a.text) for a in paragraph.iter("a")] == [("../klammer/", "Foo]]Bar")]
    assert "[[" not in html


def test_plain_text_is_linear_on_markers() -> None:
    """A quadratic pattern takes minutes at this size; a linear one a few tenths."""
    for pattern in ("*a ", "_a ", "`a ", "[a](", "**", "~~", "[[a", "(", "[a]"):
        text = (pattern * (131072 // len(pattern) + 1))[:131072]
        start = time.perf_counter()
        plain_text(text)
        assert time.perf_counter() - start < 2, pattern


def test_plain_text_still_removes_markup() -> None:
    text = "Ein *Wort*, **zwei**, _x_, a*b, 5 * 3, snake_case, [Link](https://x), `c*d*`, [[x|y]]"
    assert plain_text(text) == "Ein Wort, zwei, x, a*b, 5 * 3, snake_case, Link, c*d*, y"


def test_headings_never_take_the_themes_or_our_ids(attacked: Project) -> None:
    for path in ("terms/config/", "da/terms/config/", "print/", "da/print/"):
        ids = _fragment(attacked.html(path), "//article//*[self::h1 or self::h2 or self::h3]/@id")
        assert ids and not [i for i in ids if i.startswith(("_", "-", "lexikon-related"))], (path, ids)
    ids = _fragment(attacked.html("terms/config/"), "//article//h2/@id")
    assert ids[:3] == ["search", "t-lexikon-related", "h"]


@pytest.mark.parametrize("path", ["/terms/config/", "/da/terms/config/"])
def test_a_heading_cannot_stop_materials_scripts(chromium, served: str, path: str) -> None:
    page = chromium.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(served + path)
        page.wait_for_load_state("networkidle")
        assert errors == [] and page.evaluate("typeof window.document$ !== 'undefined'")
    finally:
        page.close()


def test_cross_link_addresses_in_code_stay_as_written(attacked: Project) -> None:
    codes = [code.text_content() for code in _fragment(attacked.html("terms/code/"), "//article//code")]
    assert codes[0] == '<a href="#lexikon-term:outsourcing">'
    assert codes[1] == '<a href="#lexikon-term:outsourcing">x</a>\n'


def test_a_line_feed_in_editor_text_cannot_forge_a_finding(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", {
        "outsourcing.yml": "de:\n  title: Outsourcing\n  summary: Kurz.\n",
        "zz-nl.yml": 'tags: ["it\\nglossary/outsourcing.yml:3:1: error: FAKE injected line"]\n'
                     '"de\\nglossary/outsourcing.yml:1:1: error: FAKE2": {}\n'
                     "de:\n  title: Zz\n  summary: Kurz.\n",
    })
    result = project.lexicon("check")
    lines = (result.stdout + result.stderr).splitlines()
    assert [line for line in lines if "FAKE" in line]  # the findings are there...
    assert [line for line in lines if "FAKE" in line and not line.startswith("glossary/zz-nl.yml:")] == []


def test_an_overflowing_toc_entry_shows_its_text(chromium, served: str) -> None:
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    outside: list[str] = []
    context.on("request", lambda request: outside.append(request.url)
               if urlsplit(request.url).hostname != "127.0.0.1" else None)
    page = context.new_page()
    try:
        page.goto(served + "/terms/lang/")
        page.wait_for_load_state("networkidle")
        for link in page.query_selector_all(".md-nav--secondary a"):
            if link.is_visible():
                link.hover(force=True)
                page.wait_for_timeout(500)
        assert page.evaluate("window.__pwned_toc") is None and outside == []
    finally:
        context.close()

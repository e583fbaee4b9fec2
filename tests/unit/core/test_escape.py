"""lexikon.core.escape: each context's function, read back by that context's own parser."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone

import lxml.etree
import lxml.html
import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lexikon.cli.report import format_github
from lexikon.core import escape
from lexikon.core.history import EntryDates, atom_feed
from lexikon.core.model import Finding, Glossary, Result, Severity

HOSTILE = [
    "</title><script>alert(1)</script>", '"><img src=x onerror=alert(2)>', "' onmouseover='x",
    "&lt;script&gt;", "a & b", "\u2028\u2029", "]]>", "<!-- x -->", "\x1b[31mred\x1b[0m", "\u202eevil",
    "`code` *em* [link](javascript:x) {: onclick=x}", "\\", "\x00\x0b\x7f\x85", "%0A,:",
]
ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=60) | st.sampled_from(HOSTILE)
PROFILE = settings(max_examples=200, derandomize=True, database=None, deadline=None)


def _visible(text: str) -> str:
    """What a context may keep of a text: one line, no controls."""
    return escape.one_line(text)


@PROFILE
@given(ANY_TEXT)
def test_html_text_and_attribute_read_back_as_the_text(text: str) -> None:
    root = lxml.html.fragment_fromstring(
        f'<p title="{escape.html_attr(text)}" data-x=\'{escape.html_attr(text)}\'>'
        f"{escape.html_text(text)}</p>")
    assert root.tag == "p" and len(root) == 0
    assert set(root.attrib) == {"title", "data-x"}
    kept = escape.drop_controls(text)
    assert root.get("title") == root.get("data-x") == kept
    assert (root.text or "") == kept.replace("\r\n", "\n").replace("\r", "\n")


@PROFILE
@given(ANY_TEXT)
def test_head_text_is_one_line_in_title_and_meta(text: str) -> None:
    value = escape.head_text(text)
    page = lxml.html.document_fromstring(
        f'<html><head><title>{value}</title><meta name="description" content="{value}">'
        "</head><body></body></html>")
    assert [el.tag for el in page.find("head")] == ["title", "meta"]
    assert (page.findtext(".//title") or "") == _visible(text)
    assert page.find(".//meta").get("content") == _visible(text)


@PROFILE
@given(ANY_TEXT)
def test_link_title_survives_python_markdown_as_a_raw_inline_tag(text: str) -> None:
    """Our links in a page's Markdown: the tooltip comes out whole, whatever it holds."""
    source = (f'- <a href="{escape.url_attr("../x/")}" title="{escape.link_title(text)}">'
              f'{escape.markdown_text("x")}</a>')
    rendered = markdown.markdown(source, extensions=["attr_list", "md_in_html", "tables"])
    links = lxml.html.fragment_fromstring(rendered, create_parent="div").findall(".//a")
    # the title holds the text as written (the browser's tooltip shows text)
    assert len(links) == 1 and links[0].get("href") == "../x/"
    assert links[0].get("title") == _visible(text)


@PROFILE
@given(ANY_TEXT)
def test_markdown_text_is_shown_as_written(text: str) -> None:
    rendered = markdown.markdown(f"# {escape.markdown_text(text)}", extensions=["attr_list", "md_in_html"])
    root = lxml.html.fragment_fromstring(rendered, create_parent="div")
    assert [el.tag for el in root.iter()] == ["div", "h1"]
    assert root.find("h1").text_content() == _visible(text)


@PROFILE
@given(st.dictionaries(st.text(max_size=5), ANY_TEXT, max_size=3))
def test_json_script_cannot_close_its_element(value: dict) -> None:
    text = escape.json_script(value)
    assert not {"<", ">", "&", "\u2028", "\u2029"} & set(text)
    page = lxml.html.document_fromstring(
        f'<html><head><script type="application/ld+json">{text}</script></head></html>')
    assert [el.tag for el in page.iter("script")] == ["script"]
    assert json.loads(page.find(".//script").text) == value


@PROFILE
@given(ANY_TEXT)
def test_svg_text_and_attribute(text: str) -> None:
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" aria-label="{escape.svg_attr(text)}">'
           f"<title>{escape.svg_text(text)}</title></svg>")
    root = lxml.html.fragment_fromstring(svg)
    assert [el.tag for el in root.iter()] == ["svg", "title"]
    assert root.get("aria-label") == _visible(text) and (root.find("title").text or "") == _visible(text)


@PROFILE
@given(ANY_TEXT)
def test_xml_text_and_attribute_parse(text: str) -> None:
    root = lxml.etree.fromstring(f'<a b="{escape.xml_attr(text)}">{escape.xml_text(text)}</a>')
    kept = escape.xml_chars(text)
    assert root.get("b") == kept
    assert (root.text or "") == kept.replace("\r\n", "\n").replace("\r", "\n")


def test_feed_with_control_characters_parses() -> None:
    when = datetime(2026, 1, 1, tzinfo=timezone.utc)
    feed = atom_feed(title="Lexikon", feed_url="https://x/feed.xml", site_url="https://x/", lang="de",
                     items=[(EntryDates("a", when, when), "Steuer\x0bzeichen\x1b[31m", "Null\x00byte", "https://x/a/",
                             "urn:x:a")])
    root = lxml.etree.fromstring(feed.encode())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert root.xpath("string(a:entry/a:title)", namespaces=ns) == "Steuerzeichen[31m"
    assert root.xpath("string(a:entry/a:summary)", namespaces=ns) == "Nullbyte"


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'=x", "''+x"])
def test_csv_cell_guards_formulas(value: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerow([escape.csv_cell(value)])
    cell = next(csv.reader(io.StringIO(buffer.getvalue())))[0]
    assert cell.startswith("'") and cell[1:] == value


@pytest.mark.parametrize("value", ["Outsourcing", "a=b", "1-2", "'quoted'"])
def test_csv_cell_keeps_text(value: str) -> None:
    assert escape.csv_cell(value) == value


def test_github_property_and_data() -> None:
    assert escape.github_property("a,b:c%d\re\nf") == "a%2Cb%3Ac%25d%0De%0Af"
    assert escape.github_data("a,b:c%d\re\nf") == "a,b:c%25d%0De%0Af"


def test_github_annotations_hold_one_line_per_finding() -> None:
    finding = Finding("glossary/x,line=9::\n::error file=y.yml::z.yml", 1, 2, Severity.ERROR,
                      "bad\n::error::x")
    output = format_github([finding], Result(Glossary({}, {}, ("de",)), (finding,)))
    first, summary = output.splitlines()
    assert first.startswith(
        "::error file=glossary/x%2Cline=9%3A%3A%0A%3A%3Aerror file=y.yml%3A%3Az.yml,line=1,col=2,")
    assert first.endswith("::bad%0A::error::x") and summary.startswith("0 entries")


@pytest.mark.parametrize(("text", "shown"), [
    ("\x1b[31mred", "\\x1b[31mred"), ("a\u202eb", "a\\u202eb"), ("x\ry", "x\\ry"),
    ("tab\tand\nline", "tab\\tand\\nline"), ("\x9b2J", "\\x9b2J"), ("\u2066iso\u2069", "\\u2066iso\\u2069"),
])
def test_terminal_shows_controls_as_escapes(text: str, shown: str) -> None:
    assert escape.terminal(text) == shown


def test_findings_print_no_control_characters() -> None:
    line = str(Finding("glossary/\x1b[2Jx.yml", 1, 1, Severity.ERROR, "title '\u202etxt.exe'"))
    assert line == "glossary/\\x1b[2Jx.yml:1:1: error: title '\\u202etxt.exe'"


def test_turtle_string_and_iri() -> None:
    assert escape.turtle_string('a"b\\c\nd\x01') == '"a\\"b\\\\c\\nd\\u0001"'
    assert escape.turtle_iri("https://x/a b>") == "<https://x/a%20b%3E>"

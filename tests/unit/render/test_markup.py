"""lexikon.render.markup: an editor's Markdown becomes only allowed HTML, which MkDocs keeps as it is."""

from __future__ import annotations

import lxml.html
import markdown
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lexikon.render.markup import ATTRIBUTES, TAGS, EntryMarkup, Link, page_markdown, sanitize

MARKUP = EntryMarkup()
SITE_EXTENSIONS = ["admonition", "attr_list", "md_in_html", "fenced_code", "tables", "toc"]
"""Those of mkdocs.yml: what MkDocs reads a page's Markdown with."""


def resolve(target: str, label: str | None, mid_sentence: bool = False) -> Link | None:
    if target == "missing":
        return None
    return Link(f"../{target}/", label or target.title(), f"Tooltip of {target} ' \" ) <b>")


def elements(html: str) -> list[lxml.html.HtmlElement]:
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return [el for el in root.iter() if el is not root and isinstance(el.tag, str)]


def only_allowed(html: str) -> list[str]:
    problems = []
    for el in elements(html):
        if el.tag not in TAGS:
            problems.append(f"<{el.tag}>")
        for name, value in el.attrib.items():
            if name not in ATTRIBUTES.get(el.tag, set()) and not (el.tag in ("th", "td") and name == "align"):
                problems.append(f"<{el.tag} {name}={value!r}>")
            if name == "href" and not value.startswith(("http:", "https:", "mailto:", "../", "#")):
                problems.append(f"href={value!r}")
    return problems


@pytest.mark.parametrize("source", [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "a <b onclick=x>b</b>",
    "[x](javascript:alert(1))", "[x](data:text/html,hi)", "[x](vbscript:x)", "[x](java&#115;cript:x)",
    "![](https://elsewhere.example/pixel.gif)", "<iframe src=https://x></iframe>",
    "<form action=x><input></form>", "<style>*{}</style>", '<div markdown="1">*x*</div>',
    "x {: onclick=alert(1)}", "| a |\n|---|\n| b {style=color:red onanimationstart=x} |",
    "<svg onload=alert(1)>", "<a href='x' style='x'>y</a>", "<!-- comment -->",
    "```{.python onclick=x}\ncode\n```", "<object data=x></object><embed src=x>",
    "<video src=x></video><audio src=x></audio>", "[x](https://ok.example \"t\"){onclick=y}",
])
def test_nothing_but_allowed_markup(source: str) -> None:
    html = MARKUP.html(source, resolve)
    assert only_allowed(html) == []
    assert not any(el.tag == "img" for el in elements(html))


def test_text_that_looks_like_markup_is_shown() -> None:
    html = MARKUP.html("<script>alert(1)</script> and `</p><b>` and [[x|<i>y</i>]]", resolve)
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    assert root.text_content() == "<script>alert(1)</script> and </p><b> and <i>y</i>"
    assert [el.tag for el in elements(html)] == ["p", "code", "a"]


def test_cross_links_carry_href_title_and_label() -> None:
    html = MARKUP.inline_html("siehe [[outsourcing]], [[make|das *hier*]] und [[missing|weg]]", resolve)
    links = [el for el in elements(html) if el.tag == "a"]
    assert [(a.get("href"), a.get("title"), a.text) for a in links] == [
        ("../outsourcing/", "Tooltip of outsourcing ' \" ) <b>", "Outsourcing"),
        ("../make/", "Tooltip of make ' \" ) <b>", "das *hier*"),
    ]
    assert html.endswith(" und weg")


def test_cross_links_in_code_stay_code() -> None:
    html = MARKUP.html("`[[outsourcing]]`\n\n```\n[[outsourcing]]\n```", resolve)
    assert "<a" not in html and html.count("[[outsourcing]]") == 2


def test_reference_definitions_stay_text() -> None:
    html = MARKUP.html("[Marktführer]: https://example.com\n\nDie Nr. 1 [Marktführer]", resolve)
    assert "[Marktführer]: https://example.com" in html and "<a" not in html


def test_code_block_language_class_only() -> None:
    html = MARKUP.html('```python\nx = "<b>"\n```\n\n```{.x onclick=y}\nz\n```', resolve)
    assert '<code class="language-python">x = "&lt;b&gt;"\n</code>' in html
    assert only_allowed(html) == []


def test_tables_and_lists_and_headings_kept() -> None:
    blocks = MARKUP.blocks("## Teil *eins* {#x}\n\n- a\n- b\n\n| a | b |\n|:--|--:|\n| 1 | 2 |", resolve)
    assert [b.heading for b in blocks] == [(2, "Teil eins {#x}"), None, None]
    assert blocks[1].html.startswith("<ul>") and '<th align="left">a</th>' in blocks[2].html


def test_sanitize_drops_what_is_not_listed() -> None:
    assert sanitize('<p markdown="1" class="x" id="y" style="z">a</p>') == "<p>a</p>"
    assert sanitize('<a href="//evil.example/x" target="_blank">a</a>') == '<a href="//evil.example/x">a</a>'


HOSTILE_PIECES = st.sampled_from([
    "<", ">", "&", "&amp;", "&#60;", '"', "'", "`", "``", "*", "_", "[", "]", "(", ")", "{", "}", ":", "|",
    "\n", "\n\n", "    ", "#", "## ", "- ", "1. ", "> ", "```", "~~~", "!", "[[", "]]", "[[a|", "{: ",
    "onclick=x",
    "<script>", "</p>", "<div markdown=1>", "javascript:", "data:", "https://x.example/p.gif", "![x](",
    "[r]: ", "\u202e", "\x1b", "\x02wzxhzdk:0\x03", "\u2028", "<!--", "-->", "<![CDATA[", "\\",
])
HOSTILE_MARKDOWN = st.lists(HOSTILE_PIECES | st.text(max_size=5), max_size=40).map("".join)


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(HOSTILE_MARKDOWN)
@example("&#9;")  # nh3 decodes a tab's reference; MkDocs' pass expands the tab
@example("a&#x9;b *c*")
@example('<abbr title="x&#9;y">z</abbr>')
def test_any_markdown_gives_allowed_html_that_mkdocs_keeps(source: str) -> None:
    """Whatever the text, only allowed markup; and MkDocs' own pass leaves it as it is."""
    blocks = MARKUP.blocks(source, resolve)
    for block in blocks:
        if block.html:
            assert only_allowed(block.html) == []
    page = page_markdown(blocks)
    through_mkdocs = markdown.markdown(page, extensions=SITE_EXTENSIONS)
    assert only_allowed_after_mkdocs(through_mkdocs) == []
    ours = "".join(block.html for block in blocks if block.html)
    kept = "".join(lxml.html.tostring(el, encoding="unicode") for el in
                   lxml.html.fragment_fromstring(through_mkdocs, create_parent="div")
                   if el.tag not in {f"h{i}" for i in range(1, 7)})
    normalised = "".join(lxml.html.tostring(el, encoding="unicode") for el in
                         lxml.html.fragment_fromstring(ours, create_parent="div")) if ours else ""
    assert kept.replace("\n", "") == normalised.replace("\n", "")


def only_allowed_after_mkdocs(html: str) -> list[str]:
    """As :func:`only_allowed`, with the ids the table of contents gives headings."""
    return [p for p in only_allowed(html) if not p.startswith(tuple(f"<h{i} id=" for i in range(1, 7)))]

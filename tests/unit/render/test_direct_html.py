"""Generated pages' HTML made without Python-Markdown (issue 17): the same HTML and headings.

:func:`lexikon.render.direct_html.convert` must give, for every page it takes, exactly what the
site's Markdown converter (``mkdocs.yml``'s extensions and ``toc`` settings) gives: the HTML
byte for byte, the ``toc`` tokens (level, id, name) and the page's title; for anything else
it must decline (None), never guess.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data
from pymdownx.slugs import slugify

from lexikon.core import escape
from lexikon.render import direct_html
from lexikon.render.pages import render_site
from tests.unit.render.test_render_scale import _real_site, site_markdown, synthetic_site  # noqa: F401

SLUG = slugify(case="lower")


def _same(url: str) -> str:
    return url


def _flat(tokens: list[dict]) -> list[tuple[int, str, str]]:
    out: list[tuple[int, str, str]] = []
    for token in tokens:
        out.append((token["level"], token["id"], token["name"]))
        out.extend(_flat(token["children"]))
    return out


def python_markdown(markdown: str) -> tuple[str, list[tuple[int, str, str]]]:
    converter = site_markdown()
    return converter.convert(markdown), _flat(converter.toc_tokens)


def assert_same_or_declined(markdown: str) -> bool:
    made = direct_html.convert(markdown, _same, SLUG)
    if made is None:
        return False
    html, headings = python_markdown(markdown)
    assert made.html == html, markdown
    assert [(h.level, h.id, h.name) for h in made.headings] == headings, markdown
    return True


@pytest.mark.parametrize("which", ["synthetic", "real"])
def test_generated_pages_are_what_python_markdown_makes(which: str, synthetic_site,  # noqa: F811
                                                        tmp_path: Path) -> None:
    glossary, layout = synthetic_site if which == "synthetic" else _real_site(tmp_path)
    taken, declined = 0, set()
    for page in render_site(glossary, layout):
        body, _ = get_data(page.markdown)
        if assert_same_or_declined(body):
            taken += 1
        else:
            declined.add(page.path)
    # Every page but the data page's table is ours to make (term, tag, A–Z, print, table, changes).
    assert declined <= {"data.md"}, declined
    assert taken > 90


def test_the_title_is_the_first_heading_of_level_one() -> None:
    made = direct_html.convert("# A &amp; B { #x }\n\n## C", _same, SLUG)
    assert made is not None and made.title == "A &amp; B"
    assert direct_html.convert("<p>x</p>\n\n# A", _same, SLUG).title is None
    assert direct_html.convert("## A\n\n# B", _same, SLUG).title is None


def test_links_get_the_address_the_site_gives_them() -> None:
    made = direct_html.convert("[Recht](../tags/law.md){ .lexikon-tag }", lambda url: url[:-3] + "/", SLUG)
    assert made is not None and made.html == '<p><a class="lexikon-tag" href="../tags/law/">Recht</a></p>'


def test_repeated_and_colliding_heading_ids_are_numbered_as_toc_numbers_them() -> None:
    markdown = "# A\n\n## A\n\n## B { #a_1 }\n\n## A\n\n### a"
    assert assert_same_or_declined(markdown)


@pytest.mark.parametrize("markdown", [
    "| a | b |\n|---|---|\n| 1 | 2 |",          # a table
    "a `code` b",                                # a code span
    "snake_case word",                           # an underscore
    "<http://example.org>",                      # an autolink
    "x  \ny",                                    # a hard line break
    "    indented code",
    "!!! note\n    text",                        # an admonition
    "```\ncode\n```",
    "a [link](x.md) and ![image](y.png)",
    "*a **b** c*",                               # nested emphasis
    "<div markdown>\n*a*\n</div>",
    "1. one\n2. two",
    "Setext\n======",
    "> quote",
    "a { .class } b",
    "x\ty",
    "a \\| b",                                   # tables makes | escapable
    ":*<*",                                      # emphasis' text is escaped too
    "- item \n- x",                              # an item's trailing space is kept
    "/ \n#> \n#| ",                              # a heading line inside a paragraph
    "# a \\",                                   # a heading ending in a backslash
    "- :\n\n- :",                                # items apart: a loose list, <p> in each <li>
    "- a\n\n\n\n- b",
    "- a\n\n    b",                              # a paragraph indented under an item
])
def test_what_is_not_ours_is_declined_or_the_same(markdown: str) -> None:
    assert_same_or_declined(markdown)


_TEXT = st.text(alphabet=st.sampled_from(list("aZ ä–„“&<>\\*_[](){}#!.+-`|:;/\"'=")), min_size=1, max_size=24)


@settings(max_examples=300, deadline=None)
@given(_TEXT, _TEXT)
def test_escaped_text_anywhere_is_what_python_markdown_makes(title: str, other: str) -> None:
    text, more = escape.markdown_text(title), escape.markdown_text(other)
    if not text.strip() or not more.strip():
        return
    for markdown in (f"# {text}\n\n## {more}", f"## {text} {{ #x .y }}", f"{text}\n{{ .lexikon-twins }}",
                     f"- {text}\n- <a href=\"x\" title=\"{escape.link_title(other)}\">{more}</a>",
                     f"Auch: *{text}*", f"[{text}](../x/){{ hreflang=da lang=da }}"):
        assert_same_or_declined(markdown)
    # What our render writes is taken whatever the text (declined: Markdown's own line starts).
    if text[0].isalpha() and more[0].isalpha():
        assert direct_html.convert(f"## {text} {{ #x }}\n\n- {more}", _same, SLUG) is not None


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, min_size=1, max_size=4))
def test_any_text_is_the_same_or_declined(lines: list[str]) -> None:
    assert_same_or_declined("\n\n".join(lines))

"""Work a cold build no longer does twice (issue 17, point 6: a cold build near its plain baseline).

Counted, not timed: each test fails on the code before the change (a regular expression pass
over text that cannot match, an escape per link instead of per term, a Python call per
character of an export) and passes on the same output.
"""

from __future__ import annotations

import random
import sys

import pytest

from lexikon.core import escape
from lexikon.interchange import csv_cells
from lexikon.render import direct_html, graph
from lexikon.render.pages import render_site
from tests.unit.render.test_render_scale import synthetic_site  # noqa: F401


class _Counted:
    """A compiled pattern whose ``sub`` calls are counted."""

    def __init__(self, pattern) -> None:  # type: ignore[no-untyped-def]
        self.pattern, self.subs = pattern, 0

    def sub(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.subs += 1
        return self.pattern.sub(*args, **kwargs)

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.pattern, name)


def test_plain_text_is_not_searched_for_links_tags_or_emphasis(monkeypatch: pytest.MonkeyPatch) -> None:
    counted = {name: _Counted(getattr(direct_html, name)) for name in ("_LINK", "_TAG", "_ENTITY", "_STRONG")}
    for name, pattern in counted.items():
        monkeypatch.setattr(direct_html, name, pattern)
    items = "\n".join(f"- Punkt {n} ohne Auszeichnung" for n in range(50))
    made = direct_html.convert(f"# Titel\n\nEin Absatz.\n\n{items}\n\nNoch ein *Wort* und [x](y.md).",
                               lambda url: url, lambda text, sep: text.lower())
    assert made is not None
    assert "<li>Punkt 49 ohne Auszeichnung</li>" in made.html and "<em>Wort</em>" in made.html
    assert '<a href="y.md">x</a>' in made.html
    # One text of the 53 holds markup (the last paragraph; the link's label is converted too).
    assert all(pattern.subs <= 2 for pattern in counted.values()), {n: p.subs for n, p in counted.items()}


def test_a_page_is_declined_for_a_line_of_spaces_or_a_tab_as_before() -> None:
    convert = direct_html.convert
    assert convert("Text\n   \nmehr", lambda u: u, lambda t, s: t) is None
    assert convert("   \nText", lambda u: u, lambda t, s: t) is None
    assert convert("Text\n\n\tEinzug", lambda u: u, lambda t, s: t) is None
    assert convert('<div markdown="1">x</div>', lambda u: u, lambda t, s: t) is None
    assert convert("Ein Wort über markdown.", lambda u: u, lambda t, s: t) is not None


def test_a_term_is_escaped_once_per_language_not_once_per_link(synthetic_site,  # noqa: F811
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    glossary, layout = synthetic_site
    calls = {"link_title": 0, "svg_text": 0}
    real_title, real_svg = escape.link_title, graph.svg_text

    def link_title(text: str) -> str:
        calls["link_title"] += 1
        return real_title(text)

    def svg_text(text: str) -> str:
        calls["svg_text"] += 1
        return real_svg(text)

    monkeypatch.setattr(escape, "link_title", link_title)
    monkeypatch.setattr(graph, "svg_text", svg_text)
    if hasattr(graph, "_named"):  # the memo of a node's texts (absent before the change)
        graph._named.cache_clear()
    pages = list(render_site(glossary, layout))
    links = sum(page.markdown.count("- <a href=") for page in pages)
    nodes = sum(page.markdown.count('<a class="lexikon-node') for page in pages)
    terms = len(glossary.entries) * 2  # two languages
    assert links > 2 * terms and nodes > 4 * terms  # the glossary links its terms many times
    assert calls["link_title"] <= terms + 60, (calls, links)
    assert calls["svg_text"] <= 3 * (terms + 60), (calls, nodes)


def _calls(work) -> int:  # type: ignore[no-untyped-def]
    """Python and C calls made by ``work()``."""
    made = 0

    def profile(frame, event, arg) -> None:  # type: ignore[no-untyped-def]
        nonlocal made
        if event in ("call", "c_call"):
            made += 1

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return made


def test_export_strings_cost_calls_per_escape_not_per_character() -> None:
    long = "Ein Satz über Begriffe, der nichts zu maskieren hat. " * 200  # 10,600 characters
    assert _calls(lambda: escape.turtle_string(long)) < 20
    assert _calls(lambda: csv_cells.escape_item(long)) < 20
    assert _calls(lambda: csv_cells.escape_item(long, True)) < 20
    assert escape.turtle_string('a"b\\c\n\x01\x7f\ud800') == '"a\\"b\\\\c\\n\\u0001\\u007F\ufffd"'


def _old_escape_item(item: str, brackets: bool = False) -> str:
    out = []
    for index, char in enumerate(item):
        following = item[index + 1:index + 2]
        if char == ";" or (brackets and char in "<>"):
            out.append("\\" + char)
        elif char == "\\" and (not following or following in ";\\<>"):
            out.append("\\\\")
        else:
            out.append(char)
    return "".join(out)


def _old_csv_cell(value: str) -> str:
    pieces, last = [], 0
    for start in escape._piece_starts(value):
        if escape.formula_guarded(value[start:]):
            pieces += [value[last:start], "'"]
            last = start
    return "".join(pieces) + value[last:]


def test_csv_cells_and_items_are_as_the_character_walk_made_them() -> None:
    alphabet = ["=", "+", "-", "@", "\t", "\r", "\n", ",", ";", " ", "'", "\\", "<", ">", "a", "ä"]
    chooser = random.Random(17)
    for _ in range(20000):
        value = "".join(chooser.choice(alphabet) for _ in range(chooser.randrange(0, 9)))
        assert escape.csv_cell(value) == _old_csv_cell(value), repr(value)
        for brackets in (False, True):
            assert csv_cells.escape_item(value, brackets) == _old_escape_item(value, brackets), repr(value)

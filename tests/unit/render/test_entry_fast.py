"""Entry texts made into HTML without Python-Markdown (issue 17, a cold build's render): for every
text it takes, :func:`lexikon.render.entry_fast.fast_html` gives, after the sanitizer, exactly
what the entry Markdown instance gives, with the same resolver calls; anything else it declines
(None) before asking the resolver anything."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lexikon.core import escape
from lexikon.render.entry_fast import fast_html
from lexikon.render.markup import EntryMarkup, Link, mid_sentence, sanitize
from tests.unit.render.test_render_scale import _real_site, synthetic_site  # noqa: F401

_MARKUP = EntryMarkup()


def _resolver(calls: list):
    def resolve(target: str, label: str | None, mid: bool) -> Link | None:
        calls.append((target, label, mid))
        if target.startswith("x"):
            return None  # a target that does not exist: its label or id as text
        lang = "da" if len(target) % 2 else ""
        title = f'Summary of "{target}" <&> ' if len(target) % 3 else ""
        return Link(f"../{target}/", (label or target.title()) + (" (mid)" if mid else ""), title, lang)
    return resolve


def python_markdown(text: str) -> tuple[str, list]:
    calls: list = []
    _MARKUP._links.resolve = _resolver(calls)
    try:
        return sanitize(_MARKUP._md.reset().convert(escape.drop_controls(text))), calls
    finally:
        _MARKUP._links.resolve = lambda target, label, mid: None


def fast(text: str) -> tuple[str | None, list]:
    calls: list = []
    made = fast_html(escape.drop_controls(text), _resolver(calls), mid_sentence)
    return (None if made is None else sanitize(made)), calls


def same_or_declined(text: str) -> bool:
    """True when the fast path took the text (and then it must be Python-Markdown's HTML)."""
    made, calls = fast(text)
    if made is None:
        assert calls == [], "a declined text asked the resolver"
        return False
    expected, expected_calls = python_markdown(text)
    assert made == expected, text
    assert sorted(calls, key=repr) == sorted(expected_calls, key=repr), text
    return True


@pytest.mark.parametrize("which", ["synthetic", "real"])
def test_every_text_of_two_corpora_is_what_python_markdown_makes(which: str, synthetic_site,  # noqa: F811
                                                                 tmp_path: Path) -> None:
    glossary, _ = synthetic_site if which == "synthetic" else _real_site(tmp_path)
    texts = [t for entry in glossary.entries.values() for text in entry.texts.values()
             for t in (text.summary, text.body, *text.highlights) if t]
    taken = sum(same_or_declined(text) for text in texts)
    assert taken > len(texts) * 0.5, f"only {taken} of {len(texts)} texts took the fast path"


@pytest.mark.parametrize("text", [
    "Ein Satz mit [[a-b]] und [[c|einem Namen]].\nZweite Zeile: [[xyz]] fehlt.",
    "## Überschrift mit [[ab]]\n\nAbsatz *betont* und **stark** [[abc]].",
    "- eins [[ab]]\n- zwei *mit* Betonung\n- [[abcd]] am Anfang\n\nDanach ein Absatz.",
    "*[[ab]]* am Anfang, dann. [[abc]] nach einem Punkt",
    "[[ab]] [[abc]] [[xa|Label *mit* Stern]]",
    "Text mit \"Anführung\" und 'Apostroph' und ‚deutschen‘ „Zeichen“.",
    "a*b*c und **fett**kursiv",
    "Zeile\n# Überschrift mitten im Absatz",
    "Absatz\n- kein Listenpunkt",
    "- a\n\n- b",
    'Siehe [[ab|`"><img src=x onerror=alert(3)>`]] für mehr.',  # a label is Markdown too
    "[[ab|a_b_c]] und [[abc|x <b>y</b>]] und [[xa|a & b]]",
    "- a\n  weiter",
    "1. erstens",
    "2023. war ein Jahr",
    "***fett und kursiv***",
    "** nicht fett**",
    "* kein Stern *",
    "Text  \nmit Umbruch",
    "    eingerückter Code",
    "`code` und _unterstrichen_",
    "AT&T &amp; &auml;",
    "[Link](https://example.org) und <b>HTML</b>",
    "Überschrift\n===",
    "Absatz\n---",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "#Ohne Leerzeichen",
    "## Titel ##",
    "####### sieben",
    "Text\n\n\nnach drei Zeilenenden",
    "\nmit Zeilenende vorn",
    "Text mit nbsp\u00a0und\u2009Zeichen",
    "> Zitat",
    "Absatz\n\n## H\n\n- x\n- y\n\n## H2\n\nEnde.\n",
    "\ufeffText", "Text\u200b", "a\u00adb", "Text\r\nZwei", "a\u2028b", "\u3000Wort", "Wort\u3000",
    "[[ ab ]]", "[[ab| ]]", "[[|x]]", "[[]]", "Ω 🙂 [[ab]] *🙂*", "- [[ab]]\n- *[[abc|x]]*",
    "*a **b** c*", "- 1. x", "Preis: 5 *", "a ** b", "\ue000 privat \ue001", "*a\ue002b*",
])
def test_chosen_texts_are_the_same_or_declined(text: str) -> None:
    same_or_declined(text)


def test_plain_texts_take_the_fast_path() -> None:
    for text in ("Ein Satz mit [[ab]].", "## H\n\n- a\n- b", "*kursiv* und **fett**\nzwei Zeilen"):
        assert same_or_declined(text), text


_PIECE = st.sampled_from([
    "Wort", "zwei Wörter", " ", "  ", "\n", "\n\n", "\n\n\n", "- ", "* ", "+ ", "1. ", "## ", "# ",
    "*", "**", "***", "_", "`", "[[ab]]", "[[xq|Ein Name]]", "[[abc|*x*]]", "[", "]", "(", ")",
    "<", ">", "&", "&amp;", "\\", ".", ":", "!", "?", "„", "“", "\"", "'", "#", "=", "-", "|", "{", "}",
    "\t", "\u00a0", "    ", "http://example.org",
])


@settings(max_examples=600, deadline=None)
@given(st.lists(_PIECE, min_size=1, max_size=14))
@example(["-", "- ", "-"])  # "-- -": a rule, found by a fresh clone's first run
@example(["Satz.\n", "-  --"])
def test_any_text_is_the_same_or_declined(pieces: list[str]) -> None:
    same_or_declined("".join(pieces))


_WORD = st.sampled_from(["Wort", "a", "b.", "Satz:", "„Zitat“", "[[ab]]", "[[xq|Ein Name]]", "[[abc|*x*]]",
                         "*a*", "**b**", "**[[ab]] fett**", "*[[abc]]*", "*", "**", "2.", "-", "#", "\u00a0"])
_LINE = st.lists(_WORD, min_size=1, max_size=6).map(" ".join)
_BLOCK = st.one_of(
    _LINE, st.lists(_LINE, min_size=2, max_size=3).map("\n".join),
    st.tuples(st.integers(1, 7), _LINE).map(lambda pair: "#" * pair[0] + " " + pair[1]),
    st.lists(_LINE, min_size=1, max_size=4).map(lambda lines: "\n".join("- " + line for line in lines)))


@settings(max_examples=400, deadline=None)
@given(st.lists(_BLOCK, min_size=1, max_size=4), st.sampled_from(["\n\n", "\n"]), st.sampled_from(["", "\n"]))
def test_texts_made_of_blocks_are_the_same_or_declined(blocks: list[str], between: str, end: str) -> None:
    same_or_declined(between.join(blocks) + end)

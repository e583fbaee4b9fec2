"""The check's shortcuts of session 9 (issue 17, points 4 and 6) against what they replace.

- The loader tells YAML's resolver's answer for text at once (:class:`lexikon.check.load._Loader`):
  every node of every file gets the same tag as from PyYAML's own resolver.
- An entry's cross-links are placed in one loop (:meth:`lexikon.core.model.Span.places`), as
  the locator places them one call each.
- The uses of deprecated terms make a text's span only where they find a use (counted).
- Titles are searched for letters past Latin-1 by a regex, not character by character.
- A one-line paragraph of single spaces is its own normal form (:func:`lexikon.check.dedupe.normalise`)
  without splitting it into words and joining them again.
- The deprecated terms' pattern puts its word-start guard after each first character
  (:func:`lexikon.check.term_use._word_trie`): the same matches as the guard in front, and a
  pattern that begins with a plain character (what lets the regex engine skip ahead; a
  guard in front made it try every position of every text).
"""

from __future__ import annotations

import re
import unicodedata

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from lexikon.check import dedupe, load, term_use
from lexikon.check.pipeline import report_file
from lexikon.check.titles import has_foreign_letters
from lexikon.check.yaml_nodes import Spans
from lexikon.core.model import FileReport, Span
from lexikon.core.settings import settings_from_file
from tests.support.constants import ROOT


def _tags(node: yaml.Node | None) -> list:
    if node is None:
        return [None]
    if isinstance(node, yaml.ScalarNode):
        return [(node.tag, node.value, node.style)]
    if isinstance(node, yaml.SequenceNode):
        return [node.tag, *(tag for item in node.value for tag in _tags(item))]
    return [node.tag, *(tag for key, value in node.value for tag in (*_tags(key), *_tags(value)))]


SCALARS = ["1", "2.5", "-1", "+1", "0x1f", "0o7", "1_000", ".inf", "-.inf", ".nan", "true", "True", "no",
           "Yes", "on", "off", "~", "null", "Null", "", "''", '"1"', "2020-01-01", "2020-01-01 10:00:00",
           "=", "<<", "text", "Text mit ü", "n1", "t", "y", "'true'", "!!str 3", "! x", "[]", "{}",
           "[1, a]", "{a: 1}", "|\n  block\n", ">-\n  folded\n"]


def test_the_loaders_tags_are_pyyamls_on_every_kind_of_scalar_and_on_the_projects_entries() -> None:
    sources = [f"a: {scalar}\n" for scalar in SCALARS] + [f"- {scalar}\n" for scalar in SCALARS]
    sources += [path.read_text(encoding="utf-8") for path in sorted((ROOT / "glossary").glob("*.yml"))]
    assert load._Loader is not load._BaseLoader  # (the shortcut is in use)
    for source in sources:
        new, old = load._Loader(source).get_single_node(), load._BaseLoader(source).get_single_node()
        assert _tags(new) == _tags(old), source


def _guard_in_front(words: set[str]) -> re.Pattern[str]:
    """The pattern as it was: the guard before the trie (the oracle)."""
    return re.compile(r"(?<!\w)" + term_use._trie(words) + r"(?!\w)")


WORDS = st.sets(st.text(alphabet="abß ü-_1.", min_size=1, max_size=6), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(WORDS, st.lists(st.sampled_from(["a", "b", "ab", "ß", " ", "\n", "ü", "-", "_", "1", ".", "x", "ba"]),
                       max_size=30))
def test_the_word_trie_matches_what_the_guard_in_front_matched(words: set[str], pieces: list[str]) -> None:
    text = "".join(pieces) + " " + " ".join(sorted(words)) + "".join(reversed(pieces))
    new = re.compile(term_use._word_trie(words) + r"(?!\w)")
    old = _guard_in_front(words)
    for sample in (text, *words, *(word + "".join(pieces) for word in words)):  # a term at the start too
        assert [m.span() for m in new.finditer(sample)] == [m.span() for m in old.finditer(sample)]


def test_the_deprecated_terms_pattern_begins_with_a_character_not_a_guard() -> None:
    """Counted as structure, not time: the compiled pattern's first operation is a choice
    among plain characters, which the regex engine can look ahead for."""
    matcher = term_use.Matcher("de", [term_use.Deprecated("Kunde", "Klient", "glossary/x.yml"),
                                      term_use.Deprecated("Auftrag", "Bestellung", "glossary/y.yml")])
    assert matcher.pattern is not None
    parser = getattr(re, "_parser", None)  # Python 3.11+: the parsed pattern, as the engine gets it
    if parser is None:
        assert not matcher.pattern.pattern.startswith("(?<!")
        return
    op, (_, branches) = parser.parse(matcher.pattern.pattern).data[0]
    assert str(op) == "BRANCH"
    assert [str(branch[0][0]) for branch in branches] == ["LITERAL", "LITERAL"]


WHITE = [" ", "  ", "\t", "\xa0", "\u2003", "\x1c", "\x85", "\u3000", "\u200b", "\u2028", "\x0b", "\r",
         "a", "é", "e\u0301", "-"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(WHITE), max_size=12))
def test_a_one_line_paragraph_is_normalised_as_split_and_joined(pieces: list[str]) -> None:
    """A one-line paragraph of single spaces only is taken as it is: the same as joining its
    words with one space, whatever white space it holds."""
    text = "".join(pieces)
    composed = unicodedata.normalize("NFC", text)
    if "\n" not in composed:
        assert dedupe.normalise(text) == " ".join(composed.split())


def test_only_the_space_is_both_white_space_and_printable() -> None:
    """Why :func:`lexikon.check.dedupe.normalise` may trust ``isprintable``."""
    assert [code for code in range(0x110000) if chr(code).isspace() and chr(code).isprintable()] == [32]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab[]\n |", max_size=60),
       st.lists(st.sampled_from(["a", "[[a]]", "b\n", "zz", "[", "\n", ""]), max_size=14),
       st.integers(1, 9), st.integers(1, 9))
def test_placing_many_needles_at_once_is_placing_them_one_by_one(raw: str, needles: list[str], line: int,
                                                                  col: int) -> None:
    span = Span("glossary/x.yml", line, col, raw)
    locate = span.locator()
    assert span.places(needles) == [locate(needle) for needle in needles]


USING = """\
de:
  title: Begriff
  summary: Ein Begriff ohne das alte Wort.
  body: |
    Ein Absatz ohne es.

    Ein Absatz mit Rückoutsourcing darin.
  highlights: [Noch ein Satz]
da:
  title: Begreb
  summary: Et begreb.
"""


def test_a_span_is_made_only_for_a_text_that_uses_a_deprecated_term(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted: the uses are sought in three German texts, one of which has one; only its span
    is made (once per use found), and the warning stands where it did."""
    settings = settings_from_file(ROOT / "mkdocs.yml")
    entry = report_file(USING.encode(), "glossary/begriff.yml", "begriff", settings).entry
    assert entry is not None
    by_lang = term_use.matchers_of({"de": [term_use.Deprecated("Rückoutsourcing", "Backsourcing",
                                                                "glossary/backsourcing.yml")]})
    made: list[str] = []
    real_get = Spans.get

    def counted(self: Spans, name: str, default: Span | None = None) -> Span | None:
        made.append(name)
        return real_get(self, name, default)

    monkeypatch.setattr(Spans, "get", counted)
    found = term_use.entry_uses(entry, by_lang)
    assert made == ["body"]
    assert [(finding.line, finding.col) for finding in found] == [(7, 20)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="aZéÿĀОо1 -ǅ\u0301中", max_size=8), max_size=3))
def test_foreign_letters_are_found_as_a_walk_over_every_character_finds_them(titles: list[str]) -> None:
    report = FileReport("glossary/x.yml", "x", None, (), titles=tuple(("de", title, title, 1, 1)
                                                                     for title in titles))
    walk = any(ord(char) > 0xFF and char.isalpha() for title in titles for char in title)
    assert has_foreign_letters(report) == walk

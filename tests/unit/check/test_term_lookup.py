"""Very many deprecated terms are looked up (:mod:`lexikon.check.term_lookup`): the same matches
as the one regular expression of them all, found without compiling it."""

from __future__ import annotations

import random
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from lexikon.check import term_lookup, term_use

_LETTERS = "abß-. é"
_TEXT = "abß-. é\t\n\u00a0xA1_"

words = st.text(alphabet=_LETTERS, min_size=1, max_size=7)
texts = st.text(alphabet=_TEXT, max_size=60)


def _expression(spellings: set[str]) -> list[tuple[int, int]] | re.Pattern[str]:
    return re.compile(term_use._word_trie(spellings) + r"(?!\w)")


@settings(max_examples=600, deadline=None)
@given(st.sets(words, min_size=1, max_size=12), st.lists(texts, min_size=1, max_size=4))
@example({"a", "a-b", "ab", "abc"}, ["a-b", "x a-b.", "ab abc a"])  # longest first, by ends and by lengths
@example({"a b", "a", "b"}, ["a \t\n b", "a\u00a0b", "ba b"])  # any run of white space
def test_the_lookup_finds_what_the_expression_finds(spellings: set[str], samples: list[str]) -> None:
    spellings = {s for s in spellings if term_lookup.usable([s])}
    if not spellings:
        return
    lookup, expression = term_lookup.Lookup(spellings), _expression(spellings)
    for text in samples:
        assert list(lookup.finditer(text)) == [m.span() for m in expression.finditer(text)], text


def test_unusual_spellings_keep_the_expression() -> None:
    assert term_lookup.usable(["cloud", "cloud computing", "e-mail"])
    for odd in ("", " cloud", "cloud ", "cloud  computing", "cloud\tcomputing", "cloud\u00a0computing"):
        assert not term_lookup.usable(["cloud", odd]), odd
        assert not term_lookup.usable([odd, "cloud"]) and not term_lookup.usable([odd]), odd
        assert not term_lookup.usable(["cloud", odd, "wolke"]), odd
    assert not term_lookup.usable([]) and not term_lookup.usable(["cloud", "a\x00b"])


def test_a_matcher_of_very_many_terms_looks_up_and_finds_the_same_uses() -> None:
    rng = random.Random(3)
    terms = [term_use.Deprecated("".join(rng.choice("abcdefgh") for _ in range(7)), "Gut", "g.yml")
             for _ in range(term_lookup.LOOKUP_FROM)]
    many = term_use.Matcher("de", terms)
    assert isinstance(many.pattern, term_lookup.Lookup)
    text = " ".join(rng.choice([t.term for t in terms[:50]] + ["Wort", "ab-cd", "Ärger"]) for _ in range(300))
    text = text.replace(" ", "  \n", 7)
    found = [(use.start, use.end, use.written) for use in many.uses(text)]
    few = term_use.Matcher("de", terms[:50])
    assert not isinstance(few.pattern, term_lookup.Lookup)
    assert found and found == [(use.start, use.end, use.written) for use in few.uses(text)]

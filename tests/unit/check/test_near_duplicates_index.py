"""The near-duplicate test against its old definition (issue 17, point 4).

Until the checker moved to rapidfuzz, two paragraphs were near duplicates when difflib's
``SequenceMatcher(None, a, b, autojunk=False).ratio()`` reached 0.9, and each paragraph was
compared with every earlier one. Now the ratio is the Indel one (``2·LCS / (|a| + |b|)``:
at most one character in ten inserted or deleted) and a text of many paragraphs finds the
candidates on an index. Proven here, on generated paragraphs and their edits (including
pairs exactly at the threshold and just past it):

- the pair test is exactly the documented definition (an LCS oracle in integers), and the
  same whichever paragraph comes first (difflib's is not: its greedy matching depends on
  the order);
- whatever difflib called a near duplicate still is one: difflib's matching blocks are a
  common subsequence, so its ratio never exceeds the Indel one; the new test warns more
  only where difflib's greedy blocks missed a longer common subsequence;
- the whole walk (index included) warns at the same paragraphs, naming the same earlier
  one, as the old all-pairs walk with the new pair test, and at least where the old walk
  with difflib warned; on a text of a handful of words only (where the index can miss),
  every warning it gives is still right.
"""

from __future__ import annotations

import difflib

from hypothesis import example, given, settings
from hypothesis import strategies as st

from lexikon.check.near_duplicates import MIN_LENGTH, near_duplicates, nearly_the_same
from lexikon.core.model import Span, Text

WORDS = ("der", "die", "das", "und", "Kosten", "Markt", "Anbieter", "Dienst", "Risiko", "nicht",
         "ein", "zu", "senkt", "erhöht", "Unternehmen", "Daten", "Vertrag", "Prozesse", "løser",
         "virksomheden", "og", "på", "leverandøren", "ist", "wird")
SPAN = Span("glossary/t.yml", 5, 3, "")


# --- the oracles: the old definition, and the documented one in exact integers -------------------
def comparable(a: str, b: str) -> bool:
    shorter, longer = sorted((len(a), len(b)))
    return shorter >= MIN_LENGTH and shorter >= 0.9 * longer


def difflib_same(a: str, b: str) -> bool:
    """The old test: lengths, then difflib's ratio (its letter-count bound was only a shortcut)."""
    return comparable(a, b) and difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.9


def lcs(a: str, b: str) -> int:
    row = [0] * (len(b) + 1)
    for char in a:
        diagonal = 0
        for j, other in enumerate(b, 1):
            diagonal, row[j] = row[j], diagonal + 1 if char == other else max(row[j], row[j - 1])
    return row[-1]


def indel_same(a: str, b: str) -> bool:
    """2·LCS / (|a| + |b|) ≥ 0.9, without floating point: 20·LCS ≥ 9·(|a| + |b|)."""
    return comparable(a, b) and 20 * lcs(a, b) >= 9 * (len(a) + len(b))


def walk(paragraphs: list[str], same) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """The old walk: each long paragraph against every earlier one; (later, first earlier alike)."""
    found = []
    for later, text in enumerate(paragraphs):
        if len(text) < MIN_LENGTH:
            continue
        earlier = next((index for index in range(later) if same(paragraphs[index], text)), None)
        if earlier is not None:
            found.append((later, earlier))
    return found


def checked(paragraphs: list[str]) -> list[tuple[int, int]]:
    """What the check warns: (later, the earlier one its message names), by index."""
    prose = [(text, (10 * index + 1, 5)) for index, text in enumerate(paragraphs)]
    text = Text("de", "T", "Kurz.", body="\n\n".join(paragraphs))
    out = []
    for finding in near_duplicates(text, SPAN, prose):
        named = int(finding.message.split("on line ", 1)[1].split(" ", 1)[0])
        out.append(((finding.line - 1) // 10, (named - 1) // 10))
    return out


# --- paragraphs and their edits -------------------------------------------------------------------
paragraph = st.lists(st.sampled_from(WORDS), min_size=6, max_size=40).map(" ".join)


@st.composite
def edited(draw: st.DrawFn, text: str) -> str:
    """``text`` after a few word and letter edits: from the same to clearly not the same."""
    words = text.split(" ")
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["replace", "delete", "insert", "swap", "letter"]))
        at = draw(st.integers(0, len(words) - 1))
        if kind == "replace":
            words[at] = draw(st.sampled_from(WORDS))
        elif kind == "delete" and len(words) > 1:
            del words[at]
        elif kind == "insert":
            words.insert(at, draw(st.sampled_from(WORDS)))
        elif kind == "swap" and at + 1 < len(words):
            words[at], words[at + 1] = words[at + 1], words[at]
        elif kind == "letter":
            word = words[at]
            spot = draw(st.integers(0, len(word)))
            words[at] = word[:spot] + draw(st.sampled_from("aeiouäøx")) + word[spot:]
    return " ".join(words)


pair = paragraph.flatmap(lambda text: st.tuples(st.just(text), edited(text)))


@st.composite
def threshold_pair(draw: st.DrawFn) -> tuple[str, str, bool]:
    """A paragraph and a copy with k letters replaced by one it lacks: Indel distance exactly
    2k, so k = length // 10 is the last that is nearly the same."""
    text = draw(paragraph.filter(lambda text: len(text) >= MIN_LENGTH))
    limit = len(text) // 10
    k = draw(st.sampled_from([limit - 1, limit, limit + 1]).filter(lambda k: k >= 1))
    spots = sorted(draw(st.lists(st.integers(0, len(text) - 1), min_size=k, max_size=k, unique=True)))
    copy = list(text)
    for spot in spots:
        copy[spot] = "§"
    return text, "".join(copy), k <= limit


# --- the pair test --------------------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(pair)
@example(("der die das und Kosten Markt Anbieter Dienst Risiko nicht",) * 2)
def test_the_pair_test_is_the_indel_ratio_and_symmetric(texts: tuple[str, str]) -> None:
    a, b = texts
    assert nearly_the_same(a, b) == nearly_the_same(b, a) == indel_same(a, b)


@settings(max_examples=300, deadline=None)
@given(threshold_pair())
def test_the_threshold_is_exact(case: tuple[str, str, bool]) -> None:
    a, b, expected = case
    assert nearly_the_same(a, b) == nearly_the_same(b, a) == expected
    assert expected or not difflib_same(a, b)


@settings(max_examples=300, deadline=None)
@given(pair)
def test_what_difflib_called_nearly_the_same_still_is(texts: tuple[str, str]) -> None:
    a, b = texts
    if difflib_same(a, b):
        assert nearly_the_same(a, b)
    if nearly_the_same(a, b) and not difflib_same(a, b):  # only where difflib's greedy blocks fell short
        blocks = sum(block.size for block in difflib.SequenceMatcher(None, a, b, autojunk=False)
                     .get_matching_blocks())
        assert blocks < lcs(a, b)


def test_difflib_depends_on_the_order_the_indel_ratio_does_not() -> None:
    """Why the definition changed: the same two paragraphs, in one order a near duplicate by
    difflib, in the other not; for a reader they are as alike either way (the old check
    warned or not depending on which one the editor wrote first)."""
    a = "das senkt nicht das und nicht Markt Kosten Anbieter Risiko die Risiko"
    b = "das senkt nicht Kosten der nicht Markt Kosten Anbieter Risiko die Risiko"
    assert difflib_same(b, a) and not difflib_same(a, b)
    assert nearly_the_same(a, b) and nearly_the_same(b, a) and indel_same(a, b)


# --- the whole walk, index and all ------------------------------------------------------------------
SYLLABLES = ("ka", "lo", "mi", "nu", "ter", "vak", "sen", "dor", "ul", "bri", "fa", "gen", "ø", "ä")
VOCABULARY = tuple(dict.fromkeys(a + b + c for a in SYLLABLES for b in SYLLABLES for c in ("", "n", "st")))
"""Some 500 words, drawn log-uniformly (a few very common, most rare), as the words of a text are."""
prose_word = st.floats(0, 1).map(lambda u: VOCABULARY[int(len(VOCABULARY) ** u) - 1])
prose_paragraph = st.lists(prose_word, min_size=4, max_size=60).map(" ".join)


@st.composite
def text_of_paragraphs(draw: st.DrawFn, paragraph: st.SearchStrategy[str] = prose_paragraph,
                       most: int = 60) -> list[str]:
    """Up to ``most`` different paragraphs (as deduplication leaves them; the index takes over
    from 17 long ones), a share of them edits of an earlier one, some edits of edits."""
    paragraphs: list[str] = []
    for _ in range(draw(st.integers(2, most))):
        if paragraphs and draw(st.integers(0, 2)) == 0:
            new = draw(edited(draw(st.sampled_from(paragraphs))))
        else:
            new = draw(paragraph)
        if new not in paragraphs:
            paragraphs.append(new)
    return paragraphs


@settings(max_examples=300, deadline=None)
@given(text_of_paragraphs())
def test_the_walk_warns_as_the_all_pairs_walk(paragraphs: list[str]) -> None:
    found = checked(paragraphs)
    assert found == walk(paragraphs, nearly_the_same)
    old = {later for later, _ in walk(paragraphs, difflib_same)}
    assert old <= {later for later, _ in found}


@settings(max_examples=300, deadline=None)
@given(text_of_paragraphs(paragraph, most=40))
def test_on_a_tiny_vocabulary_every_warning_is_right(paragraphs: list[str]) -> None:
    """25 words for everything: every word is common, so the index's bound on candidates
    per word can keep it from the first earlier twin, or any. What it warns is still right,
    and up to 16 long paragraphs (all pairs) it is exactly the old walk."""
    found = checked(paragraphs)
    expected = walk(paragraphs, nearly_the_same)
    assert all(earlier < later and nearly_the_same(paragraphs[earlier], paragraphs[later])
               for later, earlier in found)
    assert {later for later, _ in found} <= {later for later, _ in expected}
    if sum(len(text) >= MIN_LENGTH for text in paragraphs) <= 16:
        assert found == expected

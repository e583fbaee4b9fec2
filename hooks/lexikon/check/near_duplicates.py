"""Paragraphs that are nearly the same: kept, and warned about, as only an editor can tell
which wording is right.

:func:`nearly_the_same` is the one test of two paragraphs (the importers ask it too);
:func:`near_duplicates` finds the pairs in one text without comparing every pair.

The measure is the Indel similarity, ``2·LCS / (|a| + |b|)`` (LCS: the longest common
subsequence of characters), at least 0.9: turning one paragraph into the other takes
inserting or deleting at most one character in ten of the two together. It replaced
difflib's ``SequenceMatcher.ratio`` (issue 17), which builds its common part greedily from
the longest matching block down: it never finds more than the LCS, so every pair difflib
called nearly the same still is one, but it can find less, and what it finds depends on
which paragraph comes first. For a reader, two paragraphs are as alike in either order,
and as alike as the fewest edits between them say. ``tests/unit/check/
test_near_duplicates_index.py`` keeps difflib's test as an oracle and proves both claims.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from rapidfuzz.distance import Indel

from lexikon.core.model import Finding, Severity, Span, Text

NEAR_DUPLICATE_RATIO = 0.9
"""Indel similarity (see above) from which two different paragraphs are reported."""
Where = Any
"""A paragraph's place as the caller gives it (see :func:`near_duplicates`)."""
MIN_LENGTH = 40
"""Shorter paragraphs (normalised) are never near duplicates: a few words alike say nothing."""


def nearly_the_same(a: str, b: str) -> bool:
    """Whether two different paragraphs (each normalised, see :func:`lexikon.check.dedupe.normalise`)
    are near duplicates: both long enough, close in length, and at most one character in ten
    (of both together) inserted or deleted between them, counted exactly, in integers; the
    count stops once it passes that (rapidfuzz's bit-parallel LCS with a cut-off)."""
    if not _comparable_lengths(len(a), len(b)):
        return False
    allowed = (len(a) + len(b)) // 10  # 1 - d / (|a| + |b|) >= 0.9, i.e. 10·d <= |a| + |b|
    return Indel.distance(a, b, score_cutoff=allowed) <= allowed


_ALL_PAIRS_UP_TO = 16
"""Long paragraphs in one text up to which each is compared with every earlier one."""
_KEYS = 8
"""Words of a paragraph by which its earlier candidates are found: its rarest shared ones."""
_PER_KEY = 64
"""Earlier paragraphs listed per word: the first that have it."""
_SHARE = 0.25
"""The share of a paragraph's keys an earlier paragraph must hold to be a candidate."""
_MOST = 0.5
_ALWAYS = 4
"""Candidates compared whatever they share (the :data:`_SHARE` at least); the others only
when they hold :data:`_MOST` of the keys: in a long text of few words, many paragraphs hold
a few keys by chance, a near duplicate most of them."""
_CANDIDATES = 16
"""Earlier paragraphs a paragraph is compared with at most: those sharing most of its keys.
The bounds make the search linear; a near duplicate that shares none of the other's rarest
words, or fewer than many others do, can be missed (see the tests for how rarely)."""


def near_duplicates(text: Text, span: Span, prose: list[tuple[str, Where]],
                    place: Callable[[Where], tuple[int, int]] = lambda where: where) -> Iterator[Finding]:
    """``prose``: each kept paragraph, normalised, with its place in the file (line and column,
    or what ``place`` makes them of: a finding is rare, and only its places are worked out).

    Each paragraph is compared with earlier ones (:func:`nearly_repeated`) and the first
    alike is named.
    """
    for later_index, earlier_index in nearly_repeated(prose):
        later, location = prose[later_index]
        line = place(prose[earlier_index][1])[0]
        yield Finding(
            span.path, *place(location), Severity.WARNING,
            f"this paragraph in '{text.lang}' is nearly the same as the paragraph on line "
            f"{line} ('{excerpt(later)}'): keep the better one and delete the other",
        )


def nearly_repeated(prose: list[tuple[str, Where]]) -> Iterator[tuple[int, int]]:
    """(later, earlier) indices for each paragraph of ``prose`` (normalised, with whatever the
    caller keeps beside it) nearly the same as an earlier one, the first found
    (:func:`nearly_the_same`): the one search of the check and of the article importer. A text
    of many paragraphs takes its candidates from an index of their rarest shared words (a
    bounded number per paragraph) instead of comparing all pairs."""
    long = [index for index, (paragraph, _) in enumerate(prose) if len(paragraph) >= MIN_LENGTH]
    if len(long) < 2:
        return
    candidates = _all_earlier if len(long) <= _ALL_PAIRS_UP_TO else _indexed_earlier(prose, long)
    ratio = NEAR_DUPLICATE_RATIO
    for position, later_index in enumerate(long):
        later = prose[later_index][0]
        size = len(later)
        for earlier_index in candidates(long, position):
            earlier = prose[earlier_index][0]
            other = len(earlier)  # the lengths first, as nearly_the_same does, without a call per pair
            if not ((other >= ratio * size) if other <= size else (size >= ratio * other)):
                continue
            if not nearly_the_same(earlier, later):
                continue
            yield later_index, earlier_index
            break


def _all_earlier(long: list[int], position: int) -> list[int]:
    return long[:position]


def _indexed_earlier(prose: list[tuple[str, Where]],
                     long: list[int]) -> Callable[[list[int], int], list[int]]:
    """Candidates by shared rare words: for each paragraph, the earlier paragraphs that hold
    most of its :data:`_KEYS` rarest words that another paragraph has too (a near duplicate
    keeps most words of the paragraph it was made from, so it holds most of its keys; a
    paragraph that merely uses the same vocabulary holds few).

    Words are ranked once for the whole text, rarest first (ties by the word), so that a
    paragraph's keys are its lowest ranks, sorted as numbers."""
    words = [set(prose[index][0].casefold().split()) for index in long]
    frequency = Counter(itertools.chain.from_iterable(words))
    # a word of one paragraph only finds no other: the keys are the rarest shared ones (an edit
    # that brought in new words leaves the others to find the paragraph it was made from)
    shared_words = sorted((word for word, count in frequency.items() if count > 1),
                          key=lambda word: (frequency[word], word))
    # every word ranked, a word of one paragraph last of all (as the number of shared words): a
    # paragraph's words are ranked and sorted at C speed, without first taking the shared ones out
    unshared = len(shared_words)
    rank = dict.fromkeys(frequency, unshared)
    rank.update(zip(shared_words, itertools.count()))
    keys = [_shared_only(sorted(map(rank.__getitem__, paragraph))[:_KEYS], unshared) for paragraph in words]
    holders = [0] * len(shared_words)  # each word's earlier holders, as the bits of one int
    counts = [0] * len(shared_words)
    found: list[list[int]] = []
    for position, paragraph_keys in enumerate(keys):
        # the holders so far are the earlier ones: each word is asked before it gains this one
        found.append(_most_shared([holders[word] for word in paragraph_keys], len(paragraph_keys)))
        bit = 1 << position
        for word in paragraph_keys:
            if counts[word] < _PER_KEY:
                counts[word] += 1
                holders[word] |= bit

    def earlier(long_: list[int], position: int) -> list[int]:
        return [long_[other] for other in found[position]]

    return earlier


def _shared_only(ranks: list[int], unshared: int) -> list[int]:
    """``ranks`` (sorted) without the rank of the words no other paragraph has (all ``unshared``,
    and last)."""
    return ranks if not ranks or ranks[-1] != unshared else ranks[: bisect.bisect_left(ranks, unshared)]


def _most_shared(masks: list[int], keys: int) -> list[int]:
    """The earlier paragraphs (positions, ascending) that hold most of a paragraph's ``keys``;
    ``masks``: the earlier holders of each key, as bits.

    The candidates are ranked by how many keys they hold, then by position, the first
    :data:`_CANDIDATES` kept: the first :data:`_ALWAYS` of them, the others if they hold
    :data:`_MOST` of the keys. The holders are counted for all positions at once, in bit
    planes (a paragraph has at most :data:`_KEYS` keys, so four planes count them), and only
    the ones that rank are ever listed."""
    ones = twos = fours = eights = 0
    for mask in masks:  # a ripple-carry adder of bits: the planes hold each position's count
        carry = ones & mask
        ones ^= mask
        carry, twos = twos & carry, twos ^ carry
        carry, fours = fours & carry, fours ^ carry
        eights |= carry
    if not (ones | twos | fours | eights):
        return []
    enough, most = keys * _SHARE, keys * _MOST
    best: list[int] = []
    ranked = 0
    for count in range(min(keys, 15), 0, -1):
        if count < enough or ranked == _CANDIDATES:
            break
        held = ((ones if count & 1 else ~ones) & (twos if count & 2 else ~twos)
                & (fours if count & 4 else ~fours) & (eights if count & 8 else ~eights))
        while held and ranked < _CANDIDATES:
            lowest = held & -held
            if ranked < _ALWAYS or count >= most:
                best.append(lowest.bit_length() - 1)
            ranked += 1
            held ^= lowest
    return sorted(best)


def _comparable_lengths(a: int, b: int) -> bool:
    """Long enough, and close enough in length, to be near duplicates at all."""
    shorter, longer = (a, b) if a <= b else (b, a)
    return shorter >= MIN_LENGTH and shorter >= NEAR_DUPLICATE_RATIO * longer


def excerpt(text: str, length: int = 60) -> str:
    """A paragraph as a finding quotes it: on one line, cut at ``length`` characters."""
    text = text.replace("\n", " ")
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"

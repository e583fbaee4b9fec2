"""Paragraphs that are nearly the same: kept, and warned about, as only an editor can tell
which wording is right.

:func:`nearly_the_same` is the one test of two paragraphs (the importers ask it too);
:func:`near_duplicates` finds the pairs in one text without comparing every pair.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

from rapidfuzz import fuzz

from lexikon.core.model import Finding, Severity, Span, Text

NEAR_DUPLICATE_RATIO = 0.9
"""Similarity (rapidfuzz's ``fuzz.ratio`` / 100) from which two different paragraphs are reported."""
MIN_LENGTH = 40
"""Shorter paragraphs (normalised) are never near duplicates: a few words alike say nothing."""


def nearly_the_same(a: str, b: str) -> bool:
    """Whether two different paragraphs (each normalised, see :func:`lexikon.check.dedupe.normalise`)
    are near duplicates: both long enough, close in length, and alike by rapidfuzz's normalised
    Indel similarity (``fuzz.ratio``: twice the longest common subsequence over both lengths;
    at least difflib's ratio) with a cut-off, so a pair far apart stops early."""
    if not _comparable_lengths(len(a), len(b)):
        return False
    return bool(fuzz.ratio(a, b, score_cutoff=NEAR_DUPLICATE_RATIO * 100))


_ALL_PAIRS_UP_TO = 16
"""Long paragraphs in one text up to which each is compared with every earlier one."""
_KEYS = 3
"""Words of a paragraph by which its earlier candidates are found: its rarest in the text."""
_PER_KEY = 8
"""Earlier paragraphs taken per word: the first that have it. The bound makes the search
linear; a near duplicate all of whose rare words are common everywhere can be missed."""


def near_duplicates(text: Text, span: Span, prose: list[tuple[str, tuple[int, int]]]) -> Iterator[Finding]:
    """``prose``: each kept paragraph, normalised, with its place in the file.

    Each paragraph is compared with earlier ones (:func:`nearly_the_same`). A text of many
    paragraphs takes its candidates from an index of their rarest words, a bounded number
    per word, instead of comparing all pairs.
    """
    long = [index for index, (paragraph, _) in enumerate(prose) if len(paragraph) >= MIN_LENGTH]
    if len(long) < 2:
        return
    candidates = _all_earlier if len(long) <= _ALL_PAIRS_UP_TO else _indexed_earlier(prose, long)
    for position, later_index in enumerate(long):
        later, location = prose[later_index]
        for earlier_index in candidates(long, position):
            earlier, earlier_location = prose[earlier_index]
            if not nearly_the_same(earlier, later):
                continue
            yield Finding(
                span.path, *location, Severity.WARNING,
                f"this paragraph in '{text.lang}' is nearly the same as the paragraph on line "
                f"{earlier_location[0]} ('{excerpt(later)}'): keep the better one and delete the other",
            )
            break


def _all_earlier(long: list[int], position: int) -> list[int]:
    return long[:position]


def _indexed_earlier(prose: list[tuple[str, tuple[int, int]]],
                     long: list[int]) -> Callable[[list[int], int], list[int]]:
    """Candidates by shared rare words: for each paragraph, the first few earlier paragraphs
    that hold one of its :data:`_KEYS` rarest words (rarest across this text)."""
    words = [set(prose[index][0].casefold().split()) for index in long]
    frequency = Counter(word for paragraph in words for word in paragraph)
    keys = [sorted(paragraph, key=lambda word: (frequency[word], word))[:_KEYS] for paragraph in words]
    holders: dict[str, list[int]] = {}
    for position, paragraph_keys in enumerate(keys):
        for word in paragraph_keys:
            positions = holders.setdefault(word, [])
            if len(positions) < _PER_KEY:
                positions.append(position)

    def earlier(long_: list[int], position: int) -> list[int]:
        found = {other for word in keys[position] for other in holders[word] if other < position}
        return [long_[other] for other in sorted(found)]

    return earlier


def _comparable_lengths(a: int, b: int) -> bool:
    """Long enough, and close enough in length, to be near duplicates at all."""
    shorter, longer = (a, b) if a <= b else (b, a)
    return shorter >= MIN_LENGTH and shorter >= NEAR_DUPLICATE_RATIO * longer


def excerpt(text: str, length: int = 60) -> str:
    """A paragraph as a finding quotes it: on one line, cut at ``length`` characters."""
    text = text.replace("\n", " ")
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"

"""Very many deprecated terms found by lookup, not by one regular expression of them all.

:class:`.term_use.Matcher` makes a language's terms one regular expression shaped as a trie:
a text is then read once at C speed. But Python's ``re`` parses a pattern in Python: one
hostile 1 MiB file of 110,000 deprecated words (half a million spellings with their forms)
took 10 CPU-s to compile, against the README's bound of 2 s for any file. Above
:data:`LOOKUP_FROM` spellings the same matches are found by looking the text's candidate
spans up in a set: leftmost first, then the longest; whole words only; a space in a term
matches any run of white space. Tested against the expression on random texts and terms.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterator

LOOKUP_FROM = 20_000
"""Spellings from which a matcher looks up (below, one expression compiles in well under 0.5 s)."""

_UNUSUAL = re.compile(r"[^\S ]|  |(?:^|\x00)(?: |\x00|$)| (?:\x00|$)")
"""In spellings joined by NUL: one with white space other than single spaces between its
words, or an empty one (the expression's own special cases: the lookup would not match them
as the expression does)."""
_SPACE = re.compile(r"\s")
_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"\W")


def usable(spellings: Collection[str]) -> bool:
    """Whether :class:`Lookup` finds in texts exactly what the expression of ``spellings`` would."""
    joined = "\x00".join(spellings)
    if not spellings or joined.count("\x00") != len(spellings) - 1:  # none, or a NUL of their own
        return False
    if _SPACE.search(joined) is None:  # single words, as most are: only an empty one is unusual
        return (bool(joined) and "\x00\x00" not in joined and not joined.startswith("\x00")
                and not joined.endswith("\x00"))
    return _UNUSUAL.search(joined) is None


class Lookup:
    """The spans of a text holding one of ``spellings`` (all :func:`usable`)."""

    def __init__(self, spellings: Collection[str]) -> None:
        self.spellings = frozenset(spellings)
        self.lengths = sorted({len(spelling) for spelling in self.spellings}, reverse=True)
        self.length_set = frozenset(self.lengths)
        self.longest = self.lengths[0] if self.lengths else 0

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of each match in ``text``, as ``re.finditer`` of the expression gives."""
        if not self.spellings:
            return
        plain, places = _one_space(text)
        ends = [match.start() for match in _NOT_WORD.finditer(plain)]
        size = len(plain)
        ends.append(size)
        free = bytearray(size + 1)  # a term may end here: no word character follows
        for end in ends:
            free[end] = 1
        after = 0
        for start in [0, *(end + 1 for end in ends[:-1])]:
            if start < after or start >= size:
                continue
            end = self._longest_at(plain, start, free, ends)
            if end is not None:
                after = end
                yield (places[start], places[end - 1] + 1) if places else (start, end)

    def _longest_at(self, plain: str, start: int, free: bytearray, ends: list[int]) -> int | None:
        """The end of the longest spelling at ``start`` that ends where a word does: by each
        length the spellings have or by each place a word ends, whichever are fewer."""
        first, last = bisect.bisect_right(ends, start), bisect.bisect_right(ends, start + self.longest)
        if last - first < len(self.lengths):
            candidates = (end for end in reversed(ends[first:last]) if end - start in self.length_set)
        else:
            candidates = (start + length for length in self.lengths
                          if start + length <= len(plain) and free[start + length])
        for end in candidates:
            if plain[start:end] in self.spellings:
                return end
        return None


def _one_space(text: str) -> tuple[str, list[int]]:
    """``text`` with each run of white space one space, and where each of its characters
    stood in ``text`` (empty where nothing changed)."""
    if all(run.group() == " " for run in _SPACES.finditer(text)):
        return text, []
    places: list[int] = []
    pieces: list[str] = []
    done = 0
    for run in _SPACES.finditer(text):
        pieces.append(text[done:run.start()])
        places.extend(range(done, run.start()))
        pieces.append(" ")
        places.append(run.start())
        done = run.end()
    pieces.append(text[done:])
    places.extend(range(done, len(text)))
    return "".join(pieces), places

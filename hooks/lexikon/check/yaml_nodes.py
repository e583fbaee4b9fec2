"""Where a YAML node stands and what it holds, in the words findings use.

The readers of entry files and of the tag file judge the same node trees: they place
findings and name YAML's types alike, from here.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping

import yaml
from rapidfuzz import process
from rapidfuzz.distance import Indel

from lexikon.check.load import LoadedFile
from lexikon.core.model import Finding, Severity, Span

STR_TAG = "tag:yaml.org,2002:str"
NULL_TAG = "tag:yaml.org,2002:null"
TYPE_NAMES = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "a yes/no value",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:null": "nothing",
}


def reserved_message(what: str, folder: str, name: str, reserved: Mapping[str, str], advice: str) -> str:
    return (f"{what} is reserved: its page {folder}/{name}.md would replace {reserved[name]}, "
            f"which the site generates; {advice}")


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when one choice is close to ``word``, else nothing."""
    close = closest(word, list(choices))
    return f" (did you mean '{close}'?)" if close is not None else ""


def closest(word: str, choices: list[str], cutoff: float = 0.6) -> str | None:
    """``difflib.get_close_matches(word, choices, n=1, cutoff)``'s answer, found without asking
    difflib about every choice: a glossary being filled has a link naming nothing in many files,
    and difflib over 3,000 ids cost 40 ms a link.

    difflib's ratio is at most the Indel similarity (its matching blocks are a common
    subsequence), which rapidfuzz gives at C speed: choices are asked in falling order of that
    bound, and the asking stops when the bound falls below the best ratio found (a tie goes on:
    difflib keeps the larger string of equal ratios)."""
    if len(choices) <= 100:
        close = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
        return close[0] if close else None
    bounded = process.extract(word, choices, scorer=Indel.normalized_similarity,
                              score_cutoff=cutoff - 0.1, limit=None)  # below: rapidfuzz rounds
    bounded.sort(key=lambda found: found[1], reverse=True)
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    best: tuple[float, str] | None = None
    for choice, bound, _ in bounded:
        if best is not None and bound < best[0] - 1e-9:
            break
        matcher.set_seq1(choice)
        if matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff:
            score = matcher.ratio()
            if score >= cutoff and (best is None or (score, choice) > best):
                best = (score, choice)
    return best[1] if best is not None else None


def span_of(file: LoadedFile, node: yaml.Node) -> Span:
    """Where ``node`` stands in ``file``, with its raw text to find words inside it."""
    raw = file.source[node.start_mark.index : node.end_mark.index]
    return Span(file.path, node.start_mark.line + 1, node.start_mark.column + 1, raw)


Marks = tuple[int, int, int, int]
"""Where a node stands, as the parser marked it: start and end index, 0-based line and column
of its start (plain numbers: the parser's mark objects would outlive the node tree)."""


class Spans(Mapping[str, Span]):
    """Where each field of one file stands (field name → :class:`Span`), each span made when
    it is asked for.

    A file has dozens of fields, and later stages ask where only a few stand (a title, a
    link's text, a field with a finding): the reader notes where the parser marked each
    (:data:`Marks`), and a span (with its copy of the raw text) is made from them on demand, equal to the one
    :func:`span_of` makes of the node. Pickled (sent between processes), it is a plain dict.
    """

    __slots__ = ("_marks", "_path", "_source")

    def __init__(self, file: LoadedFile, marks: dict[str, Marks]) -> None:
        self._path, self._source, self._marks = file.path, file.source, marks

    def __getitem__(self, name: str) -> Span:
        start, end, line, column = self._marks[name]
        return Span(self._path, line + 1, column + 1, self._source[start:end])

    def __contains__(self, name: object) -> bool:
        return name in self._marks

    def get(self, name: str, default: Span | None = None) -> Span | None:  # type: ignore[override]
        marks = self._marks.get(name)
        return default if marks is None else self[name]

    def place(self, name: str) -> tuple[int, int] | None:
        """Line and column where field ``name`` starts (None if it has no span), without a span."""
        marks = self._marks.get(name)
        return None if marks is None else (marks[2] + 1, marks[3] + 1)

    def __iter__(self) -> Iterator[str]:
        return iter(self._marks)

    def __len__(self) -> int:
        return len(self._marks)

    def __repr__(self) -> str:
        return repr(dict(self.items()))

    def __reduce__(self) -> tuple[type, tuple[dict[str, Span]]]:
        return dict, (dict(self.items()),)


def place_of(spans: Mapping[str, Span], name: str) -> tuple[int, int] | None:
    """Line and column where field ``name`` starts, from :class:`Spans` or any mapping of spans."""
    if type(spans) is Spans:
        return spans.place(name)
    span = spans.get(name)
    return None if span is None else (span.line, span.col)


def finding_at(path: str, node: yaml.Node, severity: Severity, message: str) -> Finding:
    return Finding(path, node.start_mark.line + 1, node.start_mark.column + 1, severity, message)


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:].rstrip(".")

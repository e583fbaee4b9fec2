"""The check's shortcuts of session 7 (issue 17, point 4) against what they replace.

Each shortcut does the same work another way; proven here on generated input against the
longer way (kept below as the oracle):

- the near-duplicate index counts a paragraph's earlier holders of its keys in bit planes
  (one int per word) instead of a counter over lists, and lists only the ones that rank:
  the same candidates, in the same order;
- an entry's spans are made when asked (:class:`lexikon.check.yaml_nodes.Spans`, from the marks
  the parser made): each equals the span of its node as :func:`span_of` makes it, and a pickled
  or cached entry holds the same spans as plain data.
"""

from __future__ import annotations

import itertools
import pickle
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from lexikon.check import cache_codec, near_duplicates
from lexikon.check.entry import check_file
from lexikon.check.load import parse
from lexikon.check.yaml_nodes import Spans, span_of
from lexikon.core.settings import settings_from_file
from tests.support.constants import ROOT
from tests.unit.check.test_check_speed_shapes import paragraphs


# --- the near-duplicate index ---------------------------------------------------------------------
def lists_indexed_earlier(prose, long):  # type: ignore[no-untyped-def]
    """The index of session 6: each word's first 64 holders as a list, a counter over them."""
    words = [set(prose[index][0].casefold().split()) for index in long]
    frequency = Counter(itertools.chain.from_iterable(words))
    shared_words = sorted((word for word, count in frequency.items() if count > 1),
                          key=lambda word: (frequency[word], word))
    rank = {word: number for number, word in enumerate(shared_words)}
    keys = [sorted(map(rank.__getitem__, paragraph & rank.keys()))[:8] for paragraph in words]
    holders: list[list[int]] = [[] for _ in shared_words]
    found = []
    for position, paragraph_keys in enumerate(keys):
        lists = [holders[word] for word in paragraph_keys]
        shared = Counter(itertools.chain.from_iterable(lists))
        enough, most = len(paragraph_keys) * 0.25, len(paragraph_keys) * 0.5
        ranked = sorted([(-count, other) for other, count in shared.items() if count >= enough])[:16]
        best = [other for _, other in ranked[:4]] + [other for count, other in ranked[4:] if -count >= most]
        found.append(sorted(best))
        for positions in lists:
            if len(positions) < 64:
                positions.append(position)
    return lambda long_, position: [long_[other] for other in found[position]]


@settings(max_examples=300, deadline=None)
@given(paragraphs())
def test_the_bit_plane_index_names_the_candidates_of_the_counter(prose) -> None:  # type: ignore[no-untyped-def]
    long = [index for index, (text, _) in enumerate(prose) if len(text) >= near_duplicates.MIN_LENGTH]
    if len(long) < 2:
        return
    new, old = near_duplicates._indexed_earlier(prose, long), lists_indexed_earlier(prose, long)
    assert [new(long, position) for position in range(len(long))] == \
        [old(long, position) for position in range(len(long))]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sets(st.integers(0, 90), max_size=70), min_size=1, max_size=8))
def test_bit_planes_rank_as_the_counter(holders: list[set[int]]) -> None:
    """Any holders of up to 8 keys (more than 64 each, more than 16 candidates)."""
    masks = [sum(1 << position for position in held) for held in holders]
    shared = Counter(itertools.chain.from_iterable(holders))
    keys = len(holders)
    ranked = sorted([(-count, other) for other, count in shared.items() if count >= keys * 0.25])[:16]
    best = [other for _, other in ranked[:4]] + [other for count, other in ranked[4:] if -count >= keys * 0.5]
    assert near_duplicates._most_shared(masks, keys) == sorted(best)


# --- spans made when asked ------------------------------------------------------------------------
def _node(root: yaml.Node, *names: str) -> yaml.Node:
    """The node a span's name stands for: ``title`` or ``tags[2]`` under ``root``."""
    node = root
    for name in names:
        key, index = re.fullmatch(r"([^\[]+)(?:\[(\d+)\])?", name).groups()  # type: ignore[union-attr]
        node = next(value for k, value in node.value if k.value == key)
        if index is not None:
            node = node.value[int(index)]
    return node


EDGES = """\
tags: [a, "b"]
related:
  - x-y
de:
  title: 'Titel mit ''Quote'''
  summary: >
    Gefaltet
    über Zeilen.
  aliases: [Eins, "Zwei"]
  body: |
    Absatz mit [[x-y]].

    Noch [[x-y|einer]].
  highlights:
    - Ein [[x-y]] hier
  sources:
    - title: Quelle
      url: https://example.org
da:
  title: "Titel\\u00e9"
  summary: Et resumé.
"""


def _files() -> list[tuple[str, str]]:
    own = [(f"glossary/{path.name}", path.read_text(encoding="utf-8"))
           for path in sorted((ROOT / "glossary").glob("[!_]*.yml"))]
    return [*own, ("glossary/edges.yml", EDGES)]


@pytest.mark.parametrize(("display", "source"), _files(), ids=lambda value: value[-30:])
def test_each_span_is_the_span_of_its_node(display: str, source: str) -> None:
    loaded, problems = parse(source, display, Path(display).stem)
    assert problems == [] and loaded.root is not None
    report = check_file(loaded, settings_from_file(ROOT / "mkdocs.yml"))
    entry = report.entry
    assert entry is not None
    places = [((), entry.spans), *(((code,), text.spans) for code, text in entry.texts.items())]
    assert sum(len(spans) for _, spans in places) > 3
    for prefix, spans in places:
        assert isinstance(spans, Spans)
        eager = {name: span_of(loaded, _node(loaded.root, *prefix, name)) for name in spans}
        assert dict(spans.items()) == eager and spans == eager
        assert all(name in spans for name in eager) and "nothing" not in spans
        assert spans.get("nothing") is None
        copy = pickle.loads(pickle.dumps(spans))
        assert type(copy) is dict and copy == eager
        assert cache_codec.encode(spans) == cache_codec.encode(eager)
    assert pickle.loads(pickle.dumps(report)) == report

"""The check's shortcuts of session 7 (issue 17, point 4) against what they replace.

Each shortcut does the same work another way; proven here on generated input against the
longer way (kept below as the oracle):

- the near-duplicate index counts a paragraph's earlier holders of its keys in bit planes
  (one int per word) instead of a counter over lists, and lists only the ones that rank:
  the same candidates, in the same order;
- an entry's spans are made when asked (:class:`lexikon.check.yaml_nodes.Spans`, from the marks
  the parser made): each equals the span of its node as :func:`span_of` makes it, and a pickled
  or cached entry holds the same spans as plain data;
- deduplication places blocks in the file only when a finding names a place: the same text
  and the same findings, in the same order, as placing every block first.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import pickle
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from lexikon.check import cache_codec, dedupe, near_duplicates
from lexikon.check.blocks import split_blocks
from lexikon.check.entry import check_file
from lexikon.check.load import parse
from lexikon.check.yaml_nodes import Spans, place_of, span_of
from lexikon.core.model import Finding, Severity, Text
from lexikon.core.settings import settings_from_file
from tests.support.constants import ROOT
from tests.unit.check.test_check_speed_s6 import oracle_keys
from tests.unit.check.test_check_speed_shapes import paragraphs
from tests.unit.test_properties import texts_with_repeats


# --- the near-duplicate index ---------------------------------------------------------------------
def lists_indexed_earlier(prose, long):  # type: ignore[no-untyped-def]
    """The index of session 6: each word's first 64 holders as a list, a counter over them."""
    shared_words, keys = oracle_keys(prose, long)
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
        assert spans.get("nothing") is None and spans.place("nothing") is None
        for name, span in eager.items():
            assert spans.get(name) == span
            place = (span.line, span.col)
            assert spans.place(name) == place_of(spans, name) == place_of(eager, name) == place
        copy = pickle.loads(pickle.dumps(spans))
        assert type(copy) is dict and copy == eager
        assert cache_codec.encode(spans) == cache_codec.encode(eager)
    assert pickle.loads(pickle.dumps(report)) == report


# --- blocks placed only for a finding -------------------------------------------------------------
def placed_first_deduplicate_text(text: Text) -> tuple[Text, list[Finding]]:
    """:func:`dedupe.deduplicate_text` of session 6: every block placed before the walk."""
    blocks = split_blocks(text.body)
    span = text.spans.get("body")
    findings: list[Finding] = []
    kept = []
    summary_span = text.spans.get("summary")
    summary_line = f" on line {summary_span.line}" if summary_span else ""
    kept_keys = {dedupe.normalise(text.summary): f"the summary{summary_line}"}
    where = dedupe._block_locations(span, blocks, text.body) if span is not None else {}
    kept_prose = []
    for index, block in enumerate(blocks):
        if not block.prose:
            kept.append(block)
            continue
        key = dedupe.normalise(block.text)
        line, col = where.get(index, (block.line + 1, 1))
        if key in kept_keys:
            if span is not None:
                findings.append(Finding(span.path, line, col, Severity.NOTE,
                                        f"removed a duplicate paragraph in '{text.lang}' (same as "
                                        f"{kept_keys[key]}): '{near_duplicates.excerpt(key)}'"))
            continue
        kept_keys[key] = f"the paragraph on line {line}"
        kept.append(block)
        kept_prose.append((key, (line, col)))
    if span is not None:
        findings.extend(near_duplicates.near_duplicates(text, span, kept_prose))
    if len(kept) == len(blocks):
        return text, findings
    body = "\n\n".join(block.text for block in kept)
    if text.body.endswith("\n") and body:
        body += "\n"
    return (text if body == text.body else dataclasses.replace(text, body=body)), findings


def _as_entry(text: Text, style: str) -> Text:
    """``text`` read from an entry file, its body written in ``style`` (so that it has spans)."""
    if style == "|":
        header = "|2" if text.body[:1].isspace() else "|"  # an indented first line: say the indentation
        lines = text.body.split("\n")
        body = header + "\n" + "".join(f"    {line}\n" if line.strip() else "\n" for line in lines)
    else:
        body = json.dumps(text.body, ensure_ascii=False) + "\n"
    source = (f"de:\n  title: Titel\n  summary: {json.dumps(text.summary, ensure_ascii=False)}\n"
              f"  body: {body}da:\n  title: Titel\n  summary: Et resumé.\n")
    loaded, problems = parse(source, "glossary/t.yml", "t")
    assert problems == []
    entry = check_file(loaded, settings_from_file(ROOT / "mkdocs.yml")).entry
    assert entry is not None
    return entry.texts["de"]


@settings(max_examples=300, deadline=None)
@given(texts_with_repeats(), st.sampled_from(["|", '"', None]))
def test_blocks_placed_for_findings_only_give_the_same_findings(text: Text, style: str | None) -> None:
    if style is not None:
        text = _as_entry(text, style)
    assert dedupe.deduplicate_text(text) == placed_first_deduplicate_text(text)


@settings(max_examples=100, deadline=None)
@given(paragraphs(), st.sampled_from(["|", '"']))
def test_near_duplicates_placed_for_findings_only_are_the_same(prose, style: str) -> None:  # type: ignore[no-untyped-def]
    text = _as_entry(Text("de", "Titel", "Eine Zusammenfassung.",
                          body="\n\n".join(paragraph for paragraph, _ in prose)), style)
    new, old = dedupe.deduplicate_text(text), placed_first_deduplicate_text(text)
    assert new == old

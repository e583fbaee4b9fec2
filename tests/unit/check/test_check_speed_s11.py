"""The loader of session 11 (issue 17, points 4 and 6) against PyYAML's own.

:class:`lexikon.check.load._Loader` asks only the implicit resolvers of a plain scalar's first
character, and its ``descend_resolver``/``ascend_resolver`` are C functions that do nothing (PyYAML's
do nothing either without path resolvers, but are a Python call per node). Every node must get the
same tag, value, style and marks as from PyYAML's loader; and the composer must make no Python call
per node for the path resolvers (what the change saves, counted).

The near-duplicate index ranks every word of a paragraph (a word no other paragraph has, last) and
drops the unshared ranks after sorting, instead of taking the shared words out first: the same keys,
so the same candidates (against the old ranking).

The cache writes a record's tuple of texts (a report's link targets, an entry's tags) as the list
of them, not item by item: the same JSON as before.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import re
import sys
from collections import Counter
from types import FrameType

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from lexikon.check import cache_codec, load, near_duplicates
from lexikon.check.cache import light
from lexikon.check.fields import FieldReader
from lexikon.check.pipeline import report_file
from lexikon.core.model import FileReport
from lexikon.core.settings import settings_from_file
from tests.support.constants import ROOT


def _nodes(node: yaml.Node | None) -> list:
    """Every node's kind, tag, value (scalars), style and marks, in document order."""
    if node is None:
        return [None]
    marks = (node.start_mark.index, node.start_mark.line, node.start_mark.column,
             node.end_mark.index, node.end_mark.line, node.end_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return [("scalar", node.tag, node.value, node.style, marks)]
    if isinstance(node, yaml.SequenceNode):
        return [("seq", node.tag, node.flow_style, marks), *(n for item in node.value for n in _nodes(item))]
    return [("map", node.tag, node.flow_style, marks),
            *(n for key, value in node.value for n in (*_nodes(key), *_nodes(value)))]


def _same_as_pyyaml(source: str) -> None:
    try:
        old = load._BaseLoader(source).get_single_node()
    except yaml.YAMLError as err:
        try:
            load._Loader(source).get_single_node()
        except yaml.YAMLError as mine:
            assert str(mine) == str(err)
            return
        raise AssertionError(f"PyYAML refused what the loader read: {source!r}") from err
    assert _nodes(load._Loader(source).get_single_node()) == _nodes(old), source


# plain scalars that begin with a character some implicit resolver is registered for, or not
FIRST = st.sampled_from([*"ynNtTfFoO-+0123456789.<~=!&*aZü ", ""])
REST = st.text(alphabet="0123456789.:-+_eExXoOabfnlrsuTtYyNn ~<=", max_size=12)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(FIRST, REST), min_size=1, max_size=6), st.booleans())
def test_every_node_is_read_as_pyyaml_reads_it(scalars: list[tuple[str, str]], nested: bool) -> None:
    values = [first + rest for first, rest in scalars]
    _same_as_pyyaml("".join(f"k{number}: {value}\n" for number, value in enumerate(values)))
    _same_as_pyyaml("".join(f"- {value}\n" for value in values))
    if nested:
        _same_as_pyyaml("a:\n  b:\n" + "".join(f"    - [{value}, {{c: {value}}}]\n" for value in values))


def test_the_projects_entries_are_read_as_pyyaml_reads_them() -> None:
    sources = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "glossary").glob("*.yml"))]
    sources += ["de:\n  title: 'true'\n  summary: \"1\"\n  body: |\n    null\n"
                "  n: [no, NO, 0o7, 1_000, .inf, ~]\n", "? [a, b]\n: c\n", "- &a x\n- *a\n", ""]
    assert load._Loader is not load._BaseLoader  # (the shortcut is in use)
    for source in sources:
        _same_as_pyyaml(source)


def test_composing_makes_no_python_call_per_node_for_path_resolvers() -> None:
    source = "".join(f"k{number}:\n  - a\n  - [b, c]\n" for number in range(50))
    calls: dict[str, int] = {}

    def count(frame: FrameType, event: str, _: object) -> None:
        if event == "call":
            calls[frame.f_code.co_name] = calls.get(frame.f_code.co_name, 0) + 1

    loader = load._Loader(source)
    sys.setprofile(count)
    try:
        root = loader.get_single_node()
    finally:
        sys.setprofile(None)
        loader.dispose()
    assert root is not None and len(root.value) == 50
    assert calls.get("descend_resolver", 0) == 0 and calls.get("ascend_resolver", 0) == 0
    assert calls.get("resolve", 0) == 50 * 6 + 1  # (it is still asked once per node)


def _old_encode(value: object) -> object:
    """The cache's encoder as it was: every field of a record through :func:`cache_codec.encode`
    (its tuples of texts item by item), but tuples of plain named tuples flattened (the oracle)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        encoded = []
        for field in dataclasses.fields(value):
            match = re.fullmatch(r"tuple\[(\w+), \.\.\.\]", field.type if isinstance(field.type, str) else "")
            item = getattr(value, field.name)
            flat = match and match.group(1) != "str" and cache_codec._plain_types(match.group(1))
            encoded.append(cache_codec._flatten(item) if flat else _old_encode(item))
        return encoded
    if isinstance(value, tuple | list):
        return [_old_encode(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _old_encode(item) for key, item in value.items()}
    return cache_codec.encode(value)


def test_reports_and_entries_are_encoded_as_before() -> None:
    project = settings_from_file(ROOT / "mkdocs.yml")
    paths = sorted((ROOT / "glossary").glob("*.yml"))
    reports = [report_file(path.read_bytes(), f"glossary/{path.name}", path.stem, project, place_links=False)
               for path in paths]
    reports.append(dataclasses.replace(reports[0], links=("a", "b-c", "ä")))
    assert any(report.links for report in reports) and any(report.entry and report.entry.tags
                                                           for report in reports)
    for report in reports:
        encoded = cache_codec.encode(light(report))
        assert encoded == _old_encode(light(report))
        assert json.dumps(encoded) == json.dumps(_old_encode(light(report)))
        assert cache_codec.decode(FileReport, encoded) == light(report)
        if report.entry is not None:
            assert cache_codec.encode(report.entry) == _old_encode(report.entry)


SUFFIXES = ["", " ", "\t", "  ", " # c", "\t#c", " \t# c d", "#c", " x # c", " x#c", " ## c", "  #"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(SUFFIXES), min_size=3, max_size=3))
def test_a_comment_after_a_plain_text_is_found_wherever_white_space_and_a_hash_follow_it(
        suffixes: list[str]) -> None:
    """(Only white space right after a value can start a comment: the reader looks no further
    for the others.)"""
    lines = ["tags: [a]", "de:", "  title: Wort", "  summary: Ein Satz über das Wort.", "  aliases:",
             "    - Anderes"]
    for number, suffix in zip((2, 3, 5), suffixes, strict=True):
        lines[number] += suffix
    source = "\n".join(lines) + "\n"
    report = report_file(source.encode(), "glossary/x.yml", "x", settings_from_file(ROOT / "mkdocs.yml"))
    found = sorted((finding.line, finding.col) for finding in report.findings
                   if "as a comment" in finding.message)
    expected = []
    for number, suffix in zip((2, 3, 5), suffixes, strict=True):
        if match := re.search(r"[ \t]#", suffix):  # the value ends before the white space
            expected.append((number + 1, len(lines[number]) - len(suffix) + match.end()))
    assert found == expected, source


def test_only_a_value_followed_by_white_space_is_searched_for_a_comment(
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    original = FieldReader.comment_after
    monkeypatch.setattr(FieldReader, "comment_after",
                        lambda self, node, what: asked.append(node.value) or original(self, node, what))
    source = "de:\n  title: Wort \n  summary: Ein Satz.\n  aliases: [Anderes, Zweites ]\n  body: Text # c\n"
    report = report_file(source.encode(), "glossary/x.yml", "x", settings_from_file(ROOT / "mkdocs.yml"))
    assert asked == ["Wort", "Zweites", "Text"]  # not 'Ein Satz.' nor 'Anderes' (a comma follows)
    comments = [(finding.line, finding.col) for finding in report.findings
                if "as a comment" in finding.message]
    assert comments == [(5, 14)]


def _old_keys(words: list[set[str]]) -> list[list[int]]:
    """The near-duplicate index's keys as main ranked them (the oracle): the shared words taken
    out of each paragraph's set first, then ranked and sorted."""
    frequency = Counter(itertools.chain.from_iterable(words))
    shared = sorted((word for word, count in frequency.items() if count > 1),
                    key=lambda word: (frequency[word], word))
    rank = {word: number for number, word in enumerate(shared)}
    return [sorted(map(rank.__getitem__, paragraph & rank.keys()))[:near_duplicates._KEYS]
            for paragraph in words]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "Ä", "ä",
                                          "ß", "ss", "x1", "x2", "x3", "y"]), max_size=14),
                min_size=17, max_size=40))
def test_the_index_finds_the_candidates_it_found_when_keys_were_taken_out_first(
        paragraphs: list[list[str]]) -> None:
    prose = [(" ".join(["Absatz", *words, "x" * 40]), (number, 1)) for number, words in enumerate(paragraphs)]
    long = list(range(len(prose)))
    words = [set(prose[index][0].casefold().split()) for index in long]
    keys = _old_keys(words)
    # the oracle's candidates: the same walk over the old keys
    holders, counts, expected = [0] * (max((max(k) for k in keys if k), default=0) + 1), {}, []
    for position, paragraph_keys in enumerate(keys):
        expected.append(near_duplicates._most_shared([holders[word] for word in paragraph_keys],
                                                     len(paragraph_keys)))
        for word in paragraph_keys:
            if counts.get(word, 0) < near_duplicates._PER_KEY:
                counts[word] = counts.get(word, 0) + 1
                holders[word] |= 1 << position
    earlier = near_duplicates._indexed_earlier(prose, long)
    assert [earlier(long, position) for position in range(len(long))] == expected

"""The loader of session 11 (issue 17, points 4 and 6) against PyYAML's own.

:class:`lexikon.check.load._Loader` asks only the implicit resolvers of a plain scalar's first
character, and its ``descend_resolver``/``ascend_resolver`` are C functions that do nothing (PyYAML's
do nothing either without path resolvers, but are a Python call per node). Every node must get the
same tag, value, style and marks as from PyYAML's loader; and the composer must make no Python call
per node for the path resolvers (what the change saves, counted).
"""

from __future__ import annotations

import sys
from types import FrameType

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from lexikon.check import load
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

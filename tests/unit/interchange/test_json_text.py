"""The exports' JSON text is ``json.dumps(…, ensure_ascii=False, indent=2, sort_keys=True)``'s,
byte for byte, on any document (issue 17: made without the pure-Python encoder)."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lexikon.interchange.json_export import json_text
from lexikon.interchange.json_text import indented


def _reference(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)


_text = st.text(st.characters(codec=None, exclude_categories=("Cs",)), max_size=12)  # any code point
_lone = st.text(st.characters(categories=("Cs",)), max_size=2)  # lone surrogates: dumps passes them on
_scalars = (st.none() | st.booleans() | st.integers() | st.integers(min_value=-(2**80), max_value=2**80)
            | st.floats(allow_nan=True, allow_infinity=True) | _text | _lone)
_keys = _text | st.sampled_from(["a", "b", "title", "ä", "z", "", "A", "_"])
_documents = st.recursive(
    _scalars,
    lambda inner: (st.lists(inner, max_size=5) | st.lists(inner, max_size=3).map(tuple)
                   | st.dictionaries(_keys, inner, max_size=5)),
    max_leaves=40)


@settings(max_examples=600, deadline=None)
@given(_documents)
def test_any_document_is_written_as_json_dumps_writes_it(document: object) -> None:
    assert indented(document) == _reference(document)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.integers() | st.floats() | st.booleans() | st.none(), st.integers(), max_size=1))
def test_keys_that_are_not_text_as_json_writes_them(document: dict) -> None:
    assert indented(document) == _reference(document)


def test_the_corners_by_name() -> None:
    deep: object = 1
    for _ in range(40):  # deeper than the indents made ahead
        deep = [deep]
    for document in ([], {}, [[]], {"a": {}}, [{}, []], {"x": [1, 2.5, None, True, False, "é\n\t\"\\"]},
                     (1, (2, 3)), 1e16, -0.0, math.inf, -math.inf, "\u2028\x7f\x00\x1f", 2**70, True, None,
                     {"b": 1, "a": {"d": [1], "c": "x"}}, deep):
        assert indented(document) == _reference(document), document
    nan = indented([math.nan])
    assert nan == _reference([math.nan]) == "[\n  NaN\n]"


def test_what_json_refuses_is_refused() -> None:
    for document in ({1: 1, "a": 2}, {(1,): 1}, [object()], {"a": {1, 2}}):
        with pytest.raises(TypeError):
            _reference(document)
        with pytest.raises(TypeError):
            indented(document)


def test_glossary_json_ends_in_one_newline() -> None:
    assert json_text({"b": [1], "a": "ü"}) == _reference({"b": [1], "a": "ü"}) + "\n"

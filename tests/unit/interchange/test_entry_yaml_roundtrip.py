"""An imported text is written as YAML that reads back as exactly that text, whatever it holds:
a date that does not exist (``2026-02-30``), a boolean (``yes``, ``on``), a number, ``null``
or ``~``, YAML's own syntax, line breaks YAML would fold (NEL, U+2028) or characters its
reader refuses. Never a ValueError ("this is a bug"), never an ImportProblem."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from lexikon.interchange.entry_yaml import plain_yaml, quoted, render_block

TRICKY = ["31.02.2026", "2026-02-30", "2026-13-01", "2026-03-01", "2026-03-01 10:00:00", "yes", "no", "on",
          "Off", "y", "n", "true", "NULL", "null", "~", "", "1", "-1.5e3", "0x1F", "0o17", "1_000", ".inf",
          ".NaN", "<<", "=", "- x", "? x", "#x", "x #y", "a: b", "[x]", "{x}", "&a", "*a", "!tag", "|", ">",
          "%x", "@x", "`x`", "'x'", '"x"', " x", "x ", "a\x85b", "a\u2028b", "a\u2029b", "a\x7fb", "\ufeffx",
          "a\tb", "a\rb", "a\r\nb", "\x00", "\ufffe"]
texts = st.text(alphabet=st.characters(exclude_categories=("Cs",)))


def _block(value: str) -> dict[str, object]:
    return {"title": value, "aliases": [value, value + "x"], "summary": value, "body": value,
            "sources": [{"title": value, "url": value}], "qualifier": value, "reviewed": value}


def _reads(block: dict[str, object]) -> dict[str, object]:
    """The block as the check reads it (libyaml) and as pure-Python YAML does: the same."""
    text = render_block("de", block)
    fast = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))["de"]
    assert yaml.safe_load(text)["de"] == fast
    return fast


@pytest.mark.parametrize("value", TRICKY)
def test_a_value_yaml_would_read_as_another_type_reads_back_as_the_same_text(value: str) -> None:
    block = _block(value)
    assert _reads(block) == block
    assert yaml.safe_load(f"k: {quoted(value)}") == {"k": value}


@settings(max_examples=300, deadline=None)
@given(texts)
def test_any_text_round_trips_in_every_field(value: str) -> None:
    block = _block(value)
    assert _reads(block) == block


@settings(max_examples=200, deadline=None)
@given(st.lists(texts, min_size=1, max_size=4))
def test_any_texts_round_trip_as_lists_and_sentences(values: list[str]) -> None:
    block = {"title": values[0], "aliases": values, "summary": ". ".join(values), "body": "\n".join(values)}
    assert _reads(block) == block


def test_an_importer_reads_a_date_that_does_not_exist_as_text() -> None:
    """Front matter or an existing entry with ``2026-02-30``: text, not a crash."""
    assert plain_yaml("description: 2026-02-30\nreviewed: 2026-03-01\n") == {
        "description": "2026-02-30", "reviewed": "2026-03-01"}

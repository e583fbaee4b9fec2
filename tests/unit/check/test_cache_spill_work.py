"""A store's spilled items are copied into its files as written, not decoded and encoded again
(issue 17, point 6: the end of a cold build re-encoded tens of megabytes of compressed pages).

Counted: the JSON decodes of spilled items when the store is written; the files stay the bytes
the held path writes (tests/unit/check/test_cache_spill.py), and an unchanged shard is not written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lexikon.check import cache, cache_spill
from tests.unit.check.test_cache_spill import _files, _items, _store


class _CountedJson:
    """``cache_spill``'s ``json``, its decodes counted."""

    def __init__(self) -> None:
        self.decoded = 0
        self.dumps = json.dumps

    def loads(self, data: bytes | str) -> object:
        self.decoded += 1
        return json.loads(data)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> _CountedJson:
    counter = _CountedJson()
    monkeypatch.setattr(cache_spill, "json", counter)
    return counter


def test_a_new_store_is_written_without_decoding_its_spilled_items(tmp_path: Path, counted) -> None:
    items = _items(300)
    held = tmp_path / "held"
    _store(held).keep_items("frames", dict(items))
    store = _store(tmp_path / "spilled")
    kept = store.spill()
    for key, value in items.items():
        kept[key] = value
    store.keep_items("frames", kept)
    assert counted.decoded == 0  # before: all 300 read back and decoded
    assert _files(tmp_path / "spilled") == _files(held)


def test_an_item_spilled_again_unchanged_writes_nothing_and_a_changed_one_its_shard(tmp_path: Path) -> None:
    items = _items(40)
    _store(tmp_path).keep_items("pages", dict(items))
    before = _files(tmp_path)
    first = next(iter(items))
    again = _store(tmp_path)
    kept = again.spill()
    for key in items:
        kept.hold(key, again.item("pages", key))
    kept[first] = json.loads(json.dumps(items[first]))  # the same value, spilled anew
    again.keep_items("pages", kept)
    assert _files(tmp_path) == before
    third = _store(tmp_path)
    kept = third.spill()
    for key in items:
        kept.hold(key, third.item("pages", key))
    kept[first] = {"packed": "changed"}
    third.keep_items("pages", kept)
    after = _files(tmp_path)
    changed = [name for name in after if after[name] != before[name]]
    assert changed == [f"pages-{'f' * 24}-{first[0] % cache.SHARDS:02d}.json"]
    assert _store(tmp_path).item("pages", first) == {"packed": "changed"}

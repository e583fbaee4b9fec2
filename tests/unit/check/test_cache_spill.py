"""A store's new items go to disk as they are made and come back one shard at a time: the
store's files are the same bytes as when every item was held in memory (issue 17, point 6)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lexikon.check import cache
from lexikon.check.cache_spill import SpilledItems

KEY = b"k" * cache.KEY_SIZE


def _store(root: Path) -> cache.ReportCache:
    return cache.ReportCache(root / ".cache" / "lexikon", "f" * 24, root, KEY)


def _items(count: int) -> dict[bytes, object]:
    return {bytes([n % 256, n // 256]) * 10: {"packed": f"Ä{n}" * 50, "toc": [n, None, {"a": [1.5]}]}
            for n in range(count)}


def _files(root: Path) -> dict[str, bytes]:
    folder = root / ".cache" / "lexikon"
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_spilled_store_is_the_held_store_byte_for_byte(tmp_path: Path) -> None:
    items = _items(300)
    held, spilled = tmp_path / "held", tmp_path / "spilled"
    _store(held).keep_items("frames", dict(items))
    store = _store(spilled)
    kept = store.spill()
    for key, value in items.items():
        kept[key] = value
    assert len(kept) == 300 and kept.in_memory() == 0  # nothing of it waits in memory
    assert not list((spilled / ".cache" / "lexikon").iterdir())  # and the file has no name
    store.keep_items("frames", kept)
    assert _files(spilled) == _files(held)
    assert len(_files(held)) == cache.SHARDS
    assert _store(spilled).item("frames", next(iter(items))) == next(iter(items.values()))


def test_items_taken_from_the_store_are_held_not_copied(tmp_path: Path) -> None:
    items = _items(40)
    _store(tmp_path).keep_items("pages", dict(items))
    again = _store(tmp_path)
    kept = again.spill()
    for key in items:
        kept.hold(key, again.item("pages", key))
    assert kept.in_memory() == 40
    before = _files(tmp_path)
    again.keep_items("pages", kept)
    assert _files(tmp_path) == before  # nothing changed: nothing written


def test_a_later_value_replaces_an_earlier_one_in_its_place(tmp_path: Path) -> None:
    first, second = b"\x01" * 20, b"\x11" * 20  # one shard
    kept = _store(tmp_path).spill()
    kept[first], kept[second], kept[first] = "a", "b", "c"
    assert kept.shard(1, cache.SHARDS) == {first.hex(): "c", second.hex(): "b"}
    assert list(kept.shard(1, cache.SHARDS)) == [first.hex(), second.hex()]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_child_does_not_write_over_the_parents_items(tmp_path: Path) -> None:
    """The second process is forked with the file open: its items must not land in it."""
    kept = _store(tmp_path).spill()
    kept[b"\x00" * 20] = "parent's first"
    readable, writable = os.pipe()
    child = os.fork()
    if child == 0:  # the second process puts pages of its own, after the parent's next ones
        try:
            os.read(readable, 1)
            for n in range(50):
                kept[bytes([n]) * 20] = "child's " * 100
        finally:
            os._exit(0)
    kept[b"\x10" * 20] = "parent's second"
    os.write(writable, b"!")
    os.waitpid(child, 0)
    assert kept.shard(0, cache.SHARDS) == {("00" * 20): "parent's first", ("10" * 20): "parent's second"}


def test_without_a_folder_to_write_in_items_are_held(tmp_path: Path) -> None:
    (tmp_path / ".cache").write_text("a file where the folder would be")
    kept = SpilledItems(tmp_path / ".cache" / "lexikon", tmp_path)
    kept[b"\x02" * 20] = ["x"]
    assert kept.in_memory() == 1
    assert kept.shard(2, cache.SHARDS) == {("02" * 20): ["x"]}

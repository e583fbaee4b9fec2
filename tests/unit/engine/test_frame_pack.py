"""The frame store's items (:mod:`lexikon.engine.mkdocs.frame_pack`): an output comes back byte
for byte around the page's HTML, and anything not exactly such an item, or a frame whose
dictionary is gone or broken, is a miss (the page is rendered), never a wrong page."""

from __future__ import annotations

import json

from lexikon.engine.mkdocs.frame_pack import WHOLE, FramePacks
from tests.support.memory_store import MemoryStore

KEY = b"\x07" * 20
CONTENT = "<h1>Titel</h1>\n<p>Inhalt – „zitiert“</p>"


def _output(content: str = CONTENT, n: int = 0) -> str:
    head = f"<html><head><title>T{n}</title></head><body><nav>{'x' * 500}</nav>"
    return f"{head}{content}<footer/></body></html>"


def _packs(store: MemoryStore) -> FramePacks:
    return FramePacks(store, store.spill(), "frames")


def _stored(packs: FramePacks) -> dict[bytes, object]:
    """The spilled items as the store would read them back (through JSON)."""
    return {key: json.loads(json.dumps(value)) for key, value in packs.kept.items()}


def test_an_output_comes_back_around_the_pages_html() -> None:
    store = MemoryStore()
    packs = _packs(store)
    item = packs.pack(_output(), CONTENT)
    assert isinstance(item[0], int) and item[0] > 0
    packs.kept[KEY] = item
    store.items = _stored(packs)
    again = _packs(store)
    assert again.unpack(store.items[KEY], CONTENT) == _output()
    assert len(store.items) == 2  # the frame and its dictionary


def test_an_output_without_the_html_as_it_is_is_stored_whole() -> None:
    store = MemoryStore()
    packs = _packs(store)
    item = packs.pack(_output("&lt;escaped&gt;"), "<escaped>")
    assert item[0] == WHOLE
    assert packs.unpack(json.loads(json.dumps(item)), "<escaped>") == _output("&lt;escaped&gt;")
    assert packs.unpack(packs.pack(_output(""), ""), "") == _output("")


def test_a_frame_whose_dictionary_is_gone_or_broken_is_a_miss() -> None:
    store = MemoryStore()
    packs = _packs(store)
    item = packs.pack(_output(), CONTENT)
    stored = _stored(packs)
    dictionary = next(key for key, value in stored.items() if value[0] == "zdict")
    store.items = {}  # the dictionary not kept
    assert _packs(store).unpack(item, CONTENT) is None
    store.items = {dictionary: ["zdict", "bm90IHRoZSBvbmU="]}  # another one under its name
    assert _packs(store).unpack(item, CONTENT) is None
    store.items = {dictionary: ["zdict", "!"]}
    assert _packs(store).unpack(item, CONTENT) is None


def test_anything_else_is_a_miss() -> None:
    store = MemoryStore()
    packs = _packs(store)
    item = packs.pack(_output(), CONTENT)
    store.items = _stored(packs)
    for wrong in (None, "text", [1, 2], [item[0], item[1], "AAAA"], ["0", item[1], item[2]],
                  [10**9, item[1], item[2]], [item[0], "zz", item[2]], [item[0], item[1], 5]):
        assert _packs(store).unpack(wrong, CONTENT) is None, wrong


def test_a_held_frame_holds_its_dictionary_and_new_frames_use_it() -> None:
    store = MemoryStore()
    first = _packs(store)
    first.kept[KEY] = first.pack(_output(), CONTENT)
    store.items = _stored(first)
    later = _packs(store)
    later.hold(KEY, store.items[KEY])
    assert set(later.kept) == set(store.items)  # the frame and its dictionary
    other = later.pack(_output("<p>neu</p>", 1), "<p>neu</p>")
    assert other[1] == store.items[KEY][1]  # no new dictionary
    assert set(later.kept) == set(store.items)

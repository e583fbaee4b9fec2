"""The signed store (:class:`lexikon.check.cache.ReportCache`) in memory, for unit tests of
what keeps its outputs there: the calls those use, values passed through JSON as on disk."""

from __future__ import annotations

import json


class SpilledItems(dict):
    """What ``ReportCache.spill`` hands out: new items, and items taken again (``hold``)."""

    def hold(self, key: bytes, value: object) -> None:
        self[key] = value


class MemoryStore:
    """``item``, ``spill`` and ``keep_items`` of the signed store; ``items`` is what it holds."""

    def __init__(self) -> None:
        self.items: dict[bytes, object] = {}

    def item(self, store: str, key: bytes) -> object:
        return self.items.get(key)

    def spill(self) -> SpilledItems:
        return SpilledItems()

    def keep_items(self, store: str, wanted: dict[bytes, object]) -> None:
        self.items = {key: json.loads(json.dumps(value)) for key, value in wanted.items()}

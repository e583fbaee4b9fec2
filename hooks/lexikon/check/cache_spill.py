"""A store's items as one build makes them, on disk at once, not in memory to the build's end.

The build caches (pages as converted, frames as templated, term pages as rendered) keep what
this build made for the next one, and only a good build may replace the store, so all of it
waited in memory until the end: ~350 MB at 10,000 terms, the largest part of the main
process there. Each new item is now written to an anonymous file in the cache folder as it
is made (JSON, one after the other; only its key and place stay in memory) and read back one
shard at a time when the store is written (:meth:`.cache.ReportCache.keep_items`). The file
has no name: a failed build leaves nothing behind, and the store files are written exactly
as before (signed, fingerprinted, only after a good build). Items taken from the store are
held as they are (the loaded store holds them anyway).

Where no file can be made (a read-only folder), items are held in memory as before.

A spilled item's JSON is the very text its store file holds: at the build's end it is copied
into the shard as it is (:meth:`SpilledItems.encoded`), not decoded and encoded again (a
third of a cold build's cost of writing its caches: tens of megabytes of compressed pages).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

from lexikon.core.safe_write import WriteRefused, make_folder


class _Held:
    """An item kept in memory (taken from the store, or no file to spill to)."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value


class SpilledItems:
    """``key -> JSON value`` of one store, new values on disk, in the order they were set."""

    def __init__(self, folder: Path, root: Path) -> None:
        self._folder, self._root = folder, root
        self._descriptor: int | None = None
        self._owner = os.getpid()
        """The process whose file it is: a forked child (the second process) shares the file
        and would write over the parent's items; its own items it holds (it writes no store)."""
        self._failed = False
        self._end = 0
        self._where: dict[bytes, tuple[int, int] | _Held] = {}

    def hold(self, key: bytes, value: object) -> None:
        """Keep an item already in memory (one taken from the loaded store): no copy is made."""
        self._where[key] = _Held(value)

    def __setitem__(self, key: bytes, value: object) -> None:
        """Keep a new item: written to the file now; only where it stands stays in memory."""
        descriptor = self._file()
        if descriptor is None:
            self._where[key] = _Held(value)
            return
        data = encoded(value)
        try:
            written = os.pwrite(descriptor, data, self._end)  # at an offset: a forked child shares the file
            while written < len(data):
                written += os.pwrite(descriptor, data[written:], self._end + written)
        except OSError:
            self._where[key] = _Held(value)
            return
        self._where[key] = (self._end, len(data))
        self._end += len(data)

    def __len__(self) -> int:
        return len(self._where)

    def __contains__(self, key: object) -> bool:
        return key in self._where

    def in_memory(self) -> int:
        """How many items are held in memory (not on disk)."""
        return sum(isinstance(place, _Held) for place in self._where.values())

    def shard(self, number: int, shards: int) -> dict[str, object]:
        """The items whose key falls into shard ``number`` of ``shards``, read back, in order."""
        items: dict[str, object] = {}
        for key, place in self._where.items():
            if key[0] % shards == number:
                items[key.hex()] = place.value if isinstance(place, _Held) else self._read(*place)
        return items

    def differs(self, number: int, shards: int, old: dict[str, object]) -> bool:
        """Whether shard ``number`` holds other keys or values than ``old`` (a loaded store shard);
        a spilled value is read back only where ``old`` has its key."""
        mine = [(key.hex(), place) for key, place in self._where.items() if key[0] % shards == number]
        if len(mine) != len(old):
            return True
        for name, place in mine:
            if name not in old:
                return True
            value = place.value if isinstance(place, _Held) else self._read(*place)
            if value != old[name]:
                return True
        return False

    def encoded(self, number: int, shards: int) -> bytes:
        """Shard ``number`` as the JSON object a store file holds, the same bytes as
        :func:`encoded` of :meth:`shard`; spilled items' text copied as written."""
        parts = []
        for key, place in self._where.items():
            if key[0] % shards == number:
                data = encoded(place.value) if isinstance(place, _Held) else self._bytes(*place)
                parts.append(b'"' + key.hex().encode() + b'":' + data)
        return b"{" + b",".join(parts) + b"}"

    def _bytes(self, offset: int, size: int) -> bytes:
        assert self._descriptor is not None
        return os.pread(self._descriptor, size, offset)

    def _read(self, offset: int, size: int) -> object:
        assert self._descriptor is not None
        data = os.pread(self._descriptor, size, offset)
        return json.loads(data)

    def _file(self) -> int | None:
        if os.getpid() != self._owner:
            return None
        if self._descriptor is None and not self._failed:
            try:
                folder = make_folder(self._folder, self._root)
                self._descriptor = _anonymous(folder)
            except (OSError, WriteRefused):
                self._failed = True
        return self._descriptor

    def close(self) -> None:
        """Forget every item and the file (the disk space is freed with it)."""
        if self._descriptor is not None:
            with contextlib.suppress(OSError):
                os.close(self._descriptor)
        self._descriptor, self._where, self._end = None, {}, 0

    def __del__(self) -> None:
        self.close()


def encoded(value: object) -> bytes:
    """A JSON value as the store files hold it (UTF-8, no spaces)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _anonymous(folder: Path) -> int:
    """A file in ``folder`` that no name reaches: gone when closed, whatever ends the build."""
    with tempfile.TemporaryFile(dir=folder, prefix=".spill-") as stream:
        return os.dup(stream.fileno())

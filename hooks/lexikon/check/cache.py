"""What a file yielded last time, found again by its content: unchanged files are not re-read.

Each entry file's report is stored under a hash of its path and bytes. The whole store
sits under a fingerprint of everything else that shapes a report (this package's code,
the configured languages, the versions of the YAML and Markdown libraries): change any
of it and the store starts empty. Time stamps play no part.

Two stores, because they are wanted apart: the reports without their entries (findings,
names used, titles: all ``lexicon check`` needs, small and quick to read) and the entries
(what the build renders; large).

Plain JSON, never pickle: a pull request can commit files into ``.cache/lexikon/``, and a
pickle there would run code on the next check. Each file is signed with a key of this
machine (:func:`machine_key`), and names its format, version,
fingerprint and store; each item is rebuilt by :mod:`.cache_codec`, which accepts only
the types the records declare. Anything else (a foreign version, a truncated file, a
pickle, a wrong type anywhere) reads as a miss: the file is read again.
"""

from __future__ import annotations

import hashlib
import hmac
import importlib.util
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

from lexikon.check import cache_codec
from lexikon.check.cache_spill import SpilledItems, encoded
from lexikon.check.records import replaced
from lexikon.core.model import Entry, FileReport
from lexikon.core.safe_write import WriteRefused, checked, write_bytes
from lexikon.core.settings import Settings

FOLDER = Path(".cache") / "lexikon"
"""Where the stores live, relative to the project (Material keeps its caches in ``.cache``)."""
_PACKAGE = Path(__file__).resolve().parent.parent  # all of lexikon


def file_key(display: str, data: bytes) -> bytes:
    """The key of one file's report: its path (findings name it) and its bytes."""
    return hashlib.blake2b(display.encode() + b"\0" + data, digest_size=20).digest()


def fingerprint(settings: Settings) -> str:
    """Everything besides the file that shapes its report."""
    digest = hashlib.blake2b(digest_size=12)
    for path in sorted(_PACKAGE.rglob("*.py")):  # locale files shape findings too
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + path.read_bytes())
    for path in sorted(_PACKAGE.rglob("*.yml")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + path.read_bytes())
    digest.update(repr((settings.languages, yaml.__version__, sys.version_info[:2])).encode())
    markdown = importlib.util.find_spec("markdown")  # its version, without importing it (slow)
    if markdown is not None and markdown.origin:
        digest.update(Path(markdown.origin).with_name("__meta__.py").read_bytes())
    return digest.hexdigest()


def light(report: FileReport) -> FileReport:
    """The report without its entry, its names and titles as plain tuples (quick to read back)."""
    return replaced(report, entry=None, references=tuple(map(tuple, report.references)),
                    titles=tuple(map(tuple, report.titles)), names=tuple(map(tuple, report.names)))


SHARDS = 16
"""Each store is kept in this many files, by the first byte of the key: after one edit,
one of them is written again, not the whole store (70 MB of entries at 10,000 terms)."""


FORMAT = "lexikon-cache"
VERSION = 3
"""The stores' format version; CI's cache key names it (``.github/workflows/site.yml``)."""
KEY_SIZE = 32
KEY_VARIABLE = "LEXIKON_CACHE_KEY"
"""A secret shared by the runs that may trust each other's cache (CI's, restored by
``actions/cache``): its holders sign and prove the stores; without it, the machine's key."""
MIN_SECRET = 16


def machine_key() -> bytes | None:
    """The key that signs and proves the cache: from :data:`KEY_VARIABLE` when it is set,
    else this machine's, made once, kept outside every project.

    A cache file holds findings and entries: one committed by a pull request could say
    "no errors" for a file that has some. Each file is signed with this key (keyed
    BLAKE2b), which no clone and no pull request has, so a file made anywhere else is a
    miss. CI's runners are new machines each time: a cache restored there is proven by the
    secret instead (a run without it, a fork's pull request, treats it as foreign). A secret
    too short to be one (< :data:`MIN_SECRET` bytes) is not used: no cache at all. None
    (no cache) when no key can be had.
    """
    secret = os.environ.get(KEY_VARIABLE, "").strip().encode()
    if secret:
        if len(secret) < MIN_SECRET:
            return None
        return hashlib.blake2b(secret, digest_size=KEY_SIZE, person=b"lexikon-cache").digest()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    path = Path(base) / "lexikon" / "cache-key"
    try:
        key = path.read_bytes()
    except FileNotFoundError:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(os.urandom(KEY_SIZE))
        except FileExistsError:
            pass  # another run made it meanwhile
        except OSError:
            return None
        return machine_key()
    except OSError:
        return None
    return key if len(key) == KEY_SIZE else None


def _signature(data: bytes, key: bytes) -> bytes:
    return hashlib.blake2b(data, key=key, digest_size=32).hexdigest().encode()


class ReportCache:
    """The two stores of one project, read once and written back where they changed."""

    def __init__(self, folder: Path, fingerprint: str, root: Path | None = None,
                 key: bytes | None = None) -> None:
        self.folder = folder
        self.key = key
        """Signs what is written and proves what is read (see :func:`machine_key`); no key, no cache."""
        self.fingerprint = fingerprint
        self.root = root or folder
        """Writes stay inside this folder and go through no link (see :mod:`.safe_write`)."""
        self._stores: dict[str, list[dict[str, object]]] = {}

    @classmethod
    def for_settings(cls, settings: Settings) -> ReportCache:
        return cls(settings.project_dir / FOLDER, fingerprint(settings), settings.project_dir, machine_key())

    def _path(self, store: str, shard: int) -> Path:
        return self.folder / f"{store}-{self.fingerprint}-{shard:02d}.json"

    def _load(self, store: str) -> list[dict[str, object]]:
        if store not in self._stores:
            self._stores[store] = [self._read(store, self._path(store, shard)) for shard in range(SHARDS)]
        return self._stores[store]

    def _read(self, store: str, path: Path) -> dict[str, object]:
        """The shard's items, still as JSON (each is checked when it is taken); {} if anything is
        off: no key, a signature not ours, a foreign format, version, fingerprint or store."""
        if self.key is None:
            return {}
        try:
            checked(path, self.root)  # a linked cache file is not read either
            with open(path, "rb") as stream:
                signature, _, data = stream.read().partition(b"\n")
            if not hmac.compare_digest(signature, _signature(data, self.key)):
                return {}
            document = json.loads(data)
        except (OSError, ValueError, WriteRefused, RecursionError):
            return {}
        if (not isinstance(document, dict) or document.get("format") != FORMAT
                or document.get("version") != VERSION or document.get("fingerprint") != self.fingerprint
                or document.get("store") != store or not isinstance(document.get("items"), dict)):
            return {}
        return document["items"]

    def item(self, store: str, key: bytes) -> object:
        """One stored item of ``store`` as JSON (None when missing), for records kept beside the
        reports (each file's uses of deprecated terms, :mod:`.term_use`)."""
        return self._load(store)[key[0] % SHARDS].get(key.hex())

    def stored_items(self, store: str) -> Iterator[tuple[bytes, object]]:
        """Every item ``store`` holds now, as JSON (each is checked when it is taken)."""
        for shard in self._load(store):
            for name, value in shard.items():
                yield bytes.fromhex(name), value

    def spill(self) -> SpilledItems:
        """A place for a store's new items until the build ends (on disk, in this cache's folder)."""
        return SpilledItems(self.folder, self.root)

    def keep_items(self, store: str, wanted: dict[bytes, object] | SpilledItems) -> None:
        """Make ``store`` hold exactly ``wanted`` (JSON values), written where it changed."""
        if isinstance(wanted, SpilledItems):
            self._sync_spilled(store, wanted)
        else:
            self._sync(store, wanted)

    def _sync_spilled(self, store: str, wanted: SpilledItems) -> None:
        """As :meth:`_sync`, one shard read back and written at a time; the store is not held
        afterwards (read from its files again if asked): a build's end holds one shard at most."""
        old = self._load(store)
        for shard in range(SHARDS):
            if wanted.differs(shard, SHARDS, old[shard]):
                self._write(store, {shard: wanted.encoded(shard, SHARDS)})
            old[shard] = {}
        del self._stores[store]
        wanted.close()

    def is_empty(self) -> bool:
        """Nothing stored for this fingerprint: every file is new."""
        return not any(self._load("reports"))

    def get(self, key: bytes, *, with_entry: bool) -> FileReport | None:
        """The stored report for ``key``; with its entry when asked (a miss if it is not stored,
        or if what is stored is not exactly what this version writes)."""
        name = key.hex()
        report = cache_codec.decode(FileReport, self._load("reports")[key[0] % SHARDS].get(name))
        if report is None or not (with_entry and report.has_entry):
            return report
        entry = cache_codec.decode(Entry, self._load("entries")[key[0] % SHARDS].get(name))
        return None if entry is None else replaced(report, entry=entry)

    def keep(self, fresh: dict[bytes, FileReport], *, with_entries: bool) -> None:
        """Make the stores hold exactly ``fresh`` (the glossary's files now), written if changed."""
        reports = self._load("reports")
        self._sync("reports", {key: reports[key[0] % SHARDS].get(key.hex())
                               or cache_codec.encode_light(report) for key, report in fresh.items()})
        if with_entries:
            entries = self._load("entries")
            self._sync("entries", {key: entries[key[0] % SHARDS].get(key.hex())
                                   or cache_codec.encode(report.entry)
                                   for key, report in fresh.items() if report.entry is not None})

    def _sync(self, store: str, wanted: dict[bytes, object]) -> None:
        shards: list[dict[str, object]] = [{} for _ in range(SHARDS)]
        for key, value in wanted.items():
            shards[key[0] % SHARDS][key.hex()] = value
        old = self._load(store)
        changed = [shard for shard in range(SHARDS) if shards[shard] != old[shard]]  # keys or values
        self._stores[store] = shards
        if changed:
            self._write(store, {shard: encoded(shards[shard]) for shard in changed})

    def _write(self, store: str, shards: dict[int, bytes]) -> None:
        """Atomically (a reader never sees half a file), inside the project and through no link
        (:class:`WriteRefused` if it would be). A cache the disk cannot take is no error: the
        next run reads the files again."""
        checked(self.folder, self.root)
        if self.key is None:
            return
        try:
            if self.folder.is_dir():
                for other in self.folder.glob(f"{store}-*"):  # another fingerprint's, or an old pickle
                    if not other.name.startswith(f"{store}-{self.fingerprint}-") or other.suffix != ".json":
                        other.unlink(missing_ok=True)
                for left in self.folder.glob(f".{store}-*.tmp"):  # a write's, whose build was killed
                    left.unlink(missing_ok=True)  # (a build writing now: its shard is not written)
            head = encoded({"format": FORMAT, "version": VERSION, "fingerprint": self.fingerprint,
                            "store": store})[:-1] + b',"items":'  # the items' JSON, made by the caller
            for shard, items in shards.items():
                data = head + items + b"}"
                write_bytes(self._path(store, shard), _signature(data, self.key) + b"\n" + data, self.root)
        except OSError:
            pass

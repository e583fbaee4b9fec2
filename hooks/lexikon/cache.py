"""What a file yielded last time, found again by its content: unchanged files are not re-read.

Each entry file's report is stored under a hash of its path and bytes. The whole store
sits under a fingerprint of everything else that shapes a report (this package's code,
the configured languages, the versions of the YAML and Markdown libraries): change any
of it and the store starts empty. Time stamps play no part.

Two stores, because they are wanted apart: the reports without their entries (findings,
names used, titles: all ``lexicon check`` needs, small and quick to read) and the entries
(what the build renders; large).
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import os
import pickle
import sys
from pathlib import Path

import yaml

from .model import FileReport
from .settings import Settings

FOLDER = Path(".cache") / "lexikon"
"""Where the stores live, relative to the project (Material keeps its caches in ``.cache``)."""
_PACKAGE = Path(__file__).resolve().parent


def file_key(display: str, data: bytes) -> bytes:
    """The key of one file's report: its path (findings name it) and its bytes."""
    return hashlib.blake2b(display.encode() + b"\0" + data, digest_size=20).digest()


def fingerprint(settings: Settings) -> str:
    """Everything besides the file that shapes its report."""
    digest = hashlib.blake2b(digest_size=12)
    for path in sorted(_PACKAGE.glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    digest.update(repr((settings.languages, yaml.__version__, sys.version_info[:2])).encode())
    markdown = importlib.util.find_spec("markdown")  # its version, without importing it (slow)
    if markdown is not None and markdown.origin:
        digest.update(Path(markdown.origin).with_name("__meta__.py").read_bytes())
    return digest.hexdigest()


def light(report: FileReport) -> FileReport:
    """The report without its entry, its names and titles as plain tuples (quick to read back)."""
    return dataclasses.replace(report, entry=None, references=tuple(map(tuple, report.references)),
                               titles=tuple(map(tuple, report.titles)))


SHARDS = 16
"""Each store is kept in this many files, by the first byte of the key: after one edit,
one of them is written again, not the whole store (70 MB of entries at 10,000 terms)."""


class ReportCache:
    """The two stores of one project, read once and written back where they changed."""

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.folder = folder
        self.fingerprint = fingerprint
        self._stores: dict[str, list[dict]] = {}

    @classmethod
    def for_settings(cls, settings: Settings) -> ReportCache:
        return cls(settings.project_dir / FOLDER, fingerprint(settings))

    def _path(self, store: str, shard: int) -> Path:
        return self.folder / f"{store}-{self.fingerprint}-{shard:02d}.pickle"

    def _load(self, store: str) -> list[dict]:
        if store not in self._stores:
            self._stores[store] = [self._read(self._path(store, shard)) for shard in range(SHARDS)]
        return self._stores[store]

    @staticmethod
    def _read(path: Path) -> dict:
        # Only this program writes here, inside the project; anything unreadable is a miss.
        try:
            with open(path, "rb") as stream:
                data = pickle.load(stream)
            return data if isinstance(data, dict) else {}
        except Exception:  # a damaged cache must never stop a check: read it as empty
            return {}

    def is_empty(self) -> bool:
        """Nothing stored for this fingerprint: every file is new."""
        return not any(self._load("reports"))

    def get(self, key: bytes, *, with_entry: bool) -> FileReport | None:
        """The stored report for ``key``; with its entry when asked (a miss if it is not stored)."""
        report = self._load("reports")[key[0] % SHARDS].get(key)
        if report is None or not (with_entry and report.has_entry):
            return report
        entry = self._load("entries")[key[0] % SHARDS].get(key)
        return None if entry is None else dataclasses.replace(report, entry=entry)

    def keep(self, fresh: dict[bytes, FileReport], *, with_entries: bool) -> None:
        """Make the stores hold exactly ``fresh`` (the glossary's files now), written if changed."""
        reports = self._load("reports")
        self._sync("reports", {key: reports[key[0] % SHARDS].get(key) or light(report)
                               for key, report in fresh.items()})
        if with_entries:
            self._sync("entries", {key: report.entry for key, report in fresh.items()
                                   if report.entry is not None})

    def _sync(self, store: str, wanted: dict[bytes, object]) -> None:
        shards: list[dict] = [{} for _ in range(SHARDS)]
        for key, value in wanted.items():
            shards[key[0] % SHARDS][key] = value
        old = self._load(store)
        changed = [shard for shard in range(SHARDS) if shards[shard].keys() != old[shard].keys()]
        self._stores[store] = shards
        if changed:
            self._write(store, {shard: shards[shard] for shard in changed})

    def _write(self, store: str, shards: dict[int, dict]) -> None:
        """Atomically (a reader never sees half a file); a cache that cannot be written is no error."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for other in self.folder.glob(f"{store}-*.pickle"):  # another fingerprint's
                if not other.name.startswith(f"{store}-{self.fingerprint}-"):
                    other.unlink(missing_ok=True)
            for shard, data in shards.items():
                path = self._path(store, shard)
                temporary = path.with_suffix(f".{os.getpid()}.tmp")
                with open(temporary, "wb") as stream:
                    pickle.dump(data, stream, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temporary, path)
        except OSError:
            pass

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
import os
import pickle
import sys
from pathlib import Path

import markdown
import yaml

from .model import Entry, FileReport
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
    digest.update(repr((settings.languages, yaml.__version__, markdown.__version__,
                        sys.version_info[:2])).encode())
    return digest.hexdigest()


def light(report: FileReport) -> FileReport:
    """The report without its entry, its names and titles as plain tuples (quick to read back)."""
    return dataclasses.replace(report, entry=None, references=tuple(map(tuple, report.references)),
                               titles=tuple(map(tuple, report.titles)))


class ReportCache:
    """The two stores of one project, read once and written back when they changed."""

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.folder = folder
        self.fingerprint = fingerprint
        self._reports: dict[bytes, FileReport] | None = None
        self._entries: dict[bytes, Entry] | None = None
        self._changed: set[str] = set()

    @classmethod
    def for_settings(cls, settings: Settings) -> ReportCache:
        return cls(settings.project_dir / FOLDER, fingerprint(settings))

    def _path(self, store: str) -> Path:
        return self.folder / f"{store}-{self.fingerprint}.pickle"

    def _read(self, store: str) -> dict:
        # Only this program writes here, inside the project; anything unreadable is a miss.
        try:
            with open(self._path(store), "rb") as stream:
                data = pickle.load(stream)
            return data if isinstance(data, dict) else {}
        except Exception:  # a damaged cache must never stop a check: read it as empty
            return {}

    def is_empty(self) -> bool:
        """Nothing stored for this fingerprint: every file is new."""
        if self._reports is None:
            self._reports = self._read("reports")
        return not self._reports

    def get(self, key: bytes, *, with_entry: bool) -> FileReport | None:
        """The stored report for ``key``; with its entry when asked (a miss if it is not stored)."""
        if self._reports is None:
            self._reports = self._read("reports")
        report = self._reports.get(key)
        if report is None or not (with_entry and report.has_entry):
            return report
        if self._entries is None:
            self._entries = self._read("entries")
        entry = self._entries.get(key)
        return None if entry is None else dataclasses.replace(report, entry=entry)

    def keep(self, fresh: dict[bytes, FileReport], *, with_entries: bool) -> None:
        """Make the stores hold exactly ``fresh`` (the glossary's files now), written if changed."""
        if self._reports is None:
            self._reports = self._read("reports")
        if fresh.keys() != self._reports.keys():
            self._reports = {key: self._reports.get(key) or light(report) for key, report in fresh.items()}
            self._write("reports", self._reports)
        if with_entries:
            if self._entries is None:
                self._entries = self._read("entries")
            entries = {key: report.entry for key, report in fresh.items() if report.entry is not None}
            if entries.keys() != self._entries.keys():
                self._entries = entries
                self._write("entries", entries)

    def _write(self, store: str, data: dict) -> None:
        """Atomically (a reader never sees half a file); a cache that cannot be written is no error."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for old in self.folder.glob(f"{store}-*.pickle"):
                if old != self._path(store):
                    old.unlink(missing_ok=True)
            temporary = self._path(store).with_suffix(f".{os.getpid()}.tmp")
            with open(temporary, "wb") as stream:
                pickle.dump(data, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self._path(store))
        except OSError:
            pass

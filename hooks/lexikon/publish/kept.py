"""Whole-site outputs of the last good build, taken again when what they are made of is unchanged.

A search bundle is made from every page of a language; the exports from the whole glossary.
After an edit that leaves a language's pages (or the glossary) as they were, making them
again gives the same bytes: the previous site's files are linked into the new one instead.
Each output is recorded in the signed store (:class:`lexikon.check.cache.ReportCache`) as a
digest of its inputs and, per file, a digest of the bytes written; a file is taken only if
the previous site still holds exactly those bytes (a site folder edited by hand, or a
foreign store, means the output is made again). No time stamps.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lexikon.check.cache import ReportCache

STORE = "outputs"


def file_bytes(path: str | Path) -> bytes:
    """A kept file's bytes. Opened without following a link (``OSError``: a link is never
    taken for the file it points to) and only if it is a plain file: a pipe put in the site
    folder must not hang the build."""
    handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise OSError(f"{path} is not a plain file")
        return stream.read()


def bytes_digest(data: bytes) -> str:
    """The digest of a kept file's bytes (see :func:`file_digest`)."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def file_digest(path: str | Path) -> str:
    """The digest a kept file is recorded and recognised by (see :func:`file_bytes`)."""
    return bytes_digest(file_bytes(path))


def link_or_copy(source: str | Path, target: str | Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links
        shutil.copyfile(source, target)


@dataclass
class KeptOutputs:
    """The outputs one build may take from the site it replaces, and what it made itself."""

    store: ReportCache
    previous: Path
    """The site this build replaces."""
    kept: dict[bytes, object] = field(default_factory=dict)
    taken: list[str] = field(default_factory=list)
    """The outputs taken from the previous site (for the build's log and the tests)."""
    pages: dict[str, tuple[str, bool]] = field(default_factory=dict)
    """Pages of this build's site whose bytes this build already read, by absolute path:
    their digest and whether Pagefind indexes them (see
    :attr:`lexikon.engine.mkdocs.kept_pages.KeptPages.proved`): a language's bundle key need
    not read them again."""

    @staticmethod
    def _key(name: str, inputs: str) -> bytes:
        """By its inputs too: the store rewrites a shard when its keys change, not its values."""
        return hashlib.blake2b(f"{name}\0{inputs}".encode(), digest_size=20).digest()

    def available(self, name: str, inputs: str, relative: str) -> dict | None:
        """The files of the output ``name`` made of ``inputs``, if the previous site's folder
        ``relative`` holds them as recorded; None where it does not."""
        stored = self.store.item(STORE, self._key(name, inputs))
        if not isinstance(stored, dict) or stored.get("inputs") != inputs:
            return None
        files = stored.get("files")
        if not isinstance(files, dict) or not files or not _intact(self.previous / relative, files):
            return None
        return files

    def reuse(self, name: str, inputs: str, relative: str, target: Path) -> bool:
        """Link the output ``name`` from the previous site's folder ``relative`` into ``target``,
        if it was made of ``inputs`` and its files are the bytes recorded."""
        source, into = str(self.previous / relative), str(target)
        files = self.available(name, inputs, relative)
        if files is None:
            return False
        stored = self.store.item(STORE, self._key(name, inputs))
        made: set[str] = set()  # each folder made once: a bundle is thousands of files in a few
        for relative_name in files:  # strings, not Paths: thousands a build
            folder = os.path.dirname(relative_name)
            if folder not in made:
                os.makedirs(os.path.join(into, folder), exist_ok=True)
                made.add(folder)
            path = os.path.join(into, relative_name)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
            link_or_copy(os.path.join(source, relative_name), path)
        self.kept[self._key(name, inputs)] = stored
        self.taken.append(name)
        return True

    def record(self, name: str, inputs: str, target: Path, files: Iterable[Path]) -> None:
        """The output ``name`` just made of ``inputs``: its ``files`` (inside ``target``)."""
        self.kept[self._key(name, inputs)] = {"inputs": inputs, "files": {
            path.relative_to(target).as_posix(): file_digest(path) for path in sorted(files)}}

    def finish(self) -> None:
        """After a good build: the store names this build's outputs, no others."""
        self.store.keep_items(STORE, self.kept)


def _intact(source: Path, files: dict) -> bool:
    """Whether every recorded file is in ``source`` with the recorded bytes, none through a link
    (each folder asked once: a search bundle is thousands of files in a few folders)."""
    root, unlinked = str(source), set()
    try:
        for name, digest in files.items():
            if not isinstance(name, str) or ".." in name.split("/") or name.startswith("/"):
                return False
            if not _no_linked_folder(root, os.path.dirname(name), unlinked):
                return False
            if file_digest(os.path.join(root, name)) != digest:
                return False
    except OSError:
        return False
    return True


def _no_linked_folder(root: str, folder: str, unlinked: set[str]) -> bool:
    """Whether ``root`` and every folder from it down to ``folder`` is a folder, not a link."""
    current = root
    for part in ("", *folder.split("/")) if folder else ("",):
        current = os.path.join(current, part) if part else current
        if current not in unlinked:
            if os.path.islink(current):
                return False
            unlinked.add(current)
    return True

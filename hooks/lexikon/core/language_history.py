"""Which commits changed the content of each language block of an entry, from git's versions.

A language's content is its block as YAML reads it, with whitespace inside texts evened out
and its ``reviewed`` date left aside: re-indenting, re-wrapping a paragraph, quoting a
title, reordering keys or editing a comment is no change; a changed word is. The versions
come from the one ``git log`` :mod:`lexikon.core.history` reads, their texts from one
``git cat-file --batch`` process (never more than :data:`MAX_VERSIONS` per file nor
:data:`MAX_READ` in all, nor :data:`MAX_BYTES` per version), read as YAML only as far back
as the walk needs.
"""

from __future__ import annotations

import os
import re
import subprocess
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

import yaml

MAX_VERSIONS = 256
"""Versions of one file looked at, newest first. A file whose walk would have to go further
(no commit among them wrote all its languages together) gets no edits: its texts are never
called stale, rather than guessed at."""
MAX_READ = 50_000
"""Versions looked at in all: each file gets an equal share (at least 2, at most
:data:`MAX_VERSIONS`), so a long history of a large glossary costs seconds, not minutes
(about 0.3 ms of YAML per version of a 6 KB entry)."""
MAX_BYTES = 1 << 20
"""A version larger than this is not read (the check refuses such entries anyway)."""
NO_BLOB = "0" * 40
"""What ``git log --raw`` names the content of a deleted file by."""
UNREAD = [0]
"""How many versions git could not give since the process began (a blobless clone's, not
fetched: see :class:`_Blobs`). A history read meanwhile is not what the commits say, and the
same commit reads another once the versions came (any fetch of them): it is kept neither in
the process nor in the build's store (:mod:`.history`, ``engine/mkdocs/history_memo.py``)."""

_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BLOCK_START = re.compile(r"(?:[-*+>#|]|\d+[.)])(?:\s|$)|```|~~~")
"""A line starting a Markdown block of its own (list item, heading, quote, table, fence):
its line break is content, unlike one inside a paragraph."""


@dataclass(frozen=True)
class Edit:
    """One commit that changed the content of some of an entry's languages."""

    sha: str
    when: datetime
    langs: frozenset[str]
    """The languages whose content it changed (all it has for the oldest version looked at)."""


class Version(NamedTuple):
    """One entry file as one commit left it (``blob`` is :data:`NO_BLOB` once deleted)."""

    sha: str
    when: datetime
    blob: str


def is_shallow(folder: Path) -> bool | None:
    """Whether ``folder`` lies in a shallow clone (part of its history missing); None outside git."""
    try:
        answer = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=folder,
                                capture_output=True, encoding="utf-8", check=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return answer.strip() == "true"


def language_history(folder: Path, versions: Mapping[str, list[Version]],
                     languages: Iterable[str]) -> dict[str, tuple[Edit, ...]]:
    """:func:`language_edits` of each entry, its versions' texts streamed from one ``git cat-file``."""
    codes = tuple(languages)
    share = max(2, min(MAX_VERSIONS, MAX_READ // max(1, len(versions))))
    lives = {entry_id: current_life(every[:share + 1]) for entry_id, every in versions.items()}
    edits: dict[str, tuple[Edit, ...]] = {}
    with _Blobs(folder, [version.blob for life in lives.values() for version in life[:share]]) as stream:
        for entry_id, life in lives.items():
            contents = islice(stream, min(len(life), share))
            edits[entry_id] = language_edits(life[:share], contents, codes, complete=len(life) <= share)
            deque(contents, maxlen=0)  # the older versions the walk did not need
    return edits


def content_changes(folder: Path, versions: Mapping[str, list[Version]]) -> dict[str, list[Version]]:
    """Each file's versions that changed its content, newest first, for a file of Markdown
    (an article): its text with whitespace evened out (:func:`_even_text`), so a version that
    only adds blank lines or re-wraps a paragraph is left out, as for an entry's block. The
    oldest version and any beyond the share read (see :data:`MAX_READ`) are kept as they are."""
    share = max(2, min(MAX_VERSIONS, MAX_READ // max(1, len(versions))))
    kept: dict[str, list[Version]] = {}
    with _Blobs(folder, [version.blob for life in versions.values() for version in life[:share]]) as stream:
        for name, life in versions.items():
            texts = [_markdown_content(data) for data in islice(stream, min(len(life), share))]
            kept[name] = [version for number, version in enumerate(life)
                          if number + 1 >= len(texts) or texts[number] is None
                          or texts[number] != texts[number + 1]]
    return kept


def _markdown_content(data: bytes | None) -> str | None:
    try:
        return None if data is None else _even_text(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return None


def current_life(versions: list[Version]) -> list[Version]:
    """The versions since the file was last created, newest first: what came before a deletion
    belongs to an earlier life of the id; empty when the newest version is a deletion (the
    entry is gone, and has no history)."""
    life = []
    for version in versions:
        if version.blob == NO_BLOB:
            break
        life.append(version)
    return life


class _Blobs:
    """Blobs' bytes in the order asked (None for one git lacks or too large to be an entry),
    from one ``git cat-file --batch --buffer``: a thread writes every id while the answers are
    read, so no answer waits for a round trip or a flush of its own (on a busy machine each
    costs milliseconds)."""

    def __init__(self, folder: Path, blobs: list[str]) -> None:
        self._count = len(blobs)
        # A blobless clone (--filter=blob:none) would fetch each missing version over the
        # network: git 2.45+ answers "missing" instead, and a missing version is passed over.
        # The versions themselves, never a `git replace`ment (not cloned: see core.history).
        self._process = subprocess.Popen(["git", "--no-replace-objects", "cat-file", "--batch", "--buffer"],
                                         cwd=folder, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.DEVNULL,
                                         env={**os.environ, "GIT_NO_LAZY_FETCH": "1"})
        self._writer = threading.Thread(target=self._ask, args=(blobs,), daemon=True)
        self._writer.start()

    def _ask(self, blobs: list[str]) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        try:
            for start in range(0, len(blobs), 1024):
                stdin.write(b"".join(blob.encode("ascii") + b"\n" for blob in blobs[start:start + 1024]))
            stdin.close()
        except (BrokenPipeError, ValueError, OSError):
            pass  # the reader stopped early and closed the process

    def __enter__(self) -> Iterator[bytes | None]:
        return (self._answer() for _ in range(self._count))

    def __exit__(self, *_: object) -> None:
        if self._process.stdout:
            self._process.stdout.close()  # anything unread: git stops on the broken pipe
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._writer.join(timeout=10)

    def _answer(self) -> bytes | None:
        stdout = self._process.stdout
        assert stdout is not None
        header = stdout.readline().split()
        if len(header) != 3 or header[1] != b"blob":  # "missing", or git stopped ("could not fetch")
            UNREAD[0] += 1
            return None
        size = int(header[2])
        if size <= MAX_BYTES:
            return stdout.read(size + 1)[:-1]  # the blob and the newline after it
        remaining = size + 1
        while remaining > 0:  # skipped in pieces, never held whole
            piece = stdout.read(min(remaining, 1 << 16))
            if not piece:
                break
            remaining -= len(piece)
        return None


def language_edits(versions: list[Version], contents: Iterator[bytes | None],
                   languages: Iterable[str], complete: bool = True) -> tuple[Edit, ...]:
    """The commits that changed the content of the newest version's languages, newest first.

    ``versions`` are one life of a file, newest first, ``contents`` their texts. The walk goes
    back until one commit changed every one of those languages (they were written together:
    nothing older tells which text follows which, see :mod:`lexikon.core.staleness`) or to the
    oldest version, the file's creation, which counts as changing them all; when ``versions``
    do not reach back to it (not ``complete``) and no commit wrote them all, nothing (the
    history is too long to tell). A version that is not readable YAML is passed over (its
    successor counts as the change)."""
    if not versions:  # a deleted file: no life, no languages
        return ()
    codes = tuple(languages)
    newer_version, newer = versions[0], _contents(next(contents, None), codes)
    if newer is None:
        return ()
    everything = frozenset(newer)
    edits: list[Edit] = []
    for version, data in zip(versions[1:], contents, strict=False):
        older = _contents(data, codes)
        if older is None:
            continue
        changed = frozenset(code for code in everything
                            if older.get(code, _ABSENT) != newer.get(code, _ABSENT))
        if changed == everything:
            break
        if changed:
            edits.append(Edit(newer_version.sha, newer_version.when, changed))
        newer_version, newer = version, older
    else:
        if not complete:
            return ()
    edits.append(Edit(newer_version.sha, newer_version.when, everything & frozenset(newer)))
    return tuple(edits)


_ABSENT = object()


def _contents(data: bytes | None, codes: tuple[str, ...]) -> dict[str, object] | None:
    """Each language block's content in one version of a file; None when unreadable."""
    if data is None:
        return None
    try:
        document = _plain_yaml(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, yaml.YAMLError, ValueError, RecursionError):
        return None
    if not isinstance(document, Mapping):
        return None
    return {code: _content(document[code], top=True) for code in codes if code in document}


def _plain_yaml(text: str) -> Any:
    """Safe YAML of plain data: a version with anchors or aliases (which can expand a kilobyte
    into gigabytes) is not built at all, as the check refuses them in entries."""
    if "&" in text or "*" in text:
        for event in yaml.parse(text, Loader=_FAST):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise ValueError("anchors and aliases")
    return yaml.load(text, Loader=_FAST)


def _content(value: object, top: bool = False) -> object:
    """A value as its meaning, not its writing: texts with even whitespace, lists as tuples;
    at the block's top, without ``reviewed`` (checking a text is not changing it)."""
    if isinstance(value, str):
        return _even_text(value)
    if isinstance(value, Mapping):
        return {str(key): _content(item) for key, item in value.items() if not (top and key == "reviewed")}
    if isinstance(value, list | tuple):
        return tuple(_content(item) for item in value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _even_text(text: str) -> str:
    """Each paragraph on one line, runs of whitespace made one space: a line break inside a
    paragraph is wrapping, while one after a blank line or before a line that starts a
    Markdown block separates content (how many blank lines, or none before a list item, not)."""
    lines: list[str] = []
    joining = False
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if joining and line and not _BLOCK_START.match(line):
            lines[-1] += " " + line
        elif line:
            lines.append(line)
        joining = bool(line)
    return "\n".join(lines)

"""The files of ``glossary/``: which are entries, which is the tag file, and reading one
safely (no link followed, nothing huge, only regular files).

Nothing is parsed here (:mod:`lexikon.check.load` does that); a file that may not be read
comes back as a finding where it stands.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from lexikon.core.model import Finding, Severity
from lexikon.core.paths import link_problem, shown

ENTRY_SUFFIXES = (".yml", ".yaml")
TAG_STEM = "_tags"
TAG_FILE = TAG_STEM + ENTRY_SUFFIXES[0]
"""The tag file's name as importers write it; ``_tags.yaml`` is read too (:func:`tag_file`)."""
MAX_FILE_BYTES = 1024 * 1024
"""Entries are a few KB; anything this large is a mistake or an attack."""


@dataclass(frozen=True)
class GlossaryFiles:
    """The files of ``glossary/``, not yet read: each as (path, path shown in findings)."""

    entries: tuple[tuple[str, str], ...]
    """(file system path, path shown): plain strings, as 10,000 Path objects take a tenth of a
    second to make and a check of unchanged files takes five."""
    tags: tuple[str, str] | None
    others: tuple[tuple[str, str], ...]
    """Other ``_*.yml`` files: read for syntax only."""
    findings: tuple[Finding, ...] = ()


def list_glossary(glossary_dir: Path, project_dir: Path) -> GlossaryFiles:
    """Entry files sorted by name, the tag file, and the folder's own problems."""
    if not glossary_dir.is_dir():
        display = shown(glossary_dir, project_dir)
        msg = f"the glossary folder '{display}' does not exist: create it or set extra.lexikon.glossary_dir"
        return GlossaryFiles((), None, (), (Finding(display, 1, 1, Severity.ERROR, msg),))
    folder = shown(glossary_dir, project_dir)  # once: pathlib is slow per file
    entries: list[tuple[str, str]] = []
    others: list[tuple[str, str]] = []
    tags: tuple[str, str] | None = None
    base = os.fspath(glossary_dir)
    links: list[Finding] = []
    with os.scandir(glossary_dir) as scan:  # names, not paths: 10,000 Path compares are slow
        found = sorted((item.name, item.is_symlink(), item.is_dir(follow_symlinks=False)) for item in scan)
    for name, is_link, is_folder in found:
        if not name.isascii() and any("\udc80" <= char <= "\udcff" for char in name):
            # a byte that is not UTF-8, held as a surrogate: no finding, cache key or page carries it
            if name.endswith(ENTRY_SUFFIXES) and not name.startswith("."):
                links.append(Finding(f"{folder}/{name}", 1, 1, Severity.ERROR, "this file's name is not "
                                     "UTF-8: it is not read; rename it to its entry's id (lowercase ASCII)"))
            continue
        if is_link:
            links += _link_finding(os.path.join(base, name), f"{folder}/{name}", project_dir)
        if not name.endswith(ENTRY_SUFFIXES) or name.startswith("."):
            links += _not_read(os.path.join(base, name), f"{folder}/{name}", is_folder)
            continue
        item = (os.path.join(base, name), f"{folder}/{name}")
        if not name.startswith("_"):
            entries.append(item)
        elif name.rsplit(".", 1)[0] == TAG_STEM and tags is None:
            tags = item
        else:
            others.append(item)
    return GlossaryFiles(tuple(entries), tags, tuple(others), tuple(links))


def _not_read(path: str, display: str, is_folder: bool) -> list[Finding]:
    """What looks like an editor's entry but is never read, said where it stands: a name whose
    suffix is not lowercase (``Cloud.YML``, as some editors save), entries in a subfolder."""
    name = os.path.basename(display)
    if name.startswith((".", "_")):
        return []
    if name.lower().endswith(ENTRY_SUFFIXES):
        stem = name.rsplit(".", 1)[0].lower()  # ids are lowercase too
        return [Finding(display, 1, 1, Severity.ERROR, f"this file is not read: an entry's suffix is "
                        f"'.yml' in lowercase; rename it to '{stem}.yml'")]
    if not is_folder:
        return []
    try:
        with os.scandir(path) as scan:
            inside = sorted(item.name for item in scan if item.name.lower().endswith(ENTRY_SUFFIXES))
    except OSError:
        return []
    if not inside:
        return []
    return [Finding(f"{display}/{inside[0]}", 1, 1, Severity.WARNING, f"{len(inside)} file(s) in the folder "
                    f"'{display}' are not read: entries are the files directly in the glossary folder; move "
                    "them there (a folder whose name starts with '_' is left alone)")]


def tag_file(glossary_dir: Path) -> Path | None:
    """The tag file :func:`list_glossary` picks (the first name in sorted order), without
    listing the folder; None when there is none."""
    for name in sorted(TAG_STEM + suffix for suffix in ENTRY_SUFFIXES):
        if os.path.lexists(glossary_dir / name):
            return glossary_dir / name
    return None


def _link_finding(path: str, display: str, project_dir: Path) -> list[Finding]:
    """A symbolic link in the glossary folder, reported where it stands.

    An entry or tag file that is a link is refused unread (:func:`read_file`); a link under
    any other name is reported here.
    """
    try:
        target = Path(path).resolve(strict=True)
    except (OSError, RuntimeError):
        if path.endswith(ENTRY_SUFFIXES):
            return []  # read_file says it leads nowhere
        return [Finding(display, 1, 1, Severity.WARNING, "this is a link that leads nowhere (missing, "
                        "or a loop of links): delete it")]
    if path.endswith(ENTRY_SUFFIXES):
        return []  # read_file refuses it, unread
    return [Finding(display, 1, 1, Severity.WARNING,
                    f"this is a link to '{shown(target, project_dir)}': replace it with the file itself "
                    "(commands that write entries do not follow links)")]


def over_the_limit(size: int) -> str:
    """What a file over :data:`MAX_FILE_BYTES` is told (a file read, or an importer's new text)."""
    return f"the file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}: split it"


def file_id(path: Path | str) -> str:
    """An entry's id: its file's name without the suffix."""
    return os.path.splitext(os.path.basename(path))[0]


def read_file(path: Path | str, project_dir: Path, display: str) -> tuple[bytes | None, list[Finding]]:
    """The file's bytes, or None and why it may not be read (links out, size, not a file)."""

    def fail(message: str) -> tuple[None, list[Finding]]:
        return None, [Finding(display, 1, 1, Severity.ERROR, message)]

    try:
        status = os.lstat(path)
        link = link_problem(path, project_dir)
        if link:
            return fail(link)
        if not stat.S_ISREG(status.st_mode):
            return fail("this is not a regular file: put the entry's text in a plain file")
        if status.st_size > MAX_FILE_BYTES:
            return fail(over_the_limit(status.st_size))
        with open(path, "rb") as stream:
            return stream.read(), []
    except OSError as err:
        return fail(f"cannot read the file: {err.strerror}")


def existing_entry_bytes(path: Path | str) -> bytes:
    """An existing entry's bytes for a command that adds to it or compares with it (the
    importers), by :func:`read_file`'s rules: never through a link (a dry run would print what
    it leads to), only a regular file within the size limit.

    Raises:
        ValueError: why the file may not be read, and what to do.
        OSError: when it cannot be read.
    """
    status = os.lstat(path)
    if stat.S_ISLNK(status.st_mode):
        raise ValueError("the entry file is a symbolic link: nothing is read or written through a link; "
                         "replace it with the file itself")
    if not stat.S_ISREG(status.st_mode):
        raise ValueError("the entry file is not a regular file: put the entry's text in a plain file")
    if status.st_size > MAX_FILE_BYTES:
        raise ValueError(f"the entry file is {status.st_size:,} bytes, over the limit of {MAX_FILE_BYTES:,}: "
                         "split it")
    with open(path, "rb") as stream:
        return stream.read()


def entry_file(glossary_dir: Path, shown: str) -> str:
    """The file an entry's report was made of, by the path findings show (``f"{folder}/{name}"``
    of :func:`list_glossary`): its name in the glossary folder. Not the project's folder joined
    with the shown path: a glossary outside the project is shown as given, relative to the
    working folder (``lexicon --config-file ../mkdocs.yml`` from ``docs/``)."""
    return os.path.join(glossary_dir, shown.rsplit("/", 1)[-1])

"""The docs folder against the files the build writes itself (:mod:`lexikon.core.site_files`).

MkDocs copies ``docs/`` into the site. A folder there named like one of the build's own files
(``docs/sitemap.xml/``) used to stop the build with a traceback where that file is written,
after minutes of work; a file of the same name was silently replaced, or replaced ours,
whichever came last. Both are refused before the build starts, one located line each.

A folder lands at its own path; a file where static-i18n puts it (``docs/feed.da.xml`` on
``da/feed.xml``), so every file of ``docs/`` is asked once (a walk as MkDocs', no dot-files,
no link followed: some milliseconds for thousands of files). A link on the path of one of
ours counts as whatever it points to, so it is refused unread.
"""

from __future__ import annotations

import os
import posixpath
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from lexikon.core.model import Finding, Severity
from lexikon.core.paths import shown
from lexikon.core.settings import Settings
from lexikon.core.site_files import copied_to, own_files, page_folders


def in_the_way(settings: Settings) -> list[Finding]:
    """A finding for each file or folder of ``docs/`` where the build writes one of its own
    files, or that a folder of the build's own (``vale/``) would have to pass through."""
    docs = settings.docs_dir
    owned = own_files(settings)
    found: dict[str, Finding] = {}

    def refuse(inside: str, path: str, clash: str) -> None:
        display = shown(docs / inside, settings.project_dir)
        found.setdefault(display, Finding(display, 1, 1, Severity.ERROR, (
            f"the build writes {owned[path]} at {path} in the site and {clash}: rename or move it")))

    for path in owned:
        blocking = _on_the_way(docs, path)
        if blocking is not None:
            refuse(*blocking)
    bundles = tuple(path for path in owned if path.endswith("/"))
    pages = page_folders(settings)
    for inside in _files(docs, owned):
        target = copied_to(inside, settings)
        if target is None:
            continue
        copier = "MkDocs" if target == inside else "static-i18n"
        if target in owned:
            refuse(inside, target, f"{copier} would copy this {_kind(docs / inside)} to the same place")
        folder = _page_folder(target, pages)
        if folder is not None:
            owned.setdefault(target, pages[folder])
            refuse(inside, target, f"{copier} would copy this {_kind(docs / inside)} to the same place")
        for bundle in bundles:
            if target.startswith(bundle) or target == bundle.rstrip("/"):
                refuse(inside, bundle, f"{copier} would copy this {_kind(docs / inside)} into that folder, "
                       "which the build replaces whole")
    return [found[key] for key in sorted(found)]


def _on_the_way(docs: Path, path: str) -> tuple[str, str, str] | None:
    """(path in ``docs/``, the site path, why) of a folder or link at ``path`` (MkDocs copies a
    folder to its own path), or of a file or link where ``path`` needs a folder."""
    parts = path.rstrip("/").split("/")
    for depth in range(1, len(parts) + 1):
        inside = "/".join(parts[:depth])
        kind = _kind(docs / inside)
        if kind is None:
            return None
        if depth < len(parts) and kind != "folder":
            return inside, path, f"this {kind} stands where that path needs a folder"
        if depth == len(parts) and kind != "file":
            return inside, path, f"MkDocs would copy this {kind} to the same place"
    return None


def _files(docs: Path, owned: Iterable[str]) -> Iterator[str]:
    """Each file of ``docs/`` (links to files too) that may land on one of ``owned``, by its
    path inside, as MkDocs walks (dot-folders left out), without following a link to a folder.
    Only a name that is one of ours with or without a language suffix can (or a path through
    a folder named like a bundle): the others are never worked out (13 ms CPU for 5,400
    files where working each out took 49)."""
    names = {path.rstrip("/").rsplit("/", 1)[-1] for path in owned}
    bundles = tuple(path.rstrip("/").rsplit("/", 1)[-1] for path in owned if path.endswith("/"))
    for folder, folders, files in os.walk(docs):
        folders[:] = [name for name in folders if not name.startswith(".")]
        inside = Path(folder).relative_to(docs).as_posix()
        prefix = "" if inside == "." else f"{inside}/"
        through_bundle = any(bundle in prefix for bundle in bundles)
        for name in files:
            stem, ext = posixpath.splitext(name)
            bare = posixpath.splitext(stem)[0] + ext  # without a language suffix
            if (through_bundle or name in names or bare in names or name in bundles
                    or name.endswith("README.html") or bare.endswith("README.html")):
                yield prefix + name


def _page_folder(target: str, pages: dict[str, str]) -> str | None:
    """The folder of generated pages whose page ``target`` would be (``terms/x/index.html``)."""
    folder, _, name = target.rpartition("/")
    parent = folder.rpartition("/")[0] + "/"
    return parent if name == "index.html" and folder and parent in pages else None


def _kind(path: Path) -> str | None:
    """'folder', 'file', 'link' (never followed) or None where nothing is."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None
    return "folder" if stat.S_ISDIR(mode) else "link" if stat.S_ISLNK(mode) else "file"

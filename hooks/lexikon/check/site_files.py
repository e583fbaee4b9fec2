"""The docs folder against the files the build writes itself (:mod:`lexikon.core.site_files`).

MkDocs copies ``docs/`` into the site. A folder there named like one of the build's own files
(``docs/sitemap.xml/``) used to stop the build with a traceback where that file is written,
after minutes of work; a file of the same name was silently replaced, or replaced ours,
whichever came last. Both are refused before the build starts, one located line each.

A folder lands at its own path; a file where static-i18n puts it (``docs/feed.da.xml`` on
``da/feed.xml``), so every file of ``docs/`` is asked once (a walk as MkDocs', no dot-files
unless an ``exclude_docs`` line takes them back, no link followed: some milliseconds for
thousands of files). What ``exclude_docs`` leaves out is never copied, so it is free; without
directory URLs the generated pages are ``x.html`` files. A link on the path of one of ours
counts as whatever it points to, so it is refused unread.

The walk also meets what MkDocs' own copy of ``docs/`` stops on with a traceback after all
the work (a link to nothing, a link to a folder it lies in, which MkDocs follows round until
the path is too long, a name that is not UTF-8) or leaves out without a word (a folder it
cannot read): refused too.
"""

from __future__ import annotations

import os
import posixpath
import stat
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from lexikon.core.model import Finding, Severity
from lexikon.core.paths import shown
from lexikon.core.settings import Settings
from lexikon.core.site_files import MARKDOWN, copied_to, excluded, own_files, page_folders


def in_the_way(settings: Settings) -> list[Finding]:
    """A finding for each file or folder of ``docs/`` where the build writes one of its own
    files, or that a folder of the build's own (``vale/``) would have to pass through; and for
    each entry MkDocs could not copy."""
    docs = settings.docs_dir
    owned = own_files(settings)
    entries = list(_walk(settings))
    found: dict[str, Finding] = {}
    for inside, problem in _uncopiable(docs, entries):
        display = shown(docs / inside, settings.project_dir)
        found.setdefault(display, Finding(display, 1, 1, Severity.ERROR, problem))
    for inside, path, clash in _clashes(settings, owned, entries):
        display = shown(docs / inside, settings.project_dir)
        found.setdefault(display, Finding(display, 1, 1, Severity.ERROR, (
            f"the build writes {owned[path]} at {path} in the site and {clash}: rename or move it")))
    return [found[key] for key in sorted(found)]


def _clashes(settings: Settings, owned: dict[str, str],
             entries: list[tuple[str, str]]) -> Iterator[tuple[str, str, str]]:
    """(path in ``docs/``, site path of ours, why) for each clash; ``owned`` gains the term and
    tag pages met. Names are compared as a file system that ignores case and accents' forms
    would (macOS, Windows): there ``docs/Feed.xml`` and our ``feed.xml`` are one file."""
    docs = settings.docs_dir
    for path in owned:
        if path.endswith("/"):  # the search bundle: its files are named one by one below
            continue
        blocking = _on_the_way(settings, path, entries)
        if blocking is not None:
            yield blocking
    folded = {_fold(path.rstrip("/")): path for path in owned}
    pages = {_fold(folder): what for folder, what in page_folders(settings).items()}
    bundles = [path for path in owned if path.endswith("/")]
    flat_pages = set() if settings.use_directory_urls else set(pages)  # pages' folders, each tree's
    for inside, is_folder in _landing(entries, folded, flat_pages):
        kind = _kind(docs / inside)
        target = inside if is_folder else copied_to(inside, settings)
        if target is None or (is_folder and _left_out(inside, entries, settings)):
            continue
        key = _fold(target)
        if is_folder and folded.get(key, "").endswith("/"):
            continue  # the bundle's folder: its files named one by one, its pages by the articles' check
        copier = "MkDocs" if target == inside else "static-i18n"
        there = "to the same place" if key not in folded or target == folded[key].rstrip("/") else (
            f"there as {target} (one name where case does not count)")
        above = next((part for part in _folders_of(key) if part in folded and not folded[part].endswith("/")),
                     None)
        if above is not None:  # "feed.xml.da/x.da.txt": static-i18n makes a folder da/feed.xml/
            yield inside, folded[above], f"{copier} would make a folder there for this {kind} ({target})"
        elif key in folded:
            yield inside, folded[key], f"{copier} would copy this {kind} {there}"
        elif (folder := _page_folder(key, pages, settings.use_directory_urls)) is not None:
            owned.setdefault(target, pages[folder])
            yield inside, target, f"{copier} would copy this {kind} to the same place"
        for bundle in bundles:
            if key.startswith(_fold(bundle)):
                yield inside, bundle, f"{copier} would copy this {kind} into it (replaced whole)"


def _on_the_way(settings: Settings, path: str, entries: list[tuple[str, str]]) -> tuple[str, str, str] | None:
    """(path in ``docs/``, the site path, why) of a folder or link at ``path`` (MkDocs copies a
    folder to its own path), or of a file or link where ``path`` needs a folder; none where
    ``exclude_docs`` leaves it out (a folder: every file in it)."""
    parts = path.rstrip("/").split("/")
    for depth in range(1, len(parts) + 1):
        inside = "/".join(parts[:depth])
        kind = _kind(settings.docs_dir / inside)
        last = depth == len(parts)
        if kind is None or (last and kind == "folder" and _left_out(inside, entries, settings)):
            return None
        if kind != "folder" and excluded(inside, settings):
            return None  # a file or link MkDocs never copies
        if depth < len(parts) and kind != "folder":
            return inside, path, f"this {kind} stands where that path needs a folder"
        if depth == len(parts) and kind != "file":
            return inside, path, f"MkDocs would copy this {kind} to the same place"
    return None


def _left_out(folder: str, entries: list[tuple[str, str]], settings: Settings) -> bool:
    """Whether ``exclude_docs`` leaves out every file in the folder ``folder`` of ``docs/``
    (MkDocs then makes no such folder in the site), or names the folder itself when it holds
    none. Asked only of a folder in the way; without ``exclude_docs`` it stays refused."""
    if not settings.exclude_docs:
        return False
    prefix = f"{folder}/"
    files = [inside for inside, kind in entries if kind != "folder" and inside.startswith(prefix)]
    return all(excluded(inside, settings) for inside in files) if files else excluded(prefix, settings)


def _walk(settings: Settings) -> Iterator[tuple[str, str]]:
    """(path inside, 'file', 'folder', 'link' or 'unreadable') of each entry of ``docs/`` as
    MkDocs walks it, no link followed. Dot-files and dot-folders are left out, as MkDocs'
    default ``exclude_docs`` leaves them out, unless a ``!`` line of ``exclude_docs`` may take
    one back (``!.README.html``: static-i18n makes it an ``index.html``): then dot-folders are
    walked too, and the files and links in them the patterns take back are named."""
    docs = settings.docs_dir
    taken_back = any(line.startswith("!") for line in settings.exclude_docs)
    stack = [""]
    while stack:
        prefix = stack.pop()
        hidden = prefix.startswith(".") or "/." in prefix  # only walked when taken_back
        try:
            with os.scandir(docs / prefix if prefix else docs) as scan:
                found = [(entry.name, entry.is_symlink(), entry.is_dir(follow_symlinks=False))
                         for entry in scan]
        except OSError:
            if prefix and not hidden:  # without a docs folder there is nothing to copy
                yield prefix.rstrip("/"), "unreadable"
            continue
        for name, is_link, is_folder in found:
            if hidden or name.startswith("."):
                if not taken_back:
                    continue
                if is_folder and not is_link:
                    stack.append(f"{prefix}{name}/")
                    continue
                if excluded(prefix + name, settings):
                    continue
            yield prefix + name, "link" if is_link else "folder" if is_folder else "file"
            if is_folder and not is_link:
                stack.append(f"{prefix}{name}/")


def _uncopiable(docs: Path, entries: list[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """(path inside, what to do) for each entry MkDocs' copy of ``docs/`` would stop on or
    leave out."""
    for inside, kind in entries:
        if not inside.isascii() and not _is_utf8(inside.rpartition("/")[2]):
            yield inside, ("this name is not UTF-8: static-i18n would stop on it when it makes the "
                           "file's address, after all the work: rename it")
            continue
        if kind in ("file", "folder"):
            continue
        path = docs / inside
        if kind == "unreadable":
            yield inside, ("this folder cannot be read: MkDocs would leave its files out of the site "
                           "without a word: make it readable, or move it out of the docs folder")
        elif kind == "link" and not os.path.exists(path):
            yield inside, ("this link points to nothing (or round in a circle): MkDocs would stop on it "
                           "when it copies the docs folder into the site: remove it or point it at a file")
        elif kind == "link" and os.path.isdir(path):
            target, here = os.path.realpath(path), os.path.realpath(path.parent)
            if here == target or here.startswith(target.rstrip(os.sep) + os.sep):
                yield inside, ("this link points to a folder it lies in: MkDocs would follow it round "
                               "until the path is too long, and stop: remove it")


def _folders_of(key: str) -> Iterator[str]:
    """Each folder on the way to the site path ``key``, outermost first."""
    parts = key.split("/")
    for depth in range(1, len(parts)):
        yield "/".join(parts[:depth])


def _is_utf8(name: str) -> bool:
    """Whether a name read from the file system was valid UTF-8 (else it holds surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _landing(entries: list[tuple[str, str]], folded: dict[str, str],
             flat_pages: set[str]) -> Iterator[tuple[str, bool]]:
    """(path inside, whether a folder) of each entry of ``docs/`` that may land on one of ours
    (``folded``). Only a name that is one of ours, with or without a language suffix, can (or
    a path through a folder named like one of ours, or, without directory URLs, a file in a
    folder of generated pages, ``flat_pages``): the others are never worked out (14 ms
    CPU for 5,400 files where working each out took 49). Pages are left to the articles' check."""
    names = {key.rsplit("/", 1)[-1] for key in folded}
    through: dict[str, bool] = {}  # a folder on the way named like one of ours ("pagefind.v1/")
    for inside, kind in entries:
        prefix, _, name = inside.rpartition("/")
        if kind == "folder":
            if _fold(name) in names:
                yield inside, True
            continue
        if name.endswith(MARKDOWN):
            continue  # a page: where it lands is the articles' check's (core.layout.taken_address)
        if prefix not in through:
            through[prefix] = any(part in names or posixpath.splitext(part)[0] in names
                                  for part in _fold(prefix).split("/")) or (
                (f"{_fold(prefix)}/" if prefix else "") in flat_pages)
        stem, ext = posixpath.splitext(_fold(name))
        bare_stem = posixpath.splitext(stem)[0]  # without a language suffix
        if (through[prefix] or stem + ext in names or bare_stem + ext in names
                or stem.endswith("readme") or bare_stem.endswith("readme")):
            yield inside, False


def _fold(name: str) -> str:
    """A name as a file system that ignores case and the form of accents sees it."""
    return name.lower() if name.isascii() else unicodedata.normalize("NFC", name).casefold()


def _page_folder(target: str, pages: dict[str, str], directory_urls: bool) -> str | None:
    """The folder of generated pages whose page ``target`` would be (``terms/x/index.html``,
    or ``terms/x.html`` without directory URLs)."""
    folder, _, name = target.rpartition("/")
    if not directory_urls:
        folder = f"{folder}/" if folder else ""
        return folder if name.endswith(".html") and folder in pages else None
    parent = folder.rpartition("/")[0]
    parent = f"{parent}/" if parent else ""
    return parent if name == "index.html" and folder and parent in pages else None


def _kind(path: Path) -> str | None:
    """'folder', 'file', 'link' (never followed) or None where nothing is."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None
    return "folder" if stat.S_ISDIR(mode) else "link" if stat.S_ISLNK(mode) else "file"

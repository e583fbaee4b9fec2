"""The replaced site's folders, emptied of their files, become the next build's folders.

Why: a build writes a whole new site beside the old one (see :mod:`.building`), and a build
with nothing changed links its ~2,000 kept pages (hard links: no bytes copied) into ~2,000
new folders. Making a folder is what costs: on this project's machine (ext4) 0.03–0.4 ms of
system time per ``mkdir`` against under 0.01 ms per link, so at 1,000 terms the folders were
0.5–0.8 CPU-s of a build with no change (up to a fifth of it), while the replaced site's
identical folders were being deleted in the background (``rm -rf``, more system time).

How, without time stamps or trust in anything left on disk:

- :func:`keep_folders`: the replaced site, moved into the trash, has its files (not its
  folders) deleted, then is renamed ``spare-…``: a spare is named so only once every file in
  it is gone.
- :func:`take`: the next build moves one spare into its building folder as
  :data:`HIDDEN` (MkDocs' cleaning of the site folder after ``on_pre_build`` leaves hidden
  entries alone); other spares are deleted.
- :func:`settle`, at each pass's ``on_nav`` (after the cleaning, before anything is
  written): the spare is walked; holding anything but real folders (a file, a link) it is
  dropped whole, else each of its top folders moved to its place in the site; a folder of
  it where the pass writes a file goes (:func:`clear_way`).
- :func:`prune`, before the swap, in every build (cold or not): folders left empty go, so the
  site is the same whichever folders the build began with (a build writes no empty folder).
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import shutil
import stat
from collections.abc import Iterable
from pathlib import Path

from lexikon.core.paths import real_folder

SPARE = "spare-"
"""The trash entries that are complete spares (folders only)."""
HIDDEN = ".lexikon-spare"
"""A spare's name inside the building folder until :func:`move_in`."""
log = logging.getLogger("mkdocs.hooks.lexikon")


def is_spare(name: str) -> bool:
    return name.startswith(SPARE)


def keep_folders(folder: Path, trash: Path, kind: str = "site", like: Path | None = None) -> bool:
    """Delete ``folder``'s files (links included, never followed) and offer its folders as a
    spare; False where that failed (the caller deletes it as before). Done here, not in the
    background: 6,000 unlinks are a few hundredths of a second, and the next build, often
    started right away (an editor's next save), then finds the spare ready.

    With ``like`` (the site that replaced ``folder``), only folders that site has as folders
    are kept: a folder made by hand in the served site where the build writes a file of its
    own (``feed.xml``, ``glossary.json``, ``404.html``: not MkDocs' files, so not cleared by
    :func:`clear_way`) would otherwise have stopped the build after next with a traceback."""
    pending = [(str(folder), str(like) if like is not None else None)]
    try:
        while pending:
            path, twin = pending.pop()
            with os.scandir(path) as entries:
                for entry in entries:
                    other = os.path.join(twin, entry.name) if twin is not None else None
                    if not entry.is_dir(follow_symlinks=False):
                        os.unlink(entry.path)
                    elif other is None or real_folder(Path(other)):
                        pending.append((entry.path, other))
                    else:
                        shutil.rmtree(entry.path)
        folder.rename(trash / f"{SPARE}{kind}-{secrets.token_hex(8)}")
    except OSError:
        return False
    return True


def take(trash: Path | None, folder: Path, kind: str = "site") -> list[Path]:
    """Move one spare of ``trash`` into ``folder`` (made here) as :data:`HIDDEN`, one of ``kind``
    if there is (its layout: a site's, or Pagefind's staging of a language); the others are
    returned (a build deletes those past two: they would pile up)."""
    if trash is None:
        return []
    try:
        spares = sorted((entry for entry in trash.iterdir() if is_spare(entry.name)),
                        key=lambda entry: (not entry.name.startswith(f"{SPARE}{kind}-"), entry.name))
    except OSError:
        return []
    for index, spare in enumerate(spares):
        try:
            if not stat.S_ISDIR(os.lstat(spare).st_mode):
                continue  # a link named like a spare is deleted, never followed
            folder.mkdir(exist_ok=True)
            spare.rename(folder / HIDDEN)
        except OSError:
            continue  # taken by a build of another site meanwhile, or another file system
        return spares[:index] + spares[index + 1:]
    return spares


def give_back(folder: Path, trash: Path | None) -> None:
    """A failed build's spare, if it never got to :func:`move_in` (a check error stops a build
    before ``on_nav``), goes back to the trash for the next build: an editor's broken save
    and its fix cost the fix's build no folders."""
    hidden = folder / HIDDEN
    if trash is not None and real_folder(hidden):
        with contextlib.suppress(OSError):  # the trash gone meanwhile: deleted with the build
            hidden.rename(trash / f"{SPARE}site-{secrets.token_hex(8)}")



def move_in(site_dir: Path, source: str = "the site replaced before") -> int:
    """The taken spare's folders put in their places in ``site_dir`` (where the site has no
    such entry yet); the number of folders it brought (0: none, or dropped)."""
    hidden = site_dir / HIDDEN
    if not os.path.lexists(hidden):
        return 0
    count = _folders_only(str(hidden))
    if count:
        for entry in os.scandir(hidden):
            if not os.path.lexists(site_dir / entry.name):
                os.rename(entry.path, site_dir / entry.name)
        log.info(f"lexikon: {count} folders from {source}")
    if os.path.islink(hidden):
        os.unlink(hidden)
    else:
        shutil.rmtree(hidden, ignore_errors=True)
    return count


def settle(site_dir: Path, dests: Iterable[str]) -> None:
    """At each language pass's ``on_nav`` (MkDocs has cleaned the folder, the pass's files are
    final, nothing is written yet): the taken spare moved in, and out of the files' way."""
    move_in(site_dir)
    clear_way(site_dir, dests)


def clear_way(site_dir: Path, dests: Iterable[str]) -> None:
    """Each language pass, before it writes: a folder (of empty folders only: a spare's) where
    the pass writes a file goes. MkDocs copies a file onto a folder *into* it (``extra`` became
    ``extra/extra`` when a replaced site had a folder ``extra/``); a cold build has no folder there."""
    root = str(site_dir)
    for dest in dests:
        path = os.path.join(root, dest)
        if real_folder(Path(path)) and (_folders_only(path) or not os.listdir(path)):
            shutil.rmtree(path, ignore_errors=True)


def _folders_only(root: str) -> int:
    """How many folders ``root`` holds if it holds nothing else (no file, no link), else 0."""
    count, pending = 0, [root]
    try:
        if not stat.S_ISDIR(os.lstat(root).st_mode):
            return 0
        while pending:
            with os.scandir(pending.pop()) as entries:
                for entry in entries:
                    if entry.is_symlink() or not entry.is_dir(follow_symlinks=False):
                        return 0
                    count += 1
                    pending.append(entry.path)
    except OSError:
        return 0
    return count


def prune(folder: Path) -> None:
    """Remove every empty folder inside ``folder`` (deepest first), never ``folder`` itself."""
    root, removed = str(folder), set()
    for path, folders, files in os.walk(root, topdown=False):
        if path == root or files or any(os.path.join(path, name) not in removed for name in folders):
            continue
        try:
            os.rmdir(path)
        except OSError:
            continue
        removed.add(path)

"""One build at a time writes beside ``site/`` and replaces it only when everything succeeded.

A build writes into ``.site.building`` next to the site folder and swaps it in at its very
end; whatever fails before (a language pass, Pagefind, a strict abort on warnings) drops
the building folder and leaves the last good ``site/`` byte for byte. Two builds of one
site take turns: the second waits on a lock file (``.site.lock``, an advisory ``flock``
the system releases when a build's process ends, however it ends), saying so, so that
they never share the building folder or swap half a site in. None of these folders may
be a symbolic link: the build would write, or delete, wherever it points.
"""

from __future__ import annotations

import fcntl
import logging
import os
import re
import secrets
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lexikon.core.paths import is_inside, real_folder, shown
from lexikon.core.safe_write import WriteRefused, checked, refuse_link
from lexikon.publish import spare

log = logging.getLogger("mkdocs.hooks.lexikon")
TRASH = Path(".cache") / "lexikon-trash"
"""Where a replaced site waits to be deleted, in the project (the same file system as a
site inside it): deleting 2,000 pages is seconds a build need not wait for. Its folders,
emptied of files, wait there for the next build instead (see :mod:`.spare`)."""
_deleting: list[subprocess.Popen] = []


def building_dir(site_dir: Path) -> Path:
    """Where a build writes before it replaces ``site_dir`` (beside it: same file system)."""
    return site_dir.parent / f".{site_dir.name}.building"


def _old_dir(site_dir: Path) -> Path:
    return site_dir.parent / f".{site_dir.name}.old"


def lock_file(site_dir: Path) -> Path:
    return site_dir.parent / f".{site_dir.name}.lock"


@dataclass
class Building:
    """A build under way: where it writes, where the result goes, and its lock."""

    site_dir: Path
    lock: int
    """The open lock file; closing it lets the next build go on."""

    trash: Path | None = None
    """Where the replaced site is moved to be deleted by a process of its own (see :data:`TRASH`)."""

    @property
    def folder(self) -> Path:
        return building_dir(self.site_dir)

    def finish(self) -> None:
        """Swap the finished build in, then let the next build go on."""
        try:
            spare.prune(self.folder)  # the same site whether it began from a spare or not
            swap_in(self.folder, self.site_dir, self.trash)
        finally:
            self.release()

    def discard(self) -> None:
        """A failed build: its output goes, the last good site stays."""
        try:
            spare.give_back(self.folder, self.trash)
            _remove(self.folder)
        finally:
            self.release()

    def release(self) -> None:
        if self.lock >= 0:
            os.close(self.lock)
            self.lock = -1


def begin(site_dir: Path, project_dir: Path, glossary: str = "glossary") -> Building:
    """Take the site's lock (waiting for another build of it), refuse links, clear the folder.

    ``site_dir`` may be anywhere (``mkdocs build -d``); inside the project, no folder on
    its way may be a link either, and it may not be or hold the project's sources (see
    :func:`_refuse_sources`). Raises :class:`WriteRefused`.
    """
    site_dir = Path(os.path.abspath(site_dir))
    _refuse_sources(site_dir, Path(os.path.abspath(project_dir)), glossary)
    for path in (site_dir, building_dir(site_dir), _old_dir(site_dir), lock_file(site_dir)):
        refuse_link(path, project_dir)
        if is_inside(path, project_dir):
            checked(path, project_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    lock = os.open(lock_file(site_dir), os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        log.info("another build of %s is running (lock file %s): waiting for it to finish",
                 site_dir, lock_file(site_dir))
        fcntl.flock(lock, fcntl.LOCK_EX)
    _restore(site_dir)
    building = Building(site_dir, lock, _trash(project_dir))
    _remove(building.folder)  # what a killed build left: no other build uses it now
    for left in spare.take(building.trash, building.folder)[2:]:  # two left for Pagefind's staging
        delete_later(left)
    return building


def _restore(site_dir: Path) -> None:
    """A build killed between its swap's two renames left the last good site as ``.site.old``
    and no ``site/``: it goes back (else the next build deleted it, and a failing one left no site)."""
    old = _old_dir(site_dir)
    if not os.path.lexists(site_dir) and real_folder(old):
        old.rename(site_dir)



def _refuse_sources(site_dir: Path, project_dir: Path, glossary: str) -> None:
    """A site is swapped in whole, the folder it replaces emptied: ``-d glossary`` or ``-d .git``
    made the entries or the history the replaced site (MkDocs itself refuses only a site
    holding ``docs_dir``). So the site may not be the project, nor hold or lie in its glossary,
    ``.git`` or ``hooks``, nor hold ``.cache`` (the check cache, the trash the swap uses)."""
    sources = ((".", False), (glossary, True), (".git", True), ("hooks", True), (".cache", False))
    for name, inside_too in sources:
        source = Path(os.path.normpath(project_dir / name))
        inside = inside_too and source != project_dir and is_inside(site_dir, source)
        if inside or is_inside(source, site_dir):
            raise WriteRefused(shown(site_dir, project_dir), f"a site folder that is, holds or lies in "
                               f"{shown(source, project_dir)}: a build replaces its site folder whole; "
                               "choose another with -d or site_dir")


def glossary_folder(extra: Mapping[str, Any]) -> str:
    """The glossary folder as ``extra.lexikon.glossary_dir`` names it, read before the settings
    (at ``on_config``, for :func:`begin`); the settings check the value later."""
    lexikon = extra.get("lexikon")
    name = lexikon.get("glossary_dir") if isinstance(lexikon, Mapping) else None
    return name if isinstance(name, str) and name else "glossary"


def _trash(project_dir: Path) -> Path | None:
    """The project's trash folder, emptied in the background of what earlier builds left
    (None where it cannot be made: the old site is then deleted before the build ends)."""
    for process in list(_deleting):  # in `mkdocs serve`: no process left unwaited
        if process.poll() is not None:
            _deleting.remove(process)
    trash = trash_folder(project_dir)
    try:
        for left in trash.iterdir() if trash is not None else ():
            if not _in_use(left.name) and not spare.is_spare(left.name):
                delete_later(left)
    except OSError:
        return None
    return trash


def _in_use(name: str) -> bool:
    """Whether a trash entry belongs to a build still running (another site of the project,
    built at the same time: its Pagefind staging); the entries name their process."""
    found = re.search(r"-(\d+)-", name)
    if found is None:
        return False
    try:
        os.kill(int(found.group(1)), 0)
    except (ProcessLookupError, ValueError, OverflowError):
        return False
    except PermissionError:
        return True
    return True


def trash_folder(project_dir: Path) -> Path | None:
    """The project's trash folder (:data:`TRASH`), made if need be; None where it cannot be,
    or nothing can be made in it (a read-only ``.cache``: its folder exists from an earlier run)."""
    trash = project_dir / TRASH
    try:
        checked(trash, project_dir)
        trash.mkdir(parents=True, exist_ok=True)
    except (OSError, WriteRefused):
        return None
    return trash if os.access(trash, os.W_OK | os.X_OK) else None


def delete_later(folder: Path) -> None:
    """Delete ``folder`` in a process of its own, which may outlive the build."""
    _deleting.append(subprocess.Popen(["rm", "-rf", "--", str(folder)], stdin=subprocess.DEVNULL,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      start_new_session=True))


def swap_in(built: Path, site_dir: Path, trash: Path | None = None) -> None:
    """Replace ``site_dir`` by the finished build; the old site goes only once the new is in
    (to ``trash`` when it can be moved there: its files deleted, its folders kept for the next
    build, or all of it deleted in the background)."""
    old = _old_dir(site_dir)
    _remove(old)
    refuse_link(site_dir)
    if site_dir.exists():
        site_dir.rename(old)
    try:
        built.rename(site_dir)
    except OSError:  # the last good site back where it was
        if not os.path.lexists(site_dir):
            old.rename(site_dir)
        raise
    if trash is not None and old.is_dir() and not old.is_symlink():
        aside = trash / f"site-{os.getpid()}-{secrets.token_hex(4)}"
        try:
            old.rename(aside)  # fails across file systems: then deleted here
            if not spare.keep_folders(aside, trash, like=site_dir):  # its folders: the next build's
                delete_later(aside)
        except OSError:
            pass
    _remove(old)


def _remove(folder: Path) -> None:
    """Remove a folder of ours; a link in its place is removed, never followed."""
    if folder.is_symlink():
        folder.unlink()
    else:
        shutil.rmtree(folder, ignore_errors=True)

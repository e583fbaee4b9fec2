"""The one way this package writes a file: inside a root, never through a link, all or nothing.

An entry arrives as a pull request, and a pull request can commit symlinks: a dangling
``glossary/new-id.yml`` pointing at ``~/.bashrc``, a ``.cache`` or ``site`` that is a link
to somewhere else. So every write resolves its target first and refuses one outside its
root (the project, or the site being built) or reached through a symlink anywhere below
that root, dangling ones included. What passes is written to a temporary file in the same
folder and renamed over the target: a reader, or a full disk, never leaves half a file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from lexikon.core.paths import shown


class WriteRefused(Exception):
    """A write that would leave the project or follow a link; ``str()`` is the located line."""

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(f"{path}: error: {message}")
        self.path = str(path)


def checked(target: Path, root: Path) -> Path:
    """The absolute target, once it is known to lie inside ``root`` with no link on the way.

    Every existing component from ``root`` down to the target itself is looked at without
    following it (``lstat``): a link is refused even when it points back inside. ``root``
    itself may sit below a link (a home folder often does); what is inside it may not.
    """
    absolute = Path(os.path.abspath(target))
    base = Path(os.path.abspath(root))
    try:
        parts = absolute.relative_to(base).parts
    except ValueError:
        raise WriteRefused(target, f"is outside the project ({base}): write only inside it") from None
    current = base
    for part in parts:
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            break  # nothing there yet, nor below: made by us
        if stat.S_ISLNK(mode):
            raise WriteRefused(shown(current, base), "is a symbolic link: nothing is written through a "
                               "link; remove it (or replace it by a real folder or file) and run again")
    return absolute


def make_folder(folder: Path, root: Path) -> Path:
    """``folder`` and its parents inside ``root``, checked as :func:`checked` does."""
    path = checked(folder, root)
    if path.exists() and not path.is_dir():
        raise WriteRefused(shown(path, root), "exists and is not a folder: choose another name, or "
                           "move the file away")
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_bytes(target: Path, data: bytes, root: Path, *, exclusive: bool = False) -> Path:
    """Write ``data`` to ``target`` atomically; ``exclusive`` refuses an existing target.

    The file keeps the mode an ordinary write would give it (or the one it had).
    """
    path = checked(target, root)
    make_folder(path.parent, root)
    if path.is_dir():
        raise WriteRefused(shown(path, root), "is a folder: choose another name, or move the folder away")
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:100]}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, _mode(path))
        if exclusive:
            os.link(temporary, path)  # fails if anything, a dangling link too, took the name
            os.unlink(temporary)
        else:
            os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError) and not error.filename:  # a full disk names no file: name it
            raise OSError(error.errno, error.strerror, str(path)) from error
        raise
    return path


def write_text(target: Path, text: str, root: Path, *, exclusive: bool = False) -> Path:
    """:func:`write_bytes` of ``text`` in UTF-8."""
    return write_bytes(target, text.encode("utf-8"), root, exclusive=exclusive)


def refuse_link(path: Path, root: Path | None = None) -> None:
    """For a folder named by the user (``site_dir``): it may be anywhere, but not a link."""
    if path.is_symlink():
        raise WriteRefused(shown(path, root) if root else path, "is a symbolic link: a build never "
                           "writes through a link; remove it and build again")


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


_NEW_FILE_MODE = 0o666 & ~_umask()
"""What ``open(…, "w")`` would give a new file (read once: setting the umask is process-wide)."""


def _mode(path: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return _NEW_FILE_MODE

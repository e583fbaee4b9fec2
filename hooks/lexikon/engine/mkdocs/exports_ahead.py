"""The data exports made in a forked process while the language passes run (issue 17).

The exports (JSON, CSV, TBX, SKOS, …) are made of the glossary and the site's names and
addresses only, all known once the glossary is rendered, and they take a third of an
incremental build's Python time when an entry changed. Made at the end, they wait for the
pages; made in a copy of the build process right after the render, they use the other core
while this one writes the pages (an incremental build's second core is otherwise idle: its
pages come from the cache, not from the second Markdown process). The copy writes them into
a folder of its own (MkDocs clears the site folder after ``on_pre_build``); the build moves
them in at its end. Any failure there, and the build makes them itself, as before.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import shutil
import signal
import tempfile
from collections.abc import Callable
from pathlib import Path

from lexikon.core.processes import can_fork
from lexikon.core.safe_write import WriteRefused, checked, make_folder
from lexikon.publish.building import delete_later, trash_folder


class ExportsAhead:
    """A forked process making the exports into ``folder``; :meth:`take` moves them in."""

    def __init__(self, folder: Path, write: Callable[[Path], list[Path]], made_of: object = None) -> None:
        self.folder = folder
        self.made_of = made_of
        """What the exports were made of besides the rendered glossary (the site's names)."""
        read, out = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(read)
            _make_in_child(folder, write, out)  # never returns
        os.close(out)
        self.reader = os.fdopen(read, "rb")

    @classmethod
    def start(cls, project_dir: Path, write: Callable[[Path], list[Path]],
              made_of: object = None) -> ExportsAhead | None:
        """``write(folder)`` in a forked process, where forking is safe; else None (made at the end)."""
        if not can_fork():
            return None
        trash = trash_folder(project_dir)
        if trash is None:
            return None
        # Absolute: the exporters name what they wrote by resolved paths, and a folder relative to a
        # project named relatively (``mkdocs build -f mkdocs.yml``) named none of them: the child
        # failed in silence and the build made every export again, at its end, in its own process.
        folder = Path(tempfile.mkdtemp(prefix=f"exports-{os.getpid()}-", dir=trash)).resolve()
        return cls(folder, write, made_of)

    def take(self, site_dir: Path) -> list[Path] | None:
        """The exports moved into ``site_dir`` (the paths there), or None if the process failed."""
        try:
            message = self.reader.read()
        finally:
            self.reader.close()
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
        try:
            names = json.loads(message) if message else None
            if not isinstance(names, list):
                return None
            moved = []
            for name in names:
                target = checked(site_dir / name, site_dir)
                make_folder(target.parent, site_dir)
                shutil.move(checked(self.folder / name, self.folder), target)  # copied across file systems
                moved.append(target)
            return moved
        except (OSError, WriteRefused, TypeError):  # the build makes them itself, and tells what failed
            return None
        finally:
            delete_later(self.folder)

    def drop(self) -> None:
        """Not needed after all (the last build's exports are taken): the process is stopped."""
        self.reader.close()
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        delete_later(self.folder)


def _make_in_child(folder: Path, write: Callable[[Path], list[Path]], out: int) -> None:
    """The forked process: the exports written, their names sent; then away, at once."""
    gc.freeze()  # the inherited objects are the build's: never walk (and so copy) them
    code = 1
    try:
        written = write(folder)
        names = [path.relative_to(folder).as_posix() for path in written]
        with os.fdopen(out, "wb") as stream:
            stream.write(json.dumps(names).encode())
        code = 0
    except BaseException:  # the build makes them itself, and reports what went wrong
        with contextlib.suppress(BaseException):
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        os._exit(code)

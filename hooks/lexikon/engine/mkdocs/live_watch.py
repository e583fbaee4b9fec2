"""The fast preview's watcher of ``glossary/``: inotify events, a short quiet time, one batch.

MkDocs' own watcher polls every half second and waits a tenth more; on Linux, inotify tells
at once. An editor's save is often several events (write, rename of a temporary file, a
backup): the batch is handed on once the folder has been quiet for :data:`QUIET` seconds.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

QUIET = 0.03
"""Seconds without a new event before a batch is handled."""

_CHANGES = {"created", "modified", "deleted", "moved", "closed"}
"""Events that change a file (not an open or a read: the check's own reads would loop)."""


class Watcher(FileSystemEventHandler):
    """Calls ``handle`` with each batch of changed paths, from one thread, one at a time."""

    def __init__(self, folder: Path, handle: Callable[[set[Path]], None]) -> None:
        self.folder = folder
        self.handle = handle
        self.pending: set[Path] = set()
        self.wake = threading.Condition()

    def start(self) -> None:
        """Watch (raises OSError when the system refuses, e.g. too many watches)."""
        observer = Observer()
        observer.daemon = True
        observer.schedule(self, str(self.folder), recursive=False)
        observer.start()
        threading.Thread(target=self._loop, name="lexikon-preview", daemon=True).start()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type not in _CHANGES:
            return
        with self.wake:
            self.pending.add(Path(str(event.src_path)))
            if getattr(event, "dest_path", ""):
                self.pending.add(Path(str(event.dest_path)))
            self.wake.notify_all()

    def _loop(self) -> None:
        while True:
            with self.wake:
                self.wake.wait_for(lambda: bool(self.pending))
                while self.wake.wait(QUIET):  # woken by a newer event: wait for quiet
                    pass
                batch, self.pending = self.pending, set()
            self.handle(batch)

"""What the check's and the build's processes share: whether work may go to a forked second
process, and freed memory handed back before a large step."""

from __future__ import annotations

import contextlib
import ctypes
import os
import threading


def can_fork() -> bool:
    """Two cores, and no other thread (``mkdocs serve`` has some) whose locks a fork could copy."""
    return (os.cpu_count() or 1) >= 2 and threading.active_count() == 1 and hasattr(os, "fork")


def give_back_free_memory() -> None:
    """Hand freed memory back to the system (glibc keeps it otherwise): a process forked or
    started next (the second process, Pagefind) then has what this one let go of."""
    with contextlib.suppress(OSError, AttributeError):  # not glibc: the memory is reused all the same
        ctypes.CDLL(None).malloc_trim(0)

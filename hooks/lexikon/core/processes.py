"""Whether work may go to a forked second process: the one rule the check and the build share."""

from __future__ import annotations

import os
import threading


def can_fork() -> bool:
    """Two cores, and no other thread (``mkdocs serve`` has some) whose locks a fork could copy."""
    return (os.cpu_count() or 1) >= 2 and threading.active_count() == 1 and hasattr(os, "fork")

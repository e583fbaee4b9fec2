"""Whether a test may take the forked path: two cores and ``os.fork``. The code itself also
asks that no other thread runs (serve's threads); in a test worker a thread another test left
behind would send it down the one-process path, so tests of the forked path patch that away."""

from __future__ import annotations

import os


def fork_possible() -> bool:
    return (os.cpu_count() or 1) >= 2 and hasattr(os, "fork")

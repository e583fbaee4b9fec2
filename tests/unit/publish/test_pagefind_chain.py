"""The process running a language's Pagefind parts in turn, told to stop the moment a part has
been forked, leaves no part running (``test_pagefind_parts``' stop test failed now and then under
load: a SIGTERM between the fork and ``subprocess.call`` taking the part left it orphaned)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from lexikon.publish.pagefind_index import _CHAIN

ATTEMPTS = 20
"""Main's chain left the part running in about half of them."""


def _children(pid: int) -> list[int]:
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", encoding="utf-8") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if parent == pid:
            found.append(int(name))
    return found


def test_a_stop_right_after_a_part_is_forked_ends_the_part() -> None:
    sleeper = [sys.executable, "-c", "import time; time.sleep(30)"]
    left = []
    for _ in range(ATTEMPTS):
        chain = subprocess.Popen([sys.executable, "-c", _CHAIN, json.dumps([sleeper, sleeper])])
        deadline = time.monotonic() + 30
        while not (parts := _children(chain.pid)) and time.monotonic() < deadline:
            pass  # no sleep: stop it as soon as the part exists
        chain.terminate()
        assert chain.wait(timeout=30) != 0
        time.sleep(0.05)
        for pid in parts:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                continue
            left.append(pid)
            os.kill(pid, signal.SIGKILL)
    assert left == []

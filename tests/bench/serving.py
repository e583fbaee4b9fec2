"""Talking to a local ``mkdocs serve``: shared by the benchmark and the serve test."""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, timeout: float = 10) -> str:
    """The page's text, or '' while the server is not answering yet."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float, interval: float = 0.05) -> float | None:
    """Seconds until ``text`` shows at ``url``, or None when it does not within ``seconds``."""
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        if text in get(url):
            return time.perf_counter() - start
        time.sleep(interval)
    return None


def status(url: str, timeout: float = 10) -> int:
    """The HTTP status, or 0 when the server does not answer."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def wait_status(url: str, wanted: int, seconds: float, interval: float = 0.01) -> float | None:
    """Seconds until ``url`` answers ``wanted``, or None."""
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        if status(url) == wanted:
            return time.perf_counter() - start
        time.sleep(interval)
    return None


NEW_ENTRY = """\
tags: [it]
de:
  title: {marker} Neu
  summary: {marker} ist ein neuer Begriff, den die Vorschau sofort zeigen soll.
da:
  title: {marker} Ny
  summary: {marker} er et nyt begreb, som forhåndsvisningen skal vise med det samme.
"""

SETTLED = "search, feeds, sitemaps and exports updated"
"""What the serve log says when the fast path's background steps are done."""


def _settle(log: Path | None, before: int, seconds: float) -> float | None:
    """Seconds until the log counts one more settled edit (None without a log or in time)."""
    start = time.perf_counter()
    while log is not None and time.perf_counter() - start < seconds:
        if log.read_text("utf-8", errors="replace").count(SETTLED) > before:
            return time.perf_counter() - start
        time.sleep(0.05)
    return None


def edits_to_screen(base: str, glossary: Path, term_id: str, change: Callable[[Path, str], None],
                    timeout: float, log: Path | None = None, repeat: int = 3,
                    settle: float | None = None) -> dict:
    """Seconds from each kind of edit (the file written) to the HTTP answer showing it: an
    edit of an entry (``repeat`` times: median and all), a new entry, a rename, a delete.
    After each, the background steps are waited for (their time as ``settle_s``), as an
    editor's next save comes later (at most ``settle`` seconds, when given)."""
    out: dict = {"edit_runs": [], "settle_s": []}

    def settled(before: int) -> None:
        out["settle_s"].append(_settle(log, before, timeout if settle is None else settle))

    def count() -> int:
        return log.read_text("utf-8", errors="replace").count(SETTLED) if log is not None else 0

    for run in range(repeat):
        marker, before = f"Editmarker{int(time.time())}x{run}", count()
        start = time.perf_counter()
        change(glossary / f"{term_id}.yml", marker)
        seen = wait_for(f"{base}terms/{term_id}/", marker, timeout, 0.01)
        out["edit_runs"].append(None if seen is None else time.perf_counter() - start)
        settled(before)
    runs = sorted(s for s in out["edit_runs"] if s is not None)
    out["edit_s"] = runs[len(runs) // 2] if runs else None
    marker = f"Newmarker{int(time.time())}"
    new, renamed = glossary / "servebench-neu.yml", glossary / "servebench-umbenannt.yml"
    steps = [("new_s", lambda: new.write_text(NEW_ENTRY.format(marker=marker), "utf-8"),
              lambda: wait_for(f"{base}terms/servebench-neu/", marker, timeout, 0.01)),
             ("rename_s", lambda: new.rename(renamed),
              lambda: wait_for(f"{base}terms/servebench-umbenannt/", marker, timeout, 0.01)),
             ("delete_s", renamed.unlink,
              lambda: wait_status(f"{base}terms/servebench-umbenannt/", 404, timeout))]
    for key, act, seen in steps:
        before = count()
        start = time.perf_counter()
        act()
        out[key] = None if seen() is None else time.perf_counter() - start
        settled(before)
    return out

"""Talking to a local ``mkdocs serve``: shared by the benchmark and the serve test."""

from __future__ import annotations

import socket
import time
import urllib.request


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

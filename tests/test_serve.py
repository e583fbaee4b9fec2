"""`make serve`'s promise: an edit in glossary/ shows in the preview without a restart."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import Project


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _get(url):
            return True
        time.sleep(0.3)
    return False


def test_serve_rebuilds_when_an_entry_changes(make_project) -> None:
    project: Project = make_project()
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}",
         "-f", str(project.root / "mkdocs.yml")],
        cwd=project.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        url = f"http://127.0.0.1:{port}/terms/insourcing/"
        assert _wait_for(url, "<h1"), "the preview serves the German term page"
        assert "Insourcing im Eigenbetrieb" not in _get(url)
        entry = project.glossary / "insourcing.yml"
        text = entry.read_text("utf-8")
        entry.write_text(text.replace("  title: Insourcing\n", "  title: Insourcing im Eigenbetrieb\n", 1),
                         "utf-8")
        assert _wait_for(url, "Insourcing im Eigenbetrieb"), "the edit shows after the automatic rebuild"
    finally:
        server.terminate()
        server.wait(timeout=10)

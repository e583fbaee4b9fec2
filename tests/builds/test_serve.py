"""`make serve`'s promise: an edit in glossary/ shows in the preview without a restart."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.bench.serving import free_port, get, wait_for
from tests.support.project import Project


def test_serve_rebuilds_when_an_entry_changes(make_project) -> None:
    project: Project = make_project()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}",
         "-f", str(project.root / "mkdocs.yml")],
        cwd=project.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        url = f"http://127.0.0.1:{port}/terms/insourcing/"
        assert wait_for(url, "<h1", 60) is not None, "the preview serves the German term page"
        assert "Insourcing im Eigenbetrieb" not in get(url)
        entry = project.glossary / "insourcing.yml"
        text = entry.read_text("utf-8")
        entry.write_text(text.replace("  title: Insourcing\n", "  title: Insourcing im Eigenbetrieb\n", 1),
                         "utf-8")
        shown = wait_for(url, "Insourcing im Eigenbetrieb", 60)
        assert shown is not None, "the edit shows after the automatic rebuild"
    finally:
        server.terminate()
        server.wait(timeout=10)

"""`mkdocs serve` after edits: a broken edit keeps the last good pages served and logs its
findings (the guide: "die Vorschau bleibt beim alten Stand"); the fix, a new entry, a
deleted one and a renamed one show after the next rebuild."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.bench.serving import free_port, get, wait_for
from tests.support.project import Project

NEW_ENTRY = """\
tags: [business]
de:
  title: Nearshoring
  summary: Nearshoring verlagert Aufgaben an Dienstleister in einem nahen Land.
da:
  title: Nearshoring
  summary: Nearshoring flytter opgaver til leverandører i et nærliggende land.
"""


class Served:
    """A running ``mkdocs serve`` of a project, its log in a file."""

    def __init__(self, project: Project, log: Path) -> None:
        self.port = free_port()
        self.log = log
        self.stderr = log.open("w")
        self.server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}",
             "-f", str(project.root / "mkdocs.yml")],
            cwd=project.root, stdout=subprocess.DEVNULL, stderr=self.stderr,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def builds(self) -> int:
        """Builds finished so far, good or failed (MkDocs logs one line after each)."""
        text = self.log.read_text("utf-8", errors="replace")
        done = r"Documentation built in|Reloading browsers|error happened during the rebuild"
        done += r"|lexikon: preview updated|error\(s\) in the glossary"  # the fast path's (issue 17)
        return len(re.findall(done, text))

    def wait_for_rebuild(self, before: int, seconds: float = 60) -> None:
        start = time.monotonic()
        while time.monotonic() - start < seconds:
            if self.builds() > before:
                return
            time.sleep(0.1)
        raise AssertionError("no rebuild within the time:\n" + self.log.read_text("utf-8"))


@pytest.fixture
def served(make_project, tmp_path: Path) -> Iterator[tuple[Project, Served]]:
    project: Project = make_project()
    server = Served(project, tmp_path / "serve.log")
    try:
        assert wait_for(server.url("terms/insourcing/"), "<h1", 90) is not None, "the first build is served"
        yield project, server
    finally:
        server.server.terminate()
        server.server.wait(timeout=10)
        server.stderr.close()


def _status(url: str) -> int:
    """The HTTP status, or 0 when the server does not answer in time."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def test_a_broken_edit_keeps_the_last_good_pages_and_shows_the_findings(served) -> None:
    project, server = served
    url = server.url("terms/insourcing/")
    entry = project.glossary / "insourcing.yml"
    good = entry.read_text("utf-8")
    before = server.builds()
    broken = good.replace("related: [outsourcing]\n", "related: [outsourcing, nirgendwo]\n", 1)
    broken = broken.replace("  title: Insourcing\n", "  title: Insourcing kaputt\n", 1)
    assert broken != good
    entry.write_text(broken, "utf-8")
    server.wait_for_rebuild(before)
    # The server answers at once (a stuck server would time out here) with the old page.
    start = time.monotonic()
    page = get(url, timeout=15)
    assert time.monotonic() - start < 10 and "<h1" in page, "the last good page is still served"
    assert _status(url) == 200
    assert "Insourcing kaputt" not in page, "the broken edit is not shown"
    log = server.log.read_text("utf-8")
    assert re.search(r"glossary/insourcing\.yml:3:\d+: error: .*nirgendwo", log), log
    # The fix shows after the next rebuild.
    entry.write_text(good.replace("  title: Insourcing\n", "  title: Insourcing repariert\n", 1), "utf-8")
    assert wait_for(url, "Insourcing repariert", 60) is not None, server.log.read_text("utf-8")


def test_new_deleted_and_renamed_entries_show_after_the_rebuild(served) -> None:
    project, server = served
    new = server.url("terms/nearshoring/")
    assert _status(new) == 404
    (project.glossary / "nearshoring.yml").write_text(NEW_ENTRY, "utf-8")
    assert wait_for(new, "Nearshoring verlagert", 60) is not None, "a new entry shows"
    assert wait_for(server.url("da/terms/nearshoring/"), "Nearshoring flytter", 30) is not None
    before = server.builds()
    (project.glossary / "nearshoring.yml").unlink()
    server.wait_for_rebuild(before)
    assert _wait_status(new, 404), "a deleted entry's page is gone"
    renamed = project.glossary / "nahverlagerung.yml"
    renamed.write_text(NEW_ENTRY, "utf-8")
    assert wait_for(server.url("terms/nahverlagerung/"), "Nearshoring verlagert", 60) is not None
    renamed.rename(project.glossary / "naheverlagerung.yml")
    assert wait_for(server.url("terms/naheverlagerung/"), "Nearshoring verlagert", 60) is not None
    assert _wait_status(server.url("terms/nahverlagerung/"), 404), "the old name's page is gone"


def _wait_status(url: str, status: int, seconds: float = 30) -> bool:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if _status(url) == status:
            return True
        time.sleep(0.1)
    return False

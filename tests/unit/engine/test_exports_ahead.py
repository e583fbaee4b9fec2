"""The exports made in a forked process while the passes run (issue 17,
``engine/mkdocs/exports_ahead.py``): moved into the site at the end, as written; a failure
there gives None (the build makes them itself); a dropped process is stopped."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest

from lexikon.engine.mkdocs import exports_ahead
from lexikon.engine.mkdocs.exports_ahead import ExportsAhead
from tests.support.forking import fork_possible

pytestmark = pytest.mark.skipif(not fork_possible(), reason="needs fork and two cores")


@pytest.fixture(autouse=True)
def _forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """A thread another test left in this worker would send the exports to the one-process path."""
    monkeypatch.setattr(exports_ahead, "can_fork", fork_possible)


def _write(folder: Path) -> list[Path]:
    (folder / "sub").mkdir()
    written = [folder / "glossary.json", folder / "sub" / "x.csv"]
    for number, path in enumerate(written):
        path.write_bytes(f"{number}: {os.getpid()}".encode())
    return written


def test_the_exports_are_made_in_another_process_and_moved_into_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    ahead = ExportsAhead.start(tmp_path, _write, "names")
    assert ahead is not None and ahead.made_of == "names"
    moved = ahead.take(site)
    assert moved == [site / "glossary.json", site / "sub" / "x.csv"]
    pid = int((site / "glossary.json").read_text().split(": ")[1])
    assert pid != os.getpid()
    assert (site / "sub" / "x.csv").read_text().startswith("1: ")


def test_a_failure_in_the_other_process_gives_none(tmp_path: Path) -> None:
    def broken(folder: Path) -> list[Path]:
        raise OSError("disk full")

    ahead = ExportsAhead.start(tmp_path, broken)
    assert ahead is not None
    assert ahead.take(tmp_path / "site") is None
    assert not (tmp_path / "site").exists()


def test_dropped_exports_are_stopped_not_waited_for(tmp_path: Path) -> None:
    def slow(folder: Path) -> list[Path]:
        time.sleep(30)
        return _write(folder)

    ahead = ExportsAhead.start(tmp_path, slow)
    assert ahead is not None
    began = time.monotonic()
    ahead.drop()
    assert time.monotonic() - began < 10
    with pytest.raises(ChildProcessError):
        os.waitpid(ahead.pid, os.WNOHANG)  # reaped


@pytest.mark.skipif(not Path("/dev/shm").is_dir(), reason="needs a second file system")
def test_a_site_on_another_file_system_gets_the_exports_copied(tmp_path: Path) -> None:
    with tempfile.TemporaryDirectory(dir="/dev/shm") as other:
        site = Path(other) / "site"
        site.mkdir()
        ahead = ExportsAhead.start(tmp_path, _write)
        assert ahead is not None
        assert ahead.take(site) == [site / "glossary.json", site / "sub" / "x.csv"]
        assert (site / "sub" / "x.csv").read_text().startswith("1: ")


def test_a_link_in_the_site_is_not_written_through(tmp_path: Path) -> None:
    site, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    site.mkdir()
    elsewhere.mkdir()
    (site / "sub").symlink_to(elsewhere)
    ahead = ExportsAhead.start(tmp_path, _write)
    assert ahead is not None
    assert ahead.take(site) is None  # made by the build itself, which refuses the link with a located line
    assert not any(elsewhere.iterdir())

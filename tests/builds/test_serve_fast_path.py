"""`mkdocs serve`'s fast path (issue 17, point 2): after an edit in glossary/, what the preview
serves is what a cold build of the same glossary writes, byte for byte, without a full rebuild.

One server runs through a sequence of edits (a title and a summary that other pages show, a
new entry linking to an old one, a rename, a delete, a broken edit and its fix). After each,
once the log says the background steps are done, every file of a cold build (``mkdocs build``
with serve's ``site_url``) is fetched over HTTP and compared; pages that went answer 404.
A change the fast path cannot make (``_tags.yml``) is a full rebuild, and the log says so.
"""

from __future__ import annotations

import re
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from lexikon.check.pipeline import run
from lexikon.core.settings import make_settings
from lexikon.engine.mkdocs.live_check import KeptCheck
from tests.bench.serving import get, wait_for
from tests.builds.test_serve_keeps_last_good import NEW_ENTRY, Served, _status, _wait_status
from tests.support.constants import LANGUAGES
from tests.support.project import Project
from tests.support.serve_driver import cold_build, without_livereload

SETTLED = "search, feeds, sitemaps and exports updated"
SHOWN = "lexikon: preview updated in"
FULL = "Documentation built in"


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


def _log(server: Served) -> str:
    return server.log.read_text("utf-8", errors="replace")


def _wait_log(server: Served, text: str, before: int, seconds: float = 90) -> None:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if _log(server).count(text) > before:
            return
        time.sleep(0.05)
    raise AssertionError(f"no '{text}' in the log within {seconds} s:\n{_log(server)[-3000:]}")


def _change(server: Served, act) -> None:
    """One edit, handled by the fast path to its end (no full rebuild meanwhile)."""
    log = _log(server)
    settled, full = log.count(SETTLED), log.count(FULL)
    act()
    _wait_log(server, SETTLED, settled)
    assert _log(server).count(FULL) == full, "no full rebuild:\n" + _log(server)[-3000:]


def _served_file(server: Served, relative: str) -> bytes:
    with urllib.request.urlopen(server.url(relative), timeout=15) as response:
        body = response.read()
    return without_livereload(relative, body)


def _assert_as_cold(project: Project, server: Served, target: Path) -> None:
    cold = cold_build(project.root, target, server.url(""))
    differ = []
    for path in sorted(cold.rglob("*")):
        if path.is_file():
            relative = path.relative_to(cold).as_posix()
            if _served_file(server, relative) != path.read_bytes():
                differ.append(relative)
    assert differ == [], f"served differently from a cold build: {differ[:20]}"


def test_edits_through_the_fast_path_serve_what_a_cold_build_writes(served, tmp_path: Path) -> None:
    project, server = served
    entry = project.glossary / "insourcing.yml"
    good = entry.read_text("utf-8")
    edited = good.replace("  title: Insourcing\n", "  title: Insourcing intern\n", 1).replace(
        "Es ist das Gegenstück zum Outsourcing.", "Es ist das Gegenteil von Outsourcing.", 1)
    assert edited != good
    _change(server, lambda: entry.write_text(edited, "utf-8"))
    assert "Insourcing intern" in get(server.url("terms/outsourcing/")), "a linking page shows the title"
    _assert_as_cold(project, server, tmp_path / "cold-edit")

    linking = NEW_ENTRY.replace("einem nahen Land.", "einem nahen Land, anders als [[insourcing]].")
    new = project.glossary / "nearshoring.yml"
    _change(server, lambda: new.write_text(linking, "utf-8"))
    _assert_as_cold(project, server, tmp_path / "cold-new")

    renamed = project.glossary / "nahverlagerung.yml"
    _change(server, lambda: new.rename(renamed))
    assert _status(server.url("terms/nearshoring/")) == 404, "the old name's page is gone"
    _assert_as_cold(project, server, tmp_path / "cold-renamed")

    _change(server, renamed.unlink)
    assert _status(server.url("terms/nahverlagerung/")) == 404, "a deleted entry's page is gone"
    assert _status(server.url("da/terms/nahverlagerung/")) == 404
    _assert_as_cold(project, server, tmp_path / "cold-deleted")


def test_a_broken_edit_keeps_the_pages_and_its_fix_is_exact(served, tmp_path: Path) -> None:
    project, server = served
    entry = project.glossary / "insourcing.yml"
    good = entry.read_text("utf-8")
    before = _served_file(server, "terms/insourcing/index.html")
    errors = _log(server).count("error(s) in the glossary")
    entry.write_text(good.replace("related: [outsourcing]\n", "related: [outsourcing, nirgendwo]\n", 1)
                     .replace("  title: Insourcing\n", "  title: Insourcing kaputt\n", 1), "utf-8")
    _wait_log(server, "error(s) in the glossary", errors)
    assert re.search(r"glossary/insourcing\.yml:3:\d+: error: .*nirgendwo", _log(server))
    assert _served_file(server, "terms/insourcing/index.html") == before, "the last good page stays"
    fixed = good.replace("  title: Insourcing\n", "  title: Insourcing repariert\n", 1)
    _change(server, lambda: entry.write_text(fixed, "utf-8"))
    _assert_as_cold(project, server, tmp_path / "cold-fixed")


def test_a_change_the_fast_path_cannot_make_is_a_full_rebuild(served) -> None:
    project, server = served
    full = _log(server).count(FULL)
    tags = project.glossary / "_tags.yml"
    tags.write_text(tags.read_text("utf-8") + "\n", "utf-8")
    _wait_log(server, FULL, full)
    assert "lexikon: _tags.yml changed: a full rebuild" in _log(server)
    assert _wait_status(server.url("terms/insourcing/"), 200)


def test_the_kept_check_after_edits_is_the_full_check(make_project) -> None:
    """The fast path's check (one file re-read, combined with the kept reports) finds what
    the full check finds, for an edit, a new file, a broken one and a deleted one."""
    project: Project = make_project()
    settings = make_settings(project.root, LANGUAGES, {"glossary_dir": "glossary"})
    kept = KeptCheck(settings)
    entry, new = project.glossary / "insourcing.yml", project.glossary / "nearshoring.yml"
    twice = entry.read_text("utf-8").replace("title: Insourcing\n", "title: Outsourcing\n")
    steps = [
        lambda: entry.write_text(twice, "utf-8"),  # a title used twice: found only with the others
        lambda: new.write_text(NEW_ENTRY.replace("tags: [business]", "tags: [nirgendwo]"), "utf-8"),
        lambda: new.write_text(NEW_ENTRY, "utf-8"),
        new.unlink,
    ]
    for step in steps:
        step()
        fast, full = kept.recheck({entry, new}), run(settings)
        assert fast.findings == full.findings
        assert fast.glossary == full.glossary


def test_quick_edits_and_an_edit_during_a_full_rebuild_end_as_a_cold_build(served, tmp_path: Path) -> None:
    """A second save while the first's background step runs stops that step and redoes it; an
    edit while serve rebuilds everything (a page of docs/ changed) waits for that build."""
    project, server = served
    entry = project.glossary / "outsourcing.yml"
    text = entry.read_text("utf-8")
    first = text.replace("  title: Outsourcing\n", "  title: Outsourcing erst\n", 1)
    second = first.replace("  title: Outsourcing erst\n", "  title: Outsourcing dann\n", 1)
    assert second != first != text
    settled = _log(server).count(SETTLED)
    entry.write_text(first, "utf-8")
    _wait_log(server, SHOWN, _log(server).count(SHOWN))
    entry.write_text(second, "utf-8")
    _wait_log(server, SETTLED, settled)
    assert wait_for(server.url("terms/insourcing/"), "Outsourcing dann", 60) is not None
    _assert_as_cold(project, server, tmp_path / "cold-quick")

    full = _log(server).count(FULL)
    guide = project.root / "docs" / "guide.md"
    guide.write_text(guide.read_text("utf-8") + "\nNoch ein Satz.\n", "utf-8")
    time.sleep(0.3)
    entry.write_text(second.replace("Outsourcing dann", "Outsourcing zuletzt", 1), "utf-8")
    _wait_log(server, FULL, full)
    _at_rest(server)  # the fast path may come first or after (its background step then ends early)
    _assert_as_cold(project, server, tmp_path / "cold-during-full")


def _at_rest(server: Served, within: float = 180) -> None:
    """Wait until the last thing serve did ended what it started: a full build, or the fast
    path's background step after its page was shown. A quiet log alone is not enough on a busy
    machine: that step's render and search indexing write nothing for seconds."""
    start = time.monotonic()
    while time.monotonic() - start < within:
        _quiet(server)
        log = _log(server)
        if log.rfind(SHOWN) < max(log.rfind(SETTLED), log.rfind(FULL)):
            return
    raise AssertionError(f"serve did not come to rest:\n{_log(server)[-3000:]}")


def _quiet(server: Served, seconds: float = 3, within: float = 120) -> None:
    """Wait until the log has not grown for ``seconds``: nothing is being made any more."""
    start, size, since = time.monotonic(), -1, time.monotonic()
    while time.monotonic() - start < within:
        now = server.log.stat().st_size
        if now != size:
            size, since = now, time.monotonic()
        elif time.monotonic() - since >= seconds:
            return
        time.sleep(0.1)
    raise AssertionError("the log did not come to rest")

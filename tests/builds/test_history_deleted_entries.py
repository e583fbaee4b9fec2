"""A history with entries deleted, renamed and deleted then added again (everyday edits): the
site builds, ``lexicon stats`` runs, and the feed and the stale notices speak only of the
entries there are, each from its current life (since its file was last created); a file
renamed with ``git mv`` keeps its history under its new id."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from lexikon.core.history import entry_history
from tests.support.git_history import commit, git
from tests.support.project import Project, copy_project

ATOM = "{http://www.w3.org/2005/Atom}"
ENTRY = "de:\n  title: {title}\n  summary: {de}\nda:\n  title: {title}\n  summary: {da}\n"
STALE = re.compile(r'<div class="admonition warning lexikon-stale"')


def _entry(title: str, de: str = "Ein Ding.", da: str = "En ting.") -> str:
    return ENTRY.format(title=title, de=de, da=da)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """weg deleted; alt renamed to neu (after its German changed); wieder deleted and added again
    (its German changed in its first life); bleibt's German changed after its Danish."""
    glossary = {f"{name}.yml": _entry(name.capitalize()) for name in ("weg", "alt", "wieder", "bleibt")}
    project = copy_project(tmp_path_factory.mktemp("deleted") / "project", glossary)
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-qm", "the site", date="2026-03-01T10:00:00+00:00")
    commit(project.root, {"glossary/alt.yml": _entry("Alt", de="Ein neues Ding."),
                          "glossary/wieder.yml": _entry("Wieder", de="Ein neues Ding."),
                          "glossary/bleibt.yml": _entry("Bleibt", de="Ein neues Ding.")},
           "2026-03-05T10:00:00+00:00", "German texts changed")
    git(project.root, "rm", "-q", "glossary/weg.yml", "glossary/wieder.yml")
    git(project.root, "commit", "-qm", "two deleted", date="2026-03-08T10:00:00+00:00")
    git(project.root, "mv", "glossary/alt.yml", "glossary/neu.yml")
    git(project.root, "commit", "-qm", "renamed", date="2026-03-10T10:00:00+00:00")
    commit(project.root, {"glossary/wieder.yml": _entry("Wieder")}, "2026-03-12T10:00:00+00:00", "back")
    return project


def _day(day: int) -> datetime:
    return datetime(2026, 3, day, 10, tzinfo=timezone.utc)


def test_history_has_only_the_entries_there_are_each_from_its_current_life(project: Project) -> None:
    history = entry_history(project.glossary, ("de", "da"))
    assert sorted(history) == ["bleibt", "neu", "wieder"]
    assert (history["wieder"].added, history["wieder"].changed) == (_day(12), _day(12))
    assert (history["neu"].added, history["neu"].changed) == (_day(1), _day(10))
    assert [set(edit.langs) for edit in history["neu"].edits] == [{"de"}, {"de", "da"}]
    assert [set(edit.langs) for edit in history["wieder"].edits] == [{"de", "da"}]
    assert [set(edit.langs) for edit in history["bleibt"].edits] == [{"de"}, {"de", "da"}]


def test_site_builds_and_stats_run(project: Project) -> None:
    result = project.build(strict=True)
    assert result.returncode == 0, result.stderr
    stats = project.lexicon("stats")
    assert stats.returncode == 0, stats.stdout + stats.stderr
    # bleibt and neu (renamed from alt): German changed after Danish; wieder: its stale first
    # life is gone with its file, it came back written whole
    assert STALE.search(project.html("da/terms/bleibt/")) and STALE.search(project.html("da/terms/neu/"))
    assert not STALE.search(project.html("da/terms/wieder/"))
    assert not STALE.search(project.html("terms/neu/"))
    assert not (project.site / "da" / "terms" / "weg").exists()
    feed = ET.parse(project.site / "da" / "feed.xml").getroot()
    items = {entry.findtext(f"{ATOM}title"): (entry.findtext(f"{ATOM}published"),
                                              entry.findtext(f"{ATOM}updated"))
             for entry in feed.findall(f"{ATOM}entry")}
    assert items == {"Wieder": (_day(12).isoformat(), _day(12).isoformat()),
                     "Alt": (_day(1).isoformat(), _day(10).isoformat()),
                     "Bleibt": (_day(1).isoformat(), _day(5).isoformat())}
    assert [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")] == [
        "Wieder", "Alt", "Bleibt"]


def test_a_glossary_whose_entries_were_all_deleted_has_no_history(tmp_path: Path) -> None:
    """A folder that was a glossary and has every entry deleted has no history at all."""
    commit(tmp_path, {"glossary/weg.yml": _entry("Weg")}, "2026-03-01T10:00:00+00:00")
    git(tmp_path, "rm", "-q", "glossary/weg.yml")
    git(tmp_path, "commit", "-qm", "gone", date="2026-03-02T10:00:00+00:00")
    (tmp_path / "glossary").mkdir(exist_ok=True)
    assert entry_history(tmp_path / "glossary", ("de", "da")) == {}


def test_a_rename_with_an_edit_or_onto_an_earlier_id_starts_a_life(tmp_path: Path) -> None:
    """Only an exact rename is followed; an id that a file is renamed to forgets its own past."""
    commit(tmp_path, {"glossary/b.yml": _entry("B")}, "2026-03-01T10:00:00+00:00")
    commit(tmp_path, {"glossary/a.yml": _entry("A")}, "2026-03-02T10:00:00+00:00")
    git(tmp_path, "rm", "-q", "glossary/b.yml")
    git(tmp_path, "commit", "-qm", "b gone", date="2026-03-03T10:00:00+00:00")
    git(tmp_path, "mv", "glossary/a.yml", "glossary/b.yml")
    git(tmp_path, "commit", "-qm", "a is b", date="2026-03-04T10:00:00+00:00")
    history = entry_history(tmp_path / "glossary", ("de", "da"))
    assert sorted(history) == ["b"] and (history["b"].added, history["b"].changed) == (_day(2), _day(4))
    (tmp_path / "glossary" / "d.yml").write_text(_entry("A") + "# edited\n", "utf-8")
    git(tmp_path, "rm", "-q", "glossary/b.yml")
    git(tmp_path, "add", "glossary/d.yml")
    git(tmp_path, "commit", "-qm", "b is d, edited", date="2026-03-05T10:00:00+00:00")
    history = entry_history(tmp_path / "glossary", ("de", "da"))
    assert sorted(history) == ["d"] and (history["d"].added, history["d"].changed) == (_day(5), _day(5))

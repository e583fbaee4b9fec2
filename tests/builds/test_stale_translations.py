"""Stale translations in a real project with a real git history made here: the notice on the
built term page, ``lexicon check --stale`` / ``--strict-stale`` and ``lexicon stats``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.support.git_history import commit, git, shallow_clone
from tests.support.project import Project, copy_project

REPO = "https://github.com/example/lexikon"
ENTRY = """\
de:
  title: Wort
  summary: {de}
da:
  title: Ord
  summary: Et ord er en sproglig enhed med en betydning.
"""
GERMAN = "Ein Wort ist eine sprachliche Einheit mit einer Bedeutung."
DA_TITLE = (5, 10)
"""Line and column of the Danish title in ENTRY."""


@pytest.fixture(scope="module")
def stale_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, str]:
    """The site with one entry whose German text changed on 12 March 2026, after the Danish one."""
    glossary = {"wort.yml": ENTRY.format(de=GERMAN)}
    project = copy_project(tmp_path_factory.mktemp("stale") / "project", glossary)
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + f"repo_url: {REPO}\n", "utf-8")
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-qm", "the site", date="2026-03-01T10:00:00+00:00")
    sha = commit(project.root, {"glossary/wort.yml": ENTRY.format(de=GERMAN + " Mehr.")},
                 "2026-03-12T10:00:00+00:00", "German text extended")
    return project, sha


def test_the_danish_page_says_it_is_older_with_date_and_commit_link(
        stale_project: tuple[Project, str]) -> None:
    project, sha = stale_project
    result = project.build(strict=True)
    assert result.returncode == 0, result.stderr
    danish = project.html("da/terms/wort/")
    notice = re.search(r'<div class="admonition warning lexikon-stale"[^>]*>(.*?)</div>', danish, re.S)
    assert notice, "no stale notice on the Danish page"
    assert "Den danske version er ældre end den tyske (ændret den " in notice.group(1)
    assert f'<a href="{REPO}/commit/{sha}">12.03.2026</a>' in notice.group(1)
    assert "lexikon-stale" not in project.html("terms/wort/")  # German is the newer text


def test_check_stale_notes_and_strict_stale_warnings(stale_project: tuple[Project, str]) -> None:
    project, sha = stale_project
    line, col = DA_TITLE
    where = f"glossary/wort.yml:{line}:{col}:"
    plain = project.lexicon("check")
    assert plain.returncode == 0 and "older" not in plain.stdout
    noted = project.lexicon("check", "--stale", "--strict")
    assert noted.returncode == 0, noted.stdout  # notes never fail
    assert f"{where} note: the 'da' text is older than the 'de' text, changed on 2026-03-12 " \
           f"(commit {sha[:12]})" in noted.stdout
    warned = project.lexicon("check", "--strict-stale")
    assert warned.returncode == 0 and f"{where} warning: the 'da' text is older" in warned.stdout
    assert project.lexicon("check", "--strict-stale", "--strict").returncode == 1


def test_stats_lists_the_stale_pair(stale_project: tuple[Project, str]) -> None:
    project, sha = stale_project
    text = project.lexicon("stats")
    assert "Stale translations: 1" in text.stdout
    assert f"wort: da older than de (changed 2026-03-12, commit {sha[:12]})" in text.stdout
    document = json.loads(project.lexicon("stats", "--format", "json").stdout)
    assert document["stale_known"] is True
    assert document["stale"] == [{"entry": "wort", "lang": "da", "newer": "de",
                                  "changed": "2026-03-12T10:00:00+00:00", "commit": sha}]


def test_a_shallow_clone_cannot_tell(stale_project: tuple[Project, str], tmp_path: Path) -> None:
    project, _ = stale_project
    clone = Project(shallow_clone(project.root, tmp_path / "clone"))
    noted = clone.lexicon("check", "--stale")
    assert noted.returncode == 0
    shallow = "mkdocs.yml:1:1: note: history is shallow: staleness unknown; fetch with --unshallow"
    assert shallow in noted.stdout
    assert "older" not in noted.stdout
    assert clone.lexicon("check", "--strict-stale", "--strict").returncode == 1  # CI is told to fetch more
    assert "Stale translations (unknown: history is shallow" in clone.lexicon("stats").stdout
    result = clone.build(strict=True)
    assert result.returncode == 0, result.stderr
    assert "lexikon-stale" not in clone.html("da/terms/wort/")  # the page does not guess either


def test_no_git_nothing_stale(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", {"wort.yml": ENTRY.format(de=GERMAN)})
    result = project.lexicon("check", "--strict-stale", "--strict")
    assert result.returncode == 0, result.stdout
    assert "older" not in result.stdout and "shallow" not in result.stdout
    assert "Stale translations: none" in project.lexicon("stats").stdout

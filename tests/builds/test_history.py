"""The change feed: dates from git commits, a page per language, an Atom feed."""

from __future__ import annotations

import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path
from xml.etree import ElementTree as ET

from lexikon.core.history import entry_history
from tests.support.project import Project

ATOM = "{http://www.w3.org/2005/Atom}"


def _git(root: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "e@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "e@example.org"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def _history_project(make_project) -> Project:
    project: Project = make_project()
    _git(project.root, "init", "-q")
    _git(project.root, "add", "glossary/_tags.yml", "glossary/backsourcing.yml", "glossary/outsourcing.yml")
    _git(project.root, "commit", "-qm", "first terms", date="2026-01-10T10:00:00+00:00")
    _git(project.root, "add", "glossary/insourcing.yml")
    _git(project.root, "commit", "-qm", "insourcing", date="2026-03-01T10:00:00+00:00")
    entry = project.glossary / "outsourcing.yml"
    entry.write_text(entry.read_text("utf-8") + "\n", "utf-8")
    _git(project.root, "commit", "-qam", "outsourcing edited", date="2026-05-05T10:00:00+00:00")
    return project


def test_history_from_commits(make_project) -> None:
    project = _history_project(make_project)
    history = entry_history(project.glossary)
    assert history["backsourcing"].changed == datetime(2026, 1, 10, 10, tzinfo=timezone.utc)
    assert history["backsourcing"].is_new
    assert history["outsourcing"].added == datetime(2026, 1, 10, 10, tzinfo=timezone.utc)
    assert history["outsourcing"].changed == datetime(2026, 5, 5, 10, tzinfo=timezone.utc)
    assert not history["outsourcing"].is_new


def test_no_git_no_history(tmp_path: Path) -> None:
    assert entry_history(tmp_path) == {}


def test_recently_changed_page_and_feed(make_project) -> None:
    project = _history_project(make_project)
    result = project.build(strict=True)
    assert result.returncode == 0, result.stderr
    page = project.html("da/changes/")
    order = [page.index(f'href="../terms/{term}/"') for term in ("outsourcing", "insourcing", "backsourcing")]
    assert order == sorted(order)
    assert "05.05.2026" in page and "(ændret)" in page and "(ny)" in page
    feed = ET.parse(project.site / "da" / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "da"
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert titles == ["Outsourcing", "Insourcing", "Backsourcing"]
    assert feed.findtext(f"{ATOM}updated") == "2026-05-05T10:00:00+00:00"
    german = ET.parse(project.site / "feed.xml").getroot()
    assert german.findtext(f"{ATOM}entry/{ATOM}summary").startswith("Outsourcing bezeichnet")


def test_render_folder_writes_each_languages_feed_at_its_root(make_project) -> None:
    """``lexicon render --out`` computed the feeds and dropped them; readers of a site built
    from its folders subscribe at ``feed.xml`` and ``da/feed.xml`` as on the hook's site."""
    project = _history_project(make_project)
    out = project.root / "plain"
    result = project.lexicon("render", "--out", str(out), "--site-url", "https://lexikon.example/")
    assert result.returncode == 0, result.stdout + result.stderr
    for lang, prefix in (("de", "https://lexikon.example/terms/"), ("da", "https://lexikon.example/da/terms/")):
        feed = ET.parse(out / lang / "docs" / "feed.xml").getroot()
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        links = [link.get("href") for entry in feed.iter(f"{ATOM}entry")
                 for link in entry.iter(f"{ATOM}link")]
        assert len(links) >= 3 and all(href.startswith(prefix) for href in links), links

"""A real git history made in a test: files written and committed at set dates."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.bench.synthetic import write_glossary
from tests.support.project import Project, copy_project

_PEOPLE = {"GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "e@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "e@example.org"}


def git(root: Path, *args: str, date: str | None = None) -> str:
    """Run git in ``root`` (author and committer set, dates too when given); its output."""
    env = {**os.environ, **_PEOPLE, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    return subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True,
                          text=True).stdout


def commit(root: Path, files: dict[str, str], date: str, message: str = "edit") -> str:
    """Write ``files`` (path → text) under ``root`` and commit them at ``date``; the commit's id."""
    root.mkdir(parents=True, exist_ok=True)
    if not (root / ".git").exists():
        git(root, "init", "-q", "-b", "main")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        git(root, "add", name)
    git(root, "commit", "-qm", message, date=date)
    return git(root, "rev-parse", "HEAD").strip()


def shallow_clone(source: Path, target: Path) -> Path:
    """A ``--depth 1`` clone of ``source`` (as CI's checkouts are by default) at ``target``."""
    subprocess.run(["git", "clone", "-q", "--depth", "1", source.resolve().as_uri(), str(target)],
                   check=True, capture_output=True)
    return target


def committed_project(tmp_path: Path, entries: int = 8, seed: int = 5,
                      date: str = "2026-01-10T10:00:00+00:00") -> tuple[Project, list[str]]:
    """A project of ``entries`` synthetic entries committed once at ``date`` (history is read
    from git): the project and the entries' ids."""
    glossary = tmp_path / "glossary"
    ids = write_glossary(glossary, entries, seed)
    project = copy_project(tmp_path / "project", glossary)
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-qm", "first", date=date)
    return project, ids

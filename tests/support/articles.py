"""What the articles' tests share: a one-term glossary and a bare project with an empty docs/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.constants import ROOT

ONE_TERM = {"outsourcing.yml": """
    de:
      title: Outsourcing
      summary: Die Vergabe nach außen.
    da:
      title: Outsourcing
      summary: Udlicitering.
"""}
"""A glossary of one term in both languages, for articles that link to it."""


def bare_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with the real mkdocs.yml, an empty docs/ and glossary/; cwd is set to it."""
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "glossary").mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    monkeypatch.chdir(project)
    return project


def docs_files(root: Path) -> list[str]:
    """Every file under the project's docs/, as paths relative to it, sorted."""
    return sorted(p.relative_to(root / "docs").as_posix() for p in (root / "docs").rglob("*") if p.is_file())

"""A real project in a temporary folder: the site's files with a glossary of its own, built
and checked as a person runs ``mkdocs build`` and ``lexicon``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from tests.support.constants import FIXTURES, ROOT

__all__ = ["FIXTURES", "ROOT", "Project", "article", "copy_project", "without_articles"]


@dataclass
class Project:
    """A copy of the site's project (mkdocs.yml, docs/, hooks/) with a glossary of its own."""

    root: Path

    @property
    def glossary(self) -> Path:
        return self.root / "glossary"

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def build(self, strict: bool = True) -> subprocess.CompletedProcess[str]:
        """``mkdocs build`` as a person runs it, into ``site/`` of the project."""
        command = [sys.executable, "-m", "mkdocs", "build", "-f", str(self.root / "mkdocs.yml"),
                   "-d", str(self.site)]
        if strict:
            command.append("--strict")
        return subprocess.run(command, capture_output=True, text=True, cwd=self.root,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False)

    def lexicon(self, *args: str) -> subprocess.CompletedProcess[str]:
        """The ``lexicon`` command line, run in the project folder."""
        return subprocess.run([sys.executable, "-m", "lexikon.cli", *args], capture_output=True,
                              text=True, cwd=self.root, check=False,
                              env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")})

    @property
    def site(self) -> Path:
        return self.root / "site"

    def html(self, url_path: str) -> str:
        """The built HTML at a site path like ``da/terms/backsourcing/``."""
        return (self.site / url_path / "index.html").read_text(encoding="utf-8")


def set_parallel_from(root: Path, parallel_from: int) -> None:
    """The project's ``extra.lexikon.parallel_from`` (0: one process; 1: the second process for any page)."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  lexikon:\n" in text
    config.write_text(text.replace("  lexikon:\n", f"  lexikon:\n    parallel_from: {parallel_from}\n", 1),
                      encoding="utf-8")


def copy_project(target: Path, glossary: Path | Mapping[str, str] | None = None) -> Project:
    """The real project's site files, with ``glossary`` (a folder, or name → text) as entries.

    With a glossary of its own the project gets the site's own pages of ``docs/`` (home,
    guide: ``trusted_pages``), not the repository's articles, whose terms it lacks; a
    glossary folder with a ``docs/`` beside it (a fixture case's) brings its articles."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(ROOT / "docs", target / "docs", ignore=ignore if glossary is None else without_articles)
    shutil.copytree(ROOT / "hooks", target / "hooks", ignore=ignore)
    project = Project(target)
    if glossary is None:
        shutil.copytree(ROOT / "glossary", project.glossary)
    elif isinstance(glossary, Path):
        shutil.copytree(glossary, project.glossary)
        if (glossary.parent / "docs").is_dir():
            shutil.copytree(glossary.parent / "docs", target / "docs", dirs_exist_ok=True)
    else:
        project.glossary.mkdir()
        for name, text in glossary.items():
            project.write(f"glossary/{name}", text)
    return project


def without_articles(folder: str, names: list[str]) -> set[str]:
    """What ``shutil.copytree`` leaves out of ``docs/`` for a project with a glossary of its
    own: the articles (Markdown pages that are not the site's own), whose cross-links name
    the repository's terms, and caches."""
    from lexikon.core.articles import article_name, is_trusted
    from lexikon.core.settings import settings_from_file

    settings = settings_from_file(ROOT / "mkdocs.yml")
    inside = Path(folder).relative_to(ROOT / "docs")
    left_out = {"__pycache__"}
    for name in names:
        found = article_name((inside / name).as_posix(), settings.codes) if name.endswith(".md") else None
        if found is not None and not is_trusted(found[0], settings):
            left_out.add(name)
    return left_out


def article(html: str) -> str:
    """A built page's ``<article>`` (Material's content area), without header, navigation and footer."""
    start = html.index('<article class="md-content__inner')
    return html[start : html.index("</article>", start)]

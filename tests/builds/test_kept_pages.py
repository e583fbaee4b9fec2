"""Unchanged pages are not built again (issue 17): the new site holds the last site's very
files (hard links: the same inode), the site is a cold build's byte for byte, and whatever the
store cannot vouch for is built as always: a page changed by an edit or by hand in ``site/``,
a changed template, another ``-d`` folder, a build after a failed one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bench.run import change_entry
from tests.bench.synthetic import write_glossary
from tests.builds.test_incremental_identity import _differences
from tests.support.project import Project, copy_project

pytestmark = pytest.mark.slow  # whole builds; in `make test` all the same


def _inodes(site: Path) -> dict[str, int]:
    """Each term page's file (both languages) and its inode."""
    return {path.relative_to(site).as_posix(): path.stat().st_ino
            for path in sorted(site.glob("**/terms/*/index.html"))}


def _build(project: Project, site: Path | None = None) -> None:
    """A strict build with ``site_url``: canonical links and the sitemaps, which every page adds to."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project.root / "mkdocs.yml"),
               "-d", str(site or project.site)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=project.root, check=False,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://lexikon.example/"})
    assert result.returncode == 0, result.stderr


def _same_as_cold(project: Project, tmp_path: Path, name: str) -> None:
    """A build of the project without its cache, elsewhere, makes the same site."""
    cache = project.root / ".cache" / "lexikon"
    shutil.move(cache, tmp_path / f"{name}-cache")
    try:
        _build(project, tmp_path / name)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
        shutil.move(tmp_path / f"{name}-cache", cache)
    assert _differences(tmp_path / name, project.site) == []


def _built(tmp_path: Path, size: int, seed: int) -> tuple[Project, list[str], dict[str, int]]:
    """A project of ``size`` generated entries, built cold: its entries' ids and its files' inodes."""
    glossary = tmp_path / "glossary"
    ids = write_glossary(glossary, size, seed)
    project = copy_project(tmp_path / "project", glossary)
    _build(project)
    return project, ids, _inodes(project.site)


def test_unchanged_pages_are_the_last_sites_files(tmp_path: Path) -> None:
    project, ids, cold = _built(tmp_path, 8, 5)
    assert len(cold) >= 16

    _build(project)  # nothing changed: every term page is the last site's file
    assert _inodes(project.site) == cold

    edited = f"terms/{ids[0]}/index.html"
    change_entry(project.glossary / f"{ids[0]}.yml", "Geändert")
    _build(project)
    after = _inodes(project.site)
    assert after[edited] != cold[edited]  # written again
    assert "Geändert" in (project.site / edited).read_text("utf-8")
    kept = [name for name in cold if after[name] == cold[name]]
    assert len(kept) >= len(cold) - 3, sorted(set(cold) - set(kept))
    _same_as_cold(project, tmp_path, "body-edit")

    # A page changed by hand in the last site is written again; the others are still taken.
    other = f"da/terms/{ids[1]}/index.html"
    before = (project.site / other).read_bytes()
    (project.site / other).write_bytes(before + b" ")  # through the link: both sites' file
    _build(project)
    assert (project.site / other).read_bytes() == before
    assert sum(_inodes(project.site)[name] == after[name] for name in after) == len(after) - 1


def test_what_the_store_cannot_vouch_for_is_built_again(tmp_path: Path) -> None:
    project, ids, cold = _built(tmp_path, 6, 7)

    # A failed build in between leaves the site and the store as they were: pages taken after it.
    entry = project.glossary / f"{ids[2]}.yml"
    text = entry.read_text("utf-8")
    entry.write_text("de: [nicht: geschlossen\n", "utf-8")
    failed = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(project.site)],
                            capture_output=True, text=True, cwd=project.root, check=False,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert failed.returncode != 0
    entry.write_text(text, "utf-8")
    _build(project)
    assert _inodes(project.site) == cold

    # Another -d folder: nothing of it to take; the same pages, none linked to site/.
    elsewhere = tmp_path / "elsewhere"
    _build(project, elsewhere)
    assert _differences(elsewhere, project.site) == []
    assert not set(_inodes(elsewhere).values()) & set(cold.values())
    _build(project)  # the store names the other folder's files now (its path is in the config)
    assert _differences(elsewhere, project.site) == []
    cold = _inodes(project.site)
    _build(project)
    assert _inodes(project.site) == cold

    # A template changed (even only by a comment): every page is templated again.
    main = project.root / "hooks" / "overrides" / "main.html"
    main.write_text(main.read_text("utf-8") + "{# geändert #}\n", "utf-8")
    _build(project)
    assert not set(_inodes(project.site).values()) & set(cold.values())
    assert _differences(elsewhere, project.site) == []

    # The site folder deleted: built whole, the same pages.
    shutil.rmtree(project.site)
    _build(project)
    assert _differences(elsewhere, project.site) == []

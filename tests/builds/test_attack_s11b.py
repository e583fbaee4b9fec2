"""Session 11's second attacker on the spare folders (``publish/spare.py``: a build begins from the
folders of the site it replaced, kept in ``.cache/lexikon-trash/``) and on the promises around
them: a failed build never damages the last good site, nothing outside the site and ``.cache``
is touched, an incremental site equals a cold build byte for byte, bad input gives one located
line and no traceback.

Each test is a case that broke (fixed here, or ``xfail(strict=True)`` with the reason); what held
is listed in ``notes/attack-s11b.md``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bench.run import change_entry
from tests.bench.synthetic import write_glossary
from tests.builds.test_kept_pages import _build, _same_as_cold
from tests.support.project import Project, copy_project

pytestmark = pytest.mark.slow  # whole builds; in `make test` all the same


def _project(tmp_path: Path) -> Project:
    glossary = tmp_path / "glossary"
    write_glossary(glossary, 6, 3)
    return copy_project(tmp_path / "project", glossary)


def test_a_folder_made_by_hand_where_the_build_writes_a_file_of_its_own(tmp_path: Path) -> None:
    """Broke: a folder put by hand in the served site where the build writes one of its own
    files (not MkDocs' ``files``: the feed, the exports, the 404 page) was kept in the spare and
    moved into the build after next, which stopped with ``IsADirectoryError`` (a traceback)
    where a cold build succeeds. Now a spare keeps only the folders the replacing site has."""
    project = _project(tmp_path)
    _build(project)
    for name in ("feed.xml", "glossary.json", "404.html", "da/404.html"):
        (project.site / name).unlink()
        (project.site / name).mkdir()
        (project.site / name / "by-hand.txt").write_text("x", encoding="utf-8")
    _build(project)  # the hand-made folders go to the trash with the site they were in
    _build(project)  # and this build begins from that site's folders
    _build(project)
    _same_as_cold(project, tmp_path, "cold")


@pytest.mark.parametrize("name", ["feed.xml", "sitemap.xml", "glossary.json", "glossary.de.csv",
                                  "vale/Lexikon/TermsDa.yml", "pagefind", "da/feed.xml"])
def test_a_docs_folder_named_like_a_file_the_build_writes(tmp_path: Path, name: str) -> None:
    """Broke (cold build, not the spares): ``docs/feed.xml/`` (a folder of static files) where
    the build writes its feed stopped the build with a ``WriteRefused`` traceback (MkDocs'
    sitemap.xml and the exports with ``IsADirectoryError``); one located line is what bad input
    gets, before any work: the folder's path and what to do. The last good site stays."""
    project = _project(tmp_path)
    _build(project)
    before = sorted(path.relative_to(project.site).as_posix() for path in project.site.rglob("*"))
    project.write(f"docs/{name}/notes.txt", "x")
    result = project.build()
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout, result.stderr[-2000:]
    shown = f"docs/{name}/notes.txt" if name == "pagefind" else f"docs/{name}"  # the bundle: each file
    assert f"{shown}:1:1: error: the build writes " in result.stdout + result.stderr
    assert sorted(path.relative_to(project.site).as_posix() for path in project.site.rglob("*")) == before
    shutil.rmtree(project.root / "docs" / name)
    assert project.build().returncode == 0


@pytest.mark.parametrize("site", ["glossary", "glossary/site", ".cache"])
def test_a_site_folder_that_would_replace_the_glossary(tmp_path: Path, site: str) -> None:
    """Broke: ``mkdocs build -d glossary`` built, then swapped the site in for the glossary
    folder: every entry moved to the trash and deleted there with the replaced site's files
    (``-d .git`` the same with the history; ``-d .cache`` the check cache). Now refused in one
    line before anything is written: the glossary and the last good site stay."""
    project = _project(tmp_path)
    _build(project)
    entries = sorted(path.name for path in project.glossary.iterdir())
    before = sorted(path.relative_to(project.site).as_posix() for path in project.site.rglob("*"))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", site], capture_output=True,
                            text=True, cwd=project.root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                            check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{site}: error:" in result.stdout
    assert sorted(path.name for path in project.glossary.iterdir()) == entries
    assert (project.root / ".cache" / "lexikon").is_dir()
    assert sorted(path.relative_to(project.site).as_posix() for path in project.site.rglob("*")) == before


def _listing(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*"))


def test_a_site_folder_the_swap_cannot_move(tmp_path: Path) -> None:
    """Broke: an immutable site folder (``chattr +i``: root ignores modes; a read-only mount
    alike) stopped the build at the swap with a ``PermissionError`` traceback. Now one located
    line; the last good site stays."""
    project = _project(tmp_path)
    _build(project)
    before = _listing(project.site)
    if subprocess.run(["chattr", "+i", str(project.site)], capture_output=True, check=False).returncode:
        pytest.skip("chattr +i is not available here")
    try:
        result = project.build()
    finally:
        subprocess.run(["chattr", "-i", str(project.site)], check=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr, result.stderr[-2000:]
    assert "site: error:" in result.stdout
    assert _listing(project.site) == before


def test_a_swap_whose_second_rename_fails_puts_the_last_site_back(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Broke (by reading the swap after the case above): the old site was renamed aside before the
    new one was moved in; had that second rename failed, no ``site/`` was left."""
    from lexikon.publish import building

    site, built = tmp_path / "site", tmp_path / ".site.building"
    (site / "terms").mkdir(parents=True)
    (site / "index.html").write_text("last good", encoding="utf-8")
    built.mkdir()
    rename = Path.rename

    def failing(self: Path, target: str | Path) -> Path:
        if self == built:
            raise PermissionError(1, "Operation not permitted", str(self))
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", failing)
    with pytest.raises(PermissionError):
        building.swap_in(built, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "last good"


def test_a_build_killed_between_the_swaps_renames(tmp_path: Path) -> None:
    """Broke (a SIGKILL in a window of microseconds, made here by hand): killed after moving the
    last good site to ``.site.old`` and before moving the new one in, a build left no ``site/``;
    the next build deleted ``.site.old`` at its own swap, and a failing next build left no site
    at all. Now the next build, whatever its end, puts the last good site back first."""
    project = _project(tmp_path)
    _build(project)
    before = _listing(project.site)
    project.site.rename(project.root / ".site.old")
    entry = next(path for path in sorted(project.glossary.glob("*.yml")) if not path.name.startswith("_"))
    entry.write_text("id: [\n", encoding="utf-8")  # the next build fails at its check
    result = project.build()
    assert result.returncode == 1
    assert _listing(project.site) == before


def test_a_pagefind_spare_with_a_folder_where_a_page_is_staged(tmp_path: Path) -> None:
    """Broke: a Pagefind spare (``spare-pagefind-…``, folders only) holding a folder where the
    staging writes a page stopped the build with ``IsADirectoryError`` (a traceback); the
    site's passes clear such folders (``spare.clear_way``), the staging did not. Made by hand
    here, in the trash: Lexikon's own spares are shaped like the staging that left them."""
    project = _project(tmp_path)
    _build(project)
    _build(project)  # a site spare: the next build takes it, not the Pagefind one
    trash = project.root / ".cache" / "lexikon-trash"
    for left in trash.iterdir():
        if left.name.startswith("spare-pagefind-"):
            shutil.rmtree(left)
    for page in project.site.glob("terms/*/index.html"):
        (trash / "spare-pagefind-0" / page.relative_to(project.site) / "deeper").mkdir(parents=True)
    entry = next(path for path in sorted(project.glossary.glob("*.yml")) if not path.name.startswith("_"))
    change_entry(entry, "Geändert")  # its language is indexed again: a staging, from the spare
    _build(project)
    _same_as_cold(project, tmp_path, "cold")

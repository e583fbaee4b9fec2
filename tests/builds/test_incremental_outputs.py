"""Whole-site outputs after an edit (issue 17): a language whose pages did not change keeps
its search bundle, an unchanged glossary its exports, both taken from the last good site;
never when those files were changed on disk since (they are made again), and the site is
always the one a cold build makes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.bench.run import change_entry
from tests.bench.synthetic import write_glossary
from tests.builds.test_incremental_identity import _differences
from tests.support.project import Project, copy_project

pytestmark = pytest.mark.slow  # whole builds; in `make test` all the same


def _build(project: Project) -> tuple[list[str], list[tuple[int, int]]]:
    """What the build took from the last site, and its frames from the cache per pass."""
    result = project.build(strict=True)
    assert result.returncode == 0, result.stderr
    (taken,) = re.findall(r"outputs from the last build: (.*)", result.stderr)
    frames = [(int(a), int(b)) for a, b in re.findall(r"(\d+) of (\d+) pages' frames from the cache",
                                                      result.stderr)]
    return ([] if taken == "none" else taken.split(", ")), frames


def _same_as_cold(project: Project, tmp_path: Path, name: str) -> None:
    incremental = tmp_path / name
    shutil.copytree(project.site, incremental)
    cache = project.root / ".cache" / "lexikon"
    shutil.move(cache, tmp_path / f"{name}-cache")
    _build(project)
    assert _differences(incremental, project.site) == []
    shutil.rmtree(cache)
    shutil.move(tmp_path / f"{name}-cache", cache)
    shutil.rmtree(project.site)
    shutil.copytree(incremental, project.site)


def test_unchanged_outputs_are_taken_from_the_last_site_and_equal_a_cold_build(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary"
    ids = write_glossary(glossary, 8, 3)
    project = copy_project(tmp_path / "project", glossary)
    assert _build(project)[0] == []  # cold

    taken, frames = _build(project)  # nothing changed
    assert taken == ["pagefind-de", "pagefind-da", "exports"]
    assert all(hits == total > 0 for hits, total in frames), frames

    change_entry(project.glossary / f"{ids[0]}.yml", "Nur deutsch")  # a German body: Danish pages stay
    taken, frames = _build(project)
    assert taken == ["pagefind-da", "exports but json/csv-all"]  # the others carry no bodies
    assert 0 < frames[0][0] < frames[0][1], frames
    _same_as_cold(project, tmp_path, "german-body")

    # Files of the last site changed by hand are not taken: they are made again.
    exported = project.site / "glossary.json"
    exported.write_text(exported.read_text("utf-8") + " ", "utf-8")
    bundle = sorted((project.site / "da" / "pagefind").rglob("*.pf_fragment"))[0]
    bundle.write_bytes(b"untergeschoben")
    taken, _ = _build(project)
    assert taken == ["pagefind-de", "exports but json"]
    _same_as_cold(project, tmp_path, "changed-by-hand")


def test_a_title_in_the_nav_renders_every_frame_of_its_language_again(tmp_path: Path) -> None:
    """The guide's title stands in the nav of every German page: no German frame is taken,
    every Danish one is, and the site is the cold build's."""
    glossary = tmp_path / "glossary"
    write_glossary(glossary, 6, 4)
    project = copy_project(tmp_path / "project", glossary)
    _build(project)
    guide = project.root / "docs" / "guide.md"
    guide.write_text(guide.read_text("utf-8").replace("# Einen Begriff", "# Einen neuen Begriff", 1), "utf-8")
    _, frames = _build(project)
    assert frames[0][0] == 0 < frames[0][1] and frames[1][0] == frames[1][1] > 0, frames
    _same_as_cold(project, tmp_path, "nav-title")


def test_a_linked_trash_deletes_nothing_it_points_to(tmp_path: Path) -> None:
    """A pull request commits ``.cache/lexikon-trash`` as a link, or a link inside it: the
    replaced site and Pagefind's staging are deleted elsewhere, the link's target stays."""
    victim = tmp_path / "victim"
    (victim / "sub").mkdir(parents=True)
    (victim / "sub" / "file").write_text("bleibt", "utf-8")
    glossary = tmp_path / "glossary"
    write_glossary(glossary, 4, 6)
    project = copy_project(tmp_path / "project", glossary)
    (project.root / ".cache").mkdir(exist_ok=True)
    (project.root / ".cache" / "lexikon-trash").symlink_to(victim)
    _build(project)
    _build(project)  # the first site is replaced now
    (project.root / ".cache" / "lexikon-trash").unlink()
    (project.root / ".cache" / "lexikon-trash").mkdir()
    (project.root / ".cache" / "lexikon-trash" / "site-999999-aa").symlink_to(victim)
    _build(project)
    _build(project)
    assert (victim / "sub" / "file").read_text("utf-8") == "bleibt"
    assert (project.site / "index.html").is_file()

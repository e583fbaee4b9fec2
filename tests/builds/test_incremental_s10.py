"""The git history and the whole-glossary pages kept between builds (issue 17,
``engine/mkdocs/history_memo.py``, ``whole_memo.py``): the history is read from git again
exactly when a commit changed what it is of (a new commit, an amended one, a shallow clone),
not after an uncommitted edit; the A–Z index, the printable lexicon and the other pages of
the whole glossary are made again only where what they show changed; every site equals a
cold build's."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.bench.run import change_entry
from tests.builds.test_incremental_outputs import _same_as_cold
from tests.support.git_history import committed_project, git, shallow_clone
from tests.support.project import Project

pytestmark = pytest.mark.slow  # whole builds; in `make test` all the same


def _counts(project: Project) -> dict[str, tuple[int, int]]:
    """Per store (``git histories``, ``whole-glossary pages``): taken from the cache, of all."""
    result = project.build(strict=True)
    assert result.returncode == 0, result.stderr
    found = re.findall(r"(\d+) of (\d+) (git histories|whole-glossary pages) from the cache", result.stderr)
    return {name: (int(hits), int(total)) for hits, total, name in found}


def test_history_and_whole_pages_are_read_and_made_again_exactly_when_they_change(tmp_path: Path) -> None:
    project, ids = committed_project(tmp_path)
    cold = _counts(project)
    pages = cold["whole-glossary pages"][1]
    assert cold == {"git histories": (0, 1), "whole-glossary pages": (0, pages)} and pages > 10
    assert _counts(project) == {"git histories": (1, 1), "whole-glossary pages": (pages, pages)}
    _same_as_cold(project, tmp_path, "nothing")

    edited = project.glossary / f"{ids[1]}.yml"
    change_entry(edited, "Nur der Text")  # not committed: the same history; one printable lexicon
    assert _counts(project) == {"git histories": (1, 1), "whole-glossary pages": (pages - 1, pages)}
    _same_as_cold(project, tmp_path, "uncommitted")

    git(project.root, "commit", "-qam", "edit", date="2026-03-01T10:00:00+00:00")  # the changes' list too
    assert _counts(project)["git histories"] == (0, 1)
    _same_as_cold(project, tmp_path, "committed")
    git(project.root, "commit", "-q", "--amend", "--no-edit", date="2026-04-02T10:00:00+00:00")
    assert _counts(project)["git histories"] == (0, 1)
    _same_as_cold(project, tmp_path, "amended")
    assert "2026-04-02" in (project.site / "feed.xml").read_text("utf-8")

    # A shallow clone of the same commit (CI's checkout) with the deep clone's store: another history
    clone = Project(shallow_clone(project.root, tmp_path / "clone"))
    shutil.copytree(project.root / ".cache", clone.root / ".cache")
    assert _counts(clone)["git histories"] == (0, 1)
    assert _counts(clone)["git histories"] == (1, 1)
    _same_as_cold(clone, tmp_path, "shallow")

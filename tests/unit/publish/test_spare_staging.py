"""Pagefind's staging (a folder per page, laid out as the language's tree) begins from the folders
of an earlier staging and leaves its own for the next (issue 17: after a body edit, the edited
language's staging made ~1,000 folders, 0.3-0.5 CPU-s); the bundle is the same bytes."""

from __future__ import annotations

import shutil
from pathlib import Path

from lexikon.publish import pagefind, spare
from lexikon.publish.building import trash_folder
from tests.unit.publish.test_search_ahead import _bundle
from tests.unit.publish.test_search_meanwhile import _site


def _spares(trash: Path) -> dict[str, list[str]]:
    return {entry.name: sorted(path.relative_to(entry).as_posix() for path in entry.rglob("*"))
            for entry in sorted(trash.iterdir()) if spare.is_spare(entry.name)}


def test_a_staging_leaves_its_folders_and_the_next_begins_from_them(tmp_path: Path) -> None:
    site, layout = _site(tmp_path)
    trash = trash_folder(layout.settings.project_dir)
    assert trash is not None
    again = tmp_path / "again"
    shutil.copytree(site, again)
    pagefind.write_pagefind_bundles(site, layout)  # German staged, indexed; Danish from its folders
    first = _spares(trash)
    assert list(first.values()) == [["terms", "terms/a"]]  # folders only
    assert next(iter(first)).startswith("spare-pagefind-")

    pagefind.write_pagefind_bundles(again, layout)  # each staging takes the spare, leaves one
    assert list(_spares(trash).values()) == [["terms", "terms/a"]] and set(_spares(trash)).isdisjoint(first)
    assert _bundle(again) == _bundle(site)

"""A build begins from the folders of the site it replaced before (issue 17: making ~2,000
folders was up to a fifth of a build with no change): the third build's page folders are the
first build's very folders (same inodes), and every site is a cold build's byte for byte,
a deleted entry's folder included (gone, not left empty)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bench.synthetic import write_glossary
from tests.builds.test_incremental_identity import NEW_ENTRY
from tests.builds.test_kept_pages import _build, _same_as_cold
from tests.support.project import copy_project

pytestmark = pytest.mark.slow  # whole builds; in `make test` all the same


def _folders(site: Path) -> dict[str, int]:
    return {path.relative_to(site).as_posix(): path.stat().st_ino for path in sorted(site.glob("**/terms/*"))
            if path.is_dir()}


def test_a_build_reuses_the_replaced_sites_folders(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary"
    ids = write_glossary(glossary, 8, 5)
    project = copy_project(tmp_path / "project", glossary)
    gone = "begriff-weg"  # an entry no other names: deleting it leaves every link good
    text = NEW_ENTRY.format(title="Begriff weg", title_da="Begreb væk", link=ids[0])
    project.write(f"glossary/{gone}.yml", text)
    _build(project)
    first = _folders(project.site)
    assert len(first) >= 16
    _build(project)  # the first site's folders are kept aside as it is replaced
    assert set(_folders(project.site)) == set(first)
    _build(project)
    assert _folders(project.site) == first  # the very folders: none made again
    _same_as_cold(project, tmp_path, "unchanged")

    (project.glossary / f"{gone}.yml").unlink()
    _build(project)
    _build(project)  # begins from the folders of the site that still had the entry
    assert f"terms/{gone}" in first and f"terms/{gone}" not in _folders(project.site)
    assert not [path for path in project.site.rglob("*") if path.is_dir() and not any(path.iterdir())]
    _same_as_cold(project, tmp_path, "deleted")

"""Incremental builds with work begun ahead (issue 17, session 7): the exports made in a forked
process while the passes run (``engine/mkdocs/exports_ahead.py``), the default language's search
bundle begun as soon as its pass is written (``publish/pagefind_index.py``). After every kind of
edit an editor makes (a body, a title, a new link, a new entry, a renamed one, a deleted one) the
incremental site is byte for byte a cold build's, its exports and search bundles included."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.bench.run import change_entry
from tests.bench.synthetic import write_glossary
from tests.builds.test_incremental_outputs import _same_as_cold
from tests.support.project import Project, copy_project

pytestmark = pytest.mark.slow  # whole builds; in `make test` all the same

NEW_ENTRY = """tags: [hr]
de:
  title: Frisch angelegter Begriff
  summary: >-
    Ein Begriff, den eine Redakteurin eben angelegt hat.
  body: |
    Dieser Eintrag ist neu und verweist auf [[{target}]].
da:
  title: Nyoprettet begreb
  summary: >-
    Et begreb, som en redaktør lige har oprettet.
  body: |
    Denne post er ny og henviser til [[{target}]].
"""


def _build(project: Project) -> str:
    result = project.build(strict=True)
    assert result.returncode == 0, result.stderr
    return result.stderr


def _exported_ids(project: Project) -> set[str]:
    return set(json.loads((project.site / "glossary.json").read_text("utf-8"))["entries"])


def test_every_kind_of_edit_gives_a_cold_builds_site(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary"
    ids = write_glossary(glossary, 8, 5)
    project = copy_project(tmp_path / "project", glossary)
    _build(project)  # cold
    assert "outputs from the last build: pagefind-de, pagefind-da, exports" in _build(project)

    change_entry(project.glossary / f"{ids[1]}.yml", "Nur der Text")
    assert "outputs from the last build: pagefind-da, exports but json/csv-all\n" in _build(project)
    assert "Nur der Text" in project.html(f"terms/{ids[1]}/")
    assert "Nur der Text" in (project.site / "glossary.json").read_text("utf-8")  # made ahead, moved in
    _same_as_cold(project, tmp_path, "body")

    path = project.glossary / f"{ids[3]}.yml"
    path.write_text(re.sub(r"^(de:\n  title: .*)$", r"\1 Neu", path.read_text("utf-8"), count=1,
                           flags=re.MULTILINE), "utf-8")
    _build(project)
    _same_as_cold(project, tmp_path, "title")

    source = project.glossary / f"{ids[2]}.yml"
    text = source.read_text("utf-8")
    source.write_text(text.replace("\n  body: |\n", f"\n  body: |\n    Siehe [[{ids[6]}]].\n\n", 1), "utf-8")
    _build(project)
    _same_as_cold(project, tmp_path, "link")

    new = project.glossary / "frisch-angelegt.yml"
    new.write_text(NEW_ENTRY.format(target=ids[0]), "utf-8")
    _build(project)
    assert "frisch-angelegt" in _exported_ids(project)
    assert "../frisch-angelegt/" in project.html(f"terms/{ids[0]}/")  # its backlink
    _same_as_cold(project, tmp_path, "new")

    new.rename(project.glossary / "umbenannt.yml")
    _build(project)
    assert not (project.site / "terms" / "frisch-angelegt").exists()
    assert "umbenannt" in _exported_ids(project) and "frisch-angelegt" not in _exported_ids(project)
    _same_as_cold(project, tmp_path, "renamed")

    (project.glossary / "umbenannt.yml").unlink()
    _build(project)
    assert not (project.site / "terms" / "umbenannt").exists()
    assert "umbenannt" not in _exported_ids(project)
    _same_as_cold(project, tmp_path, "deleted")


def test_a_failed_build_after_an_edit_keeps_the_last_site_and_leaves_no_export_behind(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary"
    ids = write_glossary(glossary, 4, 2)
    project = copy_project(tmp_path / "project", glossary)
    _build(project)
    before = (project.site / "glossary.json").read_bytes()
    path = project.glossary / f"{ids[0]}.yml"
    broken = "\n  body: |\n    [[gibt-es-nicht]]\n\n"
    path.write_text(path.read_text("utf-8").replace("\n  body: |\n", broken, 1), "utf-8")
    result = project.build(strict=True)
    assert result.returncode != 0
    assert (project.site / "glossary.json").read_bytes() == before
    assert not (project.root / ".site.building").exists()

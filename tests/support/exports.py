"""Glossaries checked and exported for the interchange tests, and empty projects to import into."""

from __future__ import annotations

import json
from pathlib import Path

from lexikon.check.pipeline import run
from lexikon.core.model import Glossary
from lexikon.core.settings import Settings, make_settings
from lexikon.interchange import export
from tests.support.constants import FIXTURES, LANGUAGES, ROOT

SITE = "https://example.org/lexikon/"
TERMINOLOGY = FIXTURES / "terminology"
"""A glossary that uses every terminology field (issue 15) in both languages."""
PROJECTS = {"site": ROOT, "terminology": TERMINOLOGY}


def settings_for(project: Path) -> Settings:
    return make_settings(project, LANGUAGES, None)


def checked(project: Path) -> tuple[Glossary, Settings]:
    """The project's glossary, checked without a cache (fixtures are read-only ground)."""
    settings = settings_for(project)
    result = run(settings, cache=False)
    assert not result.errors, result.errors
    return result.glossary, settings


def export_to(project: Path, target: Path) -> tuple[Glossary, Settings, dict[str, Path]]:
    """Every export of ``project`` written into ``target``, by file name."""
    glossary, settings = checked(project)
    url_of = export.page_url_of(settings, SITE)
    paths = export.write_exports(glossary, settings, url_of, target, scheme_iri=SITE)
    return glossary, settings, {path.name: path for path in paths}


def empty_project(folder: Path, glossary: Glossary) -> Settings:
    """A project with no entries and the tags of ``glossary``."""
    (folder / "glossary").mkdir(parents=True)
    (folder / "glossary" / "_tags.yml").write_text("".join(
        f"{tag.id}: {json.dumps(dict(tag.labels), ensure_ascii=False)}\n"
        for tag in glossary.tags.values()), encoding="utf-8")
    return settings_for(folder)

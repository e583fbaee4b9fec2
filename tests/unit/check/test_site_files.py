"""Files and folders of ``docs/`` in the way of a file the build writes itself (its feed,
sitemaps, search, exports): refused in one located line each, before any work, by the build
and by ``lexicon check`` (:mod:`lexikon.check.site_files`). Builds: test_attack_s11b."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lexikon.check.site_files import in_the_way
from lexikon.core.settings import make_settings
from lexikon.core.site_files import own_files
from tests.support.constants import LANGUAGES
from tests.support.project import copy_project

GLOSSARY = {"outsourcing.yml": "de:\n  title: Outsourcing\n  summary: Vergabe.\n"
                               "da:\n  title: Outsourcing\n  summary: Udlicitering.\n"}


def _settings(tmp_path: Path, **options: str):
    return make_settings(tmp_path, LANGUAGES, options or None)


def _make(tmp_path: Path, made: str) -> None:
    """``docs/<made>``: a folder (holding a file) when it ends in ``/``, else a file."""
    target = tmp_path / "docs" / made.rstrip("/")
    if made.endswith("/"):
        (target / "x").mkdir(parents=True)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("x", encoding="utf-8")


def test_every_file_of_the_built_site_beside_the_pages_is_listed() -> None:
    files = own_files(make_settings(Path("/nonexistent"), LANGUAGES, None))
    for path in ("feed.xml", "da/feed.xml", "sitemap.xml", "da/sitemap.xml.gz", "search/search_index.json",
                 "da/search/search_index.json", "pagefind/", "da/pagefind/", "glossary.json",
                 "glossary.schema.json", "glossary.csv", "glossary.de.csv", "glossary.da-de.csv",
                 "glossary.tbx", "glossary.martif.tbx", "glossary.ttl", "glossary.jsonld",
                 "vale/Lexikon/TermsDe.yml", "vale/Lexikon/TermsDa.yml"):
        assert path in files, path


@pytest.mark.parametrize(("made", "shown"), [
    ("glossary.json/", "docs/glossary.json"),            # a folder where a file goes
    ("glossary.json", "docs/glossary.json"),             # a file replaced without a word before
    ("da/sitemap.xml/", "docs/da/sitemap.xml"),
    ("vale", "docs/vale"),                               # a file where the export needs a folder
    ("vale/Lexikon/TermsDe.yml/", "docs/vale/Lexikon/TermsDe.yml"),
    ("pagefind/x.js", "docs/pagefind/x.js"),             # a file in the folder the bundle replaces whole
    ("search/search_index.json", "docs/search/search_index.json"),
])
def test_what_is_in_the_way_is_named_once(tmp_path: Path, made: str, shown: str) -> None:
    _make(tmp_path, made)
    found = in_the_way(_settings(tmp_path))
    assert [(f.path, f.line, f.col, f.severity.value) for f in found] == [(shown, 1, 1, "error")]
    assert "rename or move it" in found[0].message


def test_a_link_is_in_the_way_and_is_never_followed(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    os.symlink(tmp_path / "nowhere", tmp_path / "docs" / "feed.xml")
    assert [f.path for f in in_the_way(_settings(tmp_path))] == ["docs/feed.xml"]


def test_what_is_free(tmp_path: Path) -> None:
    for path in ("search/other.md", "vale/README.md", "pagefind.md", "glossary.txt", "da/index.md",
                 "feed.xml.md"):
        (tmp_path / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / path).write_text("x", encoding="utf-8")
    assert in_the_way(_settings(tmp_path)) == []
    assert in_the_way(_settings(tmp_path / "no-project")) == []


def test_with_lunr_search_there_is_no_bundle_folder(tmp_path: Path) -> None:
    (tmp_path / "docs" / "pagefind").mkdir(parents=True)
    assert in_the_way(_settings(tmp_path, search="lunr")) == []


def test_lexicon_check_reports_it(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", GLOSSARY)
    (project.root / "docs" / "glossary.de.csv").mkdir(parents=True)
    result = project.lexicon("check")
    assert result.returncode == 1, result.stdout
    said = "docs/glossary.de.csv:1:1: error: the build writes the csv export at glossary.de.csv"
    assert said in result.stdout

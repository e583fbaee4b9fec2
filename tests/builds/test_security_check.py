"""The checker's part of "no silent loss" and "bounded work" (issue 12, points 3, 6 and 8).

Golden findings live in ``tests/fixtures/bad/`` (reserved ids, escaped control characters,
comments after values, swallowed link definitions, look-alike titles, duplicates inside
fences); here are the outcomes a golden file cannot show: the built A–Z index and tags
overview, code that keeps every line, exit codes, symlinks and odd file names made at run
time. Scans that stay linear on hostile text, and deduplication that keeps fenced code, are
tested without a build in ``tests/unit/check/test_bounded_scans.py``.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from lexikon.core.layout import SiteLayout, fixed_pages, reserved_ids
from lexikon.core.model import Entry, Glossary, Tag, Text
from lexikon.core.schema import ID_RULE
from lexikon.core.settings import Settings
from lexikon.render.pages import render_site
from tests.support.constants import LANGS, LANGUAGES
from tests.support.project import FIXTURES, copy_project

BAD = FIXTURES / "bad"
SETTINGS = Settings(Path("."), tuple(LANGUAGES))
ENTRY = ("de:\n  title: {0}\n  summary: {0} ist ein Begriff.\n"
         "da:\n  title: {0}\n  summary: {0} er et begreb.\n")
TAGS = "it: {de: IT, da: IT}\n"


def _findings(result) -> list[str]:
    return result.stdout.splitlines()[:-1]


# --- reserved ids ------------------------------------------------------------------------------


def test_reserved_ids_come_from_the_renderers_layout() -> None:
    """Every page the renderer makes, besides term and tag pages, is in the one list the
    check reads; so a new generated page cannot be forgotten by the check."""
    entry = Entry("x", "glossary/x.yml", tags=("it",),
                  texts={"de": Text("de", "X", "Ein X."), "da": Text("da", "X", "Et X.")})
    glossary = Glossary({"x": entry}, {"it": Tag("it", {"de": "IT", "da": "IT"})}, LANGS)
    pages = {page.path for page in render_site(glossary, SiteLayout(SETTINGS, None))}
    generated = pages - {"terms/x.md", "tags/it.md"}
    assert generated == set(fixed_pages(SETTINGS))
    assert set(reserved_ids(SETTINGS, "terms")) == {"index"}
    assert set(reserved_ids(SETTINGS, "tags")) == {"index"}
    nested = Settings(Path("."), SETTINGS.languages, terms_path="glossar", tags_path="glossar/themen")
    assert set(reserved_ids(nested, "glossar")) == {"index", "themen"}


def test_an_entry_or_tag_named_index_never_replaces_the_index_pages(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", {"backsourcing.yml": ENTRY.format("Backsourcing"),
                                            "_tags.yml": TAGS})
    assert project.build(strict=False).returncode == 0
    index_before = (project.site / "terms" / "index.html").read_text("utf-8")
    tags_before = (project.site / "tags" / "index.html").read_text("utf-8")
    project.write("glossary/index.yml", ENTRY.format("Eindringling"))
    project.write("glossary/_tags.yml", TAGS + "index: {de: Eindringling, da: Eindringling}\n")
    project.write("glossary/backsourcing.yml", "tags: [index]\n" + ENTRY.format("Backsourcing"))
    result = project.build(strict=False)
    assert result.returncode != 0, "an id that replaces a generated page fails the build"
    assert "glossary/index.yml:1:1: error: the id 'index' is reserved" in result.stderr
    assert "glossary/_tags.yml:2:1: error: the tag id 'index' is reserved" in result.stderr
    for page, before in (("terms", index_before), ("tags", tags_before)):
        path = project.site / page / "index.html"
        if path.exists():  # the last good site, or none: never the intruder's page
            html = path.read_text("utf-8")
            assert "Eindringling" not in html
            assert html == before


# --- ids, files and links ----------------------------------------------------------------------


def test_an_id_is_matched_whole(tmp_path: Path) -> None:
    assert ID_RULE.fullmatch("backsourcing") and not ID_RULE.match("backsourcing\n")
    project = copy_project(tmp_path / "p", {"backsourcing.yml": ENTRY.format("Backsourcing")})
    (project.glossary / "neu\n.yml").write_text(ENTRY.format("Neu"), encoding="utf-8")
    result = project.lexicon("check")
    assert result.returncode == 1, result.stdout
    assert "is not a valid id" in result.stdout


def test_checking_a_missing_file_is_an_error(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", {"backsourcing.yml": ENTRY.format("Backsourcing")})
    assert project.lexicon("check", "glossary/backsourcing.yml").returncode == 0
    result = project.lexicon("check", "glossary/fehlt.yml")
    assert result.returncode == 1
    assert _findings(result) == [
        "glossary/fehlt.yml:1:1: error: no such file: check the path (nothing was checked in its place)"]


def test_symlinks_in_the_glossary_are_reported(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", {"backsourcing.yml": ENTRY.format("Backsourcing")})
    shared = project.write("shared/insourcing.yml", ENTRY.format("Insourcing"))
    (project.glossary / "insourcing.yml").symlink_to(shared)
    (project.glossary / "notizen").symlink_to(tmp_path / "nirgends")
    (project.glossary / "weg.yml").symlink_to(tmp_path / "nirgends.yml")
    result = project.lexicon("check")
    lines = _findings(result)
    link = "glossary/insourcing.yml:1:1: error: this file is a link to 'shared/insourcing.yml'"
    assert any(line.startswith(link) for line in lines), lines
    assert any(line.startswith("glossary/notizen:1:1: warning: this is a link that leads nowhere")
               for line in lines), lines
    assert any(line.startswith("glossary/weg.yml:1:1: error: this file is a link that leads nowhere")
               for line in lines), lines
    assert result.returncode == 1
    assert project.lexicon("check", "--strict", "glossary/insourcing.yml").returncode == 1


# --- no text lost ------------------------------------------------------------------------------


def test_a_duplicate_inside_a_fence_stays_on_the_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", BAD / "note-duplicate-inside-fences" / "glossary")
    result = project.build(strict=True)
    assert result.returncode == 0, result.stderr
    html = project.html("terms/backsourcing")
    assert html.count("Dieser Satz steht zweimal im Code und bleibt beide Male stehen.") == 2
    assert html.count("Ein Absatz außerhalb des Codes.") == 1


def test_a_swallowed_definition_or_a_comment_is_never_silent(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", BAD / "link-definition-swallowed" / "glossary")
    assert project.lexicon("check").returncode == 1
    project = copy_project(tmp_path / "q", BAD / "warning-comment-after-value" / "glossary")
    assert project.lexicon("check").returncode == 0
    assert project.lexicon("check", "--strict").returncode == 1


def test_escaped_control_characters_fail_the_check(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", {"x.yml": 'de:\n  title: "X\\e[31m"\n  summary: "Ein\\0 X."\n'})
    result = project.lexicon("check")
    assert result.returncode == 1
    assert [line.split(": error: ")[0] for line in _findings(result) if ": error: " in line] == [
        "glossary/x.yml:2:10", "glossary/x.yml:3:12"]


@pytest.mark.parametrize("summary", ["Siehe ![Diagramm der Kosten](https://example.org/k.png).",
                                     "Siehe ![Diagramm][k].\n\n[k]: https://example.org/k.png"])
def test_an_image_in_an_entry_is_an_error_not_a_silent_gap(tmp_path: Path, summary: str) -> None:
    entry = ENTRY.format("Backsourcing").replace("summary: Backsourcing ist ein Begriff.", "summary: |-\n    "
                                                 + summary.replace("\n", "\n    "), 1)
    project = copy_project(tmp_path / "p", {"backsourcing.yml": entry})
    result = project.lexicon("check")
    assert result.returncode == 1
    assert any(": error: images ('![Diagramm" in line for line in _findings(result)), result.stdout


@pytest.mark.parametrize("unit", ["[[a ", "![", "[a "])
def test_unclosed_brackets_that_would_take_minutes_to_render_are_refused(tmp_path: Path, unit: str) -> None:
    # Python-Markdown reads on from each unclosed '[' to the end of the paragraph: 20 KB of
    # '![' took 46 s to render. The check refuses it, so the build stops before rendering.
    body = unit * (60_000 // len(unit))
    entry = ENTRY.format("Backsourcing") + ""
    entry = entry.replace("summary: Backsourcing ist ein Begriff.\n",
                          "summary: Backsourcing ist ein Begriff.\n  body: |-\n    " + body + "\n", 1)
    project = copy_project(tmp_path / "p", {"backsourcing.yml": entry})
    started = time.monotonic()
    result = project.build(strict=False)
    assert result.returncode == 1
    assert "are never closed in this text" in result.stderr
    assert time.monotonic() - started < 60  # rendered, it would take minutes


def test_a_few_unclosed_brackets_in_prose_are_fine(tmp_path: Path) -> None:
    entry = ENTRY.format("Backsourcing").replace(
        "summary: Backsourcing ist ein Begriff.", "summary: 'Backsourcing [siehe unten ist ein Begriff.'", 1)
    project = copy_project(tmp_path / "p", {"backsourcing.yml": entry})
    assert "are never closed" not in project.lexicon("check").stdout

"""Session 10's second attacker on the check's cross-links placed late
(``check/link_places.py``): a cold check keeps the ids links name and places them, reading the
file again, only when one names nothing; the findings are to be those of placing every link at
once, for any input.

What held: odd YAML (flow style, quoted keys, ``|-`` and ``>`` scalars, CRLF, tabs, a BOM,
anchors and merge keys, duplicate keys), links in code spans and fenced code, in aliases and
forms, duplicate paragraphs removed before a link, more than 200 links in a file, bytes that
are not UTF-8, 450 files (the second process) and a warm check: the same output as the code
before (``git archive cb2760b hooks``), byte for byte.

What broke: a file edited between the check's read and the placing (an editor saving while
``lexicon check`` or ``mkdocs serve`` runs) gets its links' places from the new text, or, when
its links changed or the file went, each id at 1:1 as ``[[id]]``, while every other finding of
the file is of the text the check read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lexikon.check import pipeline
from lexikon.check.glossary_files import list_glossary
from lexikon.check.glossary_wide import combine
from lexikon.check.load import load_side_files
from lexikon.core.settings import make_settings
from tests.support.constants import LANGUAGES

ENTRY = "de:\n  title: Begriff\n  summary: Mit [[ziel]] und [[weg|dem Weg]].\n"
EDITS = {
    "a line above": lambda path: path.write_text("# bearbeitet\n" + ENTRY, encoding="utf-8"),
    "another link": lambda path: path.write_text(ENTRY.replace("[[ziel]]", "[[fort]]"), encoding="utf-8"),
    "deleted": Path.unlink,
}


def _eager(project: Path):  # type: ignore[no-untyped-def]
    """The findings of placing every link at once (as every report was made before)."""
    config = make_settings(project, LANGUAGES, None)
    listing = list_glossary(config.glossary_dir, config.project_dir)
    reports = [pipeline.report_file(Path(path).read_bytes(), display, Path(path).stem, config)
               for path, display in listing.entries]
    tags = load_side_files(listing, config.project_dir, [])
    return combine(reports, tags, config, listing.findings).findings


@pytest.mark.xfail(strict=True, reason=(
    "by design (link_places.placed_links' docstring): the placing reads the file as it is now; "
    "findings of the text the check read would need its bytes or places kept, the cost the "
    "late placing saves"))
@pytest.mark.parametrize("edit", sorted(EDITS))
def test_a_file_edited_while_the_check_runs_is_found_as_it_was_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: str) -> None:
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    entry = glossary / "begriff.yml"
    entry.write_text(ENTRY, encoding="utf-8")
    (glossary / "ziel.yml").write_text("de:\n  title: Ziel\n  summary: Das Ziel.\n", encoding="utf-8")
    expected = _eager(tmp_path)
    assert [(f.line, f.col) for f in expected if "weg" in f.message] == [(3, 29)]
    real = pipeline.file_reports

    def read_then_edited(*args, **kwargs):  # type: ignore[no-untyped-def]
        files = real(*args, **kwargs)
        EDITS[edit](entry)  # the editor saves: after the read, before the links are placed
        return files

    monkeypatch.setattr(pipeline, "file_reports", read_then_edited)
    found = pipeline.check_only(make_settings(tmp_path, LANGUAGES, None), cache=False).findings
    assert found == expected


def test_a_link_in_a_glossary_outside_the_project_is_placed_from_another_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``lexicon --config-file ../mkdocs.yml check`` from the project's ``docs/`` with
    ``glossary_dir: ../shared``: files outside the project are named as given (relative to
    the working folder), so the file to read again is not the project's folder joined with
    that name."""
    project, shared = tmp_path / "p", tmp_path / "shared"
    (project / "docs").mkdir(parents=True)
    shared.mkdir()
    (shared / "begriff.yml").write_text(ENTRY, encoding="utf-8")
    (shared / "ziel.yml").write_text("de:\n  title: Ziel\n  summary: Das Ziel.\n", encoding="utf-8")
    monkeypatch.chdir(project / "docs")
    config = make_settings(Path(".."), LANGUAGES, {"glossary_dir": "../shared"})
    assert config.project_dir == Path("..")
    found = pipeline.check_only(config, cache=False).findings
    links = [(f.path, f.line, f.col) for f in found if "cross-link" in f.message]
    assert links == [("../../shared/begriff.yml", 3, 29)]


def test_a_warm_check_of_a_glossary_outside_the_project_from_another_folder_finds_deprecated_terms(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same setup, a second check after a term became deprecated: the files unchanged
    since come from the cache without their texts and are read again to find the term's uses
    (``pipeline._entry_again``), from the project's folder joined with the shown name: no file,
    no use, where a cold check warns."""
    project, shared = tmp_path / "p", tmp_path / "shared"
    (project / "docs").mkdir(parents=True)
    shared.mkdir()
    (shared / "nutzer.yml").write_text("de:\n  title: Nutzer\n  summary: Mit Altwort.\n", encoding="utf-8")
    term = shared / "ziel.yml"
    term.write_text("de:\n  title: Ziel\n  summary: Das Ziel.\n", encoding="utf-8")
    monkeypatch.chdir(project / "docs")
    config = make_settings(Path(".."), LANGUAGES, {"glossary_dir": "../shared"})
    assert _uses(pipeline.check_only(config)) == []
    term.write_text("de:\n  title: Ziel\n  deprecated: [Altwort]\n  summary: Das Ziel.\n", encoding="utf-8")
    cold = _uses(pipeline.check_only(config, cache=False))
    assert cold == [("../../shared/nutzer.yml", 3, 16)]
    assert _uses(pipeline.check_only(config)) == cold


def _uses(result) -> list[tuple[str, int, int]]:  # type: ignore[no-untyped-def]
    return [(f.path, f.line, f.col) for f in result.findings if "is not to be used" in f.message]

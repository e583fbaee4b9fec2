"""A saved page's image captions go with their images (issue 16's leftover: Word's caption
paragraph stayed in the body, alone); a table's caption stays with its table. Each removal is
one report line quoting the caption."""

from __future__ import annotations

from pathlib import Path

from tests.support.constants import FIXTURES
from tests.support.term_imports import empty_project, entries_of, run_lexicon

HERE = FIXTURES / "import" / "captions"


def _import(tmp_path: Path, name: str) -> tuple[str, dict]:
    project = empty_project(tmp_path)
    result = run_lexicon(project, "import", str(HERE / name), "--lang", "de")
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout, next(iter(entries_of(project).values()))["de"]


def test_word_and_figure_captions_of_images_go_and_are_reported(tmp_path: Path) -> None:
    report, block = _import(tmp_path, "osi-word.htm")
    assert "Abbildung" not in block["body"] and "Bild 2" not in block["body"]
    assert block["body"].split("\n\n") == ["Jede Schicht nutzt die Dienste der darunterliegenden Schicht.",
                                           "Ende.\n"]
    assert "osi-word.htm:7: removed the caption of an image (an entry has no images): " \
           "'Abbildung 1: Die sieben Schichten des OSI-Modells'" in report
    assert "osi-word.htm:9: removed the caption of an image (an entry has no images): 'Bild 2: Ein Paket'" \
           in report


def test_a_tables_caption_stays(tmp_path: Path) -> None:
    report, block = _import(tmp_path, "tables.htm")
    assert "Tabelle 1: Die Schichten im Überblick" in block["body"]
    assert "Tabelle 2: Die dritte Schicht" in block["body"]
    assert "removed the caption" not in report

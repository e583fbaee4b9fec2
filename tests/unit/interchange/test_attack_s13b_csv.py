"""Session 13's attack on ``import-csv`` with a sheet saved as UTF-16 whose byte order mark
was lost (a tool that strips "the BOM" from any file, a copy through a clipboard).

README: "CSV for ``import-csv``: UTF-8 (with or without BOM), or UTF-16/UTF-32 with a BOM";
every failure "one line, what happened, what to do". Without its mark, UTF-16 is valid UTF-8
with a NUL after each letter: the header came out as the columns ``'i\\x00d\\x00'``,
``'\\x00t\\x00i…'``, and the summary counted "8 concepts … 8 skipped (under a refused first
line)" for a sheet of two rows, without a word of the encoding."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.term_imports import empty_project, run_lexicon

SHEET = "id,title,summary\r\nwolke,Wolke,Eine Wolke.\r\nsky,Sky,Ein Himmel.\r\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_its_mark_is_named_in_one_line(tmp_path: Path, encoding: str) -> None:
    project = empty_project(tmp_path / "project")
    sheet = tmp_path / "glossary.de.csv"
    sheet.write_bytes(SHEET.encode(encoding))
    result = run_lexicon(project, "import-csv", str(sheet))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert len(errors) == 1 and errors[0].startswith(f"{sheet}:1:"), result.stdout
    assert "UTF-16" in errors[0] and "\\x00" not in result.stdout
    assert sorted(p.name for p in (project / "glossary").iterdir()) == ["_tags.yml"]


@pytest.mark.parametrize(("name", "head"), [("glossary.xlsx", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\xad"),
                                            ("glossary.ods", b"PK\x03\x04\n\x00\x00\x08\x00\x00\xad"),
                                            ("glossary.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")])
def test_a_workbook_given_for_csv_is_named_as_one(tmp_path: Path, name: str, head: bytes) -> None:
    """An editor's spreadsheet as it is saved (a zip, or Excel 97's OLE file) was refused as "not
    UTF-8 … Excel's 'CSV' is Windows-1252", which is not what the file is."""
    project = empty_project(tmp_path / "project")
    workbook = tmp_path / name
    workbook.write_bytes(head + bytes(range(256)))
    result = run_lexicon(project, "import-csv", str(workbook), "--lang", "de")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert len(errors) == 1 and errors[0].startswith(f"{workbook}:1:1: ") and "workbook" in errors[0], errors

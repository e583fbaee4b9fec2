"""``lexicon import-csv`` with malformed or unusual sheets (issue 16's fix round): a broken
quote costs its row (or, left open, the rest of the file, said where it opens), every row is
in the summary line, which is the last, and the text comes back as it was exported."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import yaml

from lexikon.core.settings import Settings
from lexikon.interchange.csv_format import import_csv, run_import_csv
from lexikon.interchange.terms import clean
from tests.support.term_imports import csv_settings
from tests.support.term_imports import source_file as source

SUMMARY = re.compile(r"^(\d+) concepts: (\d+) entries (?:written|to write) \(\d+ drafts\), (\d+) merged, "
                     r"(\d+) skipped")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return csv_settings(tmp_path)


def _run(settings: Settings, path: Path, lang: str | None = "de",
         dry_run: bool = False) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = run_import_csv(settings, path, lang, dry_run=dry_run, out=out)
    return code, out.getvalue().splitlines()


def _counts(lines: list[str]) -> tuple[int, int, int, int]:
    match = SUMMARY.match(lines[-1])
    assert match, lines
    concepts, written, merged, skipped = (int(n) for n in match.groups())
    assert concepts == written + merged + skipped, lines[-1]
    return concepts, written, merged, skipped


# --- quotes -------------------------------------------------------------------------------------
def test_a_quote_left_open_is_located_where_it_opens(tmp_path: Path, settings: Settings) -> None:
    """The error names the line and column of the opening quote, and the lines not read; the
    rows before it come in."""
    path = source(tmp_path, b'id,title,summary\r\nvor,Vor,Davor.\r\nfoo,Foo,"Ein Ding.\r\n'
                             b"bar,Bar,Ein anderes Ding.\r\nbaz,Baz,Noch eins.\r\n")
    result = import_csv(path, "de", settings)
    assert sorted(result.entries) == ["vor"]
    assert [(e.line, e.col) for e in result.errors] == [(3, 3)]
    assert "never closed" in result.errors[0].message and "lines 3-5" in result.errors[0].message


def test_a_quote_left_open_after_a_closed_multiline_cell(tmp_path: Path, settings: Settings) -> None:
    """The row's first cell spans two lines and closes; the open quote is on the second line."""
    path = source(tmp_path, b'title,summary,body\r\n"Zwei\r\nZeilen",Ein Ding.,"offen\r\nweiter\r\n')
    result = import_csv(path, "de", settings)
    assert [(e.line, e.col) for e in result.errors] == [(3, 3)]


def test_a_quote_closed_by_chance_later_is_a_warning(tmp_path: Path, settings: Settings) -> None:
    """The open quote closes at the end of a later row: a cell with a line that looks like a row."""
    path = source(tmp_path, b'id,title,summary\r\nfoo,Foo,"Ein Ding.\r\nbar,Bar,Anders"\r\n')
    result = import_csv(path, "de", settings)
    warnings = [f for f in result.findings if "looks like a row" in f.message]
    assert [(f.line, f.col) for f in warnings] == [(2, 3)]


def test_a_multiline_cell_with_commas_is_no_row(tmp_path: Path, settings: Settings) -> None:
    path = source(tmp_path, b'id,title,summary\r\nfoo,Foo,"Ein Ding,\r\nDas, wie man sagt, gut ist."\r\n')
    assert not [f for f in import_csv(path, "de", settings).findings if "looks like a row" in f.message]


def test_a_quote_closed_mid_cell_refuses_that_row_only(tmp_path: Path, settings: Settings) -> None:
    path = source(tmp_path, b'id,title,summary\r\neins,Eins,Gut.\r\nzwei,Zwei,"Ein "Ding" hier."\r\n'
                             b"drei,Drei,Auch gut.\r\n")
    code, lines = _run(settings, path)
    assert code == 1
    assert any(line.startswith(f"{path}:3:1: error: a quote ends in the middle of a cell") for line in lines)
    written = sorted(p.stem for p in settings.glossary_dir.glob("*.yml") if p.stem != "_tags")
    assert written == ["drei", "eins"]
    assert _counts(lines) == (3, 2, 0, 1) and "1 unreadable" in lines[-1]


# --- counting -----------------------------------------------------------------------------------
def test_added_and_conflicting_rows_are_counted_and_the_summary_is_last(tmp_path: Path,
                                                                        settings: Settings) -> None:
    (settings.glossary_dir / "haus.yml").write_text("de:\n  title: Haus\n  summary: Ein Gebäude.\n",
                                                    encoding="utf-8")
    (settings.glossary_dir / "hus.yml").write_text("da:\n  title: Hus\n  summary: En bygning.\n",
                                                   encoding="utf-8")
    path = source(tmp_path, b"id,title,summary\r\nhaus,Hus,En bygning.\r\nhus,Hus,En anden.\r\n"
                             b"ny,Ny,Noget nyt.\r\n", "glossary.da.csv")
    for dry_run in (True, False):
        code, lines = _run(settings, path, None, dry_run)
        assert code == 1  # the conflict
        assert _counts(lines) == (3, 1, 1, 1), lines
        assert "1 exist already" in lines[-1]
        assert lines[-1].endswith(f"1 language(s) {'to add' if dry_run else 'added'} to 1 existing entries")
    assert "da:" in (settings.glossary_dir / "haus.yml").read_text(encoding="utf-8")


def test_a_refused_first_line_counts_its_rows(tmp_path: Path, settings: Settings) -> None:
    path = source(tmp_path, b"title,summary\r\nA,a.\r\n\r\nB,b.\r\nC,c.\r\n")
    code, lines = _run(settings, path, None)  # no language for the columns
    assert code == 1 and _counts(lines) == (3, 0, 0, 3) and "under a refused first line" in lines[-1]


def test_an_overlong_id_is_that_rows_finding(tmp_path: Path, settings: Settings) -> None:
    path = source(tmp_path, f"title,id,summary\r\nGut,gut,Ja.\r\nLang,{'a-' * 100}b,Nein.\r\n".encode())
    result = import_csv(path, "de", settings)
    assert sorted(result.entries) == ["gut"]
    assert [(e.line, e.col) for e in result.errors] == [(3, 2)]
    assert result.counts.concepts == 2 and sum(result.counts.skipped.values()) == 1


# --- columns and encodings ----------------------------------------------------------------------
def test_thousands_of_unused_columns_are_one_note(tmp_path: Path, settings: Settings) -> None:
    names = ",".join(f"x{n}" for n in range(10_000))
    path = source(tmp_path, f"title,summary,{names}\r\nA,a.\r\n".encode())
    result = import_csv(path, "de", settings)
    notes = [f for f in result.findings if "not used" in f.message]
    assert len(notes) == 1 and (notes[0].line, notes[0].col) == (1, 3)
    assert notes[0].message.startswith("10000 columns are not used") and "'x0', 'x1'" in notes[0].message
    assert len(notes[0].message) < 200
    assert sorted(result.entries) == ["a"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_unicode_text_with_a_byte_order_mark_is_read(tmp_path: Path, settings: Settings,
                                                     encoding: str) -> None:
    """Excel's "Unicode Text" is UTF-16 with a BOM and tabs: the mark names the encoding."""
    text = "\ufeffid\ttitle\tsummary\r\nkbh\tKøbenhavn\tHovedstaden, ø og å.\r\n"
    path = source(tmp_path, text.encode(encoding if encoding != "utf-16" else "utf-16-le"))
    result = import_csv(path, "da", settings)
    assert not result.errors and sorted(result.entries) == ["kbh"]
    assert "København" in result.entries["kbh"] and "ø og å" in result.entries["kbh"]


def test_broken_utf16_is_refused_with_advice(tmp_path: Path, settings: Settings) -> None:
    path = source(tmp_path, b"\xff\xfet\x00i\x00t\x00l")  # an odd byte at the end
    result = import_csv(path, "de", settings)
    assert len(result.errors) == 1 and "UTF-16" in result.errors[0].message
    assert "Windows-1252" not in result.errors[0].message and "CSV UTF-8" in result.errors[0].message


# --- text as it was -----------------------------------------------------------------------------
def test_no_break_spaces_are_kept_other_white_space_collapsed() -> None:
    assert clean(" z.\u00a0B.\t\n 10\u202f% \u3000x ") == "z.\u00a0B. 10\u202f% x"


@pytest.mark.parametrize("cell, body", [('"Zeile eins\r\nZeile zwei\r\n"', "Zeile eins\nZeile zwei\n"),
                                        ('"Zeile eins\r\nZeile zwei"', "Zeile eins\nZeile zwei"),
                                        ("Eine Zeile", "Eine Zeile")])
def test_a_body_ends_with_a_line_end_when_its_cell_does(tmp_path: Path, settings: Settings, cell: str,
                                                        body: str) -> None:
    path = source(tmp_path, f"title,summary,body\r\nAbsatz,Ein Teil.,{cell}\r\n".encode())
    result = import_csv(path, "de", settings)
    assert yaml.safe_load(result.entries["absatz"])["de"]["body"] == body

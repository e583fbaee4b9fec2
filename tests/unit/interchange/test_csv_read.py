"""Reading CSV as spreadsheets save it: the delimiter sniffed, Excel's shapes, list cells with
their escape, findings at the row's line and the column."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lexikon.check.pipeline import run
from lexikon.core.model import Context, Source
from lexikon.core.settings import Settings
from lexikon.interchange.csv_cells import cell_items, cell_pairs, context_cell, list_cell, sources_cell
from lexikon.interchange.csv_format import import_csv
from lexikon.interchange.csv_read import sniff
from lexikon.interchange.term_files import write_terms
from tests.support.term_imports import csv_settings
from tests.support.term_imports import source_file as source


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return csv_settings(tmp_path)


# --- the delimiter ------------------------------------------------------------------------------
@pytest.mark.parametrize("header, delimiter", [
    ('id,title,"Notiz; intern; alt; neu; x",summary', ","),  # more semicolons, quoted, than commas
    ('id;title;"Notiz, intern";summary', ";"),
    ("id;title;summary;Notiz, intern", ";"),  # an unquoted comma in a semicolon header
    ('id\ttitle\t"a;b,c"\tsummary', "\t"),
    ("title,summary", ","),
    ("title;summary", ";"),
    ("title", ","),
])
def test_delimiter_sniffed_from_the_header(header: str, delimiter: str) -> None:
    assert sniff(header + "\r\nx,y;z\tw\r\n") == delimiter


def test_sniffing_a_hostile_header_takes_no_time(tmp_path: Path, settings: Settings) -> None:
    """``csv.Sniffer`` takes quadratic time (25 s for this 60 KB line): it sees only the start."""
    started = time.monotonic()
    assert sniff('a,"' * 20_000 + "\n") == ","
    assert time.monotonic() - started < 5
    result = import_csv(source(tmp_path, b'title,summary,"' + b"x" * 200_000 + b'"\r\n'), "de", settings)
    assert len(result.errors) == 1 and "cannot be read" in result.errors[0].message


def test_quoted_semicolon_in_the_header_does_not_fool_the_import(tmp_path: Path, settings: Settings) -> None:
    path = source(tmp_path, b'id,title,"Notiz; intern; alt; neu; x",summary\r\n'
                            b'rz,Rechenzentrum,"a; b",Ein Raum.\r\n')
    result = import_csv(path, "de", settings)
    assert sorted(result.entries) == ["rz"] and not result.errors
    assert [str(f).split(": ", 1)[1] for f in result.findings if f.path == str(path)] == [
        "note: column 'notiz; intern; alt; neu; x' is not used (an entry has no field for it)"]


# --- Excel --------------------------------------------------------------------------------------
EXCEL = (
    "\ufeffid;de.title;de.summary;de.aliases;da.title;da.summary;de.body\r\n"
    "mandant;Mandant;'=1+1 ist keine Formel.;\"A\\;B; C\";klient;En kunde.;"
    "\"Erste Zeile\r\nzweite Zeile\"\r\n"
    "leer;Leer;;;;;\r\n"
    "ok;Ok;Gut.;;;;\r\n"
).encode("utf-8")


def test_excel_shaped_file(tmp_path: Path, settings: Settings) -> None:
    """BOM, semicolons, CRLF, a line break inside a quoted cell, the formula guard: read; the row
    after the two-line cell is found at its own line (4), the empty definition's column named."""
    path = source(tmp_path, EXCEL)
    result = import_csv(path, None, settings)
    located = [f"{f.line}:{f.message}" for f in result.findings if f.path == str(path)]
    assert any(m.startswith("4:concept 'leer' (line 4): no definition in 'de': comes in as a draft")
               for m in located), located
    assert sorted(result.entries) == ["leer", "mandant", "ok"]  # 'leer' as a draft
    write_terms(result, settings)
    mandant = run(settings, cache=False).glossary.entries["mandant"]
    assert mandant.texts["de"].summary == "=1+1 ist keine Formel."
    assert mandant.texts["de"].aliases == ("A;B", "C")
    assert mandant.texts["de"].body == "Erste Zeile\nzweite Zeile"  # as the cell: no final line end
    assert mandant.texts["da"].title == "klient"


def test_windows_1252_is_refused_where_it_starts(tmp_path: Path, settings: Settings) -> None:
    data = "title;summary\r\nKøbenhavn;Hovedstaden.\r\n".encode("cp1252")
    result = import_csv(source(tmp_path, data), "da", settings)
    assert result.entries == {} and len(result.errors) == 1
    error = result.errors[0]
    assert (error.line, error.col) == (2, 2)  # the ø of "København"
    assert "not UTF-8 (byte 0xF8" in error.message and "CSV UTF-8" in error.message


# --- the columns --------------------------------------------------------------------------------
def test_unknown_language_prefix_is_one_finding(tmp_path: Path, settings: Settings) -> None:
    path = source(tmp_path, b"id,de.title,de.summary,en.title,en.summary,en.aliases\r\n"
                            b"rz,Rechenzentrum,Ein Raum.,data centre,A room.,DC\r\n")
    result = import_csv(path, None, settings)
    about_en = [f for f in result.findings if "'en'" in f.message]
    assert len(about_en) == 1 and (about_en[0].line, about_en[0].col) == (1, 4)
    assert "language 'en', which the site does not have" in about_en[0].message
    assert sorted(result.entries) == ["rz"] and "en:" not in result.entries["rz"]


def test_regional_tags_and_names_with_a_full_stop(tmp_path: Path, settings: Settings) -> None:
    """``de-DE.title`` is German; ``Notiz z.B.`` is a column, not a language, reported as not used."""
    path = source(tmp_path, b"id;de-DE.title;de_AT.summary;Notiz z.B.\r\nrz;Rechenzentrum;Ein Raum.;x\r\n")
    result = import_csv(path, None, settings)
    assert sorted(result.entries) == ["rz"] and not result.errors
    assert [f.message for f in result.findings if f.path == str(path)] == [
        "column 'notiz z.b.' is not used (an entry has no field for it)"]


def test_columns_without_a_language_need_lang(tmp_path: Path, settings: Settings) -> None:
    data = b"title,summary\r\nRechenzentrum,Ein Raum.\r\n"
    result = import_csv(source(tmp_path, data), None, settings)
    assert result.entries == {} and "name no language: pass --lang" in result.errors[0].message
    named = source(tmp_path, data, "terms.de.csv")
    assert sorted(import_csv(named, None, settings).entries) == ["rechenzentrum"]
    assert sorted(import_csv(source(tmp_path, data), "de", settings).entries) == ["rechenzentrum"]


def test_a_language_needs_its_title_and_summary_columns(tmp_path: Path, settings: Settings) -> None:
    result = import_csv(source(tmp_path, b"id,de.title,de.summary,da.title\r\nx,X,Y.,Z\r\n"), None, settings)
    assert result.entries == {} and "no column 'da.summary'" in result.errors[0].message


def test_cell_findings_name_row_and_column(tmp_path: Path, settings: Settings) -> None:
    data = (b'id,draft,de.title,de.summary,de.sources\r\n'
            b'a,"viel-\r\nleicht",A,"Ein\r\nA.",Ohne Adresse\r\n')
    path = source(tmp_path, data)
    result = import_csv(path, None, settings)
    located = {(f.line, f.col, f.message.split(":")[0]) for f in result.findings if f.path == str(path)}
    assert (2, 2, "column 'draft'") in located and (2, 5, "column 'de.sources'") in located
    assert "draft: true" in result.entries["a"]  # unclear: a draft, never published by mistake


def test_excel_dates_and_flags(tmp_path: Path, settings: Settings) -> None:
    data = (b"id;draft;de.title;de.summary;de.reviewed\r\n"
            b"a;WAHR;A;Ein A.;30.11.2026\r\nb;;B;Ein B.;1-2-2026\r\n")
    result = import_csv(source(tmp_path, data), None, settings)
    assert "draft: true" in result.entries["a"] and "draft" not in result.entries["b"]
    assert '"2026-11-30"' in result.entries["a"] and '"2026-02-01"' in result.entries["b"]


# --- list cells ---------------------------------------------------------------------------------
@pytest.mark.parametrize("items", [
    ["a;b", "c"], ["C:\\Pfad\\"], ["\\;", "\\\\x", "x\\"], ["<a>", "b > c"], ["=x", "@y"],
])
def test_list_cells_round_trip(items: list[str]) -> None:
    assert cell_items(list_cell(items)) == items


ITEM = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1).filter(lambda s: s == s.strip() != "")


@given(st.lists(ITEM, max_size=5))
def test_any_list_round_trips(items: list[str]) -> None:
    assert cell_items(list_cell(items)) == items


@given(st.lists(st.tuples(ITEM, st.one_of(st.none(), ITEM)), max_size=4))
def test_any_context_round_trips(pairs: list[tuple[str, str | None]]) -> None:
    assert cell_pairs(context_cell(Context(text, source) for text, source in pairs)) == pairs


def test_list_cell_escapes_only_where_needed() -> None:
    assert list_cell(["RZ; Halle", "C:\\Pfad", "x\\"]) == "RZ\\; Halle; C:\\Pfad; x\\\\"
    assert cell_items("DSGVO; Privatsphäre;; ") == ["DSGVO", "Privatsphäre"]  # as Excel users type them


def test_sources_and_context_cells() -> None:
    sources = (Source("A; B <c>", "https://x.org/?a=1;b=2"), Source("Wiki", "https://w.org"))
    assert sources_cell(sources) == "A\\; B \\<c\\> <https://x.org/?a=1\\;b=2>; Wiki <https://w.org>"
    assert cell_pairs(sources_cell(sources)) == [(s.title, s.url) for s in sources]
    contexts = (Context("Er sagte: 1 < 2.", "Bericht"), Context("Ohne.", None))
    assert cell_pairs(context_cell(contexts)) == [("Er sagte: 1 < 2.", "Bericht"), ("Ohne.", None)]
    assert cell_pairs("a < b <Quelle> ; nur Text") == [("a < b", "Quelle"), ("nur Text", None)]

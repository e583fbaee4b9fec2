"""The translators' table as CSV (issue 15, point 4): a file per ordered language pair with
the page's columns and order, guarded against formulas like every CSV we write, in the
registry of formats (so ``lexicon export``, the build and the data page know it)."""

from __future__ import annotations

import csv
import io

import pytest

from lexikon.core import formats
from lexikon.core.layout import SiteLayout
from lexikon.core.locale import load_locale
from lexikon.core.model import Glossary
from lexikon.core.settings import Settings
from lexikon.interchange import export
from lexikon.interchange.table_csv import table_csv
from lexikon.render.data_page import data_page
from lexikon.render.view import View
from tests.support.table_glossary import DANISH_ORDER, GERMAN_ORDER, table_glossary

COLUMNS = ["id", "de_title", "de_qualifier", "de_gender", "de_abbreviations", "de_deprecated",
           "da_title", "da_qualifier", "da_gender", "da_abbreviations", "da_deprecated", "url"]


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Glossary, Settings]:
    return table_glossary(tmp_path_factory.mktemp("table-csv"))


def _url(lang: str, entry_id: str) -> str:
    return f"https://lexikon.example/{lang}/{entry_id}/"


def _read(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff") and "\r\n" in text and "\n" not in text.replace("\r\n", "")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def test_columns_per_language_in_the_pairs_order(checked) -> None:
    glossary, _ = checked
    german = table_csv(glossary, ("de", "da"), _url)
    assert german[1:].split("\r\n", 1)[0].split(",") == COLUMNS
    danish = table_csv(glossary, ("da", "de"), _url)
    assert danish[1:].split("\r\n", 1)[0].split(",") == ["id", *COLUMNS[6:11], *COLUMNS[1:6], "url"]
    rows = {row["id"]: row for row in _read(german)}
    assert rows["backsourcing"] == {
        "id": "backsourcing", "de_title": "Backsourcing", "de_qualifier": "", "de_gender": "das",
        "de_abbreviations": "BS", "de_deprecated": "Rückoutsourcing; Re-Insourcing",
        "da_title": "backsourcing", "da_qualifier": "", "da_gender": "en", "da_abbreviations": "",
        "da_deprecated": "tilbageflytning", "url": "https://lexikon.example/de/backsourcing/"}
    assert rows["bank-finanz"]["de_qualifier"] == "Finanzwesen"


def test_rows_in_the_first_languages_order_without_drafts(checked) -> None:
    glossary, _ = checked
    assert [row["id"] for row in _read(table_csv(glossary, ("de", "da"), _url))] == GERMAN_ORDER
    assert [row["id"] for row in _read(table_csv(glossary, ("da", "de"), _url))] == DANISH_ORDER


def test_a_missing_language_leaves_its_cells_empty(checked) -> None:
    glossary, _ = checked
    rows = {row["id"]: row for row in _read(table_csv(glossary, ("de", "da"), _url))}
    assert [rows["cloud"][name] for name in COLUMNS[6:11]] == [""] * 5
    assert rows["cloud"]["de_title"] == "Cloud" and rows["hygge"]["de_title"] == ""


def test_formula_like_cells_are_guarded_and_separators_quoted(checked) -> None:
    glossary, _ = checked
    text = table_csv(glossary, ("de", "da"), _url)
    zone = next(row for row in _read(text) if row["id"] == "zone")
    assert zone["de_deprecated"] == "'=1+1; '@Bereich"  # each piece of a list, as import-csv reads it
    assert zone["de_abbreviations"] == "Z; Zo"
    assert '"Z; Zo"' in text  # German and Danish Excel split on ";"


def test_one_file_per_ordered_pair_registered_and_exported(checked) -> None:
    glossary, settings = checked
    fmt = formats.export_format("table-csv")
    assert fmt.files(["de", "da"]) == (("glossary.de-da.csv", ("de", "da")),
                                       ("glossary.da-de.csv", ("da", "de")))
    files = export.export_files(glossary, settings, _url)
    assert files["glossary.de-da.csv"] == table_csv(glossary, ("de", "da"), _url)
    assert files["glossary.da-de.csv"] == table_csv(glossary, ("da", "de"), _url)


def test_the_data_page_describes_each_pair_in_its_language(checked) -> None:
    glossary, settings = checked
    pages = {lang: data_page(View(glossary, SiteLayout(settings), load_locale(lang))).markdown
             for lang in ("de", "da")}
    german = next(line for line in pages["de"].splitlines() if ">glossary.da-de.csv<" in line)
    assert "Übersetzungstabelle Dänisch – Deutsch: " in german
    danish = next(line for line in pages["da"].splitlines() if ">glossary.da-de.csv<" in line)
    assert "Ordliste dansk-tysk til oversættere" in danish
    assert "Die Begriffe auf Dänisch als Tabelle" in pages["de"]  # the per-language files as before

"""The registry of export formats (core/formats.py) and the language data of the importers.

The registry is the one list of export files: what ``export_files`` writes is exactly what
it names, it loads without the writers (the data page reads it), and each name is stable.
The letters and abbreviations the importers need come from the locale files.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lexikon.check.pipeline import run
from lexikon.core import formats
from lexikon.core.locale import load_locale, locale_codes
from lexikon.core.settings import Language, make_settings
from lexikon.interchange import export, words

ROOT = Path(__file__).resolve().parents[3]
LANGUAGES = [Language("de", "Deutsch"), Language("da", "Dansk")]


def test_export_files_are_the_registrys_files() -> None:
    settings = make_settings(ROOT, LANGUAGES, None)
    glossary = run(settings, cache=False).glossary
    files = export.export_files(glossary, settings, export.page_url_of(settings))
    named = {name for fmt in formats.EXPORT_FORMATS for name in fmt.file_names(glossary.languages)}
    assert set(files) == named
    assert "glossary.da.csv" in named and "glossary.schema.json" in named


def test_formats_have_stable_unique_names_and_load_without_the_writers() -> None:
    names = [fmt.name for fmt in formats.EXPORT_FORMATS]
    assert len(set(names)) == len(names)
    assert formats.export_format("csv").file_names(["de", "da"]) == ("glossary.de.csv", "glossary.da.csv")
    with pytest.raises(KeyError, match="there are json"):
        formats.export_format("docx")
    code = "import sys, lexikon.core.formats; print(sorted(m for m in sys.modules if 'interchange' in m))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={"PYTHONPATH": str(ROOT / "hooks")})
    assert done.stdout.strip() == "[]"


def test_the_importers_letters_and_abbreviations_come_from_the_locales() -> None:
    capitals, small = words.letters()
    for code in locale_codes():
        locale = load_locale(code)
        assert locale.transliterate, f"{code}.yml: import: transliterate"
        assert set(locale.transliterate) <= set(capitals + small)
        assert locale.import_patterns["abbreviations"]
    assert words.slugify("Grønne Überstunden") == "groenne-ueberstunden"
    assert words.split_sentences("Das gilt z. B. hier. Det gælder f. eks. her.") == [
        "Das gilt z. B. hier.", "Det gælder f. eks. her."]


def test_the_data_page_lists_the_registrys_files_in_its_order(monkeypatch: pytest.MonkeyPatch) -> None:
    from lexikon.core.layout import SiteLayout
    from lexikon.render import data_page
    from lexikon.render.view import View

    settings = make_settings(ROOT, LANGUAGES, None)
    glossary = run(settings, cache=False).glossary
    extra = formats.ExportFormat("extra", "glossary.{lang}.extra", "text/plain", "data_json")
    monkeypatch.setattr(data_page, "EXPORT_FORMATS", (*formats.EXPORT_FORMATS, extra))
    page = data_page.data_page(View(glossary, SiteLayout(settings), load_locale("de")))
    listed = [line.split(" download>", 1)[1].split("<", 1)[0] for line in page.markdown.splitlines()
              if " download>" in line]
    assert listed == [name for fmt in (*formats.EXPORT_FORMATS, extra)
                      for name in fmt.file_names(glossary.languages)]

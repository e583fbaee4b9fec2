"""The Vale style export: one substitution rule per language, of the shape Vale reads, whose
keys match the deprecated terms and their forms literally (regex characters escaped)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from lexikon.core import formats
from lexikon.core.model import Entry, Glossary, Text
from lexikon.core.settings import Language, make_settings
from lexikon.interchange import export
from lexikon.interchange.vale import vale_rule

LANGUAGES = [Language("de", "Deutsch"), Language("da", "Dansk")]


def _glossary() -> Glossary:
    entries = {
        "backsourcing": Entry("backsourcing", "glossary/backsourcing.yml", texts={
            "de": Text("de", "Backsourcing", "Rückholung.", deprecated=("Rückoutsourcing", "C++ (alt)")),
            "da": Text("da", "Backsourcing", "Hjemtagning.", deprecated=("tilbage udlicitering",))}),
        "entwurf": Entry("entwurf", "glossary/entwurf.yml", draft=True, texts={
            "de": Text("de", "Entwurf", "", deprecated=("Skizze",))}),
    }
    return Glossary(entries, {}, ("de", "da"))


def _rule(lang: str) -> dict:
    return yaml.safe_load(vale_rule(_glossary(), lang))


def test_each_language_is_a_substitution_rule_of_vales_shape() -> None:
    for lang in ("de", "da"):
        rule = _rule(lang)
        assert list(rule) == ["extends", "message", "level", "ignorecase", "swap"]
        assert rule["extends"] == "substitution" and rule["level"] == "warning" and rule["ignorecase"] is True
        assert rule["message"].count("%s") == 2
        assert set(rule["swap"].values()) == {"Backsourcing"}, "drafts are not published rules"


def test_keys_match_the_term_and_its_forms_literally() -> None:
    swap = _rule("de")["swap"]
    special = next(key for key in swap if key.startswith("C"))
    assert special.startswith(r"C\+\+\s+\(alt\)")
    pattern = re.compile(rf"\b(?:{special})(?!\w)", re.I)
    assert pattern.fullmatch("C++ (alt)") and pattern.fullmatch("c++   (ALT)")
    assert not pattern.search("Cxx (alt)") and not pattern.search("C++ alt")
    german = re.compile(rf"\b(?:{next(key for key in swap if key.startswith('R'))})\b", re.I)
    assert german.fullmatch("Rückoutsourcings") and not german.search("Rückoutsourcingen")
    danish = re.compile(rf"\b(?:{next(iter(_rule('da')['swap']))})\b", re.I)
    assert danish.fullmatch("tilbage udliciteringen") and danish.fullmatch("tilbage\nudliciteringernes")


def test_the_rules_are_export_files_named_for_vales_style_folder(tmp_path: Path) -> None:
    names = formats.VALE.file_names(["de", "da"])
    assert names == ("vale/Lexikon/TermsDe.yml", "vale/Lexikon/TermsDa.yml")
    settings = make_settings(tmp_path, LANGUAGES, None)
    files = export.export_files(_glossary(), settings, export.page_url_of(settings))
    assert yaml.safe_load(files["vale/Lexikon/TermsDa.yml"])["swap"]

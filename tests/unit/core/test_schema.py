"""The editor schema: generated from the checker's model, shipped, and in step with it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from lexikon.core.schema import json_schema
from lexikon.core.settings import settings_from_file
from lexikon.interchange.entry_yaml import SCHEMA_FILE, new_entry_text
from tests.support.constants import ROOT

SETTINGS = settings_from_file(ROOT / "mkdocs.yml")
SCHEMA = json_schema(SETTINGS.codes)


def test_shipped_schema_is_up_to_date() -> None:
    shipped = json.loads((ROOT / "glossary" / SCHEMA_FILE).read_text("utf-8"))
    assert shipped == SCHEMA, "run 'lexicon schema' and commit glossary/_entry.schema.json"


def test_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", sorted((ROOT / "glossary").glob("[!_]*.yml")), ids=lambda p: p.name)
def test_schema_accepts_our_glossary(path: Path) -> None:
    jsonschema.validate(yaml.safe_load(path.read_text("utf-8")), SCHEMA)


def test_every_entry_names_the_schema() -> None:
    for path in (ROOT / "glossary").glob("[!_]*.yml"):
        assert path.read_text("utf-8").startswith(f"# yaml-language-server: $schema={SCHEMA_FILE}\n")


VALID = {"de": {"title": "Backsourcing", "summary": "Rückholung."}}


@pytest.mark.parametrize("entry", [
    {},                                                            # no language block
    {"fr": {"title": "x", "summary": "y"}},                        # language not configured
    {"de": {"title": "x"}},                                        # summary missing
    {"de": {"title": "", "summary": "y"}},                         # title empty
    {"de": {"title": "x", "summary": "y", "sumary": "z"}},         # unknown key
    {"de": {"title": True, "summary": "y"}},                       # wrong type (title: yes)
    {"de": {"title": "x", "summary": "y", "aliases": "a"}},        # a string, not a list
    {"de": {"title": "x\ny", "summary": "y"}},                     # title over two lines
    {"de": {"title": "x", "summary": "<b>y</b>"}},                 # raw HTML
    {"de": {"title": "x", "summary": "y {: onclick=z}"}},          # attribute list
    {"de": {"title": "x", "summary": "y", "sources": [{"title": "t", "url": "ftp://x"}]}},
    {**VALID, "related": ["Not An Id"]},
    {**VALID, "tgas": ["it"]},
])
def test_schema_rejects_what_the_checker_rejects(entry: dict) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(entry, SCHEMA)


def test_new_entry_names_the_schema_and_fills_in(tmp_path: Path) -> None:
    text = new_entry_text(SETTINGS, {"de": "Wettbewerbsvorteil"})
    data = yaml.safe_load(text)
    assert text.startswith(f"# yaml-language-server: $schema={SCHEMA_FILE}\n")
    assert set(SETTINGS.codes) <= set(data)
    assert data["de"]["title"] == "Wettbewerbsvorteil"
    for code in SETTINGS.codes:
        data[code]["title"] = data[code]["title"] or "Konkurrencefordel"
        data[code]["summary"] = "Ein Vorteil gegenüber Mitbewerbern."
    jsonschema.validate(data, SCHEMA)


BAD = ROOT / "tests" / "fixtures" / "bad"
SCHEMA_SEES = [  # the bad-input fixtures whose problem lies in one file's shape
    "unknown-key-did-you-mean", "unknown-key-in-language-block", "unknown-top-level-key",
    "wrong-type-bool", "wrong-type-number", "wrong-type-aliases-string", "wrong-type-block-string",
    "required-field-missing", "required-field-empty", "required-field-null",
    "language-not-configured", "language-block-null", "no-language-block",
    "html-in-body", "html-in-summary", "html-in-title", "html-in-highlights", "attribute-list",
    "source-url-ftp", "source-url-javascript", "top-level-list", "html-in-source-title",
    "javascript-link", "control-characters-escaped", "link-definition-swallowed",
]


@pytest.mark.parametrize("case", SCHEMA_SEES)
def test_schema_rejects_the_checkers_bad_input_fixtures(case: str) -> None:
    lines = (BAD / case / "expected.txt").read_text("utf-8").splitlines()
    assert any(": error: " in line for line in lines)
    broken = {line.split(":", 1)[0] for line in lines if ": error: " in line}
    for path in broken:
        data = yaml.safe_load((BAD / case / path).read_text("utf-8"))
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(data, SCHEMA)

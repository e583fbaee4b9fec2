"""IATE writes a concept's subject fields as one list of EuroVoc codes ("2446, 4026"): each
code names its own tag (issue 16's leftover); a label with a comma in it stays one field."""

from __future__ import annotations

from pathlib import Path

import pytest

from lexikon.interchange.tbx.read import subject_fields
from tests.support.constants import FIXTURES
from tests.support.term_imports import empty_project, entries_of, run_lexicon

SOURCE = FIXTURES / "import" / "iate" / "subject-codes.tbx"


def test_each_code_of_an_iate_subject_field_tags_the_entry(tmp_path: Path) -> None:
    project = empty_project(tmp_path)
    (project / "glossary" / "_tags.yml").write_text(
        '"2446": {de: Informationstechnik, da: Informationsteknologi}\n'
        '"4026": {de: Büroarbeit, da: Kontorarbejde}\n', encoding="utf-8")
    result = run_lexicon(project, "import-tbx", str(SOURCE))
    entries = entries_of(project)
    assert entries["tastatur"].get("tags") == ["2446", "4026"], result.stdout
    assert entries["maus"].get("tags") == ["2446"], result.stdout
    assert "names no tag" not in result.stdout


def test_an_unknown_code_is_named_alone(tmp_path: Path) -> None:
    project = empty_project(tmp_path)
    (project / "glossary" / "_tags.yml").write_text('"2446": {de: IT, da: IT}\n', encoding="utf-8")
    result = run_lexicon(project, "import-tbx", str(SOURCE))
    assert "the subject field '4026' names no tag" in result.stdout
    assert entries_of(project)["tastatur"].get("tags") == ["2446"]


@pytest.mark.parametrize(("written", "fields"), [
    ("2446, 4026", ["2446", "4026"]),
    ("2446;4026 ; 10", ["2446", "4026", "10"]),
    ("2446", ["2446"]),
    ("Recht, Verwaltung", ["Recht, Verwaltung"]),
    ("ISO 9001, Qualität", ["ISO 9001, Qualität"]),
    ("", []),
])
def test_only_a_list_of_codes_is_split(written: str, fields: list[str]) -> None:
    assert subject_fields(written) == fields


def test_ids_yaml_would_read_as_numbers_or_booleans_are_written_as_text(tmp_path: Path) -> None:
    """Any import writes an id list (tags, related) that YAML reads back as the ids: '2446' and
    'yes' quoted, others plain."""
    project = empty_project(tmp_path)
    (project / "glossary" / "_tags.yml").write_text('"2446": {de: IT, da: IT}\n"yes": {de: Ja, da: Ja}\n',
                                                     encoding="utf-8")
    source = tmp_path / "begriffe.csv"
    source.write_text("id,tags,de.title,de.summary,da.title,da.summary\n"
                      "tastatur,2446;yes,Tastatur,Ein Eingabegerät.,tastatur,Et inputapparat.\n",
                      encoding="utf-8")
    result = run_lexicon(project, "import-csv", str(source))
    assert entries_of(project).get("tastatur", {}).get("tags") == ["2446", "yes"], result.stdout
    text = (project / "glossary" / "tastatur.yml").read_text(encoding="utf-8")
    assert 'tags: ["2446", "yes"]' in text
    assert run_lexicon(project, "check", "--strict").returncode == 0

"""One home per idea (issue 14): the id rule, the display path, the near-duplicate test, the
tag file reader and the per-file pipeline each answer the same way wherever they are asked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lexikon.check import pipeline
from lexikon.check.glossary_wide import combine
from lexikon.check.near_duplicates import near_duplicates, nearly_the_same
from lexikon.check.tags import read_tag_file, tag_names
from lexikon.core.model import Span, Text
from lexikon.core.paths import shown
from lexikon.core.schema import ID_PATTERN, ID_RULE
from lexikon.core.settings import Language, make_settings
from lexikon.interchange.article.entry import import_article
from tests.support.constants import ROOT

LANGUAGES = [Language("de", "Deutsch", True), Language("da", "Dansk")]
SAID = ("Outsourcing bezeichnet die Verlagerung von Aufgaben eines Unternehmens an einen externen "
        "Dienstleister, der sie auf eigene Rechnung erbringt.")


@pytest.mark.parametrize("candidate", ["a", "a-b", "x1-2y", "-a", "a-", "a--b", "A", "ä", "a_b", "a\n", ""])
def test_the_id_rule_and_the_editor_schema_pattern_agree(candidate: str) -> None:
    # JSON Schema's '$' ends the text; Python's lets a final line end pass, so compare without it
    assert bool(ID_RULE.match(candidate)) == bool(re.fullmatch(ID_PATTERN.rstrip("$"), candidate))


def test_a_path_is_shown_relative_to_the_project_when_inside_it(tmp_path: Path) -> None:
    assert shown(tmp_path / "glossary" / "x.yml", tmp_path) == "glossary/x.yml"
    assert shown(tmp_path / "glossary" / ".." / "x.yml", tmp_path) == "x.yml"
    assert shown(Path("/elsewhere/x.yml"), tmp_path) == "/elsewhere/x.yml"


def test_nearly_the_same_is_the_test_the_check_warns_by() -> None:
    changed = SAID.replace("externen", "fremden")
    assert nearly_the_same(SAID, changed)
    assert not nearly_the_same(SAID, "Etwas ganz anderes, das mit Outsourcing nichts zu tun hat, gar nichts.")
    assert not nearly_the_same("kurz und knapp", "kurz und knapp!")  # too short to say anything
    span = Span("glossary/x.yml", 1, 1, "")
    text = Text("de", "X", "x", body=f"{SAID}\n\n{changed}")
    found = list(near_duplicates(text, span, [(SAID, (3, 1)), (changed, (5, 1))]))
    assert [(f.line, f.severity.value) for f in found] == [(5, "warning")]


def test_the_tag_file_is_read_once_for_checks_and_importers(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, LANGUAGES, None)
    (tmp_path / "glossary").mkdir()
    assert read_tag_file(settings) is None
    (tmp_path / "glossary" / "_tags.yml").write_text(
        "it: {de: IT, da: IT}\nstrategy: {de: Strategie, da: Strategi}\nBad: {de: X}\n", encoding="utf-8")
    tags = read_tag_file(settings)
    assert tags is not None and sorted(tags) == ["it", "strategy"]  # the check refuses 'Bad'
    assert tag_names(tags) == {"it": "it", "strategy": "strategy", "strategie": "strategy",
                               "strategi": "strategy"}


def test_both_importers_name_tags_as_the_check_reads_the_tag_file(tmp_path: Path) -> None:
    """A tag's id wins over another tag's label that reads the same; labels match in NFC with
    white space collapsed; a tag or label the check refuses names nothing."""
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    (glossary / "_tags.yaml").write_text(  # .yaml is a tag file to the check too
        "it: {de: KI, da: IT}\nki: {de: 'Künstliche   Intelligenz', da: '<b>KI</b>'}\n"
        "Bad: {de: Schlecht, da: Skidt}\n", encoding="utf-8")
    settings = make_settings(tmp_path, LANGUAGES, None)
    names = tag_names(read_tag_file(settings) or {})
    assert names == {"it": "it", "ki": "ki", "künstliche intelligenz": "ki"}
    keywords = "KI, Ku\u0308nstliche Intelligenz, Schlecht, it"
    article = f"---\ntitle: Neu\nkeywords: {keywords}\n---\n\nEin Absatz, lang genug, um etwas zu sagen.\n"
    result = import_article(article, "neu.md", "de", glossary_dir=glossary, languages=["de", "da"])
    assert result.tags == ("ki", "it")


def test_file_reports_and_combine_are_the_pipeline() -> None:
    root = ROOT
    settings = make_settings(root, LANGUAGES, None)
    files = pipeline.file_reports(settings, cache=False)
    combined = combine(files.reports, files.tags, settings, files.findings)
    whole = pipeline.run(settings, cache=False)
    assert combined.findings == whole.findings and combined.glossary == whole.glossary
    assert pipeline.with_new_files(files, [], settings).findings == whole.findings  # nothing new
    assert [report.id for report in files.reports] == sorted(report.id for report in files.reports)

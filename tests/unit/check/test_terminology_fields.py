"""The terminology fields of issue 15 as the checker reads them: values, and located findings.

Gender (per the language's locale), part of speech, abbreviations, deprecated terms, usage
context, qualifier and review date per language block; ``broader`` and ``draft`` per entry.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from lexikon.check import cache_codec
from lexikon.check.pipeline import report_file
from lexikon.core.model import Context, FileReport, Severity
from lexikon.core.settings import make_settings
from tests.support.constants import LANGUAGES

SETTINGS = make_settings(Path("/nonexistent"), LANGUAGES, None)

FULL = """\
broader: [sourcing]
de:
  title: Backsourcing
  summary: Die Rückverlagerung ausgelagerter Leistungen.
  gender: n
  pos: noun
  abbreviations: [BS]
  deprecated: [Rückoutsourcing]
  qualifier: IT
  reviewed: 2026-11-30
  context:
    - text: Nach drei Jahren entschied sich die Bank für das Backsourcing.
      source: https://example.org/bericht
    - text: Das Backsourcing dauerte ein Jahr.
da:
  title: backsourcing
  summary: Hjemtagning af udliciterede opgaver.
  gender: c
  reviewed: "2026-11-29"
"""


def _report(text: str, entry_id: str = "backsourcing") -> FileReport:
    return report_file(textwrap.dedent(text).encode(), f"glossary/{entry_id}.yml", entry_id, SETTINGS)


def _lines(report: FileReport) -> list[str]:
    return [f"{f.line}:{f.col}: {f.severity.value}: {f.message}" for f in report.findings]


def test_every_field_is_read() -> None:
    report = _report(FULL)
    assert _lines(report) == []
    entry = report.entry
    assert entry is not None and entry.broader == ("sourcing",) and entry.draft is False
    de, da = entry.texts["de"], entry.texts["da"]
    assert (de.gender, de.pos, de.abbreviations, de.deprecated, de.qualifier, de.reviewed) == (
        "n", "noun", ("BS",), ("Rückoutsourcing",), "IT", "2026-11-30")
    assert de.context == (Context("Nach drei Jahren entschied sich die Bank für das Backsourcing.",
                                  "https://example.org/bericht"),
                          Context("Das Backsourcing dauerte ein Jahr.", None))
    assert (da.gender, da.pos, da.reviewed) == ("c", None, "2026-11-29")
    assert [(r.kind, r.target, r.line, r.col) for r in report.references] == [("broader", "sourcing", 1, 11)]


def test_the_new_fields_survive_the_cache() -> None:
    report = _report(FULL)
    assert cache_codec.decode(FileReport, cache_codec.encode(report)) == report


@pytest.mark.parametrize(("field", "expected"), [
    ("  gender: c", "4:11: error: 'gender' is 'c': use one of m, f, n"),
    ("  gender: die", "4:11: error: 'gender' is 'die': use one of m, f, n"),
    ("  pos: Noun", "4:8: error: 'pos' is 'Noun' (did you mean 'noun'?): use one of noun, verb, adjective, "
                    "adverb, proper-noun, other"),
    ("  reviewed: 2026-13-01", "4:13: error: 'reviewed' must be a date written YYYY-MM-DD, e.g. 2026-11-30"),
    ("  reviewed: 30.11.2026", "4:13: error: 'reviewed' must be a date written YYYY-MM-DD, e.g. 2026-11-30"),
    ("  context: [Ein Satz.]", "4:13: error: each context is a mapping: '- text: A sentence with the term.' "
                               "and, if it has one, 'source: where it comes from'"),
    ("  context: [{source: Buch}]", "4:13: error: the context has no 'text': add the sentence"),
    ("  context: [{text: Satz., source: 'ftp://x'}]",
     "4:13: error: the context's source 'ftp://x' is an address: it must start with http:// or https:// "
     "and name a host"),
    ("  context: [{text: Satz., quelle: Buch}]",
     "4:27: error: unknown key 'quelle' in a context: allowed are text, source"),
    ("  abbreviations: BS",
     "4:18: error: 'abbreviations' must be a list, e.g. [a, b] or one '- item' per line"),
])
def test_a_wrong_value_is_one_located_finding(field: str, expected: str) -> None:
    report = _report(f"de:\n  title: Backsourcing\n  summary: Kurz.\n{field}\n")
    assert _lines(report) == [expected] or expected in _lines(report)


def test_danish_genders_are_common_and_neuter() -> None:
    report = _report("da:\n  title: backsourcing\n  summary: Kort.\n  gender: m\n")
    assert "4:11: error: 'gender' is 'm': use one of c, n" in _lines(report)


def test_broader_naming_itself_and_draft_spelt_yes() -> None:
    report = _report("broader: [backsourcing]\ndraft: yes\nde:\n  title: B\n  summary: K.\n")
    assert {"1:11: error: 'backsourcing' is this entry itself: remove it from 'broader'",
            "2:8: error: 'draft' must be true or false"} <= set(_lines(report))


def test_a_draft_may_lack_its_summary() -> None:
    report = _report("draft: true\nde:\n  title: Backsourcing\n"
                     "da:\n  title: backsourcing\n  summary: Kort.\n")
    assert _lines(report) == ["2:1: note: the 'de' block has no 'summary' yet: fine for a draft, add it "
                              "before you publish"]
    assert report.entry is not None and report.entry.draft is True
    assert report.entry.texts["de"].summary == ""


def test_a_published_entry_still_needs_its_summary() -> None:
    report = _report("draft: false\nde:\n  title: Backsourcing\n")
    assert [f.severity for f in report.findings] == [Severity.ERROR]
    assert report.entry is not None and "de" not in report.entry.texts

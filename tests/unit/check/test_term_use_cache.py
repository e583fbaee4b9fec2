"""The uses of deprecated terms are kept in the report cache: a check after no edit (or an
edit that leaves the terms alone) reads no entry's text again, and a changed set of terms
is looked for everywhere at once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lexikon.check import term_use
from lexikon.check.pipeline import check_only, run
from lexikon.core.settings import settings_from_file
from tests.support.constants import ROOT

DEPRECATING = """\
de:
  title: Backsourcing
  summary: Die Rückholung.
  deprecated: [Rückoutsourcing]
da:
  title: Backsourcing
  summary: Hjemtagning.
"""
USING = """\
de:
  title: Outsourcing
  summary: Nicht das Rückoutsourcing und nicht die Fremdvergabe.
da:
  title: Outsourcing
  summary: Udlicitering.
"""


def _warnings(project: Path) -> list[str]:
    result = check_only(settings_from_file(project / "mkdocs.yml"))
    return [f"{f.path}:{f.line}:{f.col}: {f.message}" for f in result.warnings]


def test_a_second_check_reads_no_text_and_finds_the_same(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "p"
    (project / "glossary").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project)
    (project / "glossary" / "backsourcing.yml").write_text(DEPRECATING, encoding="utf-8")
    (project / "glossary" / "outsourcing.yml").write_text(USING, encoding="utf-8")
    first = _warnings(project)
    assert first == ["glossary/outsourcing.yml:3:22: 'Rückoutsourcing' is not to be used "
                     "(glossary/backsourcing.yml): write 'Backsourcing'"]
    read: list[str] = []
    real = term_use.entry_uses
    monkeypatch.setattr(term_use, "entry_uses",
                        lambda entry, by_lang: read.append(entry.id) or real(entry, by_lang))
    assert _warnings(project) == first and read == []
    (project / "glossary" / "backsourcing.yml").write_text(
        DEPRECATING.replace("[Rückoutsourcing]", "[Rückoutsourcing, Fremdvergabe]"), encoding="utf-8")
    second = _warnings(project)
    assert sorted(read) == ["backsourcing", "outsourcing"], "new terms: every text is read again"
    assert len(second) == 2 and "'Fremdvergabe' is not to be used" in second[1]
    assert [f"{f.path}:{f.line}:{f.col}: {f.message}"
            for f in run(settings_from_file(project / "mkdocs.yml"), cache=False).warnings] == second

"""A cold check of a glossary with deprecated terms reads each entry file once (issue 15's
leftover, issue 17): the second process, which reads half the files and sends back their
reports without their texts, looks for the deprecated terms in them itself. Before, a
``--no-cache`` check read the whole glossary twice and a cold one the second half again.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lexikon.check import pipeline
from lexikon.check.pipeline import check_only
from lexikon.core.processes import can_fork
from lexikon.core.settings import settings_from_file
from tests.support.constants import ROOT

FILES = pipeline.PARALLEL_FROM + 20
DEPRECATING = """\
de:
  title: Backsourcing
  summary: Die Rückholung.
  deprecated: [Rückoutsourcing]
da:
  title: Backsourcing
  summary: Hjemtagning.
"""
ENTRY = """\
de:
  title: Begriff {n}
  summary: Ein Begriff mit der Nummer {n}.
  body: |
    Erster Absatz über den Begriff {n}{use}.
da:
  title: Begreb {n}
  summary: Et begreb med nummeret {n}.
"""


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "p"
    (project / "glossary").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project)
    (project / "glossary" / "backsourcing.yml").write_text(DEPRECATING, encoding="utf-8")
    for n in range(FILES):  # every seventh uses the deprecated term, in both halves
        use = ", kein Rückoutsourcing" if n % 7 == 0 else ""
        entry = project / "glossary" / f"begriff-{n:04d}.yml"
        entry.write_text(ENTRY.format(n=n, use=use), encoding="utf-8")
    return project


def _logged_reads(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    """Every file read and reported, by any process, appended to ``log`` (the fork inherits it)."""
    real = pipeline.read_report

    def read_report(path: str, display: str, settings):  # type: ignore[no-untyped-def]
        with open(log, "a", encoding="utf-8") as stream:
            stream.write(display + "\n")
        return real(path, display, settings)

    monkeypatch.setattr(pipeline, "read_report", read_report)


def _shown(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"{f.path}:{f.line}:{f.col}: {f.severity.value}: {f.message}" for f in result.findings]


@pytest.mark.skipif(not can_fork(), reason="the second process is forked")
@pytest.mark.parametrize("cache", [False, True], ids=["no-cache", "cold-cache"])
def test_each_file_is_read_once_and_the_uses_are_all_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           cache: bool) -> None:
    project = _project(tmp_path)
    settings = settings_from_file(project / "mkdocs.yml")
    log = tmp_path / "reads.log"
    _logged_reads(monkeypatch, log)
    found = _shown(check_only(settings, cache=cache))
    reads = log.read_text(encoding="utf-8").splitlines()
    assert len(reads) == len(set(reads)) == FILES + 1, "each file read once, none twice"
    uses = [line for line in found if "'Rückoutsourcing' is not to be used" in line]
    assert len(uses) == len(range(0, FILES, 7))
    assert "glossary/begriff-0413.yml:5:" in "".join(uses), "a use in the second process's half"
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 10**9)  # one process: the reference
    shutil.rmtree(project / ".cache", ignore_errors=True)
    assert _shown(check_only(settings, cache=False)) == found


@pytest.mark.skipif(not can_fork(), reason="the second process is forked")
def test_the_uses_found_by_the_second_process_are_kept_in_the_cache(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path)
    settings = settings_from_file(project / "mkdocs.yml")
    first = _shown(check_only(settings))
    log = tmp_path / "reads.log"
    _logged_reads(monkeypatch, log)
    monkeypatch.setattr(pipeline, "_entry_again", lambda report, settings: pytest.fail(report.path))
    assert _shown(check_only(settings)) == first
    assert not log.exists(), "nothing read again"

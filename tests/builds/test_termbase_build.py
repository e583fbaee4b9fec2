"""A termbase of several hundred concepts, written on one line with homonyms, drafts and
regional language tags (``tests/fixtures/termbases/generated-one-line.tbx``), imported into a
copy of the project with ``lexicon import-tbx``: every concept is accounted for, ``lexicon
check`` passes, and a real ``mkdocs build --strict`` of the result succeeds, with the
homonyms' pages apart and the drafts nowhere (issue 16, "Done when")."""

from __future__ import annotations

import re

import pytest

from tests.support.constants import FIXTURES
from tests.support.golden import check_lines
from tests.support.project import Project, copy_project

pytestmark = pytest.mark.slow
SOURCE = FIXTURES / "termbases" / "generated-one-line.tbx"
SUMMARY = re.compile(r"^(\d+) concepts: (\d+) entries written \((\d+) drafts\), (\d+) merged, (\d+) skipped")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return copy_project(tmp_path_factory.mktemp("termbase") / "project")


def test_the_generated_termbase_imports_checks_and_builds(project: Project) -> None:
    before = {path.name for path in project.glossary.iterdir()}
    done = project.lexicon("import-tbx", str(SOURCE))
    assert "Traceback" not in done.stderr, done.stderr
    last = SUMMARY.match(done.stdout.splitlines()[-1])
    assert last, done.stdout[-2000:]
    concepts, written, drafts, merged, skipped = map(int, last.groups())
    assert concepts == len(re.findall(r"<termEntry ", SOURCE.read_text(encoding="utf-8")))
    assert concepts == written + merged + skipped and written > 300 and drafts > 50
    new = {path.name for path in project.glossary.iterdir()} - before
    assert len(new) == written

    findings, summary = check_lines(project.lexicon("check"))
    assert summary["error"] == "0", findings
    assert [line for line in findings if ": warning: " in line] == []

    built = project.build(strict=True)
    assert built.returncode == 0, built.stderr[-3000:]
    for entry_id in ("datenvertrag-betriebswirtschaft", "datenvertrag-strategie"):
        page = project.html(f"terms/{entry_id}")
        assert "Datenvertrag" in page and ("Betriebswirtschaft" in page or "Strategie" in page)
    drafts_found = [name[:-4] for name in new
                    if "draft: true" in (project.glossary / name).read_text(encoding="utf-8")]
    assert len(drafts_found) == drafts
    assert not any((project.site / "terms" / entry_id).exists() for entry_id in drafts_found)
    assert (project.site / "da" / "terms" / "datenmodell" / "index.html").is_file()


"""What the other imports bring in builds (issue 16, "Done when"): a SKOS thesaurus of 600
concepts, a saved web page, and a spreadsheet adding a language to entries, imported one
after the other into a copy of the project; every concept is accounted for, ``lexicon
check`` finds no error and a real build publishes the new entries in their languages, drafts
nowhere. (The termbase's own build is ``test_termbase_build.py``.)"""

from __future__ import annotations

import re

import pytest

from tests.support.constants import FIXTURES
from tests.support.golden import check_lines
from tests.support.project import Project, copy_project

pytestmark = pytest.mark.slow
SUMMARY = re.compile(r"^(\d+) concepts: (\d+) entries written \((\d+) drafts\), (\d+) merged, (\d+) skipped")
THESAURUS = FIXTURES / "vocabularies" / "large-thesaurus.ttl"
PAGE = FIXTURES / "import" / "html" / "managed-services.de.html"


def _accounted(stdout: str) -> tuple[int, int, int]:
    """Concepts, entries written and drafts of an import's summary (its last line), after
    checking that every concept went somewhere."""
    last = SUMMARY.match(stdout.splitlines()[-1])
    assert last, stdout[-2000:]
    concepts, written, drafts, merged, skipped = map(int, last.groups())
    assert concepts == written + merged + skipped
    return concepts, written, drafts


def test_a_thesaurus_a_page_and_a_sheet_import_check_and_build(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    project: Project = copy_project(tmp_path_factory.mktemp("imports") / "project")
    before = {path.stem for path in project.glossary.glob("*.yml")}
    skos = project.lexicon("import-skos", str(THESAURUS))
    assert "Traceback" not in skos.stderr and skos.stderr == "", skos.stderr
    concepts, written, drafts = _accounted(skos.stdout)
    assert concepts == 600 and written > 500 and drafts > 0

    page = project.lexicon("import", str(PAGE), "--lang", "de")
    assert page.returncode == 0, page.stdout + page.stderr
    new = sorted({path.stem for path in project.glossary.glob("*.yml")} - before)
    assert "managed-services" in new

    sheet = tmp_path_factory.mktemp("sheet") / "glossary.da.csv"
    sheet.write_text("id,title,summary\nmanaged-services,Managed services,"
                     "Driftsopgaver, som en leverandør løbende varetager for en virksomhed.\n",
                     encoding="utf-8")
    added = project.lexicon("import-csv", str(sheet))
    assert added.returncode == 0, added.stdout
    assert "1 language(s) added to 1 existing entries" in added.stdout.splitlines()[-1], added.stdout

    findings, summary = check_lines(project.lexicon("check"))
    assert summary["error"] == "0", [line for line in findings if ": error: " in line]
    built = project.build(strict=False)
    assert built.returncode == 0, built.stderr[-3000:]
    page_de = project.html("terms/managed-services")
    assert "Managed Services" in page_de or "Managed services" in page_de
    assert "Driftsopgaver" in project.html("da/terms/managed-services")
    published = [entry_id for entry_id in new
                 if "draft: true" not in (project.glossary / f"{entry_id}.yml").read_text("utf-8")]
    drafts_written = set(new) - set(published)
    assert len(drafts_written) >= drafts
    assert all((project.site / "terms" / entry_id / "index.html").is_file() for entry_id in published)
    assert not any((project.site / "terms" / entry_id).exists() for entry_id in drafts_written)

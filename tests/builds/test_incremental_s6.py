"""Term pages kept by what they show (issue 17, ``engine/mkdocs/render_memo.py``): after a body
edit only that entry's pages are rendered again; an edit another page shows (a title, a new
link in a body: the target's backlinks) renders those again; every site equals a cold build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.bench.run import change_entry
from tests.bench.synthetic import write_glossary
from tests.builds.test_incremental_outputs import _same_as_cold
from tests.support.project import Project, copy_project

pytestmark = pytest.mark.slow  # whole builds; in `make test` all the same


def _term_pages(project: Project) -> tuple[int, int]:
    """The build's term pages from the cache, of all (one line a build)."""
    result = project.build(strict=True)
    assert result.returncode == 0, result.stderr
    ((hits, total),) = re.findall(r"(\d+) of (\d+) term pages from the cache", result.stderr)
    return int(hits), int(total)


def test_term_pages_are_rendered_again_exactly_where_what_they_show_changed(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary"
    ids = write_glossary(glossary, 8, 5)
    project = copy_project(tmp_path / "project", glossary)
    assert _term_pages(project) == (0, 16)  # cold: 8 entries, 2 languages
    assert _term_pages(project) == (16, 16)  # nothing changed

    change_entry(project.glossary / f"{ids[1]}.yml", "Nur der Text")  # its two pages, no other
    assert _term_pages(project) == (14, 16)
    _same_as_cold(project, tmp_path, "body")

    # A new link in a body: the target's backlinks change unless the source named it before
    # (as related), so more than the edited entry's pages are made again only then.
    source, target = project.glossary / f"{ids[2]}.yml", ids[6]
    text = source.read_text("utf-8")
    assert f"[[{target}]]" not in text
    linked_before = f"../{ids[2]}/" in project.html(f"terms/{target}/")
    source.write_text(text.replace("\n  body: |\n", f"\n  body: |\n    Siehe [[{target}]].\n\n", 1), "utf-8")
    hits, total = _term_pages(project)
    assert (hits == 14 if linked_before else hits < 14) and total == 16
    assert f"../{ids[2]}/" in project.html(f"terms/{target}/")  # the backlink is there
    _same_as_cold(project, tmp_path, "link")

    # A title: the links, tooltips and graphs that name it (tests/builds/test_title_edit.py
    # counts them), not every page.
    path = project.glossary / f"{ids[3]}.yml"
    path.write_text(re.sub(r"^(de:\n  title: .*)$", r"\1 Neu", path.read_text("utf-8"), count=1,
                           flags=re.MULTILINE), "utf-8")
    hits, total = _term_pages(project)
    assert 0 < hits < 16 and total == 16
    _same_as_cold(project, tmp_path, "title")

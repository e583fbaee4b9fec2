"""A search bundle's key is made of its language's pages' bytes; the kept pages read those bytes
moments before (a taken page's file verified against its record, a written page's digested).
A build with no change reads no term page again for the bundles' keys (issue 17's floor), and
its site is still a cold build's byte for byte; a page edited by hand in the last site is built
again and its language's bundle follows it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bench.synthetic import write_glossary
from tests.builds.test_kept_pages import _build, _same_as_cold
from tests.support.project import Project, copy_project

pytestmark = pytest.mark.slow  # whole builds

_COUNTING = """
import pathlib, runpy, sys
reads, original = [], pathlib.Path.read_bytes
def read_bytes(self):
    if "/terms/" in self.as_posix() and self.suffix == ".html":
        reads.append(self.as_posix())
    return original(self)
pathlib.Path.read_bytes = read_bytes
out, sys.argv = sys.argv[1], ["mkdocs", "build", "--strict", "-f", sys.argv[2], "-d", sys.argv[3]]
try:
    runpy.run_module("mkdocs", run_name="__main__")
finally:
    pathlib.Path(out).write_text(str(len(reads)))
"""


def _counted_build(project: Project, tmp_path: Path) -> int:
    """A build of the project (as :func:`_build`) and how often a term page was read whole
    through ``Path.read_bytes`` (how Pagefind's page list reads a page) in the build's process."""
    out = tmp_path / "reads.txt"
    command = [sys.executable, "-c", _COUNTING, str(out), str(project.root / "mkdocs.yml"), str(project.site)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=project.root, check=False,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://lexikon.example/"})
    assert result.returncode == 0, result.stderr
    return int(out.read_text())


def _bundle(site: Path, root: str) -> dict[str, bytes]:
    folder = site / root / "pagefind"
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_no_change_reads_no_term_page_for_the_bundles(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary"
    write_glossary(glossary, 8, 5)
    project = copy_project(tmp_path / "project", glossary)
    assert _counted_build(project, tmp_path) > 0  # cold: the bundles' stagings read the pages
    bundles = _bundle(project.site, ""), _bundle(project.site, "da/")
    assert all(bundles)

    assert _counted_build(project, tmp_path) == 0  # main read each term page here once more
    assert (_bundle(project.site, ""), _bundle(project.site, "da/")) == bundles
    _same_as_cold(project, tmp_path, "cold")


def test_a_page_edited_by_hand_is_read_and_its_bundle_made_again(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary"
    write_glossary(glossary, 8, 5)
    project = copy_project(tmp_path / "project", glossary)
    _build(project)
    _build(project)
    page = sorted((project.site / "da" / "terms").glob("*/index.html"))[0]
    before = _bundle(project.site, "da/")
    data = page.read_bytes()
    page.unlink()  # a hand edit: a new file, the stored digest no longer holds
    page.write_bytes(data.replace(b"data-pagefind-body>", b"data-pagefind-body><p>handwritten</p>", 1))

    _build(project)
    assert b"handwritten" not in page.read_bytes()  # built again from its source
    assert _bundle(project.site, "da/") == before  # the same pages: the same bundle
    _same_as_cold(project, tmp_path, "cold")

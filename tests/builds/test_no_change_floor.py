"""What a build with no change still does (issue 17's floor, ~17 % of a cold build at 1,000
terms), counted in the build's own process: none of it may come back unnoticed, and the site
stays a cold build's byte for byte."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bench.synthetic import write_glossary
from tests.builds.test_kept_pages import _same_as_cold
from tests.support.project import Project, copy_project

pytestmark = pytest.mark.slow  # whole builds

_COUNTING = """
import json, pathlib, runpy, sys
import mkdocs.commands.build as build
rendered, original = [], build._build_template
def counted(name, *args, **kwargs):
    rendered.append(name)
    return original(name, *args, **kwargs)
build._build_template = counted
out, sys.argv = sys.argv[1], ["mkdocs", "build", "--strict", "-f", sys.argv[2], "-d", sys.argv[3]]
try:
    runpy.run_module("mkdocs", run_name="__main__")
finally:
    modules = sorted(name for name in sys.modules if name.split(".")[0] in ("mkdocs", "watchdog", "lexikon"))
    pathlib.Path(out).write_text(json.dumps({"modules": modules, "templates": rendered}))
"""

SERVE_ONLY = ("mkdocs.livereload", "watchdog", "lexikon.engine.mkdocs.live_watch")
"""Modules only ``mkdocs serve`` uses (its server, the watcher): a build imported them all."""


def _counted_build(project: Project, tmp_path: Path) -> dict:
    """A build of the project and what its process did (see ``_COUNTING``)."""
    out = tmp_path / "counted.json"
    command = [sys.executable, "-c", _COUNTING, str(out), str(project.root / "mkdocs.yml"), str(project.site)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=project.root, check=False,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://lexikon.example/"})
    assert result.returncode == 0, result.stderr
    return json.loads(out.read_text())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, dict, dict, Path]:
    """A project built cold, then again with no change: both builds' counts."""
    tmp_path = tmp_path_factory.mktemp("floor")
    glossary = tmp_path / "glossary"
    write_glossary(glossary, 8, 5)
    project = copy_project(tmp_path / "project", glossary)
    cold = _counted_build(project, tmp_path)
    again = _counted_build(project, tmp_path)
    return project, cold, again, tmp_path


def test_a_build_imports_nothing_only_serve_uses(built: tuple[Project, dict, dict, Path]) -> None:
    _, cold, again, _ = built
    for counted in (cold, again):
        assert not [name for name in counted["modules"] if name.startswith(SERVE_ONLY)]


def test_a_build_that_keeps_the_exports_imports_no_exporter(built: tuple[Project, dict, dict, Path]) -> None:
    _, _, again, _ = built
    assert not [name for name in again["modules"] if name.startswith("lexikon.interchange")]  # main: all


def test_the_404_pages_are_taken_from_the_last_site(built: tuple[Project, dict, dict, Path]) -> None:
    project, cold, again, _ = built
    assert cold["templates"].count("404.html") == 2  # one per language pass
    assert "404.html" not in again["templates"]  # main rendered both again
    assert b"lexikon-not-found" in (project.site / "404.html").read_bytes()
    assert b"lexikon-not-found" in (project.site / "da" / "404.html").read_bytes()


def test_the_site_is_a_cold_builds(built: tuple[Project, dict, dict, Path]) -> None:
    project, _, _, tmp_path = built
    _same_as_cold(project, tmp_path, "cold")


def test_a_404_page_changed_in_the_last_site_or_by_the_config_is_made_again(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary"
    write_glossary(glossary, 8, 5)
    project = copy_project(tmp_path / "project", glossary)
    _counted_build(project, tmp_path)
    page = project.site / "da" / "404.html"
    data = page.read_bytes()
    page.unlink()  # a hand edit: a new file, the stored digest no longer holds
    page.write_bytes(data.replace(b"<h1>", b"<h1>handwritten ", 1))
    again = _counted_build(project, tmp_path)
    assert again["templates"].count("404.html") == 1  # the Danish one; the root one taken
    assert page.read_bytes() == data
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\ncopyright: Made by hand\n", encoding="utf-8")
    changed = _counted_build(project, tmp_path)
    assert changed["templates"].count("404.html") == 2
    assert b"Made by hand" in page.read_bytes()
    assert b"Made by hand" in (project.site / "404.html").read_bytes()
    _same_as_cold(project, tmp_path, "cold")

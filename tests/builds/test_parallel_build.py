"""Half the Markdown in a second process: the same site, the same warnings, or nothing forked."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.project import Project

# The builds run as their own processes, where no other thread runs.
pytestmark = pytest.mark.skipif((os.cpu_count() or 1) < 2 or not hasattr(os, "fork"),
                                reason="needs two cores and fork")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://lexikon.example/",
       "SOURCE_DATE_EPOCH": "1764000000"}


def configure(project: Project, parallel_from: int, extra: str = "") -> None:
    config = project.root / "mkdocs.yml"
    text = re.sub(r"\n    parallel_from: \d+", "", config.read_text(encoding="utf-8"))
    config.write_text(text.replace("  lexikon:\n", f"  lexikon:\n    parallel_from: {parallel_from}\n", 1)
                      + extra, encoding="utf-8")


def build(project: Project, target: str, *flags: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *flags, "-d", str(project.root / target)],
                          cwd=project.root, env=ENV, capture_output=True, text=True, check=False)


def digest(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_the_second_process_makes_the_same_site(make_project, monkeypatch) -> None:
    project: Project = make_project()
    configure(project, 0)
    assert build(project, "one", "--strict").returncode == 0
    configure(project, 1)  # every language pass forks: its second page on is rendered there
    result = build(project, "two", "--strict", "-v")
    assert result.returncode == 0, result.stderr[-3000:]
    one, two = digest(project.root / "one"), digest(project.root / "two")
    assert len(one) > 50 and one == two


def test_its_warnings_count_in_a_strict_build(make_project) -> None:
    """Warnings made while converting (links MkDocs cannot resolve) and after (anchors)."""
    project: Project = make_project()
    for entry in project.glossary.glob("[!_]*.yml"):
        text = entry.read_text(encoding="utf-8")
        entry.write_text(text.replace("  body: |\n", "  body: |\n    Siehe [unten](#nirgends).\n\n", 1),
                         encoding="utf-8")
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("links: ignore", "links: warn")
    config.write_text(text.replace("  links:\n", "  links:\n    anchors: warn\n", 1), encoding="utf-8")
    warnings = []
    for parallel_from in (0, 1):
        configure(project, parallel_from)
        result = build(project, f"site{parallel_from}", "--strict")
        assert result.returncode != 0
        warnings.append(sorted(line for line in result.stderr.splitlines() if line.startswith("WARNING")))
    # An entry's own links ([unten](#nirgends)) reach the page as sanitized HTML, which MkDocs
    # does not read for links: the warnings come from our markup (the twins' links).
    assert any("twin" in line or "../" in line or "da/" in line for line in warnings[0]), warnings[0]
    assert warnings[0] == warnings[1], (warnings[0][:5], warnings[1][:5])

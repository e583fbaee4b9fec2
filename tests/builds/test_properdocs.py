"""The engine seam, proven by a second engine: ProperDocs, the drop-in fork of MkDocs 1.x that
keeps ``hooks:`` and plugins, builds the same site from the same project.

MkDocs 1.6 is the last 1.x; if MkDocs 2 or a dead Material leaves us, ProperDocs is the first way
out (README, "Platform"). This test keeps that way open: same pages byte for byte (but the
generator line, which names the engine), same findings, same exit code in a strict build.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.project import Project

_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
_FINDING = re.compile(r"glossary/\S+:\d+:\d+: (?:error|warning|note): .*")


def _build(engine: str, project: Project, out: Path, strict: bool) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", engine, "build", "-f", str(project.root / "mkdocs.yml"), "-d", str(out)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764000000",
           "SITE_URL": "https://lexikon.example/"}
    return subprocess.run(command, cwd=project.root, env=env, capture_output=True, text=True, check=False)


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): _GENERATOR.sub(b"", path.read_bytes())
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.slow
def test_properdocs_builds_the_same_site_with_the_same_findings(make_project) -> None:
    project: Project = make_project()
    built = {engine: _build(engine, project, project.root / f"site-{engine}", strict=True)
             for engine in ("mkdocs", "properdocs")}
    for engine, result in built.items():
        assert result.returncode == 0, f"{engine}: {result.stderr}"
    mkdocs_files = _files(project.root / "site-mkdocs")
    properdocs_files = _files(project.root / "site-properdocs")
    assert sorted(properdocs_files) == sorted(mkdocs_files)
    differing = [name for name in mkdocs_files if mkdocs_files[name] != properdocs_files[name]]
    assert differing == []
    findings = {engine: _FINDING.findall(result.stderr) for engine, result in built.items()}
    assert findings["mkdocs"], "our glossary's duplicate-paragraph notes should show in both builds"
    assert findings["properdocs"] == findings["mkdocs"]


@pytest.mark.slow
def test_properdocs_fails_a_strict_build_on_the_same_warning(make_project) -> None:
    project: Project = make_project()
    (project.glossary / "insourcing.yml").write_text(
        (project.glossary / "insourcing.yml").read_text(encoding="utf-8").split("\nda:")[0] + "\n",
        encoding="utf-8")
    results = {engine: _build(engine, project, project.root / f"site-{engine}", strict=True)
               for engine in ("mkdocs", "properdocs")}
    assert results["mkdocs"].returncode == 1
    assert results["properdocs"].returncode == 1
    warnings = {engine: sorted(line for line in _FINDING.findall(result.stderr) if ": warning: " in line)
                for engine, result in results.items()}
    assert warnings["mkdocs"]
    assert warnings["properdocs"] == warnings["mkdocs"]

"""Session 13's attack on the checker with a glossary file whose name is not UTF-8.

README, "What the check finds": every finding is one located line, never a traceback, and
"every finding of a run is reported". A file named with a byte that is not UTF-8 (a name
made on a Latin-1 system, or by an unzip) stopped ``lexicon check`` and ``mkdocs build``
with one unlocated line ("a text is not valid UTF-8 … save the file as UTF-8"), naming no
file and hiding every other finding: the cache key encodes the shown path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.constants import ROOT
from tests.support.term_imports import empty_project

ENTRY = "de:\n  title: {0}\n  summary: Ein Text über {0}.\nda:\n  title: {0}\n  summary: En tekst om {0}.\n"


def _check(project: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """``lexicon check`` as bytes: the name it prints is the file system's, not UTF-8."""
    return subprocess.run([sys.executable, "-m", "lexikon.cli", "check", *args], capture_output=True,
                          cwd=project, check=False, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")})


def test_a_file_name_that_is_not_utf8_is_one_located_error_and_the_rest_is_checked(tmp_path: Path) -> None:
    project = empty_project(tmp_path / "project")
    glossary = os.fsencode(project / "glossary")
    with open(os.path.join(glossary, b"w\xf6lke.yml"), "w", encoding="utf-8") as stream:
        stream.write(ENTRY.format("Wolke"))
    (project / "glossary" / "himmel.yml").write_text(ENTRY.format("Himmel") + "  oops: 1\n", encoding="utf-8")
    for args in ((), ("--no-cache",)):
        result = _check(project, *args)
        assert result.returncode == 1 and b"Traceback" not in result.stderr, result.stderr
        lines = result.stdout.splitlines()
        named = [line for line in lines if line.startswith(b"glossary/w\xf6lke.yml:1:1: error: ")]
        assert len(named) == 1 and b"UTF-8" in named[0], result.stdout
        unknown = b"glossary/himmel.yml:7:3: error: unknown key 'oops'"
        assert any(line.startswith(unknown) for line in lines), result.stdout

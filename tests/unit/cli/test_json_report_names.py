"""``--format json`` stays valid UTF-8 JSON when a file's name is not UTF-8 (its byte would be
printed as it is: a lone surrogate written back through stdout's surrogateescape)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support.constants import ROOT
from tests.support.term_imports import empty_project


def test_a_non_utf8_file_name_in_the_json_report_is_an_escape(tmp_path: Path) -> None:
    project = empty_project(tmp_path / "p")
    (project / "glossary").joinpath(os.fsdecode(b"caf\xe9.yml")).write_text(
        "de:\n  title: Café\n  summary: Ein Ort.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "lexikon.cli", "check", "--format", "json"], cwd=project,
                          capture_output=True, timeout=120, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")})
    document = json.loads(done.stdout.decode("utf-8"))  # strict UTF-8: no raw byte
    paths = [finding["path"] for finding in document["findings"]]
    assert any("caf\udce9.yml" in path for path in paths), paths
    assert b"\\udce9" in done.stdout

"""The bench's scale module: a process tree's memory, and the hand-written baseline."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.bench import scale, synthetic

CHILD = ("import time; block = bytearray(150 * 1024 * 1024); "
         "block[::4096] = b'x' * len(block[::4096]); time.sleep(1)")


def test_the_tree_is_measured_with_its_children(tmp_path: Path) -> None:
    parent = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {CHILD!r}], check=True)"
    run = scale.measure_tree([sys.executable, "-c", parent], tmp_path)
    assert run.returncode == 0
    assert run.largest_mb >= 150  # the child, through wait4's rusage of the waited-for tree
    assert run.tree_peak_mb >= 150 and len(run.processes) == 2
    assert max(p["peak_mb"] for p in run.processes.values()) >= 150


def test_the_baseline_is_each_term_written_by_hand(tmp_path: Path) -> None:
    ids = synthetic.make_project(tmp_path / "project", 12, 2)
    made = scale.plain_baseline(tmp_path / "project", tmp_path / "baseline")
    assert made["pages"] == 24
    docs = tmp_path / "baseline" / "docs"
    page = (docs / "terms" / f"{ids[0]}.md").read_text(encoding="utf-8")
    assert page.startswith("# ") and "[[" not in page and "<a " not in page and "<svg" not in page
    assert (docs / "terms" / f"{ids[0]}.da.md").exists() and (docs / "terms" / "index.da.md").exists()
    config = (tmp_path / "baseline" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks:" not in config and "lexikon:" not in config and "changes.md" not in config
    assert "terms/index.md" in config

"""Everything the project writes, into one folder, to compare two versions of the code byte for byte.

Moving code must not change what readers and tools get (issue 14). Run this before and after
a change and compare the two folders::

    python -m tests.tools.snapshot /tmp/before      # on the old commit
    python -m tests.tools.snapshot /tmp/after       # on the new one
    diff -r /tmp/before /tmp/after

It writes, for this repository and for a synthetic glossary of 300 entries (every field the
generator knows): the MkDocs site, ``lexicon render --out``, ``lexicon export``, the output of
``lexicon check`` and ``lexicon stats``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.bench import synthetic

ROOT = Path(__file__).resolve().parents[2]


def _run(project: Path, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(project / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, *args], cwd=project, env=env, capture_output=True, text=True)
    return f"exit {result.returncode}\n--- stdout\n{result.stdout}--- stderr\n{result.stderr}"


def snapshot_project(project: Path, out: Path) -> None:
    """Build, render, export, check and count ``project`` into ``out``."""
    out.mkdir(parents=True)
    logs = {
        "build": _run(project, "-m", "mkdocs", "build", "-q", "-d", str(out / "site")),
        "render": _run(project, "-m", "lexikon.cli", "render", "--out", "snapshot-render"),
        "export": _run(project, "-m", "lexikon.cli", "export", "snapshot-export"),
        "check": _run(project, "-m", "lexikon.cli", "check", "--no-cache"),
        "stats": _run(project, "-m", "lexikon.cli", "stats"),
    }
    for name in ("render", "export"):  # the command line writes only inside the project
        shutil.move(project / f"snapshot-{name}", out / name)
    for name, text in logs.items():
        (out / f"{name}.log").write_text(text.replace(str(out), "OUT").replace(str(project), "PROJECT"),
                                         encoding="utf-8")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.tools.snapshot OUT", file=sys.stderr)
        return 2
    out = Path(argv[0]).resolve()
    if out.exists():
        shutil.rmtree(out)
    with tempfile.TemporaryDirectory() as work:
        repo = Path(work) / "repo"
        ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", ".cache", "site")
        repo.mkdir()
        for name in ("mkdocs.yml", "docs", "glossary", "hooks"):
            source = ROOT / name
            (shutil.copytree(source, repo / name, ignore=ignore) if source.is_dir()
             else shutil.copy(source, repo / name))
        snapshot_project(repo, out / "repo")
        corpus = Path(work) / "synthetic"
        synthetic.make_project(corpus, 300, seed=7)
        snapshot_project(corpus, out / "synthetic")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

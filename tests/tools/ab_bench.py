"""Two versions of the code timed against each other in one run, turn by turn.

``make bench`` gives absolute figures, which move with the machine's load. To show that a
change (such as issue 14's reshaping) made nothing slower, this times the same synthetic
glossary under two ``hooks/`` folders alternately, so that both meet the same load, and
reports the median of each and their ratio::

    python -m tests.tools.ab_bench OLD_TREE NEW_TREE [--size 1000] [--rounds 5]
        [--corpus vocabulary] [--check-only]

where each tree is a checkout of the repository (for example a ``git worktree`` of the
old commit). Measured per round: a cold ``lexicon check`` (no cache), a warm one (cache
from the cold run, one entry changed) and a ``mkdocs build`` (not with ``--check-only``).
``--corpus`` takes the glossary from :mod:`tests.bench.corpora` instead of the bench's own;
the parse floor of those files (:func:`tests.bench.run.yaml_floor`) is printed beside.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench import corpora, synthetic
from tests.bench.run import yaml_floor

STEPS = ("cold check", "warm check", "build")


def _timed(command: list[str], project: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(project / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run(command, cwd=project, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def _round(project: Path, changed: Path, turn: int, check_only: bool = False) -> dict[str, float]:
    shutil.rmtree(project / ".cache", ignore_errors=True)
    check = [sys.executable, "-m", "lexikon.cli", "check"]
    times = {"cold check": _timed(check, project)}
    changed.write_text(changed.read_text("utf-8").replace("summary:", f"# turn {turn}\n  summary:", 1),
                       encoding="utf-8")
    times["warm check"] = _timed(check, project)
    if check_only:
        return times
    times["build"] = _timed([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(project / "site")],
                            project)
    return times


def _project(tree: Path, work: Path, name: str, size: int, corpus: str) -> tuple[Path, Path]:
    project = work / name
    ids = synthetic.make_project(project, size, seed=3, write=corpora.writer(corpus))
    shutil.rmtree(project / "hooks")
    shutil.copytree(tree / "hooks", project / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    return project, project / "glossary" / f"{ids[len(ids) // 2]}.yml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--corpus", default="templates", choices=corpora.CORPORA)
    parser.add_argument("--check-only", action="store_true", help="no build: the checks only")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        projects = {"old": _project(args.old, work, "old", args.size, args.corpus),
                    "new": _project(args.new, work, "new", args.size, args.corpus)}
        runs: dict[str, list[dict[str, float]]] = {"old": [], "new": []}
        for turn in range(args.rounds):
            for name in (("old", "new") if turn % 2 == 0 else ("new", "old")):
                runs[name].append(_round(*projects[name], turn, args.check_only))
        floor = yaml_floor(projects["new"][0] / "glossary")["seconds"]
    print(f"{args.size} entries ({args.corpus}), {args.rounds} rounds, medians in seconds; "
          f"parse floor {floor:.2f} s")
    print(f"{'step':<12} {'old':>8} {'new':>8} {'new/old':>8} {'old/floor':>9} {'new/floor':>9}")
    for step in STEPS[:2] if args.check_only else STEPS:
        old = statistics.median(r[step] for r in runs["old"])
        new = statistics.median(r[step] for r in runs["new"])
        print(f"{step:<12} {old:8.2f} {new:8.2f} {new / old:8.2f} {old / floor:9.2f} {new / floor:9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

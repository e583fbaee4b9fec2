"""Cold ``lexicon check`` against the YAML floor in CPU time, per corpus, paired with other code
(issue 17, points 4 and 6: a cold check within 2× of the parse floor on every corpus).

    PYTHONPATH=hooks:. python -m tests.bench.check_cpu --size 10000 --repetitions 2 \\
        --before /tmp/main/hooks [--after /tmp/branch/hooks] [--corpora links,long,real] [--workdir DIR]

The check forks a second process for half the files: its wall time uses two cores, the floor's
one, so the fair figure is CPU (user + system of the whole process tree) against the floor's
CPU. Per repetition and corpus: the floor (:data:`tests.bench.run.FLOOR`, a fresh Python and
libyaml's C loader), then a cold check (no ``.cache``; it writes one) with the code before and
with this tree's, in alternating order; medians at the end. Each check's output must be the same
with both codes (the findings do not change). On a shared machine CPU time still grows with the
load (the floor's by up to 2×): only the ratios of one pair compare.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.bench import corpora, run, synthetic


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(command: list[str], cwd: Path, hooks: str | None = None) -> tuple[float, str]:
    """CPU seconds of ``command``'s process tree, and its output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **({"PYTHONPATH": hooks} if hooks else {})}
    before = _cpu()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    return _cpu() - before, result.stdout


def _cold_check(project: Path, hooks: str) -> tuple[float, str]:
    shutil.rmtree(project / ".cache", ignore_errors=True)
    return _timed([sys.executable, "-m", "lexikon.cli", "check"], project, hooks)


def _project(workdir: Path, corpus: str, size: int) -> Path:
    project = workdir / f"{corpus}-{size}"
    if not (project / "glossary").is_dir():
        synthetic.make_project(project, size, 0, corpora.writer(corpus))
        subprocess.run("git init -q && git add -A && git -c user.email=a@b -c user.name=b commit -qm x",
                       shell=True, cwd=project, check=True)
    return project


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--repetitions", type=int, default=2)
    parser.add_argument("--before", required=True, help="the hooks folder of the code to compare with")
    parser.add_argument("--after", default=str(synthetic.ROOT / "hooks"),
                        help="the hooks folder of the code compared (this tree's by default; a copy keeps "
                        "a long run from measuring edits made meanwhile)")
    parser.add_argument("--corpora", default=",".join(corpora.CORPORA))
    parser.add_argument("--workdir", type=Path, default=None, help="keeps the corpora between runs")
    return parser.parse_args()


def main() -> None:
    args = _arguments()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="lexikon-check-cpu-"))
    codes = {"before": args.before, "after": args.after}
    figures: dict[str, dict[str, list[float]]] = {}
    for corpus in args.corpora.split(","):
        project = _project(workdir, corpus, args.size)
        mine = figures[corpus] = {"floor": [], "before": [], "after": []}
        for repetition in range(args.repetitions):
            floor = [sys.executable, "-c", run.FLOOR, str(project / "glossary")]
            mine["floor"].append(_timed(floor, project)[0])
            outputs = set()
            for name in (("before", "after") if repetition % 2 == 0 else ("after", "before")):
                seconds, output = _cold_check(project, codes[name])
                mine[name].append(seconds)
                outputs.add(output)
            same = "same findings" if len(outputs) == 1 else "FINDINGS DIFFER"
            print(corpus, repetition + 1, {name: round(values[-1], 2) for name, values in mine.items()},
                  same, f"load {os.getloadavg()[0]:.1f}", flush=True)
    print("corpus      floor s  before s  after s  before/floor  after/floor  change")
    for corpus, mine in figures.items():
        floor, before, after = (statistics.median(mine[name]) for name in ("floor", "before", "after"))
        print(f"{corpus:11} {floor:7.2f} {before:9.2f} {after:8.2f} {before / floor:12.2f}× "
              f"{after / floor:11.2f}× {100 * (after / before - 1):+6.0f} %")


if __name__ == "__main__":
    main()

"""Cold builds against the hand-written baseline in CPU time as well as wall time, interleaved
(issue 17 target: a cold build within 1.5× of the same terms as plain Markdown).

    PYTHONPATH=hooks:. python -m tests.bench.cold_cpu --size 300 --repetitions 3 \\
        --before /tmp/main/hooks [--workdir DIR]

As :mod:`.direct_pages` (before, this tree, baseline in turn, each cold), but each build's CPU
seconds (user + system of its whole process tree: the second process and Pagefind included)
are reported beside its wall seconds. On a shared two-core machine the wall time follows the
other users' load; the CPU time of a build hardly does, so its ratio is the steadier figure.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench import run, synthetic
from tests.bench.direct_pages import paired_arguments


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(command: list[str], cwd: Path, hooks: str) -> tuple[float, float]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": hooks}
    cpu, wall = _children_cpu(), time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return time.perf_counter() - wall, _children_cpu() - cpu


def _cold(project: Path, hooks: str) -> tuple[float, float]:
    """A cold build with ``hooks`` as the project's ``hooks/`` (MkDocs puts the hook's folder first)."""
    shutil.rmtree(project / ".cache", ignore_errors=True)
    shutil.rmtree(project / "hooks", ignore_errors=True)
    shutil.copytree(hooks, project / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(project / "site")]
    return _timed(command, project, hooks)


def _baseline(root: Path, hooks: str) -> tuple[float, float]:
    site = str(root / "site")
    command = (f"{sys.executable} -m mkdocs build -q -d {site} && "
               f"{sys.executable} -m pagefind --site {site} --silent")
    return _timed(["bash", "-c", command], root, hooks)


def main() -> None:
    args = paired_arguments(__doc__)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="lexikon-cold-"))
    project, baseline = workdir / f"lexikon-{args.size}", workdir / f"baseline-{args.size}"
    if not project.exists():
        synthetic.make_project(project, args.size, 0)
        run.make_baseline(project, baseline)
    mine = str(synthetic.ROOT / "hooks")
    builds = {"before": lambda: _cold(project, args.before), "after": lambda: _cold(project, mine),
              "baseline": lambda: _baseline(baseline, mine)}
    wall: dict[str, list[float]] = {name: [] for name in builds}
    cpu: dict[str, list[float]] = {name: [] for name in builds}
    print(f"{args.size} terms; load at start {os.getloadavg()[0]:.1f}", flush=True)
    for repetition in range(args.repetitions):
        for name, build in builds.items():
            seconds, cpu_seconds = build()
            wall[name].append(seconds)
            cpu[name].append(cpu_seconds)
        figures = {name: f"{wall[name][-1]:.1f} s wall, {cpu[name][-1]:.1f} s CPU" for name in builds}
        print(repetition + 1, figures, f"load {os.getloadavg()[0]:.1f}", flush=True)
    for label, values in (("wall", wall), ("CPU", cpu)):
        median = {name: statistics.median(v) for name, v in values.items()}
        rounded = {name: round(v, 1) for name, v in median.items()}
        print(f"{label} medians {rounded}: ratio before {median['before'] / median['baseline']:.2f}×, "
              f"after {median['after'] / median['baseline']:.2f}×")
    print(f"load at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

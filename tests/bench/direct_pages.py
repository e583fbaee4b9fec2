"""Cold builds of one project with two versions of the hook code, and the hand-written baseline,
interleaved (issue 17 target: a cold build within 1.5× of the same terms as plain Markdown).

    PYTHONPATH=hooks:. python -m tests.bench.direct_pages --size 300 --repetitions 3 \\
        --before /tmp/main/hooks [--workdir DIR]

Each round builds the project cold (``.cache/`` removed) with ``--before``'s package, then with
this tree's, then the baseline (``mkdocs build`` + Pagefind): the three share the machine's load
of that moment; the medians and ratios are printed with the load average at start and end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
from pathlib import Path

from tests.bench import run, synthetic


def _cold(project: Path, hooks: str) -> float:
    """A cold build with ``hooks`` as the project's ``hooks/`` (MkDocs puts the hook's folder
    first on ``sys.path``: the package beside the hook is the one that runs)."""
    shutil.rmtree(project / ".cache", ignore_errors=True)
    shutil.rmtree(project / "hooks")
    shutil.copytree(hooks, project / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    saved = run.ENV.get("PYTHONPATH")
    run.ENV["PYTHONPATH"] = hooks
    try:
        result = run.mkdocs_build(project)
    finally:
        if saved is None:
            run.ENV.pop("PYTHONPATH", None)
        else:
            run.ENV["PYTHONPATH"] = saved
    assert result.returncode == 0, result.stderr[-2000:]
    return result.seconds


def paired_arguments(doc: str | None) -> argparse.Namespace:
    """The options of a bench that builds the code before, this tree and the baseline in turn."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("--size", type=int, default=300)
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--before", required=True, help="the hooks folder of the code to compare with")
    parser.add_argument("--workdir", type=Path, default=None)
    return parser.parse_args()


def main() -> None:
    args = paired_arguments(__doc__)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="lexikon-direct-"))
    project, baseline = workdir / f"lexikon-{args.size}", workdir / f"baseline-{args.size}"
    synthetic.make_project(project, args.size, 0)
    run.make_baseline(project, baseline)
    engine = run.search_engine(project)
    mine = str(synthetic.ROOT / "hooks")
    times: dict[str, list[float]] = {"before": [], "after": [], "baseline": []}
    print(f"load at start {os.getloadavg()[0]:.1f}", flush=True)
    for repetition in range(args.repetitions):
        times["before"].append(_cold(project, args.before))
        times["after"].append(_cold(project, mine))
        times["baseline"].append(run.baseline_build(baseline, engine).seconds)
        print(repetition + 1, {name: round(values[-1], 1) for name, values in times.items()},
              f"load {os.getloadavg()[0]:.1f}", flush=True)
    medians = {name: statistics.median(values) for name, values in times.items()}
    print({name: round(value, 1) for name, value in medians.items()})
    print(f"ratio before {medians['before'] / medians['baseline']:.2f}×, "
          f"after {medians['after'] / medians['baseline']:.2f}×; load at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

"""Incremental builds after a body edit and after a title edit, against a cold build, in one run.

Per repetition: a cold build (no ``.cache/lexikon``), then one German body edit (a new first
paragraph) and an incremental build, then one German title edit (which every page linking to
the term, its backlinks and graphs show) and an incremental build. Medians, ratios to the cold
build, the load average with each, and the cache lines the last builds logged.

Run alone: ``python -m tests.bench.incremental_edits 300 [1000]`` (``--repetitions N``).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from . import synthetic
from .incremental_floor import floor_line, incremental_floor
from .run import change_entry, mkdocs_build


def change_title(path: Path, marker: str) -> None:
    """Another editor's edit: the German title, shown wherever the term is linked."""
    text = path.read_text(encoding="utf-8")
    new = re.sub(r"^(de:\n  title: .*)$", rf"\1 {marker}", text, count=1, flags=re.MULTILINE)
    assert new != text, f"{path} has no German title"
    path.write_text(new, encoding="utf-8")


def _cache_lines(stderr: str) -> list[str]:
    return [line.split("lexikon: ", 1)[1] for line in stderr.splitlines()
            if "from the cache" in line or "outputs from the last build" in line]


def bench_edits(size: int, workdir: Path, repetitions: int = 2, log=print) -> dict:
    project = workdir / f"edits-{size}"
    ids = synthetic.make_project(project, size, 0)
    mkdocs_build(project)  # a site to replace
    times: dict[str, list[float]] = {"cold": [], "body": [], "title": []}
    cpu: dict[str, list[float]] = {"cold": [], "body": [], "title": []}
    loads: list[float] = []
    lines: dict[str, list[str]] = {}
    for repetition in range(repetitions):
        shutil.rmtree(project / ".cache" / "lexikon", ignore_errors=True)
        for kind in ("cold", "body", "title"):
            entry = project / "glossary" / f"{ids[(repetition * 11 + len(ids) // 2) % len(ids)]}.yml"
            if kind == "body":
                change_entry(entry, f"Messung{repetition}")
            elif kind == "title":
                change_title(entry, f"M{repetition}")
            log(f"[{size}] {repetition + 1}/{repetitions}: {kind} build …")
            run = mkdocs_build(project)
            assert run.returncode == 0, run.stderr[-3000:]
            times[kind].append(run.seconds)
            cpu[kind].append(run.cpu_seconds)
            lines[kind] = _cache_lines(run.stderr)
            loads.append(os.getloadavg()[0])
    cold, cold_cpu = statistics.median(times["cold"]), statistics.median(cpu["cold"])
    return {"size": size, "runs_s": times, "cpu_runs_s": cpu, "load_1min": loads, "cache": lines,
            **{f"{kind}_s": statistics.median(values) for kind, values in times.items()},
            **{f"{kind}_cpu_s": statistics.median(values) for kind, values in cpu.items()},
            "body_ratio": statistics.median(times["body"]) / cold,
            "title_ratio": statistics.median(times["title"]) / cold,
            "body_cpu_ratio": statistics.median(cpu["body"]) / cold_cpu,
            "title_cpu_ratio": statistics.median(cpu["title"]) / cold_cpu,
            "floor": incremental_floor(project)}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.incremental_edits",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[300], help="glossary sizes (default 300)")
    parser.add_argument("--repetitions", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lexikon-edits-") as folder:
        for size in args.sizes:
            row = bench_edits(size, Path(folder), args.repetitions,
                              lambda m: print(m, file=sys.stderr, flush=True))
            print(f"{size} terms: cold {row['cold_s']:.1f} s ({row['cold_cpu_s']:.1f} s CPU), "
                  f"body {row['body_s']:.1f} s ({row['body_ratio']:.0%}; CPU {row['body_cpu_ratio']:.0%}), "
                  f"title {row['title_s']:.1f} s ({row['title_ratio']:.0%}; "
                  f"CPU {row['title_cpu_ratio']:.0%}); "
                  f"load {min(row['load_1min']):.1f}–{max(row['load_1min']):.1f}; runs {row['runs_s']}")
            print(floor_line(row["floor"], row["cold_cpu_s"]))
            for kind, found in row["cache"].items():
                print(f"  {kind}: {'; '.join(found)}")
    return 0

if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Incremental build after one edit against a cold build, in one run (issue 17: at 1,000 terms
the incremental build is to take at most a tenth of the cold one).

Per repetition, interleaved: a **cold** ``mkdocs build`` (no ``.cache/lexikon``: nothing
converted, templated or indexed before, the previous site still there to be replaced), then one
editor's edit (a new first paragraph in one entry's German body, another entry each time)
and an **incremental** build (the cache the cold build left). Medians of each, and their
ratio; the load average of the machine with each figure (two cores shared: absolute
times are noisy, the ratio within a run is what counts). Also the cache's hits that the
incremental build logged (converted pages, frames, search bundles and exports taken).

Run alone: ``python -m tests.bench.incremental 300 1000``.
"""

from __future__ import annotations

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

DEFAULT_SIZES = (300, 1000)


def _hits(stderr: str) -> dict:
    def pairs(what: str) -> list[list[int]]:
        return [[int(a), int(b)] for a, b in re.findall(rf"(\d+) of (\d+) {what} from the cache", stderr)]

    taken = re.findall(r"outputs from the last build: (.*)", stderr)
    return {"pages": pairs("generated pages"), "frames": pairs("pages' frames"),
            "outputs": taken[-1] if taken else ""}


def bench_incremental(size: int, workdir: Path, *, repetitions: int = 2, seed: int = 0, log=print) -> dict:
    """Cold and incremental-after-one-edit builds of ``size`` terms, interleaved; medians and ratio."""
    project = workdir / f"incremental-{size}"
    ids = synthetic.make_project(project, size, seed)
    mkdocs_build(project)  # a site to replace, as an editor has
    cold, incremental, loads, hits = [], [], [], []
    cold_cpu: list[float] = []
    incremental_cpu: list[float] = []
    for repetition in range(repetitions):
        shutil.rmtree(project / ".cache" / "lexikon", ignore_errors=True)
        log(f"[{size}] incremental {repetition + 1}/{repetitions}: cold build …")
        run = mkdocs_build(project)
        assert run.returncode == 0, run.stderr[-3000:]
        cold.append(run.seconds)
        cold_cpu.append(run.cpu_seconds)
        change_entry(project / "glossary" / f"{ids[(repetition * 7 + len(ids) // 3) % len(ids)]}.yml",
                     f"Inkrementell{repetition}")
        log(f"[{size}] incremental {repetition + 1}/{repetitions}: after one edit …")
        run = mkdocs_build(project)
        assert run.returncode == 0, run.stderr[-3000:]
        incremental.append(run.seconds)
        incremental_cpu.append(run.cpu_seconds)
        hits.append(_hits(run.stderr))
        loads.append(os.getloadavg()[0])
    out = {
        "size": size,
        "cold_s": statistics.median(cold), "incremental_s": statistics.median(incremental),
        "cold_runs_s": cold, "incremental_runs_s": incremental,
        "cold_cpu_s": statistics.median(cold_cpu), "incremental_cpu_s": statistics.median(incremental_cpu),
        "load_1min": loads, "hits": hits[-1],
        "floor": incremental_floor(project),
    }
    out["ratio"] = out["incremental_s"] / out["cold_s"]
    out["cpu_ratio"] = out["incremental_cpu_s"] / max(out["cold_cpu_s"], 1e-9)
    return out


def incremental_table(rows: list[dict]) -> str:
    lines = ["incremental build after one edit (target at 1,000 terms: at most 10 % of cold)",
             "terms  cold s  incremental s  ratio  CPU ratio  load  "
             "from the cache (pages, frames per pass; outputs)"]
    for row in rows:
        hits = row["hits"]
        cached = (f"{' '.join('/'.join(map(str, p)) for p in hits['pages'])}; "
                  f"{' '.join('/'.join(map(str, p)) for p in hits['frames'])}; {hits['outputs']}")
        lines.append(f"{row['size']:>5}  {row['cold_s']:6.1f}  {row['incremental_s']:13.1f}  "
                     f"{row['ratio']:5.0%}  {row['cpu_ratio']:9.0%}  {max(row['load_1min']):4.1f}  {cached}")
        if row.get("floor"):
            lines.append(floor_line(row["floor"], row["cold_cpu_s"]))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or list(DEFAULT_SIZES)
    with tempfile.TemporaryDirectory(prefix="lexikon-incremental-") as folder:
        rows = [bench_incremental(size, Path(folder), log=lambda m: print(m, file=sys.stderr, flush=True))
                for size in sizes]
    print(incremental_table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

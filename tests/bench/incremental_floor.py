"""What every incremental build pays before any of our work, and what re-indexing a language
for search costs: the floor under the issue's 10 % target (issue 17, point 6).

An incremental build that keeps MkDocs (the fixed stack) starts a Python, imports MkDocs,
Material and static-i18n and reads ``mkdocs.yml`` with its plugins (**start**); an edit that
changes a language's pages has Pagefind index that language's pages again, whole: Pagefind
builds an index from every page it is handed and cannot add to an existing one (neither its
command nor its Python API). Measured here on the built site, staged as the build stages it
(:func:`lexikon.publish.pagefind.start_bundle`), one language at a time. A German body edit
changes German pages only (the Danish pages show the German title, not the body); a title
edit changes both languages' pages.

Run alone: ``python -m tests.bench.incremental_floor <project>`` (a built project).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

_START = ("import sys; from mkdocs.config import load_config; "
          "load_config(sys.argv[1])")

_INDEX = """
import json, resource, sys, tempfile, time
from pathlib import Path
from lexikon.core.settings import settings_from_file
from lexikon.core.layout import SiteLayout
from lexikon.publish.pagefind import start_bundle
project, code = Path(sys.argv[1]), sys.argv[2]
layout = SiteLayout(settings_from_file(project / "mkdocs.yml"))
def cpu(who):
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime
with tempfile.TemporaryDirectory(dir=project) as into:
    wall, ours, theirs = time.perf_counter(), cpu(resource.RUSAGE_SELF), cpu(resource.RUSAGE_CHILDREN)
    begun = start_bundle(project / "site", layout, code, None, Path(into))
    begun.indexer.wait()
    wall, ours, theirs = (time.perf_counter() - wall, cpu(resource.RUSAGE_SELF) - ours,
                          cpu(resource.RUSAGE_CHILDREN) - theirs)
print(json.dumps({"pages": begun.pages, "s": wall, "cpu_s": theirs, "staging_cpu_s": ours}))
"""


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(command: list[str], project: Path) -> tuple[float, float, str]:
    """Wall and CPU seconds of ``command``'s whole process tree, and its output."""
    before, wall = _cpu_children(), time.perf_counter()
    run = subprocess.run(command, cwd=project, capture_output=True, text=True, check=True)
    return time.perf_counter() - wall, _cpu_children() - before, run.stdout


def incremental_floor(project: Path, codes: tuple[str, ...] = ("de", "da")) -> dict:
    """Start and each language's search re-index in CPU and wall seconds, the lower of 2 runs
    each: Pagefind's processes (``cpu_s``, the floor) and our staging of its pages beside."""
    start = [_timed([sys.executable, "-c", _START, str(project / "mkdocs.yml")], project) for _ in range(2)]
    out: dict = {"start_cpu_s": sorted(cpu for _, cpu, _ in start)[0],
                 "start_s": sorted(wall for wall, _, _ in start)[0], "index": {}}
    for code in codes:
        runs = [_timed([sys.executable, "-c", _INDEX, str(project), code], project) for _ in range(2)]
        out["index"][code] = min((json.loads(run[2]) for run in runs), key=lambda row: row["cpu_s"])
    index = out["index"]
    out["body_edit_cpu_s"] = out["start_cpu_s"] + index[codes[0]]["cpu_s"]
    out["both_languages_cpu_s"] = out["start_cpu_s"] + sum(index[c]["cpu_s"] for c in codes)
    return out


def floor_line(floor: dict, cold_cpu_s: float) -> str:
    """One line: the floor against a cold build's CPU."""
    index = ", ".join(f"{code} {row['cpu_s']:.2f} CPU-s ({row['pages']} pages; staging "
                      f"{row['staging_cpu_s']:.2f} more into a new folder)"
                      for code, row in floor["index"].items())
    return (f"  floor: start {floor['start_cpu_s']:.2f} CPU-s; search re-index {index}; "
            f"one language's edit ≥ {floor['body_edit_cpu_s'] / cold_cpu_s:.0%} of cold CPU, "
            f"both languages' ≥ {floor['both_languages_cpu_s'] / cold_cpu_s:.0%}")


def main(argv: list[str]) -> int:
    floor = incremental_floor(Path(argv[0]).resolve())
    print(json.dumps(floor, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

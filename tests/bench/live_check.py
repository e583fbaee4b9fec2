"""Serve's check after one edit (issue 17, point 2): ``KeptCheck.recheck`` with the glossary-wide
stage kept up to date (:class:`lexikon.check.live_combine.LiveCombine`) against the same
re-read followed by the full ``combine`` (what ``recheck`` did before), interleaved, median of
``repetitions`` per kind of edit, with the machine's load.

    python -m tests.bench.live_check PROJECT [--size 10000] [--repetitions 5]

makes PROJECT (a synthetic glossary of ``--size`` terms, committed to git) unless it has a
``glossary/`` already. With ``--serve REV``, ``mkdocs serve``'s edit to screen
(:func:`tests.bench.run.serve_rebuild`) with the package of git revision REV and with this
tree's, one after the other, the project's ``hooks/`` swapped.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from lexikon.check.glossary_wide import combine
from lexikon.core.settings import make_settings
from lexikon.engine.mkdocs.live_check import KeptCheck
from tests.bench.synthetic import make_project
from tests.support.constants import LANGUAGES


def _edits(glossary: Path) -> dict[str, Callable[[int], set[Path]]]:
    """Each kind of edit, made for the n-th time (a new text each time): the files it changed."""
    files = sorted(path for path in glossary.glob("*.yml") if not path.name.startswith("_"))
    body, title, renamed = files[len(files) // 3], files[len(files) // 2], files[2 * len(files) // 3]
    texts = {path: path.read_text("utf-8") for path in (body, title)}
    new = glossary / "zz-neu.yml"

    def edit_body(n: int) -> set[Path]:
        summary = "\n  summary: >-\n    "
        body.write_text(texts[body].replace(summary, f"{summary}Neu {n}: ", 1), "utf-8")
        return {body}

    def edit_title(n: int) -> set[Path]:
        title.write_text(texts[title].replace("\n  title: ", f"\n  title: Neu {n} ", 1), "utf-8")
        return {title}

    def new_file(n: int) -> set[Path]:
        if new.exists():
            new.unlink()  # the deletion's own recheck is not timed
            return {new}
        new.write_text(f"de:\n  title: Neu {n}\n  summary: Neu.\nda:\n  title: Ny {n}\n  summary: Ny.\n",
                       "utf-8")
        return {new}

    def rename(n: int) -> set[Path]:
        nonlocal renamed
        target = renamed.with_name(f"{renamed.stem.rsplit('-x', 1)[0]}-x{n}.yml")
        renamed.rename(target)
        changed, renamed = {renamed, target}, target
        return changed

    return {"body": edit_body, "title": edit_title, "new": new_file, "rename": rename}


def measure(project: Path, repetitions: int = 5) -> dict:
    """Median seconds of ``recheck`` (live) and of re-read + full ``combine`` (before), per edit."""
    settings = make_settings(project, LANGUAGES, {"glossary_dir": "glossary"})
    start = time.perf_counter()
    kept = KeptCheck(settings)
    result: dict = {"kept_check_s": round(time.perf_counter() - start, 2)}
    for kind, edit in _edits(settings.glossary_dir).items():
        live, full = [], []
        for n in range(repetitions):
            if kind == "new":
                kept.recheck(edit(n))  # take the new file away again (or make it the first time)
            changed = edit(n + 100)
            start = time.perf_counter()
            fast = kept.recheck(changed)
            live.append(time.perf_counter() - start)
            start = time.perf_counter()
            reports = kept.reread(set())
            slow = combine(reports.values(), kept.tags, settings, kept.load_findings)
            full.append(time.perf_counter() - start)
            assert fast == slow, kind
        result[kind] = {"live_s": round(statistics.median(live), 3),
                        "full_s": round(statistics.median(full), 3), "load": os.getloadavg()[0]}
    return result


def serve_against(project: Path, revision: str, repeat: int = 5) -> dict:
    """Edit to screen in ``mkdocs serve`` with the hooks of ``revision``, then with this tree's."""
    from tests.bench import run
    from tests.bench.synthetic import ROOT

    result: dict = {}
    for name in (revision, "this tree"):
        shutil.rmtree(project / "hooks")
        if name == "this tree":
            shutil.copytree(ROOT / "hooks", project / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
        else:
            archive = subprocess.run(["git", "archive", revision, "hooks"], cwd=ROOT, capture_output=True,
                                     check=True).stdout
            subprocess.run(["tar", "-x", "-C", str(project)], input=archive, check=True)
        shutil.rmtree(project / ".cache", ignore_errors=True)
        run.ENV["PYTHONPATH"] = str(project / "hooks")
        term_id = sorted(path.stem for path in (project / "glossary").glob("[a-z]*.yml"))[0]
        result[name] = run.serve_rebuild(project, term_id, repeat=repeat)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--serve", metavar="REV", help="measure mkdocs serve against git revision REV")
    args = parser.parse_args()
    if not (args.project / "glossary").is_dir():
        make_project(args.project, args.size)
        subprocess.run(["git", "init", "-q"], cwd=args.project, check=True)
        subprocess.run(["git", "add", "-A"], cwd=args.project, check=True)
        subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", "commit", "-qm",
                        "bench"], cwd=args.project, check=True)
    if args.serve:
        print(json.dumps(serve_against(args.project, args.serve, args.repetitions), indent=2, default=str))
    else:
        print(json.dumps(measure(args.project, args.repetitions), indent=2))
    print(subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())


if __name__ == "__main__":
    main()

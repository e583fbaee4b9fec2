"""How long reading stale translations from git takes: a synthetic glossary of N entries, each
changed in every one of C commits (German, Danish, whitespace only, in turn), made with one
``git fast-import``; then the build's one history read and the check's.

    PYTHONPATH=hooks .venv/bin/python -m tests.tools.stale_bench [--entries 1000] [--commits 5]
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from pathlib import Path

from lexikon.core.history import entry_history
from lexikon.core.model import Entry, Glossary, Text
from lexikon.core.staleness import find_stale

PARAGRAPH = ("Ein Satz über den Begriff, lang genug, um einem echten Absatz eines Eintrags zu gleichen, "
             "mit Verweisen und Beispielen. ") * 4


def _entry(index: int, de_version: int, da_version: int, spaces: int) -> str:
    pad = " " * spaces
    return (f"tags: [it]\nde:\n  title: Begriff {index}\n  summary: Kurz {de_version}.{pad}\n  body: |\n"
            + "".join(f"    {PARAGRAPH}{de_version}\n\n" for _ in range(6))
            + f"da:\n  title: Begreb {index}\n  summary: Kort {da_version}.\n  body: |\n"
            + "".join(f"    {PARAGRAPH}{da_version}\n\n" for _ in range(6)))


def _repository(root: Path, entries: int, commits: int) -> None:
    """One fast-import stream: commit 1 writes every entry, each later one changes every entry."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    stream: list[bytes] = []
    de = da = 0
    for number in range(commits):
        kind = number % 3  # after the first: German, Danish, whitespace only
        de, da = (de + 1, da) if number and kind == 1 else (de, da + 1) if number and kind == 2 else (de, da)
        when = 1767261600 + number * 86400
        message = f"commit {number}"
        stream.append(f"commit refs/heads/main\ncommitter Bench <b@example.org> {when} +0000\n"
                      f"data {len(message)}\n{message}\n".encode())
        for index in range(entries):
            data = _entry(index, de, da, 2 if number and kind == 0 else 0).encode()
            name = f"glossary/e{index:05}.yml"
            stream.append(f"M 100644 inline {name}\ndata {len(data)}\n".encode() + data + b"\n")
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=b"".join(stream), check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=root, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        started = time.perf_counter()
        _repository(root, args.entries, args.commits)
        made = time.perf_counter() - started
        glossary_dir = root / "glossary"
        started = time.perf_counter()
        feed_only = entry_history(glossary_dir)
        feed = time.perf_counter() - started
        started, cpu = time.perf_counter(), time.process_time()
        history = entry_history(glossary_dir, ("de", "da"))
        full, cpu = time.perf_counter() - started, time.process_time() - cpu
        texts = {code: Text(code, "t", "s") for code in ("de", "da")}
        entries = {i: Entry(i, f"glossary/{i}.yml", texts=texts) for i in history}
        glossary = Glossary(entries, {}, ("de", "da"))
        started = time.perf_counter()
        stale = find_stale(glossary, glossary_dir)
        check = time.perf_counter() - started
    size = len(_entry(0, 0, 0, 0))
    print(f"{args.entries} entries x {args.commits} commits ({size} bytes each; "
          f"repository made in {made:.1f} s)")
    print(f"history for the feed only: {feed:.2f} s ({len(feed_only)} entries)")
    print(f"history with languages (the build's): {full:.2f} s ({cpu:.2f} s of this process's CPU)")
    print(f"find_stale (the check's, history included): {check:.2f} s, {len(stale.stale)} stale texts")


if __name__ == "__main__":
    main()

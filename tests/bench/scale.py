"""Build cost as the glossary grows, and against the same terms written by hand (issue 17).

- **The hand-written baseline** (:func:`plain_baseline`): what an author without Lexikon
  would publish for the same terms: one plain Markdown page per term and language with its
  title, summary and body (cross-links ``[[id]]`` written as ordinary Markdown links), a
  list of the terms per language, the project's own pages (the home without the picture
  of the lexicon), and the same ``mkdocs.yml`` without the hook (its ``nav`` without the
  pages only the hook makes). Built with ``mkdocs build`` and, with Pagefind as the
  search, Pagefind's own command (:func:`.run.baseline_build`).
- **Scale** (:func:`bench_scale`): cold ``mkdocs build`` of the bench's glossary at each
  ``--scale-sizes`` size and of every corpus (:mod:`.corpora`) at ``--scale-corpus-size``:
  wall time, time per HTML page, peak resident memory of the largest process (``wait4``'s
  ``ru_maxrss``: the largest of the child and its waited-for descendants) and of the whole
  process tree (the sum of every live process's RSS, polled from ``/proc``), and each
  process's own high-water mark (``VmHWM``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import corpora, synthetic

DEFAULT_SCALE_SIZES = (100, 1000)
POLL_SECONDS = 0.1
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


# --- a process tree's memory ----------------------------------------------------------------
def _status_kb(pid: int, key: str) -> int:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    found = re.search(rf"^{key}:\s+(\d+) kB", text, re.M)
    return int(found.group(1)) if found else 0


def _descendants(pid: int) -> list[int]:
    """``pid`` and every process below it (``/proc/<pid>/task/*/children``)."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                queue.extend(int(child) for child in task.read_text().split())
            except OSError:
                continue
    return found


@dataclass
class TreeRun:
    """One measured command and the processes it started."""

    seconds: float
    returncode: int
    largest_mb: float
    tree_peak_mb: float
    cpu_seconds: float = 0.0
    """User + system time of the command and its waited-for descendants (``wait4``): unlike
    the wall time, hardly moved by other work on the machine, so time per page compares across
    runs on a busy machine."""
    processes: dict[int, dict] = field(default_factory=dict)
    stderr: str = field(default="", repr=False)


def measure_tree(command: list[str], cwd: Path) -> TreeRun:
    """Run ``command`` to its end, polling its process tree's resident memory."""
    processes: dict[int, dict] = {}
    tree_peak = [0]
    done = threading.Event()

    def poll(root: int) -> None:
        while not done.is_set():
            total = 0
            for pid in _descendants(root):
                rss, hwm = _status_kb(pid, "VmRSS"), _status_kb(pid, "VmHWM")
                total += rss
                if hwm:
                    seen = processes.setdefault(pid, {"peak_mb": 0.0, "command": _command(pid)})
                    seen["peak_mb"] = max(seen["peak_mb"], hwm / 1024)
            tree_peak[0] = max(tree_peak[0], total)
            done.wait(POLL_SECONDS)

    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err, env=ENV)
        watcher = threading.Thread(target=poll, args=(process.pid,), daemon=True)
        watcher.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        done.set()
        watcher.join()
        err.seek(0)
        return TreeRun(seconds, process.returncode, usage.ru_maxrss / 1024, tree_peak[0] / 1024,
                       usage.ru_utime + usage.ru_stime, processes, err.read().decode("utf-8", "replace"))


def _command(pid: int) -> str:
    try:
        parts = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "?"
    return " ".join(p.decode("utf-8", "replace") for p in parts[:4] if p)[:80]


# --- the same terms written by hand ---------------------------------------------------------
def plain_baseline(project: Path, target: Path) -> dict:
    """Write the hand-written version of ``project``'s glossary into ``target``."""
    from lexikon.check.pipeline import run
    from lexikon.core.queries import published
    from lexikon.core.settings import settings_from_file
    from lexikon.render.pages import GRAPH_MARKER

    from .run import baseline_config

    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(project / "docs", target / "docs")
    shutil.copytree(project / "hooks" / "overrides", target / "hooks" / "overrides")
    settings = settings_from_file(project / "mkdocs.yml")
    glossary = published(run(settings).glossary)
    pages = 0
    for code in settings.codes:
        suffix = "" if code == settings.default_language else f".{code}"
        pages += _term_pages(glossary, code, target / "docs" / "terms", suffix)
        home = target / "docs" / f"index{suffix}.md"
        if home.exists():
            home.write_text(home.read_text(encoding="utf-8").replace(GRAPH_MARKER, ""), encoding="utf-8")
    config = baseline_config((project / "mkdocs.yml").read_text(encoding="utf-8"))
    (target / "mkdocs.yml").write_text(_existing_nav(config, target / "docs"), encoding="utf-8")
    return {"pages": pages, "markdown_bytes": sum(p.stat().st_size for p in (target / "docs").rglob("*.md"))}


def _term_pages(glossary, code: str, folder: Path, suffix: str) -> int:
    """One page per term in language ``code`` (title, summary, body) and a list of them."""
    from lexikon.core.links import replace_cross_links
    from lexikon.core.queries import title_of

    def link(cross) -> str:
        other = glossary.entries.get(cross.target)
        label = cross.label or (title_of(other, code) if other else cross.target)
        return f"[{label}]({cross.target}.md)" if other else label

    listing = []
    for entry in glossary.entries.values():
        text = entry.texts.get(code)
        if text is None:
            continue
        parts = [f"# {text.title}", replace_cross_links(text.summary, link)]
        if text.body.strip():
            parts.append(replace_cross_links(text.body, link))
        _write(folder / f"{entry.id}{suffix}.md", "\n\n".join(parts) + "\n")
        listing.append(f"- [{text.title}]({entry.id}.md)")
    heading = "Begriffe" if code == "de" else "Begreber"
    _write(folder / f"index{suffix}.md", f"# {heading}\n\n" + "\n".join(listing) + "\n")
    return len(listing)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _existing_nav(config: str, docs: Path) -> str:
    """``config`` without the nav lines naming pages ``docs`` does not have (the hook's)."""
    def keep(line: str) -> bool:
        named = re.match(r"^\s+- (?:[^:]+: )?(\S+\.md)\s*$", line)
        return not named or (docs / named.group(1)).exists()

    return "\n".join(line for line in config.splitlines() if keep(line)) + "\n"


# --- build time and memory by size and corpus -----------------------------------------------
def build_row(project: Path, label: str, size: int) -> dict:
    """One cold ``mkdocs build`` of ``project`` (no ``.cache/``, no ``site/``)."""
    shutil.rmtree(project / ".cache", ignore_errors=True)
    shutil.rmtree(project / "site", ignore_errors=True)
    run = measure_tree([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"),
                        "-d", str(project / "site")], project)
    pages = sum(1 for _ in (project / "site").rglob("*.html")) if (project / "site").is_dir() else 0
    return {"corpus": label, "size": size, "seconds": run.seconds, "returncode": run.returncode,
            "pages": pages, "ms_per_page": 1000 * run.seconds / max(pages, 1),
            "cpu_seconds": run.cpu_seconds, "cpu_ms_per_page": 1000 * run.cpu_seconds / max(pages, 1),
            "load": os.getloadavg()[0],
            "largest_process_mb": run.largest_mb, "tree_peak_mb": run.tree_peak_mb,
            "processes": sorted(run.processes.values(), key=lambda p: -p["peak_mb"]),
            "errors_tail": run.stderr[-2000:] if run.returncode else ""}


def bench_scale(sizes: list[int], corpus_names: list[str], corpus_size: int, workdir: Path, *,
                seed: int, log=print) -> list[dict]:
    """A cold build per size of the bench's glossary, then one per corpus at ``corpus_size``."""
    rows = []
    jobs = [("templates", size) for size in sizes]
    jobs += [(name, corpus_size) for name in corpus_names if corpus_size and (name, corpus_size) not in jobs]
    for name, size in jobs:
        project = workdir / f"scale-{name}-{size}"
        log(f"[scale {name} {size}] writing, cold build …")
        synthetic.make_project(project, size, seed, corpora.writer(name))
        rows.append(build_row(project, name, size))
        shutil.rmtree(project, ignore_errors=True)
    return rows


SCALE_COLUMNS = (
    ("corpus", lambda r: r["corpus"]),
    ("terms", lambda r: str(r["size"])),
    ("HTML pages", lambda r: str(r["pages"])),
    ("build s", lambda r: f"{r['seconds']:.1f}"),
    ("ms / page", lambda r: f"{r['ms_per_page']:.1f}"),
    ("CPU ms / page", lambda r: f"{r.get('cpu_ms_per_page', 0):.1f}"),
    ("load", lambda r: f"{r.get('load', 0):.1f}"),
    ("largest process MB", lambda r: f"{r['largest_process_mb']:.0f}"),
    ("process tree MB", lambda r: f"{r['tree_peak_mb']:.0f}"),
    ("processes", lambda r: str(len(r["processes"]))),
    ("exit", lambda r: str(r["returncode"])),
)


def scale_table(rows: list[dict]) -> str:
    """One line per build: time per page should stay flat, the largest process under 1 GiB."""
    from .run import aligned

    return aligned([[name for name, _ in SCALE_COLUMNS], *([cell(row) for _, cell in SCALE_COLUMNS]
                                                           for row in rows)])

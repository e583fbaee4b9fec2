"""The benchmark: what a glossary of 100, 1000, 5000 terms costs in check, build and serve.

Every measured command runs as a child process of its own; its wall time comes from the
clock around it and its peak memory from ``os.wait4`` (the child's ``ru_maxrss``), so the
numbers are those of one ``lexicon check`` or ``mkdocs build`` as a person runs it.

- **check**: ``lexicon check`` in the generated project with no cache (**cold**); again
  with nothing changed; and after one entry changed (**warm**: only that file is read
  again, the rest comes from the cache). ``--check-sizes`` adds sizes that are only
  checked, not built (10,000 by default: the check's target size).
- **floor**: a fresh Python that only imports PyYAML and parses every entry with libyaml's
  C loader: what reading the files costs at the least. Ratio check / floor.
- **corpora** (``--corpora``, every one by default, at each ``--check-sizes`` size): the cold
  check (and one with ``--no-cache``) of glossaries whose text differs from the bench's own
  (:mod:`.corpora`: unrelated, shared-vocabulary and near-duplicate paragraphs, a tail of
  long entries, dense links, lopsided languages, our own entries multiplied), each against
  its own floor; one table row each, and ``corpora`` in the JSON. Target: at most 2×.
- **build**: ``mkdocs build`` of the project, paired (interleaved) with a **baseline**: the
  same terms written by hand as plain Markdown pages (``terms/<id>.md``, ``terms/<id>.da.md``:
  title, summary, body; a list of the terms; :func:`.scale.plain_baseline`) and built with
  the same mkdocs.yml minus the hook (issue 17); with Pagefind as the search engine (the
  default), followed by Pagefind's own command over the built site, as a hand-made site
  would be indexed. Ratio lexicon /
  baseline: what the generated pages' extra weight and the hook cost (target: at most 1.5×).
- **sizes**: each language's search index (raw and gzipped: Material's, a few hundred
  bytes of config with Pagefind; lunr's, from the lunr build of the search step), each
  language's Pagefind bundle (its files are compressed already), and one term page.
- **serve**: ``mkdocs serve``; after its first build one entry changes, and the clock runs
  until the page shows the change.
- **search** (``--search-sizes``, 1000 and 5000 by default): a reader's first search in
  headless Chromium, Pagefind (the built site) against Material's lunr (the same project
  built again with ``search: lunr``): time to the first result, bytes fetched for it, and
  whether the hidden cases find their page (a literal word, an inflected form, an alias,
  the other language's title; see ``search.py``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import pstats
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import corpora, scale, synthetic
from .serving import edits_to_screen, free_port, wait_for

DEFAULT_SIZES = (100, 1000, 5000)
DEFAULT_CHECK_SIZES = (10000,)
DEFAULT_SEARCH_SIZES = (1000, 5000)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


# --- running and measuring ---------------------------------------------------------------
@dataclass
class Run:
    """One measured child process."""

    seconds: float
    peak_rss_mb: float
    returncode: int
    stdout: str = field(default="", repr=False)
    stderr: str = field(default="", repr=False)
    cpu_seconds: float = 0.0
    """User + system time of the child and of its descendants it waited for (the second
    process, Pagefind): the machine's other load moves it less than the wall time."""


def measure(command: list[str], cwd: Path) -> Run:
    """Run ``command`` to its end; wall time, and peak RSS of that child alone (wait4)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, env=ENV)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(seconds, usage.ru_maxrss / 1024, process.returncode,
                   out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                   usage.ru_utime + usage.ru_stime)


def lexicon_check(project: Path, *options: str) -> dict:
    run = measure([sys.executable, "-m", "lexikon.cli", "check", *options], project)
    counts = re.search(r"(\d+) entries checked: (\d+) error\(s\), (\d+) warning\(s\), (\d+) note\(s\)",
                       run.stdout)
    entries, errors, warnings, notes = (int(n) for n in counts.groups()) if counts else (-1, -1, -1, -1)
    return {"seconds": run.seconds, "peak_rss_mb": run.peak_rss_mb, "returncode": run.returncode,
            "entries": entries, "errors": errors, "warnings": warnings, "notes": notes}


FLOOR = """
import json, pathlib, sys, time
start = time.perf_counter()
import yaml
imported = time.perf_counter()
count = 0
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.yml")):
    with open(path, encoding="utf-8") as stream:
        yaml.load(stream, Loader=yaml.CSafeLoader)
    count += 1
print(json.dumps({"files": count, "import_s": imported - start,
                  "parse_s": time.perf_counter() - imported}))
"""


def yaml_floor(glossary: Path) -> dict:
    """libyaml's C loader over every file, in a fresh (cold) interpreter."""
    run = measure([sys.executable, "-c", FLOOR, str(glossary)], glossary)
    inner = json.loads(run.stdout) if run.returncode == 0 else {}
    return {"seconds": run.seconds, "peak_rss_mb": run.peak_rss_mb, "returncode": run.returncode, **inner}


def mkdocs_build(root: Path) -> Run:
    return measure([sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"),
                    "-d", str(root / "site")], root)


def search_engine(project: Path) -> str:
    from lexikon.core.settings import settings_from_file

    return getattr(settings_from_file(project / "mkdocs.yml"), "search", "lunr")


def baseline_build(root: Path, engine: str) -> Run:
    """The baseline as its author would publish it: with Pagefind as the search, ``mkdocs
    build`` then Pagefind's own command over the built site (both timed, one process tree)."""
    if engine != "pagefind":
        return mkdocs_build(root)
    build = [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"),
             "-d", str(root / "site")]
    index = [sys.executable, "-m", "pagefind", "--site", str(root / "site"), "--silent"]
    return measure(["bash", "-c", f"{shlex.join(build)} && {shlex.join(index)}"], root)


def change_entry(path: Path, marker: str) -> None:
    """One edit an editor makes: a new first paragraph in the German body."""
    text = path.read_text(encoding="utf-8")
    new = text.replace("\n  body: |\n", f"\n  body: |\n    {marker} ergänzt diesen Eintrag.\n\n", 1)
    assert new != text, f"{path} has no German body to change"
    path.write_text(new, encoding="utf-8")


# --- the baseline: the same pages as plain Markdown, no hook --------------------------------
def baseline_config(text: str) -> str:
    """mkdocs.yml without ``hooks:``, ``watch:`` and ``extra.lexikon`` (textual: it has tags)."""
    out: list[str] = []
    top: str | None = None
    sub: str | None = None
    for line in text.splitlines():
        key = re.match(r"^([A-Za-z_]\w*):", line)
        if key:
            top, sub = key.group(1), None
        elif top == "extra":
            sub_key = re.match(r"^  ([A-Za-z_]\w*):", line)
            if sub_key:
                sub = sub_key.group(1)
        if top in ("hooks", "watch") or (top == "extra" and sub == "lexikon"):
            continue
        out.append(line)
    result = "\n".join(out) + "\n"
    return re.sub(r"^extra:\n(?=\S|\Z)", "", result, flags=re.M)  # an emptied ``extra:``


def make_baseline(project: Path, target: Path) -> dict:
    """The same terms written by hand (:func:`.scale.plain_baseline`: title, summary and body
    per page, the same mkdocs.yml without the hook); also times our pipeline and render."""
    from lexikon.check.pipeline import run
    from lexikon.core.layout import SiteLayout
    from lexikon.core.settings import settings_from_file
    from lexikon.render.pages import lexicon_graphs, render_site

    start = time.perf_counter()
    settings = settings_from_file(project / "mkdocs.yml")
    result = run(settings)
    checked = time.perf_counter()
    layout = SiteLayout(settings, True, "/")  # root-based addresses, as without a site_url
    pages = render_site(result.glossary, layout)
    lexicon_graphs(result.glossary, layout)
    rendered = time.perf_counter()
    plain = scale.plain_baseline(project, target)
    return {"pipeline_s": checked - start, "render_s": rendered - checked, "pages": len(pages),
            "markdown_bytes": sum(len(p.markdown.encode()) for p in pages),
            "baseline_pages": plain["pages"], "baseline_markdown_bytes": plain["markdown_bytes"]}


# --- what the build leaves ------------------------------------------------------------------
def site_sizes(site_dir: Path, term_id: str) -> dict:
    def sizes(path: Path) -> dict:
        data = path.read_bytes() if path.exists() else b""
        return {"bytes": len(data), "gzip_bytes": len(gzip.compress(data, 6)) if data else 0}

    return {
        "search_index": {"de": sizes(site_dir / "search" / "search_index.json"),
                         "da": sizes(site_dir / "da" / "search" / "search_index.json")},
        "term_page": {"id": term_id, "de": sizes(site_dir / "terms" / term_id / "index.html"),
                      "da": sizes(site_dir / "da" / "terms" / term_id / "index.html")},
        "pagefind_bundle": {"de": _folder_bytes(site_dir / "pagefind"),
                            "da": _folder_bytes(site_dir / "da" / "pagefind")},
        "html_pages": sum(1 for _ in site_dir.rglob("*.html")),
        "site_bytes": sum(p.stat().st_size for p in site_dir.rglob("*") if p.is_file()),
    }


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else 0


# --- search -------------------------------------------------------------------------------
def search_both(project: Path, ids: list[str], lunr_root: Path, log=print) -> dict:
    """First searches on the built site and on the same project built with lunr."""
    from .search import measure_search, search_cases, search_on_open, use_engine

    cases = search_cases(project, ids[len(ids) // 3])
    engine = search_engine(project)
    log(f"  search: {engine} in Chromium …")
    results = {engine: measure_search(project / "site", cases),
               engine + "_on_open": search_on_open(project / "site", cases)}
    other = "lunr" if engine == "pagefind" else "pagefind"
    if lunr_root.exists():
        shutil.rmtree(lunr_root)
    lunr_root.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "hooks", "glossary", ".cache"):
        source = project / name
        if source.is_dir():
            shutil.copytree(source, lunr_root / name, ignore=shutil.ignore_patterns("lexikon-trash"))
        elif source.exists():
            shutil.copy(source, lunr_root / name)
    use_engine(lunr_root, other)
    log(f"  search: building with {other} …")
    build = mkdocs_build(lunr_root)
    if build.returncode == 0:
        results[other + "_index"] = site_sizes(lunr_root / "site", ids[0])["search_index"]
        results[other] = measure_search(lunr_root / "site", cases)
        results[other + "_on_open"] = search_on_open(lunr_root / "site", cases)
    results[other + "_build_s"] = build.seconds
    shutil.rmtree(lunr_root, ignore_errors=True)
    return results


# --- serve ----------------------------------------------------------------------------------
def serve_rebuild(project: Path, term_id: str, timeout: float = 1800, **edits) -> dict:
    """Seconds to ``mkdocs serve``'s first page, then from each kind of edit (the file's write)
    to the HTTP answer showing it (:func:`tests.bench.serving.edits_to_screen`)."""
    port = free_port()
    log = project.parent / f"serve-{project.name}.log"
    with log.open("w") as stderr:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}",
             "-f", str(project / "mkdocs.yml")],
            cwd=project, stdout=subprocess.DEVNULL, stderr=stderr, env=ENV,
        )
    base = f"http://127.0.0.1:{port}/"
    result: dict = {"first_build_s": None, "rebuild_s": None, "peak_rss_mb": None}
    try:
        result["first_build_s"] = wait_for(f"{base}terms/{term_id}/", "<h1", timeout)
        if result["first_build_s"] is not None:
            time.sleep(0.5)  # let the watcher settle after the first build
            result["edits"] = edits_to_screen(base, project / "glossary", term_id, change_entry, timeout, log,
                                              **edits)
            result["rebuild_s"] = result["edits"]["edit_s"]
            built = log.read_text("utf-8", errors="replace").count("Documentation built in")
            result["full_rebuilds"] = built - 1  # the first build's line
            result["load"] = os.getloadavg()[0]
    finally:
        server.terminate()
        try:
            _, _, usage = os.wait4(server.pid, 0)
            server.returncode = 0
            result["peak_rss_mb"] = usage.ru_maxrss / 1024
        except ChildProcessError:
            server.wait()
    return result


# --- one size -------------------------------------------------------------------------------
def bench_size(size: int, workdir: Path, *, repetitions: int, serve: bool, seed: int,
               build: bool = True, search: bool = False, log=print) -> dict:
    project = workdir / f"lexikon-{size}"
    baseline = workdir / f"baseline-{size}"
    ids = synthetic.make_project(project, size, seed)
    entries = [p for p in (project / "glossary").glob("*.yml") if not p.name.startswith("_")]
    glossary_bytes = sum(p.stat().st_size for p in entries)
    out: dict = {"size": size, "entries": len(entries), "languages": 2,
                 "glossary_bytes": glossary_bytes, "mean_entry_bytes": glossary_bytes / len(entries)}

    log(f"[{size}] lexicon check …")
    shutil.rmtree(project / ".cache", ignore_errors=True)
    out["floor"] = yaml_floor(project / "glossary")
    out["check"] = lexicon_check(project)
    out["check_floor_ratio"] = out["check"]["seconds"] / out["floor"]["seconds"]
    out["unchanged_check"] = lexicon_check(project)
    change_entry(project / "glossary" / f"{ids[len(ids) // 2]}.yml", "Benchmarkmarker")
    out["warm_check"] = lexicon_check(project)
    if not build:
        return out

    log(f"[{size}] baseline pages …")
    out["render"] = make_baseline(project, baseline)
    out["search_engine"] = engine = search_engine(project)

    builds: list[Run] = []
    base_builds: list[Run] = []
    for repetition in range(repetitions):
        log(f"[{size}] build {repetition + 1}/{repetitions}: lexicon …")
        shutil.rmtree(project / ".cache", ignore_errors=True)  # cold: no caches of the last build
        builds.append(mkdocs_build(project))
        log(f"[{size}] build {repetition + 1}/{repetitions}: baseline …")
        base_builds.append(baseline_build(baseline, engine))
    for name, runs in (("build", builds), ("baseline", base_builds)):
        out[name] = {
            "seconds": statistics.median(r.seconds for r in runs),
            "runs_s": [r.seconds for r in runs],
            "peak_rss_mb": max(r.peak_rss_mb for r in runs),
            "returncode": max(r.returncode for r in runs),
            "warnings": runs[-1].stderr.count("WARNING"),
        }
        if any(r.returncode for r in runs):
            log(runs[-1].stderr[-3000:])
    out["build_baseline_ratio"] = out["build"]["seconds"] / out["baseline"]["seconds"]
    out.update(site_sizes(project / "site", ids[0]))
    out["pages"] = out["html_pages"]
    out["ms_per_page"] = 1000 * out["build"]["seconds"] / max(out["pages"], 1)
    out["baseline_ms_per_page"] = 1000 * out["baseline"]["seconds"] / max(out["pages"], 1)
    out["search"] = search_both(project, ids, workdir / f"lunr-{size}", log) if search else None
    if serve:
        log(f"[{size}] mkdocs serve …")
        out["serve"] = serve_rebuild(project, ids[0])
    else:
        out["serve"] = None
    return out


# --- corpora: the check on text of every kind (:mod:`.corpora`) ---------------------------------
def bench_corpus(corpus: str, size: int, workdir: Path, *, seed: int, log=print) -> dict:
    """A cold check (no cache yet; it writes one) and one with ``--no-cache`` of ``corpus`` at
    ``size`` entries, against the parse floor of the same files."""
    project = workdir / f"corpus-{corpus}-{size}"
    log(f"[{corpus} {size}] writing, floor, cold check …")
    synthetic.make_project(project, size, seed, corpora.writer(corpus))
    files = [p for p in (project / "glossary").glob("*.yml") if not p.name.startswith("_")]
    sizes = sorted(p.stat().st_size for p in files)
    out: dict = {"corpus": corpus, "size": size, "glossary_bytes": sum(sizes),
                 "largest_entry_bytes": sizes[-1] if sizes else 0,
                 "floor": yaml_floor(project / "glossary")}
    out["check"] = lexicon_check(project)
    out["no_cache_check"] = lexicon_check(project, "--no-cache")
    out["check_floor_ratio"] = out["check"]["seconds"] / out["floor"]["seconds"]
    out["no_cache_floor_ratio"] = out["no_cache_check"]["seconds"] / out["floor"]["seconds"]
    shutil.rmtree(project, ignore_errors=True)  # the next corpus's files: the disk is not endless
    return out


CORPUS_COLUMNS = (
    ("corpus", lambda r: r["corpus"]),
    ("entries", lambda r: str(r["check"]["entries"])),
    ("MB", lambda r: f"{r['glossary_bytes'] / 1e6:.1f}"),
    ("largest kB", lambda r: f"{r['largest_entry_bytes'] / 1e3:.0f}"),
    ("err/warn/note", lambda r: f"{r['check']['errors']}/{r['check']['warnings']}/{r['check']['notes']}"),
    ("floor s", lambda r: _fmt(r["floor"]["seconds"])),
    ("cold check s", lambda r: _fmt(r["check"]["seconds"])),
    ("ratio", lambda r: _fmt(r["check_floor_ratio"]) + "×"),
    ("--no-cache s", lambda r: _fmt(r["no_cache_check"]["seconds"])),
    ("ratio", lambda r: _fmt(r["no_cache_floor_ratio"]) + "×"),
    ("check peak MB", lambda r: _fmt(r["check"]["peak_rss_mb"], ".0f")),
)


def corpus_table(rows: list[dict]) -> str:
    """One line per corpus and size: the check against its floor (target: at most 2×)."""
    return aligned([[name for name, _ in CORPUS_COLUMNS], *([cell(row) for _, cell in CORPUS_COLUMNS]
                                                            for row in rows)])


# --- profile --------------------------------------------------------------------------------
GROUPS = (
    ("lexikon (hook, render)", ("/lexikon/", "lexikon_hook.py")),
    ("markdown", ("/markdown/",)),
    ("pymdownx", ("/pymdownx/",)),
    ("jinja2", ("/jinja2/", "<template>")),
    ("static-i18n", ("/mkdocs_static_i18n/",)),
    ("material", ("/material/",)),
    ("mkdocs search", ("/mkdocs/contrib/search/",)),
    ("mkdocs", ("/mkdocs/",)),
    ("yaml", ("/yaml/",)),
    ("xml/html stdlib", ("/xml/", "/html/")),
)


def _group(filename: str) -> str:
    for name, needles in GROUPS:
        if any(needle in filename for needle in needles):
            return name
    if filename == "~":
        return "builtins (re, str, …)"
    return "other python"


def profile_build(project: Path, out_file: Path, top: int = 25) -> dict:
    """One ``mkdocs build`` under cProfile: self time by package, top cumulative functions."""
    run = measure([sys.executable, "-m", "cProfile", "-o", str(out_file), "-m", "mkdocs", "build",
                   "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")], project)
    stats = pstats.Stats(str(out_file))
    by_group: dict[str, float] = {}
    functions = []
    for (filename, line, name), (_cc, _nc, tottime, cumtime, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        by_group[_group(filename)] = by_group.get(_group(filename), 0.0) + tottime
        functions.append((cumtime, tottime, f"{_short(filename)}:{line}({name})"))
    functions.sort(reverse=True)
    total = stats.total_tt  # type: ignore[attr-defined]
    return {
        "seconds": run.seconds,
        "profiled_total_s": total,
        "self_time_by_package": dict(sorted(by_group.items(), key=lambda kv: -kv[1])),
        "top_cumulative": [{"function": f, "cumtime": c, "tottime": t} for c, t, f in functions[:top]],
        "file": str(out_file),
    }


def _short(filename: str) -> str:
    for marker in ("site-packages/", "/hooks/", "/lib/python3"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


# --- output ---------------------------------------------------------------------------------
def _fmt(value, spec: str = ".2f") -> str:
    return "–" if value is None else format(value, spec)


def _kb(value: int | None) -> str:
    return "–" if value is None else f"{value / 1024:.0f}"


ROWS = (
    ("terms (× 2 languages)", lambda r: str(r["entries"])),
    ("mean entry size, bytes", lambda r: f"{r['mean_entry_bytes']:.0f}"),
    ("check: errors/warnings/notes", lambda r: f"{r['check']['errors']}/{r['check']['warnings']}/"
                                               f"{r['check']['notes']}"),
    ("lexicon check, s", lambda r: _fmt(r["check"]["seconds"])),
    ("lexicon check, peak MB", lambda r: _fmt(r["check"]["peak_rss_mb"], ".0f")),
    ("floor: libyaml C, process s", lambda r: _fmt(r["floor"]["seconds"])),
    ("floor: parse only, s", lambda r: _fmt(r["floor"].get("parse_s"))),
    ("ratio check / floor", lambda r: _fmt(r["check_floor_ratio"], ".2f") + "×"),
    ("check again, unchanged, s", lambda r: _fmt(r["unchanged_check"]["seconds"])),
    ("warm check (1 changed), s", lambda r: _fmt(r["warm_check"]["seconds"])),
    ("warm check, peak MB", lambda r: _fmt(r["warm_check"]["peak_rss_mb"], ".0f")),
    ("in-process load+check, s", lambda r: _fmt(r.get("render", {}).get("pipeline_s"))),
    ("in-process render, s", lambda r: _fmt(r.get("render", {}).get("render_s"))),
    ("mkdocs build, s (median)", lambda r: _fmt(r["build"]["seconds"], ".1f")),
    ("mkdocs build, peak MB", lambda r: _fmt(r["build"]["peak_rss_mb"], ".0f")),
    ("baseline build, s (median)", lambda r: _fmt(r["baseline"]["seconds"], ".1f")),
    ("baseline build, peak MB", lambda r: _fmt(r["baseline"]["peak_rss_mb"], ".0f")),
    ("ratio lexicon / baseline", lambda r: _fmt(r["build_baseline_ratio"], ".2f") + "×"),
    ("HTML pages", lambda r: str(r["pages"])),
    ("build ms / page", lambda r: _fmt(r["ms_per_page"], ".1f")),
    ("baseline ms / page", lambda r: _fmt(r["baseline_ms_per_page"], ".1f")),
    ("Material index de, KB (gz)", lambda r: f"{_kb(r['search_index']['de']['bytes'])} "
                                             f"({_kb(r['search_index']['de']['gzip_bytes'])})"),
    ("Material index da, KB (gz)", lambda r: f"{_kb(r['search_index']['da']['bytes'])} "
                                             f"({_kb(r['search_index']['da']['gzip_bytes'])})"),
    ("lunr build: index de, KB (gz)", lambda r: f"{_kb(r['search']['lunr_index']['de']['bytes'])} "
                                                f"({_kb(r['search']['lunr_index']['de']['gzip_bytes'])})"),
    ("lunr build: index da, KB (gz)", lambda r: f"{_kb(r['search']['lunr_index']['da']['bytes'])} "
                                                f"({_kb(r['search']['lunr_index']['da']['gzip_bytes'])})"),
    ("Pagefind bundle de / da, MB", lambda r: f"{r['pagefind_bundle']['de'] / 1e6:.1f} / "
                                              f"{r['pagefind_bundle']['da'] / 1e6:.1f}"),
    ("term page de, KB (gz)", lambda r: f"{r['term_page']['de']['bytes'] / 1024:.1f} "
                                        f"({r['term_page']['de']['gzip_bytes'] / 1024:.1f})"),
    ("site total, MB", lambda r: f"{r['site_bytes'] / 1e6:.1f}"),
    ("1st search pagefind, ms (max)", lambda r: _search(r, "pagefind", "first_result_ms")),
    ("1st search pagefind, KB (max)", lambda r: _search(r, "pagefind", "bytes", 1024)),
    ("1st search lunr, ms (max)", lambda r: _search(r, "lunr", "first_result_ms")),
    ("1st search lunr, KB (max)", lambda r: _search(r, "lunr", "bytes", 1024)),
    ("open page + search, ms pf / lunr", lambda r: f"{_on_open(r, 'pagefind', 'open_to_result_ms')} / "
                                                   f"{_on_open(r, 'lunr', 'open_to_result_ms')}"),
    ("  fetched by then, KB pf / lunr", lambda r: f"{_on_open(r, 'pagefind', 'bytes', 1024)} / "
                                                 f"{_on_open(r, 'lunr', 'bytes', 1024)}"),
    ("page load pagefind / lunr, KB", lambda r: f"{_load_kb(r, 'pagefind')} / {_load_kb(r, 'lunr')}"),
    ("hidden cases found pf / lunr", lambda r: f"{_found(r, 'pagefind')} / {_found(r, 'lunr')}"),
    ("serve: first page, s", lambda r: _fmt((r["serve"] or {}).get("first_build_s"), ".1f")),
    ("serve: edit to screen (median of 3), s", lambda r: _fmt((r["serve"] or {}).get("rebuild_s"), ".2f")),
    ("serve: new / renamed / deleted entry to screen, s", lambda r: " / ".join(
        _fmt(((r["serve"] or {}).get("edits") or {}).get(k), ".2f")
        for k in ("new_s", "rename_s", "delete_s"))),
    ("serve: peak MB", lambda r: _fmt((r["serve"] or {}).get("peak_rss_mb"), ".0f")),
)


def _search(row: dict, engine: str, measure: str, scale: float = 1) -> str:
    summary = row["search"][engine]["summary"]
    return f"{summary[measure + '_median'] / scale:.0f} ({summary[measure + '_max'] / scale:.0f})"


def _on_open(row: dict, engine: str, measure: str, scale: float = 1) -> str:
    return f"{row['search'][engine + '_on_open'][measure + '_max'] / scale:.0f}"


def _load_kb(row: dict, engine: str) -> str:
    """What the page fetched before the search box was touched (lunr: its whole index)."""
    return f"{row['search'][engine]['summary']['load_bytes_median'] / 1024:.0f}"


def _found(row: dict, engine: str) -> str:
    summary = row["search"][engine]["summary"]
    return f"{summary['found']}/{summary['queries']}"


def _cell(cell, row: dict) -> str:
    try:
        return cell(row)
    except (KeyError, TypeError):  # a size that was only checked, not built
        return "–"


def table(results: list[dict]) -> str:
    header = ["", *(f"{r['size']} terms" for r in results)]
    return aligned([header] + [[label, *(_cell(cell, r) for r in results)] for label, cell in ROWS])


def aligned(rows: list[list[str]]) -> str:
    """Rows as text columns: the first left-aligned, the others right; a rule under the header."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
                       for i, cell in enumerate(row)) for row in rows]
    return "\n".join([lines[0], "  ".join("-" * width for width in widths), *lines[1:]])


def profile_text(profile: dict) -> str:
    lines = [f"profile of one build: {profile['seconds']:.1f} s under cProfile "
             f"(self time {profile['profiled_total_s']:.1f} s)", "self time by package:"]
    lines += [f"  {name:<26} {seconds:7.2f} s" for name, seconds in profile["self_time_by_package"].items()]
    lines.append("top cumulative functions:")
    lines += [f"  {f['cumtime']:7.2f} s cum  {f['tottime']:6.2f} s self  {f['function']}"
              for f in profile["top_cumulative"]]
    return "\n".join(lines)


# --- command line ---------------------------------------------------------------------------
def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated glossary sizes (default: %(default)s)")
    parser.add_argument("--check-sizes", default=",".join(map(str, DEFAULT_CHECK_SIZES)),
                        help="sizes that are only checked, not built (default: %(default)s)")
    parser.add_argument("--search-sizes", default=",".join(map(str, DEFAULT_SEARCH_SIZES)),
                        help="sizes whose first search is measured in Chromium, with both engines "
                             "(default: %(default)s; '' for none)")
    parser.add_argument("--corpora", default=",".join(corpora.CORPORA),
                        help="corpora whose cold check is measured at each --check-sizes size "
                             "(default: %(default)s; '' for none; see tests/bench/corpora.py)")
    parser.add_argument("--scale-sizes", default="",
                        help="cold builds measured for time per page and peak memory of the largest "
                             "process and the process tree, e.g. 100,1000,10000 (default: none)")
    parser.add_argument("--scale-corpus-size", type=int, default=0,
                        help="also a cold build of every --corpora corpus at this size (default 0: none)")
    parser.add_argument("--incremental-sizes",
                        help="sizes whose build after one edit is measured against a cold build "
                             "(default: 300,1000 with the default --sizes, else none; "
                             "see tests/bench/incremental.py)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    parser.add_argument("--quick", action="store_true",
                        help="100 terms, one repetition, no serve (the smoke test's mode)")
    parser.add_argument("--repetitions", type=int, default=2,
                        help="paired builds per size up to --paired-max (median taken; default 2)")
    parser.add_argument("--paired-max", type=int, default=1000,
                        help="larger sizes get one build each (default %(default)s)")
    parser.add_argument("--serve-max", type=int, default=1000,
                        help="measure mkdocs serve up to this size (default %(default)s; 0: never)")
    parser.add_argument("--profile", type=int, metavar="SIZE",
                        help="also profile one mkdocs build of SIZE terms with cProfile")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, help="keep the generated projects here (default: a temp dir)")
    args = parser.parse_args(argv)
    try:
        args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
        args.check_sizes = [int(s) for s in args.check_sizes.split(",") if s.strip()]
        args.search_sizes = [int(s) for s in args.search_sizes.split(",") if s.strip()]
        args.scale_sizes = [int(s) for s in args.scale_sizes.split(",") if s.strip()]
        args.corpora = [name.strip() for name in args.corpora.split(",") if name.strip()]
        incremental = args.incremental_sizes
        if incremental is None:
            incremental = "300,1000" if args.sizes == list(DEFAULT_SIZES) else ""
        args.incremental_sizes = [int(s) for s in incremental.split(",") if s.strip()]
        for name in args.corpora:
            corpora.writer(name)
    except ValueError as err:
        if "corpus" in str(err):
            parser.error(str(err))
        parser.error("--sizes and --check-sizes take numbers like 100,1000,5000")
    if args.quick:
        args.sizes, args.check_sizes, args.repetitions, args.serve_max = [100], [], 1, 0
        args.search_sizes, args.corpora, args.scale_sizes, args.scale_corpus_size = [], [], [], 0
        args.incremental_sizes = []
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="lexikon-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    results = []
    try:
        for size in sorted(set(args.sizes) | set(args.check_sizes)):
            results.append(bench_size(
                size, workdir, repetitions=args.repetitions if size <= args.paired_max else 1,
                serve=size <= args.serve_max, seed=args.seed, build=size in args.sizes,
                search=size in args.search_sizes and size in args.sizes, log=log))
        corpus_rows = [bench_corpus(corpus, size, workdir, seed=args.seed, log=log)
                       for size in args.check_sizes for corpus in args.corpora]
        scale_rows = scale.bench_scale(args.scale_sizes, args.corpora, args.scale_corpus_size, workdir,
                                       seed=args.seed, log=log)
        from .incremental import bench_incremental, incremental_table  # it imports this module
        incremental_rows = [bench_incremental(size, workdir, repetitions=args.repetitions, seed=args.seed,
                                              log=log) for size in args.incremental_sizes]
        profile = None
        if args.profile:
            project = workdir / f"lexikon-{args.profile}"
            if not project.exists():
                synthetic.make_project(project, args.profile, args.seed)
            log(f"[{args.profile}] profiling mkdocs build …")
            profile = profile_build(project, workdir / f"build-{args.profile}.prof")
    finally:
        if args.workdir is None and not args.profile:
            shutil.rmtree(workdir, ignore_errors=True)
    report = {
        "meta": {"python": platform.python_version(), "platform": platform.platform(),
                 "cpus": os.cpu_count(), "seed": args.seed, "repetitions": args.repetitions,
                 "time": time.strftime("%Y-%m-%dT%H:%M:%S%z")},
        "results": results,
        "corpora": corpus_rows,
        "scale": scale_rows,
        "incremental": incremental_rows,
        "profile": profile,
    }
    print(table(results))
    if corpus_rows:
        print()
        print("cold check per corpus (target: at most 2× the floor)")
        print(corpus_table(corpus_rows))
    if scale_rows:
        print()
        print("cold build by size and corpus (targets: ms / page flat, largest process under 1 GiB)")
        print(scale.scale_table(scale_rows))
    if incremental_rows:
        print()
        print(incremental_table(incremental_rows))
    if profile:
        print()
        print(profile_text(profile))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    failed = any(r["check"]["errors"] or r.get("build", {}).get("returncode")
                 or r.get("baseline", {}).get("returncode") for r in results) or any(
        row["check"]["errors"] or row["check"]["returncode"] for row in corpus_rows) or any(
        row["returncode"] for row in scale_rows)
    return 1 if failed else 0


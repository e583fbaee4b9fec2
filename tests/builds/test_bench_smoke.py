"""The benchmark still runs: quick mode (100 terms) end to end, and its glossary is valid.

No timings are asserted; only that every number is there and the synthetic glossary
passes ``lexicon check`` without errors or warnings.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

from tests.bench import synthetic
from tests.support.constants import LANGS
from tests.support.project import ROOT


def test_synthetic_glossary_is_reproducible(tmp_path: Path) -> None:
    synthetic.write_glossary(tmp_path / "a", 30, seed=7)
    synthetic.write_glossary(tmp_path / "b", 30, seed=7)
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    assert all((tmp_path / "a" / n).read_bytes() == (tmp_path / "b" / n).read_bytes() for n in names)
    terms = synthetic.terms(5000, random.Random(0))
    assert len({t.id for t in terms}) == 5000
    assert len({t.de_title.casefold() for t in terms}) == len({t.da_title.casefold() for t in terms}) == 5000


def test_quick_benchmark_reports_every_field(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, "-m", "tests.bench", "--quick", "--json", str(out),
         "--workdir", str(tmp_path / "work")],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks")},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "ratio lexicon / baseline" in result.stdout
    report = json.loads(out.read_text(encoding="utf-8"))
    assert set(report) >= {"meta", "results", "profile"}
    [row] = report["results"]
    assert row["size"] == 100 and row["entries"] == 100
    check = row["check"]
    assert (check["returncode"], check["errors"], check["warnings"], check["entries"]) == (0, 0, 0, 100)
    assert check["notes"] > 0, "some entries repeat a paragraph: the build removes it"
    assert row["warm_check"]["errors"] == 0
    assert (row["unchanged_check"]["notes"], row["warm_check"]["notes"]) == (check["notes"], check["notes"])
    assert list((tmp_path / "work" / "lexikon-100" / ".cache" / "lexikon").glob("reports-*.json"))
    for name in ("check", "unchanged_check", "warm_check", "floor", "build", "baseline"):
        assert row[name]["seconds"] > 0 and row[name]["peak_rss_mb"] > 0, name
        assert row[name]["returncode"] == 0, name
    assert row["floor"]["files"] == 101, "the entries and _tags.yml, as the check reads them"
    assert row["build"]["warnings"] == 0
    for key in ("check_floor_ratio", "build_baseline_ratio", "ms_per_page", "baseline_ms_per_page"):
        assert row[key] > 0, key
    assert row["render"]["pages"] >= 2 * (100 + 2 + len(synthetic.TAGS))  # terms, indexes, tags
    assert row["pages"] > 200
    for lang in LANGS:
        assert row["search_index"][lang]["bytes"] > row["search_index"][lang]["gzip_bytes"] > 0
        assert row["term_page"][lang]["bytes"] > 0
    assert row["serve"] is None
    # the generated project's site has a page per term and language
    site = tmp_path / "work" / "lexikon-100" / "site"
    term = row["term_page"]["id"]
    assert (site / "terms" / term / "index.html").exists()
    assert (site / "da" / "terms" / term / "index.html").exists()


def test_sizes_that_are_only_checked(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, "-m", "tests.bench", "--sizes", "", "--check-sizes", "60", "--json", str(out),
         "--workdir", str(tmp_path / "work")],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks")},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    [row] = json.loads(out.read_text(encoding="utf-8"))["results"]
    assert row["check"]["entries"] == 60 and row["check_floor_ratio"] > 0
    assert "build" not in row and not (tmp_path / "work" / "lexikon-60" / "site").exists()
    assert "ratio check / floor" in result.stdout


def test_search_in_chromium_for_both_engines(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, "-m", "tests.bench", "--sizes", "30", "--check-sizes", "", "--search-sizes", "30",
         "--serve-max", "0", "--repetitions", "1", "--json", str(out), "--workdir", str(tmp_path / "work")],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks")},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    [row] = json.loads(out.read_text(encoding="utf-8"))["results"]
    search = row["search"]
    for engine in ("pagefind", "lunr"):
        summary = search[engine]["summary"]
        assert summary["queries"] == summary["found"] == 8, search[engine]["queries"]
        assert summary["foreign_requests"] == 0
        assert summary["first_result_ms_max"] > 0
        assert search[engine + "_on_open"]["open_to_result_ms_max"] > 0
    assert search["lunr"]["summary"]["load_bytes_median"] > search["pagefind"]["summary"]["load_bytes_median"]
    assert "open page + search" in result.stdout

"""The bench's incremental figure (issue 17) runs and reports what it measured."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bench.incremental import bench_incremental, incremental_table
from tests.bench.run import parse_args

pytestmark = pytest.mark.slow  # whole builds; in `make test` all the same


def test_incremental_after_one_edit_against_cold(tmp_path: Path) -> None:
    row = bench_incremental(12, tmp_path, repetitions=1, log=lambda message: None)
    assert row["cold_s"] > 0 and row["incremental_s"] > 0
    assert row["ratio"] == row["incremental_s"] / row["cold_s"]
    assert row["cold_cpu_s"] > 0 and row["cpu_ratio"] == row["incremental_cpu_s"] / row["cold_cpu_s"]
    assert len(row["hits"]["pages"]) == len(row["hits"]["frames"]) == 2
    (de_hits, de_total), (da_hits, da_total) = row["hits"]["pages"]
    assert 0 < de_hits < de_total and da_hits == da_total, row["hits"]  # a German body was edited
    assert row["hits"]["outputs"] == "pagefind-da, exports but json/csv-all"  # the formats with bodies
    table = incremental_table([row])
    assert "   12" in table
    floor = row["floor"]  # what any incremental build keeping MkDocs and whole search bundles pays
    assert floor["start_cpu_s"] > 0 and set(floor["index"]) == {"de", "da"}
    assert all(index["pages"] >= 12 and index["cpu_s"] > 0 for index in floor["index"].values())
    assert floor["both_languages_cpu_s"] > floor["body_edit_cpu_s"] > floor["start_cpu_s"]
    assert "floor: start" in table and "of cold CPU" in table


def test_the_full_bench_measures_300_and_1000_terms_others_only_when_asked() -> None:
    assert parse_args([]).incremental_sizes == [300, 1000]
    assert parse_args(["--sizes", "30"]).incremental_sizes == []
    assert parse_args(["--sizes", "30", "--incremental-sizes", "30"]).incremental_sizes == [30]
    assert parse_args(["--quick"]).incremental_sizes == []

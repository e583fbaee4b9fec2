"""The bench's corpora (issue 17, point 5) are what they claim: valid glossaries (no errors),
the same for the same seed, each varying the one thing it is named for; and the bench
reports the cold check of each against its parse floor, as a table and in its JSON."""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from lexikon.check.glossary_files import MAX_FILE_BYTES
from lexikon.check.pipeline import check_only
from lexikon.core.settings import settings_from_file
from tests.bench import corpora, synthetic
from tests.support.project import ROOT

SIZE = 60


def _entries(glossary: Path) -> dict[str, dict]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in sorted(glossary.glob("*.yml")) if not path.name.startswith("_")}


def _paragraphs(entries: dict[str, dict], lang: str = "de") -> list[list[str]]:
    return [[block for block in entry[lang]["body"].split("\n\n") if not block.startswith("#")]
            for entry in entries.values() if lang in entry]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each corpus as a project of :data:`SIZE` entries."""
    base = tmp_path_factory.mktemp("corpora")
    projects = {}
    for corpus in corpora.CORPORA:
        synthetic.make_project(base / corpus, SIZE, 4, corpora.writer(corpus))
        projects[corpus] = base / corpus
    return projects


@pytest.mark.parametrize("corpus", corpora.CORPORA)
def test_each_corpus_is_a_valid_glossary_and_reproducible(made: dict[str, Path], corpus: str,
                                                          tmp_path: Path) -> None:
    result = check_only(settings_from_file(made[corpus] / "mkdocs.yml"), cache=False)
    assert result.entry_count == SIZE
    assert not result.errors, [f"{f.path}:{f.line}: {f.message}" for f in result.errors[:5]]
    again = corpora.writer(corpus)(tmp_path / "again", SIZE, 4)
    assert sorted(path.name for path in (tmp_path / "again").glob("*.yml") if path.stem in again) == \
        sorted(f"{name}.yml" for name in again)
    for name in again:
        assert (tmp_path / "again" / f"{name}.yml").read_bytes() == \
            (made[corpus] / "glossary" / f"{name}.yml").read_bytes()


def test_each_corpus_varies_what_it_is_named_for(made: dict[str, Path]) -> None:
    entries = {corpus: _entries(made[corpus] / "glossary") for corpus in corpora.CORPORA}
    vocabulary, unrelated = ({word.casefold() for text in _paragraphs(entries[corpus]) for block in text
                              for word in re.findall(r"\w+", re.sub(r"\[\[.*?\]\]", "", block))}
                             for corpus in ("vocabulary", "unrelated"))
    assert len(vocabulary) <= len(corpora._vocabulary("de")) < 5 * len(vocabulary) < len(unrelated), \
        "one small shared vocabulary, or none"
    lengths = [len(block) for text in _paragraphs(entries["vocabulary"]) for block in text]
    assert statistics.quantiles(lengths, n=10)[0] > 0.5 * statistics.quantiles(lengths, n=10)[-1], \
        "paragraphs close enough in length to be compared"
    near = check_only(settings_from_file(made["near"] / "mkdocs.yml"), cache=False)
    assert sum("nearly the same" in f.message for f in near.warnings) > SIZE
    sizes = [path.stat().st_size for path in (made["long"] / "glossary").glob("*.yml")]
    assert statistics.median(sizes) < 10_000 < max(sizes) <= corpora.MAX_ENTRY_BYTES < MAX_FILE_BYTES
    links = {corpus: sum(block.count("[[") for text in _paragraphs(entries[corpus]) for block in text)
             for corpus in ("vocabulary", "links")}
    assert links["links"] > 8 * links["vocabulary"]
    assert SIZE // 6 < sum("da" not in entry for entry in entries["lopsided"].values()) < SIZE // 2
    real = entries["real"]
    assert {name.rsplit("-", 1)[0] for name in real} == {"backsourcing", "insourcing", "outsourcing"}
    assert any(entry["de"].get("deprecated") for entry in real.values()), "deprecated terms and all"


def test_the_bench_reports_each_corpus_against_its_floor(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, "-m", "tests.bench", "--sizes", "", "--check-sizes", "30", "--search-sizes", "",
         "--corpora", "vocabulary,real", "--json", str(out), "--workdir", str(tmp_path / "work")],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks")},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    rows = json.loads(out.read_text(encoding="utf-8"))["corpora"]
    assert [(row["corpus"], row["size"]) for row in rows] == [("vocabulary", 30), ("real", 30)]
    for row in rows:
        assert row["check"]["entries"] == row["no_cache_check"]["entries"] == 30
        assert row["check"]["errors"] == 0 and row["floor"]["files"] == 31
        assert row["check_floor_ratio"] == row["check"]["seconds"] / row["floor"]["seconds"] > 0
    assert "cold check per corpus" in result.stdout
    assert re.search(r"^real +30 ", result.stdout, re.M)

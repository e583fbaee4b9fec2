"""The pipeline file by file: the same answer as the stages one after another, cached by
content, in two processes when many files are new."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lexikon.check import cache, pipeline
from lexikon.core.model import Result
from lexikon.core.settings import Language, Settings, make_settings
from tests.bench import synthetic
from tests.support.constants import LANGUAGES
from tests.support.golden import cases
from tests.support.project import FIXTURES, ROOT
from tests.support.staged import staged

BAD_CASES = cases(FIXTURES / "bad")


def settings_for(project: Path, languages: list[Language] = LANGUAGES) -> Settings:
    return make_settings(project, languages, None)


def same(a: Result, b: Result) -> None:
    assert a.findings == b.findings
    assert a.glossary == b.glossary
    for entry_id, entry in a.glossary.entries.items():  # spans do not take part in ==
        assert entry.spans == b.glossary.entries[entry_id].spans
        for code, text in entry.texts.items():
            assert text.spans == b.glossary.entries[entry_id].texts[code].spans
    assert a.entry_count == b.entry_count


@pytest.fixture
def synthetic_project(tmp_path: Path) -> Path:
    synthetic.write_glossary(tmp_path / "glossary", 40, seed=3)
    return tmp_path


@pytest.mark.parametrize("case", BAD_CASES)
def test_file_by_file_gives_what_the_stages_give(case: str, tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "bad" / case / "glossary", tmp_path / "glossary", symlinks=True)
    settings = settings_for(tmp_path)
    same(pipeline.run(settings, cache=False), staged(settings))
    same(pipeline.run(settings), staged(settings))  # fills the cache
    same(pipeline.run(settings), staged(settings))  # reads it


def test_unchanged_files_are_not_read_again(synthetic_project: Path, monkeypatch) -> None:
    settings = settings_for(synthetic_project)
    first = pipeline.run(settings)
    made: list[str] = []
    real = pipeline.report_file
    monkeypatch.setattr(pipeline, "report_file", lambda data, display, *rest, **options: made.append(display)
                        or real(data, display, *rest, **options))
    same(pipeline.run(settings), first)
    checked = pipeline.check_only(settings)
    assert (checked.findings, checked.entry_count) == (first.findings, 40)
    assert made == []
    changed = sorted((synthetic_project / "glossary").glob("[!_]*.yml"))[5]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("  body: |\n", "  body: |\n    Neu.\n\n", 1), encoding="utf-8")
    again = pipeline.run(settings)
    assert made == [f"glossary/{changed.name}"]
    same(again, staged(settings))


def test_the_key_is_the_content_not_the_time_stamp(synthetic_project: Path) -> None:
    settings = settings_for(synthetic_project)
    pipeline.run(settings)
    path = sorted((synthetic_project / "glossary").glob("[!_]*.yml"))[0]
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: ", "title: X", 1), encoding="utf-8")  # same length: no
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # trace in size or time
    same(pipeline.run(settings), staged(settings))
    assert any(t.title.startswith("X") for e in pipeline.run(settings).glossary.entries.values()
               for t in e.texts.values())


def test_a_check_reads_no_entries_from_the_cache(synthetic_project: Path) -> None:
    settings = settings_for(synthetic_project)
    pipeline.run(settings)
    light = pipeline.check_only(settings)
    assert light.glossary.entries == {} and light.entry_count == 40
    assert light.findings == staged(settings).findings


def test_other_languages_or_code_start_a_new_cache(synthetic_project: Path) -> None:
    de_da = settings_for(synthetic_project)
    de = settings_for(synthetic_project, [Language("de", "Deutsch", True)])
    assert cache.fingerprint(de_da) != cache.fingerprint(de)
    pipeline.run(de_da)
    same(pipeline.run(de), staged(de))  # a missing 'da' block is now no finding
    stores = sorted(p.name for p in (synthetic_project / cache.FOLDER).iterdir())
    assert {name.split("-")[0] for name in stores} == {"reports", "entries"}
    assert all(cache.fingerprint(de) in name for name in stores), stores


def test_an_edit_writes_back_one_shard_of_each_store(synthetic_project: Path) -> None:
    settings = settings_for(synthetic_project)
    pipeline.run(settings)
    folder = synthetic_project / cache.FOLDER
    before = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
    assert len(before) > 4
    path = sorted((synthetic_project / "glossary").glob("[!_]*.yml"))[7]
    path.write_text(path.read_text(encoding="utf-8") + "# ein Kommentar\n", encoding="utf-8")
    same(pipeline.run(settings), staged(settings))
    after = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
    rewritten = sorted(name for name in after if after[name] != before.get(name))
    assert 1 <= len(rewritten) <= 4, rewritten  # the old key's shard and the new key's, per store


def test_a_damaged_cache_is_read_as_empty(synthetic_project: Path) -> None:
    settings = settings_for(synthetic_project)
    pipeline.run(settings)
    for store in (synthetic_project / cache.FOLDER).iterdir():
        store.write_bytes(b"\x80\x05not a pickle")
    same(pipeline.run(settings), staged(settings))


TWO_PROCESSES = """
import sys
from pathlib import Path
from lexikon.check import pipeline
from lexikon.core.settings import Language, make_settings
from tests.support.staged import staged as stages

settings = make_settings(Path(sys.argv[1]), [Language("de", "Deutsch", True), Language("da", "Dansk")], None)
assert pipeline._can_fork(), "a fresh interpreter has one thread"
pipeline.PARALLEL_FROM = 2
forked = []
real = pipeline.ProcessPoolExecutor
pipeline.ProcessPoolExecutor = lambda *a, **k: forked.append(1) or real(*a, **k)
staged = stages(settings)
both = pipeline.run(settings, cache=False)
assert both.findings == staged.findings and both.glossary == staged.glossary
for entry_id, entry in staged.glossary.entries.items():
    assert entry.spans == both.glossary.entries[entry_id].spans
light = pipeline.check_only(settings, cache=False)
assert (light.findings, light.entry_count) == (staged.findings, 40)
assert forked == [1, 1], forked
print("same")
"""


def test_two_processes_give_what_one_gives(synthetic_project: Path) -> None:
    """In a fresh interpreter: pytest's own threads (a browser's, a server's) rule out forking."""
    if (os.cpu_count() or 1) < 2 or not hasattr(os, "fork"):
        pytest.skip("needs two cores and fork")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "hooks"), str(ROOT)])}
    result = subprocess.run([sys.executable, "-c", TWO_PROCESSES, str(synthetic_project)],
                            capture_output=True, text=True, check=False, env=env)
    assert result.returncode == 0 and result.stdout.strip() == "same", result.stderr[-3000:]


def test_check_without_cache_leaves_no_cache(make_project) -> None:
    project = make_project()
    assert project.lexicon("check", "--no-cache").returncode == 0
    assert not (project.root / cache.FOLDER).exists()
    assert project.lexicon("check").returncode == 0
    assert any((project.root / cache.FOLDER).iterdir())

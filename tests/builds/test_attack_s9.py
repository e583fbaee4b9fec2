"""Session 9's attacker: the caches spilled as made, Pagefind handed the searched part, serve's
kept check, against input the authors did not design for. Every build must still equal a cold
build, and fail (if it fails) in one line, never a traceback."""

from __future__ import annotations

import contextlib
import filecmp
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.project import Project


@contextlib.contextmanager
def _read_only(folder: Path) -> Iterator[None]:
    """``folder`` read-only as a file system (root writes through a mode, not through this)."""
    mounted = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip("cannot bind-mount here (needs root)")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True, capture_output=True)
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def _differences(left: Path, right: Path) -> list[str]:
    compared = filecmp.dircmp(left, right)
    found = [f"{left}/{name}" for name in compared.left_only + compared.right_only + compared.diff_files]
    for name in compared.common_files:  # dircmp compares by stat only
        if (left / name).read_bytes() != (right / name).read_bytes():
            found.append(f"{left}/{name}")
    for name in compared.common_dirs:
        found += _differences(left / name, right / name)
    return sorted(set(found))


def _cold(project: Project, tmp_path: Path) -> Path:
    """The site a cold build makes of ``project`` as it is now (a copy without its caches)."""
    cold = Project(tmp_path / "cold")
    shutil.copytree(project.root, cold.root, ignore=shutil.ignore_patterns(".cache", "site"))
    result = cold.build()
    assert result.returncode == 0, result.stderr
    return cold.site


def test_a_build_with_a_read_only_cache_folder_is_the_cold_build(
        make_project: Callable[..., Project], tmp_path: Path) -> None:
    """The cache and trash folders exist from an earlier run, but nothing can be made in them
    (a read-only mount, a CI cache restored read-only): the build runs without its caches.
    It stopped with a traceback (making the exports' folder in the trash)."""
    project = make_project()
    assert project.build().returncode == 0
    assert (project.root / ".cache" / "lexikon-trash").is_dir()
    entry = project.glossary / "backsourcing.yml"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("Backsourcing ist die", "Backsourcing ist eben die"), encoding="utf-8")
    with _read_only(project.root / ".cache"):
        result = project.build()
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    assert _differences(project.site, _cold(project, tmp_path)) == []


def _edit_and_build_with(project: Project, tmp_path: Path, sitecustomize: str) -> subprocess.CompletedProcess:
    """An entry edited, then a build in a Python that runs ``sitecustomize`` first (the fault)."""
    entry = project.glossary / "backsourcing.yml"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("Backsourcing ist die", "Backsourcing ist eben die"), encoding="utf-8")
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(sitecustomize, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(project.site)],
                          cwd=project.root, capture_output=True, text=True, errors="replace", check=False,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1",
                               "PYTHONPATH": f"{hook}{os.pathsep}{project.root / 'hooks'}"})


_KILLED_WHILE_WRITING = '''
import os, signal
_replace = os.replace
def replace(source, target, *args, **kwargs):
    if "/.cache/lexikon/.frames-" in str(source) and str(source).endswith(".tmp"):
        os.kill(os.getpid(), signal.SIGKILL)  # as a kill -9 at this instant
    return _replace(source, target, *args, **kwargs)
os.replace = replace
'''


def test_a_build_killed_while_writing_its_store_leaves_nothing_in_the_cache(
        make_project: Callable[..., Project], tmp_path: Path) -> None:
    """A build killed while it writes a store shard leaves the shard's temporary file; the next
    good build took it for no file of its own and left it in ``.cache/lexikon`` for good."""
    project = make_project()
    assert project.build().returncode == 0
    killed = _edit_and_build_with(project, tmp_path, _KILLED_WHILE_WRITING)
    assert killed.returncode == -signal.SIGKILL
    cache = project.root / ".cache" / "lexikon"
    assert [path.name for path in cache.iterdir() if path.name.startswith(".")]  # what the kill left
    result = project.build()
    assert result.returncode == 0, result.stderr
    assert [path.name for path in cache.iterdir() if path.name.startswith(".")] == []
    assert _differences(project.site, _cold(project, tmp_path)) == []


def test_a_store_file_replaced_by_a_link_is_one_line_and_not_written_through(
        make_project: Callable[..., Project], tmp_path: Path) -> None:
    """A store file of the current fingerprint that is a link (a pull request can commit one
    into ``.cache/lexikon``): the build refuses to write through it, as for a linked ``.cache``,
    in one line; it stopped with a traceback (WriteRefused out of the page store's finish)."""
    project = make_project()
    assert project.build().returncode == 0
    outside = tmp_path / "outside.txt"
    outside.write_text("not the cache's\n", encoding="utf-8")
    cache = project.root / ".cache" / "lexikon"
    shards = sorted(cache.glob("pages-*.json"))
    assert shards
    for shard in shards:
        shard.unlink()
        shard.symlink_to(outside)
    entry = project.glossary / "backsourcing.yml"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("Backsourcing ist die", "Backsourcing ist eben die"), encoding="utf-8")
    result = project.build()
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == 1, output
    errors = [line for line in output.splitlines() if ": error: " in line]
    assert errors and errors[0].startswith(".cache/lexikon/pages-") and "symbolic link" in errors[0], output
    assert outside.read_text(encoding="utf-8") == "not the cache's\n"
    for shard in shards:
        shard.unlink()
    assert project.build().returncode == 0
    assert _differences(project.site, _cold(project, tmp_path)) == []


_CACHE_REMOVED_WHILE_INDEXING = '''
import shutil, subprocess
_Popen = subprocess.Popen
class Popen(_Popen):
    def __init__(self, command, *args, **kwargs):
        if "pagefind" in command:  # someone empties .cache (git clean -fdx, rm -rf .cache) just now
            shutil.rmtree(".cache", ignore_errors=True)
        super().__init__(command, *args, **kwargs)
subprocess.Popen = Popen
'''


def test_the_cache_folder_removed_while_pagefind_indexes_is_one_line(
        make_project: Callable[..., Project], tmp_path: Path) -> None:
    """Pagefind's staging folder is in ``.cache``: emptied meanwhile, Pagefind makes no bundle.
    The build kept the last good site but ended in a RuntimeError's traceback."""
    project = make_project()
    assert project.build().returncode == 0
    before = (project.site / "terms" / "backsourcing" / "index.html").read_bytes()
    result = _edit_and_build_with(project, tmp_path, _CACHE_REMOVED_WHILE_INDEXING)
    output = result.stdout + result.stderr
    assert (project.site / "terms" / "backsourcing" / "index.html").read_bytes() == before  # the last good
    assert result.returncode == 1, output
    assert "Traceback" not in output, output
    errors = [line for line in output.splitlines() if ": error: " in line]
    assert errors and errors[0].startswith("lexikon: error: Pagefind could not index"), output

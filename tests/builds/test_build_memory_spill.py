"""A one-off build holds neither all pages' Markdown plain after the render nor the build
caches' new items until the store is written (issue 17, point 6: memory at 10,000 terms);
the site and the store's files stay the same byte for byte.

The build runs in-process in a child Python, cold (no ``.cache/``): once as it is, once with
the render's packing off and every cache item held in memory (as before); with and without
the second process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from tests.support.project import Project, set_parallel_from

DRIVER = textwrap.dedent("""
    import hashlib, json, shutil, sys
    from pathlib import Path
    from lexikon.check import cache_spill
    from lexikon.engine.mkdocs import caches, pages

    target, now = sys.argv[1], sys.argv[2] == "now"
    shutil.rmtree(".cache", ignore_errors=True)
    seen = {}
    if not now:
        render = pages.render
        pages.render = lambda *args, **named: render(*args, **{**named, "pack": False} if named else {})
        cache_spill.SpilledItems._file = lambda self: None
    settle = pages.settle_heap

    def settle_heap(rendered, serving):
        seen["plain after render"] = sorted(uri for uri, page in rendered.pages.items() if page.markdown)
        settle(rendered, serving)

    pages.settle_heap = settle_heap
    finish = caches.Caches.finish

    def finish_caches(self):
        for name, kept in (("frames", self.frames.kept), ("pages", self.pages.kept),
                           ("term-pages", self.term_pages.kept)):
            seen[name] = [len(kept), kept.in_memory() if hasattr(kept, "in_memory") else len(kept)]
        finish(self)

    caches.Caches.finish = finish_caches
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config("mkdocs.yml", site_dir=target, strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)

    def digests(folder, pattern):
        return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(folder.rglob(pattern)) if p.is_file()}

    store = Path(".cache/lexikon")
    seen["files"] = digests(Path(target), "*")
    seen["store"] = {name: digest for name, digest in digests(store, "*").items()
                     if name.startswith(("frames-", "pages-", "term-pages-"))}
    seen["stray"] = sorted(p.name for p in store.iterdir() if p.name.startswith("."))
    print(json.dumps(seen))
""")


def _build(project: Project, target: str, now: bool) -> dict:
    """The build's findings (see :data:`DRIVER`); the site replaces the last one in ``target``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764000000"}
    mode = "now" if now else "held"
    result = subprocess.run([sys.executable, "-c", DRIVER, str(project.root / target), mode],
                            cwd=project.root, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("parallel_from", [0, 1], ids=["one process", "second process"])
def test_render_and_caches_hold_no_pages_and_the_site_is_the_same(make_project, parallel_from: int) -> None:
    if parallel_from and (not hasattr(os, "fork") or (os.cpu_count() or 1) < 2):
        pytest.skip("needs fork and two cores")
    project: Project = make_project()
    set_parallel_from(project.root, parallel_from)
    held = _build(project, "site", now=False)  # one site folder: its path is in the frames' keys
    now = _build(project, "site", now=True)
    # Before: the render handed back every generated page's Markdown plain.
    assert len(held["plain after render"]) > 20
    assert now["plain after render"] == []
    # Before: every new item of the three stores waited in memory for the build's end.
    for name in ("frames", "pages", "term-pages"):
        made, in_memory = now[name]
        assert made >= 6 and held[name] == [made, made]
        assert in_memory == 0, name
    # The same site and the same store, byte for byte; no spill file left behind.
    assert len(now["files"]) > 50
    assert now["files"] == held["files"]
    assert len(now["store"]) >= 3 * 8
    assert now["store"] == held["store"]
    assert now["stray"] == []


PASSES = textwrap.dedent("""
    import gc, json, weakref
    from lexikon.engine.mkdocs import build as engine_build

    alive, passes = [], []
    on_env, on_pre_build = engine_build.LexikonBuild.on_env, engine_build.LexikonBuild.on_pre_build

    def watch_env(self, env, config, files):
        passes.append([weakref.ref(f.page) for f in files.documentation_pages() if f.page is not None])
        return on_env(self, env, config, files)

    def watch_pre_build(self, config):
        on_pre_build(self, config)
        if passes:  # a later language pass begins: how many of the last pass's pages live on
            gc.collect()
            alive.append([len(passes[-1]), sum(ref() is not None for ref in passes[-1])])

    engine_build.LexikonBuild.on_env, engine_build.LexikonBuild.on_pre_build = watch_env, watch_pre_build
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config("mkdocs.yml", site_dir="site", strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    print(json.dumps(alive))
""")


def test_a_finished_language_pass_lets_go_of_its_pages(make_project) -> None:
    """static-i18n builds the second language inside the first pass's end: before, all of the
    first pass's pages lived through the second; now only the nav's few do."""
    project: Project = make_project()
    set_parallel_from(project.root, 0)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764000000"}
    result = subprocess.run([sys.executable, "-c", PASSES], cwd=project.root, env=env,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    alive = json.loads(result.stdout.strip().splitlines()[-1])
    assert len(alive) == 1  # two languages: one later pass
    pages, living = alive[0]
    assert pages > 10
    assert living <= pages // 2, f"{living} of {pages} pages of the first pass still alive"

"""What a cold build spends on the caches the next build uses (issue 17, point 6: a cold build
near its plain baseline), counted, not timed, on this repository's glossary.

- The frame store compresses each page's output without the page's own HTML (the page store
  holds it compressed already): the bytes compressed for the frames are the outputs' bytes
  less the pages' HTML, not the whole outputs.
- The frame key serialises the config once a language pass, not once a page.
- A warm build after the site is deleted takes the frames from the store (no file of the last
  site can be linked) and writes the same site, byte for byte.

Built in-process in a child Python (see :mod:`tests.support.build_driver`), its counts printed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap

from tests.builds.test_direct_pages import _build
from tests.support.build_driver import BUILD_AND_HASH
from tests.support.project import Project, set_parallel_from

DRIVER = textwrap.dedent("""
    import hashlib, json, os, sys, zlib
    from pathlib import Path
    from lexikon.engine.mkdocs import frame_cache, render_memo

    target, mode = sys.argv[1], sys.argv[2]
    counted = {"settings": 0, "outputs": 0, "contents": 0, "compressed": 0, "frames": 0, "hits": 0}
    inside = [False]

    def count(data):
        if inside[0]:
            counted["compressed"] += len(data)

    class Compressor:
        def __init__(self, real):
            self.real = real

        def compress(self, data):
            count(data)
            return self.real.compress(data)

        def flush(self, *args):
            return self.real.flush(*args)

    class Zlib:
        def compress(self, data, *args):
            count(data)
            return zlib.compress(data, *args)

        def compressobj(self, *args, **kwargs):
            return Compressor(zlib.compressobj(*args, **kwargs))

        def __getattr__(self, name):
            return getattr(zlib, name)

    render_memo.zlib = Zlib()
    try:  # where the frames are packed since
        from lexikon.engine.mkdocs import frame_pack
        frame_pack.zlib = Zlib()
    except ImportError:
        pass
    Frames = frame_cache.FrameCache
    settings, keep, end_pass = frame_cache._settings, Frames._keep, Frames.end_pass

    def counted_settings(config):
        counted["settings"] += 1
        return settings(config)

    def counted_keep(self, context, output):
        page = context.get("page")
        counted["frames"] += 1
        counted["outputs"] += len(output.encode())
        counted["contents"] += len((page.content or "").encode())
        inside[0] = True
        try:
            return keep(self, context, output)
        finally:
            inside[0] = False

    def counted_end_pass(self):
        counted["hits"] += self.hits
        return end_pass(self)

    frame_cache._settings = counted_settings
    frame_cache.FrameCache._keep = counted_keep
    frame_cache.FrameCache.end_pass = counted_end_pass

""") + BUILD_AND_HASH + 'print(json.dumps({"files": files, **counted}))\n'


def _warm(project: Project, target: str) -> dict:
    """As :func:`_build`, but with the store the last build left (``_build`` empties it), the
    last site deleted (the frame key holds the output folder: the same one)."""
    shutil.rmtree(project.root / target)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764000000"}
    result = subprocess.run([sys.executable, "-c", DRIVER, str(project.root / target), "warm"],
                            cwd=project.root, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_frames_are_compressed_without_the_pages_html_and_come_back_whole(make_project) -> None:
    project: Project = make_project()
    set_parallel_from(project.root, 0)
    cold = _build(project, "cold", "cold", DRIVER)
    assert cold["frames"] >= 20 and cold["contents"] > 0.1 * cold["outputs"], cold
    # Before: every output compressed whole (compressed == outputs).
    assert 0 < cold["compressed"] <= cold["outputs"] - cold["contents"] + 200 * cold["frames"], cold
    # Before: once for every page. Now twice a pass for each of the frames' and the kept pages'
    # keys: at our on_env, and settled at the pass's first template (a later hook may change it).
    assert cold["settings"] <= 8 < cold["frames"], cold
    warm = _warm(project, "cold")
    assert warm["hits"] >= cold["frames"] - 5 and warm["frames"] <= 5, warm
    assert warm["files"] == cold["files"]


def _dictionaries(project: Project) -> tuple[int, int]:
    """The frame store's dictionaries and frames (its files read as the store writes them)."""
    dictionaries = frames = 0
    for path in (project.root / ".cache" / "lexikon").glob("frames-*.json"):
        items = json.loads(path.read_bytes().partition(b"\n")[2])["items"]
        dictionaries += sum(item[0] == "zdict" for item in items.values())
        frames += sum(isinstance(item[0], int) for item in items.values())
    return dictionaries, frames


def test_builds_after_edits_reuse_the_frames_dictionaries(make_project) -> None:
    """A pass whose frames come from the store compresses its new frames with their dictionary:
    the store holds one a language pass, however many builds edited pages."""
    project: Project = make_project()
    assert project.build().returncode == 0
    first = _dictionaries(project)
    assert first[0] == 2 and first[1] >= 20, first
    body = "body: |\n    "
    for step, path in enumerate(sorted(project.glossary.glob("[a-z]*.yml"))[:3]):
        text = path.read_text("utf-8")
        path.write_text(text.replace(body, f"{body}Geändert {step}. ", 1), "utf-8")
        assert project.build().returncode == 0
        assert _dictionaries(project) == first, step

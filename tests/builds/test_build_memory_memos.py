"""A one-off build lets go of its render's memos once the pages are made (issue 17, memory at
10,000 terms): the texts' conversions wait on disk for the store (not in memory through the
language passes), and the term-page keys' memos (the views, every term's faces and name groups)
are dropped. The site, and every store file the next build reads, stay the same byte for byte;
the next build takes the texts' conversions from the store as before.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap

from tests.support.project import Project

DRIVER = textwrap.dedent("""
    import hashlib, json, sys
    from pathlib import Path
    from lexikon.engine.mkdocs import build as engine_build
    from lexikon.engine.mkdocs.markup_memo import MarkupMemo
    from lexikon.engine.mkdocs.render_memo import TermPageMemo

    target, settle = sys.argv[1], sys.argv[2] == "settle"
    made = []
    original_init = engine_build.LexikonBuild.__init__

    def init(self):
        original_init(self)
        made.append(self)

    engine_build.LexikonBuild.__init__ = init
    if not settle:
        MarkupMemo.settle = lambda self: None
        TermPageMemo.settle = lambda self: None
    seen = {}
    original_env = engine_build.LexikonBuild.on_env

    def on_env(self, env, config, files):  # the first pass's pages are converted: the render is long done
        if "markup" not in seen:
            caches = self.caches
            seen["markup"] = len(caches.markup.kept)
            seen["views"] = len(caches.term_pages.term_keys._views) + len(caches.keys._views)
            seen["faces"] = len(caches.term_pages.term_keys._faces)
            seen["hits"] = caches.markup.hits
        return original_env(self, env, config, files)

    engine_build.LexikonBuild.on_env = on_env

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config("mkdocs.yml", site_dir=target, strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)

    def hashes(root):
        return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(root.rglob("*")) if p.is_file()}

    print(json.dumps({"files": hashes(Path(target)), "store": hashes(Path(".cache/lexikon")), **seen}))
""")


def _build(project: Project, settle: bool) -> dict:
    """A build into ``out`` (the frames' keys hold the site's folder), that folder removed after."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764000000"}
    result = subprocess.run([sys.executable, "-c", DRIVER, str(project.root / "out"),
                             "settle" if settle else "keep"],
                            cwd=project.root, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    shutil.rmtree(project.root / "out")
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_render_memos_are_let_go_of_and_the_stores_are_the_same(make_project) -> None:
    project: Project = make_project()
    shutil.rmtree(project.root / ".cache", ignore_errors=True)
    kept = _build(project, settle=False)
    shutil.rmtree(project.root / ".cache")
    settled = _build(project, settle=True)
    assert kept["markup"] > 20 and kept["views"] > 0 and kept["faces"] > 0
    assert settled["markup"] == 0 and settled["views"] == 0 and settled["faces"] == 0
    assert len(kept["files"]) > 50
    assert settled["files"] == kept["files"]
    assert any(name.startswith("markup-") for name in settled["store"])
    assert settled["store"] == kept["store"]
    # The next build takes the texts' conversions from what the settled build stored (its other
    # stores gone: the pages are rendered again, converting every text).
    for stored in (project.root / ".cache" / "lexikon").iterdir():
        if stored.is_file() and not stored.name.startswith("markup-"):
            stored.unlink()
    again = _build(project, settle=True)
    assert again["hits"] >= kept["markup"] > 0
    assert again["files"] == kept["files"]

"""A huge page's template output holds a placeholder, not its HTML, until our ``on_post_page``
has edited it (issue 17: the printable lexicon's whole copies were the build process's peak
at 10,000 terms), and every page stays the same byte for byte: cold, warm (frames taken from
the store hold the placeholder), and a build that sets nothing aside (``mkdocs serve``) taking
such frames.

The threshold is lowered so that the small project's larger pages take the path; the build
runs in a child Python with the hook's ``on_post_page`` watched.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from tests.support.project import Project

DRIVER = textwrap.dedent("""
    import hashlib, json, sys
    from pathlib import Path
    from lexikon.engine.mkdocs import build as engine_build, huge_pages

    target, huge, aside = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "aside"
    huge_pages.HUGE = huge
    if not aside:
        engine_build.set_aside = lambda page, config, serving: None
    seen = {}
    original = engine_build.LexikonBuild.on_post_page

    def on_post_page(self, output, page, config):
        finished = original(self, output, page, config)
        seen[page.file.src_uri] = [len(output), len(finished)]
        return finished

    engine_build.LexikonBuild.on_post_page = on_post_page

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config("mkdocs.yml", site_dir=target, strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    site = Path(target)
    print(json.dumps({
        "files": {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                  for p in sorted(site.rglob("*")) if p.is_file()},
        "seen": seen,
    }))
""")
NEVER = 10**12
HUGE = 5_000


def _build(project: Project, target: str, huge: int, aside: bool = True) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764000000"}
    result = subprocess.run([sys.executable, "-c", DRIVER, str(project.root / target), str(huge),
                             "aside" if aside else "keep"],
                            cwd=project.root, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def _cold(project: Project) -> None:
    import shutil

    shutil.rmtree(project.root / ".cache", ignore_errors=True)


def test_huge_pages_hold_a_placeholder_and_the_site_is_the_same(make_project) -> None:
    project: Project = make_project()
    _cold(project)
    usual = _build(project, "usual", NEVER)
    _cold(project)
    aside = _build(project, "aside", HUGE)
    assert len(usual["files"]) > 50
    assert aside["files"] == usual["files"]
    # What MkDocs holds while our edits run: the frame, not the page's HTML (our edits add
    # a few hundred characters at most).
    assert all(finished - given < 2_000 for given, finished in usual["seen"].values())
    set_aside = {uri for uri, (given, finished) in aside["seen"].items() if finished - given >= HUGE - 2_000}
    assert {"print.md", "print.da.md", "terms/index.md", "guide.md", "guide.da.md"} <= set_aside
    # Warm: frames taken from the store hold the placeholder; the same site.
    warm = _build(project, "warm", HUGE)
    assert warm["files"] == usual["files"]
    # Such frames in a build that sets nothing aside (serve): the placeholder filled all the same.
    served = _build(project, "served", HUGE, aside=False)
    assert served["files"] == usual["files"]

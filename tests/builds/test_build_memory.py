"""A one-off build lets go of each generated page's Markdown once MkDocs has read it, and of the
entries' places in their files after the check (issue 17, point 6: memory at 10,000 terms),
and the site stays the same byte for byte.

The build runs in-process in a child Python (the hook's build object is then at hand): once
as it is, once with the release turned off; with and without the second process.
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
    import hashlib, json, sys
    from pathlib import Path
    from lexikon.engine.mkdocs import build as engine_build, pages

    target, release = sys.argv[1], sys.argv[2] == "release"
    made = []
    original_init = engine_build.LexikonBuild.__init__

    def init(self):
        original_init(self)
        made.append(self)

    engine_build.LexikonBuild.__init__ = init
    if not release:
        pages.release_markdown = lambda rendered, uri: None
        pages.settle_heap = lambda rendered, serving: None
        pages.without_spans = lambda glossary, serving: glossary

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config("mkdocs.yml", site_dir=target, strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    rendered, packed = made[0].rendered.pages, made[0].rendered.packed
    site = Path(target)
    print(json.dumps({
        "files": {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                  for p in sorted(site.rglob("*")) if p.is_file()},
        "generated": len(rendered),
        "spans": sum(len(entry.spans) + sum(len(text.spans) for text in entry.texts.values())
                     for entry in made[0].rendered.glossary.entries.values()),
        "holding": sorted(uri for uri, page in rendered.items() if page.markdown or uri in packed),
    }))
""")


def _build(project: Project, target: str, release: bool) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764000000"}
    result = subprocess.run([sys.executable, "-c", DRIVER, str(project.root / target),
                             "release" if release else "keep"],
                            cwd=project.root, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("parallel_from", [0, 1], ids=["one process", "second process"])
def test_pages_markdown_is_released_and_the_site_is_the_same(make_project, parallel_from: int) -> None:
    if parallel_from and (not hasattr(os, "fork") or (os.cpu_count() or 1) < 2):
        pytest.skip("needs fork and two cores")
    project: Project = make_project()
    set_parallel_from(project.root, parallel_from)
    kept = _build(project, "kept", release=False)
    released = _build(project, "released", release=True)
    assert kept["generated"] > 20
    assert kept["holding"], "without the release the pages keep their Markdown"
    # Every generated page was read (and so let go) in the build process: none read again.
    assert released["holding"] == []
    # The entries' places in their files (for findings, told before the render) are let go too.
    assert kept["spans"] > 0 and released["spans"] == 0
    assert len(kept["files"]) > 50
    assert released["files"] == kept["files"]

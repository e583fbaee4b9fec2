"""A converted page's HTML is compressed once, not twice (issue 17, point 6: cold build cost).

The page store packs each generated page's HTML (zlib, in base64) and the build then held the
same HTML until its template, compressed again. The held bytes are now the store's stream: no
second compression, the same site. Built in-process in a child Python, with ``held_html``'s
compressions counted, once as it is and once with the stored stream ignored (as before).
"""

from __future__ import annotations

import textwrap

from tests.builds.test_direct_pages import _build
from tests.support.build_driver import BUILD_AND_HASH
from tests.support.project import Project, set_parallel_from

DRIVER = textwrap.dedent("""
    import hashlib, json, os, sys, zlib
    from pathlib import Path
    from lexikon.engine.mkdocs import held_html

    target, mode = sys.argv[1], sys.argv[2]
    counted = {"compressed": 0, "held": 0}

    class Zlib:
        def compress(self, *args):
            counted["compressed"] += 1
            return zlib.compress(*args)

        def __getattr__(self, name):
            return getattr(zlib, name)

    held_html.zlib = Zlib()
    original = held_html.hold

    def hold(page, html, serving, stored=None):
        result = original(page, html, serving, stored if mode == "on" else None)
        counted["held"] += result == "" and bool(html)
        return result

    held_html.hold = hold

""") + BUILD_AND_HASH + 'print(json.dumps({"files": files, **counted}))\n'


def test_held_pages_reuse_the_stores_compression_and_the_site_is_the_same(make_project) -> None:
    project: Project = make_project()
    set_parallel_from(project.root, 0)
    before = _build(project, "before", "off", DRIVER)
    after = _build(project, "after", "on", DRIVER)
    assert before["held"] >= 20 and after["held"] == before["held"]
    assert before["compressed"] >= before["held"]  # each held page compressed a second time
    # Now only the pages the store does not keep (the hand-written ones) are compressed here.
    assert after["compressed"] <= before["compressed"] - 20, (before["compressed"], after["compressed"])
    assert len(after["files"]) > 50
    assert after["files"] == before["files"]

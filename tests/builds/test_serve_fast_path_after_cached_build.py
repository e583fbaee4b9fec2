"""Serve's fast path after a build whose pages came from the page store (issue 17, the flaky
``test_quick_edits_and_an_edit_during_a_full_rebuild_end_as_a_cold_build``).

The page store answers a language pass's unchanged pages: which ones is decided per pass
(:meth:`PageCache.begin_pass`, by source path and Markdown). The fast path runs the build's
page events again after the build, and the last pass's answers were still held: a Danish term
page the build had taken from the store was taken again, by its path alone, after an edit of
its twin's German title (the line "Tysk: …" showed the title before the edit). Serve hit
it when a full rebuild ran twice on one glossary state (a page of docs/ saved) and an edit
came after.

Here a serve-mode process (a child Python, the fast path driven directly, no timing) builds
twice, the second build taking every page from the store, then shows an edit of the German
title through the fast path; both pages of the entry must be those a cold build writes.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from tests.support.project import Project
from tests.support.serve_driver import CAPTURE_BUILDS, SERVE_CONFIG, cold_build, page, run_driver

PAGES = ("terms/outsourcing/index.html", "da/terms/outsourcing/index.html")
DRIVER = CAPTURE_BUILDS + textwrap.dedent("""
    import json
    from lexikon.engine.mkdocs import page_cache

    stored, original_end = [], page_cache.PageCache.end_pass

    def end_pass(self):
        stored[:] = sorted(self.hits)  # the last pass's pages taken from the store
        original_end(self)

    page_cache.PageCache.end_pass = end_pass
""") + SERVE_CONFIG + textwrap.dedent("""
    first = config()
    first.plugins.on_startup(command="serve", dirty=False)
    build(first, serve_url=url)
    build(config(), serve_url=url)  # as serve's rebuild: the same hook, its pages from the store
    live = made[0].live
    live.served, live.reload = site, lambda: None
    live._settle = lambda generation: None  # step 1 only: the edited entry's own pages
    entry = Path("glossary/outsourcing.yml")
    entry.write_text(entry.read_text("utf-8").replace("  title: Outsourcing\\n",
                                                      "  title: Outsourcing zuletzt\\n", 1), "utf-8")
    print(json.dumps({"stored": stored, "shown": live._fast({entry.resolve()})}))
""")


def test_an_edit_after_a_build_from_the_store_shows_the_twins_new_title(make_project, tmp_path: Path) -> None:
    project: Project = make_project()
    served = tmp_path / "served"
    seen = json.loads(run_driver(DRIVER, project.root, served).strip().splitlines()[-1])
    assert "terms/outsourcing.da.md" in seen["stored"], "the second build took the Danish page from the store"
    assert seen["shown"].startswith("2 page(s) of outsourcing"), seen
    cold = cold_build(project.root, tmp_path / "cold")
    assert "Outsourcing zuletzt" in page(cold, "da/terms/outsourcing/index.html")
    for relative in PAGES:
        assert page(served, relative) == page(cold, relative), f"{relative} differs from a cold build"

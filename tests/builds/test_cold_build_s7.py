"""A cold build's shared work done once (issue 17: a cold build within 1.5× of plain pages), and
the site the same byte for byte.

- Material's translations and the primary nav are rendered once a language pass for the pages
  they are the same on (:mod:`lexikon.engine.mkdocs.template_memo`);
- plain entry texts become HTML without Python-Markdown (:mod:`lexikon.render.entry_fast`).

The build runs in-process in a child Python: once as it is (counting what the memo and the
fast path took), once with both turned off (as before); every file of the two sites is compared,
for our own glossary and for a synthetic one of 40 terms, with and without the second process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from tests.bench import synthetic
from tests.support.build_driver import BUILD_AND_HASH
from tests.support.project import Project, set_parallel_from

DRIVER = textwrap.dedent("""
    import hashlib, json, sys
    from pathlib import Path
    from lexikon.engine.mkdocs import template_memo
    from lexikon.render import entry_fast, markup

    target, mode = sys.argv[1], sys.argv[2]
    counts = {"fast": 0, "navs_taken": 0, "navs_made": 0, "translated": 0}
    memo = template_memo.TemplateMemo
    fast, offer, keep = entry_fast.fast_html, memo.offer, memo._keep

    def counted_fast(text, resolve, mid):
        made = fast(text, resolve, mid)
        counts["fast"] += made is not None
        return made

    def counted_offer(self, context, page, config, nav):
        offer(self, context, page, config, nav)
        counts["navs_taken"] += "lexikon_nav_html" in context

    def counted_keep(self, context, output):
        counts["navs_made"] += 1
        return keep(self, context, output)

    if mode == "off":
        markup.fast_html = lambda text, resolve, mid: None
        template_memo.TemplateMemo.install = lambda self, env: None
    else:
        markup.fast_html = counted_fast
        template_memo.TemplateMemo.offer = counted_offer
        template_memo.TemplateMemo._keep = counted_keep

""") + BUILD_AND_HASH + 'print(json.dumps({"files": files, **counts}))\n'


def _build(project: Project, target: str, mode: str) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764000000"}
    subprocess.run(["rm", "-rf", str(project.root / ".cache")], check=True)  # cold, both times
    result = subprocess.run([sys.executable, "-c", DRIVER, str(project.root / target), mode],
                            cwd=project.root, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def _synthetic(project: Project) -> None:
    """40 synthetic terms beside ours (our articles link to ours), their tags beside ours."""
    glossary = project.root / "glossary"
    ours = (glossary / "_tags.yml").read_text(encoding="utf-8")
    synthetic.write_glossary(glossary, 40, seed=7)
    known = {line.split(":", 1)[0] for line in ours.splitlines()}
    added = [line for line in synthetic.tags_text().splitlines() if line.split(":", 1)[0] not in known]
    (glossary / "_tags.yml").write_text(ours + "".join(line + "\n" for line in added), encoding="utf-8")


@pytest.mark.parametrize("glossary, parallel_from", [("ours", 0), ("synthetic", 0), ("synthetic", 1)],
                         ids=["our glossary", "synthetic", "synthetic, second process"])
def test_shared_frames_and_fast_texts_give_the_same_site(make_project, glossary: str,
                                                         parallel_from: int) -> None:
    if parallel_from and (not hasattr(os, "fork") or (os.cpu_count() or 1) < 2):
        pytest.skip("needs fork and two cores")
    project: Project = make_project()
    if glossary == "synthetic":
        _synthetic(project)
    set_parallel_from(project.root, parallel_from)
    before = _build(project, "before", "off")
    after = _build(project, "after", "on")
    assert sorted(after["files"]) == sorted(before["files"])
    assert [name for name in after["files"] if after["files"][name] != before["files"][name]] == []
    assert before["fast"] == before["navs_taken"] == 0
    assert after["fast"] > 0 and after["navs_taken"] > 0
    pages = [name for name in after["files"] if name.endswith(".html")]
    assert len(pages) > 20
    if glossary == "synthetic":  # most pages outside the nav: one nav per pass and address set
        assert after["navs_taken"] > len(pages) // 2, after
        assert after["navs_made"] < len(pages) // 4, after


def test_a_page_in_the_nav_keeps_its_active_item_and_its_toc(make_project) -> None:
    """The memo never serves a page in the nav: its item is marked active (and the terms index's
    neighbours are not); a term page's nav marks none."""
    project: Project = make_project()
    set_parallel_from(project.root, 0)
    _build(project, "after", "on")
    site = project.root / "after"
    index = (site / "terms" / "index.html").read_text(encoding="utf-8")
    term = next((site / "terms").glob("*/index.html")).read_text(encoding="utf-8")
    assert "md-nav__item--active" in index
    assert "md-nav__item--active" not in term
    assert index.count("md-nav__link--active") >= 1 and "md-nav__link--active" not in term

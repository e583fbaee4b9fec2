"""Generated pages reach MkDocs converted by our render, not Python-Markdown (issue 17), and the
site is the same byte for byte: every page, its TOC in Material's sidebar, its heading anchors
and permalinks, the search bundles, the exports.

The build runs in-process in a child Python: once as it is (counting the pages made directly),
once with the direct path turned off (every page through Python-Markdown, as before); with and
without the second process, which converts half the pages in a fork.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap

import pytest

from tests.support.build_driver import BUILD_AND_HASH
from tests.support.project import Project, set_parallel_from

DRIVER = textwrap.dedent("""
    import hashlib, json, os, sys
    from pathlib import Path
    from lexikon.engine.mkdocs import direct
    from lexikon.render import direct_html

    target, mode = sys.argv[1], sys.argv[2]
    made = {"direct": 0}
    original = direct_html.convert

    def convert(markdown, link, slugify, *rest):
        result = original(markdown, link, slugify, *rest)
        made["direct"] += result is not None
        return result

    direct.direct_html.convert = convert
    if mode == "off":
        direct.usable = lambda config: False

""") + BUILD_AND_HASH + 'print(json.dumps({"files": files, "direct": made["direct"]}))\n'


def _build(project: Project, target: str, mode: str, driver: str = DRIVER) -> dict:
    """The site ``driver`` built into ``target`` (no cache) with its counts, as JSON."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764000000"}
    for cache in (project.root / ".cache").glob("*"):
        subprocess.run(["rm", "-rf", str(cache)], check=True)
    result = subprocess.run([sys.executable, "-c", driver, str(project.root / target), mode],
                            cwd=project.root, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("parallel_from", [0, 1], ids=["one process", "second process"])
def test_pages_made_directly_are_the_pages_python_markdown_made(make_project, parallel_from: int) -> None:
    if parallel_from and (not hasattr(os, "fork") or (os.cpu_count() or 1) < 2):
        pytest.skip("needs fork and two cores")
    project: Project = make_project()
    set_parallel_from(project.root, parallel_from)
    before = _build(project, "before", "off")
    after = _build(project, "after", "on")
    assert before["direct"] == 0
    # In this process: all generated pages but the data pages (a table), or half of them when
    # the second process takes the other half.
    assert after["direct"] >= (10 if parallel_from else 20)
    assert len(after["files"]) > 50
    assert after["files"] == before["files"]
    _assert_toc_and_permalinks(project.root / "after")


def _assert_toc_and_permalinks(site) -> None:
    """A term page's headings have ids and permalinks, and the sidebar's TOC links to each."""
    pages = [page for page in (site / "terms").glob("*/index.html")]
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        article = html[html.index('<article class="md-content__inner'):html.index("</article>")]
        ids = re.findall(r'<h[1-6][^>]* id="([^"]+)"', article)
        toc = re.findall(r'<a href="#([^"]+)" class="md-nav__link">', html)
        assert ids and toc, page
        assert "lexikon-related" in toc or "lexikon-backlinks" in toc, page
        for ident in toc:  # every TOC entry leads to a heading of the page, which has its permalink
            assert ident in ids, (page, ident)
            assert f'<a class="headerlink" href="#{ident}"' in article, (page, ident)

def test_the_direct_html_reaches_the_page_of_another_language(make_project) -> None:
    project: Project = make_project()
    set_parallel_from(project.root, 0)
    after = _build(project, "after", "on")
    danish = [name for name in after["files"] if name.startswith("da/terms/") and name.endswith("index.html")]
    assert danish
    html = (project.root / "after" / danish[0]).read_text(encoding="utf-8")
    assert 'class="headerlink"' in html and "Permanent link" not in html


def test_other_markdown_settings_send_every_page_to_python_markdown(make_project) -> None:
    """The direct HTML is Python-Markdown's with this site's settings only: another extension or
    another permalink mark, and every page is converted by Python-Markdown again."""
    from mkdocs.config import load_config

    from lexikon.engine.mkdocs import direct
    project: Project = make_project()
    path = project.root / "mkdocs.yml"
    original = path.read_text(encoding="utf-8")

    def config(text: str):
        path.write_text(original.replace("  - tables\n", text, 1), encoding="utf-8")
        return load_config(str(path))

    assert direct.usable(config("  - tables\n"))
    assert not direct.usable(config("  - tables\n  - abbr\n"))
    assert not direct.usable(config("  - tables\n  - pymdownx.smartsymbols\n"))
    assert not direct.usable(config("  - tables\n  - def_list\n"))
    permalink = config("  - tables\n")
    permalink.mdx_configs["toc"]["permalink"] = "#"
    assert not direct.usable(permalink)

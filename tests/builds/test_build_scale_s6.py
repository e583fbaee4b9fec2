"""Scale of a one-off build (issue 17, point 6): a pass's converted pages wait for their
template compressed, the site stays the same byte for byte, and the work per page does not
grow with the glossary.

The builds run in-process in a child Python (the hook's build object is then at hand).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import types
import zlib
from pathlib import Path

import pytest

from lexikon.engine.mkdocs import held_html
from tests.bench import synthetic
from tests.support.build_driver import BUILD_AND_HASH
from tests.support.project import Project, set_parallel_from

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764000000"}

HELD = textwrap.dedent("""
    import hashlib, json, sys
    from pathlib import Path
    from lexikon.engine.mkdocs import build as engine_build, held_html

    target, hold = sys.argv[1], sys.argv[2] == "hold"
    if not hold:
        held_html.hold = lambda page, html, serving, stored=None: html
    seen = []
    original_on_env = engine_build.LexikonBuild.on_env

    def on_env(self, env, config, files):  # every page of the pass converted, none written yet
        pages = [f.page for f in files.documentation_pages() if f.page is not None]
        seen.append({"pages": len(pages),
                     "held": sum(1 for p in pages if vars(p).get("_lexikon_held_html")),
                     "plain_bytes": sum(len((p.content or "").encode()) + len((p.markdown or "").encode())
                                        for p in pages)})
        return original_on_env(self, env, config, files)

    engine_build.LexikonBuild.on_env = on_env
""") + BUILD_AND_HASH + 'print(json.dumps({"files": files, "passes": seen}))\n'


def _run(root: Path, driver: str, *args: str) -> dict:
    result = subprocess.run([sys.executable, "-c", driver, *args], cwd=root, env=ENV,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(("parallel_from", "search"), [(0, "pagefind"), (1, "pagefind"), (0, "lunr")],
                         ids=["one process", "second process", "lunr"])
def test_converted_pages_wait_compressed_and_the_site_is_the_same(make_project, parallel_from: int,
                                                                   search: str) -> None:
    if parallel_from and (not hasattr(os, "fork") or (os.cpu_count() or 1) < 2):
        pytest.skip("needs fork and two cores")
    project: Project = make_project()
    set_parallel_from(project.root, parallel_from)
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("search: pagefind", f"search: {search}"),
                      encoding="utf-8")
    plain = _run(project.root, HELD, str(project.root / "plain"), "plain")
    held = _run(project.root, HELD, str(project.root / "held"), "hold")
    assert len(plain["files"]) > 50
    assert held["files"] == plain["files"]
    assert [p["held"] for p in plain["passes"]] == [0, 0]
    if search == "lunr":  # Material's search reads every page it indexes: only the others are held
        assert all(0 < p["held"] < 10 for p in held["passes"]), held["passes"]
        return
    for before, after in zip(plain["passes"], held["passes"], strict=True):
        # Every page Pagefind indexes or leaves out is held packed between conversion and template
        # (the site's own pages too); their plain HTML is gone meanwhile.
        assert after["held"] >= before["pages"] - 2, (before, after)
        assert after["plain_bytes"] < before["plain_bytes"] / 10, (before, after)


def _page(meta: dict) -> types.SimpleNamespace:
    return types.SimpleNamespace(meta=meta, content=None)


def test_only_pages_search_leaves_alone_are_held() -> None:
    html = "<p>Wort</p>" * 50
    excluded = _page({"search": {"exclude": True}})
    assert held_html.hold(excluded, html, serving=False) == ""
    held_html.give_back(excluded)
    assert excluded.content == html and not hasattr(excluded, "_lexikon_held_html")
    # Material's search indexes these in its on_page_context, before ours: kept whole.
    assert held_html.hold(_page({}), html, serving=False) == html
    assert held_html.hold(_page({"search": {"boost": 2}}), html, serving=False) == html
    # Material strips data-search-* attributes from every page's HTML: such a page is kept whole.
    marked = '<p data-search-exclude="">Wort</p>'
    assert held_html.hold(_page({"search": {"exclude": True}}), marked, serving=False) == marked
    # mkdocs serve keeps its pages' texts.
    assert held_html.hold(_page({"search": {"exclude": True}}), html, serving=True) == html
    # Nothing held: nothing given back, the page's content untouched.
    untouched = _page({})
    untouched.content = "<p>x</p>"
    held_html.give_back(untouched)
    assert untouched.content == "<p>x</p>"


def test_held_html_is_smaller() -> None:
    page = _page({"search": {"exclude": True}})
    html = "".join(f'<li><a href="../t{i}/">Begriff {i} – „Zitat“</a></li>' for i in range(2000))
    held_html.hold(page, html, serving=False)
    assert len(vars(page)["_lexikon_held_html"]) < len(html.encode()) / 4
    assert zlib.decompress(vars(page)["_lexikon_held_html"]).decode() == html


COUNTED = textwrap.dedent("""
    import cProfile, json, re, sys
    from pathlib import Path
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config("mkdocs.yml", site_dir=sys.argv[1], strict=False)
    config.plugins.on_startup(command="build", dirty=False)
    profile = cProfile.Profile()
    profile.enable()
    build(config)
    profile.disable()
    functions = {}
    for entry in profile.getstats():
        code = entry.code
        name = code if isinstance(code, str) else f"{code.co_filename}:{code.co_firstlineno}({code.co_name})"
        name = re.sub(r" at 0x[0-9a-f]+", "", name.split("site-packages/")[-1].split("/hooks/")[-1])
        functions[name] = functions.get(name, 0) + entry.callcount
    pages = sum(1 for _ in Path(sys.argv[1]).rglob("*.html"))
    print(json.dumps({"calls": sum(functions.values()), "pages": pages, "functions": functions}))
""")


def test_calls_do_not_grow_faster_than_the_glossary(tmp_path: Path) -> None:
    """Python and C calls of a whole one-process build (check, render, both language passes,
    templates, exports, search input) at 20 and 80 terms: the calls each added page costs
    stay the same, and no function is called more than about four times as often (a few
    words vary with the corpus). Work per page that walks the glossary (a nav, an A–Z or a
    lookup over all files in every page) is called ~16 times as often at four times the
    terms; spread over a whole build it would hardly move the total at these sizes."""
    counts = []
    for size in (20, 40, 80):
        root = tmp_path / f"p{size}"
        synthetic.make_project(root, size, seed=3)
        set_parallel_from(root, 0)
        counts.append(_run(root, COUNTED, str(root / "site")))
    (c20, c40, c80) = counts
    first = (c40["calls"] - c20["calls"]) / (c40["pages"] - c20["pages"])
    second = (c80["calls"] - c40["calls"]) / (c80["pages"] - c40["pages"])
    assert second <= first * 1.2, (first, second)
    grown = {name: (c20["functions"].get(name, 0), calls) for name, calls in c80["functions"].items()
             if calls >= 1000 and calls > GROWTH * max(c20["functions"].get(name, 0), 1)}
    assert grown == {}, grown


GROWTH = 4 * 1.6
"""At four times the terms, at most this many times the calls of any function called often."""

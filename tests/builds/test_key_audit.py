"""Session 13's audit of what a page's render reads, against the kept pages', frames' and the
kept 404's keys (issue 17): each case changes one such input between two builds, and the
incremental site equals a cold build of the same files (``.cache/`` and ``site/`` left out)
byte for byte; where the case names a text, the incremental site shows it.

Inputs: ``extra`` values a partial prints, ``extra_css`` / ``extra_javascript`` entries and a
stylesheet's bytes, a theme override partial added or removed, the Danish pass's
``theme.language`` (Material's strings), ``copyright``, the nav, a docs article linking a
term, a term renamed with its links, and a site hook's ``on_config``, ``on_nav`` or
``on_page_markdown`` reading a file (``mkdocs.yml`` and the hooks unchanged)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.bench.synthetic import write_glossary
from tests.builds.test_attack_s12b import _build, _edit, _same_as_cold
from tests.builds.test_site_hook_keys import _HEAD as _FILE_HOOK  # a site hook reading notice.txt
from tests.support.project import Project, copy_project

pytestmark = pytest.mark.slow  # whole builds; in `make test` all the same

_HOOKS = {
    "on-config": _FILE_HOOK + '''
def on_config(config):
    config.extra["notice"] = _notice(config)
    return config
''',
    "on-nav": _FILE_HOOK + '''
def on_nav(nav, config, files):
    nav.items[-1].title = _notice(config)
    return nav
''',
    "on-page-markdown": _FILE_HOOK + '''
def on_page_markdown(markdown, page, config, files):
    return markdown + "\\n\\n" + _notice(config) + "\\n"
''',
}
_PARTIAL = "<div class=notice>{{ config.extra.notice }}</div>"


def _with_hook(case: str) -> Callable[[Project], None]:
    def setup(project: Project) -> None:
        (project.root / "hooks" / "site_hook.py").write_text(_HOOKS[case], encoding="utf-8")
        (project.root / "notice.txt").write_text("Hinweis eins\n", encoding="utf-8")
        _partial(project, _PARTIAL)
        ours = "  - hooks/lexikon_hook.py\n"
        _edit(project.root / "mkdocs.yml", ours, ours + "  - hooks/site_hook.py\n")
    return setup


def _notice_changed(project: Project) -> None:
    (project.root / "notice.txt").write_text("Hinweis zwei\n", encoding="utf-8")


def _partial(project: Project, text: str) -> None:
    (project.root / "hooks/overrides/partials/copyright.html").write_text(text, encoding="utf-8")


def _article(project: Project) -> None:
    term = sorted(path.stem for path in project.glossary.glob("[a-z]*.yml"))[0]
    for suffix, title in (("", "Ein neuer Artikel"), (".da", "En ny artikel")):
        project.write(f"docs/articles/neu{suffix}.md", f"""
            ---
            title: "{title}"
            description: Zum Test.
            terms: true
            ---

            Dieser Text nennt [[{term}]] und sonst nichts.
            """)


def _rename(project: Project) -> None:
    """The first entry renamed (its file), every link to it following."""
    paths = sorted(project.glossary.glob("[a-z]*.yml"))
    old = paths[0].stem
    paths[0].rename(project.glossary / "umbenannt.yml")
    for path in project.glossary.glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        changed = re.sub(rf"\b{re.escape(old)}\b", "umbenannt", text)
        if changed != text:
            path.write_text(changed, encoding="utf-8")


def _nothing(project: Project) -> None:
    return None


def _yml(old: str, new: str) -> Callable[[Project], None]:
    return lambda project: _edit(project.root / "mkdocs.yml", old, new)


_CASES: dict[str, tuple[Callable[[Project], None], Callable[[Project], None], tuple[str, str] | None]] = {
    "extra-value": (
        lambda p: (_partial(p, _PARTIAL),
                   _yml("  generator: false\n", "  generator: false\n  notice: Hinweis eins\n")(p)),
        _yml("notice: Hinweis eins", "notice: Hinweis zwei"),
        ("da/404.html", "Hinweis zwei")),
    "extra-css-bytes": (
        _nothing, lambda p: _edit(p.root / "docs/assets/lexikon.css", "{", "{ outline: 0;"),
        ("assets/lexikon.css", "outline: 0;")),
    "extra-css-added": (
        _nothing,
        lambda p: (p.write("docs/assets/more.css", "p { margin: 0 }\n"),
                   _yml("  - assets/lexikon.css\n", "  - assets/lexikon.css\n  - assets/more.css\n")(p)),
        ("404.html", "assets/more.css")),
    "extra-javascript-added": (
        _nothing,
        lambda p: (p.write("docs/assets/more.js", "void 0;\n"),
                   _yml("extra_css:\n", "extra_javascript:\n  - assets/more.js\nextra_css:\n")(p)),
        ("da/404.html", "assets/more.js")),
    "override-partial-added": (_nothing, lambda p: _partial(p, "<div class=neu>Neu</div>"),
                               ("404.html", "class=neu")),
    "override-partial-removed": (
        lambda p: _partial(p, "<div class=alt>Alt</div>"),
        lambda p: (p.root / "hooks/overrides/partials/copyright.html").unlink(), None),
    "danish-theme-language": (
        _nothing, _yml("            language: da\n", "            language: nb\n"),
        ("da/404.html", 'lang="nb"')),
    "copyright": (
        _nothing, _yml("strict: false\n", "strict: false\ncopyright: Neu 2026\n"),
        ("da/404.html", "Neu 2026")),
    "nav-entry-removed": (_nothing, _yml("  - changes.md\n", ""), None),
    "article-added": (_nothing, _article, None),
    "term-renamed": (_nothing, _rename, ("terms/umbenannt/index.html", "umbenannt")),
    "hook-on-config": (_with_hook("on-config"), _notice_changed, ("da/404.html", "Hinweis zwei")),
    "hook-on-nav": (_with_hook("on-nav"), _notice_changed, ("404.html", "Hinweis zwei")),
    "hook-on-page-markdown": (_with_hook("on-page-markdown"), _notice_changed, None),
}


@pytest.fixture(scope="module")
def glossary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("audit") / "glossary"
    write_glossary(folder, 12, 14)
    return folder


@pytest.mark.parametrize("case", sorted(_CASES))
def test_an_input_of_the_render_changed_between_two_builds(tmp_path: Path, glossary: Path, case: str) -> None:
    setup, change, expect = _CASES[case]
    project = copy_project(tmp_path / "project", glossary)
    setup(project)
    _build(project)
    change(project)
    _build(project)
    if expect is not None:
        assert expect[1] in (project.site / expect[0]).read_text(encoding="utf-8")
    _same_as_cold(project, tmp_path)


def test_a_hooks_markdown_from_a_file_reaches_every_term_page(tmp_path: Path, glossary: Path) -> None:
    project = copy_project(tmp_path / "project", glossary)
    _with_hook("on-page-markdown")(project)
    _build(project)
    _notice_changed(project)
    _build(project)
    pages = sorted(project.site.glob("**/terms/*/index.html"))
    assert len(pages) > 10
    assert all("Hinweis zwei" in path.read_text(encoding="utf-8") for path in pages)

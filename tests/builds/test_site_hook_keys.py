"""What a site hook (another file under ``hooks:`` in ``mkdocs.yml``) gives the templates is in
the kept pages' and frames' keys (issue 17; attack-s12b's open point): a Jinja global or filter
set at ``on_env`` from a file, a context value set per page, an ``on_post_page`` change. The
file changes, ``mkdocs.yml`` and the hooks do not: the incremental site equals a cold build of
the same files, and plain data does not cost the kept pages (unchanged: the same inodes)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.bench.synthetic import write_glossary
from tests.builds.test_attack_s12b import _build, _edit, _same_as_cold
from tests.support.project import Project, copy_project

pytestmark = pytest.mark.slow  # whole builds; in `make test` all the same

_HEAD = '''from pathlib import Path


def _notice(config):
    return (Path(config.config_file_path).parent / "notice.txt").read_text(encoding="utf-8").strip()

'''
HOOKS = {
    "global": _HEAD + '''
def on_env(env, config, files):
    env.globals["notice"] = _notice(config)
    env.globals["notice_parts"] = {"lines": [_notice(config), 1, 2.5, True, None], "pair": ("a", "b")}
    return env
''',
    "global-after-ours": _HEAD + '''
from mkdocs.plugins import event_priority


@event_priority(-200)  # after our on_env (-100)
def on_env(env, config, files):
    env.globals["notice"] = _notice(config)
    config.copyright = "stamp " + _notice(config)
    return env
''',
    "new-env-after-ours": _HEAD + '''
from mkdocs.plugins import event_priority


@event_priority(-200)
def on_env(env, config, files):
    other = env.overlay()
    other.globals = {**env.globals, "notice": _notice(config)}
    return other
''',
    "filter": _HEAD + '''
def on_env(env, config, files):
    env.filters["noticed"] = lambda text: text + " " + _notice(config)
    return env
''',
    "callable-global": _HEAD + '''
def on_env(env, config, files):
    env.globals["notice_of"] = lambda: _notice(config)
    return env
''',
    "loader": _HEAD + '''
import jinja2


def on_env(env, config, files):
    folder = Path(config.config_file_path).parent / "more-templates" / "partials"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "copyright.html").write_text("<div class=notice>" + _notice(config) + "</div>")
    env.loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(folder.parent)), env.loader])
    return env
''',
    "finalize": _HEAD + '''
def on_env(env, config, files):
    env.finalize = lambda value: _notice(config) if value == "NOTICE" else value
    return env
''',
    "page-context": _HEAD + '''
def on_page_context(context, page, config, nav):
    context["notice"] = _notice(config)
    return context
''',
    "post-page": _HEAD + '''
def on_post_page(output, page, config):
    return output.replace("</footer>", "<!-- " + _notice(config) + " --></footer>")
''',
    "template-context": _HEAD + '''
def on_template_context(context, template_name, config):
    context["notice"] = _notice(config)
    return context
''',
}
PARTIAL = {
    "global": "<div class=notice>{{ notice }} {{ notice_parts.lines[0] }}</div>",
    "global-after-ours": "<div class=notice>{{ notice }} {{ config.copyright }}</div>",
    "new-env-after-ours": "<div class=notice>{{ notice }}</div>",
    "filter": "<div class=notice>{{ 'Hinweis' | noticed }}</div>",
    "callable-global": "<div class=notice>{{ notice_of() }}</div>",
    "loader": "",
    "finalize": "<div class=notice>{{ 'NOTICE' }}</div>",
    "page-context": "<div class=notice>{{ notice }}</div>",
    "post-page": "",
    "template-context": "<div class=notice>{{ notice }}</div>",
}


@pytest.fixture(scope="module")
def glossary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site-hook") / "glossary"
    write_glossary(folder, 12, 13)
    return folder


def _with_hook(project: Project, case: str, first: bool = False) -> None:
    """The case's hook listed after ours (or before it), its partial in the theme's overrides."""
    (project.root / "hooks" / "site_hook.py").write_text(HOOKS[case], encoding="utf-8")
    (project.root / "notice.txt").write_text("Hinweis eins\n", encoding="utf-8")
    (project.root / "hooks" / "overrides" / "partials" / "copyright.html").write_text(PARTIAL[case],
                                                                                      encoding="utf-8")
    ours, theirs = "  - hooks/lexikon_hook.py\n", "  - hooks/site_hook.py\n"
    _edit(project.root / "mkdocs.yml", ours, theirs + ours if first else ours + theirs)


def _inodes(site: Path) -> dict[str, int]:
    return {path.relative_to(site).as_posix(): path.stat().st_ino
            for path in sorted(site.glob("**/terms/*/index.html"))}


@pytest.mark.parametrize("case", sorted(HOOKS))
def test_a_value_a_site_hook_reads_from_a_file_reaches_every_page(tmp_path: Path, glossary: Path,
                                                                  case: str) -> None:
    project = copy_project(tmp_path / "project", glossary)
    _with_hook(project, case)
    _build(project)
    (project.root / "notice.txt").write_text("Hinweis zwei\n", encoding="utf-8")
    _build(project)
    pages = sorted(project.site.glob("**/terms/*/index.html"))
    shown = [path for path in pages if "Hinweis zwei" in path.read_text(encoding="utf-8")]
    if case != "template-context":  # that event is the 404's and the sitemap's only
        assert len(shown) == len(pages) > 10
    _same_as_cold(project, tmp_path)


def test_plain_data_keeps_the_pages_of_a_build_with_no_change(tmp_path: Path, glossary: Path) -> None:
    """A global of plain data is named in the keys by its value: nothing changed, nothing built."""
    project = copy_project(tmp_path / "project", glossary)
    _with_hook(project, "global", first=True)
    _build(project)
    before = _inodes(project.site)
    _build(project)
    assert _inodes(project.site) == before
    (project.root / "notice.txt").write_text("Hinweis zwei\n", encoding="utf-8")
    _build(project)
    after = _inodes(project.site)
    assert not set(after.items()) & set(before.items())
    assert "Hinweis zwei" in (project.site / "404.html").read_text(encoding="utf-8")
    assert os.path.exists(project.site / "da" / "404.html")
    _same_as_cold(project, tmp_path)

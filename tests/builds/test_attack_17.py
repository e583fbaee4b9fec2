"""Attacks on issue 17's promise "a cold build and an incremental one give byte-identical sites"
(README "Performance"): edits after which a build that takes from ``.cache/`` makes another site
than a cold build of the same files. Each test failed before its fix (the page store's
fingerprint, the exports' key)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.bench.synthetic import write_glossary
from tests.builds.test_incremental_identity import _differences
from tests.support.project import Project, copy_project

pytestmark = pytest.mark.slow  # whole builds


def _build(project: Project) -> None:
    result = project.build(strict=True)
    assert result.returncode == 0, result.stderr


def _cold_differences(project: Project, tmp_path: Path, name: str) -> list[str]:
    """The files in which the site just built differs from a cold build of the same files."""
    incremental = tmp_path / f"{name}-incremental"
    shutil.copytree(project.site, incremental)
    shutil.rmtree(project.root / ".cache" / "lexikon")
    shutil.rmtree(project.site)
    _build(project)
    return _differences(incremental, project.site)


def _small_project(tmp_path: Path, size: int = 4) -> Project:
    glossary = tmp_path / "glossary"
    write_glossary(glossary, size, 7)
    return copy_project(tmp_path / "project", glossary)


# Was broken: a change to a config file mkdocs.yml INHERITs (toc permalink) is not seen by the
# page store's fingerprint (only mkdocs.yml's bytes): the generated pages' converted HTML is taken
# stale (terms/*/index.html, tags/*/index.html, changes/ ...)
def test_a_change_in_an_inherited_config_file_gives_a_cold_builds_site(tmp_path: Path) -> None:
    project = _small_project(tmp_path)
    config = project.root / "mkdocs.yml"
    config.rename(project.root / "base.yml")
    config.write_text("INHERIT: base.yml\n", "utf-8")
    _build(project)
    base = project.root / "base.yml"
    text = base.read_text("utf-8")
    assert "      permalink: true\n" in text
    base.write_text(text.replace("      permalink: true\n", '      permalink: "#"\n', 1), "utf-8")
    _build(project)
    assert _cold_differences(project, tmp_path, "inherit") == []


# Was broken: a Markdown extension's option read from the environment (!ENV in mkdocs.yml, toc
# permalink) changes while mkdocs.yml's bytes stay: the page store's fingerprint misses it and the
# generated pages' HTML is taken stale (terms/*/index.html)
def test_an_environment_variable_the_markdown_options_read_gives_a_cold_builds_site(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = _small_project(tmp_path)
    config = project.root / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "      permalink: true\n" in text
    option = "      permalink: !ENV [LEX_PERMALINK, true]\n"
    config.write_text(text.replace("      permalink: true\n", option, 1), "utf-8")
    monkeypatch.delenv("LEX_PERMALINK", raising=False)
    _build(project)
    monkeypatch.setenv("LEX_PERMALINK", "#")
    _build(project)
    assert _cold_differences(project, tmp_path, "environment") == []


# Was broken: an edit to another MkDocs hook the project lists in mkdocs.yml (its on_page_markdown
# adds a line) is in no key (the fingerprint hashes only hooks/lexikon/ and mkdocs.yml): generated
# pages keep the old line (terms/*/index.html, tags/*)
def test_an_edit_to_another_hook_of_the_project_gives_a_cold_builds_site(tmp_path: Path) -> None:
    project = _small_project(tmp_path)
    hook = project.write("hooks/site_hook.py", """\
        def on_page_markdown(markdown, page, config, files):
            return markdown + "\\n\\nFusszeile eins.\\n"
        """)
    config = project.root / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "  - hooks/lexikon_hook.py\n" in text
    config.write_text(text.replace("  - hooks/lexikon_hook.py\n",
                                   "  - hooks/lexikon_hook.py\n  - hooks/site_hook.py\n", 1), "utf-8")
    _build(project)
    hook.write_text(hook.read_text("utf-8").replace("eins", "zwei"), "utf-8")
    _build(project)
    assert _cold_differences(project, tmp_path, "hook") == []


# Was broken: reordering glossary/_tags.yml (same tags and labels) keeps the SKOS exports: their
# key hashes the tags with sorted keys, but the files list the tag collections in file order
# (glossary.ttl, glossary.jsonld differ)
def test_reordering_the_tags_file_gives_a_cold_builds_site(tmp_path: Path) -> None:
    project = _small_project(tmp_path)
    _build(project)
    tags = project.glossary / "_tags.yml"
    lines = tags.read_text("utf-8").splitlines(keepends=True)
    assert len(lines) > 2 and all(": {" in line for line in lines)
    tags.write_text("".join(reversed(lines)), "utf-8")
    _build(project)
    assert _cold_differences(project, tmp_path, "tags-order") == []

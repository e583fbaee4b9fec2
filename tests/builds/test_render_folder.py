"""``lexicon render --out DIR``: the generated pages as plain folders that an engine without
hooks builds. Zensical (Material's successor, which reads ``mkdocs.yml`` but runs no hooks or
plugins) builds one language of it; plain MkDocs without our hook builds the other."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

from tests.support.project import Project

ZENSICAL = Path(sys.executable).with_name("zensical")


def _render(project: Project, out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = project.lexicon("render", "--out", str(out), *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def _entries(project: Project) -> list[str]:
    return sorted(path.stem for path in project.glossary.glob("*.yml") if not path.stem.startswith("_"))


def _article_text(page: Path) -> str:
    tree = lxml_html.fromstring(page.read_bytes())
    return " ".join(" ".join(" ".join(article.itertext()).split()) for article in tree.iter("article"))


@pytest.mark.slow
def test_zensical_builds_every_term_page_of_one_language(make_project, tmp_path: Path) -> None:
    if not ZENSICAL.exists():
        pytest.fail(f"zensical not installed beside {sys.executable}: `make test` installs the test needs")
    project: Project = make_project()
    out = project.root / "plain"
    _render(project, out, "--lang", "da")
    assert sorted(p.name for p in out.iterdir()) == ["da"]
    build = subprocess.run([str(ZENSICAL), "build"], cwd=out / "da", capture_output=True, text=True,
                           check=False, env={**os.environ, "NO_COLOR": "1"})
    assert build.returncode == 0, build.stdout + build.stderr
    site = out / "da" / "site"
    for entry_id in _entries(project):
        page = site / "terms" / entry_id / "index.html"
        assert page.is_file(), f"no page for {entry_id}"
        text = _article_text(page)
        assert text, f"{entry_id}: empty article"
    assert "Insourcing er tildelingen af et projekt" in _article_text(site / "terms/insourcing/index.html")
    assert (site / "terms" / "index.html").is_file() and (site / "tags" / "index.html").is_file()


@pytest.mark.slow
def test_mkdocs_without_the_hook_builds_the_default_language(make_project, tmp_path: Path) -> None:
    project: Project = make_project()
    out = project.root / "plain"
    _render(project, out, "--lang", "de", "--site-url", "https://lexikon.example/")
    config = json.loads((out / "de" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks" not in config and "plugins" not in config
    assert config["site_url"] == "https://lexikon.example/"
    for name in ("glossary.json", "glossary.tbx", "glossary.de.csv"):
        assert (out / "de" / "docs" / name).is_file(), name  # the exports sit at the site's root
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=out / "de",
                           capture_output=True, text=True, check=False,
                           env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert build.returncode == 0, build.stderr
    for entry_id in _entries(project):
        assert (out / "de" / "site" / "terms" / entry_id / "index.html").is_file(), entry_id
    assert "Der Begriff Backsourcing" in _article_text(out / "de/site/terms/backsourcing/index.html")


def test_render_writes_only_inside_the_project(make_project, tmp_path: Path) -> None:
    project: Project = make_project()
    result = project.lexicon("render", "--out", str(tmp_path / "elsewhere"))
    assert result.returncode == 1
    assert "error:" in result.stdout + result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "elsewhere").exists()


def test_render_refuses_a_glossary_with_errors(make_project, tmp_path: Path) -> None:
    project: Project = make_project()
    (project.glossary / "broken.yml").write_text("de:\n  title: [\n", encoding="utf-8")
    out = project.root / "plain"
    result = project.lexicon("render", "--out", str(out))
    assert result.returncode == 1
    assert "glossary/broken.yml:" in result.stdout
    assert not out.exists() or not any(out.rglob("*.md"))
    shutil.rmtree(out, ignore_errors=True)

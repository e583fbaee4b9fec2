"""``lexicon render --out``: articles reach an engine without hooks as the hook's build makes
them (cross-links resolved, raw HTML refused, a notice where a language is missing), never
as their raw source."""

from __future__ import annotations

from pathlib import Path

from tests.support.articles import ONE_TERM
from tests.support.project import copy_project

GLOSSARY = ONE_TERM


def test_articles_are_written_safe_per_language(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", GLOSSARY)
    project.write("docs/wissen/a.md",
                  '---\ntitle: "<b>A</b>"\ndescription: Kurz.\n---\n# A\n\nÜber [[outsourcing]].\n')
    out = project.root / "out"
    result = project.lexicon("render", "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "docs/wissen/a.md:1:1: warning: this article has no version in Dansk (da)" in result.stdout
    german = (out / "de" / "docs" / "wissen" / "a.md").read_text(encoding="utf-8")
    assert german.startswith('---\ntitle: "&lt;b&gt;A&lt;/b&gt;"\ndescription: "Kurz."\n---\n')
    assert "[[" not in german and 'href="../../terms/outsourcing/" title="Die Vergabe nach außen."' in german
    danish = (out / "da" / "docs" / "wissen" / "a.md").read_text(encoding="utf-8")
    assert "Denne artikel findes endnu ikke på dansk." in danish
    assert not (out / "de" / "docs" / "wissen" / "a.da.md").exists()
    assert (out / "de" / "docs" / "guide.md").is_file(), "the site's own pages are copied as they are"


def test_an_article_with_errors_writes_nothing(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", GLOSSARY)
    project.write("docs/a.md", "# A\n\n<script>x()</script>\n")
    project.write("docs/a.da.md", "# A\n")
    out = project.root / "out"
    result = project.lexicon("render", "--out", str(out))
    assert result.returncode == 1
    assert "docs/a.md:3:1: error: raw HTML '<script>' is not allowed" in result.stdout
    assert "lexicon render: 2 error(s) in the articles: nothing written" in result.stdout
    assert not out.exists()

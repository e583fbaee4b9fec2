"""The MkDocs side of articles: errors stop a build but not ``mkdocs serve`` (whose preview
shows a notice instead of an article with errors, never its source), and a page's front
matter keeps only what an article may set, its head fields as text."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import Abort

from lexikon.core.model import Entry, Glossary, Text
from lexikon.core.settings import make_settings
from lexikon.engine.mkdocs.articles import page_markdown, prepare
from tests.support.constants import LANGS, LANGUAGES

GLOSSARY = Glossary({"x": Entry("x", "glossary/x.yml", texts={
    "de": Text("de", "Iks", "Ein Iks."), "da": Text("da", "Iks", "Et iks.")})}, {}, LANGS)
CONFIG = SimpleNamespace(use_directory_urls=True, site_url=None, repo_url=None)


def settings(tmp_path: Path, files: dict[str, str]):
    for name, text in files.items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    return make_settings(tmp_path, LANGUAGES, None)


FILES = {"gut.md": "# Gut\n\n[[x]]\n", "gut.da.md": "# Godt\n",
         "boese.md": "# Böse\n\n" + "[a " * 5000 + "<script>x()</script>\n", "boese.da.md": "# Ond\n"}


def test_errors_stop_the_build(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with pytest.raises(Abort, match="error"):
        prepare(settings(tmp_path, FILES), GLOSSARY, CONFIG, serving=False)  # type: ignore[arg-type]
    assert "docs/boese.md:3:" in caplog.text


def test_serve_shows_a_notice_in_place_of_an_article_with_errors(tmp_path: Path) -> None:
    knowledge = prepare(settings(tmp_path, FILES), GLOSSARY, CONFIG, serving=True)  # type: ignore[arg-type]
    assert knowledge.markdown["boese.md"] == (
        "Dieser Artikel enthält Fehler. Die Vorschau zeigt ihn wieder, sobald lexicon check keine mehr "
        "meldet.\n")
    assert "<script" not in "".join(knowledge.markdown.values())
    assert 'href="../terms/x/"' in knowledge.markdown["gut.md"]
    assert [a.path for a in knowledge.articles] == ["boese.da.md", "boese.md", "gut.da.md", "gut.md"]
    assert knowledge.by_path["gut.md"].links == ("x",)


def test_an_article_pages_front_matter_keeps_what_articles_may_set(tmp_path: Path) -> None:
    knowledge = prepare(settings(tmp_path, {
        "a.md": '---\ntitle: "<b>T</b>"\ndescription: "D & <i>"\n---\n# K\n', "a.da.md": "# K\n"}),
        GLOSSARY, CONFIG, serving=True)  # type: ignore[arg-type]
    page = SimpleNamespace(file=SimpleNamespace(src_uri="a.md"),
                           meta={"title": "<b>T</b>", "template": "x.html", "subtitle": "<s>",
                                 "hide": ["toc"]})
    assert page_markdown(knowledge, page, "source") == knowledge.markdown["a.md"]  # type: ignore[arg-type]
    assert page.meta == {"hide": ["toc"], "title": "&lt;b&gt;T&lt;/b&gt;", "description": "D &amp; &lt;i&gt;"}
    other = SimpleNamespace(file=SimpleNamespace(src_uri="guide.md"), meta={"title": "<b>ours</b>"})
    assert page_markdown(knowledge, other, "source") == "source" and other.meta == {"title": "<b>ours</b>"}

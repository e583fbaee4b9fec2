"""``lexicon stats`` on the knowledge base: how many articles, their coverage per language, those
missing a language, and the published terms no article links to or mentions yet."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from lexikon.cli.main import EXIT_OK, main
from tests.support.constants import ROOT


def _entry(de: str, da: str, draft: bool = False) -> str:
    return ("draft: true\n" if draft else "") + textwrap.dedent(f"""\
        de:
          title: {de}
          summary: {de} ist ein Begriff.
        da:
          title: {da}
          summary: {da} er et begreb.
        """)


ENTRIES = {
    "outsourcing": _entry("Outsourcing", "Outsourcing"),
    "insourcing": _entry("Insourcing", "Insourcing"),
    "nearshoring": _entry("Nearshoring", "Nearshoring"),
    "offshoring": _entry("Offshoring", "Offshoring"),
    "entwurf": _entry("Entwurf", "Kladde", draft=True),
}
ARTICLES = {
    "wissen/wahl.md": "---\ntitle: Die Wahl\n---\n\nErst [[outsourcing]], dann vielleicht Insourcing.\n",
    "wissen/wahl.da.md": "---\ntitle: Valget\n---\n\nFørst [[outsourcing]].\n",
    "wissen/nur-deutsch.md": "---\ntitle: Nur Deutsch\n---\n\nÜber das Nearshoring.\n",
    "wissen/ohne.md": "---\ntitle: Ohne\nautolink: false\n---\n\nOffshoring, ohne Link.\n",
    "wissen/ohne.da.md": "---\ntitle: Uden\nautolink: false\n---\n\nOffshoring, uden link.\n",
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    (root / "glossary").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for entry_id, text in ENTRIES.items():
        (root / "glossary" / f"{entry_id}.yml").write_text(text, encoding="utf-8")
    for path, text in ARTICLES.items():
        (root / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / path).write_text(text, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def test_json_counts_articles_coverage_and_the_terms_none_explains(project: Path, capsys) -> None:
    assert main(["stats", "--format", "json"]) == EXIT_OK
    stats = json.loads(capsys.readouterr().out)
    assert stats["articles"] == 3
    coverage = {c["lang"]: (c["entries"], c["total"], c["percent"]) for c in stats["article_coverage"]}
    assert coverage == {"de": (3, 3, 100.0), "da": (2, 3, 66.7)}
    assert stats["articles_missing"] == {"wissen/nur-deutsch": ["da"]}
    # insourcing and nearshoring are only mentioned (auto-linked): they count; so does
    # offshoring, mentioned in an article that turned its links off (autolink: false stops
    # the links, not the mentions); the draft is no published term
    assert stats["unexplained"] == []
    assert stats["entries"] == 5  # the entries' own figures are still there


def test_text_says_the_same(project: Path, capsys) -> None:
    assert main(["stats"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Articles: 3" in out
    assert [line.split() for line in out.splitlines() if line.startswith(("de (", "da ("))][-2:] == [
        ["de", "(Deutsch)", "3", "100%"], ["da", "(Dansk)", "2", "67%"]]
    assert "Articles missing a language: 1\n  wissen/nur-deutsch: da" in out
    assert "Terms no article explains yet: none" in out


def test_without_articles_every_published_term_is_unexplained(project: Path, capsys) -> None:
    shutil.rmtree(project / "docs" / "wissen")
    assert main(["stats", "--format", "json"]) == EXIT_OK
    stats = json.loads(capsys.readouterr().out)
    assert stats["articles"] == 0 and stats["articles_missing"] == {}
    assert [c["percent"] for c in stats["article_coverage"]] == [100.0, 100.0]
    assert stats["unexplained"] == ["insourcing", "nearshoring", "offshoring", "outsourcing"]


def test_export_writes_the_same_knowledge_base_into_glossary_json(project: Path, capsys) -> None:
    assert main(["export", "out"]) == EXIT_OK
    document = json.loads((project / "out" / "glossary.json").read_text("utf-8"))
    assert sorted(document["articles"]) == ["wissen/nur-deutsch", "wissen/ohne", "wissen/wahl"]
    wahl = document["articles"]["wissen/wahl"]["texts"]
    assert (wahl["de"]["links"], wahl["de"]["mentions"], wahl["da"]["url"]) == (
        ["outsourcing"], ["insourcing"], "da/wissen/wahl/")
    assert document["entries"]["offshoring"]["articles"] == ["wissen/ohne"]
    assert document["entries"]["nearshoring"]["articles"] == ["wissen/nur-deutsch"]

"""Articles' paths, names, front matter and staleness (issue 18 fix round, f18b): the addresses
the site makes itself (one home, :func:`lexikon.core.layout.taken_address`), blank titles,
unclosed front matter, empty and linked files, and staleness by content."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from lexikon.cli.main import main
from lexikon.core.articles import parse_article, read_articles
from lexikon.core.layout import taken_address
from lexikon.core.settings import make_settings
from lexikon.core.staleness import find_stale_articles
from tests.support.constants import LANGUAGES
from tests.support.project import copy_project

SETTINGS = make_settings(Path("/nonexistent"), LANGUAGES, None)
GLOSSARY = {"outsourcing.yml": "de:\n  title: Outsourcing\n  summary: Vergabe.\n"
                               "da:\n  title: Outsourcing\n  summary: Udlicitering.\n"}


@pytest.mark.parametrize(("neutral", "says"), [
    ("terms.md", "generated pages terms/"), ("terms/x.md", "generated pages terms/"),
    ("tags/a/b.md", "generated pages tags/"), ("changes/index.md", "list of changes"),
    ("articles.md", "articles index"), ("print/index.md", "print page"), ("data.md", "data page"),
    ("pagefind/index.md", "search bundle"), ("pagefind/a/b.md", "search bundle"),
    ("pagefind.md", "search bundle"),
    ("da/x.md", "da site"), ("de/x.md", "de site"),
])
def test_addresses_the_site_makes_itself(neutral: str, says: str) -> None:
    assert says in (taken_address(SETTINGS, neutral) or "")


@pytest.mark.parametrize("neutral", ["x.md", "articles/x.md", "pagefind-howto.md", "da.md", "dax/x.md",
                                     "howto/terms/x.md", "howto/da/x.md"])
def test_addresses_free_for_articles(neutral: str) -> None:
    assert taken_address(SETTINGS, neutral) is None


def _messages(text: str) -> list[str]:
    return [f"{f.line}:{f.col}: {f.message}" for f in parse_article(text, "a.md", "docs/a.md", "a", "de")[1]]


@pytest.mark.parametrize("text", ["---\ntitle: T\n\nText.\n", "---\ntitle: T\n---", "---\ntitle: T\n"])
def test_unclosed_front_matter(text: str) -> None:
    assert any("no closing '---'" in message for message in _messages(text))


@pytest.mark.parametrize("text", ["---\n\nText.\n", "---\n---\n# K\n", "---\n...\n", "Text.\n---\n"])
def test_rules_are_no_front_matter(text: str) -> None:
    assert _messages(text) == []


@pytest.mark.parametrize("text", ["", "\n\n", " \n"])
def test_an_empty_file_is_an_error(text: str) -> None:
    assert [m for m in _messages(text) if "the file is empty" in m] != []


def test_blank_title_in_front_matter(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", GLOSSARY)
    project.write("docs/a.md", "---\ntitle: '  '\n---\n\nText.\n")
    project.write("docs/a.da.md", "---\ntitle: A\n---\n\nTekst.\n")
    result = project.lexicon("check")
    assert result.returncode == 1 and "docs/a.md:2:1: error: the title is blank" in result.stdout


def test_new_article_refuses_a_blank_title_but_not_a_missing_one(tmp_path: Path, monkeypatch) -> None:
    project = copy_project(tmp_path / "p", GLOSSARY)
    monkeypatch.chdir(project.root)
    assert main(["new-article", "leer", "--title-de", "\t"]) != 0
    assert not (project.root / "docs" / "leer.md").exists()
    assert main(["new-article", "voll", "--title-de", "Voll"]) == 0
    assert (project.root / "docs" / "voll.da.md").is_file()


def test_a_folder_linked_into_docs_is_refused_unread(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", GLOSSARY)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "geheim.md").write_text("# Geheim\n\nhunter2\n", encoding="utf-8")
    (project.root / "docs" / "ordner").symlink_to(outside, target_is_directory=True)
    settings = make_settings(project.root, LANGUAGES, None)
    articles, findings = read_articles(settings)
    linked = [f for f in findings if "geheim" in f.path]
    assert not [a for a in articles if "geheim" in a.path]
    assert linked == [] or all("link" in f.message and "hunter2" not in f.message for f in linked)


def _commit(root: Path, date: str) -> None:
    env = {**os.environ, **{f"GIT_{role}_{key}": value for role in ("AUTHOR", "COMMITTER")
                            for key, value in {"NAME": "a", "EMAIL": "a@example.org", "DATE": date}.items()}}
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", "x"], cwd=root, check=True, env=env)


def test_staleness_by_content_and_in_stats(tmp_path: Path) -> None:
    """Re-wrapping a paragraph and adding blank lines is no change; a word is; stats lists it."""
    project = copy_project(tmp_path / "p", GLOSSARY)
    for name in ("umbruch", "wort"):
        project.write(f"docs/{name}.md", "---\ntitle: T\n---\n\nEin Satz mit vielen Worten.\n")
        project.write(f"docs/{name}.da.md", "---\ntitle: T\n---\n\nEn sætning.\n")
    subprocess.run(["git", "init", "-q"], cwd=project.root, check=True)
    _commit(project.root, "2026-01-01T10:00:00+00:00")
    project.write("docs/umbruch.md", "---\ntitle: T\n---\n\n\nEin Satz mit\nvielen   Worten.\n\n\n")
    project.write("docs/wort.md", "---\ntitle: T\n---\n\nEin Satz mit anderen Worten.\n")
    _commit(project.root, "2026-02-01T10:00:00+00:00")
    settings = make_settings(project.root, LANGUAGES, None)
    stale = find_stale_articles(read_articles(settings)[0], settings.docs_dir, settings.codes)
    assert stale.known
    assert [(s.entry_id, s.lang, s.newer) for s in stale.stale] == [("wort.da.md", "da", "de")]
    stats = project.lexicon("stats")
    assert "docs/wort.da.md: da older than de" in stats.stdout and "umbruch" not in stats.stdout

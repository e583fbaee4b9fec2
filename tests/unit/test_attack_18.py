"""Attack on issue 18 (articles) through the command line: inputs the authors did not design
for, each a strict xfail asserting the promised outcome (README "lexicon new-article",
"Articles in docs/")."""

from __future__ import annotations

from pathlib import Path

import pytest

from lexikon.cli.main import EXIT_OK, main
from tests.support.articles import ONE_TERM, bare_project, docs_files
from tests.support.constants import ROOT
from tests.support.project import copy_project

GLOSSARY = ONE_TERM


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return bare_project(tmp_path, monkeypatch)


_docs = docs_files


def test_refuses_a_name_in_the_search_bundle_folder(root: Path) -> None:
    code = main(["new-article", "pagefind/hinweis", "--title-de", "Hinweis", "--title-da", "Note"])
    assert code != EXIT_OK and _docs(root) == []


def test_refuses_a_blank_title(root: Path) -> None:
    code = main(["new-article", "leer", "--title-de", "Leer", "--title-da", "   "])
    assert code != EXIT_OK and _docs(root) == []


def test_cross_link_in_indented_code_is_code(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", GLOSSARY)
    project.write("docs/a.md", "# A\n\nSo sieht es aus:\n\n    [[beispiel-id]]\n\n```\n[[auch-code]]\n```\n")
    project.write("docs/a.da.md", "# A\n")
    result = project.lexicon("check")
    assert result.returncode == 0, result.stdout
    assert "beispiel-id" not in result.stdout


def test_template_key_the_guide_allows(tmp_path: Path) -> None:
    """Decided (f18b): the check refuses template/icon/status/subtitle on purpose (an article is
    any editor's page; only the site's own pages choose how a page is made). So the guide (both
    languages) and README name exactly the keys the check accepts, and 'template' is refused."""
    import re

    from lexikon.core.articles import KNOWN_KEYS

    for guide in ("guide.md", "guide.da.md"):
        text = (ROOT / "docs" / guide).read_text(encoding="utf-8")
        section = text[text.index("\n## Artik"):]
        section = section[:section.index("\n## ", 1)]
        assert set(re.findall(r"^\| `([a-z]+)` \|", section, re.M)) == KNOWN_KEYS, guide
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    bullet = readme[readme.index("- Front matter: `title`"):]
    bullet = bullet[:bullet.index("Any other key")]
    assert set(re.findall(r"`([a-z]+)`", bullet)) - {"true", "false"} == KNOWN_KEYS
    project = copy_project(tmp_path / "p", GLOSSARY)
    project.write("docs/a.md", "---\ntitle: A\ntemplate: main.html\n---\n\nText.\n")
    project.write("docs/a.da.md", "# A\n")
    result = project.lexicon("check")
    assert result.returncode == 1 and "docs/a.md:3:1:" in result.stdout, result.stdout


GENERATED = ["terms.md", "tags.md", "articles.md", "changes/index.md", "data/index.md", "print/index.md",
             "pagefind/index.md"]


@pytest.mark.parametrize("name", GENERATED)
def test_article_at_a_generated_address_is_an_error(tmp_path: Path, name: str) -> None:
    project = copy_project(tmp_path / "p", GLOSSARY)
    project.write(f"docs/{name}", "---\ntitle: Verdeckt\n---\n\nText.\n")
    project.write(f"docs/{name[:-3]}.da.md", "---\ntitle: Skjult\n---\n\nTekst.\n")
    result = project.lexicon("check")
    assert result.returncode == 1 and f"docs/{name}:" in result.stdout, result.stdout


def test_two_articles_for_one_address_are_an_error(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", GLOSSARY)
    project.write("docs/da/x.md", "---\ntitle: Deutsch im Ordner da\n---\n\nText.\n")
    project.write("docs/da/x.da.md", "---\ntitle: Dansk\n---\n\nTekst.\n")
    project.write("docs/x.md", "---\ntitle: Deutsch\n---\n\nText.\n")
    project.write("docs/x.da.md", "---\ntitle: Dansk\n---\n\nTekst.\n")
    result = project.lexicon("check")
    assert result.returncode == 1 and "docs/da/x.md:" in result.stdout, result.stdout


def test_refuses_a_folder_named_like_a_language(root: Path) -> None:
    code = main(["new-article", "da/x", "--title-de", "Deutsch", "--title-da", "Dansk"])
    assert code != EXIT_OK and _docs(root) == []


def test_unclosed_front_matter_is_reported(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", GLOSSARY)
    project.write("docs/a.md", "---\ntitle: Ein Titel\ntags: [it]\n\nDer Text beginnt hier.\n")
    project.write("docs/a.da.md", "# A\n")
    result = project.lexicon("check")
    assert "docs/a.md:" in result.stdout, result.stdout


def test_linked_article_is_refused_unread(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", GLOSSARY)
    secret = tmp_path / "secret.md"
    secret.write_text("# Geheim\n\nPASSWORT=<b>hunter2</b> [[x-geheim]]\n", encoding="utf-8")
    (project.root / "docs" / "a.md").symlink_to(secret)
    project.write("docs/a.da.md", "# A\n")
    result = project.lexicon("check")
    assert result.returncode == 1 and "docs/a.md:" in result.stdout, result.stdout
    assert "hunter2" not in result.stdout and "x-geheim" not in result.stdout

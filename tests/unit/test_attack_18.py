"""Attack on issue 18 (articles) through the command line: inputs the authors did not design
for, each a strict xfail asserting the promised outcome (README "lexicon new-article",
"Articles in docs/")."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lexikon.cli.main import EXIT_OK, main
from tests.support.constants import ROOT
from tests.support.project import copy_project

GLOSSARY = {"outsourcing.yml": """
    de:
      title: Outsourcing
      summary: Die Vergabe nach außen.
    da:
      title: Outsourcing
      summary: Udlicitering.
"""}


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with the real mkdocs.yml and an empty docs folder; cwd is set to it."""
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "glossary").mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    monkeypatch.chdir(project)
    return project


def _docs(root: Path) -> list[str]:
    return sorted(p.relative_to(root / "docs").as_posix() for p in (root / "docs").rglob("*") if p.is_file())


@pytest.mark.xfail(strict=True, reason="new-article accepts pagefind/x, whose page the Pagefind bundle wipes "
                   "(the articles index then links nowhere)")
def test_refuses_a_name_in_the_search_bundle_folder(root: Path) -> None:
    code = main(["new-article", "pagefind/hinweis", "--title-de", "Hinweis", "--title-da", "Note"])
    assert code != EXIT_OK and _docs(root) == []


@pytest.mark.xfail(strict=True, reason="new-article writes a title of spaces; check --strict passes it, "
                   "the articles index shows an empty link")
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


@pytest.mark.xfail(strict=True, reason="the guide allows front matter 'template' (a key MkDocs reads); "
                   "check calls it an unknown key (README names only hide and search)")
def test_template_key_the_guide_allows(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", GLOSSARY)
    project.write("docs/a.md", "---\ntitle: A\ntemplate: main.html\n---\n\nText.\n")
    project.write("docs/a.da.md", "# A\n")
    result = project.lexicon("check")
    assert result.returncode == 0, result.stdout


GENERATED = ["terms.md", "tags.md", "articles.md", "changes/index.md", "data/index.md", "print/index.md",
             "pagefind/index.md"]


@pytest.mark.xfail(strict=True, reason="an article at a generated page's address (docs/terms.md → /terms/ …) "
                   "passes check and build; the generated page replaces it, the articles index links there")
@pytest.mark.parametrize("name", GENERATED)
def test_article_at_a_generated_address_is_an_error(tmp_path: Path, name: str) -> None:
    project = copy_project(tmp_path / "p", GLOSSARY)
    project.write(f"docs/{name}", "---\ntitle: Verdeckt\n---\n\nText.\n")
    project.write(f"docs/{name[:-3]}.da.md", "---\ntitle: Skjult\n---\n\nTekst.\n")
    result = project.lexicon("check")
    assert result.returncode == 1 and f"docs/{name}:" in result.stdout, result.stdout


@pytest.mark.xfail(strict=True, reason="docs/da/x.md (German) and docs/x.da.md (Danish) both become /da/x/: "
                   "no finding, the German article is lost")
def test_two_articles_for_one_address_are_an_error(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", GLOSSARY)
    project.write("docs/da/x.md", "---\ntitle: Deutsch im Ordner da\n---\n\nText.\n")
    project.write("docs/da/x.da.md", "---\ntitle: Dansk\n---\n\nTekst.\n")
    project.write("docs/x.md", "---\ntitle: Deutsch\n---\n\nText.\n")
    project.write("docs/x.da.md", "---\ntitle: Dansk\n---\n\nTekst.\n")
    result = project.lexicon("check")
    assert result.returncode == 1 and "docs/da/x.md:" in result.stdout, result.stdout


@pytest.mark.xfail(strict=True, reason="new-article da/x writes docs/da/x.md, a German page at /da/x/ in the "
                   "Danish site, where docs/x.da.md would land too")
def test_refuses_a_folder_named_like_a_language(root: Path) -> None:
    code = main(["new-article", "da/x", "--title-de", "Deutsch", "--title-da", "Dansk"])
    assert code != EXIT_OK and _docs(root) == []


@pytest.mark.xfail(strict=True, reason="front matter without its closing '---' passes silently: the page "
                   "shows 'title: …' and 'tags: …' as text")
def test_unclosed_front_matter_is_reported(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", GLOSSARY)
    project.write("docs/a.md", "---\ntitle: Ein Titel\ntags: [it]\n\nDer Text beginnt hier.\n")
    project.write("docs/a.da.md", "# A\n")
    result = project.lexicon("check")
    assert "docs/a.md:" in result.stdout, result.stdout


@pytest.mark.xfail(strict=True, reason="an article symlinked out of the project is read and quoted "
                   "(entries' rule, issue 18.1 'the same safety': refused unread)")
def test_linked_article_is_refused_unread(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", GLOSSARY)
    secret = tmp_path / "secret.md"
    secret.write_text("# Geheim\n\nPASSWORT=<b>hunter2</b> [[x-geheim]]\n", encoding="utf-8")
    (project.root / "docs" / "a.md").symlink_to(secret)
    project.write("docs/a.da.md", "# A\n")
    result = project.lexicon("check")
    assert result.returncode == 1 and "docs/a.md:" in result.stdout, result.stdout
    assert "hunter2" not in result.stdout and "x-geheim" not in result.stdout

"""``lexicon new-article SLUG``: both languages' files with front matter the article reader takes,
nothing overwritten, nothing written for a bad or taken name, nothing through a link."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lexikon.cli.main import EXIT_FAILED, EXIT_OK, EXIT_USAGE, main
from lexikon.core.articles import by_key, read_articles
from lexikon.core.settings import settings_from_file
from tests.support.articles import bare_project, docs_files


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return bare_project(tmp_path, monkeypatch)


_docs = docs_files


def test_writes_both_languages_with_front_matter_the_reader_takes(root: Path, capsys) -> None:
    code = main(["new-article", "articles/sourcing-entscheiden", "--title-de", 'Sourcing: "wie?" #1',
                 "--title-da", "Valg af leverandør"])
    assert code == EXIT_OK
    assert _docs(root) == ["articles/sourcing-entscheiden.da.md", "articles/sourcing-entscheiden.md"]
    assert "docs/articles/sourcing-entscheiden.md" in capsys.readouterr().out
    articles, findings = read_articles(settings_from_file(root / "mkdocs.yml"))
    assert findings == ()
    pair = by_key(articles)["articles/sourcing-entscheiden"]
    assert pair["de"].title == 'Sourcing: "wie?" #1' and pair["da"].title == "Valg af leverandør"
    for article in pair.values():  # every key the lexicon reads, with its default
        assert set(article.front) == {"title", "description", "tags", "autolink", "terms"}
        defaults = (article.description, article.tags, article.autolink, article.terms_box)
        assert defaults == ("", (), True, False)
        assert article.body.strip() == ""


def test_a_top_level_name_and_missing_titles(root: Path) -> None:
    assert main(["new-article", "richtlinie"]) == EXIT_OK
    assert _docs(root) == ["richtlinie.da.md", "richtlinie.md"]
    text = (root / "docs" / "richtlinie.md").read_text("utf-8")
    assert text.startswith("---\n") and 'title: ""' in text


@pytest.mark.parametrize("slug", ["Sourcing", "articles/x.md", "a--b", "/abs", "a//b", "../x", "x/", "ä"])
def test_refuses_a_bad_name_writing_nothing(root: Path, capsys, slug: str) -> None:
    assert main(["new-article", slug]) == EXIT_USAGE
    assert "lexicon new-article:" in capsys.readouterr().err
    assert _docs(root) == []


def test_refuses_a_title_of_two_lines(root: Path, capsys) -> None:
    assert main(["new-article", "x", "--title-de", "eins\nzwei"]) == EXIT_USAGE
    assert "one line" in capsys.readouterr().err and _docs(root) == []


@pytest.mark.parametrize(("slug", "says"), [
    ("terms/x", "generated pages"), ("tags", "generated pages"), ("changes", "list of changes"),
    ("data", "data page"), ("guide", "site's own pages"), ("index", "site's own pages"),
])
def test_refuses_the_name_of_a_page_that_is_no_article(root: Path, capsys, slug: str, says: str) -> None:
    assert main(["new-article", slug]) == EXIT_FAILED
    assert says in capsys.readouterr().err and _docs(root) == []


def test_an_existing_translation_is_not_overwritten_nor_its_twin_written(root: Path, capsys) -> None:
    danish = root / "docs" / "howto" / "x.da.md"
    danish.parent.mkdir()
    danish.write_text("mine\n", encoding="utf-8")
    assert main(["new-article", "howto/x", "--title-de", "X"]) == EXIT_FAILED
    assert "docs/howto/x.da.md exists already" in capsys.readouterr().err
    assert _docs(root) == ["howto/x.da.md"] and danish.read_text("utf-8") == "mine\n"


def test_nothing_is_written_through_a_link(root: Path, tmp_path: Path, capsys) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, root / "docs" / "articles")
    assert main(["new-article", "articles/x"]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert "docs/articles: error:" in err and "symbolic link" in err and "Traceback" not in err
    assert list(outside.iterdir()) == []
    dangling = root / "docs" / "y.da.md"
    os.symlink(tmp_path / "nowhere.md", dangling)
    assert main(["new-article", "y"]) == EXIT_FAILED
    assert "exists already" in capsys.readouterr().err
    assert not (tmp_path / "nowhere.md").exists() and not (root / "docs" / "y.md").exists()


def test_the_new_files_pass_the_check_as_they_are(root: Path, capsys) -> None:
    assert main(["new-article", "wissen/neu", "--title-de", "Neu", "--title-da", "Ny"]) == EXIT_OK
    capsys.readouterr()
    assert main(["check", "--strict"]) == EXIT_OK, capsys.readouterr().out

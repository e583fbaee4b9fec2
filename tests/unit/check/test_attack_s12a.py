"""Session 12's first attacker on the refusal of ``docs/`` files in the way of the build's own
(:mod:`lexikon.check.site_files`). Each case here broke: the file was copied on ours, or ours on
it, without a word, or the build stopped with a traceback. What held: ``notes/attack-s12a.md``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lexikon.check.site_files import in_the_way
from lexikon.core.settings import make_settings
from lexikon.core.site_files import copied_to
from tests.support.constants import LANGUAGES
from tests.unit.check.test_site_files import _make, _settings


@pytest.mark.parametrize(("made", "lands"), [
    ("feed.da.xml", "da/feed.xml"),                     # static-i18n's suffix: the da tree
    ("feed.de.xml", "feed.xml"),                        # the default language's suffix
    ("da/feed.de.xml", "da/feed.xml"),                  # de's file at the path da/feed.xml
    ("glossary.de.json", "glossary.json"),
    ("glossary.de.de.csv", "glossary.de.csv"),
    ("sitemap.xml.da.gz", "da/sitemap.xml.gz"),
    ("search/search_index.da.json", "da/search/search_index.json"),
    ("vale/Lexikon/TermsDe.de.yml", "vale/Lexikon/TermsDe.yml"),
    ("404.html", "404.html"),                           # our not-found page per language
    ("da/404.html/", "da/404.html"),                    # was an IsADirectoryError traceback
    ("404.da.html", "da/404.html"),
    ("print/index.html", "print/index.html"),           # a generated page's file
    ("terms/README.html", "terms/index.html"),          # static-i18n renames README.html
    ("tags/index.da.html", "da/tags/index.html"),
    ("assets/javascripts/lexikon-search-worker.js", "assets/javascripts/lexikon-search-worker.js"),
    ("search.old/search_index.da.json", "da/search/search_index.json"),  # static-i18n drops ".old"
    ("pagefind.v1/app.da.js", "da/pagefind/"),                 # into the bundle the build replaces
    ("terms/outsourcing/index.html", "terms/outsourcing/index.html"),  # a term page, whatever the ids
    ("tags/it/README.da.html", "da/tags/it/index.html"),
    ("print/README.da.html", "da/print/index.html"),
    ("terms/x/index.html/", "terms/x/index.html"),             # a folder where a term page goes
    ("Feed.xml", "feed.xml"),              # one file where case does not count (macOS, Windows)
    ("da/Sitemap.XML/", "da/sitemap.xml"),
    ("da/PageFind", "da/pagefind/"),      # a file where the bundle folder goes
    ("vale/lexikon/termsde.de.yml", "vale/Lexikon/TermsDe.yml"),
    ("feed.xml.da/notes.da.txt", "da/feed.xml"),  # static-i18n drops ".da" of the folder: da/feed.xml/
])
def test_a_file_that_lands_on_one_of_ours_is_refused(tmp_path: Path, made: str, lands: str) -> None:
    _make(tmp_path, made)
    found = in_the_way(_settings(tmp_path))
    assert [(f.path, f.line, f.col) for f in found] == [(f"docs/{made.rstrip('/')}", 1, 1)]
    assert f" at {lands} in the site " in found[0].message and "rename or move it" in found[0].message


@pytest.mark.parametrize(("made", "lands"), [
    ("glossary.da.csv", "da/glossary.csv"),    # was refused as if it landed on glossary.da.csv
    ("feed.da.xml/", None),                    # a folder keeps its name
    ("feed.fr.xml", None),                     # a language not built: static-i18n copies it nowhere
    ("probe.da.txt", "da/probe.txt"),
    ("terms/diagram.png", "terms/diagram.png"),
    ("feed.da.", "da/feed.da."),               # a trailing dot: pathlib keeps ".da" there
    (".drafts/feed.xml", None),                # MkDocs leaves dot-folders out
    ("templates/feed.xml", None),              # and the top folder templates/
    ("da/templates/feed.xml", "da/templates/feed.xml"),
    ("feed.xml.md", "feed.xml/index.html"),    # a page: the articles' check's (see the build xfail)
    ("x/README.da.md", "da/x/index.html"),
])
def test_a_file_static_i18n_puts_elsewhere_is_free(tmp_path: Path, made: str, lands: str | None) -> None:
    _make(tmp_path, made)
    assert in_the_way(_settings(tmp_path)) == []
    if lands is not None:
        assert copied_to(made, _settings(tmp_path)) == lands


def test_accents_written_apart_are_one_name(tmp_path: Path) -> None:
    """macOS keeps a name as written but finds "ö" and "o" + combining diaeresis as one."""
    _make(tmp_path, "schlagwo\u0308rter/it/index.html")
    settings = make_settings(tmp_path, LANGUAGES, {"tags_path": "schlagw\u00f6rter"})
    assert [f.path for f in in_the_way(settings)] == ["docs/schlagwo\u0308rter/it/index.html"]


def test_term_pages_at_the_root_of_each_tree(tmp_path: Path) -> None:
    """``terms_path: /`` puts the term pages at ``x/index.html`` (and ``da/x/index.html``)."""
    _make(tmp_path, "outsourcing/index.da.html")
    _make(tmp_path, "outsourcing/notes.txt")
    settings = make_settings(tmp_path, LANGUAGES, {"terms_path": "/"})
    assert [f.path for f in in_the_way(settings)] == ["docs/outsourcing/index.da.html"]


def test_a_link_is_named_a_link(tmp_path: Path) -> None:
    """A link to a folder was called "this file"; MkDocs follows it, the check never does."""
    (tmp_path / "elsewhere" / "Lexikon").mkdir(parents=True)
    (tmp_path / "docs").mkdir()
    os.symlink(tmp_path / "elsewhere", tmp_path / "docs" / "vale")
    (tmp_path / "elsewhere" / "feed.xml").write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "elsewhere" / "feed.xml", tmp_path / "docs" / "feed.de.xml")
    found = {f.path: f.message for f in in_the_way(_settings(tmp_path))}
    assert sorted(found) == ["docs/feed.de.xml", "docs/vale"]
    assert "this link stands where that path needs a folder" in found["docs/vale"]
    assert "would copy this link to the same place" in found["docs/feed.de.xml"]


@pytest.mark.parametrize(("link", "to", "said"), [
    ("notes.txt", "nowhere.txt", "this link points to nothing"),        # was a FileNotFoundError traceback
    ("self", "self", "this link points to nothing (or round in a circle)"),
    ("loop", ".", "this link points to a folder it lies in"),          # was ELOOP after 40 levels
    ("sub/up", "..", "this link points to a folder it lies in"),
])
def test_a_link_mkdocs_cannot_copy(tmp_path: Path, link: str, to: str, said: str) -> None:
    """MkDocs' copy of ``docs/`` stopped on these with a traceback, after the whole render."""
    (tmp_path / "docs" / link).parent.mkdir(parents=True)
    os.symlink(to, tmp_path / "docs" / link)
    found = in_the_way(_settings(tmp_path))
    assert [(f.path, f.line) for f in found] == [(f"docs/{link}", 1)]
    assert found[0].message.startswith(said)


def test_links_mkdocs_can_copy_are_free(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    os.symlink(tmp_path / "elsewhere", tmp_path / "docs" / "shared")
    os.symlink("../../elsewhere/a.txt", tmp_path / "docs" / "sub" / "a.txt")
    os.symlink("nowhere", tmp_path / "docs" / ".hidden-link")  # MkDocs leaves dot-files out
    assert in_the_way(_settings(tmp_path)) == []


def test_a_folder_that_cannot_be_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs' walk leaves a folder it cannot read out without a word (root reads any folder,
    so the refusal of ``os.scandir`` is played here)."""
    _make(tmp_path, "private/")
    real = os.scandir

    def scandir(path):
        if Path(path).name == "private":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = in_the_way(_settings(tmp_path))
    assert [f.path for f in found] == ["docs/private"]
    assert "cannot be read" in found[0].message


def test_a_name_that_is_not_utf8(tmp_path: Path) -> None:
    """static-i18n stopped with a ``UnicodeEncodeError`` traceback on such a name (it quotes
    the file's address), after the whole render; only the innermost bad name is named."""
    (tmp_path / "docs").mkdir()
    os.makedirs(os.fsencode(tmp_path / "docs") + b"/bilder-\xff")
    Path(os.fsdecode(os.fsencode(tmp_path / "docs") + b"/bilder-\xff/foto.png")).write_bytes(b"x")
    (tmp_path / "docs" / "ok-\u00e6\u00f8\u00e5.png").write_bytes(b"x")
    found = in_the_way(_settings(tmp_path))
    assert [f.path for f in found] == [os.fsdecode(b"docs/bilder-\xff")]
    assert "is not UTF-8" in found[0].message

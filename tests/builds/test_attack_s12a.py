"""Session 12's first attacker on the refusal of ``docs/`` files in the way of the build's own
(``check/site_files.py``): real builds. Each test is a case that broke (fixed here, or
``xfail(strict=True)`` with the reason); what held is listed in ``notes/attack-s12a.md``.
Unit cases: ``tests/unit/check/test_attack_s12a.py``."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from lexikon.core.settings import settings_from_file
from lexikon.core.site_files import copied_to
from tests.bench.synthetic import write_glossary
from tests.builds.test_kept_pages import _build
from tests.support.project import Project, copy_project

pytestmark = pytest.mark.slow  # whole builds; in `make test` all the same

PROBES = ("a.da.txt", "a.de.txt", "b.txt", "da/c.de.txt", "da/d.da.txt", "x.da/e.da.txt", "x.y/f.txt",
          "g.fr.txt", "h.en_US.txt", "i.da-de.txt", "j.xml.da.gz", "k/README.html", "k2/README.da.html",
          "l/fooREADME.html", "n.da.", "index.x/r.da.txt", ".hidden/s.da.txt", "templates/t.txt",
          "glossary.da.csv", "feed.da.xml/u.txt")
"""Names static-i18n (suffix structure) copies elsewhere than their own path, or nowhere."""

IN_THE_WAY = ("feed.da.xml", "da/feed.de.xml", "glossary.de.json", "sitemap.xml.da.gz", "404.html",
              "da/404.html/", "print/index.html", "terms/README.html", "search.old/search_index.da.json",
              "assets/javascripts/lexikon-propose.js")
"""Each lands on a file the build writes: copied over ours, or ours over it, without a word
(``da/404.html/``, a folder: an ``IsADirectoryError`` traceback after all the work). A term
page's ``index.html`` too (the test adds one): the term page was replaced by the editor's file."""


def _project(tmp_path: Path) -> Project:
    glossary = tmp_path / "glossary"
    write_glossary(glossary, 6, 3)
    return copy_project(tmp_path / "project", glossary)


def _made(project: Project, made: str) -> None:
    if made.endswith("/"):
        project.write(f"docs/{made}x.txt", "by hand\n")
    else:
        project.write(f"docs/{made}", f"by hand: {made}\n")


def _site(project: Project) -> dict[str, str]:
    return {path.relative_to(project.site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(project.site.rglob("*")) if path.is_file()}


def test_copied_to_is_where_static_i18n_puts_each_file(tmp_path: Path) -> None:
    """The check knows where a file of ``docs/`` lands by static-i18n's rules, step by step
    (a folder's suffix dropped, ``README.html`` renamed, a trailing dot kept): this holds it
    to what the installed static-i18n does."""
    project = _project(tmp_path)
    for probe in PROBES:
        project.write(f"docs/{probe}", f"PROBE {probe}\n")
    _build(project)
    settings = settings_from_file(project.root / "mkdocs.yml")
    landed: dict[str, list[str]] = {probe: [] for probe in PROBES}
    for path in project.site.rglob("*"):
        if path.is_file() and path.stat().st_size < 200 and path.read_bytes().startswith(b"PROBE "):
            landed[path.read_text(encoding="utf-8")[6:].strip()].append(path.relative_to(project.site).as_posix())
    expected = {probe: [] if copied_to(probe, settings) is None else [copied_to(probe, settings)]
                for probe in PROBES}
    assert landed == expected


def test_what_lands_on_a_file_of_the_build_is_refused_before_any_work(tmp_path: Path) -> None:
    """One located line each, in the build and in ``lexicon check``, no traceback; the last
    good site stays as it was, and the build passes once they are moved."""
    project = _project(tmp_path)
    _build(project)
    before = _site(project)
    term = sorted(path.stem for path in project.glossary.glob("*.yml") if not path.name.startswith("_"))[0]
    in_the_way = (*IN_THE_WAY, f"terms/{term}/index.html", f"tags/{term}/README.da.html")
    for made in in_the_way:
        _made(project, made)
    result = project.build()
    said = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in said, said[-3000:]
    checked = project.lexicon("check")
    assert checked.returncode == 1
    for made in in_the_way:
        line = f"docs/{made.rstrip('/')}:1:1: error: the build writes "
        assert line in said and line in checked.stdout, made
    assert _site(project) == before
    for made in in_the_way:
        if made.endswith("/"):
            shutil.rmtree(project.root / "docs" / made)
        else:
            (project.root / "docs" / made).unlink()
    _build(project)


def test_a_link_mkdocs_cannot_copy_is_refused_before_any_work(tmp_path: Path) -> None:
    """A link to nothing in ``docs/`` stopped the build with a ``FileNotFoundError`` traceback,
    a link to a folder it lies in with ``OSError: Too many levels of symbolic links`` after 40
    levels: both in MkDocs' copy of ``docs/``, after the whole render; a name that is not UTF-8
    with a ``UnicodeEncodeError`` in static-i18n. One located line each now, the last good site
    as it was."""
    project = _project(tmp_path)
    _build(project)
    before = _site(project)
    os.symlink("nowhere.png", project.root / "docs" / "assets" / "photo.png")
    os.symlink("..", project.root / "docs" / "assets" / "up")
    Path(os.fsdecode(os.fsencode(project.root / "docs") + b"/bild-\xfe.png")).write_bytes(b"x")
    result = project.build()
    said = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in said, said[-3000:]
    assert "docs/assets/photo.png:1:1: error: this link points to nothing" in said
    assert "docs/assets/up:1:1: error: this link points to a folder it lies in" in said
    assert "docs/bild-\\udcfe.png:1:1: error: this name is not UTF-8" in said  # as logging escapes it
    assert _site(project) == before


def test_a_file_left_out_by_exclude_docs_is_free(tmp_path: Path) -> None:
    """MkDocs never copies a file ``exclude_docs`` names, so it is in nobody's way: refusing it
    fails a build that would have lost nothing."""
    project = _project(tmp_path)
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + "\nexclude_docs: |\n  /feed.da.xml\n", encoding="utf-8")
    project.write("docs/feed.da.xml", "an editor's draft\n")
    _build(project)
    assert "an editor's draft" not in (project.site / "da" / "feed.xml").read_text(encoding="utf-8")


def test_lexicon_render_out_refuses_what_is_in_the_way_too(tmp_path: Path) -> None:
    """``lexicon render --out`` copies every file of ``docs/`` into each language's project and
    writes the feed and the exports there after it: ``docs/feed.xml`` was replaced by the feed
    without a word, ``docs/glossary.json/`` stopped it half-written, named by its copy in
    ``out/`` (moving that away does nothing: the next render copies it again)."""
    project = _project(tmp_path)
    project.write("docs/feed.xml", "an editor's feed\n")
    result = project.lexicon("render", "--out", "out")
    assert result.returncode == 1
    assert "docs/feed.xml:1:1: error: the build writes " in result.stdout
    assert not (project.root / "out").exists()


def test_without_directory_urls_a_generated_page_is_not_replaced(tmp_path: Path) -> None:
    """``use_directory_urls: false`` puts the print page at ``print.html``: ``docs/print.html``
    replaced it without a word (as ``docs/terms/<id>.html`` a term page)."""
    project = _project(tmp_path)
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "strict: false\n", "strict: false\nuse_directory_urls: false\n"), encoding="utf-8")
    project.write("docs/print.html", "an editor's page\n")
    result = project.build(strict=False)
    assert result.returncode != 0
    assert "docs/print.html:1:1: error: the build writes " in result.stdout + result.stderr


@pytest.mark.parametrize("name", ["pagefind", "feed.xml"])
def test_an_article_whose_page_lands_in_the_way(tmp_path: Path, name: str) -> None:
    """``docs/pagefind.md``: its page ``pagefind/index.html`` lies in the search bundle, which
    the build replaces whole: the article vanished from the site without a word (the Danish
    one too). ``docs/feed.xml.md``: its page makes ``feed.xml/`` a folder, and the build
    stopped after all the work with ``feed.xml: error: is a folder … move the folder away``,
    naming no file of ``docs/``."""
    project = _project(tmp_path)
    for suffix, text in (("", "Ein Artikel von Hand."), (".da", "En artikel i hånden.")):
        project.write(f"docs/{name}{suffix}.md", f"---\ntitle: Von Hand\n---\n\n{text}\n")
    result = project.build()
    said = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"docs/{name}.md:1:1: error: " in said

"""The docs/ check (:mod:`lexikon.check.site_files`) with MkDocs' ``exclude_docs`` and
``use_directory_urls: false``: a file MkDocs never copies is in nobody's way, and without
directory URLs the generated pages are ``x.html`` files. Both options read from ``mkdocs.yml``
by ``lexicon check`` (here) and from MkDocs' config by the build
(``tests/unit/engine/test_settings_options.py``). Real builds: ``tests/builds/test_site_files_options.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

from lexikon.check.site_files import in_the_way
from lexikon.core.settings import make_settings, settings_from_file
from lexikon.core.site_files import copied_to, excluded, own_files
from tests.support.constants import LANGUAGES
from tests.unit.check.test_site_files import _make

EXCLUDE = "/feed.da.xml\ndrafts/\n*.tmp\n!keep.tmp\nsitemap.xml/*.bak\n# a comment\n"


def _settings(tmp_path: Path, directory_urls: bool = True, exclude: str | None = None):
    return make_settings(tmp_path, LANGUAGES, None, use_directory_urls=directory_urls, exclude_docs=exclude)


@pytest.mark.parametrize(("source", "left_out"), [
    ("feed.da.xml", True), ("da/feed.da.xml", False),        # anchored: the top only
    ("drafts/feed.xml", True), ("a/drafts/feed.xml", True),  # a folder anywhere
    ("drafts", False),                                        # "drafts/" names folders only
    ("x.tmp", True), ("keep.tmp", False), ("d/keep.tmp", False),  # a later "!" takes it back
    (".hidden/x.txt", True), ("templates/x.html", True),     # MkDocs' own default patterns
    ("da/templates/x.html", False), ("# a comment", False),
])
def test_exclude_docs_is_matched_as_mkdocs_does(tmp_path: Path, source: str, left_out: bool) -> None:
    from pathspec import GitIgnoreSpec

    mkdocs = GitIgnoreSpec.from_lines([".*", "/templates/"]) + GitIgnoreSpec.from_lines(EXCLUDE.splitlines())
    assert excluded(source, _settings(tmp_path, exclude=EXCLUDE)) is left_out is mkdocs.match_file(source)


def test_a_later_pattern_takes_back_one_of_mkdocs_defaults(tmp_path: Path) -> None:
    """MkDocs puts its defaults first, so ``!x`` takes back ``templates/x`` (gitignore's order)."""
    assert excluded("templates/x", _settings(tmp_path))
    assert not excluded("templates/x", _settings(tmp_path, exclude="!x"))


@pytest.mark.parametrize(("made", "exclude"), [
    ("feed.da.xml", EXCLUDE),                    # "/feed.da.xml"
    ("drafts/", "/drafts/\n/sitemap.xml/"),     # a folder of ours, excluded whole ...
    ("sitemap.xml/", "/sitemap.xml/"),           # ... (_make puts an empty folder in it)
    ("sitemap.xml/a.bak", EXCLUDE),              # every file in it excluded: no folder made
    ("glossary.json", "*.json"),
    ("404.html", "/404.html"),
    ("da/404.html/x.txt", "da/"),
    ("vale", "vale"),                            # a file where our export needs a folder
    ("terms/outsourcing/index.html", "terms/*/index.html"),
    ("search.old/search_index.da.json", "*.old/"),
])
def test_what_exclude_docs_leaves_out_is_free(tmp_path: Path, made: str, exclude: str) -> None:
    _make(tmp_path, made)
    if made == "drafts/":
        _make(tmp_path, "sitemap.xml/y.txt")
    assert in_the_way(_settings(tmp_path)) != [] or made == "drafts/"  # without the patterns: refused
    assert in_the_way(_settings(tmp_path, exclude=exclude)) == []


@pytest.mark.parametrize(("made", "shown"), [
    ("da/feed.de.xml", "docs/da/feed.de.xml"),     # lands on da/feed.xml; "/feed.da.xml" is another
    ("feed.de.xml", "docs/feed.de.xml"),
    ("sitemap.xml/a.txt", "docs/sitemap.xml"),     # one file in it is copied: the folder refused
    ("glossary.json/", "docs/glossary.json"),      # no file in it, and no pattern names it
])
def test_what_it_does_not_leave_out_is_still_refused(tmp_path: Path, made: str, shown: str) -> None:
    _make(tmp_path, "sitemap.xml/b.bak")
    _make(tmp_path, made)
    found = [f.path for f in in_the_way(_settings(tmp_path, exclude=EXCLUDE))]
    assert shown in found and "docs/sitemap.xml/b.bak" not in found  # the excluded one never named


def test_a_folder_of_ours_with_only_excluded_files_is_free_and_one_more_file_is_not(tmp_path: Path) -> None:
    _make(tmp_path, "glossary.json/")
    (tmp_path / "docs" / "glossary.json" / "a.bak").write_text("x", encoding="utf-8")
    settings = _settings(tmp_path, exclude="*.bak")
    assert in_the_way(settings) == []
    (tmp_path / "docs" / "glossary.json" / "b.txt").write_text("x", encoding="utf-8")
    assert [f.path for f in in_the_way(settings)] == ["docs/glossary.json", "docs/glossary.json/b.txt"]


@pytest.mark.parametrize(("made", "lands"), [
    ("print.html", "print.html"),                 # the print page without directory URLs
    ("da/changes.html", "da/changes.html"),
    ("changes.da.html", "da/changes.html"),
    ("terms/outsourcing.html", "terms/outsourcing.html"),  # a term page, whatever the ids
    ("terms/x.da.html", "da/terms/x.html"),
    ("tags/it.html", "tags/it.html"),
    ("terms/index.html", "terms/index.html"),     # the A-Z index
    ("terms/README.html", "terms/index.html"),
])
def test_without_directory_urls_the_pages_are_html_files(tmp_path: Path, made: str, lands: str) -> None:
    _make(tmp_path, made)
    found = in_the_way(_settings(tmp_path, directory_urls=False))
    assert [f.path for f in found] == [f"docs/{made}"]
    assert f" at {lands} in the site " in found[0].message


@pytest.mark.parametrize(("made", "lands"), [
    ("print/index.html", "print/index.html"),     # the print page's file with directory URLs only
    ("terms/outsourcing/index.html", "terms/outsourcing/index.html"),
    ("terms/x/y.html", "terms/x/y.html"),
    ("x.da/y.da.txt", "da/x.da/y.txt"),           # a folder's suffix dropped with directory URLs only
    ("guide.md", "guide.html"),
    ("a/index.da.md", "da/a/index.html"),
    ("a/README.md", "a/index.html"),
    ("x.da.md", "da/x.html"),
])
def test_without_directory_urls_these_are_free(tmp_path: Path, made: str, lands: str) -> None:
    _make(tmp_path, made)
    settings = _settings(tmp_path, directory_urls=False)
    assert in_the_way(settings) == []
    assert copied_to(made, settings) == lands


def test_own_files_follow_the_url_mode(tmp_path: Path) -> None:
    flat, nested = own_files(_settings(tmp_path, directory_urls=False)), own_files(_settings(tmp_path))
    assert "print.html" in flat and "da/terms/index.html" in flat and "print/index.html" not in flat
    assert "print/index.html" in nested and "print.html" not in nested
    assert {p for p in flat if not p.endswith(".html")} == {p for p in nested if not p.endswith(".html")}


def _config(tmp_path: Path, lines: str) -> Path:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nplugins:\n  - i18n:\n      languages:\n        - locale: de\n"
                      "          default: true\n        - locale: da\n" + lines, encoding="utf-8")
    return config


def test_lexicon_check_reads_both_options_from_mkdocs_yml(tmp_path: Path) -> None:
    config = _config(tmp_path, "use_directory_urls: false\nexclude_docs: |\n  /a.txt\n  b/\n")
    read = settings_from_file(config)
    assert (read.use_directory_urls, read.exclude_docs, read.findings) == (False, ("/a.txt", "b/"), ())
    plain = settings_from_file(_config(tmp_path, ""))
    assert (plain.use_directory_urls, plain.exclude_docs) == (True, ())
    env = settings_from_file(_config(tmp_path, "use_directory_urls: !ENV [FLAT, true]\n"))
    assert (env.use_directory_urls, env.findings) == (True, ())  # a tag is read as nothing: the default


@pytest.mark.parametrize(("lines", "said"), [
    ("use_directory_urls: 0\n", "use_directory_urls: expected true or false, got 0"),
    ("exclude_docs: [a, b]\n", "exclude_docs: expected a multi-line string of patterns"),
    ("exclude_docs: |\n  a\n  !\n", "exclude_docs: Invalid git pattern: '!'"),
])
def test_bad_options_are_one_located_line(tmp_path: Path, lines: str, said: str) -> None:
    settings = settings_from_file(_config(tmp_path, lines))
    assert [(f.path, f.line) for f in settings.findings] == [("mkdocs.yml", 1)]
    assert settings.findings[0].message.startswith(said)


def test_a_dot_file_a_pattern_takes_back_is_walked(tmp_path: Path) -> None:
    """``!.README.html`` takes back what MkDocs' ``.*`` leaves out, and static-i18n makes
    ``print/.README.html`` the print page's ``index.html``: the walk skipped every dot name."""
    _make(tmp_path, "print/.README.html")
    _make(tmp_path, ".drafts/terms/x/index.html")   # still left out: nothing takes it back
    _make(tmp_path, ".drafts/feed.xml")
    assert in_the_way(_settings(tmp_path)) == []
    found = in_the_way(_settings(tmp_path, exclude="!.README.html\n"))
    assert [f.path for f in found] == ["docs/print/.README.html"]
    assert " at print/index.html in the site " in found[0].message
    assert in_the_way(_settings(tmp_path, exclude="!feed.xml\n")) == []  # taken back: .drafts/feed.xml


@pytest.mark.parametrize("source", ["a.md", ".a.md", "a/.b/c.md", "templates/x.md", "templates",
                                    "x/templates/y", "templates.md", "a/b.c/d", "..x", "a/..b", "a./b",
                                    "templatesx/y"])
def test_without_patterns_the_defaults_on_strings_are_mkdocs_own(tmp_path: Path, source: str) -> None:
    from pathspec import GitIgnoreSpec

    mkdocs = GitIgnoreSpec.from_lines([".*", "/templates/"])  # files._default_exclude
    assert excluded(source, _settings(tmp_path)) is mkdocs.match_file(source)

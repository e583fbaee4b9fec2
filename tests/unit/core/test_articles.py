"""Reading ``docs/`` into articles: static-i18n's naming rule, the front matter where MkDocs
reads it (each key's place), the site's own pages left out, unreadable files located."""

from __future__ import annotations

from pathlib import Path

import pytest

from lexikon.core.articles import (
    Article,
    article_name,
    articles_about,
    is_trusted,
    language_path,
    parse_article,
    read_articles,
    resolved,
)
from lexikon.core.settings import make_settings
from tests.support.constants import LANGS, LANGUAGES


@pytest.mark.parametrize(("path", "expected"), [
    ("sourcing.md", ("sourcing", "de")),
    ("sourcing.da.md", ("sourcing", "da")),
    ("sourcing.de.md", ("sourcing", "de")),
    ("wissen/tief/sourcing.da.md", ("wissen/tief/sourcing", "da")),
    ("version-1.2.md", ("version-1.2", "de")),   # not a language: part of the name
    ("notes.en.md", None),                       # static-i18n's language, not one this site builds
    ("da.md", ("da", "de")),                     # a page named like a language is the default's
])
def test_article_names_follow_static_i18n_suffixes(path: str, expected: tuple[str, str] | None) -> None:
    assert article_name(path, LANGS) == expected


def test_language_path_is_the_inverse() -> None:
    assert language_path("wissen/a.md", "de", "de") == "wissen/a.md"
    assert language_path("wissen/a.md", "da", "de") == "wissen/a.da.md"
    for path in ("wissen/a.md", "wissen/a.da.md"):
        key, lang = article_name(path, LANGS)  # type: ignore[misc]
        assert language_path(f"{key}.md", lang, "de") == path


def test_front_matter_keys_values_and_places() -> None:
    text = ("---\ntitle: Titel\ndescription: Kurz.\ntags: [it]\nautolink: false\nterms: true\n---\n"
            "# Kopf\n\nText.\n")
    article, findings = parse_article(text, "a.md", "docs/a.md", "a", "de")
    assert findings == []
    assert (article.title, article.description, article.tags, article.autolink, article.terms_box) == (
        "Titel", "Kurz.", ("it",), False, True)
    assert article.places == {"title": (2, 1), "description": (3, 1), "tags": (4, 1), "autolink": (5, 1),
                              "terms": (6, 1)}
    assert article.body == "# Kopf\n\nText.\n" and article.body_line == 8


def test_the_title_comes_from_the_front_matter_else_the_first_heading_else_the_name() -> None:
    def title(text: str) -> str:
        return parse_article(text, "w/ein-name.md", "docs/w/ein-name.md", "w/ein-name", "de")[0].title

    assert title("---\ntitle: Vorn\n---\n# Kopf\n") == "Vorn"
    assert title("```\n# nicht\n```\n\n# Kopf ##\n") == "Kopf"
    assert title("Nur Text.\n") == "ein-name"


def test_links_are_the_cross_link_targets_outside_code_in_order() -> None:
    text = "[[b]] und [[a|A]] und `[[c]]` und [[b]]\n\n```\n[[d]]\n```\n"
    article, _ = parse_article(text, "x.md", "docs/x.md", "x", "de")
    assert article.links == ("b", "a")
    assert resolved(article, {"a"}).links == ("a",)


def test_front_matter_that_is_no_mapping_or_no_yaml_is_located() -> None:
    _, findings = parse_article("---\ntitle: [\n---\nText\n", "x.md", "docs/x.md", "x", "de")
    assert [(f.line, f.severity.value) for f in findings] == [(3, "error")]
    assert "front matter does not parse" in findings[0].message
    _, findings = parse_article("---\n- eins\n---\nText\n", "x.md", "docs/x.md", "x", "de")
    assert [(f.line, f.col) for f in findings] == [(2, 1)] and "not a mapping" in findings[0].message


def test_wrong_types_fall_back_to_defaults_for_the_check_to_report() -> None:
    text = "---\nautolink: nein\ntags: it\ntitle: 3\n---\n# K\n"
    article, _ = parse_article(text, "x.md", "docs/x.md", "x", "de")
    assert (article.autolink, article.tags, article.title) == (True, (), "K")
    assert article.front == {"autolink": "nein", "tags": "it", "title": 3}


def project(tmp_path: Path, files: dict[str, bytes | str], **options: object):
    for name, content in files.items():
        path = tmp_path / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return make_settings(tmp_path, LANGUAGES, options or None)


def test_read_articles_at_any_depth_without_the_sites_own_pages(tmp_path: Path) -> None:
    settings = project(tmp_path, {
        "index.md": "<!-- ours -->", "index.da.md": "ours", "guide.md": "ours",
        "a.md": "# A", "wissen/tief/b.da.md": "# B", ".hidden/c.md": "x", "assets/x.css": "",
        "impressum.md": "# I",
    }, trusted_pages=["index.md", "guide.md", "impressum.md"])
    articles, findings = read_articles(settings)
    assert findings == ()
    assert [(a.path, a.display, a.key, a.lang) for a in articles] == [
        ("a.md", "docs/a.md", "a", "de"),
        ("wissen/tief/b.da.md", "docs/wissen/tief/b.da.md", "wissen/tief/b", "da")]
    assert is_trusted("impressum", settings) and not is_trusted("a", settings)


def test_line_ends_and_byte_order_mark_are_read_as_mkdocs_reads_them(tmp_path: Path) -> None:
    settings = project(tmp_path, {"a.md": b"\xef\xbb\xbf---\r\ntitle: T\r\n---\r\n# K\r\n\r\n[[x]]\r\n"})
    (article,), _ = read_articles(settings)
    assert (article.title, article.body, article.body_line, article.links) == (
        "T", "# K\n\n[[x]]\n", 4, ("x",))


def test_a_file_that_is_not_utf8_is_a_located_error(tmp_path: Path) -> None:
    settings = project(tmp_path, {"a.md": b"# K\n\xff\n"})
    articles, findings = read_articles(settings)
    assert articles == ()
    assert [(f.path, f.line, f.severity.value) for f in findings] == [("docs/a.md", 1, "error")]
    assert "not UTF-8" in findings[0].message


def test_trusted_pages_must_be_a_list_of_paths(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, LANGUAGES, {"trusted_pages": [1]})
    assert [f.message for f in settings.findings] == [
        "extra.lexikon.trusted_pages: expected a list of paths, got [1]"]
    assert settings.trusted_pages == ("index.md", "guide.md")


def test_articles_about_a_term_per_language() -> None:
    a = Article("a.md", "docs/a.md", "a", "de", "A", links=("x",), mentions=("y", "x"))
    b = Article("b.da.md", "docs/b.da.md", "b", "da", "B", mentions=("x",))
    assert a.terms == ("x", "y")
    assert articles_about([a, b], "de") == {"x": (a,), "y": (a,)}
    assert articles_about([a, b], "da") == {"x": (b,)}


@pytest.mark.parametrize("text", ["---\n---\n# K\n", "Titel: T\n\n# K\n"])
def test_front_matter_only_where_mkdocs_reads_it(text: str) -> None:
    article, findings = parse_article(text, "x.md", "docs/x.md", "x", "de")
    assert (article.front, article.body, article.body_line, findings) == ({}, text, 1, [])


def test_a_key_given_twice_is_an_error_at_its_second_place() -> None:
    text = "---\ntitle: A\nautolink: true\ntitle: B\n---\n# K\n"
    _, findings = parse_article(text, "x.md", "docs/x.md", "x", "de")
    assert [(f.line, f.col, f.severity.value) for f in findings] == [(4, 1, "error")]
    assert "the key 'title' is given twice" in findings[0].message


def test_projects_with_a_glossary_of_their_own_get_no_articles() -> None:
    """The test projects' and the bench's copies of docs/ (the articles name the repository's terms)."""
    from tests.support.project import ROOT, without_articles

    names = ["index.md", "guide.da.md", "x.md", "x.da.md", "assets", "y.en.md"]
    assert without_articles(str(ROOT / "docs"), names) == {"__pycache__", "x.md", "x.da.md"}
    assert without_articles(str(ROOT / "docs" / "wissen"), ["index.md"]) == {"__pycache__", "index.md"}

"""The articles' findings, each at its ``docs/…md:line:col``: front matter, cross-links,
markup (links inside the site allowed), missing translations, duplicate paragraphs."""

from __future__ import annotations

from pathlib import Path

from lexikon.check.articles import check_articles, deduplicated, docs_findings
from lexikon.core.articles import parse_article
from lexikon.core.model import Entry, Glossary, Tag, Text
from lexikon.core.settings import make_settings
from tests.support.constants import LANGS, LANGUAGES

SETTINGS = make_settings(Path("/nonexistent"), LANGUAGES, None)
GLOSSARY = Glossary(
    {"outsourcing": Entry("outsourcing", "glossary/outsourcing.yml",
                          texts={"de": Text("de", "Outsourcing", "Vergabe."),
                                 "da": Text("da", "Outsourcing", "Udlicitering.")})},
    {"it": Tag("it", {"de": "IT", "da": "IT"})}, LANGS)


def findings(text: str, path: str = "a.md", *more: tuple[str, str]) -> list[str]:
    articles = [parse_article(body, name, f"docs/{name}", name.split(".")[0],
                              "da" if ".da." in name else "de")[0]
                for name, body in ((path, text), *more)]
    return [f"{f.path}:{f.line}:{f.col}: {f.severity.value}: {f.message}"
            for f in check_articles(articles, GLOSSARY, SETTINGS).findings]


TWIN = ("a.da.md", "# A\n")


def test_unknown_key_with_a_suggestion_and_wrong_types() -> None:
    found = findings("---\ntitel: X\nautolink: nein\ntags: [it, xx]\nhide: [toc]\n---\n# A\n", "a.md", TWIN)
    assert found[0].startswith(
        "docs/a.md:2:1: error: unknown front matter key 'titel' (did you mean 'title'?)")
    assert found[1].startswith("docs/a.md:3:1: error: 'autolink' must be true or false, not 'nein'")
    assert found[2].startswith("docs/a.md:4:1: error: tag 'xx' is not defined")
    assert len(found) == 3, "Material's own keys (hide) are allowed"


def test_cross_links_that_name_nothing_outside_code() -> None:
    text = ("# A\n\nEin [[outsorcing]] und [[outsourcing]].\n\n`[[nix]]`\n\n```\n[[nix]]\n```\n\n"
            "Zweimal [[outsorcing]].\n")
    found = findings(text, "a.md", TWIN)
    assert [line.split(": error")[0] for line in found] == ["docs/a.md:3:5", "docs/a.md:11:9"]
    assert "(did you mean 'outsourcing'?)" in found[0]


def test_markup_and_unsafe_links_but_links_inside_the_site_are_fine() -> None:
    text = ("# A\n\n[Anleitung](../guide.md) und [Web](https://example.org) und [Post](mailto:a@b.dk).\n\n"
            "Ein <em>Tag</em> und [böse](javascript:alert(1)) und ![Bild](https://x.org/b.png){: .gross}\n")
    found = findings(text, "a.md", TWIN)
    assert [line.split(": ")[0] for line in found] == [
        "docs/a.md:5:5", "docs/a.md:5:12", "docs/a.md:5:29", "docs/a.md:5:54", "docs/a.md:5:82"]
    assert all(": error: " in line for line in found)
    assert "articles are Markdown only" in found[0]


def test_a_missing_translation_is_a_warning_on_the_version_there_is() -> None:
    assert findings("# A\n", "a.md") == [
        "docs/a.md:1:1: warning: this article has no version in Dansk (da): the da site shows it with a "
        "notice that it is not translated yet; write docs/a.da.md"]
    assert findings("# A\n", "a.da.md")[0].startswith(
        "docs/a.da.md:1:1: warning: this article has no version in Deutsch (de)")
    assert findings("# A\n", "a.md", TWIN) == []


def test_duplicates_are_removed_from_the_body_and_noted_at_their_line() -> None:
    text = "---\ntitle: T\n---\n# A\n\nEins zwei drei.\n\n```\nEins zwei drei.\n```\n\nEins  zwei\ndrei.\n"
    article, _ = parse_article(text, "a.md", "docs/a.md", "a", "de")
    cleaned, found = deduplicated(article)
    assert cleaned.body == "# A\n\nEins zwei drei.\n\n```\nEins zwei drei.\n```\n"
    assert [(f.line, f.col, f.severity.value) for f in found] == [(12, 1, "note")]
    assert "same as the paragraph on line 6" in found[0].message


def test_invisible_characters_are_refused() -> None:
    found = findings("# A\n\nText\u202emit Umkehr.\n", "a.md", TWIN)
    assert [line.split(": error")[0] for line in found] == ["docs/a.md:3:5"]


def test_docs_findings_without_articles_reads_no_glossary(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, LANGUAGES, None)  # no glossary folder: loading it would report
    assert docs_findings(settings, None) == []
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("# A\n\n[[x]]\n", encoding="utf-8")
    assert [f.message.split(":")[0] for f in docs_findings(settings, GLOSSARY)] == [
        "this article has no version in Dansk (da)", "the cross-link '[[x]]' names no entry"]


def test_an_article_where_the_site_makes_a_page_or_twice_in_one_language() -> None:
    found = findings("# A\n", "changes.md", ("changes.da.md", "# A\n"))
    assert len(found) == 2 and found[1].startswith(
        "docs/changes.md:1:1: error: the site makes this page itself (the list of changes)")
    found = findings("# A\n", "terms/neu.md", ("terms/neu.da.md", "# A\n"))
    assert "the folder of the generated pages terms/" in found[0]
    found = findings("# A\n", "x.md", ("x.de.md", "# B\n"), ("x.da.md", "# C\n"))
    assert found == ["docs/x.de.md:1:1: error: docs/x.md is this article's version in 'de' already: keep one "
                     "of the two files"]

"""A real build with articles in ``docs/``, read as a reader gets the pages in both languages:
cross-links resolved in the page's language with their tooltips, the first mention of a term
linked (not in code, headings or links), the duplicate paragraph gone and reported, a page
that says so where a language is missing, and raw HTML of an article never on a page."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest

from tests.support.project import Project, article, copy_project

GLOSSARY = {
    "outsourcing.yml": """
        de:
          title: Outsourcing
          summary: Die Vergabe von Aufgaben an externe Dienstleister.
        da:
          title: Outsourcing
          summary: Opgaver overladt til en ekstern leverandør.
    """,
    "backsourcing.yml": """
        de:
          title: Backsourcing
          summary: Die Rückholung ausgelagerter Aufgaben.
        da:
          title: Backsourcing
          summary: Hjemtagning af outsourcede opgaver.
    """,
    "insourcing.yml": """
        de:
          title: Insourcing
          summary: Aufgaben mit eigenen Leuten erledigen.
        da:
          title: Insourcing
          summary: Opgaver løst med egne folk.
    """,
    "nearshoring.yml": """
        de:
          title: Nearshoring
          summary: Auslagerung in ein nahes Land.
        da:
          title: Nearshoring
          summary: Udlicitering til et nærliggende land.
    """,
}

GERMAN = """\
---
title: Auslagern oder zurückholen
description: Wie ein Unternehmen zwischen den Wegen wählt.
---
# Auslagern oder zurückholen

Viele Firmen beginnen mit Outsourcing. Später prüfen sie das Outsourcing erneut.

Das Gegenteil heißt [[backsourcing]], und [[insourcing|die eigene Leistung]] ist ein Weg.

## Nearshoring als Mittelweg

Im Code bleibt `Nearshoring` Code, und [Nearshoring](https://example.org/near) ist
schon ein Link; erst hier wird Nearshoring verlinkt.

Dieser Absatz steht zweimal im Text.

Dieser Absatz steht zweimal im Text.

Mehr in der [Anleitung](../guide.md).
"""

DANISH = """\
---
title: Udlicitere eller hjemtage
---
# Udlicitere eller hjemtage

Mange virksomheder begynder med outsourcing og overvejer senere outsourcing igen.

Det modsatte hedder [[backsourcing]].

Mere i [vejledningen](../guide.md).
"""

NO_AUTOLINK = """\
---
title: Ohne Verweise
autolink: false
---
# Ohne Verweise

Hier wird Outsourcing nur erwähnt, nicht verlinkt.
"""

HOSTILE_TITLE = """\
---
title: <img src=x onerror=alert(1)> Titel
description: '"><script>alert(2)</script>'
---
Ein Absatz.
"""

TRUSTED = """\
# Impressum

<span class="lexikon-test-trusted">Von uns</span> und [[outsourcing]] bleibt, wie es steht.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, str]:
    project = copy_project(tmp_path_factory.mktemp("articles") / "project", GLOSSARY)
    project.write("docs/wissen/sourcing.md", GERMAN)
    project.write("docs/wissen/sourcing.da.md", DANISH)
    project.write("docs/wissen/ohne.md", NO_AUTOLINK)
    project.write("docs/impressum.md", TRUSTED)
    project.write("docs/titel.md", HOSTILE_TITLE)
    project.write("docs/titel.da.md", HOSTILE_TITLE)
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "    search: pagefind\n",
        "    search: pagefind\n    trusted_pages: [index.md, guide.md, impressum.md]\n"), encoding="utf-8")
    result = project.build(strict=False)  # the missing Danish 'ohne' is a warning
    assert result.returncode == 0, result.stderr[-3000:]
    return project, result.stderr


def page(project: Project, url: str) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(article(project.html(url)))


def target(url: str, href: str) -> str:
    """Where a link on the page at site path ``url`` leads, as a site path."""
    return urlsplit(urljoin(f"http://site/{url}", href)).path.lstrip("/")


def links_to(root: lxml.html.HtmlElement, url: str, path: str) -> list[lxml.html.HtmlElement]:
    return [a for a in root.iter("a") if target(url, a.get("href", "")) == path]


@pytest.mark.parametrize(("url", "term_root", "summary", "label"), [
    ("wissen/sourcing/", "", "Die Rückholung ausgelagerter Aufgaben.", "Backsourcing"),
    ("da/wissen/sourcing/", "da/", "Hjemtagning af outsourcede opgaver.", "backsourcing"),
])
def test_cross_links_lead_to_the_term_in_the_pages_language_with_its_tooltip(
        built, url: str, term_root: str, summary: str, label: str) -> None:
    project, _ = built
    root = page(project, url)
    links = links_to(root, url, f"{term_root}terms/backsourcing/")
    assert len(links) == 1
    assert links[0].get("title") == summary
    assert links[0].text_content() == label  # Danish writes the title in lower case mid-sentence
    assert "[[" not in root.text_content()


def test_a_labelled_cross_link_shows_its_label(built) -> None:
    project, _ = built
    root = page(project, "wissen/sourcing/")
    links = links_to(root, "wissen/sourcing/", "terms/insourcing/")
    assert [(a.text_content(), a.get("title")) for a in links] == [
        ("die eigene Leistung", "Aufgaben mit eigenen Leuten erledigen.")]


@pytest.mark.parametrize(("url", "term", "words"), [
    ("wissen/sourcing/", "terms/outsourcing/", "Outsourcing"),
    ("da/wissen/sourcing/", "da/terms/outsourcing/", "outsourcing"),
])
def test_the_first_mention_is_linked_and_only_the_first(built, url: str, term: str, words: str) -> None:
    project, _ = built
    root = page(project, url)
    first = root.find(".//p")
    mentions = [a for a in links_to(root, url, term) if a.getparent() is first]
    assert [a.text_content() for a in mentions] == [words]
    assert mentions[0].get("title"), "an autolink carries the term's summary as tooltip"
    assert first.text_content().count(words) == 2, "the second mention stays text"


def test_no_autolink_in_code_headings_or_links(built) -> None:
    project, _ = built
    url = "wissen/sourcing/"
    root = page(project, url)
    links = links_to(root, url, "terms/nearshoring/")
    assert len(links) == 1
    assert links[0].getparent().tag == "p"
    assert links[0].getprevious() is not None and links[0].getprevious().tag == "a"  # after the example link
    heading = root.find(".//h2")
    assert "Nearshoring" in heading.text_content() and not links_to(heading, url, "terms/nearshoring/")
    assert [code.text for code in root.iter("code")] == ["Nearshoring"]
    assert next(a.get("href") for a in root.iter("a") if a.text_content() == "Nearshoring") == (
        "https://example.org/near")


def test_autolink_false_turns_the_links_off(built) -> None:
    project, _ = built
    root = page(project, "wissen/ohne/")
    assert "Outsourcing" in root.text_content()
    assert not links_to(root, "wissen/ohne/", "terms/outsourcing/")


def test_the_duplicate_paragraph_is_removed_and_reported(built) -> None:
    project, stderr = built
    root = page(project, "wissen/sourcing/")
    assert root.text_content().count("Dieser Absatz steht zweimal im Text.") == 1
    assert ("docs/wissen/sourcing.md:18:1: note: removed a duplicate paragraph in 'de' "
            "(same as the paragraph on line 16)") in stderr


@pytest.mark.parametrize(("url", "guide"), [("wissen/sourcing/", "guide/"),
                                            ("da/wissen/sourcing/", "da/guide/")])
def test_links_to_other_pages_lead_to_them_in_the_pages_language(built, url: str, guide: str) -> None:
    project, _ = built
    assert links_to(page(project, url), url, guide)


def test_a_missing_translation_is_a_warning_and_a_page_that_says_so(built) -> None:
    project, stderr = built
    assert ("docs/wissen/ohne.md:1:1: warning: this article has no version in Dansk (da)") in stderr
    root = page(project, "da/wissen/ohne/")
    assert [p.text_content() for p in root.find_class("lexikon-missing")] == [
        "Denne artikel findes endnu ikke på dansk."]
    box = root.find_class("lexikon-other-language")[0]
    assert box.get("lang") == "de" and "Hier wird Outsourcing nur erwähnt" in box.text_content()
    html = project.html("da/wissen/ohne/")
    assert '<link rel="alternate" hreflang=' not in html, "the notice page is nobody's alternate"


def test_a_trusted_page_keeps_its_html_and_is_not_rewritten(built) -> None:
    project, stderr = built
    root = page(project, "impressum/")
    assert root.find_class("lexikon-test-trusted")
    assert "[[outsourcing]]" in root.text_content()
    assert "docs/impressum.md:" not in stderr


@pytest.mark.parametrize("url", ["titel/", "da/titel/"])
def test_an_articles_title_and_description_are_text_in_the_head_and_header(built, url: str) -> None:
    project, _ = built
    html = project.html(url)
    assert "<img src=x" not in html and "<script>alert(2)" not in html
    document = lxml.html.fromstring(html)
    assert document.findtext(".//title").startswith("<img src=x onerror=alert(1)> Titel")
    assert document.xpath("string(.//meta[@name='description']/@content)") == '"><script>alert(2)</script>'


HOSTILE = """\
# Böse

Ein Absatz mit <script>alert("x")</script> und <img src="x" onerror="alert(2)">.

[Klick](javascript:alert(3))
"""


def test_raw_html_in_an_article_fails_the_build_and_never_reaches_a_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", GLOSSARY)
    project.write("docs/boese.md", HOSTILE)
    project.write("docs/boese.da.md", HOSTILE)
    for strict in (True, False):
        result = project.build(strict=strict)
        assert result.returncode != 0
        assert "Traceback" not in result.stderr
        assert "docs/boese.md:3:16: error: raw HTML '<script>' is not allowed" in result.stderr
        assert "docs/boese.md:3:48: error: raw HTML '<img src=\"x\" onerror=" in result.stderr
        assert "docs/boese.da.md:5:9: error: the link 'javascript:alert(3)'" in result.stderr
        assert not (project.site / "boese").exists()
    site = project.site
    written = [path for path in site.rglob("*.html")] if site.exists() else []
    assert not [path for path in written if "alert(" in path.read_text(encoding="utf-8")]

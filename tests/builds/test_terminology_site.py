"""A real build of a glossary that uses every terminology field, read as a reader gets it:
the term pages of both languages, the A–Z index, search, and a draft absent from every file."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import lxml.html
import pytest

from tests.support.constants import LANGS
from tests.support.page_audit import audit_pages
from tests.support.project import Project, article, copy_project
from tests.support.site_audit import audit_site
from tests.unit.render.test_term_fields import GLOSSARY

DRAFT = {
    "geheim.yml": """
        draft: true
        broader: [institution]
        de:
          title: Geheimentwurf
          abbreviations: [GEHX]
        da:
          title: Hemmeligt udkast
          summary: Endnu ikke færdig.
    """,
    "institution.yml": """
        de:
          title: Institution
          summary: Eine Einrichtung.
          body: Mehr dazu in [[geheim|einem Entwurf]].
        da:
          title: Institution
          summary: En indretning.
    """,
    "tresor.yml": """
        related: [geheim]
        de:
          title: Tresor
          summary: Ein gesicherter Schrank.
        da:
          title: Pengeskab
          summary: Et sikret skab.
    """,
}
"""A draft below a published entry and related to another (not to its own broader: the check
warns at a related item that names the entry's hierarchy)."""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = copy_project(tmp_path_factory.mktemp("terminology") / "project", {**GLOSSARY, **DRAFT})
    # Not strict: until the title check knows qualifiers (t15-checks), the two banks warn.
    result = project.build(strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]
    assert [line for line in warnings if "title 'Bank'" not in line] == []
    return project


def page(project: Project, url: str) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(article(project.html(url)))


def texts(root: lxml.html.HtmlElement, css_class: str) -> list[str]:
    return [" ".join(element.text_content().split()) for element in root.find_class(css_class)]


@pytest.mark.parametrize(("url", "expected"), [
    ("terms/bank-finanz", {
        "h1": "Bank (Finanzwesen)", "lexikon-grammar": ["die · Substantiv"],
        "lexikon-abbreviations": ["Abkürzung: BK"],
        "lexikon-deprecated": ["\u26a0\ufe0e Nicht verwenden: Geldhaus, Sparbüchse"],
    }),
    ("da/terms/bank-finanz", {
        "h1": "Bank (finans)", "lexikon-grammar": ["en · substantiv"],
        "lexikon-abbreviations": ["Forkortelse: BK"],
        "lexikon-deprecated": ["\u26a0\ufe0e Undgå: Pengekasse"],
    }),
])
def test_term_page_shows_the_terminology(project: Project, url: str, expected: dict) -> None:
    root = page(project, url)
    assert root.find(".//h1").text_content().rstrip("¶") == expected.pop("h1")
    for css_class, shown in expected.items():
        assert texts(root, css_class) == shown, css_class
    head = lxml.html.document_fromstring(project.html(url)).findtext(".//head/title")
    assert head.startswith(root.find(".//h1").text_content().rstrip("¶") + " - ")


@pytest.mark.parametrize(("url", "source_word"), [("terms/bank-finanz", "Quelle"),
                                                  ("da/terms/bank-finanz", "Kilde")])
def test_usage_sentences_and_their_sources(project: Project, url: str, source_word: str) -> None:
    context = page(project, url).find_class("lexikon-context")[0]
    link = context.find(".//cite/a")
    assert link.get("rel") == "nofollow noopener"
    assert link.get("href").startswith("https://example.org/")
    assert source_word in context.text_content()


@pytest.mark.parametrize(("url", "section", "titles"), [
    ("terms/institution", "lexikon-narrower", ["Bank (Finanzwesen)", "Bank (Möbel)"]),
    ("da/terms/institution", "lexikon-narrower", ["Bank (finans)", "Bænk"]),
    ("terms/bank-moebel", "lexikon-broader", ["Institution"]),
])
def test_broader_and_narrower_link_to_their_pages(project: Project, url: str, section: str,
                                                  titles: list) -> None:
    root = page(project, url)
    heading = root.get_element_by_id(section)
    links = heading.getnext().findall(".//a")
    assert [a.text_content() for a in links] == titles
    for a in links:  # each link leads to a page that exists
        target = (project.site / url / a.get("href")).resolve()
        assert (target / "index.html").is_file(), a.get("href")
    edges = {line.get("class").split("--")[1] for line in root.find_class("lexikon-edge")}
    assert edges == {section.removeprefix("lexikon-")}


def test_index_tells_the_two_banks_apart(project: Project) -> None:
    root = page(project, "terms")
    rows = [strong.text_content() for strong in root.iterfind(".//li/a/strong")
            if strong.text_content().startswith("Bank")]  # the terms' own rows (titles in bold)
    assert rows == ["Bank (Finanzwesen)", "Bank (Möbel)"]


def test_short_forms_and_terms_not_to_use_are_in_the_page_search_words(project: Project) -> None:
    document = lxml.html.document_fromstring(project.html("terms/bank-finanz"))
    hidden = document.find_class("lexikon-search-terms")
    assert hidden, "the page carries no search words"
    words = [span.text for span in hidden[0].iter("span")]
    assert {"BK", "Geldhaus", "Sparbüchse"} <= set(words)


def _readable(path: Path) -> str:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":  # Pagefind's index and fragments
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def test_a_draft_is_in_no_file_of_the_site(project: Project) -> None:
    found = [str(path.relative_to(project.site)) for path in sorted(project.site.rglob("*"))
             if path.is_file() and any(word in _readable(path) for word in
                                       ("geheim", "Geheimentwurf", "Hemmeligt udkast", "GEHX"))]
    assert found == []
    assert "Mehr dazu in einem Entwurf." in page(project, "terms/institution").text_content()


def test_stats_lists_the_draft(project: Project) -> None:
    result = project.lexicon("stats", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["drafts"] == ["geheim"]
    assert "Drafts (checked, not published): 1\n  geheim" in project.lexicon("stats").stdout


def test_the_site_passes_both_audits(project: Project) -> None:
    assert audit_site(project.site) == []
    assert audit_pages(project.site, LANGS) == []


def test_the_terminology_makes_no_markup_error(project: Project) -> None:
    from tests.builds.test_nu_html import check, describe, ours

    pages = ["terms/bank-finanz", "da/terms/bank-finanz", "terms/institution", "da/terms/institution"]
    errors = check({(project.site / url / "index.html").resolve(): url for url in pages})
    assert {url: [describe(e) for e in ours(found)] for url, found in errors.items() if ours(found)} == {}

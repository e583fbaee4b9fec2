"""The terminology fields on the term page (grammar, qualifier, short forms, terms not to use,
usage sentences, broader and narrower), in both languages, and drafts left out of everything."""

from __future__ import annotations

import datetime

import pytest

from lexikon.check.pipeline import run
from lexikon.core.history import EntryDates
from lexikon.core.layout import SiteLayout
from lexikon.core.model import Glossary
from lexikon.core.settings import make_settings
from lexikon.interchange.export import export_files, page_url_of
from lexikon.render.site_output import SiteOutput, render_everything
from tests.support.constants import LANGUAGES
from tests.support.project import Project
from tests.unit.render.test_render import front_matter, section, to_html

GLOSSARY = {
    "bank-finanz.yml": """
        broader: [institution]
        de:
          title: Bank
          qualifier: Finanzwesen
          gender: f
          pos: noun
          abbreviations: [BK]
          deprecated: [Geldhaus, Sparbüchse]
          summary: Ein Unternehmen, das Geld verwahrt und verleiht.
          context:
            - text: Die *Bank* gewährt den Kredit.
              source: https://example.org/kredit?a=1&b=2
            - text: Er brachte das Geld zur Bank.
              source: Duden, 2024
        da:
          title: Bank
          qualifier: finans
          gender: c
          pos: noun
          abbreviations: [BK]
          deprecated: [Pengekasse]
          summary: En virksomhed, der opbevarer og låner penge ud.
          context:
            - text: Banken låner penge ud.
              source: https://example.org/da
    """,
    "bank-moebel.yml": """
        broader: [institution]
        de:
          title: Bank
          qualifier: Möbel
          summary: Eine Sitzgelegenheit für mehrere Personen.
        da:
          title: Bænk
          summary: Et møbel, flere kan sidde på.
    """,
    "institution.yml": """
        related: [geheim]
        de:
          title: Institution
          summary: Eine Einrichtung, siehe auch [[geheim]].
          body: Mehr dazu in [[geheim]] und [[geheim|dem Entwurf]].
        da:
          title: Institution
          summary: En indretning, se også [[geheim]].
    """,
    "geheim.yml": """
        draft: true
        broader: [institution]
        de:
          title: Geheimentwurf
        da:
          title: Hemmeligt udkast
          summary: Endnu ikke færdig.
    """,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Glossary, SiteOutput, dict[str, str]]:
    project = Project(tmp_path_factory.mktemp("terms"))
    for name, text in GLOSSARY.items():
        project.write(f"glossary/{name}", text)
    settings = make_settings(project.root, LANGUAGES, None)
    result = run(settings)
    assert result.errors == (), result.errors
    when = datetime.datetime(2026, 11, 1, tzinfo=datetime.timezone.utc)
    history = {entry_id: EntryDates(entry_id, when, when) for entry_id in result.glossary.entries}
    output = render_everything(result.glossary, SiteLayout(settings, True, None), history)
    exports = export_files(result.glossary, settings, page_url_of(settings))
    return result.glossary, output, exports


def page(built, lang: str, entry: str) -> str:
    return next(p.markdown for p in built[1].pages if p.lang == lang and p.path == f"terms/{entry}.md")


def one(html, css_class: str):
    found = html.find_class(css_class)
    assert len(found) == 1, css_class
    return found[0]


@pytest.mark.parametrize(("lang", "shown", "grammar"), [
    ("de", "Bank (Finanzwesen)", "die · Substantiv"),
    ("da", "Bank (finans)", "en · substantiv"),
])
def test_title_with_qualifier_and_grammar(built, lang: str, shown: str, grammar: str) -> None:
    markdown = page(built, lang, "bank-finanz")
    html = to_html(markdown)
    assert html.find(".//h1").text_content() == shown
    assert front_matter(markdown)["title"] == shown
    assert one(html, "lexikon-grammar").text_content() == grammar
    assert one(html, "lexikon-article").text_content() == grammar.split(" ")[0]


def test_no_grammar_line_and_no_parentheses_without_the_fields(built) -> None:
    html = to_html(page(built, "de", "institution"))
    assert html.find(".//h1").text_content() == "Institution"
    for css_class in ("lexikon-grammar", "lexikon-qualifier", "lexikon-abbreviations",
                      "lexikon-deprecated", "lexikon-context"):
        assert not html.find_class(css_class), css_class


def test_part_of_speech_alone_or_gender_alone() -> None:
    from lexikon.core.locale import load_locale
    from lexikon.core.model import Text
    from lexikon.render.term_fields import grammar_html

    class View:
        locale = load_locale("de")

    assert ">Verb<" in grammar_html(View(), Text("de", "Laufen", "x", pos="verb"))  # type: ignore[arg-type]
    assert "·" not in grammar_html(View(), Text("de", "Laufen", "x", gender="n"))  # type: ignore[arg-type]
    assert grammar_html(View(), Text("de", "Laufen", "x", pos="other")) == ""  # type: ignore[arg-type]


@pytest.mark.parametrize(("lang", "abbreviations", "deprecated"), [
    ("de", "Abkürzung: BK", "Nicht verwenden: Geldhaus, Sparbüchse"),
    ("da", "Forkortelse: BK", "Undgå: Pengekasse"),
])
def test_short_forms_and_terms_not_to_use(built, lang: str, abbreviations: str, deprecated: str) -> None:
    html = to_html(page(built, lang, "bank-finanz"))
    assert one(html, "lexikon-abbreviations").text_content() == abbreviations
    line = one(html, "lexikon-deprecated")
    warning = one(line, "lexikon-warning")
    assert warning.get("aria-hidden") == "true"
    assert line.text_content().replace(warning.text_content(), "").strip() == deprecated
    struck = [s.text_content() for s in line.iter("s")]
    assert struck == deprecated.split(": ")[1].split(", ")


def test_usage_sentences_with_their_sources(built) -> None:
    markdown = page(built, "de", "bank-finanz")
    assert section(markdown, "So wird der Begriff verwendet") is not None
    items = one(to_html(markdown), "lexikon-context").findall("li")
    assert [li.find("q").text_content() for li in items] == [
        "Die Bank gewährt den Kredit.", "Er brachte das Geld zur Bank."]
    assert items[0].find("q").find("em").text == "Bank"  # inline Markdown, through the entry markup
    link = items[0].find(".//cite/a")
    assert link.get("href") == "https://example.org/kredit?a=1&b=2"
    assert link.get("rel") == "nofollow noopener"
    assert link.text == "example.org"
    assert items[1].find(".//cite").text_content() == "Duden, 2024"
    assert items[1].find(".//a") is None
    assert "Quelle" in items[1].text_content()
    da = one(to_html(page(built, "da", "bank-finanz")), "lexikon-context")
    assert "Kilde" in da.text_content()


@pytest.mark.parametrize(("lang", "entry", "heading", "expected"), [
    ("de", "bank-finanz", "Oberbegriff", ["Institution"]),
    ("de", "institution", "Unterbegriffe", ["Bank (Finanzwesen)", "Bank (Möbel)"]),
    ("da", "institution", "Underbegreber", ["Bank (finans)", "Bænk"]),
    ("da", "bank-moebel", "Overbegreb", ["Institution"]),
])
def test_broader_and_narrower_concepts(built, lang: str, entry: str, heading: str, expected: list) -> None:
    text = section(page(built, lang, entry), heading)
    assert text is not None, heading
    assert [a.text_content() for a in to_html(text).iter("a")] == expected


def test_broader_and_narrower_are_edges_of_their_own_in_the_graph(built) -> None:
    graph = to_html(page(built, "de", "institution")).find_class("lexikon-graph")[0]
    kinds = sorted(line.get("class") for line in graph.iter("line"))
    assert kinds == ["lexikon-edge lexikon-edge--narrower"] * 2
    labels = sorted(text.text for text in graph.iter("text"))
    assert labels == ["Bank (Finanzwesen)", "Bank (Möbel)", "Institution"]
    up = to_html(page(built, "de", "bank-finanz")).find_class("lexikon-graph")[0]
    assert [line.get("class") for line in up.iter("line")] == ["lexikon-edge lexikon-edge--broader"]


def test_two_concepts_with_one_title_are_told_apart_in_the_index(built) -> None:
    index = next(p.markdown for p in built[1].pages if p.lang == "de" and p.path == "terms/index.md")
    rows = [strong.text_content() for strong in to_html(index).iterfind(".//li/a/strong")
            if strong.text_content().startswith("Bank")]  # the terms' own rows (titles in bold)
    assert rows == ["Bank (Finanzwesen)", "Bank (Möbel)"]


def search_terms(built, entry: str) -> tuple[str, ...]:
    return next(p.search_terms for p in built[1].pages if p.lang == "de" and p.path == f"terms/{entry}.md")


def test_short_forms_and_terms_not_to_use_find_the_page(built) -> None:
    terms = search_terms(built, "bank-finanz")
    assert {"BK", "Geldhaus", "Sparbüchse"} <= set(terms)
    assert "Geldhauses" in terms  # an inflected form of a term not to use finds the page too
    other = search_terms(built, "bank-moebel")
    assert "Geldhaus" not in other


def test_a_draft_is_left_out_of_every_page_feed_and_export(built) -> None:
    glossary, output, exports = built
    assert "geheim" in glossary.entries  # checked ...
    assert not [p for p in output.pages if p.entry_id == "geheim"]  # ... not published
    everything = {**{f"{p.lang}/{p.path}": p.markdown for p in output.pages}, **output.feeds,
                  **output.graphs, **exports}
    assert [name for name, text in everything.items() if "geheim" in text] == []
    assert "institution" in output.feeds["da"]  # the feeds and the change list had the draft's date too
    # its title stands only as words of the published texts that named it (and their tooltips)
    assert not any('title="Geheimentwurf' in text or "# Geheimentwurf" in text
                   for text in everything.values())


def test_a_link_to_a_draft_is_its_words_without_a_link(built) -> None:
    html = to_html(page(built, "de", "institution"))
    body = html.text_content()
    assert "Mehr dazu in Geheimentwurf und dem Entwurf." in body
    assert not [a for a in html.iter("a") if "geheim" in (a.get("href") or "")]
    assert section(page(built, "de", "institution"), "Siehe auch") is None  # related held only the draft
    da = to_html(page(built, "da", "institution")).text_content()
    assert "se også Hemmeligt udkast." in da


def test_the_printable_lexicon_tells_the_banks_apart_and_warns(built) -> None:
    printed = to_html(next(p.markdown for p in built[1].pages if p.lang == "de" and p.path == "print.md"))
    assert [h.text_content() for h in printed.iter("h2")][:2] == ["Bank (Finanzwesen)", "Bank (Möbel)"]
    assert texts_of(printed, "lexikon-grammar") == ["die · Substantiv"]
    assert [s.text for s in printed.iter("s")] == ["Geldhaus", "Sparbüchse"]


def texts_of(html, css_class: str) -> list[str]:
    return [element.text_content() for element in html.find_class(css_class)]


@pytest.mark.parametrize(("lang", "expected"), [
    ("de", ["BK → Bank (Finanzwesen)", "Geldhaus (nicht verwenden) → Bank (Finanzwesen)",
            "Sparbüchse (nicht verwenden) → Bank (Finanzwesen)"]),
    ("da", ["BK → Bank (finans)", "Pengekasse (undgå) → Bank (finans)"]),
])
def test_index_leads_from_short_forms_and_terms_not_to_use_to_the_term(built, lang: str,
                                                                        expected: list) -> None:
    index = next(p.markdown for p in built[1].pages if p.lang == lang and p.path == "terms/index.md")
    rows = [" ".join(li.text_content().split()) for li in to_html(index).iter("li")]
    assert [row for row in rows if row.startswith(("BK", "Geldhaus", "Sparbüchse", "Pengekasse"))] == expected
    struck = [s.text for s in to_html(index).iter("s")]
    assert struck == [row.split(" (")[0] for row in expected[1:]]


def test_the_whole_lexicon_draws_the_hierarchy_as_its_own_edges(built) -> None:
    picture = to_html(built[1].graphs["de"])
    kinds = sorted(line.get("class").split("--")[1] for line in picture.iter("line"))
    assert kinds == ["broader", "broader"]  # bank → institution twice; the draft's edge is gone

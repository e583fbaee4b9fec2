"""Stage 4 (render): the Markdown of every page, from a small glossary run through the real stages."""

from __future__ import annotations

import html
import re
import textwrap
from pathlib import Path

import lxml.html
import markdown as python_markdown
import pytest
import yaml

from lexikon.check.pipeline import run
from lexikon.core.layout import SiteLayout
from lexikon.core.model import Glossary, Severity
from lexikon.core.queries import backlinks, plain_text
from lexikon.core.settings import Language, make_settings
from lexikon.render.page import Page, escape_inline
from lexikon.render.pages import render_site
from tests.support.constants import LANGS, LANGUAGES
from tests.support.project import Project

GLOSSARY = {
    "_tags.yml": """
        it: {de: IT, da: IT}
        business: {de: Betriebswirtschaft, da: Erhverv}
    """,
    "outsourcing.yml": """
        tags: [it, business]
        related: [zulieferer, oeko, make-or-buy, insourcing, backsourcing]
        de:
          title: Outsourcing
          aliases: [Auslagerung, Fremdvergabe]
          summary: Die Vergabe von Aufgaben an "externe" Dienstleister.
          body: |
            Das Gegenteil ist [[insourcing]], ein Sonderfall ist [[ backsourcing | die Rückholung ]].

            Vorher steht die Frage [[make-or-buy]].
          highlights:
            - Spart oft Kosten, siehe [[insourcing|das Gegenteil]].
          sources:
            - title: Outsourcing – Wikipedia
              url: https://de.wikipedia.org/wiki/Outsourcing
        da:
          title: Udlicitering
          aliases: [Outsourcing]
          summary: Når en virksomhed overlader opgaver til en ekstern leverandør.
          body: |
            Det modsatte er [[insourcing]].
    """,
    "insourcing.yml": """
        related: [outsourcing]
        de:
          title: Eigenerstellung
          summary: Aufgaben mit "eigenen" Leuten erledigen, statt [[outsourcing]].
        da:
          title: Insourcing
          summary: At løse opgaver med "egne" folk i stedet for [[outsourcing]].
    """,
    "backsourcing.yml": """
        tags: [it]
        de:
          title: Backsourcing
          summary: Die Rückholung ausgelagerter Aufgaben, das Gegenstück zum [[outsourcing]].
    """,
    "make-or-buy.yml": """
        de:
          title: Make_or_Buy [Entscheidung]
          summary: Selbst machen *oder* kaufen?
          highlights:
            - |
              Erste Zeile des Punkts
              und seine zweite Zeile.
            - Noch ein Punkt.
        da:
          title: Make-or-buy *beslutning*
          summary: Lave selv eller købe?
    """,
    "aalborg.yml": """
        de:
          title: Aalborg-Modell
          summary: Ein Modell aus Aalborg.
        da:
          title: Aalborgmodellen
          aliases: [Ølmodellen]
          summary: En model fra Aalborg.
    """,
    "oeko.yml": """
        de:
          title: Ökobilanz
          summary: Die Umweltbilanz eines Produkts.
        da:
          title: Økobalance
          summary: Et produkts miljøregnskab.
    """,
    "zulieferer.yml": """
        de:
          title: Zulieferer
          summary: Ein Unternehmen, das Teile liefert.
        da:
          title: Leverandør
          summary: En virksomhed, der leverer dele.
    """,
}


class Site:
    """The rendered pages, and the language links the renderer asked for."""

    def __init__(self, glossary: Glossary, pages: list[Page], calls: list[tuple[str, str, str]]) -> None:
        self.glossary = glossary
        self.pages = {(page.lang, page.path): page for page in pages}
        self.calls = calls
        self.count = len(pages)

    def md(self, lang: str, path: str) -> str:
        return self.pages[(lang, path)].markdown


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    project = Project(tmp_path_factory.mktemp("render"))
    for name, text in GLOSSARY.items():
        project.write(f"glossary/{name}", text)
    settings = make_settings(project.root, LANGUAGES, None)
    result = run(settings)
    assert result.errors == ()
    assert [(f.path, f.severity) for f in result.warnings] == [
        ("glossary/backsourcing.yml", Severity.WARNING)
    ]
    calls: list[tuple[str, str, str]] = []

    class Recording(SiteLayout):
        """Links between the Markdown sources; twin links recorded, to another tree."""

        def twin_href(self, from_lang: str, to_lang: str, path: str) -> str:
            calls.append((from_lang, to_lang, path))
            return f"/{to_lang}/{path}"

    return Site(result.glossary, render_site(result.glossary, Recording(settings, None)), calls)


def front_matter(markdown: str) -> dict:
    """The front matter, its head fields read as the page shows them (they are HTML)."""
    assert markdown.startswith("---\n")
    values = yaml.safe_load(markdown[4 : markdown.index("\n---\n", 4)])
    return {key: html.unescape(value) if key in ("title", "description") else value
            for key, value in values.items()}


SITE_EXTENSIONS = ["admonition", "attr_list", "md_in_html", "fenced_code", "tables", "toc"]


def to_html(markdown: str) -> lxml.html.HtmlElement:
    """A page's Markdown as MkDocs makes it HTML (front matter left out)."""
    body = markdown[markdown.index("\n---\n", 4) + 5:] if markdown.startswith("---\n") else markdown
    return lxml.html.fragment_fromstring(python_markdown.markdown(body, extensions=SITE_EXTENSIONS),
                                         create_parent="div")


def links(markdown: str) -> list[tuple[str, str, str | None]]:
    """(text, href, title) of every link of a page's Markdown (not the graph's), as the browser gets them."""
    return [(a.text_content(), a.get("href"), a.get("title")) for a in to_html(markdown).iter("a")
            if "lexikon-node" not in (a.get("class") or "")]


def section(markdown: str, heading: str) -> str | None:
    """The text under ``## heading`` up to the next heading, or None."""
    match = re.search(rf"^## {re.escape(heading)}\b.*\n((?:(?!## ).*\n?)*)", markdown, re.M)
    return match.group(1).strip() if match else None


def items(text: str | None) -> list[tuple[str, str]]:
    """(link text, href) of each list item's link, as the browser gets them."""
    return [(a.text_content(), a.get("href")) for a in to_html(text).iterfind(".//li/a")] if text else []


# --- the set of pages ----------------------------------------------------------------------


def test_every_entry_has_a_page_in_every_language(site: Site) -> None:
    terms = {f"terms/{entry}.md" for entry in site.glossary.entries}
    expected = {*terms, "terms/index.md", "print.md", "changes.md", "data.md", "table-de-da.md",
                "articles/index.md", "tags/index.md", "tags/it.md", "tags/business.md"}
    for lang in LANGS:
        assert {path for code, path in site.pages if code == lang} == expected
    assert site.count == 2 * len(expected)
    assert site.pages[("da", "terms/backsourcing.md")].entry_id == "backsourcing"
    assert site.pages[("de", "terms/index.md")].entry_id is None


# --- term pages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "entry", "title", "description"),
    [
        ("de", "outsourcing", "Outsourcing", 'Die Vergabe von Aufgaben an "externe" Dienstleister.'),
        (
            "da",
            "outsourcing",
            "Udlicitering",
            "Når en virksomhed overlader opgaver til en ekstern leverandør.",
        ),
        (
            "de",
            "insourcing",
            "Eigenerstellung",
            'Aufgaben mit "eigenen" Leuten erledigen, statt Outsourcing.',
        ),
        ("da", "insourcing", "Insourcing", 'At løse opgaver med "egne" folk i stedet for Udlicitering.'),
        ("de", "make-or-buy", "Make_or_Buy [Entscheidung]", "Selbst machen oder kaufen?"),
        ("da", "oeko", "Økobalance", "Et produkts miljøregnskab."),
    ],
)
def test_term_page_front_matter(site: Site, lang: str, entry: str, title: str, description: str) -> None:
    assert front_matter(site.md(lang, f"terms/{entry}.md")) == {"title": title, "description": description}


@pytest.mark.parametrize(
    ("lang", "entry", "heading"),
    [
        ("de", "outsourcing", "# Outsourcing"),
        ("da", "outsourcing", "# Udlicitering"),
        ("de", "make-or-buy", r"# Make\_or\_Buy \[Entscheidung\]"),
        ("da", "make-or-buy", r"# Make-or-buy \*beslutning\*"),
    ],
)
def test_term_page_heading_is_escaped(site: Site, lang: str, entry: str, heading: str) -> None:
    assert f"\n{heading} {{ #" in site.md(lang, f"terms/{entry}.md")  # an id of ours after it


@pytest.mark.parametrize(
    ("lang", "entry", "link"),
    [
        # [[id]]: the target's title in the page's language, its summary as tooltip
        ("de", "outsourcing", ("Eigenerstellung", "insourcing.md", 'Aufgaben mit "eigenen" Leuten erledigen, '
                                                                   "statt Outsourcing.")),
        ("da", "outsourcing", ("Insourcing", "insourcing.md", 'At løse opgaver med "egne" folk i stedet for '
                                                              "Udlicitering.")),
        ("de", "insourcing", ("Outsourcing", "outsourcing.md",
                              'Die Vergabe von Aufgaben an "externe" Dienstleister.')),
        ("da", "insourcing", ("Udlicitering", "outsourcing.md",
                              "Når en virksomhed overlader opgaver til en ekstern leverandør.")),
        ("de", "outsourcing", ("Make_or_Buy [Entscheidung]", "make-or-buy.md", "Selbst machen oder kaufen?")),
        # [[id|label]]: the label, trimmed
        ("de", "outsourcing", ("die Rückholung", "backsourcing.md",
                               "Die Rückholung ausgelagerter Aufgaben, das Gegenstück zum Outsourcing.")),
        ("de", "outsourcing", ("das Gegenteil", "insourcing.md", 'Aufgaben mit "eigenen" Leuten erledigen, '
                                                                "statt Outsourcing.")),
    ],
)
def test_cross_links_become_links(site: Site, lang: str, entry: str, link: tuple) -> None:
    assert link in links(site.md(lang, f"terms/{entry}.md"))


def test_no_cross_link_syntax_is_left_on_any_page(site: Site) -> None:
    for (lang, path), page in site.pages.items():
        assert "[[" not in page.markdown, (lang, path)


def test_tooltips_keep_quotes(site: Site) -> None:
    tooltips = [title for page in site.pages.values() for _, _, title in links(page.markdown) if title]
    assert len(tooltips) > 20
    assert any('"externe"' in tip for tip in tooltips)


def test_tooltip_of_an_untranslated_target_is_in_one_language(site: Site) -> None:
    # the Danish page falls back to the German summary: its cross-link must read in German
    # too ("zum Outsourcing"), not take the Danish title ("zum Udlicitering")
    assert ("Backsourcing", "backsourcing.md",
            "Die Rückholung ausgelagerter Aufgaben, das Gegenstück zum Outsourcing.") in links(
        site.md("da", "terms/outsourcing.md"))


@pytest.mark.parametrize(
    ("lang", "aliases"),
    [("de", "Auch: *Auslagerung*, *Fremdvergabe*"), ("da", "Også: *Outsourcing*")],
)
def test_aliases_line(site: Site, lang: str, aliases: str) -> None:
    assert f"\n{aliases}\n{{ .lexikon-aliases }}\n" in site.md(lang, "terms/outsourcing.md")


@pytest.mark.parametrize(
    ("lang", "entry", "heading", "expected"),
    [
        (
            "de",
            "outsourcing",
            "Erwähnt in",
            [("Backsourcing", "backsourcing.md"), ("Eigenerstellung", "insourcing.md")],
        ),
        (
            "da",
            "outsourcing",
            "Nævnt i",
            [("Backsourcing", "backsourcing.md"), ("Insourcing", "insourcing.md")],
        ),
        ("de", "insourcing", "Erwähnt in", [("Outsourcing", "outsourcing.md")]),
        ("da", "make-or-buy", "Nævnt i", [("Udlicitering", "outsourcing.md")]),
        ("de", "aalborg", "Erwähnt in", []),
    ],
)
def test_backlinks_section(site: Site, lang: str, entry: str, heading: str, expected: list) -> None:
    markdown = site.md(lang, f"terms/{entry}.md")
    assert items(section(markdown, heading)) == expected
    assert (f"## {heading} {{ #lexikon-backlinks }}" in markdown) is bool(expected)


def test_backlinks_of_the_glossary(site: Site) -> None:
    inbound = backlinks(site.glossary)
    assert inbound["outsourcing"] == ("backsourcing", "insourcing")
    assert inbound["insourcing"] == ("outsourcing",)
    assert inbound["zulieferer"] == ("outsourcing",)  # from 'related' only
    assert "aalborg" not in inbound


@pytest.mark.parametrize(
    ("lang", "heading", "expected"),
    [
        # sorted by the page language's rules: Ö with O, before Z
        (
            "de",
            "Siehe auch",
            ["Backsourcing", "Eigenerstellung", "Make_or_Buy [Entscheidung]", "Ökobilanz", "Zulieferer"],
        ),
        (
            "da",
            "Se også",
            ["Backsourcing", "Insourcing", "Leverandør", "Make-or-buy *beslutning*", "Økobalance"],
        ),
    ],
)
def test_related_section_is_sorted_by_title(site: Site, lang: str, heading: str, expected: list[str]) -> None:
    markdown = site.md(lang, "terms/outsourcing.md")
    assert [text for text, _ in items(section(markdown, heading))] == expected
    assert f"## {heading} {{ #lexikon-related }}" in markdown


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "de",
            "## Schlagwörter { #lexikon-tags }\n\n[IT](../tags/it.md){ .lexikon-tag } "
            "[Betriebswirtschaft](../tags/business.md){ .lexikon-tag }\n",
        ),
        (
            "da",
            "## Emner { #lexikon-tags }\n\n[IT](../tags/it.md){ .lexikon-tag } "
            "[Erhverv](../tags/business.md){ .lexikon-tag }\n",
        ),
    ],
)
def test_tags_section(site: Site, lang: str, expected: str) -> None:
    assert expected in site.md(lang, "terms/outsourcing.md")


def test_sources_section(site: Site) -> None:
    assert site.md("de", "terms/outsourcing.md").endswith(
        "## Quellen { #lexikon-sources }\n\n"
        '- <a href="https://de.wikipedia.org/wiki/Outsourcing">Outsourcing – Wikipedia</a>\n'
    )
    assert "Kilder" not in site.md("da", "terms/outsourcing.md")


def test_sections_of_a_bare_entry_are_left_out(site: Site) -> None:
    markdown = site.md("de", "terms/aalborg.md")
    assert "## " not in markdown and "!!!" not in markdown


def highlights(markdown: str) -> tuple[str, list[str]]:
    box = to_html(markdown).find(".//div[@class='admonition abstract']")
    return box.findtext("p[@class='admonition-title']"), [" ".join(li.text_content().split())
                                                          for li in box.iterfind("ul/li")]


def test_highlights_box(site: Site) -> None:
    title, points = highlights(site.md("de", "terms/outsourcing.md"))
    assert title == "Das Wichtigste in Kürze" and points == ["Spart oft Kosten, siehe das Gegenteil."]


def test_highlight_over_two_lines_stays_in_the_box(site: Site) -> None:
    _, points = highlights(site.md("de", "terms/make-or-buy.md"))
    assert points == ["Erste Zeile des Punkts und seine zweite Zeile.", "Noch ein Punkt."]


# --- a missing translation -----------------------------------------------------------------------


def test_missing_translation_page_says_so_in_its_language(site: Site) -> None:
    markdown = site.md("da", "terms/backsourcing.md")
    assert front_matter(markdown) == {
        "title": "Backsourcing (endnu ikke på dansk)",
        "description": "Dette begreb findes endnu ikke på dansk.",  # the page's language (review 5)
    }
    assert "\n# Backsourcing\n" in markdown
    assert "\nDette begreb findes endnu ikke på dansk.\n{ .lexikon-missing }\n" in markdown
    assert "\nHer er teksten på tysk:\n" in markdown
    assert "noch nicht" not in markdown and "Diesen Begriff" not in markdown


def test_missing_translation_page_links_to_the_german_page(site: Site) -> None:
    markdown = site.md("da", "terms/backsourcing.md")
    assert (
        "\nTysk: [Backsourcing](/de/terms/backsourcing.md){ hreflang=de lang=de }\n{ .lexikon-twins }\n"
    ) in markdown
    assert ("da", "de", "terms/backsourcing.md") in site.calls


def test_missing_translation_page_shows_the_german_text_marked_as_german(site: Site) -> None:
    markdown = site.md("da", "terms/backsourcing.md")
    boxes = to_html(markdown).findall(".//div[@lang='de']")
    assert len(boxes) == 1 and boxes[0].get("class") == "admonition lexikon-other-language"
    # the German text names its targets in German
    assert boxes[0].find("p[@class='lexikon-lead']").text_content() == (
        "Die Rückholung ausgelagerter Aufgaben, das Gegenstück zum Outsourcing.")
    assert ("Outsourcing", "outsourcing.md") in [(a.text, a.get("href")) for a in boxes[0].iter("a")]


@pytest.mark.parametrize(
    ("lang", "entry", "twins"),
    [
        (
            "de",
            "outsourcing",
            "Dänisch: [Udlicitering (Outsourcing)](/da/terms/outsourcing.md){ hreflang=da lang=da }",
        ),
        (
            "da",
            "outsourcing",
            "Tysk: [Outsourcing (Auslagerung, Fremdvergabe)](/de/terms/outsourcing.md)"
            "{ hreflang=de lang=de }",
        ),
        (
            "da",
            "make-or-buy",
            r"Tysk: [Make\_or\_Buy \[Entscheidung\]](/de/terms/make-or-buy.md){ hreflang=de lang=de }",
        ),
        ("de", "backsourcing", "Dänisch: *noch nicht übersetzt*"),
    ],
)
def test_each_term_page_names_the_term_in_the_other_language(
    site: Site, lang: str, entry: str, twins: str
) -> None:
    assert f"\n{twins}\n{{ .lexikon-twins }}\n" in site.md(lang, f"terms/{entry}.md")


def test_language_links_never_point_to_the_same_language(site: Site) -> None:
    assert site.calls
    assert all(from_lang != to_lang for from_lang, to_lang, _ in site.calls)
    assert ("de", "da", "terms/backsourcing.md") not in site.calls


def test_present_translation_is_a_normal_page(site: Site) -> None:
    markdown = site.md("de", "terms/backsourcing.md")
    assert front_matter(markdown)["title"] == "Backsourcing"
    assert "lexikon-missing" not in markdown


# --- the index --------------------------------------------------------------------------------------

INDEX = {
    "de": [
        "## A { #letter-a .lexikon-letter }",
        "- [**Aalborg-Modell**](aalborg.md) – Ein Modell aus Aalborg.",
        "- *Auslagerung* → [Outsourcing](outsourcing.md)",
        "## B { #letter-b .lexikon-letter }",
        "- [**Backsourcing**](backsourcing.md) – Die Rückholung ausgelagerter Aufgaben, das Gegenstück "
        "zum Outsourcing.",
        "## E { #letter-e .lexikon-letter }",
        '- [**Eigenerstellung**](insourcing.md) – Aufgaben mit "eigenen" Leuten erledigen, '
        "statt Outsourcing.",
        "## F { #letter-f .lexikon-letter }",
        "- *Fremdvergabe* → [Outsourcing](outsourcing.md)",
        "## M { #letter-m .lexikon-letter }",
        r"- [**Make\_or\_Buy \[Entscheidung\]**](make-or-buy.md) – Selbst machen oder kaufen?",
        "## O { #letter-o .lexikon-letter }",
        "- [**Ökobilanz**](oeko.md) – Die Umweltbilanz eines Produkts.",
        '- [**Outsourcing**](outsourcing.md) – Die Vergabe von Aufgaben an "externe" Dienstleister.',
        "## Z { #letter-z .lexikon-letter }",
        "- [**Zulieferer**](zulieferer.md) – Ein Unternehmen, das Teile liefert.",
    ],
    "da": [
        "## B { #letter-b .lexikon-letter }",
        "- [Backsourcing](backsourcing.md) *(endnu ikke på dansk)*",
        "## I { #letter-i .lexikon-letter }",
        '- [**Insourcing**](insourcing.md) – At løse opgaver med "egne" folk i stedet for Udlicitering.',
        "## L { #letter-l .lexikon-letter }",
        "- [**Leverandør**](zulieferer.md) – En virksomhed, der leverer dele.",
        "## M { #letter-m .lexikon-letter }",
        r"- [**Make-or-buy \*beslutning\***](make-or-buy.md) – Lave selv eller købe?",
        "## O { #letter-o .lexikon-letter }",
        "- *Outsourcing* → [Udlicitering](outsourcing.md)",
        "## U { #letter-u .lexikon-letter }",
        "- [**Udlicitering**](outsourcing.md) – Når en virksomhed overlader opgaver til en "
        "ekstern leverandør.",
        "## Ø { #letter-u00d8 .lexikon-letter }",
        "- [**Økobalance**](oeko.md) – Et produkts miljøregnskab.",
        "- *Ølmodellen* → [Aalborgmodellen](aalborg.md)",
        "## Å { #letter-u00c5 .lexikon-letter }",
        "- [**Aalborgmodellen**](aalborg.md) – En model fra Aalborg.",
    ],
}


@pytest.mark.parametrize("lang", LANGS)
def test_index_rows_in_order_under_their_letters(site: Site, lang: str) -> None:
    markdown = site.md(lang, "terms/index.md")
    rows = [line for line in markdown.splitlines() if line.startswith(("## ", "- "))]
    assert rows == INDEX[lang]
    # every row is marked for the tag filter, with its entry's tags
    assert markdown.count("{ .lexikon-row") == sum(1 for row in rows if row.startswith("- "))


@pytest.mark.parametrize(
    ("lang", "title", "intro", "enabled"),
    [
        (
            "de",
            "Begriffe von A bis Z",
            "Alle 7 Begriffe des Lexikons, alphabetisch sortiert.",
            ["A", "B", "E", "F", "M", "O", "Z"],
        ),
        (
            "da",
            "Begreber fra A til Å",
            "Alle 6 begreber i leksikonnet i alfabetisk rækkefølge."
            " Dertil ét begreb, som endnu ikke findes på dansk.",
            ["B", "I", "L", "M", "O", "U", "Ø", "Å"],
        ),
    ],
)
def test_index_head_and_letter_bar(site: Site, lang: str, title: str, intro: str, enabled: list[str]) -> None:
    markdown = site.md(lang, "terms/index.md")
    assert front_matter(markdown) == {"title": title}
    assert f"\n# {title}\n" in markdown and f"\n{intro} [" in markdown  # then the print link
    bar = re.search(r'<nav class="lexikon-letters"[^>]*>(.*?)</nav>', markdown).group(1)
    assert re.findall(r'<a href="#[\w-]+"[^>]*>(.+?)</a>', bar) == enabled
    letters = re.findall(r">(.)</(?:a|span)>", re.sub(r'<span[^>]*lexikon-letter-off[^>]*>.</span>', "", bar))
    assert letters == [*"ABCDEFGHIJKLMNOPQRSTUVWXYZ", *(["Æ", "Ø", "Å"] if lang == "da" else [])]
    for anchor in re.findall(r'<a href="#([\w-]+)"', bar):
        assert f"{{ #{anchor} .lexikon-letter }}" in markdown


# --- tag pages ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "tag", "title", "members"),
    [
        (
            "de",
            "it",
            "Schlagwort: IT",
            [("Backsourcing", "../terms/backsourcing.md"), ("Outsourcing", "../terms/outsourcing.md")],
        ),
        ("da", "business", "Emne: Erhverv", [("Udlicitering", "../terms/outsourcing.md")]),
    ],
)
def test_tag_page(site: Site, lang: str, tag: str, title: str, members: list) -> None:
    markdown = site.md(lang, f"tags/{tag}.md")
    assert front_matter(markdown) == {"title": title}
    assert items(markdown) == members


# --- helpers ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Outsourcing", "Outsourcing"),
        ("Make_or_Buy [Entscheidung]", r"Make\_or\_Buy \[Entscheidung\]"),
        ("*fett* und _kursiv_", r"\*fett\* und \_kursiv\_"),
        ("[[a]]", r"\[\[a\]\]"),
        ("C++ & C#", r"C\+\+ &amp; C\#"),   # an entity: "&amp;" written must show as written
        ("a|b", "a|b"),                    # shown as written (no table here)
        ("<b>", r"&lt;b\>"),
        ("Pfad\\zu", "Pfad\\\\zu"),
        ("`code`", r"\`code\`"),
        ("(x) {y} !z ~", r"\(x\) \{y\} \!z ~"),
        ("Øl – ärger", "Øl – ärger"),
    ],
)
def test_escape_inline(text: str, expected: str) -> None:
    assert escape_inline(text) == expected


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("**fett** und *kursiv* und __auch__", "fett und kursiv und auch"),
        ("mit `Code` darin", "mit Code darin"),
        ("ein [Link](https://example.com) hier", "ein Link hier"),
        ("zwei\n  Zeilen   mit  Abstand", "zwei Zeilen mit Abstand"),
        ("siehe [[a|ein Label]]", "siehe ein Label"),
        ("siehe [[unbekannt]]", "siehe unbekannt"),
        ('mit "Anführung"', 'mit "Anführung"'),
        # what Markdown shows as it is written stays as it is
        ("Variablen wie snake_case_name", "Variablen wie snake_case_name"),
        ("2 * 3 * 4 = 24", "2 * 3 * 4 = 24"),
    ],
)
def test_plain_text(markdown: str, expected: str) -> None:
    assert plain_text(markdown) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("de", "statt Outsourcing und Eigenerstellung"), ("da", "statt Udlicitering und Insourcing")],
)
def test_plain_text_uses_titles_in_the_language(site: Site, lang: str, expected: str) -> None:
    assert plain_text("statt [[outsourcing]] und [[insourcing]]", site.glossary, lang) == expected


# --- auto-linking ----------------------------------------------------------------------------

AUTOLINK_GLOSSARY = {
    "_tags.yml": "",
    "cloud.yml": """\
        de:
          title: Cloud-Computing
          aliases: [Cloud]
          summary: Rechenleistung aus dem Netz.
          forms: [Clouds]
        """,
    "server.yml": """\
        de:
          title: Server
          summary: Ein Rechner, der Dienste anbietet.
          body: |
            ## Server in der Cloud

            Viele Server stehen heute in der Cloud, und jede Cloud braucht Server.

            Mehrere Clouds sind möglich: `Cloud` im Code bleibt, [Cloud](https://x.org) auch.
        """,
    "backup.yml": """\
        de:
          title: Backup
          summary: Eine Sicherungskopie.
          body: |
            Backups liegen in der [[cloud|Wolke]]; auch die Cloud selbst braucht ein Backup.
        """,
}


def _autolinked(tmp_path: Path, autolink: bool = True) -> dict[str, str]:
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    for name, text in AUTOLINK_GLOSSARY.items():
        (glossary / name).write_text(textwrap.dedent(text), encoding="utf-8")
    settings = make_settings(tmp_path, [Language("de", "Deutsch", True)], {"autolink": autolink})
    result = run(settings)
    assert not result.errors, result.errors
    pages = render_site(result.glossary, SiteLayout(settings, None))
    return {page.path: page.markdown for page in pages}


def test_first_mention_of_another_term_links_to_it(tmp_path: Path) -> None:
    server = _autolinked(tmp_path)["terms/server.md"]
    body = server[server.index("## Server in der Cloud"):]
    assert "## Server in der Cloud { #server-in-der-cloud }\n" in body  # never in headings
    found = links(body)
    assert [link for link in found if link[1] == "cloud.md"] == [  # only the first mention
        ("Cloud", "cloud.md", "Rechenleistung aus dem Netz.")]
    assert "in der <a href=\"cloud.md\"" in body
    assert "<code>Cloud</code>" in body and ("Cloud", "https://x.org", None) in found  # code, links untouched
    assert not [link for link in found if link[1] == "server.md"]   # never to the page itself


def test_declared_forms_are_mentions_too(tmp_path: Path) -> None:
    markdown = _autolinked(tmp_path)["terms/server.md"]
    # "Clouds" is a declared form, but Cloud is already linked earlier in the body
    assert not [link for link in links(markdown) if link[0] == "Clouds"]


def test_an_explicit_cross_link_wins_over_auto_linking(tmp_path: Path) -> None:
    backup = links(_autolinked(tmp_path)["terms/backup.md"])
    assert [text for text, href, _ in backup if href == "cloud.md"] == ["Wolke"]


def test_auto_linking_can_be_switched_off(tmp_path: Path) -> None:
    assert not [link for link in links(_autolinked(tmp_path, autolink=False)["terms/server.md"])
                if link[1] == "cloud.md"]

"""An article as a page's Markdown: safe whatever it holds, its terms linked in its language,
the terms it mentions recorded, links to other docs pages in its language, a notice page
where a language is missing."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import lxml.html

from lexikon.core.articles import parse_article
from lexikon.core.layout import SiteLayout
from lexikon.core.locale import load_locale
from lexikon.core.model import Entry, Glossary, Text
from lexikon.core.settings import make_settings
from lexikon.render.article import article_page, missing_pages, render_articles, with_terms
from lexikon.render.view import View
from tests.support.constants import LANGS, LANGUAGES

SETTINGS = make_settings(Path("/nonexistent"), LANGUAGES, None)
LAYOUT = SiteLayout(SETTINGS)


def entry(entry_id: str, de: str, da: str, aliases: tuple[str, ...] = ()) -> Entry:
    return Entry(entry_id, f"glossary/{entry_id}.yml", texts={
        "de": Text("de", de, f"{de} erklärt.", aliases=aliases), "da": Text("da", da, f"{da} forklaret.")})


GLOSSARY = Glossary({e.id: e for e in (
    entry("outsourcing", "Outsourcing", "Outsourcing", ("Auslagerung",)),
    entry("backsourcing", "Backsourcing", "Backsourcing"),
)}, {}, LANGS)


def page(text: str, path: str = "wissen/a.md", lang: str = "de", layout: SiteLayout = LAYOUT):
    key = path.removesuffix(".md").removesuffix(f".{lang}")
    article, _ = parse_article(text, path, f"docs/{path}", key, lang)
    return article_page(View(GLOSSARY, layout, load_locale(lang)), article)


def test_raw_html_and_unsafe_links_never_become_markup() -> None:
    made = page("# A\n\n<script>alert(1)</script> <img src=x onerror=alert(2)> [k](javascript:alert(3))\n\n"
                '<div onclick="x()">Block</div>\n').markdown
    root = lxml.html.fragment_fromstring(made.split("\n", 1)[1], create_parent="div")
    assert not root.xpath(".//script | .//img | .//div[@onclick] | .//*[@onerror]")
    assert "javascript:" not in "".join(a.get("href", "") for a in root.iter("a"))
    assert "&lt;script&gt;" in made  # shown as the text it is


def test_cross_links_and_first_mentions_are_recorded_as_the_articles_terms() -> None:
    made = page("# Outsourcing\n\nDie Auslagerung und [[backsourcing]] und [[nix]]; wieder Outsourcing.\n")
    assert made.article.links == ("backsourcing",)  # [[nix]] names nothing: its text, no link
    assert made.article.mentions == ("outsourcing",)
    assert made.markdown.count('href="../../terms/outsourcing/"') == 1
    assert 'title="Outsourcing erklärt."' in made.markdown
    assert made.markdown.startswith("# Outsourcing {"), "the heading stays a heading, unlinked"


def test_no_mentions_with_autolink_off_in_the_page_or_the_site() -> None:
    text = "Die Auslagerung.\n"
    quiet = page("---\nautolink: false\n---\n" + text)  # no link on the page; the mention counts
    assert quiet.article.mentions == ("outsourcing",) and "<a " not in quiet.markdown
    off = SiteLayout(dataclasses.replace(SETTINGS, autolink=False))
    assert page(text, layout=off).article.mentions == ()
    assert page(text).article.mentions == ("outsourcing",)


def test_a_danish_article_links_to_the_danish_pages() -> None:
    made = page("Det modsatte af [[outsourcing]].\n", "wissen/a.da.md", "da")
    assert 'href="../../terms/outsourcing/"' in made.markdown  # from da/wissen/a/ to da/terms/outsourcing/
    assert 'title="Outsourcing forklaret."' in made.markdown and ">outsourcing</a>" in made.markdown


def test_links_to_docs_pages_lead_to_them_in_the_articles_language() -> None:
    text = ("[Anleitung](../guide.md#schritt) [Nachbar](b.da.md) [Web](https://x.org/a.md) "
            "[Raus](../../x.md)\n")
    made = page(text, "wissen/a.da.md", "da").markdown
    assert 'href="../../guide/#schritt"' in made and 'href="../b/"' in made
    assert 'href="https://x.org/a.md"' in made and 'href="../../x.md"' in made
    flat = page(text, "wissen/a.da.md", "da", SiteLayout(SETTINGS, use_directory_urls=False)).markdown
    assert 'href="../guide.html#schritt"' in flat


def test_with_terms_renders_each_article_in_its_language() -> None:
    de, _ = parse_article("Auslagerung.\n", "a.md", "docs/a.md", "a", "de")
    da, _ = parse_article("[[backsourcing]] og outsourcing.\n", "a.da.md", "docs/a.da.md", "a", "da")
    assert [(a.lang, a.links, a.mentions) for a in with_terms(GLOSSARY, LAYOUT, [de, da])] == [
        ("de", (), ("outsourcing",)), ("da", ("backsourcing",), ("outsourcing",))]
    assert [p.article.path for p in render_articles(GLOSSARY, LAYOUT, [de, da])] == ["a.md", "a.da.md"]


def test_a_missing_language_gets_a_notice_page_with_the_text_there_is() -> None:
    de, _ = parse_article("---\ntitle: Nur deutsch\n---\n# Nur deutsch\n\nÜber [[outsourcing]].\n",
                          "w/a.md", "docs/w/a.md", "w/a", "de")
    both, _ = parse_article("# B\n", "b.md", "docs/b.md", "b", "de")
    both_da, _ = parse_article("# B\n", "b.da.md", "docs/b.da.md", "b", "da")
    view = View(GLOSSARY, LAYOUT, load_locale("da"))
    (made,) = missing_pages(view, [de, both, both_da])
    assert (made.path, made.lang, made.translated) == ("w/a.md", "da", False)
    assert "Denne artikel findes endnu ikke på dansk." in made.markdown
    assert '<div class="admonition lexikon-other-language" lang="de" data-pagefind-ignore>' in made.markdown
    assert made.markdown.count("Nur deutsch") == 2  # head title, the page's heading; not again in the box
    assert 'href="../../terms/outsourcing/"' in made.markdown
    assert missing_pages(View(GLOSSARY, LAYOUT, load_locale("de")), [de, both, both_da]) == []


def test_a_draft_is_neither_linked_nor_mentioned() -> None:
    draft = dataclasses.replace(entry("geheim", "Geheimplan", "Hemmelig plan"), draft=True)
    glossary = dataclasses.replace(GLOSSARY, entries={**GLOSSARY.entries, "geheim": draft})
    text = "Der [[geheim]] und [[geheim|Plan B]]; ein Geheimplan.\n"
    de, _ = parse_article(text, "a.md", "docs/a.md", "a", "de")
    (made,) = render_articles(glossary, LAYOUT, [de])
    assert "geheim" not in made.markdown and "Geheimplan und Plan B; ein Geheimplan." in made.markdown
    assert (made.article.links, made.article.mentions) == ((), ())


def test_a_title_from_the_heading_is_its_plain_text() -> None:
    assert page("# Über *Auslagerung* und [[backsourcing]]\n\nText.\n").article.title == (
        "Über Auslagerung und Backsourcing")
    assert page("---\ntitle: C *wie* C\n---\n# Kopf\n").article.title == "C *wie* C"

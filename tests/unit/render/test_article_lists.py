"""The knowledge base's lists without a build: a term's articles in the page's language, the box
of terms, the articles index (collation, missing languages, tags, filter), the stale notice of
an article from a history in memory, the weights that keep articles below terms in search,
and articles among the changes and in the feed."""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from lexikon.core.articles import Article
from lexikon.core.history import EntryDates
from lexikon.core.language_history import Edit
from lexikon.core.layout import SiteLayout
from lexikon.core.locale import load_locale
from lexikon.core.model import Entry, Glossary, Tag, Text
from lexikon.core.settings import make_settings
from lexikon.render.article_lists import about_term, articles_section, framed, framed_files, terms_box
from lexikon.render.articles_index import articles_index
from lexikon.render.changes_page import changes_page, feed_items
from lexikon.render.view import View
from tests.support.constants import LANGUAGES

OLD = datetime(2026, 3, 1, 10, tzinfo=timezone.utc)
NEW = datetime(2026, 3, 12, 10, tzinfo=timezone.utc)


def _entry(entry_id: str, de: str, da: str) -> Entry:
    return Entry(entry_id, f"glossary/{entry_id}.yml",
                 texts={"de": Text("de", de, f"{de} kurz."), "da": Text("da", da, f"{da} kort.")})


GLOSSARY = Glossary(
    {"outsourcing": _entry("outsourcing", "Outsourcing", "Outsourcing"),
     "insourcing": _entry("insourcing", "Insourcing", "Insourcing"),
     "oeko": _entry("oeko", "Ökobilanz", "Miljøregnskab")},
    {"it": Tag("it", {"de": "IT", "da": "IT"}),
     "business": Tag("business", {"de": "Wirtschaft", "da": "Erhverv"})},
    ("de", "da"),
)


def _article(path: str, lang: str, title: str, *, terms: tuple[str, ...] = (), mentions: tuple[str, ...] = (),
             tags: tuple[str, ...] = (), box: bool = False, description: str = "") -> Article:
    key = path.removesuffix(".md").removesuffix(f".{lang}") if lang != "de" else path.removesuffix(".md")
    return Article(path=path, display=f"docs/{path}", key=key, lang=lang, title=title,
                   description=description, tags=tags, terms_box=box, links=terms, mentions=mentions)


ARTICLES = (
    _article("wissen/zebra.md", "de", "Zebra", terms=("outsourcing",), tags=("it",)),
    _article("wissen/aemter.md", "de", "Ämter", mentions=("outsourcing",), tags=("business",),
             description="Über <Ämter> & [Anbieter]", box=True),
    _article("wissen/aemter.da.md", "da", "Myndigheder", terms=("insourcing",)),
    _article("wissen/aalborg.da.md", "da", "Aalborg", terms=("outsourcing",)),
    _article("wissen/bilanz.md", "de", "Bilanz", terms=("oeko", "insourcing"), box=True),
)


def _view(lang: str, history: dict[str, EntryDates] | None = None, repo_url: str | None = None) -> View:
    layout = SiteLayout(make_settings(Path("."), LANGUAGES, None), True, None, repo_url)
    return View(GLOSSARY, layout, load_locale(lang), articles=ARTICLES, article_history=history or {})


def test_a_term_lists_the_articles_of_the_page_language_linking_or_mentioning_it() -> None:
    assert [a.title for a in about_term(_view("de"), "outsourcing")] == ["Ämter", "Zebra"]  # ä with a
    assert [a.title for a in about_term(_view("da"), "outsourcing")] == ["Aalborg"]
    section = articles_section(_view("de"), "outsourcing", "terms/outsourcing.md")
    assert section.startswith("## Artikel zu diesem Begriff { #lexikon-articles }")
    tooltip = "Über &lt;Ämter&gt; &amp; &#91;Anbieter&#93;"
    assert f'<a href="../../wissen/aemter/" title="{tooltip}">Ämter</a>' in section
    assert articles_section(_view("da"), "oeko", "terms/oeko.md") == ""


def test_the_box_names_the_terms_in_the_page_language_sorted_only_when_asked() -> None:
    danish = dataclasses.replace(ARTICLES[4], lang="da", path="wissen/bilanz.da.md")
    box = terms_box(_view("da"), danish)
    assert box.startswith('\n!!! abstract lexikon-article-terms "Begreber i denne artikel"')
    assert re.findall(r">([^<]+)</a>", box) == ["Insourcing", "Miljøregnskab"]
    assert re.findall(r">([^<]+)</a>", terms_box(_view("de"), ARTICLES[4])) == ["Insourcing", "Ökobilanz"]
    assert terms_box(_view("de"), ARTICLES[0]) == ""  # no terms: true
    assert terms_box(_view("de"), dataclasses.replace(ARTICLES[1], mentions=("gone",))) == ""


def test_the_index_sorts_by_the_language_marks_missing_and_offers_the_tags() -> None:
    page = articles_index(_view("da"))
    assert page.path == "articles/index.md" and page.in_nav and page.lang == "da"
    rows = [line for line in page.markdown.splitlines() if line.startswith("- ")]
    titles = [re.search(r">([^<]+)</a>", row).group(1) for row in rows]
    assert titles == ["Bilanz", "Myndigheder", "Zebra", "Aalborg"]  # Danish: aa is å, after z
    assert "*(endnu ikke på dansk)*" in rows[0] and "endnu" not in rows[1]
    assert "2 artikler" in page.markdown and "Desuden 2 artikler" in page.markdown
    german = articles_index(_view("de")).markdown
    row = next(line for line in german.splitlines() if "Ämter" in line)
    assert r"– Über &lt;Ämter\> &amp; \[Anbieter\]" in row
    assert '<small class="lexikon-article-tags">Wirtschaft' in row
    assert "{ .lexikon-row .lexikon-tag-business }" in german and 'id="lexikon-filter-it"' in german
    assert ".lexikon-row:not(.lexikon-tag-it){display:none}" in articles_index(_view("de")).style


def test_an_index_without_articles_says_so() -> None:
    view = dataclasses.replace(_view("de"), articles=())
    assert "Noch gibt es keine Artikel." in articles_index(view).markdown


def _history(newer: str) -> dict[str, EntryDates]:
    """The pair written together, then one language's file changed alone."""
    both = Edit("a" * 40, OLD, frozenset({"de", "da"}))
    alone = Edit("b" * 40, NEW, frozenset({newer}))
    return {path: EntryDates(path, OLD, NEW if lang == newer else OLD, (alone, both))
            for path, lang in (("wissen/aemter.md", "de"), ("wissen/aemter.da.md", "da"))}


def test_an_older_translation_gets_the_notice_under_its_title() -> None:
    view = _view("da", _history("de"), "https://github.com/example/lexikon")
    page = framed(view, ARTICLES[2], "Tekst.\n")
    assert page.startswith('<h1 data-pagefind-weight="4">Myndigheder</h1>\n\n<div class="admonition warning')
    assert "Den danske version er ældre end den tyske" in page and "commit/" + "b" * 40 in page
    assert "lexikon-stale" not in framed(_view("de", _history("de")), ARTICLES[1], "Text.\n")
    assert "lexikon-stale" not in framed(_view("da", _history("da")), ARTICLES[2], "Tekst.\n")  # catching up


def test_headings_are_weighted_below_a_terms_title_and_a_written_title_is_kept() -> None:
    markdown = ("# Eigener Titel { #eigener-titel }\n\nText.\n\n## Teil { #teil }\n\n"
                "<pre><code>ls\n# x { #y }\n</code></pre>\n")
    page = framed(_view("de"), ARTICLES[0], markdown)
    assert page.startswith('# Eigener Titel { #eigener-titel data-pagefind-weight="4" }\n\n')
    assert '## Teil { #teil data-pagefind-weight="3" }' in page and page.count("<h1") == 0
    assert "<pre><code>ls\n# x { #y }\n</code></pre>" in page  # code is no heading


def test_changes_and_feed_list_the_articles_of_the_language() -> None:
    history = {"wissen/zebra.md": EntryDates("wissen/zebra.md", OLD, NEW),
               "wissen/aalborg.da.md": EntryDates("wissen/aalborg.da.md", NEW, NEW)}
    german = changes_page(_view("de", history), {}).markdown
    assert re.search(r"- 12\.03\.2026: <a [^>]*>Zebra</a> \*\(Artikel, geändert\)\*", german)
    assert "Aalborg" not in german
    danish = feed_items(_view("da", history), {})
    assert [(item[1], item[4]) for item in danish] == [("Aalborg", danish[0][4])]
    assert danish[0][4].startswith("urn:uuid:") and danish[0][3] == "wissen/aalborg/"


@pytest.mark.parametrize("lang", ["de", "da"])
def test_every_article_string_exists_in_both_locales(lang: str) -> None:
    t = load_locale(lang)
    for name in ("articles_about", "article_terms", "articles_title", "articles_none", "article_marker"):
        assert t(name)
    assert t("articles_intro", count=1) != t("articles_intro", count=3)


def test_lexicon_renders_files_get_the_same_frame_under_their_front_matter() -> None:
    view = _view("de")
    files = {"wissen/bilanz.md": '---\ntitle: "Bilanz"\n---\n\n<p>Text.</p>\n',
             "wissen/zebra.md": "kaputt"}
    framed = framed_files(GLOSSARY, view.layout, ARTICLES, {}, files, "de")
    assert list(framed) == ["wissen/bilanz.md"]  # a text without front matter is left as it is
    text = framed["wissen/bilanz.md"]
    head = '---\ntitle: "Bilanz"\n---\n\n<h1 data-pagefind-weight="4">Bilanz</h1>\n\n<p>Text.</p>'
    assert text.startswith(head)
    assert text.rstrip().endswith(">Ökobilanz</a>") and "Begriffe in diesem Artikel" in text

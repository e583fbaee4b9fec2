"""The render stays linear in the glossary's size (issue 17), and its pages stay the same.

Two parts of the render were quadratic: an autolink mention was compared with every name
sharing its first word (a group that grows with the glossary: "Agile …" titles), and the
printable lexicon counted a repeated body heading's number ("Typische Fehler_1234") up from 1
each time. Both now look things up instead; these tests hold the old algorithms as the
reference for what the pages say, on random input, and count the work done.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from lexikon.check.pipeline import run
from lexikon.core.layout import SiteLayout
from lexikon.core.settings import Language, make_settings
from lexikon.render import autolink, markup, raw_blocks
from lexikon.render.pages import render_site
from tests.bench import synthetic

LANGUAGES = [Language("de", "Deutsch", True), Language("da", "Dansk")]


# --- the algorithms as they were: the reference -----------------------------------------------
def reference_names(named: list[tuple[str, list[str]]]) -> dict[str, list[tuple[str, str]]]:
    by_first_word: dict[str, list[tuple[str, str]]] = {}
    seen: set[str] = set()
    for entry_id, names in named:
        for name in names:
            phrase = " ".join(name.split()).lower()
            long_enough = len(phrase) >= autolink.MIN_MENTION_LENGTH
            if long_enough and phrase not in seen and autolink._WORD.match(phrase):
                seen.add(phrase)
                first = autolink._WORD.match(phrase).group(0)
                by_first_word.setdefault(first, []).append((phrase, entry_id))
    for phrases in by_first_word.values():
        phrases.sort(key=lambda pair: -len(pair[0]))
    return by_first_word


def reference_mentions(text: str, names: dict, linked: set[str]) -> list[tuple[int, int, str]]:
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(ch.lower()[:1] for ch in text)
    found, last = [], 0
    for word in autolink._WORD.finditer(lowered):
        start = word.start()
        if start < last or (start and (lowered[start - 1].isalnum() or lowered[start - 1] in "_-")):
            continue
        for phrase, target in names.get(word.group(0), ()):
            end = start + len(phrase)
            if target in linked or " ".join(lowered[start:end].split()) != phrase:
                continue
            if end < len(lowered) and (lowered[end].isalnum() or lowered[end] in "_-"):
                continue
            linked.add(target)
            found.append((start, end, target))
            last = end
            break
    return found


def reference_heading_id(text: str, taken: set[str]) -> str:
    slug = markup._SLUG(text, "-").lstrip("_-") or "h"
    if slug.startswith(markup.RESERVED_ID_PREFIXES):
        slug = "t-" + slug
    anchor, number = slug, 0
    while anchor in taken:
        number += 1
        anchor = f"{slug}_{number}"
    taken.add(anchor)
    return anchor


# --- random names and texts -----------------------------------------------------------------
WORDS = ["agile", "Agile", "daten", "Datenanalyse", "cloud", "Cloud-Dienst", "İstanbul", "straße", "ab",
         "x_y"]
GAPS = [" ", "  ", "\n", "\t", "\xa0", "\x1c", " \n ", "\r\n", "\u2028", "\u200b", "-", ", ", ". ", "_", ""]


def _phrase(rng: random.Random, words: int) -> str:
    return "".join(rng.choice(WORDS) + rng.choice(GAPS[:5] if i < words - 1 else [""]) for i in range(words))


def _named(rng: random.Random, count: int) -> list[tuple[str, list[str]]]:
    return [(f"e{number}", [_phrase(rng, rng.randint(1, 3)) for _ in range(rng.randint(1, 3))])
            for number in range(count)]


class _Entry:
    def __init__(self, entry_id: str, names: list[str]) -> None:
        self.texts = {"de": type("T", (), {"title": names[0], "aliases": tuple(names[1:]), "forms": ()})()}
        self.id = entry_id


def _glossary(named: list[tuple[str, list[str]]]):
    return type("G", (), {"entries": {entry_id: _Entry(entry_id, names) for entry_id, names in named}})()


def test_every_python_whitespace_is_what_the_mention_scan_spaces() -> None:
    assert all((autolink._SPACE.fullmatch(chr(code)) is not None) == chr(code).isspace()
               for code in range(sys.maxunicode + 1))


@pytest.mark.parametrize("seed", range(40))
def test_mentions_are_those_of_the_reference_on_random_texts(seed: int) -> None:
    rng = random.Random(seed)
    named = _named(rng, rng.randint(1, 30))
    names = autolink.mention_names(_glossary(named), "de")  # type: ignore[arg-type]
    reference = reference_names(named)
    for _ in range(20):
        text = "".join(rng.choice(WORDS) + rng.choice(GAPS) for _ in range(rng.randint(1, 25)))
        linked = {f"e{rng.randrange(40)}"}
        expected = reference_mentions(text, reference, set(linked))
        assert autolink.mentions(text, names or {}, set(linked)) == expected


@pytest.mark.parametrize("seed", range(20))
def test_heading_ids_are_those_of_the_reference(seed: int) -> None:
    rng = random.Random(seed)
    headings = [rng.choice(["Typische Fehler", "Vorteile", "Vorteile 1", "vorteile_1", "lexikon", "__x", ""])
                for _ in range(rng.randint(1, 80))]
    start = {rng.choice(["vorteile", "vorteile_2", "typische-fehler_1", "t-lexikon"]) for _ in range(3)}
    ids, plain = markup.Ids(start), set(start)
    assert [markup.heading_id(h, ids) for h in headings] == [reference_heading_id(h, plain) for h in headings]
    assert ids == plain


# --- the work done, counted -----------------------------------------------------------------
class CountingIds(markup.Ids):
    """A page's ids that count how often they are asked for one."""

    asked = 0

    def __contains__(self, item: object) -> bool:
        CountingIds.asked += 1
        return super().__contains__(item)


def test_a_heading_repeated_in_every_entry_costs_the_same_each_time() -> None:
    CountingIds.asked = 0
    taken = CountingIds()
    for _ in range(3000):
        markup.heading_id("Typische Fehler", taken)
    assert CountingIds.asked <= 2 * 3000  # counting up from 1 each time: 4.5 million


class CountingPhrases(dict):
    """A name group's phrases that count the lookups made in them."""

    looked_up = 0

    def get(self, key, default=None):
        CountingPhrases.looked_up += 1
        return super().get(key, default)


def test_a_mention_is_looked_up_once_per_name_length_not_per_name() -> None:
    named = [(f"e{n}", [f"Agile Variante {n}"]) for n in range(5000)]  # 5,000 names, one first word
    names = autolink.mention_names(_glossary(named), "de")  # type: ignore[arg-type]
    names = {first: group._replace(phrases=CountingPhrases(group.phrases)) for first, group in names.items()}
    text = " ".join(["agile Sache", "agile Variante 4999 hier"] * 50)
    CountingPhrases.looked_up = 0
    assert autolink.mentions(text, names, set()) == [(text.index("agile Variante 4999"),
                                                      text.index("agile Variante 4999") + 19, "e4999")]
    assert CountingPhrases.looked_up <= 100 * len(names["agile"].lengths)


# --- whole pages: the same as with the reference, on the bench's glossary ----------------------
@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("scale")
    synthetic.write_glossary(root / "glossary", 60, seed=3)
    settings = make_settings(root, LANGUAGES, None)
    result = run(settings)
    assert not result.errors, result.errors[:3]
    return result.glossary, SiteLayout(settings, True, "/")


def test_every_page_is_as_the_reference_render_makes_it(synthetic_site, monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    glossary, layout = synthetic_site
    pages = {(page.lang, page.path): page.markdown for page in render_site(glossary, layout)}

    def names_as_before(glossary, lang):
        named = [(e.id, [t.title, *t.aliases, *t.forms]) for e in glossary.entries.values()
                 if (t := e.texts.get(lang)) is not None]
        return reference_names(named) or None

    monkeypatch.setattr(autolink, "mention_names", names_as_before)
    monkeypatch.setattr(autolink, "mentions", reference_mentions)
    monkeypatch.setattr(markup, "heading_id", reference_heading_id)
    monkeypatch.setattr("lexikon.render.term_fields.heading_id", reference_heading_id)
    before = {(page.lang, page.path): page.markdown for page in render_site(glossary, layout)}
    assert pages.keys() == before.keys()
    assert [key for key in pages if pages[key] != before[key]] == []
    assert any("typische-fehler_" in text for text in pages.values())  # repeated headings were numbered


# --- finished HTML carried past the site's converter (render.raw_blocks) ----------------------
def site_markdown():
    """The site's converter as mkdocs.yml configures it."""
    import markdown
    from pymdownx.slugs import slugify

    return markdown.Markdown(
        extensions=["admonition", "attr_list", "md_in_html", "fenced_code", "tables", "toc"],
        extension_configs={"toc": {"permalink": True, "slugify": slugify(case="lower")}})


def _real_site(root: Path):
    from tests.bench import corpora

    corpora.write_real(root / "glossary", 40, 1)
    settings = make_settings(root, LANGUAGES, None)
    result = run(settings)
    assert not result.errors, result.errors[:3]
    return result.glossary, SiteLayout(settings, False, None)


@pytest.mark.parametrize("which", ["synthetic", "real"])
def test_pages_converted_with_their_html_hidden_are_the_same(which: str, synthetic_site,
                                                              tmp_path: Path) -> None:
    glossary, layout = synthetic_site if which == "synthetic" else _real_site(tmp_path)
    hidden_blocks = 0
    for page in render_site(glossary, layout):
        hidden, blocks, prefix = raw_blocks.hide(page.markdown)
        hidden_blocks += len(blocks)
        assert raw_blocks.put_back(site_markdown().convert(hidden), blocks, prefix) == \
            site_markdown().convert(page.markdown), (page.lang, page.path)
    assert hidden_blocks > 100


@pytest.mark.parametrize("markdown", [
    "<div markdown>\n*a*\n</div>",                      # md_in_html converts its content
    '<div markdown="1">\n\n<p>x</p>\n\n</div>',
    "<p>a</p>\n<p>b</p>",                               # two elements, one chunk
    "<div><div>a</div>\n</div>\n<div>b</div>",
    "<pre><code>a\n\n<p>b</p>\n\nc</code></pre>",     # blank lines inside an element
    "  <p>indented</p>",
    "<p>open",
    "<pre>x</pre>\n\n<p>y</p>\n\n<figure><svg><a href='#'><text>t</text></a></svg></figure>",
    "- item\n\n<ul><li>x</li></ul>\n\n```\n<p>code</p>\n```",
    "<p>&lt;!--lexikon:raw:0--&gt;</p>",
    "lexikonraw0x0\n\n<p>a</p>\n\nlexikonraw0x1",             # a page holding the placeholders' word
    "<p>a</p>\n<div>b</div>\n\n<p>c</p>\n\n\n\n<p>d</p>\n\n- x\n\n<p>e</p>",
    "```\n\n<p>in a fence</p>\n\n```",
    "~~~\n\n<div>in a fence</div>\n\n~~~\n\n<p>after</p>",
    "<pre>a\tb</pre>\n\n<p>x\r\ny</p>\n\n<div>a\n   \nb</div>\n\n<p>\x02x\x03</p>",
])
def test_odd_blocks_convert_as_they_would_unhidden(markdown: str) -> None:
    hidden, blocks, prefix = raw_blocks.hide(markdown)
    converted = site_markdown().convert(hidden)
    assert raw_blocks.put_back(converted, blocks, prefix) == site_markdown().convert(markdown)

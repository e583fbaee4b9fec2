"""A termbase's definition is plain text (TBX, SKOS); an entry's summary is Markdown. The
import writes the text as Markdown that renders as that same text: ``# …`` no heading,
``3. …`` no list, ``[[x]]`` no cross-link, ``<b>`` no tag, and nothing the check refuses.
An ordinary sentence stays as it is."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from lexikon.core import links
from lexikon.core.escape import markdown_of_plain
from lexikon.core.queries import plain_text
from lexikon.interchange.terms import clean
from lexikon.render.markup import EntryMarkup

MARKUP = EntryMarkup()
texts = st.text(alphabet=st.sampled_from(list("#>-+*_`[]()!<>&;{}\\.:|=~ 0123aAbéx#/")), min_size=1)


def _rendered(markdown: str) -> str:
    """The text a reader sees: the HTML's text of the one paragraph it must be."""
    html = MARKUP.html(markdown, lambda target, label, mid: None)
    assert html.startswith("<p>") and html.count("<p>") == 1, html
    return lxml.html.fragment_fromstring(html).text_content()


@pytest.mark.parametrize("text", ["# steht für die Anzahl der Elemente.", "3. Generation des Mobilfunks.",
                                  "- Strich", "+ plus", "* Stern", "> Zitat", "---", "1) Erstens",
                                  "Ein [[x]] Ding.", "Mit <b> im Text.", "&amp; ist ein Entity.",
                                  "`code` und *Stern* und _Strich_", "C:\\Pfad und \\*", "<https://x.example>",
                                  "[Link](https://x.example)", "![Bild](b.png)", "{: .klasse}"])
def test_plain_text_renders_as_itself_with_no_markup_the_check_refuses(text: str) -> None:
    markdown = markdown_of_plain(text)
    assert _rendered(markdown) == text
    assert list(links.cross_links(markdown)) == [] and list(links.markup_problems(markdown)) == []


@pytest.mark.parametrize("text", ["Ein Wort ist eine sprachliche Einheit (mit Bedeutung).",
                                  "Kosten: 3.5 % p. a., 1. Rang, 2G/3G; A & B.", "E-Mail, z. B. a-b"])
def test_an_ordinary_sentence_stays_as_it_is(text: str) -> None:
    assert markdown_of_plain(text) == text


@settings(max_examples=400, deadline=None)
@given(texts)
def test_any_line_of_plain_text_renders_as_itself(text: str) -> None:
    line = clean(text)
    if line:
        markdown = markdown_of_plain(line)
        assert " ".join(_rendered(markdown).split()) == line
        assert list(links.cross_links(markdown)) == []


def test_skos_definition_is_escaped_and_a_term_is_not(tmp_path: Path) -> None:
    from tests.unit.interchange.test_attack_16 import _lexicon, _project

    project = _project(tmp_path / "project")
    source = tmp_path / "terms.ttl"
    source.write_text('@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
                      '<https://x.example/c/mobilfunk> a skos:Concept ;\n'
                      '  skos:prefLabel "Mobil*funk"@de ;\n'
                      '  skos:definition "3. Generation, [[x]] und <b>."@de .\n', encoding="utf-8")
    result = _lexicon(project, "import-skos", str(source))
    assert result.returncode == 0, result.stdout + result.stderr
    written = yaml.safe_load((project / "glossary" / "mobilfunk.yml").read_text(encoding="utf-8"))["de"]
    assert written["title"] == "Mobil*funk"
    assert written["summary"] == "3\\. Generation, \\[\\[x\\]\\] und &lt;b>."
    assert _lexicon(project, "check").returncode == 0


@settings(max_examples=400, deadline=None)
@given(texts)
def test_plain_text_of_the_markdown_is_the_text_again(text: str) -> None:
    """What the exports write (the summary's plain text) is the definition the import read: a
    TBX or SKOS round trip gives the termbase's text back, not its escapes."""
    line = clean(text)
    assert plain_text(markdown_of_plain(line)) == line

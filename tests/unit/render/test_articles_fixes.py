"""Issue 18 fix round, articles' content: the shared pieces the attack's breaks came from
(autolinks, the cross-link pattern, code, duplicate blocks, titles), in entries as in articles."""

from __future__ import annotations

from lexikon.check.articles import article_findings
from lexikon.check.blocks import is_prose
from lexikon.check.dedupe import deduplicate_text
from lexikon.core.articles import parse_article
from lexikon.core.links import cross_links, markup_problems, misplaced_cross_links
from lexikon.core.markdown_code import without_code
from lexikon.core.model import Text
from lexikon.render.autolink import mention_names, mentions
from tests.unit.render.test_articles import GLOSSARY, page


def test_no_mention_inside_a_written_address_entries_and_articles() -> None:
    names = mention_names(GLOSSARY, "de")
    assert names is not None
    for address in ("https://example.org/Outsourcing/page", "www.outsourcing.de", "info@outsourcing.de"):
        text = f"Siehe {address} oder Outsourcing."
        assert mentions(text, names, set()) == [(text.rindex("Outsourcing"), len(text) - 1, "outsourcing")]
    made = page("Siehe https://example.org/Outsourcing und sonst nichts.\n")
    assert made.article.mentions == () and "<a " not in made.markdown


def test_an_escaped_bracket_in_a_label_is_still_a_link() -> None:
    (link,) = cross_links(r"Ein [[outsourcing|mit \] Klammer]] da.")
    assert link.target == "outsourcing"
    assert [x.target for x in cross_links("[[a|x]] [[b]] [[c|\\\\]]")] == ["a", "b", "c"]
    made = page("Ein Link [[outsourcing|mit \\] Klammer]] im Text.\n")
    assert made.article.links == ("outsourcing",) and 'href="../../terms/outsourcing/"' in made.markdown


def test_cross_links_where_none_can_be_are_named_in_text_order() -> None:
    text = "[x](https://e.org/[[a]]) und [[b|L [[c]] d]] und [[d]]."
    assert [written for written, _ in misplaced_cross_links(text)] == ["https://e.org/[[a]]", "[[b|L [["]
    assert list(misplaced_cross_links("[[a]] [[b|c]] [t](https://e.org/)")) == []
    article, _ = parse_article("# T\n\nVorher [x](https://e.org/[[outsourcing]]).\n\n"
                               "Dann [[outsourcing|a [[backsourcing]] b]].\n", "a.md", "docs/a.md", "a", "de")
    found = [(f.line, f.severity.name) for f in article_findings(article, GLOSSARY)]
    assert found == [(3, "ERROR"), (5, "ERROR")]


def test_indented_code_is_code_but_a_list_items_text_is_not() -> None:
    text = "Text:\n\n    [[x]] <b>\n\n- Punkt\n\n    weiter <b>\n"
    prose = without_code(text)
    assert len(prose) == len(text) and "[[x]]" not in prose and "weiter <b>" in prose
    assert [w for w, _ in markup_problems("So:\n\n    <b>fett</b>\n")] == []  # entries: code shows tags
    assert [w for w, _ in markup_problems("- a\n\n    <b>fett</b>\n")] == ["<b>", "</b>"]
    assert without_code("    Code am Anfang\n").strip() == ""


def test_headings_and_rules_are_no_duplicate_paragraphs() -> None:
    for block in ("Beispiel\n--------", "Titel\n=====", "***", "- - -", "___", "Zeile\nBeispiel\n---"):
        assert not is_prose(block), block
    for block in ("Ein Absatz - mit Strich.", "- eins\n- zwei", "*betont*"):
        assert is_prose(block), block
    body = "Beispiel\n--------\n\nA.\n\n***\n\nBeispiel\n--------\n\nB.\n\n***\n\nA.\n"
    cleaned, _ = deduplicate_text(Text("de", "T", "S", body=body))
    assert cleaned.body.count("Beispiel") == 2 and cleaned.body.count("***") == 2
    assert cleaned.body.count("A.") == 1  # a repeated paragraph still goes


def test_a_title_from_the_first_heading_keeps_its_code() -> None:
    for heading, title in (("# Der Befehl `lexicon check` erklärt", "Der Befehl lexicon check erklärt"),
                           ("# Endet mit `code` ##", "Endet mit code")):
        made = page(f"```\n# kein Titel\n```\n\n{heading}\n\nText.\n")
        assert made.article.title == title


def test_autolink_off_counts_mentions_without_links() -> None:
    made = page("---\nautolink: false\n---\nDie Auslagerung und Backsourcing.\n")
    assert made.article.mentions == ("outsourcing", "backsourcing") and "<a " not in made.markdown

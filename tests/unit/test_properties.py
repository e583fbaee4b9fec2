"""Property-based tests: the stages never crash on odd input, and what they promise holds.

Hypothesis runs derandomized (a fixed seed per test, no example database), so ``make test``
sees the same examples on every machine and every run, and does not shrink a failure (a
failing render example takes minutes to shrink); the whole file stays well under 30
seconds. For a long hunt with random seeds and minimal failing examples, select the
``long`` profile::

    LEXIKON_HYPOTHESIS_PROFILE=long .venv/bin/pytest tests/unit/test_properties.py

Once a bug it finds is fixed, add the minimal example as an ``@example`` of the test, so
it is checked on every run from then on.
"""

from __future__ import annotations

import html
import os
import re
import unicodedata
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from lexikon.check.blocks import split_blocks
from lexikon.check.dedupe import deduplicate_text, normalise
from lexikon.check.load import parse
from lexikon.core import links
from lexikon.core.escape import one_line
from lexikon.core.layout import SiteLayout
from lexikon.core.model import Entry, Glossary, Severity, Source, Tag, Text
from lexikon.core.settings import make_settings
from lexikon.interchange.article import ImportProblem, import_article
from lexikon.render.pages import render_site
from tests.support.constants import FIXTURES, LANGS, LANGUAGES
from tests.support.lost import lost_sentences
from tests.support.markup import Elements, markup_from_editor
from tests.support.staged import LoadedGlossary, check, deduplicate

settings.register_profile(
    "ci", max_examples=100, derandomize=True, database=None, deadline=None, print_blob=True,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure fails fast, unshrunk
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
settings.register_profile(
    "long", max_examples=5000, derandomize=False, database=None, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
PROFILE_NAME = os.environ.get("LEXIKON_HYPOTHESIS_PROFILE", "ci")
PROFILE = settings.get_profile(PROFILE_NAME)
"""Applied per test (not loaded globally), so other test files keep their own settings."""


def examples(ci: int) -> settings:
    """The profile with ``ci`` examples in the ci profile (the long profile's count otherwise)."""
    return settings(PROFILE, max_examples=ci if PROFILE_NAME == "ci" else PROFILE.max_examples)


EXTENSIONS = ["attr_list", "md_in_html", "admonition", "fenced_code", "toc"]
SETTINGS = make_settings(Path("/nonexistent/lexikon-project"), LANGUAGES, None)
IMPORT_GLOSSARY = FIXTURES / "import" / "glossary"


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


# --- 1. load + check never raise; findings are well formed ---------------------------------

VALID_ENTRIES = [
    """# yaml-language-server: $schema=_entry.schema.json
tags: [it, business]
related: [outsourcing]
de:
  title: Backsourcing
  aliases: [Wiedereinlagerung]
  summary: >-
    Rückabwicklung zuvor ausgelagerter IT-Prozesse.
  body: |
    Das Gegenstück ist [[outsourcing]], siehe auch [[outsourcing|Auslagerung]].

    ## Gründe

    - Qualität
    - Kosten
  highlights:
    - Holt Prozesse zurück.
  sources:
    - title: "Backsourcing – Wikipedia"
      url: https://de.wikipedia.org/wiki/Backsourcing
  forms: [Backsourcings]
da:
  title: Backsourcing
  summary: Hjemtagning af opgaver.
""",
    """de: {title: Cloud, summary: "Rechnen [[outsourcing|woanders]].", aliases: [Wolke, "A: B"]}
da: {title: Sky, summary: 'Beregning andetsteds.'}
""",
    """related:
  - outsourcing
da:
  title: "Insourcing"
  summary: |-
    Opgaver løses internt.
  body: >
    Første afsnit.


    Andet afsnit.
""",
]
OUTSOURCING = parse("de:\n  title: Outsourcing\n  summary: Auslagerung.\nda:\n  title: Outsourcing\n"
                    "  summary: Udlicitering.\n", "glossary/outsourcing.yml", "outsourcing")[0]
TAGS_SOURCE = "it: {de: IT, da: IT}\nbusiness: {de: Betriebswirtschaft, da: Erhverv}\n"

FRAGMENTS = [
    "\t", ":", ": ", " :", "[", "]", "{", "}", "'", '"', "&a ", "*a", "&a [x]", "<<: *a",
    "!!python/object/apply:os.system ['true']", "!!python/name:os.system", "!!binary aGk=",
    "!!set {a}", "!local", "%YAML 1.1\n---\n", "\ufeff", "\r", "\r\n", "\n", "#", " # c", "- ", "? ",
    "|", "|-", ">-", "|2", "---", "...", "<script>", "[[x]]", "[[outsourcing|", "\u200b", "\u202e",
    "\x00", "\x85", "\u2028", "\x1b", "\ud7ff", "\U0001f600", "é", "e\u0301", "yes", "null", "~",
    "2024-01-01", "0x1F", ".inf", "=", "title:", "summary:", "de:", "da:", "  ", "\\", "%", "@", "`",
]


@st.composite
def mutated_entries(draw: st.DrawFn) -> str:
    """A valid entry with a few lines deleted, doubled, replaced or spliced with odd text."""
    lines = draw(st.sampled_from(VALID_ENTRIES)).split("\n")
    for _ in range(draw(st.integers(0, 6))):
        operation = draw(st.sampled_from(["delete", "duplicate", "insert", "replace", "indent"]))
        index = draw(st.integers(0, max(len(lines) - 1, 0)))
        if not lines:
            lines = [""]
        line = lines[index]
        if operation == "delete":
            del lines[index]
        elif operation == "duplicate":
            lines.insert(index, line)
        elif operation == "indent":
            lines[index] = draw(st.sampled_from(["\t", " ", "   ", "\t  "])) + line
        else:
            piece = draw(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)))
            if operation == "replace":
                lines[index] = piece
            else:
                at = draw(st.integers(0, len(line)))
                lines[index] = line[:at] + piece + line[at:]
    text = "\n".join(lines)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text


entry_texts = st.one_of(mutated_entries(), mutated_entries(), st.text(max_size=200),
                        st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join))


YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What YAML counts as a line break. An editor counts only LF (and CRLF): a file with the
others is refused by the check (tests/fixtures/hostile/line-breaks-other-than-lf)."""


def assert_well_formed(findings, sources: dict[str, str]) -> None:
    for finding in findings:
        assert isinstance(finding.severity, Severity), finding
        assert finding.message.strip(), finding
        source = sources.get(finding.path)
        assert source is not None, f"a finding for a file not checked: {finding}"
        lines = len(YAML_LINE_BREAK.split(source))
        assert 1 <= finding.line <= lines + 1, f"line out of the file ({lines} lines): {finding}"
        assert finding.col >= 1, finding


@examples(200)
@given(source=entry_texts, where=st.sampled_from(["entry", "entry", "tags"]))
@example(source="de: " + "[" * 10_000 + "]" * 10_000, where="entry")
@example(source="a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n", where="entry")
@example(source="de:\n  title: !!python/object/apply:os.system ['true']\n", where="entry")
@example(source="\ufeffde:\r\n\ttitle: X\r\n", where="tags")
def test_load_and_check_only_ever_return_findings(source: str, where: str) -> None:
    path = "glossary/x.yml" if where == "entry" else "glossary/_tags.yml"
    file, findings = parse(source, path, "x" if where == "entry" else "_tags")
    if where == "entry":
        tags, tag_findings = parse(TAGS_SOURCE, "glossary/_tags.yml", "_tags")
        files = (file, OUTSOURCING)
    else:
        tags, tag_findings = file, []
        file, _ = parse(VALID_ENTRIES[0], "glossary/x.yml", "x")
        files = (file, OUTSOURCING)
    loaded = LoadedGlossary(files, tags, (*findings, *tag_findings))
    result = deduplicate(check(loaded, SETTINGS))
    assert_well_formed(result.findings, {path: source, "glossary/x.yml": file.source or source,
                                         "glossary/_tags.yml": tags.source or TAGS_SOURCE,
                                         "glossary/outsourcing.yml": OUTSOURCING.source})
    if not result.errors:
        render_site(result.glossary, SiteLayout(SETTINGS, None))  # must not raise either


# --- 2. duplicate removal ------------------------------------------------------------------

_PROSE_ALPHABET = "abcdefghijklmnopqrstuvwxyzäöüßæøåé ,.;:!?()-"


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    """A prose paragraph: words, perhaps a list or a quote; never a heading, code or table."""
    words = draw(st.lists(st.text(alphabet=_PROSE_ALPHABET, min_size=1, max_size=8).map(str.strip)
                          .filter(bool), min_size=1, max_size=8))
    text = " ".join(words)
    text = text.lstrip("#|-")
    if not text.strip():
        text = "wort"
    return draw(st.sampled_from(["", "", "- ", "> ", "1. "])) + text


def _variant(draw: st.DrawFn, paragraph: str) -> str:
    """The same paragraph as another Unicode form or with other white space."""
    kind = draw(st.sampled_from(["same", "nfd", "nfc", "spaces", "newline", "trailing"]))
    if kind == "nfd":
        return unicodedata.normalize("NFD", paragraph)
    if kind == "nfc":
        return unicodedata.normalize("NFC", paragraph)
    if kind == "spaces":
        return paragraph.replace(" ", "  ")
    if kind == "newline" and " " in paragraph.strip():
        head, tail = paragraph.rsplit(" ", 1)
        return f"{head}\n{tail}" if tail else paragraph
    if kind == "trailing":
        return paragraph + " "
    return paragraph


NON_PROSE = ["## Überschrift", "## Überschrift", "```\ncode\n\ncode\n```", "| a | b |\n| - | - |",
             "    eingerückter code"]


@st.composite
def texts_with_repeats(draw: st.DrawFn) -> Text:
    pool = draw(st.lists(paragraphs(), min_size=1, max_size=5))
    pieces = []
    for _ in range(draw(st.integers(0, 12))):
        if draw(st.integers(0, 5)) == 0:
            pieces.append(draw(st.sampled_from(NON_PROSE)))
        else:
            pieces.append(_variant(draw, draw(st.sampled_from(pool))))
    separator = draw(st.sampled_from(["\n\n", "\n\n\n", "\n \n"]))
    body = separator.join(pieces) + draw(st.sampled_from(["", "\n"]))
    summary = _variant(draw, draw(st.sampled_from(pool))) if draw(st.booleans()) else "Eine Zusammenfassung."
    return Text(lang="de", title="Titel", summary=summary, body=body)


def _prose_keys(body: str) -> list[str]:
    return [normalise(block.text) for block in split_blocks(body) if block.prose]


@examples(150)
@given(text=texts_with_repeats())
@example(text=Text("de", "T", "Café au lait.", body="Cafe\u0301  au\nlait.\n\nA b.\n\nA  b."))
def test_duplicate_removal(text: Text) -> None:
    once, _ = deduplicate_text(text)
    twice, findings = deduplicate_text(once)
    assert twice.body == once.body, "removing duplicates twice changes the text again"
    assert not findings

    # exactly the later occurrences go; everything else stays, in order
    summary_key = normalise(text.summary)
    seen = {summary_key}
    expected = []
    for block in split_blocks(text.body):
        if block.prose:
            key = normalise(block.text)
            if key in seen:
                continue
            seen.add(key)
        expected.append(block.text)
    assert [block.text for block in split_blocks(once.body)] == expected

    before, after = _prose_keys(text.body), _prose_keys(once.body)
    for key in before:
        if key != summary_key and before.count(key) == 1:
            assert after.count(key) == 1, f"removed a paragraph that is no duplicate: {key!r}"
    assert set(after) == set(before) - {summary_key}
    assert len(after) == len(set(after))


# --- 3. rendering escapes every name an editor gives ----------------------------------------

NAME_FRAGMENTS = [
    "[", "]", "(", ")", "*", "**", "_", "__", "`", "\\", "<", ">", "#", "+", "-", "!", "|", "~",
    "{", "}", "&", "&amp;", "&#60;", "&lt;", ";", ":", '"', "'", " ", "1.", "- ", "<!--", "-->",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
    "[x](javascript:alert(1))", "{: onclick=alert(1)}", "{ .evil }", "{#evil}", "<b>", "</div>",
    "<div markdown>", "!!! note", "&#x6A;avascript:", "https://a.example/", "<https://a.example/>",
]
_letters = st.text(alphabet="abcxyzÄäØøß", min_size=1, max_size=5)
names = (st.lists(st.one_of(st.sampled_from(NAME_FRAGMENTS), _letters), min_size=1, max_size=6)
         .map("".join).map(lambda s: s.replace("\n", " ")).filter(lambda s: s.strip()))
labels = names.map(lambda s: s.replace("[", "(").replace("]", ")").strip()).filter(bool)


def _build_glossary(name, label) -> Glossary:
    """Three linked entries; ``name()`` and ``label()`` give every editor-written name."""
    ids = ["alpha", "beta", "gamma"]
    tags = {"it": Tag("it", {"de": name().strip(), "da": name().strip()})}
    entries = {}
    for number, entry_id in enumerate(ids):
        texts = {}
        for code in (("de", "da"), ("de",), ("da", "de"))[number]:
            other, third = (i for i in ids if i != entry_id)
            texts[code] = Text(
                lang=code,
                title=name(),
                summary=f"Über [[{other}|{label()}]] und [[{third}]].",
                aliases=(name(), name()),
                body=f"Mehr zu [[{other}]].\n\n## Teil\n\nSiehe [[{third}|{label()}]].\n",
                highlights=(f"Kern: [[{other}|{label()}]]",),
                sources=(Source(name(), "https://example.org/a b<c>\"d"),),
                forms=(name(),),
            )
        entries[entry_id] = Entry(entry_id, f"glossary/{entry_id}.yml", tags=("it",),
                                  related=tuple(i for i in ids if i != entry_id), texts=texts)
    return Glossary(entries, tags, LANGS)


@st.composite
def glossaries(draw: st.DrawFn) -> tuple[Glossary, Glossary]:
    """A glossary with odd names, and the same with plain names (to learn the renderer's own markup)."""
    hostile = _build_glossary(lambda: draw(names), lambda: draw(labels))
    counter = iter(range(1000))
    plain = _build_glossary(lambda: f"Name{next(counter)}", lambda: f"Label{next(counter)}")
    return hostile, plain


def _markup(rendered: str) -> tuple[set[str], set[tuple[str, str]], set[str]]:
    """Tags, (tag, attribute) pairs and class tokens of ``rendered``."""
    parser = Elements()
    parser.feed(rendered)
    parser.close()
    tags = {tag for tag, _ in parser.found}
    pairs = {(tag, name) for tag, attrs in parser.found for name, _ in attrs}
    classes = {token for _, attrs in parser.found for name, value in attrs if name == "class"
               for token in (value or "").split()}
    return tags, pairs, classes


def _body(page_markdown: str) -> str:
    if page_markdown.startswith("---\n"):
        return page_markdown.split("\n---\n", 1)[1]
    return page_markdown


def _text_of_first(tag: str, rendered: str) -> str:
    match = re.search(rf"<{tag}\b[^>]*>(.*?)</{tag}>", rendered, re.S)
    assert match, rendered
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1)))


def _rendered(glossary: Glossary) -> dict[tuple[str, str], tuple[str, str]]:
    pages = render_site(glossary, SiteLayout(SETTINGS, None))
    return {(page.lang, page.path): (page.markdown, to_html(_body(page.markdown))) for page in pages}


@examples(30)
@given(pair=glossaries())
def test_rendered_pages_hold_no_markup_from_names(
        pair: tuple[Glossary, Glossary]) -> None:
    """Titles, aliases, cross-link labels, tag labels and source titles are escaped: whatever
    they hold, a page has the elements, attributes and classes of the same page with plain
    names."""
    glossary, plain = pair
    hostile_pages, plain_pages = _rendered(glossary), _rendered(plain)
    assert hostile_pages.keys() == plain_pages.keys()
    for key, (page_markdown, rendered) in hostile_pages.items():
        tags, pairs, classes = _markup(rendered)
        own_tags, own_pairs, own_classes = _markup(plain_pages[key][1])
        unsafe = markup_from_editor(rendered, allowed_tags=frozenset(tags),
                                    allowed_attribute=lambda *_: True)
        where = f"{key[0]}:{key[1]}\n{page_markdown}\n---\n{rendered}"
        assert not unsafe, f"{unsafe}: {where}"
        assert tags <= own_tags, f"elements from names: {tags - own_tags}: {where}"
        assert pairs <= own_pairs, f"attributes from names: {pairs - own_pairs}: {where}"
        assert classes <= own_classes, f"classes from names: {classes - own_classes}: {where}"
        front = yaml.safe_load(page_markdown.split("\n---\n", 1)[0].removeprefix("---\n"))
        assert isinstance(front, dict), page_markdown[:200]


@examples(30)
@given(pair=glossaries())
@example(pair=(_build_glossary(lambda: "a < b | c ~ d", str), _build_glossary(lambda: "x", str)))
@example(pair=(_build_glossary(lambda: "AT&amp;T", str), _build_glossary(lambda: "x", str)))
def test_term_pages_show_the_title_as_written(pair: tuple[Glossary, Glossary]) -> None:
    """The heading of a term page is its title, character for character (white space aside)."""
    glossary, _ = pair
    for key, (page_markdown, rendered) in _rendered(glossary).items():
        front = yaml.safe_load(page_markdown.split("\n---\n", 1)[0].removeprefix("---\n"))
        lang, path = key
        entry = glossary.entries.get(path.removeprefix(f"{SETTINGS.terms_path}/").removesuffix(".md"))
        if entry is not None and lang in entry.texts:
            title = entry.texts[lang].title
            assert html.unescape(front["title"]) == one_line(title)  # HTML: Material writes it as it is
            shown = _text_of_first("h1", rendered)
            assert " ".join(shown.split()) == " ".join(title.split()), (
                f"the title {title!r} is shown as {shown!r}")


# --- 4. import: only ImportProblem, and nothing lost -------------------------------------------

SCRAPED_LINES = [
    "", "", "", "# Cloud Computing", "## Das Wichtigste", "##Højdepunkter", "## Hintergrund",
    "Zur Übersicht aller Begriffe", "Læs også", ">", "> Ein Zitat, das hier steht.", "- Punkt eins.",
    "* Punkt zwei.", "1Der Absatz beginnt mit einer Zahl.", "<p>Ein Absatz in HTML.</p>",
    "<div class='ad'>Werbung hier.</div>", "Siehe [Outsourcing](/outsourcing) dazu.",
    "Siehe [etwas](/unbekannt) dazu.", "Eine [Quelle](https://example.org/) nennt es.",
    "Text mit &amp; und &nbsp; darin.", "==========", "-------", "**Key Takeaways:**", "```",
    "    eingerückt", "Ein Satz: mit Doppelpunkt. Noch ein Satz!", "<br>", "<!-- Kommentar -->",
]
_sentence = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüæøå", min_size=1, max_size=9),
                     min_size=2, max_size=8).map(lambda w: " ".join(w).capitalize() + ".")


@st.composite
def scraped_articles(draw: st.DrawFn) -> str:
    lines = draw(st.lists(st.one_of(st.sampled_from(SCRAPED_LINES), _sentence,
                                    st.lists(_sentence, min_size=2, max_size=3).map(" ".join)),
                          max_size=20))
    if draw(st.booleans()):
        front = ["---", f"title: {draw(st.sampled_from(['Edge Computing', 'IT-Sicherheit', 'A: B']))}"]
        if draw(st.booleans()):
            front.append(f"description: {draw(_sentence)}")
        if draw(st.booleans()):
            front.append("keywords: [it, Strategie]")
        lines = [*front, "---", *lines]
    elif draw(st.booleans()):
        lines = [f"# {draw(_sentence).rstrip('.')}", "", *lines]
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\r\n"]))


@examples(80)
@given(article=st.one_of(scraped_articles(), scraped_articles(), st.text(max_size=300)),
       lang=st.sampled_from(LANGS), name=st.sampled_from(["a.md", "a.txt", "a.html"]),
       entry_id=st.sampled_from([None, "edge-computing"]))
@example(article="---\ntitle: X\n", lang="de", name="a.md", entry_id=None)
@example(article="\ufeff# T\r\n\r\n<p>A.</p>\r\n", lang="da", name="a.txt", entry_id=None)
def test_import_raises_only_import_problem_and_loses_nothing(article: str, lang: str, name: str,
                                                             entry_id: str | None) -> None:
    try:
        result = import_article(article, name, lang, glossary_dir=IMPORT_GLOSSARY,
                                languages=LANGS, entry_id=entry_id)
    except ImportProblem as problem:
        assert str(problem).strip()
        return
    _, findings = parse(result.yaml_text, f"glossary/{result.entry_id}.yml", result.entry_id)
    assert not findings, f"the import wrote YAML the loader refuses: {findings}\n{result.yaml_text}"
    assert yaml.safe_load(result.yaml_text)[lang]["title"] == result.block["title"]

    for change in result.changes:
        assert change.line >= 1 and change.message.strip(), change
    text = article.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lost = lost_sentences(text, result, IMPORT_GLOSSARY, tag_words={"it", "strategie", "strategy"})
    assert not lost, "lost without a report:\n" + "\n".join(lost) + f"\n--- entry:\n{result.yaml_text}"


# --- 5. the markup check refuses whatever would reach the page as markup ----------------------

MARKUP_FRAGMENTS = [
    "<", ">", "</", "<b>", "<div", "<div>", "<script>", "</script>", "<img src=x onerror=alert(1)>",
    " onclick=x", "`", "``", "```", "~~~", "\n", "\n\n", " ", "    ", "\t", "[", "]", "(", ")", "](",
    "[x]", "[x]: ", "javascript:alert(1)", "data:text/html,x", "vbscript:x", "JaVa&#x53;cript:x",
    "java\tscript:", "{", "}", "{: .c}", "{ onclick=x }", "{#i}", "!", "![", "*", "_", "#", "##", "> ",
    "- ", "1. ", "&", "&#60;", "&lt;", "\\", "http://a.b/", "<http://a.b/>", "<a@b.c>", "mailto:",
    "!!! note", "<!--", "-->", '"', "'", "=", ":", "a", "b", "x", "markdown", "<p markdown>", "|",
    "[TOC]", "<?php", "<![CDATA[", "<svg/onload=alert(1)>", "<a href=javascript:x>",
]
markup_texts = st.one_of(
    st.lists(st.one_of(st.sampled_from(MARKUP_FRAGMENTS), st.text(max_size=3)), max_size=25).map("".join),
    st.text(alphabet="<>`\n /=abdivscript:[](){}!&#;\\\"'", max_size=40),
)


@examples(600)
@given(text=markup_texts)
@example(text="`x\n<div onclick=alert(1)>\n`")
@example(text="`a\n<script>alert(1)</script>\n`")
@example(text="[x]\n\n[x]: javascript:alert(1)")
@example(text="```{onclick=x}\ncode\n```")
def test_markup_that_reaches_the_page_is_refused(text: str) -> None:
    reached = markup_from_editor(to_html(text))
    if reached:
        problems = list(links.markup_problems(text))
        assert problems, f"markup_problems accepts {text!r}, which renders {reached}: {to_html(text)!r}"


@pytest.mark.parametrize("text", [
    "Ein `<b>` im Code.", "a < b und b > a", "AT&amp;T", "[[backsourcing|Back]]",
    "[Wikipedia](https://de.wikipedia.org/)", "<https://example.org/>", "Preis: 5 €",
])
def test_plain_markdown_is_accepted_and_renders_no_editor_markup(text: str) -> None:
    """The oracle above is not trivially true: ordinary texts pass both sides."""
    assert not list(links.markup_problems(text)), text
    assert not markup_from_editor(to_html(text)), to_html(text)


def test_the_oracle_sees_raw_html() -> None:
    assert markup_from_editor(to_html("<b>x</b>")) == ["element <b>"]
    assert markup_from_editor(to_html("[a](javascript:x)"))
    assert markup_from_editor(to_html("a\n{: onclick=x}"))

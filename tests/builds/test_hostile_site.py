"""Hostile text in every field of every entry and tag label, built into a whole site.

Each example writes a glossary whose every text field (titles, aliases, summaries,
bodies, highlights, source titles and addresses, word forms, cross-link labels, tag
labels, qualifiers, short forms, terms not to use, usage sentences and their sources)
holds hostile strings: markup, quotes of every kind, code spans, entities, brackets, control
and bidi characters, Markdown link, image, reference and attribute syntax. It is built as a
person builds it (``mkdocs build``, not strict), and then either the check refused it (an
error line, and no site published) or the site passes :func:`site_audit.audit_site` and each
term page's head says the title as written.

A build costs seconds, so ``make test`` runs a few fixed examples (one build holds many
hostile fields); ``LEXIKON_HYPOTHESIS_PROFILE=long`` runs many random ones.
"""

from __future__ import annotations

import os
import shutil

import lxml.html
import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from lexikon.core.escape import one_line
from tests.support.constants import LANGS
from tests.support.project import Project, copy_project
from tests.support.site_audit import audit_site

RAW = [
    "<script>alert(1)</script>", "</title><script>alert(2)</script>", '"><img src=x onerror=alert(3)>',
    "' onmouseover='alert(4)", "&lt;b&gt;", "&#60;script&#62;", "<b>x</b>", '<div markdown="1">*x*</div>',
    "[x](javascript:alert(5))", "{: onclick=alert(6)}", "<!-- c -->", "<![CDATA[x]]>", "\x1b[31m",
    "\x00", "\x0b", "\x7f", "\u2028", "\ufeff", "[r]: https://example.com", "\u202e", "\u2066",
    "\u200f", "List<T onmouseover=alert(8)>", 'Map<K x=">" onclick=alert(9)>',
]
"""What the check refuses outside code (or may, after a merge): rare, so that most
examples build."""
SHOWN = [
    "&amp;", "&", '"', "'", "«»", "„“", "‘’", "(", ")", "[", "]", "|", "\\", "*", "_", "#", "!", "~",
    "%0A", "::error::x", ",:", "[[a|`\"><i>`]]", "[[b]]",
    "[x](https://example.com 'a\" b')", "![p](https://elsewhere.example/p.gif)", "[r][r]",
    "{style=color:red onanimationstart=alert(7)} x", "{#id .cls} x",
    "\n\n| a | b |\n|---|---|\n| c {style=x onclick=y} | d |\n\n", "\n\n- a\n- b\n\n", "\n\n> q\n\n",
    "\n\n```\n<script>alert(8)</script>\n```\n\n",
]
"""What the check lets through: text that looks like markup, shown as text (or dropped)."""
CONTROLS = ("\x1b[31m", "\x00", "\x0b", "\x7f", "\u2028", "\ufeff", "\u202e", "\u2066", "\u200f")
CODE = st.sampled_from([piece for piece in RAW + SHOWN if piece not in CONTROLS]).map(
    lambda s: "`" + s.replace("`", "").replace("\n", " ").strip() + "` ")
WORDS = st.text(st.characters(categories=["L", "N", "P", "S", "Zs"], exclude_characters="<`[]{}"),
                max_size=3)
HOSTILE = st.lists(st.sampled_from(SHOWN) | CODE | WORDS,
                   min_size=1, max_size=6).map(lambda pieces: "Wort " + "".join(pieces) + " Ende")
"""Text that looks like markup: the check lets it through, the site must show it as text."""
LINE = HOSTILE.map(lambda text: " ".join(text.split()))
ANYTHING = st.lists(st.sampled_from(RAW + SHOWN) | HOSTILE, min_size=1, max_size=4).map("".join)
"""Anything at all: in one field of some examples (the check may refuse it)."""

PROFILE_NAME = os.environ.get("LEXIKON_HYPOTHESIS_PROFILE", "ci")
BUILD_SETTINGS = settings(
    max_examples=3 if PROFILE_NAME == "ci" else 300, derandomize=PROFILE_NAME == "ci", database=None,
    deadline=None, print_blob=True, phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.function_scoped_fixture],
)


@st.composite
def texts(draw: st.DrawFn, cross_links: bool, wild: bool) -> dict:
    """One language's fields; with ``wild``, one field holds anything at all."""
    summary = draw(LINE)
    if cross_links:
        summary += f" [[a|{draw(LINE).replace(']', '')}]] [[b]]"
    fields = {
        "title": draw(LINE), "aliases": draw(st.lists(LINE, max_size=2, unique=True)), "summary": summary,
        "body": draw(HOSTILE) + "\n\n## " + draw(LINE) + "\n\n" + draw(HOSTILE),
        "highlights": draw(st.lists(LINE, min_size=1, max_size=2)),
        "sources": [{"title": draw(LINE),
                     "url": draw(st.sampled_from(["https://example.com/x", "https://example.com/?q=\"'<>`"]))}],
        "forms": draw(st.lists(LINE, max_size=2, unique=True)),
        # the terminology fields (issue 15): every one that holds text
        "qualifier": draw(LINE), "pos": "noun",
        "abbreviations": draw(st.lists(LINE, min_size=1, max_size=2, unique=True)),
        "deprecated": draw(st.lists(LINE, min_size=1, max_size=2, unique=True)),
        "context": [{"text": draw(LINE), "source": draw(LINE | st.just("https://example.com/?q=\"'<>`"))}],
    }
    if wild:
        field = draw(st.sampled_from(["title", "summary", "body", "aliases", "source", "url", "qualifier",
                                      "abbreviations", "deprecated", "context"]))
        value = draw(ANYTHING)
        if field == "context":
            fields["context"][0]["text"] = value
        elif field in ("aliases", "abbreviations", "deprecated"):
            fields[field] = [value]
        elif field in ("source", "url"):
            fields["sources"][0]["title" if field == "source" else "url"] = value
        else:
            fields[field] = value
    return fields


@st.composite
def glossaries(draw: st.DrawFn) -> dict[str, object]:
    """File name → YAML data: three entries (one untranslated) and two tags."""
    files: dict[str, object] = {
        "_tags.yml": {tag: {lang: draw(LINE) for lang in LANGS} for tag in ("it", "biz")},
    }
    wild = draw(st.booleans())
    for entry_id, langs in (("a", LANGS), ("b", LANGS), ("c", ("de",))):
        data: dict[str, object] = {"tags": ["it", "biz"], "related": [i for i in "abc" if i != entry_id]}
        if entry_id != "a":
            data["broader"] = ["a"]
        for lang in langs:
            data[lang] = draw(texts(cross_links=entry_id != "a", wild=wild and entry_id == "c"))
        files[f"{entry_id}.yml"] = data
    return files


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return copy_project(tmp_path_factory.mktemp("hostile-site") / "project", {})


def write(project: Project, files: dict[str, object]) -> None:
    shutil.rmtree(project.glossary, ignore_errors=True)
    shutil.rmtree(project.site, ignore_errors=True)
    project.glossary.mkdir()
    for name, data in files.items():
        text = yaml.safe_dump(data, allow_unicode=False, sort_keys=False, width=1_000_000)
        (project.glossary / name).write_text(text, encoding="utf-8")


@BUILD_SETTINGS
@given(glossaries())
def test_hostile_glossary_is_refused_or_builds_a_clean_site(project: Project, files: dict) -> None:
    write(project, files)
    result = project.build(strict=False)
    if result.returncode != 0:
        assert ": error: " in result.stderr, result.stderr[-3000:]
        assert "Traceback" not in result.stderr, result.stderr[-3000:]
        assert not project.site.exists()
        return
    problems = audit_site(project.site)
    assert problems == [], problems[:20]
    for entry_id in ("a", "b"):
        for lang, prefix in (("de", ""), ("da", "da/")):
            root = lxml.html.document_fromstring(project.html(f"{prefix}terms/{entry_id}"))
            text = files[f"{entry_id}.yml"][lang]
            title = one_line(f"{text['title']} ({text['qualifier']})")
            assert root.findtext(".//head/title").startswith(f"{title} - "), (entry_id, lang)


def test_angle_brackets_a_title_may_hold_stay_text_everywhere(project: Project) -> None:
    """A title is plain text, so ``List<T>`` is a term there (issue 16): a browser would still
    read ``<T onmouseover=…>`` as an element, so every page must show it escaped."""
    titles = {"de": "List<T onmouseover=alert(8)>",
              "da": 'Map<K x=">" onclick=alert(9)><svgx onload=alert(10)>'}
    write(project, {"a.yml": {lang: {"title": title, "aliases": [f"{title} 2"], "summary": "Ein Typ."}
                              for lang, title in titles.items()}})
    result = project.build(strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert audit_site(project.site) == []
    for lang, prefix in (("de", ""), ("da", "da/")):
        root = lxml.html.document_fromstring(project.html(f"{prefix}terms/a"))
        assert root.findtext(".//h1").strip() == titles[lang]
        assert not root.xpath("//*[@onmouseover or @onclick or @onload]")


def test_the_profile_is_bounded_in_make_test() -> None:
    assert PROFILE_NAME != "ci" or BUILD_SETTINGS.max_examples <= 5



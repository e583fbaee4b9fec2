"""``lexicon import``: scraped articles into entries, every change reported, nothing lost.

Golden files in ``tests/fixtures/import/``: each input ``NAME.LANG.(txt|md)`` beside the
entry file it becomes (``NAME.LANG.expected.yml``) and the report (``.expected.txt``).
``LEXIKON_REGEN=1`` rewrites them (``tests/support/golden.py``); read the diff before you commit it.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
import yaml

from lexikon.check.pipeline import run
from lexikon.core.model import Severity
from lexikon.core.settings import make_settings
from lexikon.interchange import article as importer
from lexikon.interchange.article import (
    Change,
    ImportProblem,
    ImportResult,
    import_article,
    slugify,
    write_import,
)
from tests.support.constants import FIXTURES as ALL_FIXTURES
from tests.support.constants import LANGS, LANGUAGES, ROOT
from tests.support.golden import golden_text
from tests.support.lost import lost_sentences

FIXTURES = ALL_FIXTURES / "import"
INPUTS = sorted(p.name for p in FIXTURES.iterdir()
                if p.is_file() and p.suffix in (".txt", ".md") and ".expected" not in p.name)


def _lang(name: str) -> str:
    return name.split(".")[-2]


def _project(tmp_path: Path, glossary: Path = FIXTURES / "glossary") -> Path:
    project = tmp_path / "project"
    shutil.copytree(glossary, project / "glossary")
    return project


def _import(name: str, glossary_dir: Path, entry_id: str | None = None, lang: str | None = None
            ) -> ImportResult:
    text = (FIXTURES / name).read_bytes().decode("utf-8")
    return import_article(text, name, lang or _lang(name), glossary_dir=glossary_dir,
                          languages=LANGS, entry_id=entry_id)


def _check(project: Path):
    settings = make_settings(project, LANGUAGES, None)
    return run(settings)


def test_every_kind_of_input_is_covered() -> None:
    assert {"backsourcing.de.txt", "insourcing.da.md"} <= set(INPUTS)
    assert len(INPUTS) >= 6
    kinds = {(_lang(n), Path(n).suffix, (FIXTURES / n).read_text(encoding="utf-8").startswith("---"))
             for n in INPUTS}
    assert {("de", ".md", True), ("de", ".txt", False), ("da", ".md", False), ("da", ".md", True),
            ("da", ".txt", True)} <= kinds


# -- golden files ------------------------------------------------------------------------
@pytest.mark.parametrize("name", INPUTS)
def test_golden(name: str, tmp_path: Path) -> None:
    result = _import(name, _project(tmp_path) / "glossary")
    stem = name.rsplit(".", 1)[0]
    expected_yml, expected_txt = FIXTURES / f"{stem}.expected.yml", FIXTURES / f"{stem}.expected.txt"
    report = result.report(name)
    assert result.yaml_text == golden_text(expected_yml, result.yaml_text)
    assert report == golden_text(expected_txt, report)


@pytest.mark.parametrize("name", INPUTS)
def test_result_passes_the_check(name: str, tmp_path: Path) -> None:
    project = _project(tmp_path)
    result = _import(name, project / "glossary")
    path = write_import(result, project / "glossary")
    assert path == project / "glossary" / f"{result.entry_id}.yml"
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=_entry.schema.json\n")
    checked = _check(project)
    assert checked.errors == ()
    mine = [f for f in checked.warnings if f.path.endswith(path.name)]
    assert all("translation is missing" in f.message or "nearly the same" in f.message for f in mine), mine
    entry = checked.glossary.entries[result.entry_id]
    text = entry.texts[result.lang]
    assert text.title == result.block["title"]
    assert text.summary == result.block["summary"]
    assert entry.tags == result.tags
    # the importer removed the repeats already: the build finds no duplicate to remove
    assert not [f for f in checked.findings if f.severity is Severity.NOTE and f.path.endswith(path.name)]


# -- nothing is lost -----------------------------------------------------------------------


def _tag_words(result: ImportResult, glossary_dir: Path) -> set[str]:
    tags = yaml.safe_load((glossary_dir / "_tags.yml").read_text(encoding="utf-8"))
    return {w.casefold() for t in result.tags for w in (t, *tags[t].values())}


@pytest.mark.parametrize("name", INPUTS)
def test_nothing_is_lost(name: str, tmp_path: Path) -> None:
    glossary = _project(tmp_path) / "glossary"
    result = _import(name, glossary)
    article = (FIXTURES / name).read_text(encoding="utf-8")
    tag_words = _tag_words(result, glossary)
    lost = [f"{name}:{line}" for line in lost_sentences(article, result, glossary, tag_words)]
    assert not lost, "\n".join(lost)


def test_every_removal_is_reported_with_its_reason(tmp_path: Path) -> None:
    result = _import("insourcing.da.md", _project(tmp_path) / "glossary")
    pull = next(c for c in result.changes if c.message.startswith("removed a pull quote"))
    assert pull.line == 26
    assert pull.message.startswith("removed a pull quote that repeats the paragraph on line 30: 'At give ")
    assert pull.removed == ("At give ikke-ansatte adgang til systemer, især backoffice-systemer, kan skabe "
                            "sikkerhedsrisici.")
    keyword = next(c for c in result.changes if "Business Essentials" in c.message)
    assert keyword.removed == "Business Essentials"


# -- an existing entry -----------------------------------------------------------------------
def _block_span(text: str, key: str) -> tuple[int, int]:
    """Character range of the top-level ``key:`` block (to the next top-level key)."""
    start = re.search(rf"(?m)^{key}:", text).start()
    following = re.compile(r"(?m)^[A-Za-z_][\w-]*:").search(text, start + 1)
    return start, following.start() if following else len(text)


def test_import_replaces_only_its_language_block(tmp_path: Path) -> None:
    project = _project(tmp_path, ROOT / "glossary")
    glossary = project / "glossary"
    before = (glossary / "backsourcing.yml").read_text(encoding="utf-8")
    result = _import("backsourcing.de.txt", glossary)
    assert result.existing and result.entry_id == "backsourcing"
    after = result.yaml_text
    de_before, de_after = _block_span(before, "de"), _block_span(after, "de")
    assert before[: de_before[0]] == after[: de_after[0]]  # tags, related: untouched
    assert before[de_before[1]:] == after[de_after[1]:]  # the da block, byte for byte
    assert after[de_after[0]: de_after[1]] == importer.render_block("de", result.block)
    write_import(result, glossary)
    checked = _check(project)
    assert checked.errors == ()
    text = checked.glossary.entries["backsourcing"].texts["de"]
    assert text.title == "Backsourcing" and text.highlights == ()
    assert checked.glossary.entries["backsourcing"].tags == ("it", "strategy")


def test_import_of_the_second_language_keeps_the_first(tmp_path: Path) -> None:
    project = _project(tmp_path, ROOT / "glossary")
    glossary = project / "glossary"
    before = (glossary / "backsourcing.yml").read_text(encoding="utf-8")
    result = _import("offshoring.da.md", glossary, entry_id="backsourcing")
    after = result.yaml_text
    da_before, da_after = _block_span(before, "da"), _block_span(after, "da")
    assert before[: da_before[0]] == after[: da_after[0]]
    assert after[da_after[1]:] == before[da_before[1]:] == ""
    assert "[[outsourcing|outsourcing]]" in after[da_after[0]:]
    write_import(result, glossary)
    assert _check(project).errors == ()


def test_a_missing_block_is_added_before_later_languages(tmp_path: Path) -> None:
    project = _project(tmp_path)
    glossary = project / "glossary"
    only_da = ("# kept comment\r\ntags: [it]\r\n\r\n# the Danish text\r\nda:\r\n  title: Nearshoring\r\n"
               "  summary: Når opgaver flyttes til et naboland.\r\n")
    (glossary / "nearshoring.yml").write_bytes(b"\xef\xbb\xbf" + only_da.encode("utf-8"))
    result = _import("nearshoring.de.txt", glossary)
    assert result.existing and result.bom
    assert result.yaml_text.startswith("# kept comment\r\ntags: [it]\r\n\r\nde:\r\n")
    assert result.yaml_text.endswith("\r\n# the Danish text\r\nda:\r\n  title: Nearshoring\r\n"
                                     "  summary: Når opgaver flyttes til et naboland.\r\n")
    assert "\n" not in result.yaml_text.replace("\r\n", "")
    path = write_import(result, glossary)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf# kept comment")
    checked = _check(project)
    assert checked.errors == ()
    assert set(checked.glossary.entries["nearshoring"].texts) == {"de", "da"}


def test_splice_keeps_comments_that_introduce_the_next_block() -> None:
    source = "de:\n  title: A\n  summary: B.\n\n# Danish\nda:\n  title: C\n  summary: D.\n"
    spliced = importer.splice_block(source, "de", "de:\n  title: X\n  summary: Y.\n", LANGS)
    assert spliced == "de:\n  title: X\n  summary: Y.\n\n# Danish\nda:\n  title: C\n  summary: D.\n"


def test_splice_refuses_a_flow_mapping() -> None:
    with pytest.raises(ImportProblem, match="block mapping"):
        importer.splice_block("{de: {title: A, summary: B}}\n", "de", "de:\n  title: X\n", LANGS)


# -- the rules, one by one ---------------------------------------------------------------------
LEAD = ("Ein erster Absatz, dessen erster Satz lang genug ist, um allein die Zusammenfassung zu "
        "sein. Und ein zweiter Satz.")
"""A first paragraph whose first sentence becomes the summary while the paragraph stays."""


def _quick(text: str, lang: str, tmp_path: Path, name: str = "x.md", **kwargs: str) -> ImportResult:
    glossary = tmp_path / "glossary"
    if not glossary.exists():
        shutil.copytree(FIXTURES / "glossary", glossary)
    return import_article(text, name, lang, glossary_dir=glossary, languages=LANGS, **kwargs)


@pytest.mark.parametrize(("title", "slug"), [
    ("Backsourcing", "backsourcing"),
    ("Größe & Maß", "groesse-mass"),
    ("Ærø Økonomi på Åen", "aeroe-oekonomi-paa-aaen"),
    ("Über  uns", "ueber-uns"),
    ("Cloud-Computing (IaaS)", "cloud-computing-iaas"),
    ("Café crème", "cafe-creme"),
])
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


@pytest.mark.parametrize(("text", "sentences"), [
    ("Eins. Zwei! Drei?", ["Eins.", "Zwei!", "Drei?"]),
    ("Das gilt z. B. für IT. Sonst nicht.", ["Das gilt z. B. für IT.", "Sonst nicht."]),
    ("Det gælder f.eks. it. Ellers ikke.", ["Det gælder f.eks. it.", "Ellers ikke."]),
    ("Version 2.0 ist da. Gut.", ["Version 2.0 ist da.", "Gut."]),
])
def test_split_sentences(text: str, sentences: list[str]) -> None:
    assert importer.split_sentences(text) == sentences


@pytest.mark.parametrize(("markdown", "body"), [
    ("Se [outsourcing](/outsourcing).", "Se [[outsourcing|outsourcing]]."),
    ("Se [Outsourcing](/outsourcing/).", "Se [[outsourcing]]."),
    ("Se [It-sikkerhed](https://x.dk/it_security).", "Se [It-sikkerhed](https://x.dk/it_security)."),
    ("Se [it-sikkerhed](/da/it_security) nu.", "Se [[it-security|it-sikkerhed]] nu."),
    ("En [konkurrencefordel,](/competitive_advantage) her.", "En konkurrencefordel, her."),
    ("Mail [os](mailto:a@b.dk).", "Mail [os](mailto:a@b.dk)."),
    ("Se [her](#afsnit).", "Se her."),
    ("Se [farlig](javascript:alert(1)).", "Se farlig)."),
])
def test_links(markdown: str, body: str, tmp_path: Path) -> None:
    result = _quick(f"# Titel\n\n{LEAD}\n\n{markdown}\n", "da", tmp_path)
    assert result.block["body"].split("\n\n")[-1].strip() == body


@pytest.mark.parametrize(("lang", "line"), [
    ("de", "Das Lexikon für IT-Begriffe"), ("de", "Zur Übersicht aller Begriffe"),
    ("de", "[Mehr erfahren](/mehr)"), ("de", "**Artikel teilen**"), ("de", "Weiterlesen →"),
    ("da", "Læs mere"), ("da", "Del artiklen"), ("da", "- [Læs også](/x)"), ("da", "Tilbage til toppen"),
])
def test_site_chrome_is_removed_and_reported(lang: str, line: str, tmp_path: Path) -> None:
    result = _quick(f"# Titel\n\n{LEAD}\n\n{line}\n", lang, tmp_path)
    assert result.block["body"] == f"{LEAD}\n"
    message = f"removed site chrome (navigation or footer of the scraped site): '{line}'"
    assert Change(5, message, line) in result.changes


def test_chrome_patterns_are_data_per_language() -> None:
    for lang in LANGS:
        assert set(importer.import_patterns(lang)) == {"chrome", "highlights", "title_questions"}
        assert importer.import_patterns(lang)["chrome"], "each language has its own chrome patterns"
        for patterns in importer.import_patterns(lang).values():
            assert all(isinstance(p, str) and re.compile(p) for p in patterns)


def test_a_sentence_that_mentions_chrome_words_stays(tmp_path: Path) -> None:
    paragraph = "Im Lexikon finden Sie mehr.\nMehr erfahren Sie im Kapitel zwei.\n"
    result = _quick(f"# Titel\n\n{LEAD}\n\n{paragraph}", "de", tmp_path)
    assert result.block["body"] == f"{LEAD}\n\n{paragraph}"
    assert not [c for c in result.changes if "chrome" in c.message]


def test_plain_text_title_line_and_headings(tmp_path: Path) -> None:
    text = (f"Nearshoring\n{LEAD}\nVorteile\nDie Wege sind kurz und die Zeitzonen gleich.\n")
    result = _quick(text, "de", tmp_path, name="n.txt")
    assert result.entry_id == "nearshoring" and result.block["title"] == "Nearshoring"
    assert result.block["body"] == f"{LEAD}\n\n## Vorteile\n\nDie Wege sind kurz und die Zeitzonen gleich.\n"
    assert result.changes[0] == Change(1, "took the title 'Nearshoring' from the first heading "
                                          "(removed from the body)")


def test_id_option_and_guessed_title(tmp_path: Path) -> None:
    text = "Ein Absatz ohne Überschrift, der lang genug ist, um als Zusammenfassung zu taugen.\n"
    result = _quick(text, "de", tmp_path, name="a.txt", entry_id="edge-computing")
    assert result.entry_id == "edge-computing" and result.block["title"] == "Edge computing"
    assert any("guessed 'Edge computing' from the id" in c.message for c in result.changes)
    with pytest.raises(ImportProblem, match="no title"):
        _quick(text, "de", tmp_path, name="a.txt")


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"lang": "en"}, "not configured"),
    ({"entry_id": "Bad_Id"}, "not a valid id"),
])
def test_bad_arguments(kwargs: dict[str, str], message: str, tmp_path: Path) -> None:
    lang = kwargs.pop("lang", "de")
    with pytest.raises(ImportProblem, match=message):
        _quick("# T\n\nText.\n", lang, tmp_path, **kwargs)


def test_no_text_for_a_summary(tmp_path: Path) -> None:
    # only a title: a draft with a note too (issue 16's attack; test_article_hardening.py)
    assert "draft: true\n" in _quick("# Titel\n", "de", tmp_path).yaml_text
    # a body without a paragraph: a draft without a summary (issue 16; test_import_boilerplate.py)
    assert "draft: true\n" in _quick("# Titel\n\n## Nur eine Überschrift\n", "de", tmp_path).yaml_text


def test_glued_numbers_only_at_paragraph_starts(tmp_path: Path) -> None:
    text = f"# T\n\n{LEAD}\n\n1Der Absatz hat 3D-Drucker und 2FA.\n\n12Die Zahl 1Der bleibt hier.\n"
    result = _quick(text, "de", tmp_path)
    assert result.block["body"] == (f"{LEAD}\n\nDer Absatz hat 3D-Drucker und 2FA.\n\n"
                                    "Die Zahl 1Der bleibt hier.\n")
    assert [c.removed for c in result.changes if "paragraph number" in c.message] == ["1", "12"]


def test_quotes_that_do_not_repeat_stay(tmp_path: Path) -> None:
    text = ("# T\n\nEin Absatz mit Inhalt, der lang genug ist. Noch ein Satz.\n\n"
            "> Ein echtes Zitat, das nirgends sonst steht.\n>\n")
    result = _quick(text, "de", tmp_path)
    assert result.block["body"].endswith("> Ein echtes Zitat, das nirgends sonst steht.\n")


def test_html_in_front_matter_and_body_never_reaches_the_entry(tmp_path: Path) -> None:
    text = ("---\ntitle: <i>Edge</i> Computing\ndescription: Rechnen <b>am Rand</b> des Netzes.\n---\n"
            "<p>Ein <span style='x'>Absatz</span>.</p>\n")
    result = _quick(text, "de", tmp_path)
    assert result.block["title"] == "Edge Computing"
    assert result.block["summary"] == "Rechnen am Rand des Netzes."
    assert result.block["body"] == "Ein Absatz.\n"


def test_yaml_special_characters_are_quoted(tmp_path: Path) -> None:
    text = ('---\ntitle: "Yes"\ndescription: "Ein Begriff: #1 in der IT."\n---\n\n'
            "- Liste: mit Doppelpunkt\n\n## Das Wichtigste\n\n- @mention: und \"Zitat\"\n- no\n")
    result = _quick(text, "de", tmp_path)
    loaded = yaml.safe_load(result.yaml_text)["de"]
    assert loaded == {"title": "Yes", "summary": "Ein Begriff: #1 in der IT.",
                      "body": "- Liste: mit Doppelpunkt\n", "highlights": ['@mention: und "Zitat"', "no"]}
    assert '  title: "Yes"' in result.yaml_text


def test_dry_run_prints_report_and_yaml_and_writes_nothing(tmp_path: Path) -> None:
    project = _project(tmp_path)
    settings = make_settings(project, LANGUAGES, None)
    out = io.StringIO()
    code = importer.run_import(settings, FIXTURES / "insourcing.da.md", "da", dry_run=True, out=out)
    assert code == 0
    text = out.getvalue()
    assert f"{FIXTURES / 'insourcing.da.md'}:46: added the space after '##' in a heading\n" in text
    assert "# yaml-language-server: $schema=_entry.schema.json\ntags: [business]\nda:\n" in text
    assert not (project / "glossary" / "insourcing.yml").exists()
    out = io.StringIO()
    assert importer.run_import(settings, FIXTURES / "insourcing.da.md", "da", out=out) == 0
    assert (project / "glossary" / "insourcing.yml").is_file()
    assert importer.run_import(settings, FIXTURES / "insourcing.da.md", "xx", out=out) == 1
    assert "error: language 'xx' is not configured" in out.getvalue()


def test_importer_does_not_import_mkdocs() -> None:
    source = Path(importer.__file__).read_text(encoding="utf-8")
    assert not re.search(r"(?m)^\s*(from|import)\s+mkdocs", source)


def test_setext_heading_bold_highlights_and_a_paragraph_equal_to_the_description(tmp_path: Path) -> None:
    text = ("---\ndescription: Kurz gesagt: ein Begriff.\n---\nEdge Computing\n==============\n\n"
            "Kurz gesagt: ein Begriff.\n\nDetails\n-------\n\nMehr Text hier.\n\n**Key Takeaways:**\n\n"
            "- Erstens.\n- Zweitens.\n")
    result = _quick(text, "de", tmp_path)
    assert result.entry_id == "edge-computing"
    assert result.block == {"title": "Edge Computing", "summary": "Kurz gesagt: ein Begriff.",
                            "body": "## Details\n\nMehr Text hier.\n",
                            "highlights": ["Erstens.", "Zweitens."]}
    assert result.changes[0].message == "read the front matter as 'key: value' lines: it is not valid YAML"
    assert [(c.line, c.removed) for c in result.changes if c.removed] == [
        (5, "=============="), (7, "Kurz gesagt: ein Begriff."), (10, "-------"), (14, "Key Takeaways:")]


@pytest.mark.parametrize(("line", "fixed"), [
    ("##Højdepunkter", "## Højdepunkter"),
    ("###Baggrund og historie", "### Baggrund og historie"),
    ("#Baggrund", "# Baggrund"),
    ("#hashtag im Text, der weitergeht.", "#hashtag im Text, der weitergeht."),
])
def test_heading_space(line: str, fixed: str) -> None:
    from lexikon.interchange.article.debris import clean_line
    from lexikon.interchange.article.findings import Changes
    from lexikon.interchange.article.page import Line, Patterns

    lines = [Line(1, line)]
    clean_line(lines[0], Patterns("da"), Changes())
    assert lines[0].text == fixed

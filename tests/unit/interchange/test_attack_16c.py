"""Issue 16's imports and exports attacked a third time, with files in the shapes other tools
write (README "The command line": import-tbx, import-skos, import-csv, ``lexicon import``,
``lexicon export``). Each test names the promise and the tool whose shape broke it; the
fixtures are in ``tests/fixtures/import/attack16c/``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph

from tests.support.constants import FIXTURES, ROOT
from tests.support.term_imports import empty_project as _project
from tests.support.term_imports import entries_of as _entries
from tests.support.term_imports import run_lexicon as _lexicon

HERE = FIXTURES / "import" / "attack16c"


def _located(stdout: str, source: str) -> list[str]:
    """The lines of ``stdout`` that speak of ``source`` (path:line:col: …)."""
    return [line for line in stdout.splitlines() if line.startswith(source)]


# --- TBX as other tools write it ----------------------------------------------------------------
def test_tbx_language_section_takes_the_xml_lang_of_its_entry(tmp_path: Path) -> None:
    """IATE-style files put xml:lang on the termEntry; XML inherits it into the langSet, so the
    concept is Danish, not 'a language section without xml:lang' (skipped)."""
    project = _project(tmp_path)
    result = _lexicon(project, "import-tbx", str(HERE / "inherited-lang.tbx"))
    danish = next(iter(e for e in _entries(project).values() if "da" in e), {}).get("da", {})
    assert danish.get("title") == "tastatur", result.stdout
    assert danish.get("summary") == "Et apparat til at skrive med.", result.stdout


def test_multiterm_xml_is_named_with_what_to_do(tmp_path: Path) -> None:
    """MultiTerm's own XML (<mtf>, UTF-16) is not TBX: the error says what the file is and how to
    get TBX out of MultiTerm, at a located line, without a traceback."""
    project = _project(tmp_path)
    result = _lexicon(project, "import-tbx", str(HERE / "multiterm.xml"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    error = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert error and "MultiTerm" in error[0] and "TBX" in error[0], result.stdout


# --- CSV as spreadsheets write it ---------------------------------------------------------------
def test_csv_excel_sep_line_names_the_delimiter(tmp_path: Path) -> None:
    """Excel writes (and reads) a first line 'sep=;' naming the delimiter; the header follows,
    its cells quoted and capitalised ("DE.Title") by hand."""
    project = _project(tmp_path)
    result = _lexicon(project, "import-csv", str(HERE / "excel-sep.csv"))
    router = _entries(project).get("router", {})
    assert router.get("de", {}).get("summary") == "Ein Gerät.", result.stdout
    assert router.get("da", {}).get("title") == "router", result.stdout
    assert "excel-sep.csv:2:5: note: column ''" in result.stdout  # the header's line, not the sep line's


# --- saved pages as CMSs and office programs write them -----------------------------------------
def test_google_docs_page_title_is_its_title_paragraph(tmp_path: Path) -> None:
    """Google Docs' "Download as HTML" has no <h1> and no <title>: the title is the paragraph
    in the document's Title style (class "title"); its links lose Google's redirect."""
    project = _project(tmp_path)
    result = _lexicon(project, "import", str(HERE / "google-docs.html"), "--lang", "de")
    entry = _entries(project).get("cloud-computing", {}).get("de", {})
    assert entry.get("title") == "Cloud Computing", result.stdout + result.stderr
    assert "google.com/url" not in str(entry), entry
    assert "bei [Wikipedia](https://de.wikipedia.org/wiki/Cloud_Computing)." in entry["summary"], entry
    assert "[a]" not in str(entry) and "Quelle fehlt" in result.stdout, result.stdout  # a comment: reported


def test_word_web_page_lists_stay_lists(tmp_path: Path) -> None:
    """Word's "Save as web page" writes list items as paragraphs (mso-list) with the bullet as
    text behind a downlevel conditional comment: they are a list, without the glyph."""
    project = _project(tmp_path)
    result = _lexicon(project, "import", str(HERE / "word-web-page.htm"), "--lang", "de")
    body = _entries(project)["offshoring"]["de"].get("body", "")
    assert "·" not in body, body
    assert "- Kosten sparen\n- Fachkräfte finden" in body, body + result.stdout


def test_mediawiki_hatnote_is_not_the_summary(tmp_path: Path) -> None:
    """A MediaWiki page opens with a hatnote ("Dieser Artikel behandelt …"), an edit link at each
    heading and a table of contents: the summary is the article's first paragraph, and the
    section heading survives."""
    project = _project(tmp_path)
    result = _lexicon(project, "import", str(HERE / "mediawiki.html"), "--lang", "de")
    entry = _entries(project)["router"]["de"]
    assert entry["summary"].replace("**", "").startswith("Router sind Netzwerkgeräte"), entry
    assert "## Geschichte" in entry.get("body", ""), entry.get("body", "") + result.stdout
    assert "Bearbeiten" not in entry.get("body", "")


# --- SKOS ---------------------------------------------------------------------------------------
def test_skos_collection_of_collections_loses_no_label_silently(tmp_path: Path) -> None:
    """A collection whose members are collections (a tree of groups, as VocBench writes it)
    tags the concepts below it, or says why not; never dropped without a line."""
    project = _project(tmp_path)
    result = _lexicon(project, "import-skos", str(HERE / "nested-collections.ttl"))
    assert "Verkehr" in result.stdout or "Verkehr" in str(_entries(project)), result.stdout
    assert _entries(project)["strasse"]["da"]["title"] == "vej"


# --- exports ------------------------------------------------------------------------------------
def test_export_without_site_url_names_concepts_absolutely(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """README: without SITE_URL, SKOS identifiers are host-free name-based URNs: `lexicon export`
    writes them as the site does, never relative IRIs (which have no base in a file on disk)."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "glossary", project / "glossary")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    monkeypatch.delenv("SITE_URL", raising=False)
    result = _lexicon(project, "export", "out")
    assert result.returncode == 0, result.stdout + result.stderr
    text = (project / "out" / "glossary.ttl").read_text(encoding="utf-8")
    graph = Graph().parse(data=text, format="turtle", publicID="http://base.invalid/")
    relative = {str(s) for s in graph.subjects() if str(s).startswith("http://base.invalid/")}
    assert not relative, sorted(relative)[:3]


@pytest.mark.parametrize("name", ["inherited-lang.tbx", "multiterm.xml"])
def test_every_tbx_line_is_located(tmp_path: Path, name: str) -> None:
    """Every finding about the source is ``path:line:col: severity: …``."""
    project = _project(tmp_path)
    source = str(HERE / name)
    result = _lexicon(project, "import-tbx", source)
    for line in _located(result.stdout, source):
        head = line[len(source):].split(":")
        assert head[1].isdigit() and head[2].isdigit(), line


def test_page_runs_of_text_in_spans_keep_their_spaces(tmp_path: Path) -> None:
    """Google Docs (and many editors) write each run of text as a <span> with its spaces at the
    ends: the words on either side of a span boundary stay apart, in the title and the text."""
    project = _project(tmp_path)
    page = tmp_path / "page.html"
    page.write_text('<html><body><article><h1><span>Cloud </span><span>Computing</span></h1><p><span>Cloud '
                    "Computing ist die Bereitstellung von Rechenleistung über das Netz. Mehr steht bei "
                    "</span>"
                    '<span><a href="https://example.org/x">Example</a></span><span>&nbsp;und anderswo, '
                    "wo es noch mehr gibt.</span></p></article></body></html>", encoding="utf-8")
    result = _lexicon(project, "import", str(page), "--lang", "de")
    entry = _entries(project)["cloud-computing"]["de"]
    assert entry["title"] == "Cloud Computing", result.stdout
    assert "bei [Example](https://example.org/x) und anderswo" in str(entry), entry
    assert "did not count as the article" not in result.stdout, result.stdout


def test_skos_structured_definition_source_is_reported(tmp_path: Path) -> None:
    """The SKOS Primer's documentation with a source (`skos:definition [ rdf:value …; dct:source …
    ]`): the value is the summary, the source has no field and gets a line, not silence."""
    project = _project(tmp_path)
    source = tmp_path / "router.ttl"
    source.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
        "@prefix dct: <http://purl.org/dc/terms/> .\n"
        '<http://example.org/router> a skos:Concept ; skos:prefLabel "Router"@de ;\n'
        '  skos:definition [ rdf:value "Ein Gerät, das Netze verbindet."@de ;'
        " dct:source <http://example.org/din> ] .\n", encoding="utf-8")
    result = _lexicon(project, "import-skos", str(source))
    assert _entries(project)["router"]["de"]["summary"] == "Ein Gerät, das Netze verbindet."
    assert [line for line in result.stdout.splitlines() if "router.ttl:4:" in line and "source" in line], \
        result.stdout


def test_confluence_export_title_is_the_page_not_the_space(tmp_path: Path) -> None:
    """Confluence's HTML export titles each page "Space : Page" (in <title> and <h1>): the entry
    is the page's, its id made from it, and the space's name is reported as removed."""
    project = _project(tmp_path)
    result = _lexicon(project, "import", str(HERE / "confluence-export.html"), "--lang", "de")
    assert _entries(project)["offshoring"]["de"]["title"] == "Offshoring", result.stdout
    assert "IT-Wiki" in result.stdout


def test_notion_export_icons_are_not_text(tmp_path: Path) -> None:
    """Notion writes a callout's icon (an emoji) as a span of text: not a paragraph of the entry."""
    project = _project(tmp_path)
    result = _lexicon(project, "import", str(HERE / "notion-export.html"), "--lang", "de")
    body = _entries(project)["backsourcing"]["de"]["body"]
    assert "💡" not in body and "Tipp: vorher die Verträge prüfen." in body, body + result.stdout


def test_page_short_list_of_plain_words_stays_in_the_entry(tmp_path: Path) -> None:
    """readability drops a list under 25 characters; Notion writes one list per item: a short
    list of words (no links: not a menu) is the article's and stays a list."""
    project = _project(tmp_path)
    result = _lexicon(project, "import", str(HERE / "notion-export.html"), "--lang", "de")
    body = _entries(project)["backsourcing"]["de"]["body"]
    assert "- Qualität\n- Kontrolle" in body, body + result.stdout


def test_skos_opaque_keys_of_a_vocabulary_tool_are_not_entry_ids(tmp_path: Path) -> None:
    """README: a tool's counter is not an id. PoolParty and VocBench name concepts by opaque keys
    (…/it/4d5e6f): the entry's id is its title's slug; RDF/XML's inherited xml:lang is the language."""
    project = _project(tmp_path)
    result = _lexicon(project, "import-skos", str(HERE / "poolparty.rdf"))
    entries = _entries(project)
    assert sorted(entries) == ["rechenzentrum", "serverschrank"], result.stdout
    assert entries["serverschrank"]["broader"] == ["rechenzentrum"]
    assert entries["rechenzentrum"]["da"]["summary"] == "En bygning fuld af servere."


def test_wordpress_post_titled_as_a_question_is_the_entry_of_its_term(tmp_path: Path) -> None:
    """A blog post "Was ist Cloud Computing?" (the locale's title questions) is the entry Cloud
    Computing; Jetpack's "Ähnliche Beiträge" heading is a see-also line, not a heading of the entry."""
    project = _project(tmp_path)
    result = _lexicon(project, "import", str(HERE / "wordpress.html"), "--lang", "de")
    entry = _entries(project)["cloud-computing"]["de"]
    assert entry["title"] == "Cloud Computing", result.stdout
    assert "Ähnliche Beiträge" not in entry["body"], entry["body"]
    assert entry["sources"][0]["title"] == "Was ist Cloud Computing?"


def test_check_notes_a_text_not_in_nfc(tmp_path: Path) -> None:
    """Every export composes to NFC (README), so a decomposed 'é' in the YAML comes back changed
    from a round trip: `lexicon check` says so, as a note at the value (not an error)."""
    project = _project(tmp_path)
    (project / "glossary" / "cafe.yml").write_text(
        "de:\n  title: Café\n  summary: Ein Cafe\u0301 ist ein Ort.\nda:\n  title: Café\n"
        "  summary: En café er et sted.\n", encoding="utf-8")
    result = _lexicon(project, "check")
    assert result.returncode == 0, result.stdout
    notes = [line for line in result.stdout.splitlines() if line.startswith("glossary/cafe.yml:3:")]
    assert notes and ": note: " in notes[0] and "NFC" in notes[0], result.stdout

"""Issue 16's imports and exports attacked a second time (after the 25 breaks of
``test_attack_16.py`` were fixed): TBX as other tools write it, round trips across formats,
saved web pages. Each test states a promise of README ("The command line", "The site") and a
minimal input that breaks it. Marked xfail (strict) until the code is fixed: a fix turns the
test green and the mark must go."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.support.constants import ROOT
from tests.support.term_imports import TBX_HEAD, TBX_TAIL
from tests.support.term_imports import empty_project as _project
from tests.support.term_imports import entries_of as _entries
from tests.support.term_imports import run_lexicon as _lexicon


def _tbx(tmp_path: Path, concept: str) -> Path:
    source = tmp_path / "terms.tbx"
    source.write_text(TBX_HEAD + concept + "\n" + TBX_TAIL, encoding="utf-8")
    return source


# --- TBX as other tools write it ----------------------------------------------------------------
def test_tbx_note_inside_a_definition_is_not_glued_into_its_words(tmp_path: Path) -> None:
    """A definition is the summary; what has no field is reported ('left out … <note>'), not merged
    into the words around it."""
    project = _project(tmp_path)
    source = _tbx(tmp_path, '<conceptEntry id="router"><langSec xml:lang="de"><termSec><term>Router</term>'
                            '</termSec><descrip type="definition">Ein Gerät<note>veraltet</note> im Netz.'
                            '</descrip></langSec></conceptEntry>')
    result = _lexicon(project, "import-tbx", str(source))
    summary = _entries(project)["router"]["de"]["summary"]
    assert "Gerätveraltet" not in summary, result.stdout


def test_tbx_definition_in_another_language_than_its_section_is_not_that_sections(tmp_path: Path) -> None:
    """README: a definition counts in 'the language it names'; xml:lang on the element names it."""
    project = _project(tmp_path)
    source = _tbx(tmp_path, '<conceptEntry id="bruecke"><langSec xml:lang="de"><termSec><term>Brücke</term>'
                            '</termSec><descrip type="definition" xml:lang="da">En bro i netværket.</descrip>'
                            '</langSec></conceptEntry>')
    result = _lexicon(project, "import-tbx", str(source))
    german = _entries(project).get("bruecke", {}).get("de", {})
    assert german.get("summary") != "En bro i netværket.", result.stdout



def test_tbx_term_with_angle_brackets_comes_in_as_text(tmp_path: Path) -> None:
    """A termbase's terms are text, like its definitions (which come in escaped)."""
    project = _project(tmp_path)
    source = _tbx(tmp_path, '<conceptEntry id="generik"><langSec xml:lang="de"><termSec><term>List&lt;T&gt;'
                            '</term></termSec><descrip type="definition">Eine Liste von Elementen des Typs '
                            "T.</descrip></langSec></conceptEntry>")
    result = _lexicon(project, "import-tbx", str(source))
    assert result.returncode == 0, result.stdout
    assert "generik" in _entries(project), result.stdout



def test_tbx_deprecated_term_never_becomes_a_title_silently(tmp_path: Path) -> None:
    """Deprecated terms come in as `deprecated`; what cannot is reported, naming the term."""
    project = _project(tmp_path)
    source = _tbx(tmp_path, '<conceptEntry id="rechner"><langSec xml:lang="de"><termSec><term>Rechner</term>'
                            '</termSec><descrip type="definition">Eine Maschine.</descrip></langSec>'
                            '<langSec xml:lang="da"><termSec><term>regnemaskine</term><termNote type='
                            '"administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>'
                            '<descrip type="definition">En maskine.</descrip></langSec></conceptEntry>')
    result = _lexicon(project, "import-tbx", str(source))
    danish = _entries(project)["rechner"].get("da") or {}
    reported = [line for line in result.stdout.splitlines() if "regnemaskine" in line]
    assert "regnemaskine" in (danish.get("deprecated") or []) or reported, result.stdout


# --- round trips across formats -----------------------------------------------------------------
def test_skos_round_trip_keeps_a_deprecated_term_deprecated(tmp_path: Path) -> None:
    """Every loss on a round trip is one the format cannot carry, never a change of meaning."""
    first = _project(tmp_path / "first")
    for name in ("outsourcing", "insourcing", "backsourcing"):  # outsourcing links to the others
        shutil.copy(ROOT / "glossary" / f"{name}.yml", first / "glossary" / f"{name}.yml")
    assert _lexicon(first, "export", "out").returncode == 0
    second = _project(tmp_path / "second")
    result = _lexicon(second, "import-skos", str(first / "out" / "glossary.ttl"))
    german = _entries(second)["outsourcing"]["de"]
    assert "Out-Sourcing" not in (german.get("forms") or []), result.stdout


X11 = ("# yaml-language-server: $schema=_entry.schema.json\nde:\n  title: X Window System\n  summary: >-\n"
       "    Ein Fenstersystem für Unix-artige Betriebssysteme.\nda:\n  title: X Window System\n"
       "  summary: >-\n    Et vinduessystem til Unix-lignende styresystemer.\n")


@pytest.mark.parametrize("export,command", [("glossary.csv", "import-csv"), ("glossary.tbx", "import-tbx"),
                                            ("glossary.ttl", "import-skos")])
def test_round_trip_keeps_an_entry_id_that_looks_like_a_counter(tmp_path: Path, export: str,
                                                                command: str) -> None:
    """README: export, import into an empty glossary, export again gives the same files."""
    first = _project(tmp_path / "first")
    (first / "glossary" / "x11.yml").write_text(X11, encoding="utf-8")
    assert _lexicon(first, "check").returncode == 0
    assert _lexicon(first, "export", "out").returncode == 0
    second = _project(tmp_path / "second")
    result = _lexicon(second, command, str(first / "out" / export))
    assert sorted(_entries(second)) == ["x11"], result.stdout



BANK = ("# yaml-language-server: $schema=_entry.schema.json\nde:\n  title: Bank\n  qualifier: {de}\n"
        "  summary: >-\n    {de_text}\nda:\n  title: bank\n  qualifier: {da}\n  summary: >-\n    {da_text}\n")


@pytest.mark.parametrize("export,command", [("glossary.tbx", "import-tbx"),
                                            ("glossary.martif.tbx", "import-tbx"),
                                            ("glossary.ttl", "import-skos")])
def test_round_trip_keeps_the_qualifiers_of_homonyms(tmp_path: Path, export: str, command: str) -> None:
    """Every loss on a round trip is one README says the format cannot carry."""
    first = _project(tmp_path / "first")
    (first / "glossary" / "bank-finanzen.yml").write_text(BANK.format(
        de="Finanzen", de_text="Ein Geldinstitut.", da="finans", da_text="Et pengeinstitut."),
        encoding="utf-8")
    (first / "glossary" / "bank-moebel.yml").write_text(BANK.format(
        de="Möbel", de_text="Eine Sitzgelegenheit.", da="møbel", da_text="Et siddemøbel."), encoding="utf-8")
    assert _lexicon(first, "check").returncode == 0
    assert _lexicon(first, "export", "out").returncode == 0
    second = _project(tmp_path / "second")
    result = _lexicon(second, command, str(first / "out" / export))
    entry = _entries(second)["bank-finanzen"]
    qualifiers = (entry["de"].get("qualifier"), entry["da"].get("qualifier"))
    if command == "import-tbx":  # README: TBX-Basic has no place for a qualifier; the ids tell them apart
        assert qualifiers == ("bank-finanzen", "bank-finanzen"), result.stdout
        return
    assert qualifiers == ("Finanzen", "finans"), result.stdout



CAFE = ("# yaml-language-server: $schema=_entry.schema.json\nde:\n  title: Cafe\u0301\n  summary: >-\n"
        "    Ein Cafe\u0301 ist ein Ort.\nda:\n  title: Cafe\u0301\n  summary: >-\n    En cafe\u0301.\n")


def test_csv_round_trip_of_combining_characters_gives_the_same_file(tmp_path: Path) -> None:
    """README: export, import into an empty glossary, export again: the same files."""
    first = _project(tmp_path / "first")
    (first / "glossary" / "cafe.yml").write_text(CAFE, encoding="utf-8")
    assert _lexicon(first, "check").returncode == 0
    assert _lexicon(first, "export", "out").returncode == 0
    second = _project(tmp_path / "second")
    assert _lexicon(second, "import-csv", str(first / "out" / "glossary.csv")).returncode == 0
    assert _lexicon(second, "export", "out").returncode == 0
    assert (second / "out" / "glossary.csv").read_bytes() == (first / "out" / "glossary.csv").read_bytes()



def test_an_id_made_by_one_import_is_one_the_others_take(tmp_path: Path) -> None:
    """README: a CSV round trip gives the entries back; an id over 120 characters costs its row."""
    first = _project(tmp_path / "first")
    long_title = ("Sehr-lang" * 30)[:200]
    source = _tbx(tmp_path, f'<conceptEntry id="c1"><langSec xml:lang="de"><termSec><term>{long_title}</term>'
                            '</termSec><descrip type="definition">Ein langer Begriff.</descrip></langSec>'
                            "</conceptEntry>")
    assert _lexicon(first, "import-tbx", str(source)).returncode == 0
    assert _lexicon(first, "export", "out").returncode == 0
    second = _project(tmp_path / "second")
    result = _lexicon(second, "import-csv", str(first / "out" / "glossary.csv"))
    assert sorted(_entries(second)) == sorted(_entries(first)), result.stdout


# --- imports beside what the glossary has -------------------------------------------------------
def test_skos_collection_brings_its_label_in_every_language(tmp_path: Path) -> None:
    """A Collection is a tag; what the source says in a language is kept or reported, never lost."""
    project = _project(tmp_path)
    (project / "glossary" / "_tags.yml").unlink()
    source = tmp_path / "netz.ttl"
    source.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n@prefix ex: <http://example.org/> .\n"
        'ex:netz a skos:Collection ; skos:prefLabel "Netzwerk"@de, "Netværk"@da ; skos:member ex:router .\n'
        'ex:router a skos:Concept ; skos:prefLabel "Router"@de, "Router"@da ;\n'
        '    skos:definition "Ein Gerät im Netz."@de, "En enhed i netværket."@da .\n', encoding="utf-8")
    result = _lexicon(project, "import-skos", str(source))
    tags = yaml.safe_load((project / "glossary" / "_tags.yml").read_text(encoding="utf-8"))
    assert "Netværk" in result.stdout or any(label.get("da") == "Netværk" for label in tags.values()), tags


# --- SKOS as vocabularies write it --------------------------------------------------------------
def test_skos_structured_definition_is_taken_or_reported(tmp_path: Path) -> None:
    """README: 'definition → summary'; 'Everything else … is reported once per kind.'"""
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
    definition = "Ein Gerät, das Netze verbindet."
    summary = _entries(project)["router"]["de"].get("summary")
    assert summary == definition or definition in result.stdout, result.stdout


# --- web pages ----------------------------------------------------------------------------------
@pytest.mark.parametrize("media,said", [
    ('<picture><source srcset="hub.webp" type="image/webp"><img src="hub.jpg" alt="Ein alter Hub"></picture>',
     "Ein alter Hub"),
    ('<p><amp-img src="hub.jpg" alt="Ein alter Hub" width="6" height="4"></amp-img></p>', "Ein alter Hub"),
    ('<p>Siehe das <iframe src="https://www.youtube.com/embed/xyz" title="Video: Hub erklärt"></iframe>'
     " dazu.</p>", "youtube.com/embed/xyz"),
    ('<video src="hub.mp4" controls>Ihr Browser kann kein Video abspielen.</video>', "hub.mp4"),
])
def test_page_drops_no_media_without_a_report_line(tmp_path: Path, media: str, said: str) -> None:
    """README: 'Nothing is dropped without a line in the report.'"""
    project = _project(tmp_path)
    source = tmp_path / "hub.html"
    source.write_text(
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Hub</title></head><body><main>\n'
        "<h1>Hub</h1><p>Ein Hub verteilt alle Daten an alle angeschlossenen Geräte im Netz.</p>\n"
        f"{media}\n<p>Heute ersetzt ihn meist ein Switch.</p></main></body></html>\n", encoding="utf-8")
    result = _lexicon(project, "import", str(source), "--lang", "de")
    assert result.returncode == 0, result.stdout + result.stderr
    assert said in result.stdout + (project / "glossary" / "hub.yml").read_text(encoding="utf-8")


def test_page_title_is_the_h1_even_outside_the_extracted_content(tmp_path: Path) -> None:
    """README: 'The title: the page's <h1>; without one, its og:title or <title>'."""
    project = _project(tmp_path)
    source = tmp_path / "aarsopgoerelse.html"
    source.write_text(
        '<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>Årsopgørelse – Skatteordbogen'
        '</title><meta property="og:title" content="Sådan læser du din årsopgørelse 2025"></head><body>\n'
        '<div class="page"><header class="entry-header"><h1 class="entry-title">Årsopgørelse</h1>'
        '<div class="meta">Opdateret 3. marts 2025</div></header>\n<div class="entry-content">'
        "<p>Årsopgørelsen viser, hvad du har tjent og betalt i skat i løbet af året. Den kommer i marts."
        "</p>\n"
        "<h2>Hvad står der på den?</h2><p>Den viser indkomst, fradrag og den skat, du har betalt.</p>"
        "</div></div></body></html>\n", encoding="utf-8")
    result = _lexicon(project, "import", str(source), "--lang", "da")
    assert result.returncode == 0, result.stdout + result.stderr
    assert [entry["da"]["title"] for entry in _entries(project).values()] == ["Årsopgørelse"], result.stdout


def test_skos_xl_labels_are_the_labels_they_extend(tmp_path: Path) -> None:
    """SKOS-XL (S55–S57): prefLabel/literalForm is a skos:prefLabel; README: prefLabel → title,
    altLabel → aliases."""
    project = _project(tmp_path)
    source = tmp_path / "router.ttl"
    source.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix skosxl: <http://www.w3.org/2008/05/skos-xl#> .\n@prefix ex: <http://example.org/> .\n"
        'ex:router a skos:Concept ; skosxl:prefLabel ex:l1 ; skosxl:altLabel ex:l2 ;\n'
        '    skos:definition "Ein Gerät im Netz."@de .\n'
        'ex:l1 a skosxl:Label ; skosxl:literalForm "Router"@de .\n'
        'ex:l2 a skosxl:Label ; skosxl:literalForm "Wegwahlrechner"@de .\n', encoding="utf-8")
    result = _lexicon(project, "import-skos", str(source))
    german = _entries(project).get("router", {}).get("de", {})
    assert (german.get("title"), german.get("aliases")) == ("Router", ["Wegwahlrechner"]), result.stdout


def test_page_declared_latin1_is_read_as_browsers_read_it(tmp_path: Path) -> None:
    """A page saved from the browser reads as the browser showed it."""
    project = _project(tmp_path)
    source = tmp_path / "groesse.html"
    source.write_bytes(
        ('<!DOCTYPE html><html lang="de"><head><meta http-equiv="Content-Type" content="text/html; '
         'charset=iso-8859-1"><title>Größe</title></head><body><main>\n<h1>Größe</h1><p>Die Größe '
         "beschreibt die Ausdehnung eines Körpers – etwa in Metern. Sie kostet 5 €.</p></main></body>"
         "</html>\n").encode("cp1252"))
    result = _lexicon(project, "import", str(source), "--lang", "de")
    assert result.returncode == 0, result.stdout + result.stderr
    summary = _entries(project)["groesse"]["de"]["summary"]
    assert "Körpers – etwa" in summary and "5 €" in summary, summary


@pytest.mark.parametrize("heading,title", [("Cloud<br>Computing", "Cloud Computing"),
                                           ('Router<sup><a href="#fn1">1</a></sup>', "Router")])
def test_page_title_reads_the_h1_as_the_browser_shows_it(tmp_path: Path, heading: str, title: str) -> None:
    """README: the title is the page's <h1>; footnote marks are removed."""
    project = _project(tmp_path)
    source = tmp_path / "seite.html"
    source.write_text(
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>X</title></head><body><main>\n'
        f"<h1>{heading}</h1><p>Ein Dienst, der Rechenleistung und Speicher über das Netz bereitstellt.</p>"
        "</main></body></html>\n", encoding="utf-8")
    result = _lexicon(project, "import", str(source), "--lang", "de")
    assert result.returncode == 0, result.stdout + result.stderr
    assert [entry["de"]["title"] for entry in _entries(project).values()] == [title], result.stdout


def test_page_footnote_mark_without_brackets_is_removed(tmp_path: Path) -> None:
    """README: footnote marks are removed, each with a line in the report."""
    project = _project(tmp_path)
    source = tmp_path / "router.html"
    source.write_text(
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>X</title></head><body><main>\n'
        '<h1>Router</h1><p>Ein Router verbindet Netze miteinander.<sup><a href="#fn1" id="r1">1</a></sup> '
        "Er leitet Pakete weiter.</p></main></body></html>\n", encoding="utf-8")
    result = _lexicon(project, "import", str(source), "--lang", "de")
    assert result.returncode == 0, result.stdout + result.stderr
    summary = _entries(project)["router"]["de"]["summary"]
    assert summary == "Ein Router verbindet Netze miteinander. Er leitet Pakete weiter.", summary

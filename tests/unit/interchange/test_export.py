"""Exports (JSON, CSV, TBX, SKOS) read back with the tools their users use; TBX and CSV imports."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import jsonschema
import pytest
import yaml
from lxml import etree
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS
from translate.storage.tbx import tbxfile

from lexikon.check.pipeline import run
from lexikon.core.model import Glossary, Severity
from lexikon.core.queries import plain_text
from lexikon.core.settings import Settings, make_settings
from lexikon.interchange import csv_format, export, json_export, skos, tbx
from lexikon.interchange.csv_format import import_csv
from lexikon.interchange.tbx import import_tbx
from lexikon.interchange.term_files import write_terms
from tests.support.constants import FIXTURES as ALL_FIXTURES
from tests.support.constants import LANGS, LANGUAGES, ROOT

FIXTURES = ALL_FIXTURES / "export"
SITE = "https://example.org/lexikon/"
TBX = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def settings_for(project: Path) -> Settings:
    return make_settings(project, LANGUAGES, None)


def checked(project: Path) -> tuple[Glossary, Settings]:
    settings = settings_for(project)
    result = run(settings, cache=False)  # the fixtures are read-only ground
    assert not result.errors, result.errors
    return result.glossary, settings


@pytest.fixture(scope="module", params=["fixture", "site", "terminology"])
def exported(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The glossaries (the tricky fixture, the site's own, every terminology field), exported once."""
    projects = {"fixture": FIXTURES, "site": ROOT, "terminology": ALL_FIXTURES / "terminology"}
    glossary, settings = checked(projects[request.param])
    url_of = export.page_url_of(settings, SITE)
    target = tmp_path_factory.mktemp(f"export-{request.param}")
    paths = export.write_exports(glossary, settings, url_of, target, scheme_iri=SITE)
    return glossary, settings, url_of, target, paths


@pytest.fixture(scope="module")
def fixture_glossary() -> tuple[Glossary, Settings]:
    return checked(FIXTURES)


def relative_url_of(settings: Settings):
    return export.page_url_of(settings)


# --- all files ---------------------------------------------------------------------------------
def test_write_exports_writes_every_file_reproducibly(exported, tmp_path: Path) -> None:
    glossary, settings, url_of, target, paths = exported
    assert [p.relative_to(target).as_posix() for p in paths] == sorted([
        "glossary.json", "glossary.schema.json", "glossary.csv", "glossary.de.csv", "glossary.da.csv",
        "glossary.de-da.csv", "glossary.da-de.csv", "glossary.tbx", "glossary.martif.tbx", "glossary.ttl",
        "glossary.jsonld", "vale/Lexikon/TermsDa.yml", "vale/Lexikon/TermsDe.yml"])
    again = export.write_exports(glossary, settings, url_of, tmp_path, scheme_iri=SITE)
    for first, second in zip(paths, again, strict=True):
        assert first.read_bytes() == second.read_bytes(), first.name


def test_core_modules_load_no_mkdocs() -> None:
    code = ("import sys, lexikon.interchange.export, lexikon.interchange.tbx; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")})
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_page_urls_without_mkdocs_match_the_sites(use_directory_urls: bool) -> None:
    from lexikon.core.layout import SiteLayout  # what the MkDocs adapter links pages by

    settings = settings_for(FIXTURES)
    layout = SiteLayout(settings, use_directory_urls)
    for base in ("", SITE):
        url_of = export.page_url_of(settings, base, use_directory_urls)
        for lang in LANGS:
            expected = layout.url(f"{settings.terms_path}/3d-druck.md", lang)
            assert url_of(lang, "3d-druck") == base + expected


# --- JSON --------------------------------------------------------------------------------------
def test_json_is_valid_against_its_schema(exported) -> None:
    _, _, _, target, _ = exported
    schema = json.loads((target / "glossary.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    document = json.loads((target / "glossary.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document)


def test_json_keys_are_sorted_and_stable(exported) -> None:
    _, _, _, target, _ = exported
    for name in ("glossary.json", "glossary.schema.json", "glossary.jsonld"):
        text = (target / name).read_text(encoding="utf-8")
        assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_json_holds_every_entry_in_every_language(exported) -> None:
    glossary, _, url_of, target, _ = exported
    document = json.loads((target / "glossary.json").read_text(encoding="utf-8"))
    assert document["languages"] == ["de", "da"] and document["default_language"] == "de"
    assert list(document["entries"]) == list(glossary.entries)
    for entry in glossary.entries.values():
        item = document["entries"][entry.id]
        assert item["related"] == list(entry.related)
        assert item["urls"] == {lang: url_of(lang, entry.id) for lang in LANGS}
        assert [t["id"] for t in item["tags"]] == list(entry.tags)
        assert set(item["texts"]) == set(entry.texts)
        for lang, text in entry.texts.items():
            got = item["texts"][lang]
            assert (got["title"], got["aliases"], got["summary"], got["body"]) == (
                text.title, list(text.aliases), text.summary, text.body)
            assert got["highlights"] == list(text.highlights)
            assert got["sources"] == [{"title": s.title, "url": s.url} for s in text.sources]
            assert got["forms"] == list(text.forms)
            assert got["summary_text"] == plain_text(text.summary, glossary, lang)


def test_json_links_backlinks_tags_and_deduplicated_body(fixture_glossary) -> None:
    glossary, settings = fixture_glossary
    document = json_export.glossary_document(glossary, settings, relative_url_of(settings))
    druck = document["entries"]["3d-druck"]
    assert druck["links"] == ["vertrag"]
    assert druck["backlinks"] == ["vertrag"]
    assert document["entries"]["vertrag"]["backlinks"] == ["3d-druck", "oekobilanz"]
    assert druck["texts"]["de"]["body"].count("baut Teile") == 1  # the duplicate is gone
    assert "da" not in druck["texts"] and druck["urls"]["da"] == "da/terms/3d-druck/"
    assert document["entries"]["vertrag"]["tags"][0] == {
        "id": "recht", "labels": {"de": "Recht & Gesetz", "da": "Ret & lov"}}
    assert druck["texts"]["de"]["summary_text"].endswith("siehe Verträge.")


def test_json_schema_rejects_what_it_should(exported) -> None:
    _, _, _, target, _ = exported
    schema = json.loads((target / "glossary.schema.json").read_text(encoding="utf-8"))
    document = json.loads((target / "glossary.json").read_text(encoding="utf-8"))

    def title_missing(document: dict, entry: dict) -> None:
        next(iter(entry["texts"].values())).pop("title")

    def language_unknown(document: dict, entry: dict) -> None:
        entry["texts"]["en"] = next(iter(entry["texts"].values()))

    def bad_id(document: dict, entry: dict) -> None:
        entry["related"] = ["Not An Id"]

    def timestamp(document: dict, entry: dict) -> None:
        document["generated_at"] = "2024-01-01"

    def url_missing(document: dict, entry: dict) -> None:
        entry["urls"].pop("da")

    for breaking in (title_missing, language_unknown, bad_id, timestamp, url_missing):
        copy = json.loads(json.dumps(document))
        breaking(copy, next(iter(copy["entries"].values())))
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(copy, schema, cls=jsonschema.Draft202012Validator)


# --- CSV ---------------------------------------------------------------------------------------
def test_csv_per_language_is_excel_friendly_rfc4180(exported) -> None:
    glossary, _, url_of, target, _ = exported
    for lang in LANGS:
        data = (target / f"glossary.{lang}.csv").read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        assert data.count(b"\r\n") >= len([e for e in glossary.entries.values() if lang in e.texts]) + 1
        assert b"\n" not in data.replace(b"\r\n", b"")
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        assert rows[0] == ["id", "title", "aliases", "summary", "url", "gender", "pos", "abbreviations",
                           "deprecated"]
        expected = [e for e in glossary.entries.values() if lang in e.texts]
        assert [r[0] for r in rows[1:]] == [e.id for e in expected]
        for row, entry in zip(rows[1:], expected, strict=True):
            text = entry.texts[lang]
            title, aliases, summary, url = (csv_format.csv_cell(v) for v in (
                text.title, "; ".join(text.aliases), plain_text(text.summary, glossary, lang),
                url_of(lang, entry.id)))
            assert row[1:5] == [title, aliases, summary, url]


def test_csv_guards_formulas_and_quotes(fixture_glossary) -> None:
    glossary, settings = fixture_glossary
    text = csv_format.glossary_csv(glossary, "de", relative_url_of(settings))
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    druck = next(r for r in rows if r[0] == "3d-druck")
    assert druck[2] == "'@home-Druck; Additive Fertigung"
    assert '"additiv"' in druck[3] and "C:\\Pfad\\ & a < b" in druck[3]
    assert all(csv_format.csv_cell(v) == v for v in ("Title", "a=b", "1-2"))
    for value in ("=SUM(A1)", "+1", "-x", "@x", "'=x", "''+x"):
        assert csv_format.csv_cell(value) == "'" + value


# --- TBX ---------------------------------------------------------------------------------------
def parse_tbx(path: Path) -> etree._Element:
    return etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()


def test_tbx_2019_structure(exported) -> None:
    glossary, _, url_of, target, _ = exported
    root = parse_tbx(target / "glossary.tbx")
    ns = {"t": TBX}
    assert root.tag == f"{{{TBX}}}tbx" and root.nsmap == {None: TBX}
    assert (root.get("type"), root.get("style"), root.get(XML_LANG)) == ("TBX-Basic", "dca", "de")
    assert root.xpath("string(t:tbxHeader/t:fileDesc/t:sourceDesc/t:p)", namespaces=ns)
    concepts = root.xpath("t:text/t:body/t:conceptEntry", namespaces=ns)
    assert [c.get("id") for c in concepts] == [tbx.tbx_id(i) for i in glossary.entries]
    ids = {c.get("id") for c in concepts}
    for concept, entry in zip(concepts, glossary.entries.values(), strict=True):
        assert concept.xpath("t:descrip[@type='subjectField']/text()", namespaces=ns) == [
            glossary.tags[t].labels["de"] for t in entry.tags]
        refs = concept.xpath("t:ref[@type='crossReference']", namespaces=ns)
        assert [r.get("target") for r in refs] == [tbx.tbx_id(r) for r in (*entry.related, *entry.broader)]
        assert {r.get("target") for r in refs} <= ids
        sections = concept.xpath("t:langSec", namespaces=ns)
        assert [s.get(XML_LANG) for s in sections] == list(entry.texts)
        for section in sections:
            text = entry.texts[section.get(XML_LANG)]
            assert section.xpath("string(t:descrip[@type='definition'])", namespaces=ns) == plain_text(
                text.summary, glossary, text.lang)
            terms = section.xpath("t:termSec", namespaces=ns)
            assert [t.xpath("string(t:term)", namespaces=ns) for t in terms] == [
                text.title, *text.aliases, *text.abbreviations, *text.deprecated]
            statuses = [t.xpath("string(t:termNote[@type='administrativeStatus'])", namespaces=ns)
                        for t in terms]
            admitted = len(text.aliases) + len(text.abbreviations)
            assert statuses == (["preferredTerm-admn-sts"] + ["admittedTerm-admn-sts"] * admitted
                                + ["deprecatedTerm-admn-sts"] * len(text.deprecated))
            assert terms[0].xpath("t:xref/@target", namespaces=ns) == [url_of(text.lang, entry.id)]
    # TBX-Basic DCA rules (TBX-Basic_DCA.sch): where each data category may stand
    assert all(e.getparent().tag.endswith("termSec") for e in root.iter(f"{{{TBX}}}termNote"))
    for descrip in root.iter(f"{{{TBX}}}descrip"):
        parent = descrip.getparent()
        parent = parent.getparent() if etree.QName(parent).localname == "descripGrp" else parent
        levels = {"subjectField": "conceptEntry", "definition": "langSec", "context": "termSec"}
        assert etree.QName(parent).localname == levels[descrip.get("type")]
    for concept in concepts:  # core structure: auxiliary information before the language sections
        names = [etree.QName(c).localname for c in concept]
        assert names == sorted(names, key=lambda n: n == "langSec")


def test_tbx_ids_are_xml_ids_and_text_is_escaped(fixture_glossary, tmp_path: Path) -> None:
    glossary, settings = fixture_glossary
    path = tmp_path / "glossary.tbx"
    path.write_text(tbx.glossary_tbx(glossary, settings, relative_url_of(settings)), encoding="utf-8")
    root = parse_tbx(path)
    assert root.xpath("//*[local-name()='conceptEntry']/@id") == ["_3d-druck", "oekobilanz", "vertrag"]
    definition = root.xpath("string(//*[@id='_3d-druck']//*[@type='definition'])")
    assert definition == plain_text(glossary.entries["3d-druck"].texts["de"].summary, glossary, "de")
    assert "&amp; a &lt; b" in path.read_text(encoding="utf-8")


def test_xml_cannot_hold_control_characters_and_does_not(fixture_glossary) -> None:
    glossary, settings = fixture_glossary
    vertrag = glossary.entries["vertrag"]
    texts = {**vertrag.texts, "de": dataclasses.replace(vertrag.texts["de"], title="Ver\x0btrag\x00")}
    changed = dataclasses.replace(glossary, entries={
        **glossary.entries, "vertrag": dataclasses.replace(vertrag, texts=texts)})
    text = tbx.glossary_tbx(changed, settings, relative_url_of(settings))
    etree.fromstring(text.encode("utf-8"))
    assert "<term>Vertrag</term>" in text


def test_translate_toolkit_reads_the_2008_form(exported) -> None:
    glossary, _, _, target, _ = exported
    store = tbxfile.parsestring((target / "glossary.martif.tbx").read_bytes(),
                                sourcelanguage="de", targetlanguage="da")
    assert [unit.getid() for unit in store.units] == [tbx.tbx_id(i) for i in glossary.entries]
    for unit, entry in zip(store.units, glossary.entries.values(), strict=True):
        de, da = entry.texts.get("de"), entry.texts.get("da")
        if de is not None:
            assert unit.source == de.title
            assert [(t.text, t.administrative_status) for t in unit.get_source_terms()] == (
                [(de.title, "preferredTerm-admn-sts")]
                + [(a, "admittedTerm-admn-sts") for a in (*de.aliases, *de.abbreviations)]
                + [(d, "deprecatedTerm-admn-sts") for d in de.deprecated])
            notes = [n.text for n in unit.get_common_notes(source=True) if n.category == "definition"]
            assert notes == [plain_text(de.summary, glossary, "de")]
        if da is not None:
            assert [t.text for t in unit.get_target_terms()] == [
                da.title, *da.aliases, *da.abbreviations, *da.deprecated]


def test_translate_toolkit_cannot_read_tbx_2019_hence_the_martif_file(exported) -> None:
    _, _, _, target, _ = exported
    with pytest.raises(AssertionError):
        tbxfile.parsestring((target / "glossary.tbx").read_bytes())


def test_tbx_2008_structure(exported) -> None:
    glossary, _, _, target, _ = exported
    root = parse_tbx(target / "glossary.martif.tbx")
    assert root.tag == "martif" and root.get("type") == "TBX-Basic" and root.get(XML_LANG) == "de"
    assert root.xpath("string(martifHeader/encodingDesc/p[@type='XCSURI'])") == "TBXBasicXCSV02.xcs"
    entries = root.xpath("text/body/termEntry")
    assert len(entries) == len(glossary.entries)
    assert all(e.xpath("langSet/tig/term") for e in entries)


# --- SKOS --------------------------------------------------------------------------------------
def graphs(target: Path) -> tuple[Graph, Graph]:
    turtle = Graph().parse(target / "glossary.ttl", format="turtle", publicID=SITE + "glossary.ttl")
    with warnings.catch_warnings():  # rdflib's own JSON-LD parser still makes a ConjunctiveGraph
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        jsonld = Graph().parse(target / "glossary.jsonld", format="json-ld",
                               publicID=SITE + "glossary.jsonld")
    return turtle, jsonld


def test_turtle_and_jsonld_hold_the_same_triples(exported) -> None:
    _, _, _, target, _ = exported
    turtle, jsonld = graphs(target)
    assert len(turtle) > 0 and isomorphic(turtle, jsonld)
    assert set(turtle) == set(jsonld)


def test_skos_content(exported) -> None:
    glossary, _, url_of, target, _ = exported
    graph, _ = graphs(target)
    scheme = URIRef(SITE)
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert concepts == {URIRef(url_of("de", i)) for i in glossary.entries}
    tops = {URIRef(url_of("de", e.id)) for e in glossary.entries.values() if not e.broader}
    assert set(graph.objects(scheme, SKOS.hasTopConcept)) == tops
    for entry in glossary.entries.values():
        concept = URIRef(url_of("de", entry.id))
        assert (concept, SKOS.inScheme, scheme) in graph
        assert ((concept, SKOS.topConceptOf, scheme) in graph) == (concept in tops)
        assert set(graph.objects(concept, SKOS.prefLabel)) == {
            RdfLiteral(t.title, lang=lang) for lang, t in entry.texts.items()}
        assert set(graph.objects(concept, SKOS.altLabel)) == {
            RdfLiteral(a, lang=lang) for lang, t in entry.texts.items()
            for a in (*t.aliases, *t.abbreviations)}
        assert set(graph.objects(concept, SKOS.definition)) == {
            RdfLiteral(plain_text(t.summary, glossary, lang), lang=lang) for lang, t in entry.texts.items()}
        both_ways = {*entry.related, *(e.id for e in glossary.entries.values() if entry.id in e.related)}
        assert set(graph.objects(concept, SKOS.related)) == {URIRef(url_of("de", r)) for r in both_ways}
    for tag in glossary.tags.values():
        members = set(graph.objects(URIRef(f"{SITE}#tag-{tag.id}"), SKOS.member))
        assert members == {URIRef(url_of("de", e.id)) for e in glossary.entries.values() if tag.id in e.tags}


def test_skos_relative_iris_resolve_against_the_files_place(fixture_glossary) -> None:
    glossary, settings = fixture_glossary
    text = skos.glossary_turtle(glossary, relative_url_of(settings))
    graph = Graph().parse(data=text, format="turtle", publicID="https://mirror.example/x/glossary.ttl")
    assert (URIRef("https://mirror.example/x/terms/vertrag/"), SKOS.inScheme,
            URIRef("https://mirror.example/x/")) in graph


def test_skos_conforms_to_the_shape(exported) -> None:
    _, _, _, target, _ = exported
    graph, _ = graphs(target)
    shapes = Graph().parse(FIXTURES / "skos-shape.ttl", format="turtle")
    conforms, _, report = validate(graph, shacl_graph=shapes)
    assert conforms, report


def test_the_shape_finds_what_breaks_it(fixture_glossary) -> None:
    glossary, settings = fixture_glossary
    shapes = Graph().parse(FIXTURES / "skos-shape.ttl", format="turtle")
    url_of = export.page_url_of(settings, SITE)
    concept = URIRef(url_of("de", "vertrag"))

    def broken(change) -> bool:
        graph = Graph().parse(data=skos.glossary_turtle(glossary, url_of, scheme_iri=SITE), format="turtle")
        change(graph)
        return not validate(graph, shacl_graph=shapes)[0]

    assert broken(lambda g: g.remove((concept, SKOS.definition, None)))
    assert broken(lambda g: g.add((concept, SKOS.prefLabel, RdfLiteral("Noch ein Titel", lang="de"))))
    assert broken(lambda g: g.add((concept, SKOS.altLabel, RdfLiteral("contract", lang="en"))))
    assert broken(lambda g: g.remove((concept, SKOS.inScheme, None)))
    assert broken(lambda g: g.remove((URIRef(SITE), SKOS.hasTopConcept, concept)))


@pytest.mark.parametrize("value", [
    'quote " and \\ backslash', "new\nline\r\ttab", "\x00\x07\x1f\x7f controls", "ümlaut 🌱 ø",
    "'''triple'''", '"""', "trailing backslash \\",
])
def test_turtle_strings_round_trip(value: str) -> None:
    text = f"<urn:x> <urn:p> {skos.turtle_string(value)}@de .\n"
    graph = Graph().parse(data=text, format="turtle")
    assert list(graph.objects()) == [RdfLiteral(value, lang="de")]


def test_turtle_iris_are_escaped() -> None:
    iri = skos.turtle_iri('https://x/a b<c>{d}|e^f`g\\h"')
    text = f"{iri} <urn:p> <urn:o> .\n"
    subject = next(iter(Graph().parse(data=text, format="turtle").subjects()))
    assert str(subject) == "https://x/a%20b%3Cc%3E%7Bd%7D%7Ce%5Ef%60g%5Ch%22"


# --- import ------------------------------------------------------------------------------------
def empty_project(tmp_path: Path, tags: bool = True, glossary: Glossary | None = None) -> Settings:
    """A project with no entries; with the tags of ``glossary`` (default: the fixture's)."""
    (tmp_path / "glossary").mkdir(parents=True)
    if tags and glossary is not None:
        (tmp_path / "glossary" / "_tags.yml").write_text("".join(
            f"{tag.id}: {json.dumps(dict(tag.labels), ensure_ascii=False)}\n"
            for tag in glossary.tags.values()), encoding="utf-8")
    elif tags:
        shutil.copy(FIXTURES / "glossary" / "_tags.yml", tmp_path / "glossary" / "_tags.yml")
    return settings_for(tmp_path)


def assert_same_terms(original: Glossary, imported: Glossary) -> None:
    """Everything TBX carries came back: titles, aliases, summaries (plain), related, tags."""
    assert list(imported.entries) == list(original.entries)
    for entry in original.entries.values():
        back = imported.entries[entry.id]
        assert (back.tags, back.related) == (entry.tags, entry.related)
        assert set(back.texts) == set(entry.texts)
        for lang, text in entry.texts.items():
            got = back.texts[lang]
            assert (got.title, got.aliases) == (text.title, text.aliases)
            assert got.summary == plain_text(text.summary, original, lang)


@pytest.mark.parametrize("name", ["glossary.tbx", "glossary.martif.tbx"])
def test_tbx_round_trip_loses_nothing_tbx_carries(exported, name: str, tmp_path: Path) -> None:
    glossary, _, _, target, _ = exported
    settings = empty_project(tmp_path, glossary=glossary)
    result = import_tbx(target / name, settings)
    assert not result.errors and result.conflicts == () and result.tags_text is None
    written, problems = write_terms(result, settings)
    assert problems == [] and len(written) == len(glossary.entries)
    back = run(settings)
    assert not back.errors, back.errors
    assert_same_terms(glossary, back.glossary)


def test_tbx_import_into_a_folder_without_tags_proposes_them(fixture_glossary, tmp_path: Path) -> None:
    glossary, settings = fixture_glossary
    source = tmp_path / "glossary.tbx"
    source.write_text(tbx.glossary_tbx(glossary, settings, relative_url_of(settings)), encoding="utf-8")
    target = empty_project(tmp_path / "project", tags=False)
    result = import_tbx(source, target)
    assert not result.errors
    assert yaml.safe_load(result.tags_text) == {"it": {"de": "IT"}, "recht-gesetz": {"de": "Recht & Gesetz"}}
    write_terms(result, target)
    back = run(target)
    assert not back.errors
    assert back.glossary.entries["vertrag"].tags == ("recht-gesetz", "it")


def test_tbx_import_refuses_to_overwrite(fixture_glossary, tmp_path: Path) -> None:
    glossary, settings = fixture_glossary
    source = tmp_path / "glossary.tbx"
    source.write_text(tbx.glossary_tbx(glossary, settings, relative_url_of(settings)), encoding="utf-8")
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "glossary", project / "glossary")
    (project / "glossary" / "oekobilanz.yml").unlink()
    before = {p.name: p.read_bytes() for p in (project / "glossary").iterdir()}
    target = settings_for(project)
    result = import_tbx(source, target)
    assert sorted(result.conflicts) == ["3d-druck", "vertrag"]
    assert list(result.entries) == ["oekobilanz"]
    conflict_lines = [f for f in result.findings if "exists already" in f.message]
    assert len(conflict_lines) == 2 and all(f.severity is Severity.ERROR for f in conflict_lines)
    write_terms(result, target)
    after = {p.name: p.read_bytes() for p in (project / "glossary").iterdir()}
    assert {k: after[k] for k in before} == before and set(after) - set(before) == {"oekobilanz.yml"}
    assert not run(target).errors


def test_tbx_import_of_a_foreign_termbase(tmp_path: Path) -> None:
    settings = empty_project(tmp_path)
    result = import_tbx(FIXTURES / "foreign.tbx", settings)
    assert sorted(result.entries) == ["cloud-computing", "on-premises", "schwarzes-loch"]
    messages = [(f.line, f.severity.value, f.message) for f in result.findings]
    text = "\n".join(f"{line}: {severity}: {message}" for line, severity, message in messages)
    assert "3 concept(s) have ids that are not entry ids (the first: concept 'c1' (line 8))" in text
    assert "language 'en' is not one of the site's (de, da): left out of 1 concept(s)" in text
    assert "concept 'c2' (line 42): no definition in 'da': comes in as a draft" in text
    assert "the subject field 'Astronomie' names no tag" in text
    assert "concept 'c3' (line 56): no definition in 'de': comes in as a draft" in text
    for kind in ('<admin type="source">', "<transacGrp>"):
        assert f"left out 1 × {kind}" in text
    assert "partOfSpeech" not in text and "context" not in text  # read: see the fields below
    assert all(str(f).startswith(str(FIXTURES / "foreign.tbx")) for f in result.findings
               if "glossary/" not in f.path)
    write_terms(result, settings)
    back = run(settings)
    assert not back.errors
    on_prem = back.glossary.entries["on-premises"]
    assert (on_prem.tags, on_prem.related) == (("it",), ("cloud-computing",))
    de = on_prem.texts["de"]
    assert (de.title, de.aliases, de.deprecated, de.summary) == (
        "On-Premises", ("Inhouse-Betrieb",), ("Eigenbetrieb",), "Betrieb von Servern im eigenen Haus.")
    assert (de.pos, [c.text for c in de.context]) == ("noun", ["Wir betreiben alles on-premises."])
    assert on_prem.texts["da"].title == "On-premises"
    cloud = back.glossary.entries["cloud-computing"]
    assert cloud.tags == ("recht",) and set(cloud.texts) == {"de", "da"} and cloud.draft
    assert cloud.texts["de"].summary == "Rechenleistung & Speicher aus dem Netz."


@pytest.mark.parametrize("document, message", [
    (b'<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
     b"<tbx><text><body/></text></tbx>", "entity declarations are refused"),
    (b'<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]><tbx>&x;</tbx>',
     "entity declarations are refused"),
    (b"<tbx><text><body>", "not well-formed XML"),
    (b"<xliff/>", "this is not TBX"),
    (b'<TBX dialect="TBX-Min"><header/><body><entry id="c1"/></body></TBX>',  # TBX-Min (2013)
     "export the termbase as TBX-Basic or TBX v3, or as CSV"),
])
def test_tbx_import_refuses_bad_xml(tmp_path: Path, document: bytes, message: str) -> None:
    source = tmp_path / "bad.tbx"
    source.write_bytes(document)
    result = import_tbx(source, empty_project(tmp_path / "project"))
    assert result.entries == {} and len(result.errors) == 1 and message in result.errors[0].message


@pytest.mark.parametrize("lang", LANGS)
def test_csv_round_trip(exported, lang: str, tmp_path: Path) -> None:
    glossary, _, _, target, _ = exported
    settings = empty_project(tmp_path, glossary=glossary)
    result = import_csv(target / f"glossary.{lang}.csv", lang, settings)
    assert not result.errors, result.errors
    assert [f.message for f in result.findings if f.path.endswith(".csv")] == [
        "column 'url' is not used (an entry has no field for it)"]
    write_terms(result, settings)
    back = run(settings)
    assert not back.errors
    expected = [e for e in glossary.entries.values() if lang in e.texts]
    assert list(back.glossary.entries) == [e.id for e in expected]
    for entry in expected:
        got, text = back.glossary.entries[entry.id].texts[lang], entry.texts[lang]
        assert (got.title, got.aliases) == (text.title, text.aliases)
        assert got.summary == plain_text(text.summary, glossary, lang)


def test_csv_from_excel_with_semicolons(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "glossary", project / "glossary")
    settings = settings_for(project)
    result = import_csv(FIXTURES / "excel-semicolon.csv", "de", settings)
    assert sorted(result.entries) == ["datenschutz", "leer", "mandant"]
    assert result.conflicts == ("vertrag",)
    text = "\n".join(str(f) for f in result.findings)
    assert "excel-semicolon.csv:1:7: note: column 'kommentar' is not used" in text
    assert ("excel-semicolon.csv:4:1: error: the entry 'vertrag' exists already, with a 'de' text: it is "
            "left as it is") in text
    assert ("excel-semicolon.csv:6:1: note: concept 'leer' (line 6): no definition in 'de': comes in as "
            "a draft") in text
    refused = [line for line in text.splitlines() if "'fett'" in line]  # at its row: no file written
    assert refused and all(line.split(": ")[0].endswith("excel-semicolon.csv:5:1") for line in refused)
    assert any("raw HTML '<b>'" in line for line in refused)
    assert any("not written" in line for line in refused)
    write_terms(result, settings)
    assert not (project / "glossary" / "fett.yml").exists()
    back = run(settings)
    assert not back.errors
    datenschutz = back.glossary.entries["datenschutz"]
    assert datenschutz.texts["de"].aliases == ("DSGVO", "Privatsphäre")
    assert datenschutz.texts["de"].summary == "Schutz personenbezogener Daten; geregelt in der DSGVO."
    assert (datenschutz.tags, datenschutz.related) == (("recht",), ("vertrag",))
    mandant = back.glossary.entries["mandant"]
    assert mandant.tags == ("it",) and mandant.texts["de"].summary.startswith("=1+1 ist keine Formel")


def test_csv_import_problems(tmp_path: Path) -> None:
    settings = empty_project(tmp_path / "project")
    cases = {
        "latin1.csv": ("title,summary\r\nK\xf8benhavn,By.\r\n".encode("latin-1"), "not UTF-8"),
        "columns.csv": (b"term,definition\r\nA,B\r\n", "no column 'title' or 'summary'"),
        "empty.csv": (b"", "the file is empty"),
    }
    for name, (data, message) in cases.items():
        (tmp_path / name).write_bytes(data)
        result = import_csv(tmp_path / name, "de", settings)
        assert result.entries == {} and message in result.errors[0].message, name
    assert "not configured" in import_csv(tmp_path / "columns.csv", "en", settings).errors[0].message

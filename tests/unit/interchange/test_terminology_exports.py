"""The terminology fields (issue 15) in every export, and back through the imports.

TBX: each field where TBX-Basic puts it, and ``import-tbx`` reads them back: a round trip
of the site's glossary and of a fixture that uses every field loses nothing TBX-Basic can
carry. SKOS: broader/narrower, hiddenLabel for deprecated terms, example for context.
JSON: every field, valid against its schema. CSV: the new columns, and ``import-csv``
reads back what the export wrote.
"""

from __future__ import annotations

import csv
import io
import json
import warnings
from pathlib import Path

import jsonschema
import pytest
from lxml import etree
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.compare import isomorphic
from rdflib.namespace import SKOS

from lexikon.check.pipeline import run
from lexikon.core.model import Context, Glossary, Severity, Text
from lexikon.core.queries import plain_text
from lexikon.interchange import export
from lexikon.interchange.csv_format import import_csv
from lexikon.interchange.tbx import import_tbx
from lexikon.interchange.term_files import write_terms
from tests.support.constants import FIXTURES
from tests.support.exports import PROJECTS, SITE, TERMINOLOGY, empty_project, export_to

TBX = {"t": "urn:iso:std:iso:30042:ed-2"}


@pytest.fixture(scope="module", params=sorted(PROJECTS))
def exported(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """Both glossaries (the site's own, the fixture with every field), exported once."""
    return export_to(PROJECTS[request.param], tmp_path_factory.mktemp(f"terms-{request.param}"))


@pytest.fixture(scope="module")
def fixture_exports(tmp_path_factory: pytest.TempPathFactory):
    return export_to(TERMINOLOGY, tmp_path_factory.mktemp("terms-fixture"))


def plain_context(glossary: Glossary, text: Text) -> tuple[Context, ...]:
    return tuple(Context(plain_text(c.text, glossary, text.lang), c.source) for c in text.context)


# --- TBX ---------------------------------------------------------------------------------------
def test_the_fixture_uses_every_field(fixture_exports) -> None:
    glossary = fixture_exports[0]
    texts = [t for e in glossary.entries.values() for t in e.texts.values()]
    for name in ("gender", "pos", "abbreviations", "deprecated", "context", "qualifier", "reviewed"):
        assert any(getattr(t, name) for t in texts), name
    assert {bool(c.source) for t in texts for c in t.context} == {True, False}
    assert {t.pos for t in texts} >= {"noun", "verb", "proper-noun"}
    assert {t.gender for t in texts} >= {"n", "c"}
    assert any(e.broader for e in glossary.entries.values())


def test_tbx_puts_each_field_where_tbx_basic_has_it(fixture_exports) -> None:
    root = etree.parse(str(fixture_exports[2]["glossary.tbx"])).getroot()
    concept = root.xpath("//t:conceptEntry[@id='backsourcing']", namespaces=TBX)[0]
    refs = [(r.get("target"), r.get("datatype")) for r in concept.xpath("t:ref", namespaces=TBX)]
    assert refs == [("sap", None), ("sourcing", "broader")]
    de = concept.xpath("t:langSec[@xml:lang='de']", namespaces=TBX)[0]

    def notes(term_sec: etree._Element) -> dict[str, str]:
        return {n.get("type"): n.text for n in term_sec.xpath("t:termNote", namespaces=TBX)}

    sections = {s.xpath("string(t:term)", namespaces=TBX): s for s in de.xpath("t:termSec", namespaces=TBX)}
    assert list(sections) == ["Backsourcing", "Wiedereinlagerung", "BS", "Rückoutsourcing", "Re-Insourcing"]
    assert notes(sections["Backsourcing"]) == {"administrativeStatus": "preferredTerm-admn-sts",
                                               "grammaticalGender": "neuter", "partOfSpeech": "noun"}
    assert notes(sections["Wiedereinlagerung"]) == {"administrativeStatus": "admittedTerm-admn-sts"}
    assert notes(sections["BS"]) == {"administrativeStatus": "admittedTerm-admn-sts",
                                     "termType": "abbreviation"}
    assert notes(sections["Re-Insourcing"]) == {"administrativeStatus": "deprecatedTerm-admn-sts"}
    contexts = [(g.xpath("string(t:descrip[@type='context'])", namespaces=TBX),
                 g.xpath("string(t:admin[@type='source'])", namespaces=TBX))
                for g in sections["Backsourcing"].xpath("t:descripGrp", namespaces=TBX)]
    assert contexts == [
        ("Nach drei Jahren entschied sich die Bank für das Backsourcing ihres Rechenzentrums.",
         "https://example.org/bericht?a=1&b=2"),
        ("Das Backsourcing dauerte ein Jahr & kostete viel.", "Jahresbericht 2025")]
    assert sections["Backsourcing"].xpath("t:descrip[@type='context']/text()", namespaces=TBX) == [
        "Ohne Quelle steht dieser Satz."]
    da_title = concept.xpath("t:langSec[@xml:lang='da']/t:termSec[1]", namespaces=TBX)[0]
    assert notes(da_title)["grammaticalGender"] == "other"  # fælleskøn: TBX-Basic has no "common"
    assert root.xpath("string(//t:conceptEntry[@id='sap']//t:termNote[@type='partOfSpeech'])",
                      namespaces=TBX) == "noun"  # the 2019 picklist has no properNoun
    martif = etree.parse(str(fixture_exports[2]["glossary.martif.tbx"])).getroot()
    assert martif.xpath("string(//termEntry[@id='sap']//termNote[@type='partOfSpeech'])") == "properNoun"


def assert_round_trip(original: Glossary, back: Glossary, *, proper_nouns: bool) -> None:
    """Every field TBX-Basic carries came back; what it cannot carry is absent, not garbled."""
    assert list(back.entries) == list(original.entries)
    for entry in original.entries.values():
        got = back.entries[entry.id]
        assert (got.tags, got.related, got.broader) == (entry.tags, entry.related, entry.broader), entry.id
        assert set(got.texts) == set(entry.texts)
        for lang, text in entry.texts.items():
            new = got.texts[lang]
            pos = text.pos if proper_nouns or text.pos != "proper-noun" else "noun"
            assert (new.title, new.aliases, new.abbreviations, new.deprecated, new.gender, new.pos) == (
                text.title, text.aliases, text.abbreviations, text.deprecated, text.gender, pos), entry.id
            assert new.summary == plain_text(text.summary, original, lang)
            assert new.context == plain_context(original, text)
            assert (new.qualifier, new.reviewed, new.body, new.forms) == (None, None, "", ())


@pytest.mark.parametrize("name", ["glossary.tbx", "glossary.martif.tbx"])
def test_tbx_round_trip_keeps_every_field_tbx_basic_carries(exported, name: str, tmp_path: Path) -> None:
    glossary, _, paths = exported
    settings = empty_project(tmp_path, glossary)
    result = import_tbx(paths[name], settings)
    assert not result.errors and result.conflicts == ()
    assert [f.message for f in result.findings if f.severity is not Severity.NOTE] == []
    written, problems = write_terms(result, settings)
    assert problems == [] and len(written) == len(glossary.entries)
    back = run(settings, cache=False)
    assert not back.errors, back.errors
    assert_round_trip(glossary, back.glossary, proper_nouns=name == "glossary.martif.tbx")


FOREIGN = """\
<tbx type="TBX-Basic" style="dca" xml:lang="de" xmlns="urn:iso:std:iso:30042:ed-2">
  <text><body>
    <conceptEntry id="mandant">
      <langSec xml:lang="de">
        <descrip type="definition">Ein Kunde mit eigenen Daten.</descrip>
        <termSec><term>Mandant</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          <termNote type="grammaticalGender">other</termNote>
          <termNote type="partOfSpeech">interjection</termNote></termSec>
        <termSec><term>MDT</term><termNote type="termType">acronym</termNote></termSec>
        <termSec><term>Klient</term>
          <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote>
          <termNote type="partOfSpeech">noun</termNote></termSec>
      </langSec>
      <langSec xml:lang="da">
        <descrip type="definition">En kunde med egne data.</descrip>
        <termSec><term>klient</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          <termNote type="grammaticalGender">Masculine</termNote>
          <descripGrp><descrip type="context">Hver klient har sin egen database.</descrip>
            <admin type="source">Manual</admin><note>kun i drift</note></descripGrp></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


def test_tbx_import_of_grammar_it_cannot_map_is_a_finding(fixture_exports, tmp_path: Path) -> None:
    source = tmp_path / "foreign.tbx"
    source.write_text(FOREIGN, encoding="utf-8")
    settings = empty_project(tmp_path / "project", fixture_exports[0])
    result = import_tbx(source, settings)
    lines = [f"{f.line}: {f.severity.value}: {f.message}" for f in result.findings if f.path == str(source)]
    concept = "concept 'mandant' (line 3): "
    assert lines == [  # in source order, each naming the source concept
        f"8: warning: {concept}the grammatical gender 'other' of 'Mandant' is not one 'de' has (m, f, n): "
        "left out",
        f"9: warning: {concept}the part of speech 'interjection' of 'Mandant' is none of noun, verb, "
        "adjective, adverb, other, properNoun: left out",
        f"11: note: {concept}the superseded term 'Klient' became a deprecated one",
        f'13: note: {concept}left out 1 × <termNote type="partOfSpeech">: an entry has no field for it',
        f"19: warning: {concept}the grammatical gender 'Masculine' of 'klient' is not one 'da' has (c, n): "
        "left out",
        f"21: note: {concept}left out 1 × <note>: an entry has no field for it",
    ]
    assert not result.errors
    write_terms(result, settings)
    back = run(settings, cache=False)
    assert not back.errors
    de, da = back.glossary.entries["mandant"].texts["de"], back.glossary.entries["mandant"].texts["da"]
    assert (de.gender, de.pos, de.abbreviations, de.deprecated) == (None, None, ("MDT",), ("Klient",))
    assert (da.gender, da.context) == (None, (Context("Hver klient har sin egen database.", "Manual"),))


def test_the_danish_common_gender_comes_back_from_other(fixture_exports, tmp_path: Path) -> None:
    source = tmp_path / "c.tbx"
    source.write_text(FOREIGN.replace("Masculine", "other"), encoding="utf-8")
    settings = empty_project(tmp_path / "project", fixture_exports[0])
    result = import_tbx(source, settings)
    assert "gender: c\n" in result.entries["mandant"].split("da:")[1]


# --- SKOS --------------------------------------------------------------------------------------
def skos_graphs(paths: dict[str, Path]) -> tuple[Graph, Graph]:
    turtle = Graph().parse(paths["glossary.ttl"], format="turtle", publicID=SITE + "glossary.ttl")
    with warnings.catch_warnings():  # rdflib's own JSON-LD parser still makes a ConjunctiveGraph
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        jsonld = Graph().parse(paths["glossary.jsonld"], format="json-ld", publicID=SITE + "glossary.jsonld")
    return turtle, jsonld


def test_skos_carries_hierarchy_labels_and_examples(fixture_exports) -> None:
    glossary, settings, paths = fixture_exports
    graph, jsonld = skos_graphs(paths)
    assert isomorphic(graph, jsonld)
    url_of = export.page_url_of(settings, SITE)

    def iri(entry_id: str) -> URIRef:
        return URIRef(url_of("de", entry_id))

    assert set(graph.objects(iri("backsourcing"), SKOS.broader)) == {iri("sourcing")}
    assert set(graph.objects(iri("sourcing"), SKOS.narrower)) == {iri("auslagern"), iri("backsourcing")}
    assert set(graph.objects(URIRef(SITE), SKOS.hasTopConcept)) == {iri("sap"), iri("sourcing")}
    assert (iri("backsourcing"), SKOS.topConceptOf, URIRef(SITE)) not in graph
    for entry in glossary.entries.values():
        texts = entry.texts.items()
        assert set(graph.objects(iri(entry.id), SKOS.hiddenLabel)) == {
            RdfLiteral(term, lang=lang) for lang, t in texts for term in (*t.forms, *t.deprecated)}
        assert set(graph.objects(iri(entry.id), SKOS.altLabel)) == {
            RdfLiteral(term, lang=lang) for lang, t in texts for term in (*t.aliases, *t.abbreviations)}
        assert set(graph.objects(iri(entry.id), SKOS.example)) == {
            RdfLiteral(c.text, lang=lang) for lang, t in texts for c in plain_context(glossary, t)}
    hidden = set(graph.objects(iri("backsourcing"), SKOS.hiddenLabel))
    assert RdfLiteral("Rückoutsourcing", lang="de") in hidden
    assert len(set(graph.objects(iri("backsourcing"), SKOS.example))) == 4


@pytest.mark.parametrize("shapes", ["export/skos-shape.ttl", "schemas/skos/skos.shacl.ttl",
                                    "schemas/skos/skos.bestPractice.shacl.ttl"])
def test_skos_passes_the_shapes(exported, shapes: str) -> None:
    graph, _ = skos_graphs(exported[2])
    ontology = Graph().parse(FIXTURES / "schemas" / "skos" / "skosClassAndPropertyDefinitions.ttl")
    conforms, _, report = validate(graph, shacl_graph=Graph().parse(FIXTURES / shapes, format="turtle"),
                                   ont_graph=ontology, inference="rdfs", advanced=True)
    assert conforms, report


def test_the_best_practice_shape_refuses_a_top_concept_with_a_broader_one(fixture_exports) -> None:
    graph, _ = skos_graphs(fixture_exports[2])
    graph.add((URIRef(SITE + "terms/backsourcing/"), SKOS.topConceptOf, URIRef(SITE)))
    shapes = Graph().parse(FIXTURES / "schemas" / "skos" / "skos.bestPractice.shacl.ttl", format="turtle")
    conforms, _, report = validate(graph, shacl_graph=shapes, advanced=True)
    assert not conforms and "The top concept has a broader concept" in report


# --- JSON --------------------------------------------------------------------------------------
def test_json_holds_every_terminology_field(exported) -> None:
    glossary, _, paths = exported
    document = json.loads(paths["glossary.json"].read_text(encoding="utf-8"))
    schema = json.loads(paths["glossary.schema.json"].read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document)
    assert document["format_version"] == 1  # fields were added, none changed meaning
    narrower = {e.id: sorted(o.id for o in glossary.entries.values() if e.id in o.broader)
                for e in glossary.entries.values()}
    for entry in glossary.entries.values():
        item = document["entries"][entry.id]
        assert (item["broader"], item["narrower"]) == (list(entry.broader), narrower[entry.id])
        for lang, text in entry.texts.items():
            got = item["texts"][lang]
            assert (got["gender"], got["pos"], got["qualifier"], got["reviewed"]) == (
                text.gender, text.pos, text.qualifier, text.reviewed)
            assert got["abbreviations"] == list(text.abbreviations)
            assert got["deprecated"] == list(text.deprecated)
            assert got["context"] == [{"text": c.text, "text_plain": plain.text, "source": c.source}
                                      for c, plain in zip(text.context, plain_context(glossary, text),
                                                          strict=True)]


def test_json_of_the_fixture_names_the_hierarchy_both_ways(fixture_exports) -> None:
    document = json.loads(fixture_exports[2]["glossary.json"].read_text(encoding="utf-8"))
    assert document["entries"]["sourcing"]["narrower"] == ["auslagern", "backsourcing"]
    de = document["entries"]["backsourcing"]["texts"]["de"]
    assert de["context"][0]["text"].count("*") == 2 and "*" not in de["context"][0]["text_plain"]
    assert (de["gender"], de["qualifier"]) == ("n", "IT")
    assert document["entries"]["sap"]["texts"]["de"]["gender"] is None


@pytest.mark.parametrize(("field", "good", "bad"), [
    ("gender", "f", "c-ish"), ("pos", "proper-noun", "proper noun"), ("reviewed", None, "30.11.2026"),
    ("qualifier", None, ""), ("context", [{"text": "A", "text_plain": "A", "source": None}], [{"text": "A"}]),
    ("deprecated", ["X"], [""]),
])
def test_json_schema_takes_good_terminology_values_and_refuses_bad_ones(
        fixture_exports, field: str, good: object, bad: object) -> None:
    paths = fixture_exports[2]
    validator = jsonschema.Draft202012Validator(json.loads(paths["glossary.schema.json"].read_text("utf-8")))
    document = json.loads(paths["glossary.json"].read_text(encoding="utf-8"))
    text = document["entries"]["backsourcing"]["texts"]["de"]
    text[field] = good
    validator.validate(document)
    text[field] = bad
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(document)


# --- CSV ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["de", "da"])
def test_csv_has_the_terminology_columns_and_reads_them_back(exported, lang: str, tmp_path: Path) -> None:
    glossary, _, paths = exported
    data = paths[f"glossary.{lang}.csv"].read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data, newline="")))
    expected = [e for e in glossary.entries.values() if lang in e.texts]
    for row, entry in zip(rows, expected, strict=True):
        text = entry.texts[lang]
        assert (row["gender"], row["pos"]) == (text.gender or "", text.pos or "")
        assert (row["abbreviations"], row["deprecated"]) == ("; ".join(text.abbreviations),
                                                             "; ".join(text.deprecated))
    settings = empty_project(tmp_path, glossary)
    result = import_csv(paths[f"glossary.{lang}.csv"], lang, settings)
    assert not result.errors, result.errors
    assert [f.message for f in result.findings if f.path.endswith(".csv")] == [
        "column 'url' is not used (an entry has no field for it)"]
    write_terms(result, settings)
    back = run(settings, cache=False)
    assert not back.errors and list(back.glossary.entries) == [e.id for e in expected]
    for entry in expected:
        got, text = back.glossary.entries[entry.id].texts[lang], entry.texts[lang]
        assert (got.title, got.aliases, got.abbreviations, got.deprecated, got.gender, got.pos) == (
            text.title, text.aliases, text.abbreviations, text.deprecated, text.gender, text.pos)
        assert got.summary == plain_text(text.summary, glossary, lang)


def test_csv_import_of_grammar_the_language_lacks_is_a_located_error(fixture_exports, tmp_path: Path) -> None:
    source = tmp_path / "sheet.csv"
    source.write_text("title;summary;gender;pos;deprecated\r\nMandant;Ein Kunde.;c;noun;Klient\r\n"
                      "Tenant;Ein Mieter.;;Substantiv;\r\n", encoding="utf-8")
    settings = empty_project(tmp_path / "project", fixture_exports[0])
    result = import_csv(source, "de", settings)
    errors = [str(f) for f in result.errors]
    assert any("sheet.csv:2:1" in e and "'mandant'" in e and "'gender' is 'c': use one of m, f, n" in e
               for e in errors)
    assert any("sheet.csv:3:1" in e and "'tenant'" in e and "'pos' is 'Substantiv'" in e for e in errors)
    assert result.entries == {}

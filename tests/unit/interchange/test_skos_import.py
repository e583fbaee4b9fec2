"""``lexicon import-skos``: vocabularies as they are published (tests/fixtures/vocabularies/)
become new entries; every concept is accounted for; nothing is fetched or overwritten; our
own SKOS export comes back as the entries it was made from."""

from __future__ import annotations

import http.server
import json
import re
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from rdflib import Graph

from lexikon.check.pipeline import run
from lexikon.cli.arguments import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from lexikon.cli.main import main
from lexikon.core.model import Severity
from lexikon.core.queries import plain_text
from lexikon.core.settings import Settings, make_settings, stable_iri
from lexikon.interchange import export, terms
from lexikon.interchange.languages import MapProblem, language_map, site_language
from lexikon.interchange.skos_read import import_skos, local_name
from lexikon.interchange.skos_source import rdf_format
from lexikon.interchange.term_files import write_terms
from tests.support.constants import FIXTURES, LANGUAGES, ROOT

VOCABULARIES = FIXTURES / "vocabularies"
SITE = "https://example.org/lexikon/"


def project(tmp_path: Path) -> Settings:
    (tmp_path / "glossary").mkdir(parents=True, exist_ok=True)
    return make_settings(tmp_path, LANGUAGES, None)


def entries(settings: Settings) -> dict[str, dict]:
    """The files written, read back as YAML (``_tags.yml`` left out)."""
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in sorted(settings.glossary_dir.glob("*.yml")) if not path.name.startswith("_")}


def imported(tmp_path: Path, name: str, source: Path | None = None,
             **options) -> tuple[dict[str, dict], terms.TermImport, Settings]:
    settings = project(tmp_path)
    result = import_skos(source or VOCABULARIES / name, settings, **options)
    write_terms(result, settings)
    return entries(settings), result, settings


def messages(result: terms.TermImport, severity: Severity | None = None) -> list[str]:
    return [f"{f.line}: {f.message}" for f in result.findings if severity in (None, f.severity)]


# --- language tags ------------------------------------------------------------------------------
@pytest.mark.parametrize(("tag", "mapping", "expected"), [
    ("de", {}, "de"), ("de-DE", {}, "de"), ("de_AT", {}, "de"), ("DA-dk", {}, "da"), ("en", {}, None),
    ("en-GB", {"en": "da"}, "da"), ("en-GB", {"en": "da", "en-gb": "de"}, "de"), ("de", {"de": "da"}, "da"),
    ("", {}, None),
])
def test_language_tags_map_to_the_sites_languages(tag: str, mapping: dict, expected: str | None) -> None:
    assert site_language(tag, ("de", "da"), mapping) == expected


def test_language_map_is_checked() -> None:
    assert language_map(["en=de", "fr-CA=da"], ("de", "da")) == {"en": "de", "fr-ca": "da"}
    for bad in ("en", "en=", "=de", "en=fr"):
        with pytest.raises(MapProblem):
            language_map([bad], ("de", "da"))


def test_local_names() -> None:
    assert local_name("https://x.org/lexikon/terms/vertrag/") == "vertrag"
    assert local_name("http://x.org/t#c12") == "c12"
    assert local_name("https://x.org/terms/vertrag.html") == "vertrag"
    assert local_name("urn:x:abc") == "abc"


# --- the thesaurus in Turtle: every concept's fate ---------------------------------------------
def test_thesaurus_every_concept_accounted_for(tmp_path: Path) -> None:
    written, result, settings = imported(tmp_path, "thesaurus.ttl")
    assert sorted(written) == ["backsourcing", "cloud-computing", "dienstleister", "lieferkette",
                               "nearshoring", "offshoring", "outsourcing", "software-as-a-service"]
    # the ninth, with only French and English labels, is an error at its own line
    errors = messages(result, Severity.ERROR)
    line_120 = _line_of(VOCABULARIES / "thesaurus.ttl", "th:120 a skos:Concept")
    assert [e.split(":")[0] for e in errors] == [str(line_120)]  # (the shared path's wording)
    assert f"{line_120}: concept <http://vocab.example.org/thesaurus/concept/120>: no label in the site's " \
        "languages (de, da): --map takes another language in" in messages(result, Severity.WARNING)
    outsourcing = written["outsourcing"]
    assert outsourcing["de"]["title"] == "Outsourcing"
    assert outsourcing["de"]["aliases"] == ["Auslagerung", "Fremdvergabe"]
    assert outsourcing["da"] == {"title": "outsourcing", "aliases": ["udlicitering"], "summary":
                                 "Varig overdragelse af opgaver, som en virksomhed hidtil selv har løst, "
                                 "til en ekstern leverandør."}
    assert outsourcing["related"] == ["dienstleister"]
    assert outsourcing["tags"] == ["sourcing-strategien"]
    assert "draft" not in outsourcing
    # de-DE is German; no Danish definition: a draft that keeps its Danish title
    assert written["offshoring"]["de"]["title"] == "Offshoring" and written["offshoring"]["draft"] is True
    assert written["offshoring"]["da"] == {"title": "offshoring"}
    # typed only through skos:inScheme; broader only from the other end (skos:narrower)
    assert written["nearshoring"]["broader"] == ["outsourcing"] and written["nearshoring"]["draft"] is True
    # two German prefLabels: the first is the title, the second an alias, reported
    back = written["backsourcing"]["de"]
    assert back["title"] == "Backsourcing" and back["aliases"] == ["Rückverlagerung"]
    assert back["forms"] == ["Back-Sourcing"]
    assert back["context"] == [{"text": "Nach fünf Jahren entschied sich die Stadt für das Backsourcing "
                                        "ihres Rechenzentrums."}]
    warnings = messages(result, Severity.WARNING)
    assert any("two prefLabels in 'de'" in m and "concept/103" in m for m in warnings)
    # skos:related written one way comes in both ways
    assert written["dienstleister"]["related"] == ["outsourcing"]
    assert written["software-as-a-service"] == {**written["software-as-a-service"],
                                               "broader": ["cloud-computing"], "related": ["cloud-computing"]}
    # a label without a language tag is the default language's, with a note
    assert written["lieferkette"]["de"]["title"] == "Lieferkette"
    assert any("2 text(s) without a language tag read as 'de'" in m for m in messages(result, Severity.NOTE))
    # what has no field is said once per kind; unconfigured languages once each, naming the concept
    said = messages(result)
    assert sum("skos:scopeNote" in m for m in said) == 1 and sum("skos:exactMatch" in m for m in said) == 1
    assert sum("language 'en' is not configured" in m for m in said) == 1
    assert (settings.glossary_dir / "_tags.yml").read_text(encoding="utf-8").splitlines()[1] == \
        'sourcing-strategien: {de: "Sourcing-Strategien", da: "sourcingstrategier"}'  # every language


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_findings_carry_the_line_of_the_concepts_description(tmp_path: Path) -> None:
    _, result, _ = imported(tmp_path, "thesaurus.ttl")
    finding = next(f for f in result.findings if "two prefLabels" in f.message)
    assert finding.line == _line_of(VOCABULARIES / "thesaurus.ttl", "th:103 a skos:Concept")
    assert finding.path.endswith("thesaurus.ttl")


def test_the_imported_thesaurus_checks_and_builds_clean_of_errors(tmp_path: Path) -> None:
    _, _, settings = imported(tmp_path, "thesaurus.ttl")
    assert not run(settings, cache=False).errors


def test_map_takes_in_another_language(tmp_path: Path) -> None:
    written, result, _ = imported(tmp_path, "thesaurus.ttl", mapping={"en": "da"})
    assert "subcontracting" in written  # the English-and-French concept, its English as Danish
    assert written["subcontracting"]["da"]["summary"] == \
        "The delegation of part of a contract to a third party."
    assert not messages(result, Severity.ERROR)


# --- RDF/XML and JSON-LD ----------------------------------------------------------------------
def test_rdf_xml(tmp_path: Path) -> None:
    written, result, _ = imported(tmp_path, "eurovoc-excerpt.rdf")
    assert sorted(written) == ["auftragsverarbeitung", "datenschutz"]
    assert written["datenschutz"]["de"]["title"] == "Datenschutz"  # de-DE
    assert written["datenschutz"]["da"]["aliases"] == ["persondatabeskyttelse"]  # da-DK
    assert written["datenschutz"]["tags"] == ["recht"]  # a literal dct:subject
    assert written["auftragsverarbeitung"]["broader"] == ["datenschutz"]
    assert written["auftragsverarbeitung"]["related"] == ["datenschutz"]
    changes = [f for f in result.findings if "skos:changeNote" in f.message]
    assert [f.line for f in changes] == [_line_of(VOCABULARIES / "eurovoc-excerpt.rdf", 'rdf:about="http://'
                                                   'vocab.example.org/eurovoc-excerpt/auftragsverarbeitung"')]
    assert not messages(result, Severity.ERROR)


def test_json_ld(tmp_path: Path) -> None:
    written, result, _ = imported(tmp_path, "skohub-style.jsonld")
    assert written["helpdesk"]["de"]["aliases"] == ["Servicedesk", "IT-Hotline"]
    assert written["ticket"]["broader"] == ["helpdesk"] and written["ticket"]["draft"] is True
    assert not messages(result, Severity.ERROR)


@pytest.mark.parametrize(("name", "fmt"), [("thesaurus.nt", "nt"), ("thesaurus.xml", "xml"),
                                           ("thesaurus.data", "json-ld")])
def test_other_writings_of_the_same_vocabulary(tmp_path: Path, name: str, fmt: str) -> None:
    """N-Triples by its extension; RDF/XML named .xml and JSON-LD named anything by their content."""
    graph = Graph().parse(VOCABULARIES / "thesaurus.ttl", format="turtle")
    (tmp_path / name).write_text(graph.serialize(format=fmt), encoding="utf-8")
    again, result, _ = imported(tmp_path / "p", "", source=tmp_path / name)
    expected, _, _ = imported(tmp_path / "q", "thesaurus.ttl")
    # the title of the concept with two German prefLabels is whichever this writing has first
    twice = {"backsourcing", "rueckverlagerung"}
    assert len(again) == len(expected) and set(again) - twice == set(expected) - twice
    assert {i: _sorted(e) for i, e in again.items() if i not in twice} == \
        {i: _sorted(e) for i, e in expected.items() if i not in twice}
    assert len(messages(result, Severity.ERROR)) == 1  # the French-and-English concept


def _sorted(value):
    """An entry read back with its lists sorted (a writing's triples come in its own order)."""
    if isinstance(value, dict):
        return {k: _sorted(v) for k, v in value.items()}
    return sorted(value, key=str) if isinstance(value, list) else value


# --- several hundred concepts ------------------------------------------------------------------
def test_large_thesaurus_every_concept_accounted_for(tmp_path: Path) -> None:
    started = time.perf_counter()
    written, result, _ = imported(tmp_path, "large-thesaurus.ttl")
    seconds = time.perf_counter() - started
    # make_large.py: 600 concepts; those with i % 150 == 0 have only English and French labels
    nothing = [f for f in result.findings if f.severity is Severity.ERROR]  # the shared path's wording
    assert len(written) + len(nothing) == 600 and len(nothing) == 4
    drafts = {i for i in range(600) if i % 150 and (i % 4 == 0 or i % 9 == 0)}
    assert sum(bool(e.get("draft")) for e in written.values()) == len(drafts)
    assert sum("two prefLabels" in f.message for f in result.findings) == len(
        [i for i in range(600) if i % 97 == 0 and i % 150])
    with_broader = sum(bool(e.get("broader")) for e in written.values())
    assert with_broader == len([i for i in range(20, 600) if i % 150])  # each i >= 20 has i // 20
    assert [f.severity for f in result.findings if f.severity is Severity.ERROR] == [Severity.ERROR] * 4
    assert seconds < 20, seconds


# --- refusals ----------------------------------------------------------------------------------
def test_never_overwrites(tmp_path: Path) -> None:
    settings = project(tmp_path)
    (settings.glossary_dir / "outsourcing.yml").write_text("# mine\n", encoding="utf-8")
    result = import_skos(VOCABULARIES / "thesaurus.ttl", settings)
    write_terms(result, settings)
    assert (settings.glossary_dir / "outsourcing.yml").read_text(encoding="utf-8") == "# mine\n"
    assert "outsourcing" in result.conflicts


@pytest.mark.parametrize(("name", "text", "where"), [
    ("broken.ttl", "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n\n<urn:a> a skos:Concept ;\n"
     "  skos:prefLabel \"A\"@de\n  skos:definition \"x\"@de .\n", 5),
    ("broken.rdf", '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
     "<rdf:Description>\n</rdf:RDFx>\n", 4),
    ("broken.jsonld", '{"@context": {},\n "@id": }\n', 2),
    ("words.ttl", "Just some words\nthat are not RDF\n", 1),
])
def test_a_file_no_parser_reads_is_one_located_error(tmp_path: Path, name: str, text: str,
                                                     where: int) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = import_skos(path, project(tmp_path / "p"))
    assert [(f.severity, f.line) for f in result.findings] == [(Severity.ERROR, where)]
    assert not result.entries


def test_entities_and_size_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text('<?xml version="1.0"?>\n<!DOCTYPE r [\n<!ENTITY a "aaaaaaaaaa">\n]>\n'
                    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n', encoding="utf-8")
    result = import_skos(bomb, project(tmp_path / "p"))
    assert [(f.line, "entities" in f.message) for f in result.findings] == [(3, True)]
    monkeypatch.setattr(terms, "MAX_SOURCE_BYTES", 100)
    result = import_skos(VOCABULARIES / "thesaurus.ttl", project(tmp_path / "q"))
    assert len(result.findings) == 1 and "over" in result.findings[0].message and not result.entries


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every request (and serves a valid context)."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            body = json.dumps({"@context": {"skos": "http://www.w3.org/2004/02/skos/core#"}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/ld+json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    httpd.shutdown()
    httpd.server_close()


def test_nothing_is_fetched(tmp_path: Path, server: tuple[str, list[str]]) -> None:
    url, requests = server
    remote = tmp_path / "remote.jsonld"
    label = {"@value": "A", "@language": "de"}
    document = {"@context": f"{url}/context.jsonld", "@id": "urn:x:a", "@type": "skos:Concept",
                "skos:prefLabel": label}
    remote.write_text(json.dumps(document, indent=1), encoding="utf-8")
    result = import_skos(remote, project(tmp_path / "p"))
    assert [(f.severity, "remote @context" in f.message) for f in result.findings] == [(Severity.ERROR, True)]
    imports = tmp_path / "imports.ttl"
    imports.write_text("@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
                       f"<urn:x:s> owl:imports <{url}/more.ttl> .\n"
                       f"<urn:x:s> <http://www.w3.org/2000/01/rdf-schema#seeAlso> <{url}/see.ttl> .\n",
                       encoding="utf-8")
    import_skos(imports, project(tmp_path / "q"))
    dtd = tmp_path / "dtd.rdf"
    dtd.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF SYSTEM "{url}/rdf.dtd">\n'
                   '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n', encoding="utf-8")
    import_skos(dtd, project(tmp_path / "r"))
    assert requests == []


# --- the command line --------------------------------------------------------------------------
@pytest.fixture
def cli_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "glossary").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_cli_import_skos(cli_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = VOCABULARIES / "skohub-style.jsonld"
    assert main(["import-skos", str(source), "--dry-run"]) == EXIT_OK
    assert not list((cli_project / "glossary").iterdir())
    assert main(["import-skos", str(source)]) == EXIT_OK
    assert sorted(p.name for p in (cli_project / "glossary").iterdir()) == ["helpdesk.yml", "ticket.yml"]
    assert main(["import-skos", str(source)]) == EXIT_FAILED  # exists already: never overwritten
    assert main(["import-skos", str(source), "--map", "en"]) == EXIT_USAGE
    assert "FROM=TO" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["thesaurus.ttl", "eurovoc-excerpt.rdf", "skohub-style.jsonld"])
def test_cli_import_refuses_a_vocabulary_as_an_article(cli_project: Path, name: str,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(VOCABULARIES / name), "--lang", "de"]) == EXIT_USAGE
    assert "import-skos" in capsys.readouterr().err
    assert not list((cli_project / "glossary").iterdir())


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("a.md", "# Prefix\n\nPrefix ist eine Vorsilbe.\n", None),
    ("a.txt", "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n", "turtle"),
    ("a.txt", "# comment\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n", "turtle"),
    ("a.txt", "<urn:a> <urn:b> <urn:c> .\n", "turtle"),
    ("a.xml", '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="x"/>', "xml"),
    ("a.xml", '<?xml version="1.0"?>\n<tbx type="TBX-Basic"/>', None),
    ("a.json", '{"@context": {}, "@graph": []}', "json-ld"),
    ("a.json", '{"title": "x"}', None),
    ("a.rdf", "", "xml"),
])
def test_formats_by_name_and_content(name: str, text: str, expected: str | None) -> None:
    assert rdf_format(name, text) == expected


def test_cli_import_refuses_turtle_by_content(cli_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    renamed = cli_project / "vocabulary.txt"
    renamed.write_bytes((VOCABULARIES / "thesaurus.ttl").read_bytes())
    assert main(["import", str(renamed), "--lang", "de"]) == EXIT_USAGE
    assert "import-skos" in capsys.readouterr().err


# --- our own export, back --------------------------------------------------------------------
@pytest.mark.parametrize("source", ["terminology", "site"])
@pytest.mark.parametrize("file", ["glossary.ttl", "glossary.jsonld"])
@pytest.mark.parametrize("address", [SITE, ""])
def test_round_trip_of_our_export(tmp_path: Path, source: str, file: str, address: str) -> None:
    """Exported (with the site's address, or without: then the IRIs are UUID URNs), imported
    into an empty glossary: what SKOS carries comes back the same."""
    folder = {"terminology": FIXTURES / "terminology", "site": ROOT}[source]
    original = run(make_settings(folder, LANGUAGES, None), cache=False).glossary
    settings = make_settings(folder, LANGUAGES, None)
    exported = export.export_files(original, settings, export.page_url_of(settings, address),
                                   scheme_iri=address or stable_iri("Lexikon", "concept-scheme"))
    (tmp_path / file).write_text(exported[file], encoding="utf-8")
    target = project(tmp_path / "empty")
    result = import_skos(tmp_path / file, target)
    write_terms(result, target)
    back = run(target, cache=False).glossary
    published = [e for e in original.entries.values() if not e.draft]
    assert sorted(back.entries) == sorted(e.id for e in published)
    for entry in published:
        again = back.entries[entry.id]
        assert set(again.broader) == set(entry.broader)
        assert set(again.related) >= set(entry.related)
        for lang, text in entry.texts.items():
            other = again.texts[lang]
            assert other.title == text.title
            assert set(other.aliases) == set(text.aliases) | set(text.abbreviations)
            assert set(other.forms) == set(text.forms)
            assert set(other.deprecated) == set(text.deprecated)  # lexikon:deprecatedLabel
            assert plain_text(other.summary, back, lang) == plain_text(text.summary, original, lang)
            plain = [plain_text(c.text, original, lang) for c in text.context]
            assert [c.text for c in other.context] == plain


def test_finding_lines_are_in_the_file(tmp_path: Path) -> None:
    _, result, _ = imported(tmp_path, "large-thesaurus.ttl")
    length = len((VOCABULARIES / "large-thesaurus.ttl").read_text(encoding="utf-8").splitlines())
    own = [f for f in result.findings if f.path.endswith("large-thesaurus.ttl")]
    assert own and all(1 <= f.line <= length for f in own)
    assert all(re.search(r"concept <http", f.message) for f in own if "prefLabels" in f.message)

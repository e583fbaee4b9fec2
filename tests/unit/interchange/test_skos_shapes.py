"""Our SKOS export against every SHACL shape vendored (SkoHub's own ``skohub.shacl.ttl``, the
SKOS integrity and best-practice shapes), for this repository's glossary and the fixture with
every field; the scheme's title per language, tagged; ``skos:related`` both ways."""

from __future__ import annotations

import os
import shutil
import warnings
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import RDF, Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.namespace import DCTERMS, SH, SKOS

from lexikon.check.pipeline import run
from lexikon.cli.main import main
from lexikon.core.model import Glossary
from lexikon.core.settings import Settings, make_settings, site_texts
from lexikon.interchange import export, skos
from tests.support.constants import FIXTURES, LANGUAGES, ROOT
from tests.support.project import copy_project

SHAPES = FIXTURES / "schemas" / "skos"
SITE = "https://example.org/lexikon/"
PROJECTS = {"site": ROOT, "terminology": FIXTURES / "terminology"}
SKOHUB_WARNINGS = {DCTERMS.license, URIRef("http://purl.org/vocab/vann/preferredNamespaceUri")}
"""What SkoHub only warns about and a site cannot know: the vocabulary's licence and its
preferred namespace for reconciliation services."""


def checked(folder: Path) -> tuple[Glossary, Settings]:
    settings = make_settings(folder, LANGUAGES, None)
    result = run(settings, cache=False)
    assert not result.errors, result.errors
    return result.glossary, settings


def exported_graph(folder: Path, file: str = "glossary.ttl") -> Graph:
    glossary, settings = checked(folder)
    files = export.export_files(glossary, settings, export.page_url_of(settings, SITE), scheme_iri=SITE,
                                title=site_texts(ROOT / "mkdocs.yml", "site_name"),
                                description=site_texts(ROOT / "mkdocs.yml", "site_description"))
    with warnings.catch_warnings():  # rdflib's JSON-LD parser still makes a ConjunctiveGraph
        warnings.simplefilter("ignore", DeprecationWarning)
        return Graph().parse(data=files[file], format="json-ld" if file.endswith("jsonld") else "turtle",
                             publicID=SITE + file)


def results(graph: Graph, shapes: str) -> list[tuple[URIRef, URIRef | None, str]]:
    """Each SHACL result: its severity, path and message."""
    ontology = Graph().parse(SHAPES / "skosClassAndPropertyDefinitions.ttl")
    _, report, _ = validate(graph, shacl_graph=Graph().parse(SHAPES / shapes, format="turtle"),
                            ont_graph=ontology, inference="none", advanced=True)
    return [(report.value(r, SH.resultSeverity), report.value(r, SH.resultPath),
             str(report.value(r, SH.resultMessage))) for r in report.subjects(RDF.type, SH.ValidationResult)]


@pytest.mark.parametrize("project", sorted(PROJECTS))
@pytest.mark.parametrize("file", ["glossary.ttl", "glossary.jsonld"])
def test_skohub_shapes_find_no_violation(project: str, file: str) -> None:
    found = results(exported_graph(PROJECTS[project], file), "skohub.shacl.ttl")
    assert [r for r in found if r[0] == SH.Violation] == []
    assert {path for _, path, _ in found} <= SKOHUB_WARNINGS, found


@pytest.mark.parametrize("project", sorted(PROJECTS))
@pytest.mark.parametrize("shapes", ["skos.shacl.ttl", "skos.bestPractice.shacl.ttl"])
def test_skos_integrity_and_best_practice_shapes_pass(project: str, shapes: str) -> None:
    assert results(exported_graph(PROJECTS[project]), shapes) == []


def test_skohub_rejects_an_untagged_title() -> None:
    """The shapes are live: the old export's title (no language tag) is a violation."""
    graph = exported_graph(FIXTURES / "terminology")
    scheme = URIRef(SITE)
    graph.remove((scheme, DCTERMS.title, None))
    graph.add((scheme, DCTERMS.title, RdfLiteral("Leksikon")))
    assert any(severity == SH.Violation for severity, _, _ in results(graph, "skohub.shacl.ttl"))


def test_the_scheme_is_named_in_each_language() -> None:
    graph = exported_graph(FIXTURES / "terminology")
    assert set(graph.objects(URIRef(SITE), DCTERMS.title)) == {
        RdfLiteral("Lexikon", lang="de"), RdfLiteral("Leksikon", lang="da")}
    assert {o.language for o in graph.objects(URIRef(SITE), DCTERMS.description)} == {"de", "da"}


def test_site_texts_per_language(tmp_path: Path) -> None:
    assert site_texts(ROOT / "mkdocs.yml", "site_name") == {"de": "Lexikon", "da": "Leksikon"}
    (tmp_path / "mkdocs.yml").write_text("site_name: Glossar\nplugins:\n  - i18n:\n      languages:\n"
                                         "        - {locale: de, default: true}\n        - {locale: da}\n",
                                         encoding="utf-8")
    assert site_texts(tmp_path / "mkdocs.yml", "site_name") == {"de": "Glossar", "da": "Glossar"}
    assert site_texts(tmp_path / "mkdocs.yml", "site_description") == {}
    assert site_texts(tmp_path / "missing.yml", "site_name") == {}


def test_a_one_way_related_is_written_both_ways() -> None:
    glossary, _ = checked(FIXTURES / "terminology")
    one_way = [(e.id, r) for e in glossary.entries.values() for r in e.related
               if e.id not in glossary.entries[r].related]
    assert one_way, "the fixture should have a related entry named one way only"
    graph = exported_graph(FIXTURES / "terminology")
    for source, target in one_way:
        assert (URIRef(f"{SITE}terms/{target}/"), SKOS.related, URIRef(f"{SITE}terms/{source}/")) in graph
    assert skos.related_both_ways(glossary)[one_way[0][1]][-1] == one_way[0][0]


@pytest.mark.slow
def test_the_built_sites_scheme_title_is_per_language(tmp_path: Path) -> None:
    """A real build: after the Danish pass MkDocs' site_name is Danish; the file at the
    German root still names the scheme in both languages, each tagged."""
    project = copy_project(tmp_path / "project", FIXTURES / "terminology" / "glossary")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    built = project.build()
    assert built.returncode == 0, built.stderr
    graph = Graph().parse(project.site / "glossary.ttl", format="turtle", publicID="https://x.example/glossary.ttl")
    titles = {o for _, _, o in graph.triples((None, DCTERMS.title, None))}
    assert titles == {RdfLiteral("Lexikon", lang="de"), RdfLiteral("Leksikon", lang="da")}
    tbx = (project.site / "glossary.tbx").read_text(encoding="utf-8")
    assert "Leksikon" not in tbx


def test_lexicon_export_names_the_scheme_per_language(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(FIXTURES / "terminology" / "glossary", tmp_path / "glossary")
    monkeypatch.chdir(tmp_path)
    assert main(["export", "out", "--site-url", SITE]) == 0
    graph = Graph().parse(tmp_path / "out" / "glossary.ttl", format="turtle")
    assert set(graph.objects(URIRef(SITE), DCTERMS.title)) == {
        RdfLiteral("Lexikon", lang="de"), RdfLiteral("Leksikon", lang="da")}

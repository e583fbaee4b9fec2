"""The term imports (TBX, SKOS, CSV) after the issue-16 attack: no link, definition or log
line of a source is lost without a located finding; a refusal does not cascade; a homonym of
an existing entry comes in beside it, a termbase imported again does not."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import yaml

from lexikon.core.model import Severity
from lexikon.core.settings import Settings, make_settings
from lexikon.interchange.csv_format import import_csv
from lexikon.interchange.languages import MapProblem, language_map
from lexikon.interchange.skos_read import import_skos
from lexikon.interchange.tbx import import_tbx
from lexikon.interchange.term_files import drop_links, run_terms, write_terms
from lexikon.interchange.terms import TermImport
from tests.support.constants import LANGUAGES, ROOT

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic" style="dca" xml:lang="de"'
        ' xmlns="urn:iso:std:iso:30042:ed-2">\n<text><body>\n')
TAIL = "</body></text></tbx>\n"
SKOS = "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"


def concept(concept_id: str, term: str, definition: str, inner: str = "") -> str:
    """One TBX concept on one line."""
    return (f'<conceptEntry id="{concept_id}">{inner}<langSec xml:lang="de"><termSec><term>{term}</term>'
            f'</termSec><descrip type="definition">{definition}</descrip></langSec></conceptEntry>\n')


def project(tmp_path: Path) -> Settings:
    (tmp_path / "glossary").mkdir(parents=True, exist_ok=True)
    return make_settings(tmp_path, LANGUAGES, None)


def written(settings: Settings, result: TermImport) -> dict[str, dict]:
    write_terms(result, settings)
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in sorted(settings.glossary_dir.glob("*.yml")) if not path.name.startswith("_")}


def at(result: TermImport, source: Path, severity: Severity | None = None) -> list[tuple[int, int, str]]:
    """(line, column, message) of the findings about the source."""
    return [(f.line, f.col, f.message) for f in result.findings
            if f.path == str(source) and severity in (None, f.severity)]


def test_a_concept_that_is_its_own_broader_is_a_finding(tmp_path: Path) -> None:
    """TBX and SKOS: a link to the concept itself is left out with a warning at its line."""
    settings = project(tmp_path / "p")
    tbx = tmp_path / "self.tbx"
    tbx.write_text(HEAD + concept("self", "Selbst", "Ein Ding.", '<ref type="crossReference" '
                                  'target="self" datatype="broader">x</ref>') + TAIL, encoding="utf-8")
    skos = tmp_path / "self.ttl"
    skos.write_text(SKOS + '<http://e.org/selbst> a skos:Concept ; skos:prefLabel "Selbst"@de ;\n'
                    '    skos:definition "Ein Ding."@de ; skos:broader <http://e.org/selbst> .\n',
                    encoding="utf-8")
    for source, reader, line in ((tbx, import_tbx, 4), (skos, import_skos, 2)):
        result = reader(source, settings)
        assert "broader" not in result.entries["selbst" if reader is import_skos else "self"]
        warned = [ln for ln, _, message in at(result, source, Severity.WARNING) if "itself" in message]
        assert warned == [line], result.findings


def test_owl_imports_and_member_list_are_located(tmp_path: Path) -> None:
    """What a vocabulary names but the import does not follow is reported where it is written."""
    source = tmp_path / "scheme.ttl"
    source.write_text(SKOS + "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n\n"
                      "<http://e.org/scheme> a skos:ConceptScheme ;\n"
                      "    owl:imports <http://e.org/other.ttl> .\n\n"
                      '<http://e.org/haus> a skos:Concept ; skos:prefLabel "Haus"@de ;\n'
                      '    skos:definition "Ein Gebäude."@de .\n\n'
                      "<http://e.org/reihe> a skos:OrderedCollection ;\n"
                      '    skos:prefLabel "Reihe"@de ;\n'
                      "    skos:memberList ( <http://e.org/haus> ) .\n", encoding="utf-8")
    result = import_skos(source, project(tmp_path / "p"))
    lines = {kind: line for line, _, message in at(result, source)
             for kind in ("owl:imports", "skos:memberList") if kind in message}
    assert lines == {"owl:imports": 5, "skos:memberList": 10}, result.findings


def test_rdflib_log_lines_become_a_located_warning(tmp_path: Path, capfd) -> None:
    source = tmp_path / "space.ttl"
    source.write_text(SKOS + "\n" + '<http://e.org/a b> a skos:Concept ; skos:prefLabel "Router"@de ;\n'
                      '    skos:definition "Ein Gerät."@de .\n', encoding="utf-8")
    result = import_skos(source, project(tmp_path / "p"))
    said = [(line, col) for line, col, message in at(result, source, Severity.WARNING)
            if message.startswith("rdflib: ")]
    assert said == [(3, 2)], result.findings
    assert capfd.readouterr().err == ""


def test_skos_links_find_the_right_one_of_two_iris_with_one_last_segment(tmp_path: Path) -> None:
    source = tmp_path / "bank.ttl"
    source.write_text(SKOS + '<http://e.org/finanzen/bank> a skos:Concept ; skos:prefLabel "Bank"@de ;\n'
                      '    skos:definition "Ein Geldinstitut."@de .\n'
                      '<http://e.org/moebel/bank> a skos:Concept ; skos:prefLabel "Bank"@de ;\n'
                      '    skos:definition "Eine Sitzgelegenheit."@de ;\n'
                      "    skos:broader <http://e.org/moebel/sitz> .\n"
                      '<http://e.org/moebel/sitz> a skos:Concept ; skos:prefLabel "Sitz"@de ;\n'
                      '    skos:definition "Worauf man sitzt."@de ;\n'
                      "    skos:narrower <http://e.org/moebel/bank> .\n",
                      encoding="utf-8")
    settings = project(tmp_path / "p")
    entries = written(settings, import_skos(source, settings))
    furniture = next(e for e in entries.values() if e["de"]["summary"] == "Eine Sitzgelegenheit.")
    finance = next(e for e in entries.values() if e["de"]["summary"] == "Ein Geldinstitut.")
    assert furniture["broader"] == ["sitz"] and "broader" not in finance
    assert furniture["de"]["qualifier"] != finance["de"]["qualifier"]


def test_a_refusal_takes_the_links_to_it_not_the_entries_that_name_it(tmp_path: Path) -> None:
    """The concepts before the refused one come in without the link, a note at each's line."""
    source = tmp_path / "chain.tbx"
    to = '<ref type="crossReference" target="{}">x</ref>'.format
    source.write_text(HEAD + concept("a", "Anfang", "Erstes.", to("b"))
                      + concept("b", "Mitte", "Zweites.", to("c"))
                      + concept("c", "Ende", "Mit \u202e darin.") + TAIL, encoding="utf-8")
    settings = project(tmp_path / "p")
    result = import_tbx(source, settings)
    entries = written(settings, result)
    assert sorted(entries) == ["a", "b"]
    assert entries["a"]["related"] == ["b"] and "related" not in entries["b"]
    assert [(line, col) for line, col, message in at(result, source, Severity.NOTE)
            if "'c' left out" in message] == [(5, 1)]
    errors = [(f.path, f.line, f.message) for f in result.errors]
    assert errors and all(path == str(source) and line == 6 and "'c'" in message
                          for path, line, message in errors), errors
    assert result.counts.entries == 2 and sum(result.counts.skipped.values()) == 1


def test_drop_links_keeps_the_other_links() -> None:
    text = "# m\ntags: [x]\nrelated: [a, gone, b]\nbroader: [gone]\nde:\n  title: T\n"
    assert drop_links(text, {"gone"}) == ("# m\ntags: [x]\nrelated: [a, b]\nde:\n  title: T\n",
                                         ["gone", "gone"])


def test_csv_duplicate_id_with_a_second_definition_is_a_warning_at_its_row(tmp_path: Path) -> None:
    source = tmp_path / "dup.csv"
    source.write_text("id,title,summary\ndup,Doppel,Erste Bedeutung.\ndup,Anders,Zweite Bedeutung.\n",
                      encoding="utf-8")
    result = import_csv(source, "de", project(tmp_path / "p"))
    assert [line for line, _, message in at(result, source, Severity.WARNING)
            if "second definition" in message and "Zweite" in message] == [3], result.findings


def test_a_termbase_imported_again_adds_nothing_and_a_homonym_comes_in_beside(tmp_path: Path) -> None:
    """Counter ids (c1): the title's slug is the id. The same concept again exists already;
    one with another definition is a homonym, with the qualifier in its file; the existing
    entry is never touched."""
    settings = project(tmp_path / "p")
    first = tmp_path / "first.tbx"
    first.write_text(HEAD + concept("c1", "Bank", "Ein Geldinstitut.") + TAIL, encoding="utf-8")
    assert sorted(written(settings, import_tbx(first, settings))) == ["bank"]
    before = (settings.glossary_dir / "bank.yml").read_bytes()
    again = import_tbx(first, settings)
    assert again.entries == {} and again.conflicts == ("bank",)
    other = tmp_path / "other.tbx"
    other.write_text(HEAD + concept("c9", "Bank", "Eine Sitzgelegenheit.") + TAIL, encoding="utf-8")
    result = import_tbx(other, settings)
    entries = written(settings, result)
    assert sorted(entries) == ["bank", "bank-c9"] and entries["bank-c9"]["de"]["qualifier"] == "c9"
    assert (settings.glossary_dir / "bank.yml").read_bytes() == before
    assert any("give 'bank' a qualifier too" in message for _, _, message in at(result, other))


def test_the_existing_entry_with_the_source_id_is_the_same_concept(tmp_path: Path) -> None:
    settings = project(tmp_path / "p")
    shutil.copy(ROOT / "glossary" / "outsourcing.yml", settings.glossary_dir / "outsourcing.yml")
    source = tmp_path / "own.tbx"
    source.write_text(HEAD + concept("outsourcing", "Outsourcing", "Anders gesagt.") + TAIL, encoding="utf-8")
    result = import_tbx(source, settings)
    assert result.entries == {} and result.conflicts == ("outsourcing",)


@pytest.mark.parametrize(("pairs", "ok"), [
    (["en=de", "en=da"], False), (["en=de", "EN=de"], True), (["en=de", "en-GB=da"], True),
    (["en_gb=de", "en-GB=da"], False),
])
def test_one_language_is_mapped_once(pairs: list[str], ok: bool) -> None:
    if ok:
        assert language_map(pairs, ["de", "da"])
    else:
        with pytest.raises(MapProblem, match="mapped to"):
            language_map(pairs, ["de", "da"])


def test_findings_about_a_refused_concept_come_in_source_order(tmp_path: Path) -> None:
    source = tmp_path / "order.tbx"
    source.write_text(HEAD + concept("c1", "Erstes", "Mit &lt;i&gt; darin.") + concept("c2", "Zwei", "Gut.")
                      + concept("c3", "Drittes", "Mit \u202e darin.") + TAIL, encoding="utf-8")
    settings = project(tmp_path / "p")
    out = io.StringIO()
    assert run_terms(import_tbx(source, settings), settings, True, out) == 1
    lines = [int(line.split(":")[1]) for line in out.getvalue().splitlines() if line.startswith(str(source))]
    assert lines == sorted(lines) and {4, 6} <= set(lines)

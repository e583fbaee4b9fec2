"""Session 13's attack on the SKOS export with a hierarchy the check lets pass.

README, "Exports": ``glossary.ttl``/``glossary.jsonld`` are SKOS, "checked with SkoHub's
shapes"; "The entry format": "Do not also list a broader or narrower concept under
``related`` (SKOS keeps the two apart)". The check says nothing when an entry does (0 errors,
0 warnings, ``--strict`` passes), and the export then breaks SKOS's integrity condition S27
(``skos:related`` is disjoint with ``skos:broaderTransitive``), which the vendored
``skos.shacl.ttl`` reports as a violation. Either outcome closes it: the check reports the
pair (a warning at the ``related`` item, so ``--strict`` and ``make site`` fail), or the export
stays valid."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from lexikon.check.pipeline import run
from lexikon.core.settings import make_settings
from lexikon.interchange import export
from tests.support.constants import LANGUAGES, ROOT
from tests.unit.interchange.test_skos_shapes import SITE, results

ENTRY = ("{links}de:\n  title: {name}\n  summary: Text über {name}.\n"
         "da:\n  title: {name}\n  summary: Tekst om {name}.\n")
CASES = {
    "related names its own broader": {"a": "broader: [b]\nrelated: [b]\n", "b": ""},
    "related names its narrower": {"a": "related: [b]\n", "b": "broader: [a]\n"},
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_glossary_the_strict_check_passes_exports_skos_the_integrity_shapes_accept(tmp_path: Path,
                                                                                    case: str) -> None:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "_tags.yml").write_text((ROOT / "glossary" / "_tags.yml").read_text("utf-8"),
                                                     encoding="utf-8")
    for entry_id, links in CASES[case].items():
        (tmp_path / "glossary" / f"{entry_id}.yml").write_text(
            ENTRY.format(links=links, name=entry_id.upper() * 3), encoding="utf-8")
    settings = make_settings(tmp_path, LANGUAGES, None)
    checked = run(settings, cache=False)
    assert not checked.errors, checked.errors
    if checked.warnings:  # the check reports it: --strict fails, the editor is told
        assert [(w.path, w.line) for w in checked.warnings] == [(str(Path("glossary") / "a.yml"), 2)] or \
            len(checked.warnings) == 1, checked.warnings
        return
    url_of = export.page_url_of(settings, SITE)
    files = export.export_files(checked.glossary, settings, url_of, scheme_iri=SITE)
    graph = Graph().parse(data=files["glossary.ttl"], format="turtle", publicID=SITE + "glossary.ttl")
    assert results(graph, "skos.shacl.ttl") == []

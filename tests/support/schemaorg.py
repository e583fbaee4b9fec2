"""JSON-LD held to schema.org's vocabulary: every type is schema.org's, every property is in
the domain of one of its node's types (or their superclasses), every value fits the range.

The vocabulary is the subset in ``tests/fixtures/schemas/schemaorg/vocabulary.json``
(written by ``tests/tools/schemaorg_subset.py`` from schema.org's release file): a property
it does not know is reported as unknown, which for our types means not schema.org's.
"""

from __future__ import annotations

import json
import re
from functools import cache
from urllib.parse import urlsplit

from tests.support.constants import FIXTURES

VOCABULARY = FIXTURES / "schemas" / "schemaorg" / "vocabulary.json"
CONTEXT = "https://schema.org"
KEYWORDS = {"@context", "@id", "@type"}
TEXT_TYPES = {"Text", "URL"}


@cache
def vocabulary() -> dict:
    return json.loads(VOCABULARY.read_text(encoding="utf-8"))


def ancestors(name: str) -> set[str]:
    """The type and every type it is a subclass of."""
    types = vocabulary()["types"]
    found, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo += types.get(current, [])
    return found


def jsonld_problems(data: object, where: str = "$") -> list[str]:
    """Every way ``data`` (a node, or a list of them) strays from schema.org, one line each."""
    if isinstance(data, list):
        return [problem for i, item in enumerate(data) for problem in jsonld_problems(item, f"{where}[{i}]")]
    if not isinstance(data, dict):
        return [f"{where}: a {type(data).__name__} where a node was expected"]
    problems = []
    if "@context" in data and data["@context"] != CONTEXT:
        problems.append(f"{where}: @context {data['@context']!r} is not {CONTEXT!r}")
    types = data.get("@type")
    names = types if isinstance(types, list) else [types]
    unknown = [name for name in names if name not in vocabulary()["types"]]
    if types is None or unknown:
        return [*problems, f"{where}: @type {types!r} is not a schema.org type (of {VOCABULARY.name})"]
    own = set().union(*(ancestors(name) for name in names))
    for key, value in data.items():
        if key not in KEYWORDS:
            problems += _property_problems(key, value, own, f"{where}.{key}")
    return problems


def _property_problems(key: str, value: object, own: set[str], where: str) -> list[str]:
    described = vocabulary()["properties"].get(key)
    if described is None:
        return [f"{where}: {key!r} is not a schema.org property of {sorted(own)}"]
    if not own & set(described["domain"]):
        return [f"{where}: {key!r} is not in the domain of the node's types (its domain: "
                f"{', '.join(described['domain'])})"]
    problems = []
    for i, item in enumerate(value if isinstance(value, list) else [value]):
        problems += _value_problems(item, described["range"], f"{where}[{i}]")
    return problems


def _value_problems(value: object, expected: list[str], where: str) -> list[str]:
    """A string fits a Text or URL range (a URL range wants an address, which may be relative to
    the page: JSON-LD resolves it against the page's), a node the range's
    types or their subclasses; a language-tagged string is a Text."""
    if isinstance(value, dict) and "@value" in value:
        value = value["@value"]
    if isinstance(value, str):
        if not TEXT_TYPES & set(expected):
            return [f"{where}: text {value[:40]!r} where {expected} is expected"]
        if "Text" not in expected and (not value or re.search(r"\s", value) or urlsplit(value).scheme
                                       not in ("", "http", "https")):
            return [f"{where}: {value[:40]!r} is not an address ({expected})"]
        return []
    if isinstance(value, dict):
        names = value.get("@type")
        kinds = set().union(*(ancestors(n) for n in (names if isinstance(names, list) else [names])))
        if not kinds & set(expected):
            return [f"{where}: a {names} where {expected} is expected"]
        return jsonld_problems(value, where)
    return [f"{where}: {value!r} is neither text nor a node ({expected})"]

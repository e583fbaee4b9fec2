"""A SKOS concept's texts into its language blocks (:mod:`lexikon.interchange.skos_read`):
the terms, our own ``lexikon:`` properties (see :mod:`lexikon.interchange.skos`), drafts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rdflib import Literal
from rdflib.namespace import SKOS


def add_term(block: dict[str, Any], key: str, value: str) -> None:
    """``value`` into ``block[key]`` (a list; ``qualifier``: the first one). A deprecated term
    (our ``lexikon:deprecatedLabel``) is also a hidden label, which is read as a form: it is
    deprecated only, whichever of the two comes first."""
    if key == "qualifier":
        block["qualifier"] = block.get("qualifier") or value
    elif key == "deprecated":
        block["forms"] = [form for form in block["forms"] if form != value]
        block["deprecated"].append(value)
    elif not (key == "forms" and value in block["deprecated"]):
        block[key].append(value)


def drafts(concept: Any) -> None:
    """A concept with a language that has a term but no definition is a draft (the check
    notes each block without a summary; the shared path says why it is a draft)."""
    concept.draft = any(block["title"] and not block["summary"] for block in concept.texts.values())


def labels_by_language(graph: Any, node: Any, language: Callable[[Literal], str | None]) -> dict[str, str]:
    """A collection's prefLabels by site language (``language``: a literal's, None when the site
    has none): a tag proposed for it gets every one, not only the default language's."""
    labels: dict[str, str] = {}
    for literal in sorted(graph.objects(node, SKOS.prefLabel), key=str):
        if isinstance(literal, Literal) and (lang := language(literal)) is not None:
            labels.setdefault(lang, str(literal))
    return labels

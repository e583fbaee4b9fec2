"""A SKOS concept's texts into its language blocks (:mod:`lexikon.interchange.skos_read`):
the terms, our own ``lexikon:`` properties (see :mod:`lexikon.interchange.skos`), drafts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from rdflib import Literal, Namespace
from rdflib.namespace import RDF, SKOS

from lexikon.core.settings import stable_iri


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


def own_id(graph: Any, node: Any, local: str) -> bool:
    """Whether the concept's notation is its entry id, as in our own export: the notation is the
    IRI's last segment ``local`` (a site with an address), or the IRI is the name-based URN our
    export makes of the scheme's and the id (a site without one, :func:`stable_iri`)."""
    notation = str(graph.value(node, SKOS.notation) or "")
    return bool(notation) and (notation == local or any(
        str(node) == stable_iri(str(scheme), notation) for scheme in graph.objects(node, SKOS.inScheme)))


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


SKOSXL = Namespace("http://www.w3.org/2008/05/skos-xl#")
_XL_LABELS = {SKOSXL.prefLabel: SKOS.prefLabel, SKOSXL.altLabel: SKOS.altLabel,
              SKOSXL.hiddenLabel: SKOS.hiddenLabel}
_DOCUMENTATION = {SKOS.definition, SKOS.example, SKOS.scopeNote, SKOS.note}


def plain_statements(graph: Any, node: Any) -> Iterator[tuple[Any, Any]]:
    """``node``'s predicates and objects, with the two richer forms vocabularies use written as
    the plain SKOS they stand for: a SKOS-XL label (``skosxl:prefLabel`` to a ``skosxl:Label``,
    as AGROVOC and EuroVoc write them) as the ``skos:prefLabel`` of its ``literalForm``, and a
    structured note (``skos:definition [ rdf:value "…"@de ; dct:source … ]``, the SKOS Primer's
    documentation with a source) as the note of its ``rdf:value``, the note's other statements
    (its ``dct:source``) as the node's own, so that they are reported. Everything else as it is."""
    for predicate, obj in graph.predicate_objects(node):
        if predicate in _XL_LABELS and not isinstance(obj, Literal):
            forms = list(graph.objects(obj, SKOSXL.literalForm))
            yield from ((_XL_LABELS[predicate], form) for form in forms) if forms else [(predicate, obj)]
        elif predicate in _DOCUMENTATION and not isinstance(obj, Literal):
            values = list(graph.objects(obj, RDF.value))
            yield from ((predicate, value) for value in values) if values else [(predicate, obj)]
            if values:  # the note's source, creator, date: reported as the concept's would be
                yield from ((p, o) for p, o in graph.predicate_objects(obj) if p not in (RDF.value, RDF.type))
        else:
            yield predicate, obj

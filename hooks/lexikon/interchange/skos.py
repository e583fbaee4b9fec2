"""SKOS, as Turtle (``glossary.ttl``) and JSON-LD (``glossary.jsonld``): one graph, two writings.

A ``skos:ConceptScheme`` (at ``./``, the folder of the file, unless ``scheme_iri`` says
otherwise), each entry a ``skos:Concept`` named by its page URL in the default language,
with prefLabel, altLabel (aliases and abbreviations), hiddenLabel (forms and deprecated
terms: found by a search, never shown as a label; the deprecated ones also as
``lexikon:deprecatedLabel``, our own property, so that our import brings them back deprecated,
not as forms), definition (the plain summary), example
(each context sentence, plain), notation (the id), broader and narrower (derived from
``broader``: both ways, as SKOS consumers expect), related (both ways too: ``skos:related``
is symmetric, even where the YAML names it one way), inScheme and a ``foaf:page`` per
language; the concepts without a broader one are the scheme's top concepts. The scheme's
``dcterms:title`` and ``dcterms:description`` are the site's name and description, one per
language and tagged with it (SkoHub's shapes need a tagged title). Each tag is a
``skos:Collection`` of its concepts. A homonym's ``qualifier`` has no SKOS property (a scope
note is prose for people): it is written as ``lexikon:qualifier``, our own property, which our
import reads back. The context's source and the review date are left out. When the page URLs are relative (no
``site_url``), the IRIs are too, resolved against where the file is served.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lexikon.core.escape import turtle_iri, turtle_string
from lexikon.core.model import Glossary
from lexikon.core.plain_once import plain
from lexikon.core.queries import narrower_ids
from lexikon.core.settings import is_absolute, stable_iri
from lexikon.interchange.export_text import UrlOf, summary_text
from lexikon.interchange.json_export import json_text

SKOS = "http://www.w3.org/2004/02/skos/core#"
LEXIKON = "https://lexikon.invalid/ns#"
"""Our own properties, for what SKOS has no place for (``deprecatedLabel``, ``qualifier``)."""
PREFIXES = {
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "lexikon": LEXIKON,
    "skos": SKOS,
}


@dataclass(frozen=True)
class Iri:
    value: str


@dataclass(frozen=True)
class Literal:
    value: str
    lang: str = ""


Term = Iri | Literal


@dataclass(frozen=True)
class RdfNode:
    """A subject with its type and its ``(predicate, objects)`` in a fixed order."""

    iri: str
    type: str
    properties: tuple[tuple[str, tuple[Term, ...]], ...]


def concept_iri(glossary: Glossary, url_of: UrlOf, entry_id: str, scheme_iri: str = "") -> str:
    """An entry's concept: its page in the default language, or, when pages have no
    absolute address, an IRI made from the scheme's (which is then host-free too)."""
    page = url_of(glossary.languages[0], entry_id)
    if is_absolute(page) or not scheme_iri.startswith("urn:"):
        return page
    return stable_iri(scheme_iri, entry_id)


SiteTexts = str | Mapping[str, str]
"""The site's name (or description): per language, or one string for the default language."""


def skos_nodes(glossary: Glossary, url_of: UrlOf, *, scheme_iri: str = "./", title: SiteTexts = "Lexikon",
               description: SiteTexts = "") -> list[RdfNode]:
    """The SKOS graph, once, for both serialisations."""
    iri = {entry_id: concept_iri(glossary, url_of, entry_id, scheme_iri) for entry_id in glossary.entries}
    broader = {e.id: tuple(Iri(iri[b]) for b in e.broader if b in iri and b != e.id)
               for e in glossary.entries.values()}
    narrower = narrower_ids(glossary)
    related = related_both_ways(glossary)
    tops = tuple(Iri(iri[entry_id]) for entry_id in glossary.entries if not broader[entry_id])
    nodes = [RdfNode(scheme_iri, "skos:ConceptScheme", tuple((p, o) for p, o in (
        ("dcterms:title", _per_language(glossary, title)),
        ("dcterms:description", _per_language(glossary, description)),
        ("skos:hasTopConcept", tops),
    ) if o))]
    for entry in glossary.entries.values():
        texts = entry.texts.items()
        properties = [
            ("skos:inScheme", (Iri(scheme_iri),)),
            ("skos:topConceptOf", () if broader[entry.id] else (Iri(scheme_iri),)),
            ("skos:notation", (Literal(entry.id),)),
            ("skos:prefLabel", tuple(Literal(text.title, lang) for lang, text in texts)),
            ("skos:altLabel", tuple(Literal(a, lang) for lang, text in texts
                                    for a in (*text.aliases, *text.abbreviations))),
            ("skos:hiddenLabel", tuple(Literal(f, lang) for lang, text in texts
                                       for f in (*text.forms, *text.deprecated))),
            ("lexikon:deprecatedLabel", tuple(Literal(d, lang) for lang, text in texts
                                              for d in text.deprecated)),
            ("lexikon:qualifier", tuple(Literal(text.qualifier, lang) for lang, text in texts
                                        if text.qualifier)),
            ("skos:definition", tuple(Literal(summary_text(glossary, entry, lang), lang)
                                      for lang, _ in texts)),
            ("skos:example", tuple(Literal(plain(c.text, glossary, lang), lang)
                                   for lang, text in texts for c in text.context)),
            ("skos:broader", broader[entry.id]),
            ("skos:narrower", tuple(Iri(iri[n]) for n in narrower.get(entry.id, ()))),
            ("skos:related", tuple(Iri(iri[r]) for r in related[entry.id])),
            ("foaf:page", tuple(Iri(url_of(lang, entry.id)) for lang in glossary.languages
                                if is_absolute(url_of(lang, entry.id)))),
        ]
        nodes.append(RdfNode(iri[entry.id], "skos:Concept", tuple((p, o) for p, o in properties if o)))
    for tag in glossary.tags.values():
        members = tuple(Iri(iri[e.id]) for e in glossary.entries.values() if tag.id in e.tags)
        labels = tuple(Literal(tag.labels[lang], lang) for lang in glossary.languages
                       if lang in tag.labels)
        properties = [("skos:prefLabel", labels), ("skos:notation", (Literal(tag.id),)),
                      ("skos:member", members)]
        nodes.append(RdfNode(tag_iri(scheme_iri, tag.id), "skos:Collection",
                          tuple((p, o) for p, o in properties if o)))
    return nodes


def _per_language(glossary: Glossary, texts: SiteTexts) -> tuple[Literal, ...]:
    """One literal per configured language that has a text, each tagged with it (SkoHub's
    shapes want a language tag on the scheme's title; the German name is not the Danish one)."""
    by_lang = {glossary.languages[0]: texts} if isinstance(texts, str) else texts
    return tuple(Literal(by_lang[lang], lang) for lang in glossary.languages if by_lang.get(lang))


def related_both_ways(glossary: Glossary) -> dict[str, tuple[str, ...]]:
    """Each entry's related entries, with those that name it: ``skos:related`` is symmetric
    (SKOS S23's reading), so a link the YAML has one way is written both ways."""
    linked: dict[str, list[str]] = {entry_id: [] for entry_id in glossary.entries}
    for entry in glossary.entries.values():
        for other in entry.related:
            if other in linked and other != entry.id:
                linked[entry.id].append(other)
    for entry_id, others in list(linked.items()):
        for other in list(others):
            if entry_id not in linked[other]:
                linked[other].append(entry_id)
    return {entry_id: tuple(dict.fromkeys(others)) for entry_id, others in linked.items()}


def tag_iri(scheme_iri: str, tag_id: str) -> str:
    return f"{scheme_iri.split('#')[0]}#tag-{tag_id}"


def _turtle_term(term: Term) -> str:
    if isinstance(term, Iri):
        return turtle_iri(term.value)
    return turtle_string(term.value) + (f"@{term.lang}" if term.lang else "")


def glossary_turtle(glossary: Glossary, url_of: UrlOf, *, scheme_iri: str = "./",
                    title: SiteTexts = "Lexikon", description: SiteTexts = "") -> str:
    """``glossary.ttl``: the SKOS graph as Turtle, written by hand (no rdflib at build time)."""
    out = [f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in sorted(PREFIXES.items())]
    for node in skos_nodes(glossary, url_of, scheme_iri=scheme_iri, title=title, description=description):
        lines = [f"{turtle_iri(node.iri)} a {node.type}"]
        for predicate, objects in node.properties:
            lines.append(f"    {predicate} " + ", ".join(_turtle_term(o) for o in objects))
        out.append("\n" + " ;\n".join(lines) + " .\n")
    return "".join(out)


def _jsonld_term(term: Term) -> dict[str, str]:
    if isinstance(term, Iri):
        return {"@id": term.value}
    if term.lang:
        return {"@value": term.value, "@language": term.lang}
    return {"@value": term.value}


def glossary_jsonld(glossary: Glossary, url_of: UrlOf, *, scheme_iri: str = "./",
                    title: SiteTexts = "Lexikon", description: SiteTexts = "") -> str:
    """``glossary.jsonld``: the same SKOS graph as JSON-LD 1.1 (context inline)."""
    graph = []
    for node in skos_nodes(glossary, url_of, scheme_iri=scheme_iri, title=title, description=description):
        item: dict[str, object] = {"@id": node.iri, "@type": node.type}
        for predicate, objects in node.properties:
            item[predicate] = [_jsonld_term(o) for o in objects]
        graph.append(item)
    return json_text({"@context": dict(PREFIXES), "@graph": graph})



__all__ = ["Iri", "Literal", "RdfNode", "SiteTexts", "concept_iri", "glossary_jsonld", "glossary_turtle",
           "related_both_ways", "skos_nodes", "tag_iri", "turtle_iri", "turtle_string"]

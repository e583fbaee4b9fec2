"""Reading SKOS (``lexicon import-skos``): a vocabulary in Turtle, RDF/XML, JSON-LD or
N-Triples (:mod:`.skos_source` reads it, safely) into new entries, the shared way
(:mod:`.terms`, :mod:`.term_files`).

- a concept is anything typed ``skos:Concept``, or only placed by ``skos:inScheme``,
  ``skos:topConceptOf`` or ``skos:hasTopConcept``; its id is the last segment of its IRI
  when that is a valid id (``…/terms/vertrag/`` → ``vertrag``), else the slug of its title;
- per language (``de-DE`` counts as ``de``; ``--map en=de`` relabels, see :mod:`.languages`;
  a literal without a language tag is the default language's, with a note): ``prefLabel`` is
  the title (two in one language break SKOS's S14: the first in the file is kept, the others
  become aliases, reported), ``altLabel`` aliases, ``hiddenLabel`` ``forms``: SKOS means it for
  misspellings and variants a search should find but no one should see, which is what
  ``forms`` are (``deprecated`` terms are a terminologist's ruling that SKOS cannot say: our
  export writes them as hidden labels and as ``lexikon:deprecatedLabel``, which makes them
  ``deprecated`` again; ``lexikon:qualifier`` is a homonym's qualifier);
  ``definition`` the summary (a second one is reported and left out), ``example`` the context;
- ``broader`` and ``narrower`` (either direction) make ``broader``; ``related`` (either
  direction: SKOS makes it symmetric) makes ``related``;
- a ``skos:Collection`` is a tag of its members (of theirs too when they are collections),
  named by its label in the default language, matched against ``glossary/_tags.yml`` as TBX
  subject fields are; a literal ``dct:subject`` too; ``skos:inScheme`` is the import itself, not a tag;
- a concept without a definition in a language comes in as a draft (``draft: true``);
- everything else (scope notes, notations, mappings to other vocabularies, IRI subjects) has
  no field in an entry and is reported once per kind, with the line of its first concept.

Every finding names the concept's IRI and the line of its first mention (rdflib keeps no
positions: see :class:`~lexikon.interchange.skos_source.Places`).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS, Namespace

from lexikon.core.escape import markdown_of_plain
from lexikon.core.model import Finding, Severity
from lexikon.core.schema import ID_RULE
from lexikon.core.settings import Settings
from lexikon.interchange.languages import site_language
from lexikon.interchange.skos import LEXIKON
from lexikon.interchange.skos_source import Places, decode, heard, members, parse, rdf_format, rdflib_said
from lexikon.interchange.skos_terms import add_term, drafts, labels_by_language, own_id, plain_statements
from lexikon.interchange.term_files import finish, run_terms
from lexikon.interchange.terms import (
    Concept,
    SourceProblem,
    TermImport,
    clean,
    failed,
    new_block,
    read_source,
)
from lexikon.interchange.words import slugify

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
_NOT_CONCEPTS = (SKOS.Collection, SKOS.OrderedCollection, SKOS.ConceptScheme)
_LEXIKON = Namespace(LEXIKON)
_TEXTS = {SKOS.prefLabel: "title", SKOS.altLabel: "aliases", SKOS.hiddenLabel: "forms",
          SKOS.definition: "summary", SKOS.example: "context", _LEXIKON.deprecatedLabel: "deprecated",
          _LEXIKON.qualifier: "qualifier"}
_READ = {RDF.type, SKOS.broader, SKOS.narrower, SKOS.related, DCTERMS.subject, *_TEXTS}
_QUIET = {SKOS.topConceptOf, SKOS.inScheme}
"""Placing a concept in the scheme: said once for the whole file (``skos:inScheme``)."""


def import_skos(path: Path, settings: Settings, mapping: Mapping[str, str] | None = None) -> TermImport:
    """New entries from a SKOS file; nothing is written (see :func:`~.term_files.write_terms`)."""
    source = str(path)
    with rdflib_said() as said:
        try:
            text = decode(read_source(path))
            graph = parse(text, rdf_format(path.name, text), path.resolve().as_uri())
        except SourceProblem as err:
            return failed(source, err)
        reader = _SkosReader(graph, Places(text), settings, source, mapping or {})
        concepts = reader.read()
    reader.findings += heard(said, reader.places, source)
    return finish(concepts, reader.findings, settings, source)


def run_import_skos(settings: Settings, source: Path, *, mapping: Mapping[str, str] | None = None,
                    dry_run: bool = False, out: IO[str] | None = None) -> int:
    """``lexicon import-skos FILE``: the exit code (1 when anything was refused)."""
    return run_terms(import_skos(source, settings, mapping), settings, dry_run, out or sys.stdout)


def local_name(iri: str) -> str:
    """The last segment of an IRI (``…/terms/vertrag/`` → ``vertrag``, ``…#c12`` → ``c12``),
    less a page's ``.html``: the concept's key, and its entry id when valid."""
    tail = iri.rstrip("/").rsplit("#", 1)[-1] if "#" in iri else iri.rstrip("/")
    name = tail.rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    return name.removesuffix(".html").removesuffix(".htm")


class _SkosReader:
    def __init__(self, graph: Graph, places: Places, settings: Settings, source: str,
                 mapping: Mapping[str, str]) -> None:
        self.graph, self.places, self.settings = graph, places, settings
        self.source, self.mapping = source, mapping
        self.findings: list[Finding] = []
        self.left_out: Counter[str] = Counter()
        self.left_out_at: dict[str, int] = {}
        self.languages_left_out: set[str] = set()
        self.untagged = 0
        self.lines: dict[Any, tuple[int, int]] = {}
        self.keys: dict[Any, str] = {}  # concepts whose last segment another IRI has too (distinct)
        self.tag_labels: dict[str, dict[str, str]] = {}  # a collection's label → all its labels

    def note(self, line: int, message: str, severity: Severity = Severity.NOTE) -> None:
        self.findings.append(Finding(self.source, line, 1, severity, message))

    def count_left_out(self, kind: str, line: int) -> None:
        self.left_out[kind] += 1
        self.left_out_at.setdefault(kind, line)

    def name(self, iri: Any) -> str:
        return self.graph.namespace_manager.normalizeUri(iri) if isinstance(iri, URIRef) else str(iri)

    def read(self) -> list[Concept]:
        """Every concept, in the order the file mentions them; the findings in ``self.findings``."""
        graph = self.graph
        found = {*graph.subjects(RDF.type, SKOS.Concept), *graph.subjects(SKOS.inScheme, None),
                 *graph.subjects(SKOS.topConceptOf, None), *graph.objects(None, SKOS.hasTopConcept)}
        found -= {s for kind in _NOT_CONCEPTS for s in graph.subjects(RDF.type, kind)}
        found = {node for node in found if isinstance(node, URIRef | BNode)}
        for node in found:
            offset = self.places.of_iri(str(node), local_name(str(node))) if isinstance(node, URIRef) else -1
            place = offset if offset >= 0 else len(self.places.text)
            self.lines[node] = (place, self.places.line(max(offset, 0)))
        ordered = sorted(found, key=lambda node: (self.lines[node][0], str(node)))
        self.distinct(ordered)
        tags = self.collection_tags(found)
        concepts = [self.concept(node, tags.get(node, [])) for node in ordered]
        self.report_file(concepts)
        self.findings.sort(key=lambda f: f.line)
        return concepts

    def distinct(self, ordered: list[Any]) -> None:
        """A key per IRI: in SKOS the IRI is the concept, so ``…/finanzen/bank`` and
        ``…/moebel/bank`` are two, never merged as a termbase's repeated id is. Their keys take
        the segment before (``finanzen-bank``), else the whole IRI (no id: the title's slug,
        told apart as homonyms are); a note says so."""
        by_key: dict[str, list[Any]] = {}
        for node in ordered:
            by_key.setdefault(self.key(node), []).append(node)
        for key, nodes in by_key.items():
            if len(nodes) < 2 or not key:
                continue
            longer = {node: slugify(str(node).rstrip("/").rsplit("/", 2)[-2]) + f"-{key}" for node in nodes}
            unique = len(set(longer.values())) == len(nodes) and all(map(ID_RULE.match, longer.values()))
            for node in nodes:
                self.keys[node] = longer[node] if unique else str(node)
                self.note(self.lines[node][1], f"concept <{node}>: {len(nodes)} concepts have the key "
                          f"'{key}' (the end of their IRIs): two IRIs are two concepts; this one's "
                          f"key is '{self.keys[node]}'")

    def report_file(self, concepts: list[Concept]) -> None:
        if not concepts:
            self.note(1, "no skos:Concept in the file: nothing to import", Severity.WARNING)
        schemes = set(self.graph.objects(None, SKOS.inScheme))
        if schemes:
            self.note(1, f"skos:inScheme ({', '.join(sorted(self.name(s) for s in schemes))}): the "
                      "scheme is this import, not a tag: left out")
        for imported in sorted(set(self.graph.objects(None, OWL.imports)), key=str):
            self.note(self.line_of(imported), f"owl:imports <{imported}>: not followed (an import reads this "
                      "file only): import that vocabulary on its own if its concepts belong here")
        if self.untagged:
            self.note(1, f"{self.untagged} text(s) without a language tag read as "
                      f"'{self.settings.default_language}' (the default language)")
        for kind, count in sorted(self.left_out.items(), key=lambda item: self.left_out_at[item[0]]):
            self.note(self.left_out_at[kind], f"left out {count} × {kind}: an entry has no field for it")

    def line_of(self, node: Any) -> int:
        """The line where a node that is no concept (a collection, an imported IRI) is
        described, else first named; 1 when the text does not name it."""
        offset = self.places.of_iri(str(node), local_name(str(node))) if isinstance(node, URIRef) else -1
        return self.places.line(max(offset, 0))

    def collection_tags(self, concepts: set[Any]) -> dict[Any, list[tuple[str, int]]]:
        """Each concept's tags from the collections it is a member of, with their lines."""
        tags: dict[Any, list[tuple[str, int]]] = {}
        for collection in sorted({*self.graph.subjects(RDF.type, SKOS.Collection),
                                  *self.graph.subjects(RDF.type, SKOS.OrderedCollection)}, key=str):
            label = self.label(collection)
            self.tag_labels[label] = labels_by_language(self.graph, collection, self.language)
            for member in members(self.graph, collection):
                if member in concepts:
                    tags.setdefault(member, []).append((label, self.lines[member][1]))
            if (collection, SKOS.memberList, None) in self.graph:
                self.count_left_out("skos:memberList (an ordered list)", self.line_of(collection))
        return tags

    def label(self, node: Any) -> str:
        """A collection's or subject's name: its label in the default language, else any."""
        labels = [o for o in self.graph.objects(node, SKOS.prefLabel) if isinstance(o, Literal)]
        default = self.settings.default_language
        for literal in sorted(labels, key=lambda o: (self.language(o) != default, str(o))):
            return clean(str(literal))
        notation = self.graph.value(node, SKOS.notation)
        return str(notation) if notation is not None else local_name(str(node))

    def key(self, node: Any) -> str:
        """A concept's key (:func:`local_name`), by which the others name it too. A UUID says
        nothing (our export's IRIs for a site without an address): the notation, when it is an
        id, else the IRI itself, which is none (the title's slug is taken)."""
        if not isinstance(node, URIRef):
            return ""
        if node in self.keys:
            return self.keys[node]
        name = local_name(str(node))
        if not _UUID.match(name):
            return name
        notation = str(self.graph.value(node, SKOS.notation) or "")
        return notation if ID_RULE.match(notation) else str(node)

    def language(self, literal: Literal) -> str | None:
        tag = literal.language or ""
        if not tag:
            return self.settings.default_language
        return site_language(tag, self.settings.codes, self.mapping)

    def concept(self, node: Any, tags: list[tuple[str, int]]) -> Concept:
        offset, line = self.lines[node]
        iri = str(node) if isinstance(node, URIRef) else f"_:{node}"
        concept = Concept(self.key(node), line, tags=tags,
                          tags_lang=self.settings.default_language)
        concept.own_id = own_id(self.graph, node, local_name(iri))  # ours: its id
        concept.tag_labels = self.tag_labels
        texts: list[tuple[int, str, str, str]] = []
        for predicate, obj in plain_statements(self.graph, node):  # SKOS-XL, structured notes
            if predicate in _TEXTS and isinstance(obj, Literal):
                lang = self.text_language(obj, iri, line)
                if lang is None and obj.language and obj.language not in concept.languages_left_out:
                    concept.languages_left_out.append(obj.language)
                elif lang is not None:
                    place = self.places.after(str(obj), offset)
                    texts.append((place, lang, _TEXTS[predicate], clean(str(obj))))
            elif predicate in (SKOS.broader, SKOS.related):
                getattr(concept, "broader" if predicate == SKOS.broader else "related").append(
                    (self.key(obj), line))
            elif predicate == DCTERMS.subject:
                self.subject(concept, obj, line)
            elif predicate not in _READ and predicate not in _QUIET:
                self.count_left_out(self.name(predicate), line)
        concept.broader += [(self.key(s), line) for s in self.graph.subjects(SKOS.narrower, node)]
        concept.related += [(self.key(s), line) for s in self.graph.subjects(SKOS.related, node)]
        for _, lang, key, value in sorted(texts):
            self.put(concept, lang, key, value, iri)
        if not concept.texts:
            self.note(line, f"concept <{iri}>: no label in the site's languages "
                      f"({', '.join(self.settings.codes)}): --map takes another language in",
                      Severity.WARNING)
        drafts(concept)
        return concept

    def text_language(self, literal: Literal, iri: str, line: int) -> str | None:
        lang = self.language(literal)
        if not literal.language:
            self.untagged += 1
        elif lang is None and literal.language not in self.languages_left_out:
            self.languages_left_out.add(literal.language)
            self.note(line, f"concept <{iri}>: language '{literal.language}' is not configured (the site has "
                      f"{', '.join(self.settings.codes)}): its texts are left out (--map "
                      f"{literal.language}={self.settings.default_language} takes them in)", Severity.WARNING)
        return lang

    def subject(self, concept: Concept, obj: Any, line: int) -> None:
        if isinstance(obj, Literal):
            concept.tags.append((clean(str(obj)), line))
        elif (obj, SKOS.prefLabel, None) in self.graph:
            concept.tags.append((self.label(obj), line))
        else:
            self.count_left_out("dct:subject (an IRI without a label in the file)", line)

    def put(self, concept: Concept, lang: str, key: str, value: str, iri: str) -> None:
        """One text into its language's block, in file order (the first title and definition win)."""
        if not value:
            return
        block = concept.texts.setdefault(lang, new_block(concept.line))
        value = markdown_of_plain(value) if key in ("summary", "context") else value  # plain text
        if key == "title" and block["title"]:
            self.note(concept.line, f"concept <{iri}>: two prefLabels in '{lang}' ('{block['title']}', "
                      f"'{value}'), which SKOS forbids: kept the first, '{value}' becomes an alias",
                      Severity.WARNING)
            block["aliases"].append(value)
        elif key == "summary" and block["summary"]:
            self.note(concept.line, f"concept <{iri}>: a second definition in '{lang}': left out")
        elif key == "context":
            block["context"].append({"text": value})
        elif key in ("title", "summary"):
            block[key] = value
        else:
            add_term(block, key, value)

"""Exports of the checked glossary for other tools: JSON, CSV, TBX and SKOS.

Pure functions from a checked :class:`~lexikon.model.Glossary` to file contents; only
:func:`write_exports` touches the disk. Nothing here imports MkDocs: the build hook and
``lexicon export`` call the same functions. Every output is reproducible: no timestamps,
keys sorted, entries in id order, languages in the configured order (the default first).

The files (all UTF-8):

``glossary.json`` and ``glossary.schema.json``
    Every entry with every language (title, aliases, summary as Markdown and as plain
    text, body after duplicate removal, highlights, sources, forms), its tags with their
    labels, ``related``, outgoing cross-links, backlinks and its page URL per language;
    the JSON Schema (draft 2020-12) describes it. Texts keep Lexikon's cross-links
    (``[[id]]``, ``[[id|label]]``), resolved by ``links``.
``glossary.<lang>.csv``
    One per language: ``id, title, aliases, summary, url``; aliases joined with ``"; "``,
    the summary as plain text. Written for spreadsheets: UTF-8 with a byte order mark
    (Excel reads UTF-8 only then), CRLF line ends and minimal quoting (RFC 4180). A cell
    that a spreadsheet would run as a formula (``= + - @``, tab, CR first) gets a leading
    ``'`` (the usual defence against CSV injection); ``lexicon import-csv`` removes it again.
    Entries without the language have no row.
``glossary.tbx``
    TBX-Basic in the form of ISO 30042:2019 (DCA style): one ``conceptEntry`` per entry
    with its tags as ``subjectField`` (labels in the default language), ``related`` as
    ``crossReference``, one ``langSec`` per language with the summary as ``definition``,
    the title as preferred term, each alias as admitted term and the page as
    ``externalCrossReference``. Bodies, highlights, sources and forms are not in TBX: it
    describes terms, not articles. An id that starts with a digit is not an XML ID, so it
    stands as ``_<id>`` (``_3d-druck``); the import removes the underscore.
``glossary.martif.tbx``
    The same data as TBX-Basic of ISO 30042:2008 (``<martif type="TBX-Basic">``,
    ``termEntry``/``langSet``/``tig``), which older tools and translate-toolkit read.
``glossary.ttl`` and ``glossary.jsonld``
    The same SKOS graph as Turtle and JSON-LD: a ``skos:ConceptScheme`` (at ``./``, the
    folder of the file, unless ``scheme_iri`` says otherwise), each entry a
    ``skos:Concept`` named by its page URL in the default language, with prefLabel,
    altLabel (aliases), hiddenLabel (forms), definition (the plain summary), notation
    (the id), related, inScheme, topConceptOf and a ``foaf:page`` per language; each tag
    a ``skos:Collection`` of its concepts. When the page URLs are relative (no
    ``site_url``), the IRIs are too, resolved against where the file is served.
"""

from __future__ import annotations

import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from lexikon.core.escape import (
    CSV_SEPARATORS,
    csv_cell,
    formula_guarded,
    turtle_iri,
    turtle_string,
    xml_chars,
)
from lexikon.core.layout import SiteLayout
from lexikon.core.model import Entry, Glossary
from lexikon.core.queries import backlinks, linked_ids, plain_text, title_of
from lexikon.core.safe_write import WriteRefused, checked, make_folder, shown, write_bytes
from lexikon.core.schema import ID_PATTERN
from lexikon.core.settings import Settings, is_absolute, stable_iri

UrlOf = Callable[[str, str], str]
"""``(lang, entry_id) -> url``: the address of an entry's page in one language."""

FORMAT_VERSION = 1
"""Of ``glossary.json``; raised when a field changes meaning or goes away."""

JSON_FILE = "glossary.json"
SCHEMA_FILE = "glossary.schema.json"
TBX_FILE = "glossary.tbx"
MARTIF_FILE = "glossary.martif.tbx"
TURTLE_FILE = "glossary.ttl"
JSONLD_FILE = "glossary.jsonld"


def csv_file(lang: str) -> str:
    return f"glossary.{lang}.csv"


# --- shared -----------------------------------------------------------------------------------
def outgoing_links(glossary: Glossary, entry: Entry) -> tuple[str, ...]:
    """The entries ``entry`` links to with ``[[id]]`` in any language, sorted, without itself."""
    return tuple(sorted(t for t in linked_ids(entry) if t != entry.id and t in glossary.entries))


def page_url_of(settings: Settings, base_url: str = "", use_directory_urls: bool = True) -> UrlOf:
    """Page URLs without MkDocs (for ``lexicon export``), laid out as the site lays them out.

    ``base_url`` is the site's address (``SITE_URL``); without it the URLs are relative to
    the site's root, where the exports are written.
    """
    layout = SiteLayout(settings, use_directory_urls, base_url or None)

    def url_of(lang: str, entry_id: str) -> str:
        return layout.absolute_url(lang, layout.term(entry_id))

    return url_of


def summary_text(glossary: Glossary, entry: Entry, lang: str) -> str:
    """The summary in ``lang`` as one line of plain text (cross-links as titles)."""
    return plain_text(entry.texts[lang].summary, glossary, lang)


# --- JSON -------------------------------------------------------------------------------------
def glossary_document(glossary: Glossary, settings: Settings, url_of: UrlOf) -> dict:
    """The content of ``glossary.json`` as plain data."""
    inbound = backlinks(glossary)
    tags = {tag.id: {"labels": dict(tag.labels)} for tag in glossary.tags.values()}
    entries = {}
    for entry in glossary.entries.values():
        texts = {}
        for lang, text in entry.texts.items():
            texts[lang] = {
                "title": text.title,
                "aliases": list(text.aliases),
                "summary": text.summary,
                "summary_text": summary_text(glossary, entry, lang),
                "body": text.body,
                "highlights": list(text.highlights),
                "sources": [{"title": s.title, "url": s.url} for s in text.sources],
                "forms": list(text.forms),
            }
        entries[entry.id] = {
            "id": entry.id,
            "tags": [{"id": t, "labels": dict(glossary.tags[t].labels)}
                     for t in entry.tags if t in glossary.tags],
            "related": [r for r in entry.related if r in glossary.entries],
            "links": list(outgoing_links(glossary, entry)),
            "backlinks": list(inbound.get(entry.id, ())),
            "urls": {lang: url_of(lang, entry.id) for lang in glossary.languages},
            "texts": texts,
        }
    return {
        "format_version": FORMAT_VERSION,
        "languages": list(glossary.languages),
        "default_language": settings.default_language,
        "tags": tags,
        "entries": entries,
    }


def _json_text(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def glossary_json(glossary: Glossary, settings: Settings, url_of: UrlOf) -> str:
    """``glossary.json``: keys sorted, two-space indent, a final newline."""
    return _json_text(glossary_document(glossary, settings, url_of))


def glossary_schema(languages: Iterable[str]) -> dict:
    """The JSON Schema (draft 2020-12) of ``glossary.json`` for these languages."""
    codes = list(languages)
    lang = {"enum": codes}
    entry_id = {"type": "string", "pattern": ID_PATTERN}
    ids = {"type": "array", "items": entry_id, "uniqueItems": True}
    lines = {"type": "array", "items": {"type": "string", "minLength": 1}}
    labels = {
        "type": "object", "propertyNames": lang,
        "additionalProperties": {"type": "string", "minLength": 1},
        "description": "A label per language (a language may be missing).",
    }
    text = {
        "type": "object",
        "additionalProperties": False,
        "required": ["title", "aliases", "summary", "summary_text", "body", "highlights",
                     "sources", "forms"],
        "properties": {
            "title": {"type": "string", "minLength": 1, "description": "The term."},
            "aliases": {**lines, "description": "Synonyms, as shown on the page."},
            "summary": {"type": "string", "minLength": 1,
                        "description": "One or two sentences of inline Markdown with "
                                       "Lexikon cross-links ([[id]], [[id|label]])."},
            "summary_text": {"type": "string", "minLength": 1,
                             "description": "The summary as plain text (cross-links as titles)."},
            "body": {"type": "string", "description": "Markdown with cross-links, duplicate "
                     "paragraphs removed; empty when the entry has none."},
            "highlights": {**lines, "description": "Key points, inline Markdown."},
            "sources": {"type": "array", "items": {
                "type": "object", "additionalProperties": False, "required": ["title", "url"],
                "properties": {"title": {"type": "string", "minLength": 1},
                               "url": {"type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"}},
            }},
            "forms": {**lines, "description": "Other word forms readers may search for."},
        },
    }
    entry = {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "tags", "related", "links", "backlinks", "urls", "texts"],
        "properties": {
            "id": entry_id,
            "tags": {"type": "array", "items": {
                "type": "object", "additionalProperties": False, "required": ["id", "labels"],
                "properties": {"id": entry_id, "labels": labels},
            }},
            "related": {**ids, "description": '"See also": ids of other entries, as written.'},
            "links": {**ids, "description": "Entries this one links to with [[id]], sorted."},
            "backlinks": {**ids, "description": "Entries that link here (cross-link or related), sorted."},
            "urls": {"type": "object", "propertyNames": lang, "required": codes,
                     "additionalProperties": {"type": "string", "minLength": 1},
                     "description": "The entry's page per language (a page exists in every "
                                    "language, saying so where the translation is missing)."},
            "texts": {"type": "object", "propertyNames": lang, "minProperties": 1,
                      "additionalProperties": {"$ref": "#/$defs/text"}},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://lexikon.invalid/glossary.schema.json",
        "title": "Lexikon glossary export",
        "description": "Every entry of the glossary in every language (glossary.json), "
                       "written by the build and by `lexicon export`.",
        "type": "object",
        "additionalProperties": False,
        "required": ["format_version", "languages", "default_language", "tags", "entries"],
        "properties": {
            "format_version": {"const": FORMAT_VERSION},
            "languages": {"type": "array", "items": lang, "minItems": 1, "uniqueItems": True,
                          "description": "Configured languages, the default first."},
            "default_language": lang,
            "tags": {"type": "object", "propertyNames": {"pattern": ID_PATTERN},
                     "additionalProperties": {
                         "type": "object", "additionalProperties": False, "required": ["labels"],
                         "properties": {"labels": labels}}},
            "entries": {"type": "object", "propertyNames": {"pattern": ID_PATTERN},
                        "additionalProperties": {"$ref": "#/$defs/entry"}},
        },
        "$defs": {"entry": entry, "text": text},
    }


def glossary_schema_json(glossary: Glossary) -> str:
    return _json_text(glossary_schema(glossary.languages))


# --- CSV --------------------------------------------------------------------------------------
CSV_COLUMNS = ("id", "title", "aliases", "summary", "url")
ALIAS_SEPARATOR = "; "
def glossary_csv(glossary: Glossary, lang: str, url_of: UrlOf) -> str:
    """``glossary.<lang>.csv`` as text, starting with the byte order mark, CRLF line ends."""
    rows = [csv_row(CSV_COLUMNS)]
    for entry in glossary.entries.values():
        text = entry.texts.get(lang)
        if text is None:
            continue
        rows.append(csv_row([csv_cell(value) for value in (
            entry.id, text.title, ALIAS_SEPARATOR.join(text.aliases),
            summary_text(glossary, entry, lang), url_of(lang, entry.id))]))
    return "\ufeff" + "".join(rows)


def csv_row(cells: Iterable[str]) -> str:
    """One RFC 4180 line (comma, CRLF), every cell that holds a separator any spreadsheet
    may split on (:data:`escape.CSV_SEPARATORS`) or a quote in quotes: the csv module quotes
    only for its own delimiter, and German and Danish Excel split on ``;``."""
    return ",".join(f'"{cell.replace(chr(34), chr(34) * 2)}"' if _NEEDS_QUOTES.search(cell) else cell
                    for cell in cells) + "\r\n"


_NEEDS_QUOTES = re.compile(f'[{re.escape(CSV_SEPARATORS)}"]')


# --- TBX --------------------------------------------------------------------------------------
TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
_TBX_MODELS = (
    ("https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/"
     "TBXcoreStructV03_TBX-Basic_integrated.rng", "http://relaxng.org/ns/structure/1.0"),
    ("https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch",
     "http://purl.oclc.org/dsdl/schematron"),
)


@dataclass(frozen=True)
class _TbxForm:
    """The element names of one TBX edition."""

    root: str
    header: str
    entry: str
    language: str
    term: str


TBX_2019 = _TbxForm("tbx", "tbxHeader", "conceptEntry", "langSec", "termSec")
TBX_2008 = _TbxForm("martif", "martifHeader", "termEntry", "langSet", "tig")


def tbx_id(entry_id: str) -> str:
    """The entry's id as an XML ID (which cannot start with a digit)."""
    return entry_id if entry_id[:1].isalpha() else f"_{entry_id}"


def _xml(text: str) -> str:
    return xml_chars(text)


def _element(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    child = ET.SubElement(parent, tag, {key: _xml(value) for key, value in attributes.items()})
    if text is not None:
        child.text = _xml(text)
    return child


def _tbx_tree(glossary: Glossary, settings: Settings, url_of: UrlOf, form: _TbxForm,
              description: str) -> ET.Element:
    default = settings.default_language
    attributes = {"type": "TBX-Basic"}
    if form is TBX_2019:
        attributes["style"] = "dca"
    attributes[XML_LANG] = default
    if form is TBX_2019:
        attributes["xmlns"] = TBX_NAMESPACE
    root = ET.Element(form.root, attributes)
    header = _element(root, form.header)
    file_desc = _element(header, "fileDesc")
    _element(_element(file_desc, "sourceDesc"), "p", description)
    if form is TBX_2008:
        _element(_element(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    body = _element(_element(root, "text"), "body")
    for entry in glossary.entries.values():
        concept = _element(body, form.entry, id=tbx_id(entry.id))
        for tag_id in entry.tags:
            tag = glossary.tags.get(tag_id)
            if tag is not None:
                _element(concept, "descrip", tag.labels.get(default, tag_id), type="subjectField")
        for target in entry.related:
            if target in glossary.entries:
                _element(concept, "ref", title_of(glossary.entries[target], default),
                         type="crossReference", target=tbx_id(target))
        for lang, text in entry.texts.items():
            section = _element(concept, form.language, **{XML_LANG: lang})
            _element(section, "descrip", summary_text(glossary, entry, lang), type="definition")
            for index, name in enumerate((text.title, *text.aliases)):
                term = _element(section, form.term)
                _element(term, "term", name)
                _element(term, "termNote", ADMITTED if index else PREFERRED, type="administrativeStatus")
                if index == 0:
                    _element(term, "xref", text.title, type="externalCrossReference",
                             target=url_of(lang, entry.id))
    ET.indent(root, space="  ")
    return root


def _description(glossary: Glossary, title: str) -> str:
    return (f"{title}: {len(glossary.entries)} entries in {', '.join(glossary.languages)}, "
            "exported by Lexikon (lexicon export)")


def glossary_tbx(glossary: Glossary, settings: Settings, url_of: UrlOf, *, title: str = "Lexikon") -> str:
    """``glossary.tbx``: TBX-Basic, ISO 30042:2019, DCA style."""
    root = _tbx_tree(glossary, settings, url_of, TBX_2019, _description(glossary, title))
    models = "".join(f'<?xml-model href="{href}" type="application/xml" schematypens="{ns}"?>\n'
                     for href, ns in _TBX_MODELS)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + models
            + ET.tostring(root, encoding="unicode") + "\n")


def glossary_martif(glossary: Glossary, settings: Settings, url_of: UrlOf, *,
                    title: str = "Lexikon") -> str:
    """``glossary.martif.tbx``: TBX-Basic of ISO 30042:2008, for tools that read only that."""
    root = _tbx_tree(glossary, settings, url_of, TBX_2008, _description(glossary, title))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n'
            + ET.tostring(root, encoding="unicode") + "\n")


# --- SKOS -------------------------------------------------------------------------------------
SKOS = "http://www.w3.org/2004/02/skos/core#"
PREFIXES = {
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
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
class Node:
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


def skos_nodes(glossary: Glossary, url_of: UrlOf, *, scheme_iri: str = "./",
               title: str = "Lexikon") -> list[Node]:
    """The SKOS graph, once, for both serialisations."""
    iri = {entry_id: concept_iri(glossary, url_of, entry_id, scheme_iri) for entry_id in glossary.entries}
    concepts = tuple(Iri(iri[entry_id]) for entry_id in glossary.entries)
    nodes = [Node(scheme_iri, "skos:ConceptScheme", (
        ("dcterms:title", (Literal(title),)),
        ("skos:hasTopConcept", concepts),
    ))]
    for entry in glossary.entries.values():
        texts = entry.texts.items()
        properties = [
            ("skos:inScheme", (Iri(scheme_iri),)),
            ("skos:topConceptOf", (Iri(scheme_iri),)),
            ("skos:notation", (Literal(entry.id),)),
            ("skos:prefLabel", tuple(Literal(text.title, lang) for lang, text in texts)),
            ("skos:altLabel", tuple(Literal(a, lang) for lang, text in texts for a in text.aliases)),
            ("skos:hiddenLabel", tuple(Literal(f, lang) for lang, text in texts for f in text.forms)),
            ("skos:definition", tuple(Literal(summary_text(glossary, entry, lang), lang)
                                      for lang, _ in texts)),
            ("skos:related", tuple(Iri(iri[r]) for r in entry.related if r in iri)),
            ("foaf:page", tuple(Iri(url_of(lang, entry.id)) for lang in glossary.languages
                                if is_absolute(url_of(lang, entry.id)))),
        ]
        nodes.append(Node(iri[entry.id], "skos:Concept", tuple((p, o) for p, o in properties if o)))
    for tag in glossary.tags.values():
        members = tuple(Iri(iri[e.id]) for e in glossary.entries.values() if tag.id in e.tags)
        labels = tuple(Literal(tag.labels[lang], lang) for lang in glossary.languages
                       if lang in tag.labels)
        properties = [("skos:prefLabel", labels), ("skos:notation", (Literal(tag.id),)),
                      ("skos:member", members)]
        nodes.append(Node(tag_iri(scheme_iri, tag.id), "skos:Collection",
                          tuple((p, o) for p, o in properties if o)))
    return nodes


def tag_iri(scheme_iri: str, tag_id: str) -> str:
    return f"{scheme_iri.split('#')[0]}#tag-{tag_id}"


def _turtle_term(term: Term) -> str:
    if isinstance(term, Iri):
        return turtle_iri(term.value)
    return turtle_string(term.value) + (f"@{term.lang}" if term.lang else "")


def glossary_turtle(glossary: Glossary, url_of: UrlOf, *, scheme_iri: str = "./",
                    title: str = "Lexikon") -> str:
    """``glossary.ttl``: the SKOS graph as Turtle, written by hand (no rdflib at build time)."""
    out = [f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in sorted(PREFIXES.items())]
    for node in skos_nodes(glossary, url_of, scheme_iri=scheme_iri, title=title):
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
                    title: str = "Lexikon") -> str:
    """``glossary.jsonld``: the same SKOS graph as JSON-LD 1.1 (context inline)."""
    graph = []
    for node in skos_nodes(glossary, url_of, scheme_iri=scheme_iri, title=title):
        item: dict[str, object] = {"@id": node.iri, "@type": node.type}
        for predicate, objects in node.properties:
            item[predicate] = [_jsonld_term(o) for o in objects]
        graph.append(item)
    return _json_text({"@context": dict(PREFIXES), "@graph": graph})


# --- all of them --------------------------------------------------------------------------------
def export_files(glossary: Glossary, settings: Settings, url_of: UrlOf, *, scheme_iri: str = "./",
                 title: str = "Lexikon") -> dict[str, str]:
    """Every export file's name and text."""
    files = {
        JSON_FILE: glossary_json(glossary, settings, url_of),
        SCHEMA_FILE: glossary_schema_json(glossary),
        TBX_FILE: glossary_tbx(glossary, settings, url_of, title=title),
        MARTIF_FILE: glossary_martif(glossary, settings, url_of, title=title),
        TURTLE_FILE: glossary_turtle(glossary, url_of, scheme_iri=scheme_iri, title=title),
        JSONLD_FILE: glossary_jsonld(glossary, url_of, scheme_iri=scheme_iri, title=title),
    }
    for lang in glossary.languages:
        files[csv_file(lang)] = glossary_csv(glossary, lang, url_of)
    return dict(sorted(files.items()))


def write_exports(glossary: Glossary, settings: Settings, url_of: UrlOf, target_dir: Path, *,
                  scheme_iri: str = "./", title: str = "Lexikon", root: Path | None = None) -> list[Path]:
    """Write every export into ``target_dir`` (made if missing); the paths written, sorted.

    Nothing is written outside ``root`` (default: ``target_dir`` itself) or through a link.
    """
    root = root or target_dir
    make_folder(target_dir, root)
    written = []
    for name, text in export_files(glossary, settings, url_of, scheme_iri=scheme_iri,
                                   title=title).items():
        written.append(write_bytes(target_dir / name, text.encode("utf-8"), root))
    return written


def run_export(settings: Settings, target_dir: Path, *, out: IO[str] | None = None,
               base_url: str | None = None) -> int:
    """``lexicon export DIR``: check the glossary, then write the exports; the exit code.

    Page URLs are absolute when ``base_url`` (default: the ``SITE_URL`` environment
    variable, as for the site) is set, else relative to ``DIR``.
    """
    from lexikon.check.pipeline import run  # the stages; imported here so that the hook's import stays light

    out = out or sys.stdout
    target = checked(target_dir, settings.project_dir)  # refused before the glossary is read
    if target.exists() and not target.is_dir():
        raise WriteRefused(shown(target, settings.project_dir), "exists and is not a folder: name a "
                           "folder to export into (it is made if missing)")
    result = run(settings)
    if result.errors:
        for finding in result.errors:
            out.write(f"{finding}\n")
        out.write(f"lexicon export: {len(result.errors)} error(s) in the glossary: nothing written\n")
        return 1
    base = os.environ.get("SITE_URL", "") if base_url is None else base_url
    url_of = page_url_of(settings, base)
    paths = write_exports(result.glossary, settings, url_of, target_dir,
                          scheme_iri=base.rstrip("/") + "/" if base else "./", root=settings.project_dir)
    for path in paths:
        out.write(f"wrote {shown(path, settings.project_dir)}\n")
    return 0


__all__ = [
    "FORMAT_VERSION", "Iri", "Literal", "Node", "UrlOf", "concept_iri", "csv_cell", "csv_file",
    "export_files", "formula_guarded", "glossary_csv", "glossary_document", "glossary_json",
    "glossary_jsonld", "glossary_martif", "glossary_schema", "glossary_schema_json", "glossary_tbx",
    "glossary_turtle", "outgoing_links", "page_url_of", "run_export", "skos_nodes", "tbx_id",
    "turtle_iri", "turtle_string", "write_exports",
]

"""``glossary.json`` and its JSON Schema (``glossary.schema.json``).

Every entry with every language (title, aliases, summary as Markdown and as plain text,
body after duplicate removal, highlights, sources, forms), its tags with their labels,
``related``, outgoing cross-links, backlinks and its page URL per language; the JSON
Schema (draft 2020-12) describes it. Texts keep Lexikon's cross-links (``[[id]]``,
``[[id|label]]``), resolved by ``links``. Keys sorted, two-space indent, a final newline.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from lexikon.core.model import Glossary
from lexikon.core.schema import ID_PATTERN
from lexikon.core.settings import Settings
from lexikon.interchange.export_text import UrlOf, backlinks, outgoing_links, summary_text

FORMAT_VERSION = 1
"""Of ``glossary.json``; raised when a field changes meaning or goes away."""


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



def json_text(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def glossary_json(glossary: Glossary, settings: Settings, url_of: UrlOf) -> str:
    """``glossary.json``: keys sorted, two-space indent, a final newline."""
    return json_text(glossary_document(glossary, settings, url_of))


def _text_schema() -> dict:
    """One language of an entry."""
    lines = {"type": "array", "items": {"type": "string", "minLength": 1}}
    return {
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


def _entry_schema(codes: list[str], labels: dict) -> dict:
    """One entry, its texts by reference."""
    lang = {"enum": codes}
    entry_id = {"type": "string", "pattern": ID_PATTERN}
    ids = {"type": "array", "items": entry_id, "uniqueItems": True}
    return {
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


def glossary_schema(languages: Iterable[str]) -> dict:
    """The JSON Schema (draft 2020-12) of ``glossary.json`` for these languages."""
    codes = list(languages)
    lang = {"enum": codes}
    labels = {
        "type": "object", "propertyNames": lang,
        "additionalProperties": {"type": "string", "minLength": 1},
        "description": "A label per language (a language may be missing).",
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
        "$defs": {"entry": _entry_schema(codes, labels), "text": _text_schema()},
    }


def glossary_schema_json(glossary: Glossary) -> str:
    return json_text(glossary_schema(glossary.languages))


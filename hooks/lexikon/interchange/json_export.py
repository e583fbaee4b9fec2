"""``glossary.json`` and its JSON Schema (``glossary.schema.json``).

Every entry with every language (title, aliases, summary as Markdown and as plain text,
body after duplicate removal, highlights, sources, forms, and the terminology fields:
gender, part of speech, abbreviations, deprecated terms, context sentences with their
source, qualifier, review date), its tags with their labels, ``related``, ``broader`` and
the ``narrower`` entries derived from it, outgoing cross-links, backlinks and its page URL
per language; the JSON
Schema (draft 2020-12) describes it. Texts keep Lexikon's cross-links (``[[id]]``,
``[[id|label]]``), resolved by ``links``. Keys sorted, two-space indent, a final newline.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from lexikon.core.articles import Article
from lexikon.core.model import Glossary, Text
from lexikon.core.plain_once import plain
from lexikon.core.queries import narrower_ids
from lexikon.core.schema import ID_PATTERN, PARTS_OF_SPEECH, genders_of
from lexikon.core.settings import Settings
from lexikon.interchange.export_text import UrlOf, backlinks, outgoing_links, summary_text
from lexikon.interchange.json_articles import (
    ENTRY_ARTICLES,
    ArticleUrl,
    articles_document,
    articles_schema,
    explained_by,
)
from lexikon.interchange.json_text import indented

FORMAT_VERSION = 1
"""Of ``glossary.json``; raised when a field changes meaning or goes away."""


def glossary_document(glossary: Glossary, settings: Settings, url_of: UrlOf,
                      articles: Sequence[Article] = (), article_url: ArticleUrl | None = None) -> dict:
    """The content of ``glossary.json`` as plain data (with the knowledge base's ``articles``)."""
    inbound = backlinks(glossary)
    explained = explained_by(articles)
    narrower = narrower_ids(glossary)
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
                **_terminology(glossary, text),
            }
        entries[entry.id] = {
            "id": entry.id,
            "tags": [{"id": t, "labels": dict(glossary.tags[t].labels)}
                     for t in entry.tags if t in glossary.tags],
            "related": [r for r in entry.related if r in glossary.entries],
            "broader": [b for b in entry.broader if b in glossary.entries and b != entry.id],
            "narrower": list(narrower.get(entry.id, ())),
            "links": list(outgoing_links(glossary, entry)),
            "backlinks": list(inbound.get(entry.id, ())),
            "articles": explained.get(entry.id, []),
            "urls": {lang: url_of(lang, entry.id) for lang in glossary.languages},
            "texts": texts,
        }
    return {
        "format_version": FORMAT_VERSION,
        "languages": list(glossary.languages),
        "default_language": settings.default_language,
        "tags": tags,
        "entries": entries,
        "articles": articles_document(articles, list(glossary.entries), article_url),
    }


def _terminology(glossary: Glossary, text: Text) -> dict:
    """The terminology fields of one language (issue 15); absent single values are null."""
    return {
        "gender": text.gender,
        "pos": text.pos,
        "abbreviations": list(text.abbreviations),
        "deprecated": list(text.deprecated),
        "context": [{"text": c.text, "text_plain": plain(c.text, glossary, text.lang),
                     "source": c.source} for c in text.context],
        "qualifier": text.qualifier,
        "reviewed": text.reviewed,
    }


def json_text(document: object) -> str:
    """``json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)`` and a newline
    (the same text, made faster: :mod:`.json_text`)."""
    return indented(document) + "\n"


def glossary_json(glossary: Glossary, settings: Settings, url_of: UrlOf,
                  articles: Sequence[Article] = (), article_url: ArticleUrl | None = None) -> str:
    """``glossary.json``: keys sorted, two-space indent, a final newline."""
    return json_text(glossary_document(glossary, settings, url_of, articles, article_url))


def _text_schema(genders: list[str]) -> dict:
    """One language of an entry (``genders``: those any configured language has)."""
    lines = {"type": "array", "items": {"type": "string", "minLength": 1}}
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["title", "aliases", "summary", "summary_text", "body", "highlights",
                     "sources", "forms", "gender", "pos", "abbreviations", "deprecated", "context",
                     "qualifier", "reviewed"],
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
            **_terminology_schema(genders, lines),
        },
    }


def _terminology_schema(genders: list[str], lines: dict) -> dict:
    """The terminology fields of one language: null where the entry does not state them."""
    line = {"type": "string", "minLength": 1}
    return {
        "gender": {"enum": [*genders, None], "description": "Grammatical gender of the title, as the "
                   "language's locale file names it (German: m, f, n; Danish: c, n)."},
        "pos": {"enum": [*PARTS_OF_SPEECH, None], "description": "Part of speech of the title."},
        "abbreviations": {**lines, "description": "Short forms and acronyms of the title."},
        "deprecated": {**lines, "description": "Terms not to use for this concept in this language."},
        "context": {"type": "array", "description": "Sentences that show the term in use.", "items": {
            "type": "object", "additionalProperties": False, "required": ["text", "text_plain", "source"],
            "properties": {"text": {**line, "description": "Inline Markdown with cross-links."},
                           "text_plain": {**line, "description": "The sentence as plain text."},
                           "source": {"type": ["string", "null"], "minLength": 1,
                                      "description": "Where it comes from: a title or a URL."}}}},
        "qualifier": {"type": ["string", "null"], "minLength": 1, "description": "Tells this concept "
                      "from another with the same title in this language: Bank (Finanzwesen)."},
        "reviewed": {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$", "description":
                     "The day this language's text was checked against the others (YYYY-MM-DD)."},
    }


def _entry_schema(codes: list[str], labels: dict) -> dict:
    """One entry, its texts by reference."""
    lang = {"enum": codes}
    entry_id = {"type": "string", "pattern": ID_PATTERN}
    ids = {"type": "array", "items": entry_id, "uniqueItems": True}
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "tags", "related", "broader", "narrower", "links", "backlinks", "articles", "urls",
                     "texts"],
        "properties": {
            "id": entry_id,
            "tags": {"type": "array", "items": {
                "type": "object", "additionalProperties": False, "required": ["id", "labels"],
                "properties": {"id": entry_id, "labels": labels},
            }},
            "related": {**ids, "description": '"See also": ids of other entries, as written.'},
            "broader": {**ids, "description": "More general concepts: ids of other entries, as written."},
            "narrower": {**ids, "description": "The entries that name this one as broader, sorted."},
            "links": {**ids, "description": "Entries this one links to with [[id]], sorted."},
            "backlinks": {**ids, "description": "Entries that link here (cross-link or related), sorted."},
            "articles": ENTRY_ARTICLES,
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
        "required": ["format_version", "languages", "default_language", "tags", "entries", "articles"],
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
            "articles": articles_schema(codes),
        },
        "$defs": {"entry": _entry_schema(codes, labels),
                  "text": _text_schema(list(dict.fromkeys(g for code in codes for g in genders_of(code))))},
    }


def glossary_schema_json(glossary: Glossary) -> str:
    return json_text(glossary_schema(glossary.languages))


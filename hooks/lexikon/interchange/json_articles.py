"""The knowledge base in ``glossary.json``: each article with its languages' titles,
descriptions, addresses and the terms each links to (``[[id]]``) or mentions (the first
mention the page links), and on each entry the articles that explain it; with their part of
the JSON Schema. Articles come from the build (:mod:`lexikon.render.article` fills their
mentions); an export without them has an empty ``articles`` object.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lexikon.core.articles import Article, by_key
from lexikon.core.schema import ID_PATTERN

ArticleUrl = Callable[[str, str], str]
"""``(lang, neutral source path) -> address`` of an article's page (as ``UrlOf`` is a term's)."""


def articles_document(articles: Sequence[Article], entry_ids: Sequence[str],
                      url_of: ArticleUrl | None) -> dict:
    """The ``articles`` object: by key (the default language's path without ``.md``)."""
    document = {}
    for key, versions in sorted(by_key(articles).items()):
        tags = sorted({tag for article in versions.values() for tag in article.tags})
        document[key] = {
            "key": key,
            "tags": tags,
            "texts": {lang: {
                "title": article.title,
                "description": article.description,
                "url": url_of(lang, article.neutral_path) if url_of else article.neutral_path,
                "links": [term for term in article.links if term in entry_ids],
                "mentions": [term for term in article.mentions if term in entry_ids],
            } for lang, article in versions.items()},
        }
    return document


def explained_by(articles: Sequence[Article]) -> dict[str, list[str]]:
    """For each term id, the keys of the articles (any language) that link to or mention it."""
    about: dict[str, set[str]] = {}
    for article in articles:
        for term in article.terms:
            about.setdefault(term, set()).add(article.key)
    return {term: sorted(keys) for term, keys in about.items()}


def articles_schema(codes: list[str]) -> dict:
    """The JSON Schema of the ``articles`` object."""
    ids = {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}, "uniqueItems": True}
    text = {
        "type": "object", "additionalProperties": False,
        "required": ["title", "description", "url", "links", "mentions"],
        "properties": {
            "title": {"type": "string", "minLength": 1},
            "description": {"type": "string", "description": "Front matter description; may be empty."},
            "url": {"type": "string", "minLength": 1, "description": "The article's page in this language."},
            "links": {**ids, "description": "Terms the article cross-links with [[id]], in order of use."},
            "mentions": {**ids, "description": "Terms whose first mention the page links (auto-links)."},
        },
    }
    return {
        "type": "object",
        "description": "The knowledge base's articles (docs/), by key: the default language's path "
                       "without .md (articles/sourcing-entscheiden).",
        "additionalProperties": {
            "type": "object", "additionalProperties": False, "required": ["key", "tags", "texts"],
            "properties": {
                "key": {"type": "string", "minLength": 1},
                "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
                "texts": {"type": "object", "propertyNames": {"enum": codes}, "minProperties": 1,
                          "additionalProperties": text},
            },
        },
    }


ENTRY_ARTICLES = {"type": "array", "items": {"type": "string", "minLength": 1}, "uniqueItems": True,
                  "description": "Keys of the articles (any language) that link to or mention this entry."}
"""An entry's ``articles`` in the schema."""

"""Inline Markdown as plain text, once per glossary (issue 17: a cold build's CPU).

A summary as plain text (:func:`lexikon.core.queries.plain_text`) is a tooltip on every link
to its term, the term page's description and JSON-LD, the A–Z index's line, the feed's entry,
and a column of every export (JSON, CSV, TBX, SKOS): each of those asked for it again, eleven
times per summary and language in a build (~0.25 CPU-s at 1,000 terms). The text is
a function of the Markdown, the glossary (the titles of the linked entries) and the language
the links are named in, so it is kept here by the Markdown and the language, for the one
glossary object asked last; the exports, made in a fork after the render, find the render's.
A glossary is never changed in place (an edit makes a new one), and a draft's removal makes a
new one too (:func:`~lexikon.core.queries.published`): another object, texts made anew.
"""

from __future__ import annotations

import weakref

from lexikon.core.model import Glossary
from lexikon.core.queries import plain_text

_held: tuple[weakref.ref[Glossary], dict[tuple[str, str], str]] | None = None
"""The glossary asked last (not kept alive by this) and its texts by (Markdown, language)."""


def plain(markdown: str, glossary: Glossary, lang: str) -> str:
    """``plain_text(markdown, glossary, lang)``, made once per glossary object."""
    global _held
    held = _held
    if held is None or held[0]() is not glossary:
        held = _held = (weakref.ref(glossary), {})
    texts = held[1]
    key = (markdown, lang)
    found = texts.get(key)
    if found is None:
        found = texts[key] = plain_text(markdown, glossary, lang)
    return found

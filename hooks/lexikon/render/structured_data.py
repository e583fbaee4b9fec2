"""schema.org JSON-LD for the pages: search engines show a term with its definition.

A term page describes its term (a ``DefinedTerm``), the A–Z index the whole lexicon of its
language (a ``DefinedTermSet`` with every term in it).

The language is said where schema.org allows it: ``inLanguage`` belongs to ``CreativeWork``
(and a few actions and events), so the ``DefinedTermSet`` (a ``CreativeWork``) carries it and
a ``DefinedTerm`` (an ``Intangible``) does not; every term names its set (``inDefinedTermSet``
on a term page, ``hasDefinedTerm`` on the index), and the page says it too (``<html lang>``).
Not a language-tagged ``name`` (``{"@value", "@language"}``): schema.org's validator takes it,
but consumers that read ``name`` as Text (Google's parser among them) expect a plain string,
and the page's head fields say the same text as that string.
"""

from __future__ import annotations

from lexikon.core import escape
from lexikon.core.model import Entry, Text
from lexikon.core.plain_once import plain
from lexikon.render.view import View


def defined_term(view: View, entry: Entry, text: Text, origin: str, *,
                 nested: bool = False) -> dict[str, object]:
    """schema.org's DefinedTerm: search engines show the term with its definition."""
    url = view.layout.address(view.lang, origin, view.layout.term(entry.id))
    term: dict[str, object] = {
        "@type": "DefinedTerm",
        "@id": url,
        "url": url,
        "name": escape.one_line(text.title),
        "termCode": entry.id,
        "description": plain(text.summary, view.glossary, view.lang),
    }
    if text.qualifier:  # what tells it from another term of the same name
        term["disambiguatingDescription"] = escape.one_line(text.qualifier)
    if text.aliases:
        term["alternateName"] = [escape.one_line(alias) for alias in text.aliases]
    if not nested:
        term["@context"] = "https://schema.org"
        term["inDefinedTermSet"] = defined_term_set(view, origin, with_terms=False)
    return term


def defined_term_set(view: View, origin: str, *, with_terms: bool) -> dict[str, object]:
    """The lexicon of one language; with its terms on the index, without on a term page."""
    url = view.layout.address(view.lang, origin, view.layout.index)
    term_set: dict[str, object] = {
        "@type": "DefinedTermSet", "@id": url, "url": url,
        "name": view.locale("index_title"), "inLanguage": view.lang,
    }
    if with_terms:
        term_set["@context"] = "https://schema.org"
        term_set["hasDefinedTerm"] = [
            defined_term(view, entry, entry.texts[view.lang], origin, nested=True)
            for entry in view.glossary.entries.values() if view.lang in entry.texts
        ]
    return term_set

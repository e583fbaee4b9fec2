"""The terminology on a term page: the headword with its grammar, the other names (short
forms, terms not to use), usage sentences, and the broader and narrower concepts.

Kept apart from :mod:`lexikon.render.term_page`, which places these pieces: each is a
function of the view and the entry's text in the page's language. Editor text reaches the
page only through :mod:`lexikon.core.escape` (names, sources) or the entry markup
(:mod:`lexikon.render.markup`: the usage sentences, inline Markdown).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from lexikon.core import escape
from lexikon.core.model import Entry, Text
from lexikon.render.markup import heading_id
from lexikon.render.page import escape_inline
from lexikon.render.view import View

WARNING_SIGN = "\u26a0\ufe0e"
"""Before the terms not to use: seen at once, and not colour alone (text style, no emoji)."""


def headword(view: View, text: Text, taken: set[str]) -> str:
    """The H1 (the title, its qualifier after it in parentheses) and the grammar line."""
    heading = escape_inline(text.title)
    if text.qualifier:
        heading += f' <span class="lexikon-qualifier">({escape_inline(text.qualifier)})</span>'
    line = f"# {heading} {{ #{heading_id(text.title, taken)} }}\n"
    grammar = grammar_html(view, text)
    return line + (f"\n{grammar}\n" if grammar else "")


def grammar_html(view: View, text: Text) -> str:
    """Gender and part of speech as a dictionary gives them after the headword: the article
    the language uses ("das", "en"), then the part of speech spelt out ("Substantiv")."""
    t = view.locale
    pieces = []
    article = view.locale.genders.get(text.gender or "")
    if article:
        pieces.append(f'<span class="lexikon-article">{escape.html_text(article)}</span>')
    if text.pos and f"pos_{text.pos}" in t.strings:
        pieces.append(escape.html_text(t(f"pos_{text.pos}")))
    if not pieces:
        return ""
    return f'<p class="lexikon-grammar">{" · ".join(pieces)}</p>'


def names_html(view: View, text: Text) -> list[str]:
    """Short forms, then the terms not to use (struck, after a warning sign and a label:
    the meaning never rests on colour or strike-through alone)."""
    t = view.locale
    parts = []
    if text.abbreviations:
        shown = ", ".join(f"<abbr>{escape.html_text(name)}</abbr>" for name in text.abbreviations)
        label = t("abbreviations", count=len(text.abbreviations))
        parts.append(f'<p class="lexikon-abbreviations">{escape.html_text(label)}: {shown}</p>\n')
    if text.deprecated:
        shown = ", ".join(f"<s>{escape.html_text(name)}</s>" for name in text.deprecated)
        parts.append(f'<p class="lexikon-deprecated"><span class="lexikon-warning" aria-hidden="true">'
                     f"{WARNING_SIGN}</span> <strong>{escape.html_text(t('deprecated'))}:</strong> "
                     f"{shown}</p>\n")
    return parts


def context_section(view: View, text: Text) -> str:
    """Sentences that show the term in use, each with its source: an address as a link that
    lends the page no ranking (``nofollow``), a title as text."""
    if not text.context:
        return ""
    items = []
    for usage in text.context:
        sentence = view.converted(("context", usage.text), lambda u=usage: view.markup.inline_html(
            u.text, lambda target, label, mid: None))
        items.append(f"<li><q>{sentence}</q>{_source_html(view, usage.source)}</li>")
    t = view.locale
    return (f"## {t('context')} {{ #lexikon-context }}\n\n"
            f'<ul class="lexikon-context">{"".join(items)}</ul>\n')


def _source_html(view: View, source: str | None) -> str:
    if not source:
        return ""
    label = escape.html_text(view.locale("context_source"))
    if "://" in source:
        host = urlsplit(source).hostname or source
        cited = (f'<a href="{escape.url_attr(source)}" rel="nofollow noopener" '
                 f'title="{escape.html_attr(escape.tooltip(source))}">{escape.html_text(host)}</a>')
    else:
        cited = escape.html_text(source)
    return f' <span class="lexikon-context-source">({label}: <cite>{cited}</cite>)</span>'


def hierarchy_sections(view: View, entry: Entry, path: str) -> list[str]:
    """The broader concepts (as the entry names them) and the narrower ones (the entries
    that name this one as broader), as lists of links."""
    entries = view.glossary.entries
    parts = []
    for key, ids in (("broader", [i for i in entry.broader if i in entries and i != entry.id]),
                     ("narrower", view.narrower.get(entry.id, ()))):
        if ids:
            heading = view.locale(key, count=len(ids))
            parts.append(f"## {heading} {{ #lexikon-{key} }}\n\n{view.links_list(ids, path)}")
    return parts

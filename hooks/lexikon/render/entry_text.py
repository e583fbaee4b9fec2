"""An editor's texts (summary, body, highlights) as pieces of one language's pages.

Each text is converted to sanitized HTML once (:mod:`lexikon.render.markup`), with each
cross-link's address a placeholder; :func:`place` then writes the address for the page the
text stands on, so the term page and the printable lexicon share one conversion.
"""

from __future__ import annotations

import dataclasses
import re

import lxml.html

from lexikon.core import escape
from lexikon.core.locale import Locale, load_locale
from lexikon.core.model import Entry
from lexikon.core.queries import title_of
from lexikon.render import autolink
from lexikon.render.markup import Link, Resolve, page_markdown
from lexikon.render.view import View

_TERM_HREF_PREFIX = "#lexikon-term:"
_TERM_HREF = re.compile(r'<a href="#lexikon-term:([a-z0-9-]+)"')
"""A cross-link's address until the page it stands on is known: matched with its tag, as
the sanitizer writes it (``href`` first on our links; in text ``<`` is always ``&lt;`` and in
an attribute ``"`` is ``&quot;``), so the same words in code or text stay as written."""


def resolver(view: View, label_lang: str | None = None) -> Resolve:
    """Cross-links to this language's page of the target, its summary as tooltip; the
    address a placeholder (:func:`place` writes it for the page the text stands on).
    ``label_lang`` names the targets in another language, for text shown in that one."""

    title_locale = load_locale(label_lang) if label_lang else view.locale

    def resolve(target: str, label: str | None, mid_sentence: bool) -> Link | None:
        entry = view.glossary.entries.get(target)
        if entry is None:
            return None
        if not label:
            label = title_of(entry, label_lang or view.lang)
            label = mid_sentence_title(label, title_locale) if mid_sentence else label
        text_lang = label_lang or view.lang
        foreign = "" if text_lang in entry.texts else next(iter(entry.texts))
        return Link(f"{_TERM_HREF_PREFIX}{target}", label, view.plain_summary(entry, label_lang), foreign)

    return resolve


def place(view: View, html: str, origin: str) -> str:
    """Sanitized HTML with each cross-link's address made the link from ``origin``."""

    def href(match: re.Match[str]) -> str:
        target = match.group(1)
        if target not in view.glossary.entries:
            return match.group(0)
        return f'<a href="{escape.html_attr(view.layout.href(view.lang, origin, view.layout.term(target)))}"'

    return _TERM_HREF.sub(href, html) if _TERM_HREF_PREFIX in html else html


def body_markdown(view: View, markdown: str, origin: str, label_lang: str | None = None, shift: int = 0,
                  taken: set[str] | None = None, autolink_for: Entry | None = None) -> str:
    """An editor's Markdown as pieces of the page at ``origin``: sanitized HTML blocks,
    headings as the page's own (escaped text, ids of ours: ``taken`` holds the page's),
    the first mention of other terms linked when ``autolink_for`` names the page's entry."""
    blocks = view.converted(("body", markdown, label_lang),
                            lambda: view.markup.blocks(markdown, resolver(view, label_lang)))
    if autolink_for is not None:
        blocks = autolink.autolinked(blocks, markdown, autolink_for, view.mention_names,  # type: ignore[arg-type]
                                     lambda target, words: mention_link(view, target, words))
    placed = [dataclasses.replace(block, html=place(view, block.html, origin)) if block.html else block
              for block in blocks]  # type: ignore[attr-defined]
    return page_markdown(placed, shift, taken)


def lead(view: View, summary: str, origin: str, label_lang: str | None = None) -> str:
    """The summary as the page's lead paragraph (sanitized HTML, a raw block)."""
    html = view.converted(("lead", summary, label_lang), lambda: view.markup.paragraph(
        summary.strip(), resolver(view, label_lang), "lexikon-lead"))
    return place(view, html, origin) + "\n"  # type: ignore[arg-type]


def highlights_html(view: View, items: tuple[str, ...], origin: str, title: str | None) -> str:
    """Key points as a list (in an admonition box when ``title`` is given), as HTML."""
    source = "\n".join("- " + item.strip().replace("\n", "\n  ") for item in items)
    html = place(view, view.converted(("highlights", source), lambda: view.markup.html(  # type: ignore[arg-type]
        source, resolver(view))), origin)
    if title is None:
        return html + "\n"
    return (f'<div class="admonition abstract"><p class="admonition-title">{escape.html_text(title)}</p>'
            f"{html}</div>\n")


def other_language_html(view: View, markdown: str, origin: str, lang: str) -> str:
    """A body shown in another language than the page's (targets named in that one)."""
    return place(view, view.markup.html(markdown, resolver(view, lang)), origin)


def mention_link(view: View, target: str, words: str) -> lxml.html.HtmlElement:
    """The link a mention becomes, as the converter makes a cross-link."""
    element = lxml.html.Element("a", href=f"{_TERM_HREF_PREFIX}{target}")
    element.set("title", escape.tooltip(view.plain_summary(view.glossary.entries[target])))
    element.text = words
    return element


def mid_sentence_title(title: str, locale: Locale) -> str:
    """A term's title as it stands inside a sentence of ``locale``'s language.

    Languages whose common nouns are lower case mid-sentence (Danish: "… af outsourcing")
    say so in their locale file (``mid_sentence_titles: lower``); German keeps its nouns
    capitalised. Acronyms and words with capitals inside are left as written.
    """
    capitalised_only_first = title[:1].isupper() and title[1:] == title[1:].lower()
    if locale.strings.get("mid_sentence_titles") != "lower" or not capitalised_only_first:
        return title
    return title[0].lower() + title[1:]

"""Every term of one language in one page, in index order: to print the whole lexicon."""

from __future__ import annotations

from collections.abc import Iterable

from lexikon.core import escape
from lexikon.core.model import Source
from lexikon.core.queries import qualified_title
from lexikon.render.entry_text import body_markdown, highlights_html, lead
from lexikon.render.markup import Ids
from lexikon.render.page import NOT_SEARCHED, Page, escape_inline, front_matter
from lexikon.render.term_fields import grammar_html, names_html
from lexikon.render.view import View


def print_page(view: View) -> Page:
    """The terms written in this language, each with its names, text and sources."""
    t = view.locale
    path = view.layout.print_page
    entries = sorted((e for e in view.glossary.entries.values() if view.lang in e.texts),
                     key=lambda e: view.locale.sort_key(qualified_title(e.texts[view.lang])))
    parts = [front_matter(title=t("print_title"), search=NOT_SEARCHED), f"# {t('print_title')}\n",
             f"{t('print_intro', count=len(entries))}\n{{ .lexikon-print-intro }}\n"]
    taken = Ids(entry.id for entry in entries)  # the terms' ids, then the bodies' headings'
    for entry in entries:
        text = entry.texts[view.lang]
        parts.append(f"## {escape_inline(qualified_title(text))} {{ #{entry.id} .lexikon-print-term }}\n")
        grammar = grammar_html(view, text)  # gender and part of speech, short forms, terms not to use
        parts.extend([f"{grammar}\n"] if grammar else [])
        if text.aliases:
            names = ", ".join(f"*{escape_inline(alias)}*" for alias in text.aliases)
            parts.append(f"{t('aliases')}: {names}\n{{ .lexikon-aliases }}\n")
        parts.extend(names_html(view, text))
        parts.append(lead(view, text.summary, path))
        if text.body.strip():
            parts.append(body_markdown(view, text.body.strip(), path, shift=1, taken=taken) + "\n")
        if text.highlights:  # in their box, or they read as part of the last section
            parts.append(highlights_html(view, text.highlights, path, t("highlights")))
        if text.sources:
            parts.append(sources_line(view, text.sources))
    return Page(path, view.lang, "\n".join(parts))


def sources_line(view: View, sources: Iterable[Source]) -> str:
    """The sources of a term on the printable page: one line, each URL printed after its
    title (lexikon.css), since a link is no use on paper."""
    links = ", ".join(f'<a href="{escape.url_attr(s.url)}">{escape_inline(s.title)}</a>' for s in sources)
    return f"{view.locale('sources')}: {links}\n{{ .lexikon-sources }}\n"

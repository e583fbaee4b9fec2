"""A term's page in a language it is not yet written in: the other language's text, saying so."""

from __future__ import annotations

from lexikon.core import escape
from lexikon.core.model import Entry
from lexikon.render.entry_text import lead, other_language_html
from lexikon.render.page import escape_inline, front_matter
from lexikon.render.twins import twins
from lexikon.render.view import View


def missing_page(view: View, entry: Entry, path: str) -> str:
    """The Markdown of the page: this language's frame around the first text the entry has."""
    t = view.locale
    title = view.shown_title(entry)  # with its qualifier, as everywhere a term is named
    shown_lang, shown = next(iter(entry.texts.items()))
    name = t.language_name(shown_lang)
    parts = [
        front_matter(title=t("missing_title", title=title), description=t("missing_text")),
        f"# {escape_inline(title)}\n",
        twins(view, entry, path),
        f"{t('missing_text')}\n{{ .lexikon-missing }}\n",
        f"{t('missing_shown', language=name)}\n",
        # Our box around sanitized HTML, which cannot close it. One raw block: never
        # ``markdown="1"``, which would have MkDocs read the HTML inside as Markdown
        # again (attribute lists in table cells), so the body's headings stay in the box
        # without anchors of their own.
        f'<div class="admonition lexikon-other-language" lang="{escape.html_attr(shown_lang)}">'
        + lead(view, shown.summary, path, shown_lang)
        + other_language_html(view, shown.body.strip(), path, shown_lang) + "</div>\n",
    ]
    return "\n".join(part for part in parts if part)

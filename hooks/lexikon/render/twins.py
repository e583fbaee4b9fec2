"""The line under a term's title that names it in every other language, with links."""

from __future__ import annotations

from lexikon.core.model import Entry
from lexikon.render.page import escape_inline
from lexikon.render.view import View


def twins(view: View, entry: Entry, path: str) -> str:
    """The term in every other language, each a link to its page there.

    The other language's words stand under their own ``lang`` (screen readers switch
    voice) and are part of the page, so a search for them finds this page too.
    """
    items = []
    for language in view.settings.languages:
        if language.code == view.lang:
            continue
        other = entry.texts.get(language.code)
        # The language named as in this language's sentences ("Dänisch", "Tysk"): the
        # autonym ("Dansk") belongs in the language menu, not in running text.
        name = escape_inline(_capitalised(view.locale.language_name(language.code)))
        if other is None:
            items.append(f"{name}: *{view.locale('twin_missing')}*")
            continue
        names = escape_inline(other.title)
        if other.aliases:
            names += " (" + ", ".join(escape_inline(alias) for alias in other.aliases) + ")"
        href = view.layout.twin_href(view.lang, language.code, path)
        items.append(f"{name}: "
                     f"[{names}]({href}){{ hreflang={language.code} lang={language.code} }}")
    if not items:
        return ""
    return " · ".join(items) + "\n{ .lexikon-twins }\n"


def _capitalised(words: str) -> str:
    """``words`` with a capital first letter, as at the start of a line."""
    return words[:1].upper() + words[1:]

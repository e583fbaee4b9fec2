"""The notice on a term page whose text is older than another language's: in the page's
language, with the date of that change and, when the site names its repository, a link to
the commit (see :mod:`lexikon.core.staleness` for when a text counts as older)."""

from __future__ import annotations

from lexikon.core import escape
from lexikon.core.model import Entry
from lexikon.core.staleness import StaleText, stale_text
from lexikon.render.view import View


def stale_notices(view: View, entry: Entry) -> list[str]:
    """One notice per language whose text changed after this page's, in the page's Markdown
    (nothing when none did, or the history cannot tell)."""
    stale = stale_text(entry, view.history.get(entry.id), view.lang, view.glossary.languages)
    return [notice(view, item) for item in stale]


def notice(view: View, stale: StaleText) -> str:
    t = view.locale
    date = escape.html_text(stale.change.when.strftime(t("date_format")))
    url = view.layout.commit_url(stale.change.sha)
    if url:
        date = f'<a href="{escape.url_attr(url)}">{date}</a>'
    try:
        sentence = t("stale_notice", own=t(f"stale_version_{stale.lang}"),
                     other=t(f"stale_version_{stale.newer}"), date=date)
    except KeyError:  # a language without an adjective in this locale: named instead
        sentence = t("stale_notice_named", language=t.language_name(stale.newer), date=date)
    return (f'<div class="admonition warning lexikon-stale" role="note" data-pagefind-ignore>'
            f"<p>{sentence}</p></div>\n")

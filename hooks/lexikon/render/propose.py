"""Proposing a term: where a search that finds nothing sends the reader.

When the site's repository is on GitHub (``repo_url``), every page's script tag for
``lexikon-propose.js`` carries the address of the issue form ``.github/ISSUE_TEMPLATE/
propose-term.yml`` and the words the link needs in the page's language. The script adds the
link to Material's "no results" line and fills the form's fields from the query in the
browser; no repository, or one elsewhere, and the page carries neither script nor link.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lexikon.core import escape
from lexikon.core.locale import load_locale

PROPOSE_SCRIPT = "assets/javascripts/lexikon-propose.js"
ISSUE_FORM = "propose-term.yml"
"""The form's file name in ``.github/ISSUE_TEMPLATE/`` (GitHub's ``template=`` parameter)."""
LANGUAGE_OPTIONS = {"de": "Deutsch (de)", "da": "Dansk (da)"}
"""The form's language dropdown, option by option: GitHub selects the option whose label the
link's ``language=`` names, so these must be the form's labels exactly (a test compares)."""
_REPOSITORY = re.compile(r"/([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/([A-Za-z0-9._-]{1,100}?)(?:\.git)?/?\Z")


def issue_form_url(repo_url: str | None) -> str | None:
    """The address that opens the form on GitHub, or None when ``repo_url`` is no GitHub
    repository (another host, a sub-page of one, nothing at all)."""
    parts = urlsplit((repo_url or "").strip())
    match = _REPOSITORY.match(parts.path)
    if parts.scheme not in ("http", "https") or parts.netloc.lower() not in ("github.com", "www.github.com"):
        return None
    if match is None or parts.query or parts.fragment or match.group(2) in (".", ".."):
        return None
    return f"https://github.com/{match.group(1)}/{match.group(2)}/issues/new?template={ISSUE_FORM}"


def script_attributes(repo_url: str | None, lang: str) -> str:
    """The ``data-*`` attributes of the page's proposal script, escaped; "" without a form
    (then the template writes no script)."""
    form = issue_form_url(repo_url)
    if form is None:
        return ""
    values = {"form": form, "lang": lang, "language": LANGUAGE_OPTIONS.get(lang, lang),
              "label": load_locale(lang)("propose_term")}
    return " ".join(f'data-propose-{name}="{escape.html_attr(value)}"' for name, value in values.items())

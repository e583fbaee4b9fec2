"""Our direct HTML writes the heading anchors' title in the page's language itself, so the
later localisation over the whole page finds nothing and makes no copy of it (issue 17: the
printable lexicon is 61 MB a copy at 10,000 terms, and that copy stood at the conversion's
peak); the page is the same as localised after the fact."""

from __future__ import annotations

import pytest

from lexikon.engine.mkdocs import material
from lexikon.render import direct_html


def _slug(text: str, separator: str) -> str:
    return separator.join(text.lower().split())


MARKDOWN = "# Titel\n\nEin Absatz.\n\n## Zweiter Teil\n\nMehr.\n\n### Dritter\n\nEnde.\n"


@pytest.mark.parametrize("lang", ["de", "da"])
def test_direct_html_has_the_language_s_permalink_title_and_is_not_copied(lang: str) -> None:
    english = direct_html.convert(MARKDOWN, lambda url: url, _slug)
    own = direct_html.convert(MARKDOWN, lambda url: url, _slug, material.permalink_title(lang))
    assert english is not None and own is not None
    assert english.html.count('title="Permanent link"') == 3
    localised = material.localize_permalinks(english.html, lang)
    assert own.html == localised
    assert 'title="Permanent link"' not in own.html
    assert material.localize_permalinks(own.html, lang) is own.html  # nothing to replace: no copy
    assert own.headings == english.headings and own.title == english.title

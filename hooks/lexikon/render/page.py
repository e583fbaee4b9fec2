"""What every page kind makes: a :class:`Page`, its front matter, its escaped text."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from lexikon.core import escape


@dataclass(frozen=True)
class Page:
    """One generated page in one language."""

    path: str
    """Language-neutral source path, e.g. ``terms/backsourcing.md``."""
    lang: str
    markdown: str
    entry_id: str | None = None
    """The entry a term page shows (for its edit link)."""
    structured_data: Mapping[str, object] | None = field(default=None, compare=False)
    """schema.org JSON-LD describing the page (a DefinedTerm or DefinedTermSet)."""
    search_terms: tuple[str, ...] = ()
    """Words that find this page in search above any mention in a text: aliases, word
    forms, the term in other languages."""
    style: str = ""
    """CSS this page needs in its head (the index's tag filter: one rule per tag)."""
    in_nav: bool = False
    """Listed in the navigation (the index pages); term pages never are: with thousands
    of terms, a nav in every page makes the build quadratic."""
    translated: bool = True
    """Written in its language; a missing translation's page (the other language's text
    under this language's frame) is no alternate of the others and not in the sitemap."""


escape_inline = escape.markdown_text
"""Plain text in a page's Markdown (the name the tests and older callers know)."""


NOT_SEARCHED = {"exclude": True}
"""Material's front matter for pages that only repeat other pages' words (the printable
lexicon, the change list): searching a term should find its page, not these."""


_HEAD_FIELDS = ("title", "description")
"""Front matter the templates write into the page (``<title>``, ``<meta>``, the header,
the nav) without escaping: they are HTML, escaped here once."""


def front_matter(**values: object) -> str:
    """YAML front matter; each value written as JSON, which YAML reads as it is (and which
    is ten times quicker to write than through PyYAML's emitter)."""
    values = {key: escape.head_text(value) if key in _HEAD_FIELDS and isinstance(value, str) else value
              for key, value in values.items()}
    lines = (f"{key}: {escape.yaml_value(value)}" for key, value in values.items())
    return "---\n" + "\n".join(lines) + "\n---\n\n"

"""The shape of an entry file, as data: the checker and the editor schema read it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    """What a field holds; decides how it is checked and rendered."""

    LINE = "one line of plain text"
    INLINE = "inline Markdown (one paragraph)"
    MARKDOWN = "Markdown"
    LINES = "a list of one-line texts"
    INLINES = "a list of inline Markdown texts"
    IDS = "a list of ids"
    SOURCES = "a list of sources (title and url)"


@dataclass(frozen=True)
class FieldSpec:
    """One key of an entry file."""

    name: str
    kind: Kind
    required: bool
    doc: str
    """What the field is for; shown to editors in the schema and in `lexicon new`."""


ENTRY_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("tags", Kind.IDS, False, "Tag ids from glossary/_tags.yml."),
    FieldSpec("related", Kind.IDS, False, '"See also": ids of other entries.'),
)
"""Top-level keys besides the language blocks."""

TEXT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", Kind.LINE, True, "The term as readers know it."),
    FieldSpec("aliases", Kind.LINES, False, "Synonyms; searchable and shown under the title."),
    FieldSpec(
        "summary", Kind.INLINE, True,
        "One or two sentences: the lead, the index line, the link tooltip and the page description.",
    ),
    FieldSpec("body", Kind.MARKDOWN, False, "The article: paragraphs, ## headings, lists, quotes."),
    FieldSpec("highlights", Kind.INLINES, False, "Key points, shown as a box."),
    FieldSpec("sources", Kind.SOURCES, False, "References: each a title and an http(s) url."),
    FieldSpec("forms", Kind.LINES, False, "Other word forms readers may search for (not shown)."),
)
"""Keys of one language block."""

SOURCE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", Kind.LINE, True, "Title of the cited work or page."),
    FieldSpec("url", Kind.LINE, True, "Its address, http or https."),
)

LINKABLE_FIELDS = ("summary", "body", "highlights")
"""Fields whose text may hold [[id]] cross-links."""

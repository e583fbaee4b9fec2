"""The shape of an entry file, as data: the checker and the editor schema read it."""

from __future__ import annotations

import re
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


_ID = r"[a-z0-9]+(-[a-z0-9]+)*"
ID_RULE = re.compile(rf"^{_ID}\Z")
"""What an id (entry file name, tag, related entry) may be: lowercase ASCII letters, digits and
single hyphens. Matched whole (``\\Z``, not ``$``, which lets a final line end pass)."""
ID_PATTERN = rf"^{_ID}$"
"""The same rule for JSON Schema, whose ``$`` ends the text (editors' language servers)."""
_NO_MARKUP = {"not": {"pattern": r"<[A-Za-z/!?]|\{\s*[:#.]|\]\(\s*<?(?![Hh][Tt][Tt][Pp][Ss]?:|"
                                 r"[Mm][Aa][Ii][Ll][Tt][Oo]:)[A-Za-z][A-Za-z0-9+.-]*:"
                                 r"|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]"}}
"""Raw HTML, attribute lists and control characters (YAML escapes put them in a value), as
far as a pattern can see them (the checker sees more)."""
_NO_DEFINITION = {"not": {"pattern": r"(?:^|\n)[ ]{0,3}\[[^\[\]]*\]:[ ]*\n?[ ]*\S"}}
"""A line Markdown reads as a link definition, and leaves out of the page."""


def json_schema(languages: tuple[str, ...]) -> dict:
    """A JSON Schema of an entry file for editors' YAML language servers.

    Made from the same field specs as the checker, so completion, hover text and inline
    errors in an editor say what ``lexicon check`` says.
    """

    def kind_schema(spec: FieldSpec) -> dict:
        line = {"type": "string", "pattern": r"^[^\n]*\S[^\n]*\n?$", **_NO_MARKUP}
        text = {"type": "string", "pattern": r"\S", "allOf": [_NO_MARKUP, _NO_DEFINITION]}
        if spec.kind is Kind.LINE:
            return line
        if spec.kind in (Kind.INLINE, Kind.MARKDOWN):
            return text if spec.required else {"type": "string", "allOf": [_NO_MARKUP, _NO_DEFINITION]}
        if spec.kind is Kind.LINES:
            return {"type": "array", "items": line}
        if spec.kind is Kind.INLINES:
            return {"type": "array", "items": text}
        if spec.kind is Kind.IDS:
            return {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}, "uniqueItems": True}
        source = {
            "type": "object",
            "additionalProperties": False,
            "required": [s.name for s in SOURCE_FIELDS if s.required],
            "properties": {s.name: {**kind_schema(s), "description": s.doc} for s in SOURCE_FIELDS},
        }
        source["properties"]["url"] = {"type": "string", "pattern": r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/]+",
                                       "description": SOURCE_FIELDS[1].doc}
        return {"type": "array", "items": source}

    def described(spec: FieldSpec) -> dict:
        return {**kind_schema(spec), "description": spec.doc}

    block = {
        "type": "object",
        "additionalProperties": False,
        "required": [spec.name for spec in TEXT_FIELDS if spec.required],
        "properties": {spec.name: described(spec) for spec in TEXT_FIELDS},
    }
    properties = {spec.name: described(spec) for spec in ENTRY_FIELDS}
    for code in languages:
        properties[code] = {**block, "description": f"The entry's text in '{code}'."}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://lexikon.invalid/entry.schema.json",
        "title": "Lexikon entry",
        "description": "One term of the glossary: a block per language plus links. "
                       "Generated by `lexicon schema`; do not edit by hand.",
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
        "anyOf": [{"required": [code]} for code in languages],
    }

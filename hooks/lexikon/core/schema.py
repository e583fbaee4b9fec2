"""The shape of an entry file, as data: the checker and the editor schema read it."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from lexikon.core.locale import load_locale


class Kind(Enum):
    """What a field holds; decides how it is checked and rendered."""

    LINE = "one line of plain text"
    INLINE = "inline Markdown (one paragraph)"
    MARKDOWN = "Markdown"
    LINES = "a list of one-line texts"
    INLINES = "a list of inline Markdown texts"
    IDS = "a list of ids"
    SOURCES = "a list of sources (title and url)"
    CHOICE = "one of a fixed list of words"
    GENDER = "a grammatical gender the block's language has (its locale file lists them)"
    DATE = "a date, YYYY-MM-DD"
    CONTEXTS = "a list of usage sentences (text, and an optional source)"
    FLAG = "true or false"


@dataclass(frozen=True)
class FieldSpec:
    """One key of an entry file."""

    name: str
    kind: Kind
    required: bool
    doc: str
    """What the field is for; shown to editors in the schema and in `lexicon new`."""
    choices: tuple[str, ...] = ()
    """The words a :attr:`Kind.CHOICE` field may hold."""
    in_template: bool = True
    """Written into a new entry by `lexicon new` (the terminology fields are not: most
    entries do without them, and the README explains them)."""


PARTS_OF_SPEECH = ("noun", "verb", "adjective", "adverb", "proper-noun", "other")


ENTRY_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("tags", Kind.IDS, False, "Tag ids from glossary/_tags.yml."),
    FieldSpec("related", Kind.IDS, False, '"See also": ids of other entries.'),
    FieldSpec("broader", Kind.IDS, False, "More general concepts: ids of other entries (the narrower "
              "ones are found from these).", in_template=False),
    FieldSpec("draft", Kind.FLAG, False, "true: checked, but not published yet; a draft may lack "
              "summaries.", in_template=False),
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
    FieldSpec("gender", Kind.GENDER, False, "Grammatical gender of the title: m, f or n in German; "
              "c (fælleskøn) or n (intetkøn) in Danish.", in_template=False),
    FieldSpec("pos", Kind.CHOICE, False, "Part of speech of the title: " + ", ".join(PARTS_OF_SPEECH) + ".",
              PARTS_OF_SPEECH, in_template=False),
    FieldSpec("abbreviations", Kind.LINES, False, "Short forms and acronyms of the title; searchable "
              "and shown.", in_template=False),
    FieldSpec("deprecated", Kind.LINES, False, "Terms not to use for this concept: shown as such, "
              "found by search, and reported where an entry uses them.", in_template=False),
    FieldSpec("context", Kind.CONTEXTS, False, "Sentences that show the term in use, each with its "
              "source (text or URL) if it has one.", in_template=False),
    FieldSpec("qualifier", Kind.LINE, False, "A short word shown after the title to tell this "
              "concept from another with the same title: Bank (Finanzwesen).", in_template=False),
    FieldSpec("reviewed", Kind.DATE, False, "The day this language's text was checked against the "
              "other languages (YYYY-MM-DD).", in_template=False),
)
"""Keys of one language block."""

SOURCE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", Kind.LINE, True, "Title of the cited work or page."),
    FieldSpec("url", Kind.LINE, True, "Its address, http or https."),
)

CONTEXT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("text", Kind.INLINE, True, "A sentence that uses the term."),
    FieldSpec("source", Kind.LINE, False, "Where the sentence comes from: a title, or an http(s) URL."),
)

LINKABLE_FIELDS = ("summary", "body", "highlights")
"""Fields whose text may hold [[id]] cross-links."""


_ID = r"[a-z0-9]+(-[a-z0-9]+)*"
ID_RULE = re.compile(rf"^{_ID}\Z")
"""What an id (entry file name, tag, related entry) may be: lowercase ASCII letters, digits and
single hyphens. Matched whole (``\\Z``, not ``$``, which lets a final line end pass)."""
MAX_ID_LENGTH = 120
"""The longest id: it names a file (``<id>.yml``) and a folder of the site on every system. The
check refuses a longer one, the CSV import leaves its row out, and an id made from a title is
cut to fit (:func:`fitting_id`), so that an id one import makes is one every other takes."""


def fitting_id(slug: str) -> str:
    """``slug`` cut to :data:`MAX_ID_LENGTH` at its last hyphen (a word boundary) that fits, or
    hard when one word is longer."""
    if len(slug) <= MAX_ID_LENGTH:
        return slug
    cut = slug[:MAX_ID_LENGTH + 1]
    return (cut.rsplit("-", 1)[0] if "-" in cut else cut[:MAX_ID_LENGTH]).strip("-")


ID_PATTERN = rf"^{_ID}$"
"""The same rule for JSON Schema, whose ``$`` ends the text (editors' language servers)."""
_NO_MARKUP = {"not": {"pattern": r"<[A-Za-z/!?]|\{\s*[:#.]|\]\(\s*<?(?![Hh][Tt][Tt][Pp][Ss]?:|"
                                 r"[Mm][Aa][Ii][Ll][Tt][Oo]:)[A-Za-z][A-Za-z0-9+.-]*:"
                                 r"|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]"}}
"""Raw HTML, attribute lists and control characters (YAML escapes put them in a value), as
far as a pattern can see them (the checker sees more)."""
_NO_DEFINITION = {"not": {"pattern": r"(?:^|\n)[ ]{0,3}\[[^\[\]]*\]:[ ]*\n?[ ]*\S"}}
"""A line Markdown reads as a link definition, and leaves out of the page."""


@functools.cache
def genders_of(code: str) -> tuple[str, ...]:
    """The grammatical genders ``code``'s locale names (none without a locale file)."""
    try:
        return tuple(load_locale(code).genders)
    except FileNotFoundError:
        return ()


def _kind_schema(spec: FieldSpec, genders: tuple[str, ...] = ()) -> dict:
    """The JSON Schema of one field's value (``genders``: those of the block's language)."""
    line = {"type": "string", "pattern": r"^[^\n]*\S[^\n]*\n?$", **_NO_MARKUP}
    text = {"type": "string", "pattern": r"\S", "allOf": [_NO_MARKUP, _NO_DEFINITION]}
    simple = {
        Kind.LINE: line,
        Kind.INLINE: text,
        Kind.MARKDOWN: text,
        Kind.LINES: {"type": "array", "items": line},
        Kind.INLINES: {"type": "array", "items": text},
        Kind.IDS: {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}, "uniqueItems": True},
        Kind.CHOICE: {"enum": list(spec.choices)},
        Kind.GENDER: {"enum": list(genders)},
        Kind.DATE: {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        Kind.FLAG: {"type": "boolean"},
    }
    if spec.kind in (Kind.INLINE, Kind.MARKDOWN) and not spec.required:
        return {"type": "string", "allOf": [_NO_MARKUP, _NO_DEFINITION]}
    if spec.kind in simple:
        return simple[spec.kind]
    parts = SOURCE_FIELDS if spec.kind is Kind.SOURCES else CONTEXT_FIELDS
    item = {
        "type": "object",
        "additionalProperties": False,
        "required": [s.name for s in parts if s.required],
        "properties": {s.name: {**_kind_schema(s), "description": s.doc} for s in parts},
    }
    if spec.kind is Kind.SOURCES:
        item["properties"]["url"] = {"type": "string", "pattern": r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/]+",
                                     "description": SOURCE_FIELDS[1].doc}
    return {"type": "array", "items": item}


def json_schema(languages: tuple[str, ...]) -> dict:
    """A JSON Schema of an entry file for editors' YAML language servers.

    Made from the same field specs as the checker, so completion, hover text and inline
    errors in an editor say what ``lexicon check`` says (a language's genders come from its
    locale file, as the checker's do).
    """
    genders = {code: genders_of(code) for code in languages}

    def block(code: str) -> dict:
        return {
            "type": "object",
            "additionalProperties": False,
            "required": [spec.name for spec in TEXT_FIELDS if spec.required],
            "properties": {spec.name: {**_kind_schema(spec, genders.get(code, ())), "description": spec.doc}
                           for spec in TEXT_FIELDS},
            "description": f"The entry's text in '{code}'.",
        }

    properties = {spec.name: {**_kind_schema(spec), "description": spec.doc} for spec in ENTRY_FIELDS}
    for code in languages:
        properties[code] = block(code)
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


def unreserved_id(entry_id: str, reserved: Mapping[str, str]) -> tuple[str, str]:
    """The id an import writes for ``entry_id`` (one :data:`ID_RULE` accepts), and why it is
    another ('' when it is not): a generated page reserves ids in the terms folder (its
    ``index.md``, the A–Z index, reserves ``index``; :func:`lexikon.core.layout.reserved_ids`),
    which the check refuses; such an id gets a suffix, ``index-1``. Every importer's id
    passes through here, so that no import writes an entry the check refuses for its id."""
    if entry_id not in reserved:
        return entry_id, ""
    number, new = 1, f"{entry_id}-1"
    while new in reserved:
        number += 1
        new = f"{entry_id}-{number}"
    return new, (f"the id '{entry_id}' is reserved (its page would replace {reserved[entry_id]}): "
                 f"the entry is '{new}'")

"""TBX-Basic's data categories as Lexikon uses them, both ways: the administrative statuses,
the picklists for grammatical gender and part of speech, and a term's own data as read.

One home for the mapping, so that the export (:mod:`.write`) and ``import-tbx``
(:mod:`.read`) cannot drift apart. The picklists are those of ``TBX-Basic_DCA.sch``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lexikon.core.escape import markdown_of_plain
from lexikon.core.schema import genders_of
from lexikon.interchange.tbx.stream import Element

PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
ABBREVIATION = "abbreviation"
SHORT_FORMS = {"abbreviation", "acronym", "shortform"}
"""``termType`` values read as ``abbreviations`` (compared case-folded)."""
BROADER = "broader"
"""The ``datatype`` that marks a ``crossReference`` to a broader concept: TBX-Basic has no
data category for it (full TBX's ``broaderConceptGeneric`` is not in the dialect), so it
is a cross-reference any tool follows, and the mark lets ``import-tbx`` read it back."""
GENDERS = {"m": "masculine", "f": "feminine", "n": "neuter"}
"""Our genders as TBX-Basic's picklist names them (masculine, feminine, neuter, other)."""
OTHER_GENDER = "other"
"""Any other gender (Danish fælleskøn, ``c``): TBX-Basic has no "common"; the import maps
``other`` back to the one gender of the language's locale that is none of m, f, n."""
PARTS_OF_SPEECH = {"noun": "noun", "verb": "verb", "adjective": "adjective", "adverb": "adverb",
                   "other": "other", "proper-noun": "properNoun"}
"""Our ``pos`` values as TBX-Basic 2008 names them; the 2019 picklist has no properNoun."""
TERM_NOTES = {"administrativeStatus", "termType", "grammaticalGender", "partOfSpeech"}
"""The term notes ``import-tbx`` reads; any other is reported as left out."""
INLINE = frozenset({"hi", "foreign"})
"""TBX's inline elements whose words belong to the text around them (``<hi>`` highlights,
``<foreign>`` marks another language); any other element in a text is left out and reported."""


def tbx_gender(gender: str) -> str:
    return GENDERS.get(gender, OTHER_GENDER)


def gender_from_tbx(value: str, lang: str) -> str | None:
    """Our gender code for TBX's ``value`` in ``lang`` (None: the language has no such gender)."""
    genders = genders_of(lang)
    value = value.casefold()
    code = next((c for c, name in GENDERS.items() if name == value), None)
    if value == OTHER_GENDER:
        others = [g for g in genders if g not in GENDERS]
        code = others[0] if len(others) == 1 else None
    return code if code in genders else None


def pos_from_tbx(value: str) -> str | None:
    folded = value.casefold().replace("-", "").replace(" ", "")
    return next((ours for ours, theirs in PARTS_OF_SPEECH.items() if theirs.casefold() == folded), None)


@dataclass
class TbxTerm:
    """One ``termSec``/``tig`` as read: the term, its notes by type, its usage sentences."""

    name: str = ""
    line: int = 0
    col: int = 1
    notes: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    """``type`` → (value, line, column) of the term notes :data:`TERM_NOTES` names."""
    contexts: list[dict[str, str]] = field(default_factory=list)
    """``{"text": …, "source": …}`` (source only when given), as an entry block holds them."""
    definitions: list[tuple[str, int, int]] = field(default_factory=list)
    """Definitions given with the term (MultiTerm writes them so): text, line, column."""

    def note(self, kind: str) -> str:
        return self.notes.get(kind, ("", 0, 0))[0]


def prose_text(element: Element, clean: Callable[[str], str], leave_out: Callable[[Element], None]) -> str:
    """A definition's or context's text as Markdown that shows it as written; elements inside
    it other than :data:`INLINE` ones go to ``leave_out``."""
    return markdown_of_plain(clean(element.prose(INLINE, leave_out)))


def read_term(element: Element, clean: Callable[[str], str], leave_out: Callable[[Element], None]) -> TbxTerm:
    """The term in ``element`` (a ``termSec``/``tig``); what it does not use goes to ``leave_out``."""
    term = TbxTerm(line=element.line, col=element.col)
    for child in element.children:
        kind = child.attributes.get("type", "")
        if child.name == "term" and not term.name:
            term.name, term.line, term.col = clean(child.text()), child.line, child.col
        elif child.name == "termNote" and kind in TERM_NOTES:
            term.notes.setdefault(kind, (clean(child.text()), child.line, child.col))
        elif child.name == "descrip" and kind in ("context", "definition"):
            _describe(term, child, clean, leave_out)
        elif child.name == "descripGrp" and _described_group(term, child, clean, leave_out):
            pass
        elif child.name in ("termGrp", "termNoteGrp"):
            inner = read_term(child, clean, leave_out)
            if not term.name:
                term.name, term.line, term.col = inner.name, inner.line, inner.col
            term.notes = {**inner.notes, **term.notes}
            term.contexts += inner.contexts
            term.definitions += inner.definitions
        else:
            leave_out(child)
    term.contexts = [c for c in term.contexts if c["text"]]
    return term


def _describe(term: TbxTerm, descrip: Element, clean: Callable[[str], str],
              leave_out: Callable[[Element], None]) -> dict[str, str]:
    """A context or definition of the term, kept; the context's dict (a definition's is thrown away)."""
    text = prose_text(descrip, clean, leave_out)  # plain text, written as Markdown
    if descrip.attributes.get("type") == "definition":
        if text:
            term.definitions.append((text, descrip.line, descrip.col))
        return {}
    context = {"text": text}
    term.contexts.append(context)
    return context


def _described_group(term: TbxTerm, group: Element, clean: Callable[[str], str],
                     leave_out: Callable[[Element], None]) -> bool:
    """A ``descripGrp`` holding a context (and its source) or a definition: read; any other: False."""
    first = group.children[0] if group.children else None
    if first is None or first.name != "descrip" or first.attributes.get("type") not in ("context",
                                                                                        "definition"):
        return False
    context = _describe(term, first, clean, leave_out)
    for child in group.children[1:]:
        if (context and child.name == "admin" and child.attributes.get("type") == "source"
                and "source" not in context):
            source = clean(child.text())
            if source:
                context["source"] = source
        else:
            leave_out(child)
    return True

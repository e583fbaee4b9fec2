"""The ways TBX files write one data category, made one: what the reader (:mod:`.read`) sees
is always DCA style, ``<descrip type="definition">``, with TBX-Basic's spelling of the type.

- DCT style (TBX 2019, ``style="dct"``) writes the category as the element, often in a
  namespace: ``<basic:definition>``, ``<min:administrativeStatus>``; the stream has
  dropped the namespace, so ``definition`` becomes ``descrip type="definition"``;
- tools spell the types their own way: SDL MultiTerm writes ``type="Definition"`` and
  names the subject field ``Subject`` or ``Entry_Subject``; the Microsoft Terminology
  Collection writes ``partOfSpeech`` values capitalised (read case-folded in
  :mod:`.categories`).
"""

from __future__ import annotations

from lexikon.interchange.tbx.stream import Element

_DCT = {
    "descrip": ("definition", "context", "subjectField", "explanation"),
    "termNote": ("termType", "partOfSpeech", "administrativeStatus", "grammaticalGender",
                 "geographicalUsage", "termLocation", "grammaticalNumber", "usageNote"),
    "admin": ("source", "customerSubset", "projectSubset", "entrySource"),
    "ref": ("crossReference",),
    "xref": ("externalCrossReference", "xGraphic", "xSource"),
    "transac": ("transactionType",),
    "transacNote": ("responsibility",),
}
"""DCT element → the DCA element that carries it as ``type``."""
DCT_ELEMENTS = {category: element for element, categories in _DCT.items() for category in categories}
_SPELLINGS = {
    "subject": "subjectField", "entry_subject": "subjectField", "subject field": "subjectField",
    "subject_field": "subjectField", "domain": "subjectField", "entrysubject": "subjectField",
    "part of speech": "partOfSpeech", "gender": "grammaticalGender", "term type": "termType",
    "usage status": "administrativeStatus", "status": "administrativeStatus",
}
"""Other tools' names for a category (case-folded) → TBX-Basic's."""
TYPES = {category.casefold(): category for category in DCT_ELEMENTS} | _SPELLINGS


def normalise(element: Element) -> Element:
    """``element`` and everything in it in DCA style, with TBX-Basic's type names (in place)."""
    for child in element.children:
        dca = DCT_ELEMENTS.get(child.name)
        if dca is not None and "type" not in child.attributes:
            child.attributes["type"] = child.name
            child.name = dca
        elif "type" in child.attributes:
            kind = child.attributes["type"]
            child.attributes["type"] = TYPES.get(kind.casefold(), kind)
        normalise(child)
    return element

"""Definitions where TBX puts them besides the language section: of the whole concept, and
given with a term (MultiTerm writes them so). Part of the reader (:mod:`.read`).

A definition of the whole concept is the summary of the language it is written in (its
own ``xml:lang``, else the entry's, else the file's) when that language has none; one that
names no language at all goes to every language without a definition of its own; one in
a language section that names another language in its own ``xml:lang`` is read as such (a
language with no terms cannot take it: reported). A
definition given with a term is the summary of its language when the language has none; a
second one is reported and left out.
"""

from __future__ import annotations

from typing import Any

from lexikon.core.model import Severity
from lexikon.core.settings import Settings
from lexikon.interchange.tbx.categories import TbxTerm, prose_text
from lexikon.interchange.tbx.languages import Languages
from lexikon.interchange.tbx.stream import Element
from lexikon.interchange.terms import Concept, clean


class Definitions:
    """The reader's handling of definitions outside the language section's own."""

    settings: Settings
    languages: Languages
    file_lang: str

    def note(self, line: int, col: int, message: str, severity: Severity = Severity.NOTE) -> None:
        raise NotImplementedError

    def tally(self, message: str, line: int, col: int) -> None:
        raise NotImplementedError

    def leave_out(self, element: Element) -> None:
        raise NotImplementedError

    def concept_definition(self, concept: Concept, definition: Element, entry: Element) -> None:
        """A definition of the whole concept: the summary of the language it is written in, or,
        when it names none, of every language that has no definition of its own."""
        text = prose_text(definition, clean, self.leave_out)
        tag = definition.attributes.get("xml:lang") or entry.attributes.get("xml:lang") or self.file_lang
        lang = self.languages.resolve(tag) if tag else None
        if not text:
            return
        if tag and lang is None:
            self.note(definition.line, definition.col, f"left out the definition of the whole concept: it "
                      f"is in '{tag}', none of the site's languages (map it with --map "
                      f"{tag}={self.settings.codes[0]})")
            return
        targets = [code for code, block in concept.texts.items()
                   if not block["summary"] and (lang is None or code == lang)]
        for code in targets:
            concept.texts[code]["summary"] = text
        if targets:
            rule = (f"in '{tag}', {_whose(tag, definition, entry)}" if lang
                    else "no language given: every language without a definition of its own")
            self.tally(f"a definition of the whole concept became the summary in {', '.join(targets)} "
                       f"({rule})", definition.line, definition.col)
        elif lang is not None and lang not in concept.texts:
            self.note(definition.line, definition.col, f"left out a definition in '{tag}': the concept "
                      f"has no term in '{lang}'", Severity.WARNING)
        else:
            self.note(definition.line, definition.col, "left out a definition of the whole concept: the "
                      "languages have their own")

    def term_definitions(self, block: dict[str, Any], terms: list[TbxTerm], lang: str) -> None:
        """Definitions given with a term: the first is the language's summary when it has none."""
        for term in terms:
            for text, line, col in term.definitions:
                if not block["summary"]:
                    block["summary"] = text
                    self.tally(f"the definition given with a term became the summary in '{lang}'", line, col)
                else:
                    self.note(line, col, f"left out a second definition in '{lang}' (given with the "
                              f"term '{term.name}')")


def _whose(tag: str, definition: Element, entry: Element) -> str:
    """Where the language of a concept's definition was read from, for the note."""
    if definition.attributes.get("xml:lang") == tag:
        return "its own xml:lang"
    return "the entry's xml:lang" if entry.attributes.get("xml:lang") == tag else "the file's xml:lang"

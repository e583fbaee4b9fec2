"""A termbase's language tags read as the site's languages.

The rule for a tag (``de-DE``, ``de_AT``, ``--map en=de``) is every import's, in
:mod:`lexikon.interchange.languages`; this adds what a termbase needs besides. A language
that maps to none of the site's is reported once, at its first section, with the number
of concepts it was left out of and the option that would bring it in: not once per concept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from lexikon.core.model import Severity
from lexikon.interchange.languages import site_language


@dataclass
class Languages:
    """Resolves tags; counts and places the ones it could not."""

    codes: tuple[str, ...]
    maps: Mapping[str, str] = field(default_factory=dict)
    unknown: dict[str, tuple[int, int, str, set[str]]] = field(default_factory=dict)
    """Tag as written → line, column and concept of its first section, and the concepts it was in."""

    def resolve(self, tag: str) -> str | None:
        """The site language ``tag`` means, or None (nothing is recorded: see :meth:`left_out`)."""
        return site_language(tag, self.codes, self.maps)

    def left_out(self, tag: str, line: int, col: int, concept: str) -> None:
        """A section in ``tag`` left out of ``concept`` (its name in findings)."""
        first = self.unknown.setdefault(tag, (line, col, concept, set()))
        first[3].add(concept)

    def findings(self) -> list[tuple[int, int, Severity, str]]:
        """One finding per language left out, at its first section."""
        found = []
        for tag, (line, col, concept, concepts) in self.unknown.items():
            what = "a language section without xml:lang" if not tag else f"language '{tag}'"
            how = (f"map it to one with --map {tag}={self.codes[0]}" if tag
                   else "give each section an xml:lang")
            found.append((line, col, Severity.WARNING,
                          f"{what} is not one of the site's ({', '.join(self.codes)}): left out of "
                          f"{len(concepts)} concept(s) (the first: {concept}); {how}, or leave it out"))
        return found

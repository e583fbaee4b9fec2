"""A termbase's language tags read as the site's languages.

Tools write the same language many ways: ``de``, ``de-DE``, ``de_AT``, ``DE-de`` (the
primary subtag, case-folded, is what counts), and a termbase in English and French is
imported into a German and Danish site by relabelling (``--map en=de``, also for one
region: ``--map en-US=de``). A language that maps to none of the site's is reported once,
at its first section, with the number of concepts it was left out of and the option
that would bring it in: not once per concept.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from lexikon.core.model import Severity


class MapProblem(ValueError):
    """A ``--map`` option that cannot be read: the message says why."""


def _folded(code: str) -> str:
    return code.strip().replace("_", "-").casefold()


def parse_maps(specs: Iterable[str], codes: Iterable[str]) -> dict[str, str]:
    """``["en=de", "en-US=da"]`` as a mapping of folded source tags to site languages."""
    codes = list(codes)
    maps: dict[str, str] = {}
    for spec in specs:
        source, sep, target = spec.partition("=")
        if not sep or not source.strip() or target.strip() not in codes:
            raise MapProblem(f"--map {spec}: write SOURCE=LANGUAGE, LANGUAGE one of {', '.join(codes)} "
                             "(e.g. --map en=de or --map en-US=de)")
        maps[_folded(source)] = target.strip()
    return maps


@dataclass
class Languages:
    """Resolves tags; counts and places the ones it could not."""

    codes: tuple[str, ...]
    maps: Mapping[str, str] = field(default_factory=dict)
    unknown: dict[str, tuple[int, int, str, set[str]]] = field(default_factory=dict)
    """Tag as written → line, column and concept of its first section, and the concepts it was in."""

    def resolve(self, tag: str) -> str | None:
        """The site language ``tag`` means, or None (nothing is recorded: see :meth:`left_out`)."""
        folded = _folded(tag)
        primary = folded.split("-")[0]
        for candidate in (folded, primary):
            if candidate in self.maps:
                return self.maps[candidate]
        return primary if primary in self.codes else None

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

"""What a term import did with each concept, counted: the one summary line that ends it.

Every concept the reader found is accounted for: ``concepts = written + merged + skipped``,
so that a termbase of thousands of concepts can be trusted without reading every finding.
The counts come from what :func:`lexikon.interchange.terms.build` saw, whatever the reader
(TBX, CSV, SKOS).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

EXISTS = "exist already"
NO_TERM = "without a term"
NO_ID = "without an id"
REFUSED = "refused by the check"
APPEARED = "appeared while importing"
HEADER_REFUSED = "under a refused first line"
UNREADABLE = "unreadable"
ID_TOO_LONG = "with an id too long"


@dataclass
class Counts:
    """Concepts in, and where each went."""

    concepts: int = 0
    """Concepts the reader handed on (a concept id found twice counts twice: once merged)."""
    merged: int = 0
    """Concepts whose id the source had already: added to the first one; or (CSV) whose entry
    exists: their languages added to it."""
    skipped: Counter[str] = field(default_factory=Counter)
    """Reason → concepts not written for it."""
    drafts: int = 0
    """Of them, written with ``draft: true``."""
    languages_left_out: int = 0
    """Language sections left out (a language the site does not have, a language without a term)."""
    languages_added: int = 0
    """Languages added to entries that exist (CSV: a row for an existing entry; counted merged)."""
    extended: int = 0
    """Entries that exist and got those languages."""

    @property
    def entries(self) -> int:
        """New entries: one per concept neither merged nor skipped."""
        return self.concepts - self.merged - sum(self.skipped.values())

    def skip(self, reason: str, count: int = 1) -> None:
        self.skipped[reason] += count

    def line(self, dry_run: bool) -> str:
        """``12 concepts: 9 entries written (2 drafts), 1 merged, 2 skipped (1 exist already, …);
        3 language section(s) left out``: one line, ``concepts = written + merged + skipped``."""
        reasons = ", ".join(f"{count} {reason}" for reason, count in self.skipped.most_common() if count)
        skipped = sum(self.skipped.values())
        return (f"{self.concepts} concepts: {self.entries} entries {'to write' if dry_run else 'written'} "
                f"({self.drafts} drafts), {self.merged} merged, {skipped} skipped"
                f"{f' ({reasons})' if reasons else ''}; "
                f"{self.languages_left_out} language section(s) left out{self._added(dry_run)}")

    def _added(self, dry_run: bool) -> str:
        if not self.languages_added:
            return ""
        return (f"; {self.languages_added} language(s) {'to add' if dry_run else 'added'} to {self.extended} "
                "existing entries")

"""Stale translations for the command line: ``lexicon check --stale`` findings and the
``lexicon stats`` list, both from :func:`lexikon.core.staleness.find_stale`."""

from __future__ import annotations

from dataclasses import dataclass

from lexikon.core.model import Finding, Glossary, Severity
from lexikon.core.settings import Settings
from lexikon.core.staleness import SHALLOW, StaleText, find_stale


@dataclass(frozen=True)
class StalePair:
    """One stale text as ``lexicon stats --format json`` lists it."""

    entry: str
    lang: str
    """The language whose text is older."""
    newer: str
    changed: str
    """When ``newer`` last changed (ISO 8601, UTC)."""
    commit: str

    def __str__(self) -> str:
        return (f"{self.entry}: {self.lang} older than {self.newer} "
                f"(changed {self.changed[:10]}, commit {self.commit[:12]})")


def stale_pairs(glossary: Glossary, settings: Settings) -> tuple[bool, tuple[StalePair, ...]]:
    """Whether the history can tell (not in a shallow clone), and the stale texts."""
    staleness = find_stale(glossary, settings.glossary_dir)
    return staleness.known, tuple(StalePair(s.entry_id, s.lang, s.newer, s.change.when.isoformat(),
                                            s.change.sha) for s in staleness.stale)


def stale_findings(glossary: Glossary, settings: Settings, severity: Severity,
                   config_path: str = "mkdocs.yml") -> list[Finding]:
    """A finding at the title of each stale text; in a shallow clone one at ``config_path``
    saying the history cannot tell."""
    staleness = find_stale(glossary, settings.glossary_dir)
    if not staleness.known:
        return [Finding(config_path, 1, 1, severity, SHALLOW)]
    return [_finding(glossary, stale, severity) for stale in staleness.stale]


def _finding(glossary: Glossary, stale: StaleText, severity: Severity) -> Finding:
    entry = glossary.entries[stale.entry_id]
    day = stale.change.when.date().isoformat()
    message = (f"the '{stale.lang}' text is older than the '{stale.newer}' text, changed on {day} "
               f"(commit {stale.change.sha[:12]}): bring it up to date, or if it still says the same, "
               f"set 'reviewed: {day}' or later in its block")
    span = entry.texts[stale.lang].spans.get("title")
    return span.finding(severity, message) if span else Finding(entry.path, 1, 1, severity, message)

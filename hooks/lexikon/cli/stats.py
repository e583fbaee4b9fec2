"""Figures about the glossary for editors: coverage, gaps, broken links, orphans."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from lexikon.cli.stale import StalePair, stale_pairs
from lexikon.core.articles import Article, by_key
from lexikon.core.model import Glossary
from lexikon.core.queries import backlinks, linked_ids
from lexikon.core.settings import Settings


@dataclass(frozen=True)
class Coverage:
    lang: str
    name: str
    entries: int
    total: int

    @property
    def percent(self) -> float:
        return 100.0 * self.entries / self.total if self.total else 100.0


@dataclass(frozen=True)
class Stats:
    entries: int
    coverage: tuple[Coverage, ...]
    missing: dict[str, tuple[str, ...]]
    """Entry id → languages it lacks."""
    broken_links: tuple[tuple[str, str], ...]
    """(entry id, target that names nothing)."""
    orphans: tuple[str, ...]
    """Entries with no links in or out."""
    stale: tuple[StalePair, ...] = ()
    """Texts older than another language's last change (:mod:`lexikon.cli.stale`)."""
    stale_known: bool = True
    """False in a shallow clone, whose history cannot tell."""
    drafts: tuple[str, ...] = ()
    """Entries marked ``draft: true``: checked, not published."""
    articles: int = 0
    """Knowledge-base articles in ``docs/`` (each counted once, whatever its languages)."""
    article_coverage: tuple[Coverage, ...] = ()
    """Per language, the articles written in it."""
    articles_missing: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Article (its path without language) → languages it lacks."""
    unexplained: tuple[str, ...] = ()
    """Published entries no article links to or mentions, in any language."""


def compute_stats(glossary: Glossary, settings: Settings, articles: Sequence[Article] = ()) -> Stats:
    entries = glossary.entries
    inbound = backlinks(glossary)
    missing = {entry_id: tuple(code for code in settings.codes if code not in entry.texts)
               for entry_id, entry in entries.items()}
    broken: set[tuple[str, str]] = set()
    outbound: dict[str, set[str]] = {}
    for entry_id, entry in entries.items():
        targets = {*entry.related, *linked_ids(entry)}
        outbound[entry_id] = {t for t in targets if t in entries and t != entry_id}
        broken.update((entry_id, t) for t in targets if t not in entries)
    coverage = tuple(
        Coverage(language.code, language.name,
                 sum(1 for entry in entries.values() if language.code in entry.texts), len(entries))
        for language in settings.languages
    )
    stale_known, stale = stale_pairs(glossary, settings)
    return Stats(
        stale=stale,
        stale_known=stale_known,
        entries=len(entries),
        coverage=coverage,
        missing={k: v for k, v in missing.items() if v},
        broken_links=tuple(sorted(broken)),
        orphans=tuple(sorted(i for i in entries if not outbound[i] and not inbound.get(i))),
        drafts=tuple(sorted(i for i, entry in entries.items() if entry.draft)),
        **_article_stats(glossary, settings, articles),
    )


def knowledge_base(glossary: Glossary, settings: Settings) -> tuple[Article, ...]:
    """The articles of ``docs/`` with the terms their pages link to and mention."""
    from lexikon.core.layout import SiteLayout
    from lexikon.render.article_lists import knowledge_base as read

    return read(glossary, SiteLayout(settings))


def _article_stats(glossary: Glossary, settings: Settings, articles: Sequence[Article]) -> dict:
    """How many articles, in which languages, and which published terms none explains."""
    versions = by_key(articles)
    explained = {term for article in articles for term in article.terms}
    return {
        "articles": len(versions),
        "article_coverage": tuple(
            Coverage(language.code, language.name, sum(1 for v in versions.values() if language.code in v),
                     len(versions)) for language in settings.languages),
        "articles_missing": {key: lacking for key, v in versions.items()
                             if (lacking := tuple(code for code in settings.codes if code not in v))},
        "unexplained": tuple(sorted(i for i, entry in glossary.entries.items()
                                    if not entry.draft and i not in explained)),
    }

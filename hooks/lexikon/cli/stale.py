"""Stale translations for the command line: ``lexicon check --stale`` findings and the
``lexicon stats`` list, both from :func:`lexikon.core.staleness.find_stale` (entries) and
:func:`lexikon.core.staleness.find_stale_articles` (the articles in ``docs/``)."""

from __future__ import annotations

from dataclasses import dataclass

from lexikon.core.articles import Article, read_articles
from lexikon.core.model import Finding, Glossary, Severity
from lexikon.core.settings import Settings
from lexikon.core.staleness import SHALLOW, Staleness, StaleText, find_stale, find_stale_articles


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
    """Whether the history can tell (not in a shallow clone), and the stale texts: entries by
    id, then articles by their file (``docs/x.da.md``)."""
    staleness = find_stale(glossary, settings.glossary_dir)
    articles = _articles(settings)
    in_docs = find_stale_articles(tuple(articles.values()), settings.docs_dir, settings.codes)
    pairs = [StalePair(s.entry_id, s.lang, s.newer, s.change.when.isoformat(), s.change.sha)
             for s in staleness.stale]
    pairs += [StalePair(articles[s.entry_id].display, s.lang, s.newer, s.change.when.isoformat(),
                        s.change.sha) for s in in_docs.stale]
    return staleness.known and in_docs.known, tuple(pairs)


def stale_findings(glossary: Glossary, settings: Settings, severity: Severity,
                   config_path: str = "mkdocs.yml") -> list[Finding]:
    """A finding at the title of each stale text (an article's: at its first line); in a
    shallow clone one at ``config_path`` saying the history cannot tell."""
    staleness = find_stale(glossary, settings.glossary_dir)
    articles = _articles(settings)
    in_docs = find_stale_articles(tuple(articles.values()), settings.docs_dir, settings.codes)
    if not staleness.known or not in_docs.known:
        return [Finding(config_path, 1, 1, severity, SHALLOW)]
    return ([_finding(glossary, stale, severity) for stale in staleness.stale]
            + _article_findings(articles, in_docs, severity))


def _articles(settings: Settings) -> dict[str, Article]:
    """The readable articles by their path in the docs folder (unreadable ones: the check's)."""
    return {article.path: article for article in read_articles(settings)[0]}


def _article_findings(articles: dict[str, Article], staleness: Staleness,
                      severity: Severity) -> list[Finding]:
    found = []
    for stale in staleness.stale:
        article = articles[stale.entry_id]
        newer = next(a.display for a in articles.values() if a.key == article.key and a.lang == stale.newer)
        day = stale.change.when.date().isoformat()
        found.append(Finding(article.display, 1, 1, severity, (
            f"this '{stale.lang}' version is older than the '{stale.newer}' version {newer}, changed on "
            f"{day} (commit {stale.change.sha[:12]}): bring it up to date")))
    return found


def _finding(glossary: Glossary, stale: StaleText, severity: Severity) -> Finding:
    entry = glossary.entries[stale.entry_id]
    day = stale.change.when.date().isoformat()
    message = (f"the '{stale.lang}' text is older than the '{stale.newer}' text, changed on {day} "
               f"(commit {stale.change.sha[:12]}): bring it up to date, or if it still says the same, "
               f"set 'reviewed: {day}' or later in its block")
    span = entry.texts[stale.lang].spans.get("title")
    return span.finding(severity, message) if span else Finding(entry.path, 1, 1, severity, message)

"""Stale translations: a language whose text is older than another language's change.

Language B of an entry is stale relative to language A when A's content changed (see
:mod:`lexikon.core.language_history`) after B's content last changed and after B was last
``reviewed``; but a change of B made while B was stale is B catching up, not news for A.
So the pair is followed through the commits that changed either, oldest first: a commit
changing both leaves them in step, one changing A alone puts A ahead (or, if B was ahead,
brings A level), and B's review brings them level at the end of its day. B is stale when A
is ahead at the end. Without the catch-up rule every translation would flag the text it
translates, and each update would need a review date on the other side to silence it.

A review date counts to the end of its day in UTC: a reviewer writes the day they compared
the texts, usually in the commit that also brings the change they checked, so every change
committed on or before that day (in UTC, the zone git's times are compared in) counts as
seen; a change made later the same day is missed, one on the next day is not.

The term pages, ``lexicon stats`` and ``lexicon check --stale`` all ask :func:`stale_texts`
(articles: :func:`stale_article`, for all of them :func:`find_stale_articles`).
A shallow clone lacks the commits that would tell, so :func:`find_stale` says it cannot tell
instead of guessing; a folder outside git has no history, and nothing is stale there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from lexikon.core.articles import Article, by_key
from lexikon.core.history import EntryDates, article_history, entry_history
from lexikon.core.language_history import Edit, is_shallow
from lexikon.core.model import Entry, Glossary

SHALLOW = "history is shallow: staleness unknown; fetch with --unshallow (git fetch --unshallow)"
"""What every report says in a shallow clone."""


@dataclass(frozen=True)
class StaleText:
    """One language's text of one entry, older than another language's last change."""

    entry_id: str
    lang: str
    """The language whose text is older."""
    newer: str
    """The language that changed after it."""
    change: Edit
    """The newer language's last change: its commit and time."""


@dataclass(frozen=True)
class Staleness:
    """What the history says about stale texts: ``known`` is False in a shallow clone."""

    known: bool
    stale: tuple[StaleText, ...] = ()


def reviewed_until(reviewed: str | None) -> datetime | None:
    """The first moment a ``reviewed: YYYY-MM-DD`` date no longer covers (the next midnight,
    UTC); None for no date or one that is not a date (the check reports those)."""
    try:
        day = date.fromisoformat(str(reviewed)) if reviewed else None
    except ValueError:
        return None
    if day is None:
        return None
    if day == date.max:  # 9999-12-31: the check takes it, and the next midnight is past datetime's range
        return datetime.max.replace(tzinfo=timezone.utc)
    return datetime.combine(day + timedelta(days=1), time(), timezone.utc)


def stale_texts(glossary: Glossary, history: Mapping[str, EntryDates]) -> tuple[StaleText, ...]:
    """Every stale text, by entry id, then in the glossary's order of languages."""
    return tuple(stale for entry_id, entry in glossary.entries.items() for lang in glossary.languages
                 for stale in stale_text(entry, history.get(entry_id), lang, glossary.languages))


def stale_text(entry: Entry, dates: EntryDates | None, lang: str,
               languages: Sequence[str]) -> list[StaleText]:
    """How ``entry``'s text in ``lang`` is stale: one item per language it has not caught up with."""
    text = entry.texts.get(lang)
    if text is None or dates is None or not dates.edits:
        return []
    edits, covered = dates.edits[::-1], reviewed_until(text.reviewed)
    found = []
    for newer in languages:
        change = behind(edits, lang, newer, covered) if newer != lang and newer in entry.texts else None
        if change is not None:
            found.append(StaleText(entry.id, lang, newer, change))
    return found


def behind(edits: Sequence[Edit], lang: str, other: str, reviewed: datetime | None) -> Edit | None:
    """``other``'s last change when ``lang`` has not caught up with it, following ``edits``
    oldest first (see the module's rule); None when ``lang`` is in step."""
    ahead: str | None = None
    last: Edit | None = None
    seen: set[str] = set()  # a text git has not seen yet (not committed) is newer than any commit
    for edit in edits:
        if reviewed is not None and edit.when >= reviewed:
            ahead, reviewed = None, None  # the review came before this commit
        mine, theirs = lang in edit.langs, other in edit.langs
        if (mine and theirs) or not seen.issuperset(edit.langs & {lang, other}):
            ahead = None  # written together, or one is new: translated from the other as it is
        elif mine or theirs:
            ahead = None if ahead == (other if mine else lang) else (lang if mine else other)
        seen.update(edit.langs)
        if theirs:
            last = edit
    if reviewed is not None or lang not in seen or ahead != other:
        return None
    return last


def find_stale(glossary: Glossary, glossary_dir: Path) -> Staleness:
    """The stale texts of ``glossary`` from the history of ``glossary_dir`` (one ``git log``)."""
    shallow = is_shallow(glossary_dir)
    if shallow is None:
        return Staleness(known=True)
    if shallow:
        return Staleness(known=False)
    return Staleness(True, stale_texts(glossary, entry_history(glossary_dir, glossary.languages)))


def stale_article(paths: Mapping[str, str], history: Mapping[str, EntryDates], lang: str,
                  languages: Sequence[str]) -> list[StaleText]:
    """How an article's version in ``lang`` is stale, by the same rule as an entry's text:
    ``paths`` names each language's file (``{"de": "x.md", "da": "x.da.md"}``), ``history``
    each file's dates with the article's commits (:func:`lexikon.core.history.article_history`)."""
    dates = history.get(paths.get(lang, ""))
    if dates is None or not dates.edits:
        return []
    edits = dates.edits[::-1]
    found = []
    for newer in languages:
        change = behind(edits, lang, newer, None) if newer != lang and newer in paths else None
        if change is not None:
            found.append(StaleText(paths[lang], lang, newer, change))
    return found


def find_stale_articles(articles: Sequence[Article], docs_dir: Path, languages: Sequence[str]) -> Staleness:
    """The stale versions of ``articles`` (each :class:`StaleText` names the version's path in
    the docs folder) from the history of ``docs_dir``, as :func:`find_stale` for entries."""
    shallow = is_shallow(docs_dir) if articles else None
    if shallow is None:
        return Staleness(known=True)
    if shallow:
        return Staleness(known=False)
    history = article_history(docs_dir, languages)
    found: list[StaleText] = []
    for versions in by_key(articles).values():
        paths = {code: version.path for code, version in versions.items()}
        for lang in languages:
            if lang in paths:
                found += stale_article(paths, history, lang, languages)
    return Staleness(True, tuple(found))

"""One language's view of the glossary: what every page kind of that language asks.

A :class:`View` holds the glossary, the site's layout, one language's locale and the
backlinks, and remembers what pages share (a term's summary as plain text, an editor's text
converted once for its term page and the printable lexicon). The page kinds are functions
over a view; a feed or a picture of the lexicon needs no more than a view either.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from lexikon.core import escape
from lexikon.core.articles import Article
from lexikon.core.history import EntryDates
from lexikon.core.layout import SiteLayout
from lexikon.core.locale import Locale
from lexikon.core.model import Entry, Glossary
from lexikon.core.plain_once import plain
from lexikon.core.queries import narrower_ids, qualified_title, title_of
from lexikon.core.settings import Settings
from lexikon.render import autolink
from lexikon.render.markup import EntryMarkup
from lexikon.render.page import escape_inline


@dataclass
class View:
    """The pages of one language: what they are made from, and what they share."""

    glossary: Glossary
    layout: SiteLayout
    locale: Locale
    inbound: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """For each entry, the entries that link to it (only the term pages show them)."""
    history: Mapping[str, EntryDates] = field(default_factory=dict)
    """Each entry's changes from git (the term pages' notices of stale translations)."""
    articles: tuple[Article, ...] = ()
    """The knowledge base's articles in every language, with the terms each links to or mentions."""
    article_history: Mapping[str, EntryDates] = field(default_factory=dict)
    """Each article file's changes from git, by its path in the docs folder (``x.da.md``)."""
    _html: dict[tuple, object] = field(default_factory=dict, init=False, repr=False)
    _link_texts: dict[str, tuple[str, str]] = field(default_factory=dict, init=False, repr=False)
    lang: str = field(init=False, repr=False, compare=False)
    """The locale's language: an attribute, not a property (asked a few hundred times per
    page, the property was 2 % of our render)."""

    def __post_init__(self) -> None:
        self.lang = self.locale.code

    @property
    def settings(self) -> Settings:
        return self.layout.settings

    @functools.cached_property
    def markup(self) -> EntryMarkup:
        return EntryMarkup()

    @functools.cached_property
    def mention_names(self) -> autolink.Names | None:
        """The names a body's mentions are matched against (see :func:`autolink.mention_names`)."""
        return autolink.mention_names(self.glossary, self.lang)

    @functools.cached_property
    def narrower(self) -> dict[str, tuple[str, ...]]:
        """For each entry, the entries that name it as broader (once per language's pages)."""
        return narrower_ids(self.glossary)

    def converted(self, key: tuple, make: Callable[[], object]) -> object:
        """What ``make`` gives, once per text (term page and printable lexicon share it)."""
        if key not in self._html:
            self._html[key] = make()
        return self._html[key]

    def title(self, entry: Entry) -> str:
        return title_of(entry, self.lang)

    def shown_title(self, entry: Entry) -> str:
        """The title with its qualifier ("Bank (Finanzwesen)"), in this language or the first
        the entry has: how lists, tooltips and the graph name a term."""
        return qualified_title(entry.texts.get(self.lang) or next(iter(entry.texts.values())))

    def tag_label(self, tag_id: str) -> str:
        return self.glossary.tags[tag_id].labels.get(self.lang, tag_id)

    def plain_summary(self, entry: Entry, lang: str | None = None) -> str:
        """The summary as plain text, in ``lang`` (this page's) or the first language the
        entry has (made once per glossary by :mod:`lexikon.core.plain_once`: every link to a
        term carries it as tooltip)."""
        text = entry.texts.get(lang or self.lang) or next(iter(entry.texts.values()))
        return plain(text.summary, self.glossary, text.lang)

    def link_to(self, entry_id: str, origin: str, label: str | None = None) -> str:
        """A link to a term in a page's Markdown: an inline tag of ours, the term's summary
        as tooltip, the label as escaped text (never Markdown link syntax around editor text)."""
        entry = self.glossary.entries[entry_id]
        shown, tooltip = self._link_text(entry)
        text = shown if label is None else escape.markdown_text(label)
        href = self.layout.href(self.lang, origin, self.layout.term(entry_id))
        if self.lang in entry.texts:
            return f'<a href="{escape.url_attr(href)}" title="{tooltip}">{text}</a>'
        # Not yet in this language: title and tooltip are another language's words, marked
        # as such (screen readers switch voice), and the reader is told, as in the index.
        shown = escape.html_attr(next(iter(entry.texts)))
        return (f'<a href="{escape.url_attr(href)}" title="{tooltip}" lang="{shown}">{text}</a> '
                f"*({escape_inline(self.locale('missing_marker'))})*")

    def _link_text(self, entry: Entry) -> tuple[str, str]:
        """A term's title and tooltip as every link to it writes them, escaped once per view
        (a term is linked from a dozen pages on average: lists, backlinks, changes)."""
        made = self._link_texts.get(entry.id)
        if made is None:
            made = self._link_texts[entry.id] = (escape.markdown_text(self.shown_title(entry)),
                                                 escape.link_title(self.plain_summary(entry)))
        return made

    def links_list(self, entry_ids: Iterable[str], origin: str) -> str:
        """Links to the terms, one per line, in this language's order of their titles."""
        entries = self.glossary.entries
        ordered = sorted(entry_ids, key=lambda i: self.locale.sort_key(self.shown_title(entries[i])))
        return "".join(f"- {self.link_to(i, origin)}\n" for i in ordered)

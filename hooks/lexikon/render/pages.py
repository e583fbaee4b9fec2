"""Stage 4: the Markdown of every generated page, per language, from a checked glossary.

Pure text in, text out: the site adapter decides where the pages go (and the
:class:`~lexikon.core.layout.SiteLayout` it hands in, what their addresses are). Each page
kind has its module, a function over one language's :class:`~lexikon.render.view.View`.
The page's own markup is ours alone: an editor's Markdown (summary, body, highlights)
enters a page only as sanitized HTML made by :mod:`lexikon.render.markup`, and every other
piece of editor text (titles, aliases, labels, tooltips, head fields) through one of
:mod:`lexikon.core.escape`'s functions for the context it lands in.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping

from lexikon.core.articles import Article
from lexikon.core.history import EntryDates
from lexikon.core.layout import SiteLayout
from lexikon.core.locale import load_locale
from lexikon.core.model import Entry, Glossary
from lexikon.core.queries import backlinks
from lexikon.core.term_table import language_pairs
from lexikon.render.articles_index import articles_index
from lexikon.render.changes_page import changes_page, feeds
from lexikon.render.data_page import data_page
from lexikon.render.index_page import index_page
from lexikon.render.page import Page
from lexikon.render.print_page import print_page
from lexikon.render.table_page import table_page
from lexikon.render.tag_pages import tag_page, tags_page
from lexikon.render.term_graphs import lexicon_graph
from lexikon.render.term_page import term_page
from lexikon.render.view import View

__all__ = ["GRAPH_MARKER", "Page", "TermPages", "WholePages", "feeds", "iter_site", "lexicon_graphs",
           "render_site"]

GRAPH_MARKER = "<!-- lexikon:graph -->"
"""Where a hand-written page (the home page) wants the picture of the whole lexicon."""


class TermPages:
    """Where a build may hand in a memo of term pages made before (issue 17: incremental builds,
    ``lexikon.engine.mkdocs.render_memo``): called with the view, the entry and :func:`term_page`."""

    memo: Callable[[View, Entry, Callable[[View, Entry], Page]], Page] | None = None


class WholePages:
    """Where a build may hand in a memo of the pages made from the whole glossary (the A–Z
    index, the printable lexicon, tables, tags, changes: ``lexikon.engine.mkdocs.whole_memo``):
    called with the view, the page's name in its language, whether it shows the entries'
    bodies and highlights (all the others show of them is the links they make, as a term page
    shows other entries) and the function that makes it."""

    memo: Callable[[View, str, bool, Callable[[], Page]], Page] | None = None


def _whole(view: View, name: str, make: Callable[..., Page], *args: str, texts: bool = False) -> Page:
    """``make(view, *args)``, through the build's memo if it handed one in."""
    memo = WholePages.memo
    made = functools.partial(make, view, *args)
    return memo(view, " ".join((name, *args)), texts, made) if memo else made()


def render_site(glossary: Glossary, layout: SiteLayout,
                history: Mapping[str, EntryDates] | None = None, articles: tuple[Article, ...] = (),
                article_history: Mapping[str, EntryDates] | None = None) -> list[Page]:
    """Every generated page of every language; ``articles`` (with the terms they link to and
    mention) are listed on term pages, in the articles index and among the changes."""
    return list(iter_site(glossary, layout, history, articles, article_history))


def iter_site(glossary: Glossary, layout: SiteLayout,
              history: Mapping[str, EntryDates] | None = None, articles: tuple[Article, ...] = (),
              article_history: Mapping[str, EntryDates] | None = None) -> Iterator[Page]:
    """:func:`render_site`'s pages one at a time, in its order: a build may pack each page's
    Markdown as it is made (a 10,000-term site's is ~1 GB in memory all at once)."""
    inbound = backlinks(glossary)
    for code in glossary.languages:
        view = View(glossary, layout, load_locale(code), inbound, history or {}, articles,
                    article_history or {})
        yield _whole(view, "changes", _changes_page)
        yield _whole(view, "articles", articles_index)
        memo = TermPages.memo
        for entry in glossary.entries.values():
            yield memo(view, entry, term_page) if memo else term_page(view, entry)
        yield _whole(view, "index", index_page)
        pairs = language_pairs(glossary.languages, code)
        yield from (_whole(view, "table", table_page, other) for _, other in pairs)
        yield _whole(view, "print", print_page, texts=True)  # the only one showing bodies and highlights
        yield _whole(view, "data", data_page)
        yield _whole(view, "tags", tags_page)
        yield from (_whole(view, "tag", tag_page, tag_id) for tag_id in glossary.tags)


def _changes_page(view: View) -> Page:
    return changes_page(view, view.history)


def lexicon_graphs(glossary: Glossary, layout: SiteLayout, path: str = "index.md") -> dict[str, str]:
    """Per language, the picture of the whole lexicon as seen from the page at ``path``."""
    # The whole picture needs no backlinks: every link is an edge already.
    return {code: lexicon_graph(View(glossary, layout, load_locale(code)), path)
            for code in glossary.languages}

"""Everything generated from a checked glossary for one site, in one call: the pages of
every language, the picture of the whole lexicon and the feeds.

Both engines start here (the MkDocs build's :mod:`lexikon.engine.mkdocs.pages` and
``lexicon render --out``'s :mod:`lexikon.publish.folder`), so a new generated output is
added once; what each engine does with the result (MkDocs files, folders on disk) stays its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from lexikon.core.articles import Article
from lexikon.core.history import EntryDates
from lexikon.core.layout import SiteLayout
from lexikon.core.model import Glossary
from lexikon.core.queries import published
from lexikon.render.pages import Page, feeds, iter_site, lexicon_graphs


@dataclass(frozen=True)
class SiteOutput:
    """What one site's glossary renders into, with the layout it was rendered for."""

    layout: SiteLayout
    pages: list[Page]
    """Every generated page of every language."""
    graphs: dict[str, str]
    """Per language, the picture of the whole lexicon for the home page."""
    feeds: dict[str, str]
    """Per language, the Atom feed."""


def render_everything(glossary: Glossary, layout: SiteLayout, history: Mapping[str, EntryDates],
                      identity: str = "Lexikon", names: Mapping[str, str] | None = None,
                      articles: tuple[Article, ...] = (),
                      article_history: Mapping[str, EntryDates] | None = None,
                      each: Callable[[Page], Page] | None = None) -> SiteOutput:
    """The pages, graphs and feeds of ``glossary`` at ``layout``'s addresses; ``identity``
    names a site without an address in the feeds' ids, ``names`` is its name per language;
    ``articles`` and their files' ``article_history`` join the lists, the index and the feeds.
    Drafts are left out here (:func:`~lexikon.core.queries.published`), for every output.
    ``each`` is applied to every page as soon as it is made (a one-off build packs its Markdown)."""
    glossary = published(glossary)
    made = iter_site(glossary, layout, history, articles, article_history)
    return SiteOutput(
        layout=layout,
        pages=[each(page) for page in made] if each is not None else list(made),
        graphs=lexicon_graphs(glossary, layout),
        feeds=feeds(glossary, layout, history, identity, names, articles, article_history),
    )

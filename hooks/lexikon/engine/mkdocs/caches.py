"""Everything one build keeps for the next, by content (issue 17: incremental builds).

One signed store (:class:`lexikon.check.cache.ReportCache`, under a fingerprint of the code,
the library versions and ``mkdocs.yml``) holds the editors' texts as HTML
(:mod:`.markup_memo`), the generated pages as converted (:mod:`.page_cache`), every page as
the templates made it (:mod:`.frame_cache`), our render's term pages and whole-glossary pages
(:mod:`.render_memo`, :mod:`.whole_memo`), the git history (:mod:`.history_memo`), and which
search bundles and exports the last site holds (:mod:`lexikon.publish.kept`). Only a good
build writes it; it then holds exactly what that build used.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from lexikon.core.articles import Article
from lexikon.core.model import Glossary
from lexikon.core.safe_write import WriteRefused
from lexikon.core.settings import Settings
from lexikon.engine.mkdocs import pages
from lexikon.engine.mkdocs.frame_cache import FrameCache
from lexikon.engine.mkdocs.glossary_keys import GlossaryKeys
from lexikon.engine.mkdocs.history_memo import HistoryMemo, remembered_history
from lexikon.engine.mkdocs.markup_memo import MarkupMemo, remembered
from lexikon.engine.mkdocs.page_cache import PageCache
from lexikon.engine.mkdocs.pages import Rendered
from lexikon.engine.mkdocs.render_memo import TermPageMemo, remembered_pages
from lexikon.engine.mkdocs.whole_memo import WholePageMemo, remembered_whole
from lexikon.publish.kept import KeptOutputs

log = logging.getLogger("mkdocs.hooks.lexikon")
_T = TypeVar("_T")


def refused_as_abort(work: Callable[[Settings], _T], settings: Settings) -> _T:
    """``work(settings)``; a store file it writes that is a link or a folder stops the build
    with its one line, as :meth:`Caches.finish` does (the check's store, written by the check
    itself, stopped ``mkdocs build`` with a ``WriteRefused`` traceback)."""
    try:
        return work(settings)
    except WriteRefused as error:
        raise Abort(str(error)) from None


@dataclass
class Caches:
    """The stores of one build (all its language passes)."""

    pages: PageCache
    frames: FrameCache
    markup: MarkupMemo
    term_pages: TermPageMemo
    whole_pages: WholePageMemo
    keys: GlossaryKeys
    """The glossary's digests, made once a build for every store's keys (and the exports')."""
    history: HistoryMemo
    outputs: KeptOutputs | None = None

    @classmethod
    def open(cls, config: MkDocsConfig, settings: Settings) -> Caches | None:
        """This project's stores, or None where no cache can be signed."""
        page_cache = PageCache.open(config, settings)
        if page_cache is None:
            return None
        store, keys = page_cache.store, GlossaryKeys()
        return cls(page_cache, FrameCache(page_cache, config), MarkupMemo(store), TermPageMemo(store, keys),
                   WholePageMemo(store, keys), keys, HistoryMemo(store))

    def render(self, glossary: Glossary, settings: Settings, config: MkDocsConfig,
               articles: tuple[Article, ...] = (), article_pages: dict[str, str] | None = None, *,
               pack: bool = False) -> Rendered:
        """Our render, its term pages and texts' conversions taken from the store where they still fit."""
        texts = sum(len(entry.texts) for entry in glossary.entries.values()) + len(articles)
        self.markup.limit = 2 * 3 * texts + 64  # twice a summary, body and highlights per text
        with remembered(self.markup), remembered_pages(self.term_pages), remembered_whole(self.whole_pages), \
                remembered_history(self.history):
            rendered = pages.render(glossary, settings, config, articles, article_pages, pack=pack)
        log.info(f"lexikon: {self.term_pages.hits} of {self.term_pages.total} term pages from the cache")
        whole = self.whole_pages
        log.info(f"lexikon: {whole.hits} of {whole.total} whole-glossary pages from the cache")
        log.info(f"lexikon: {self.markup.hits} of {self.markup.total} texts' HTML from the cache")
        log.info(f"lexikon: {self.history.hits} of {self.history.total} git histories from the cache")
        return rendered

    def outputs_from(self, previous: Path) -> KeptOutputs:
        """What the site this build replaces may give it (search bundles, exports); one a build."""
        if self.outputs is None or self.outputs.previous != previous:
            self.outputs = KeptOutputs(self.pages.store, previous, pages=self.frames.written.proved)
        return self.outputs

    def count_frames(self) -> None:
        log.info("lexikon: %d of %d pages' frames from the cache", *self.frames.end_pass())

    def finish(self) -> None:
        """After a good build: each store holds this build's items, written where changed. A
        store file that is a link (or a folder) is not written through: its one line, as for a
        linked ``.cache`` (it stopped the build with a traceback)."""
        try:
            self.pages.finish()
            self.frames.finish()
            self.markup.finish()
            self.term_pages.finish()
            self.whole_pages.finish()
            self.history.finish()
            if self.outputs is not None:
                self.outputs.finish()
        except WriteRefused as error:
            raise Abort(str(error)) from None

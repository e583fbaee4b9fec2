"""What ``mkdocs serve``'s fast path renders: the changed entries' term pages (step 1, as
the full render makes them), then, in the background after an edit is shown, every other
page the edit changed (step 2), then search, feeds, sitemaps and exports (step 3).

Which pages depend on an entry (its links, tooltips, backlinks, graphs, the A–Z, tags, the
printable lexicon, the home page's picture) is not guessed: the whole glossary is rendered
again (pure text, no MkDocs) and every page whose Markdown or head differs from what is
served is made again through the build's steps. So what is served after these steps is
what a cold build writes.
"""

from __future__ import annotations

import copy
import logging
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lexikon.core.articles import Article
from lexikon.core.layout import SiteLayout
from lexikon.core.locale import load_locale
from lexikon.core.model import Entry, Glossary
from lexikon.core.queries import linked_ids
from lexikon.engine.mkdocs import articles
from lexikon.engine.mkdocs.articles import Knowledge
from lexikon.engine.mkdocs.pages import Rendered, source_uri
from lexikon.publish.pagefind import PAGEFIND_DIR, write_pagefind_bundles
from lexikon.render import autolink
from lexikon.render.autolink import Names
from lexikon.render.page import Page
from lexikon.render.term_page import term_page
from lexikon.render.view import View

if TYPE_CHECKING:
    from lexikon.engine.mkdocs.live import Live

log = logging.getLogger("mkdocs.hooks.lexikon")


def settle(live: Live, generation: int) -> None:
    """Bring every page up to the glossary of ``generation``; stop when a newer edit comes."""
    start = time.perf_counter()
    with live.lock:
        if not live.current(generation):
            return
        rendered = live.build.rendered
    knowledge = _articles_again(live, rendered)
    again = live.full_render(rendered, knowledge)  # frames the articles' Markdown (terms box, notices)
    with live.lock:
        articles_changed, live.build.knowledge = knowledge != live.build.knowledge, knowledge
    with live.lock:
        if not live.current(generation):
            return
        shown = live.shown
        make = [uri for uri, page in again.pages.items() if not same(page, shown.get(uri))]
        make.sort(key=lambda uri: len(again.pages[uri].markdown))  # the long lists last: a newer
        # edit waits for the page being made, at most
        gone = set(shown) - set(again.pages)
        hand_written = live.moved or articles_changed or again.graphs != rendered.graphs
        live.moved = False
    if not live.put(again, make, gone, generation):
        return
    if hand_written and not _hand_written(live, generation, again.pages):
        return
    with live.lock:
        if not live.current(generation):
            return
        live.reload()
        log.info("lexikon: %d other page(s) updated in %.2f s", len(make) + len(gone),
                 time.perf_counter() - start)
        config = copy.copy(live.passes[again.settings.default_language].config)
    if _outputs(live, again, config, generation):
        log.info("lexikon: search, feeds, sitemaps and exports updated in %.2f s",
                 time.perf_counter() - start)


def _outputs(live: Live, again: Rendered, config: Any, generation: int) -> bool:
    """Step 3: search bundles, feeds, sitemaps and exports made beside the served folder (no
    lock: Pagefind takes seconds), moved in under the lock only while ``generation`` is still
    the state served. A full rebuild may have swapped a new site in meanwhile: written into it
    by path, they were the older state's (a bundle of the old pages, or none while indexing:
    tests/unit/engine/test_live_settle_race.py). False: dropped for a newer state."""
    served = live.served
    staging = Path(tempfile.mkdtemp(prefix=f".{served.name}.settle-{os.getpid()}-", dir=served.parent))
    try:
        config.data["site_dir"] = str(staging)
        live.finish(again, config, search=False)
        bundles = []
        if again.settings.search == "pagefind":
            write_pagefind_bundles(served, again.layout, into=staging)
            bundles = [again.layout.root(code) + PAGEFIND_DIR for code in again.settings.codes]
        with live.lock:
            if not live.current(generation):
                return False
            _move_in(staging, served, bundles)
        return True
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _move_in(staging: Path, served: Path, bundles: list[str]) -> None:
    """Each bundle's folder replaces the served one whole (renamed aside, then in: no moment
    without one); every other file replaces its namesake (a rename: the bytes of a served
    file, maybe linked from an older site, never change in place)."""
    for number, relative in enumerate(bundles):
        target, made = served / relative, staging / relative
        if target.is_dir() and not target.is_symlink():
            target.rename(staging / f"replaced-{number}")
        else:
            target.unlink(missing_ok=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        made.rename(target)
    for path in sorted(staging.rglob("*")):
        if path.is_file() and not path.relative_to(staging).parts[0].startswith("replaced-"):
            target = served / path.relative_to(staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)


def _articles_again(live: Live, rendered: Rendered) -> Knowledge:
    """The articles read again against the edited glossary (their links' tooltips, the terms
    they mention): if that changes them, their pages are made again too."""
    knowledge = live.build.knowledge or Knowledge()
    if not knowledge.articles:
        return knowledge
    config = live.passes[rendered.settings.default_language].config
    return articles.prepare(rendered.settings, rendered.glossary, config, serving=True)


def term_pages(glossary: Glossary, layout: SiteLayout, ids: set[str], history: Any,
               kept: Kept, articles: tuple[Article, ...] = ()) -> dict[str, Page]:
    """The term pages of ``ids`` in every language, as the full render makes them (what they
    need of the whole glossary, backlinks and the names mentions are matched against, from
    ``kept``: worked out again only for entries that changed)."""
    inbound = kept.inbound(glossary, ids)
    made: dict[str, Page] = {}
    for code in glossary.languages:
        view = View(glossary, layout, load_locale(code), inbound, history, articles)
        view.__dict__["mention_names"] = kept.mention_names(glossary, code)  # the cached_property's value
        for entry_id in sorted(ids & glossary.entries.keys()):
            page = term_page(view, glossary.entries[entry_id])
            made[source_uri(page, layout.settings)] = page
    return made


class Kept:
    """What every term page asks of the whole glossary, kept between edits: each entry's
    link targets (for backlinks) and, per language, the names mentions link to."""

    def __init__(self) -> None:
        self.targets: dict[str, tuple[Entry, set[str]]] = {}
        self.names: dict[str, tuple[tuple, Names | None]] = {}

    def warm(self, glossary: Glossary) -> None:
        """Made once after a build, for its glossary: else the first edit made all of it (every
        entry's links, every name per language: 0.7 s of CPU at 10,000 terms, 2 s on a busy
        machine, against 0.15-0.3 s for the edits after it)."""
        self.inbound(glossary, set())
        for code in glossary.languages:
            self.mention_names(glossary, code)

    def inbound(self, glossary: Glossary, ids: set[str]) -> dict[str, tuple[str, ...]]:
        """:func:`~lexikon.core.queries.backlinks` of ``ids`` only; targets of unchanged entries
        (the same objects: the check keeps their reports) are not read again."""
        targets = {}
        for entry_id, entry in glossary.entries.items():
            known = self.targets.get(entry_id)
            if known is None or known[0] is not entry:
                known = (entry, {*entry.related, *linked_ids(entry)})
            targets[entry_id] = known
        self.targets = targets
        return {target: tuple(sorted(source for source, (_, to) in targets.items()
                                     if target in to and source != target))
                for target in ids if target in glossary.entries}

    def mention_names(self, glossary: Glossary, lang: str) -> Names | None:
        """:func:`~lexikon.render.autolink.mention_names`, made again only when a name changed."""
        key = tuple((entry.id, text.title, text.aliases, text.forms) for entry in glossary.entries.values()
                    if (text := entry.texts.get(lang)) is not None)
        known = self.names.get(lang)
        if known is None or known[0] != key:
            known = self.names[lang] = (key, autolink.mention_names(glossary, lang))
        return known[1]


def same(page: Page, shown: Page | None) -> bool:
    """Whether the served page was made from this very page (its Markdown and its head)."""
    return shown is not None and page == shown and page.structured_data == shown.structured_data


def _hand_written(live: Live, generation: int, generated: dict[str, Page]) -> bool:
    """The pages of ``docs/`` again: the home page's picture, links to terms that came or went."""
    for language in list(live.passes.values()):
        for file in list(language.files.documentation_pages()):
            if file.src_uri in generated or file.page is None:
                continue
            with live.lock:
                if not live.current(generation):
                    return False
                language.make(file.page, live.served)
    return True

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
import time
from typing import TYPE_CHECKING, Any

from lexikon.core.layout import SiteLayout
from lexikon.core.locale import load_locale
from lexikon.core.model import Glossary
from lexikon.core.queries import backlinks
from lexikon.engine.mkdocs.pages import source_uri
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
    again = live.full_render(rendered)
    with live.lock:
        if not live.current(generation):
            return
        shown = live.shown
        make = [uri for uri, page in again.pages.items() if not same(page, shown.get(uri))]
        make.sort(key=lambda uri: len(again.pages[uri].markdown))  # the long lists last: a newer
        # edit waits for the page being made, at most
        gone = set(shown) - set(again.pages)
        hand_written = live.moved or again.graphs != rendered.graphs
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
        config.data["site_dir"] = str(live.served)
    live.finish(again, config, search=False)
    live.refresh_search(again)
    log.info("lexikon: search, feeds, sitemaps and exports updated in %.2f s", time.perf_counter() - start)


def term_pages(glossary: Glossary, layout: SiteLayout, ids: set[str], history: Any) -> dict[str, Page]:
    """The term pages of ``ids`` in every language, as the full render makes them."""
    inbound = backlinks(glossary)
    made: dict[str, Page] = {}
    for code in glossary.languages:
        view = View(glossary, layout, load_locale(code), inbound, history)
        for entry_id in sorted(ids & glossary.entries.keys()):
            page = term_page(view, glossary.entries[entry_id])
            made[source_uri(page, layout.settings)] = page
    return made


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

"""``mkdocs serve``'s fast path: an edit in ``glossary/`` on screen without a build.

A full MkDocs build (two language passes of every page) takes seconds to minutes; after one
edit of an entry only a few pages change. Serve's own watcher would rebuild everything, so
``on_serve`` takes the glossary folder from it and watches it here (inotify: no polling
delay). After an edit, with the last good build's state kept in memory (each language
pass's config, files, nav and Jinja environment: :mod:`.live_pages`; the file reports of
the check: :mod:`.live_check`):

1. **At once**: the changed file is checked against the others' kept reports; with errors,
   the findings are logged and the last good pages stay. Else the changed entries' pages in
   every language are rendered, converted and templated through the build's own steps and
   written into the served folder (a new entry's files are made as static-i18n makes them,
   a deleted one's removed), and the browsers reload.
2. **Then, in the background**: the whole glossary is rendered again; each page whose
   Markdown differs from what is served (links, tooltips, backlinks, graphs, the A–Z, tag
   and list pages, the home page's graph) is made again the same way; the browsers reload.
3. **Last**: Pagefind's bundles, feeds, sitemaps and exports are written again (a lunr
   index only by the next full build). A newer edit cancels steps 2 and 3; it redoes them.

Anything else (``docs/``, ``mkdocs.yml``, ``_tags.yml``, the code, a failed step, articles that
mention other terms now) is a full rebuild; the log says why. Both paths hold one lock.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation

from lexikon.check.glossary_files import ENTRY_SUFFIXES, file_id
from lexikon.core.history import entry_history
from lexikon.core.model import Glossary, Result
from lexikon.core.paths import shown
from lexikon.core.queries import published
from lexikon.engine.mkdocs import articles
from lexikon.engine.mkdocs.live_check import KeptCheck
from lexikon.engine.mkdocs.live_pages import LanguagePass, config_copy
from lexikon.engine.mkdocs.live_settle import Kept, settle, term_pages
from lexikon.engine.mkdocs.pages import Rendered, render
from lexikon.render.page import Page

if TYPE_CHECKING:  # serve-only modules are imported where serve uses them, never in a build
    from lexikon.core.settings import Settings
    from lexikon.engine.mkdocs.build import LexikonBuild

log = logging.getLogger("mkdocs.hooks.lexikon")


_SERVER = ("root", "builder", "_rebuild_cond", "_want_rebuild", "_epoch_cond", "_visible_epoch",
           "_wanted_epoch")
"""What the fast path uses of MkDocs 1.6's ``LiveReloadServer`` (to reload and to ask for a
full rebuild, as its own watcher does)."""


class FullRebuild(Exception):
    """What the fast path cannot make exactly: serve's full rebuild does it."""


class Live:
    """The last good build's state and the fast path over it (one per ``mkdocs serve``)."""

    def __init__(self, build: LexikonBuild, finish: Callable[..., None]) -> None:
        self.build = build
        self.finish = finish
        """What a build does after its last pass (search, feeds, sitemaps, exports)."""
        self.lock = threading.RLock()
        self.passes: dict[str, LanguagePass] = {}
        self.nav: Navigation | None = None
        self.ready = False
        self.server: Any = None
        self.served = Path()
        self.check: KeptCheck | None = None  # the last build's (:meth:`check_for_build`)
        self.findings: set = set()
        self.shown: dict[str, Page] = {}
        """Each generated page as the served folder has it now."""
        self.moved = False
        """Whether pages came or went since the last background step (the hand-written
        pages' links may resolve differently)."""
        self.waiting: set[str] = set()
        """Entries changed since the last good state (edits made while the glossary had errors)."""
        self.kept = Kept()
        self.editing = False  # set by the watcher's thread before it waits: a newer edit comes
        self.generation = 0
        """Counts edits: the background steps of an older one stop when a newer comes."""

    # --- what the build leaves ----------------------------------------------------------------
    def check_for_build(self, settings: Settings) -> Result:
        """Serve's build checks through the kept check (made after the build, it read every file again)."""
        self.check = KeptCheck(settings)  # used once the build is good (else a full rebuild)
        return self.check.first

    def keep_nav(self, nav: Navigation) -> None:
        if self.build.serving:
            self.nav = nav

    def keep_pass(self, config: MkDocsConfig, files: Any, env: Any, lang: str) -> None:
        """One language pass's state, taken when its pages are read and its templates ready."""
        if self.build.serving and self.nav is not None:
            self.passes[lang] = LanguagePass(lang, config_copy(config), files, self.nav, env)

    def built(self) -> None:
        """A good build: its state is what the fast path starts from."""
        rendered = self.build.rendered
        if not self.build.serving or rendered is None:
            return
        self.ready = set(self.passes) == set(rendered.settings.codes)
        self.shown, self.waiting = dict(rendered.pages), set()
        self.kept.warm(published(rendered.glossary))
        self.findings = set()
        self.generation += 1

    def forget(self) -> None:
        """A failed build: no state to build on (the next change is a full rebuild)."""
        self.ready = False
        self.passes = {}

    # --- serve ------------------------------------------------------------------------------
    def serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """Take ``glossary/`` from serve's watcher and watch it here; one lock with full rebuilds."""
        rendered = self.build.rendered
        if rendered is None or not self.build.serving or not all(hasattr(server, n) for n in _SERVER):
            return server  # another server than MkDocs 1.6's: its own full rebuilds
        glossary_dir = rendered.settings.glossary_dir.resolve()
        self.server, self.served = server, Path(server.root)
        watched = [item for item in config.watch if Path(item).resolve() != glossary_dir]
        from lexikon.engine.mkdocs.live_watch import Watcher
        try:
            Watcher(glossary_dir, self.changed).start()
        except OSError as error:
            log.info("lexikon: no fast preview (%s): every edit is a full rebuild", error)
            return server
        config.watch[:] = watched
        if self.check is not None and (late := self.check.saved_since()):
            self.changed(late)  # saved during the first build, before a watcher: else never shown
        full = server.builder

        def locked_build() -> None:
            with self.lock:
                full()
        server.builder = locked_build
        return server

    def changed(self, paths: set[Path]) -> None:
        """Files in ``glossary/`` changed (called by the watcher's thread, one batch at a time)."""
        start = time.perf_counter()
        self.editing = True  # a background step stops at its next page, without the lock
        with self.lock:
            self.editing = False
            try:
                done = self._fast(paths)
            except FullRebuild as why:
                return self._full(str(why))
            except Exception as error:
                log.warning("lexikon: the fast preview failed (%s: %s)", type(error).__name__, error)
                return self._full("after that failure")
        if done:
            log.info("lexikon: preview updated in %.2f s: %s", time.perf_counter() - start, done)

    def _full(self, why: str) -> None:
        log.info("lexikon: %s: a full rebuild", why)
        self.ready = False
        with self.server._rebuild_cond:
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()

    # --- step 1 -----------------------------------------------------------------------------
    def _fast(self, paths: set[Path]) -> str:
        """The changed entries' own pages, at once; an empty answer when nothing was shown."""
        rendered = self.build.rendered
        if not self.ready or rendered is None or self.check is None:
            raise FullRebuild("no build to start from")
        entries = _entry_files(paths, rendered.settings.glossary_dir.resolve())
        if not entries:
            return ""
        result = self.check.recheck(entries)
        settings = rendered.settings
        self._log_findings(result, {shown(settings.glossary_dir / path.name, settings.project_dir)
                                    for path in entries})
        self.waiting |= {file_id(path) for path in entries}
        if result.errors:
            log.error(f"lexikon: {len(result.errors)} error(s) in the glossary, listed above; "
                      "the preview shows the last good state until they are fixed")
            return ""
        self.generation += 1
        ids, self.waiting = self.waiting, set()
        pages = self._show(rendered, result.glossary, ids)
        self.build.last_good = result.glossary
        self.reload()
        threading.Thread(target=self._settle, args=(self.generation,), daemon=True).start()
        return f"{len(pages)} page(s) of {', '.join(sorted(ids))}"

    def _show(self, rendered: Rendered, glossary: Glossary, ids: set[str]) -> list[str]:
        """Render, convert and write the pages of ``ids`` (new, changed or gone)."""
        new = term_pages(published(glossary), rendered.layout, ids, self.history, self.kept,
                         rendered.articles)
        gone = {uri for uri, page in rendered.pages.items() if page.entry_id in ids and uri not in new}
        pages = {uri: page for uri, page in rendered.pages.items() if uri not in gone}
        pages.update(new)
        self.put(replace(rendered, glossary=glossary, pages=pages), list(new), gone)
        return [*new, *gone]

    def put(self, rendered: Rendered, make: list[str], gone: set[str], generation: int = 0) -> bool:
        """``rendered`` becomes the build's; the pages ``make`` are made again from it (new
        ones get their files), the pages ``gone`` removed. With a ``generation`` (a background
        step), the lock is taken page by page and a newer edit stops it (False)."""
        with self.lock:
            if generation and not self.current(generation):
                return False
            old, self.build.rendered = self.shown, rendered
            for uri in gone:
                page = old.pop(uri, None)
                if page is None:
                    continue
                url = self.passes[page.lang].remove(uri, self.served)
                rendered.sitemaps.get(page.lang, {}).pop(url, None)
                self.moved = True
            made = []
            for uri in make:
                page = rendered.pages[uri]
                language = self.passes[page.lang]
                mkdocs_page = language.page(uri)
                if mkdocs_page is None and page.in_nav:
                    raise FullRebuild(f"{uri} is new in the navigation of every page")
                if mkdocs_page is None:
                    twins = [u for u, other in rendered.pages.items() if other.path == page.path]
                    mkdocs_page, self.moved = language.add(twins, uri, page.in_nav), True
                made.append((language, mkdocs_page, uri, page))
        for language, mkdocs_page, uri, page in made:
            with self.lock:
                if generation and not self.current(generation):
                    return False
                language.make(mkdocs_page, self.served)
                self.shown[uri] = page
        return True

    @property
    def history(self) -> Any:
        settings = self.build.rendered.settings
        return entry_history(settings.glossary_dir, settings.codes)

    def _log_findings(self, result: Result, files: set[str]) -> None:
        """The findings in the changed files, and any other new since the last edit."""
        from lexikon.engine.mkdocs.build import _LOG_LEVEL
        for finding in result.findings:
            if finding.path in files or finding not in self.findings:
                log.log(_LOG_LEVEL[finding.severity], str(finding))
        self.findings = set(result.findings)

    def reload(self) -> None:
        """Browsers reload (unless a full rebuild is under way: its end reloads them)."""
        from mkdocs.livereload import _timestamp
        server = self.server
        with server._epoch_cond:
            if server._visible_epoch == server._wanted_epoch:
                server._visible_epoch = server._wanted_epoch = _timestamp()
                server._epoch_cond.notify_all()

    # --- steps 2 and 3 ----------------------------------------------------------------------
    def _settle(self, generation: int) -> None:
        try:
            settle(self, generation)
        except Exception as error:
            with self.lock:
                if generation != self.generation:
                    return  # a newer state replaced the one it made (its folder may be gone)
                log.warning("lexikon: the preview's other pages were not updated (%s: %s)",
                            type(error).__name__, error)
                self._full("to update them")

    def current(self, generation: int) -> bool:
        return generation == self.generation and self.ready and not self.editing

    def full_render(self, rendered: Rendered, knowledge: articles.Knowledge) -> Rendered:
        """The whole glossary (with the articles' lists) rendered again, as the build does."""
        config = self.passes[rendered.settings.default_language].config
        again = render(rendered.glossary, rendered.settings, config, knowledge.articles, knowledge.markdown)
        articles.add_missing_pages(again, knowledge)
        return replace(again, sitemaps=rendered.sitemaps)


def _entry_files(paths: set[Path], glossary_dir: Path) -> set[Path]:
    """The entry files among ``paths``; a side file (``_tags.yml`` …) or a sub-folder's
    file needs a full rebuild; editors' temporary and backup files are no entries."""
    entries = set()
    for path in paths:
        name = path.name
        if not name.endswith(ENTRY_SUFFIXES) or name.startswith("."):
            continue
        if path.parent.resolve() != glossary_dir or name.startswith("_"):
            raise FullRebuild(f"{path.name} changed")
        entries.add(path)
    return entries

"""Pages the last site already holds exactly as this build would write them: linked in, not
built again (issue 17: after one edit, 2,000 unchanged pages went through MkDocs' per-page
steps, templated from the frame store and written, about half of a build's own work).

MkDocs 1.6 builds a page in ``mkdocs.commands.build._build_page``: its context, every
plugin's ``on_page_context`` and ``on_post_page``, the template, the file written. Before
that (at ``on_env``, every page converted, the nav's titles known) each generated page gets a
key made of everything its written file is made of:

- the pass: the frame store's base (the page store's fingerprint: code, library versions,
  ``mkdocs.yml``, Markdown options, hooks; the theme's own template files), the nav as the
  frame key names it, the config as the frame key names it (without the per-page language
  menu, which static-i18n and we set again for each page from the files), every file's
  addresses and inclusion, and which generated pages are written in their language (a twin's
  translation is in the page's language menu and ``hreflang`` links);
- the page: its key in the page store (its Markdown, addresses and language; what it looked
  up is among the files above), and what our ``on_page_context`` reads from the generated
  page (edit link, JSON-LD, search words, style).

The frame key (:mod:`.frame_cache`) names what the templates read; this key names where those
values come from, so it can be known before the context is made. When the last good build
wrote the page under this key, the store (signed, written only by a good build) holds the
written file's digest, and the site being replaced still holds a file with exactly those
bytes, that file is hard-linked into the new site (as :meth:`lexikon.publish.kept.KeptOutputs.reuse`
does) and MkDocs' ``_build_page`` is not run for it. What the page's events still owe the
rest of the build is done here: its sitemap entry, its texts released, its stored frame kept.
Anything else (no record, another ``-d`` folder, a deleted or hand-edited site, a failed
build in between: its site and store are the last good build's) builds the page as always.

Earlier still, at ``on_nav``, a page whose conversion the page store holds is set up from the
store without MkDocs' reading steps (``_populate_page``, see :func:`read_from_store`), its HTML
left packed until the page is built: a page whose file is taken never unpacks it.

Not in ``mkdocs serve`` (its fast path renders from the last build's page states), nor for a
page Material's search indexes (it reads the page in ``on_page_context``), nor ``--dirty``, nor
where another hook or plugin than MkDocs', Material's or static-i18n's has an ``on_post_page``
or ``on_page_context`` (it may read what no key names: :mod:`.outside`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

import mkdocs.commands.build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc

from lexikon.engine.mkdocs import held_html, kept_templates, outside, pages
from lexikon.engine.mkdocs.config import current_language
from lexikon.engine.mkdocs.held_html import left_out_of_search
from lexikon.engine.mkdocs.page_cache import PageCache
from lexikon.engine.mkdocs.pages import Rendered
from lexikon.publish.kept import bytes_digest, file_bytes, file_digest, link_or_copy
from lexikon.publish.pagefind import INDEXED
from lexikon.render.pages import Page

if TYPE_CHECKING:
    from lexikon.engine.mkdocs.build import LexikonBuild
    from lexikon.engine.mkdocs.frame_cache import FrameCache

log = logging.getLogger("mkdocs.hooks.lexikon")
STORE = "written"
_MARK = "_lexikon_kept_page"
"""Where a page keeps its key until MkDocs builds it (never a ``lexikon_`` state: those travel)."""
_SEARCH = ("search", "material/search")
_STORED = "_lexikon_stored"
"""On a file whose page the page store holds: set up from it, not read and converted."""
_HARMLESS = frozenset({"mkdocs_static_i18n.plugin"})
"""Plugins whose reading events leave an empty page as it is (admonition titles translated)."""


class KeptPages:
    """The written pages of one build: which the last site gives, which were written."""

    def __init__(self, converted: PageCache, frames: FrameCache) -> None:
        self.store = converted.store
        self.converted = converted
        self.frames = frames
        self.kept: dict[bytes, object] = {}
        """This build's records (taken and written): what the store holds after a good build."""
        self.proved: dict[str, tuple[str, bool]] = {}
        """This build's pages taken or written, by absolute path: their file's digest and whether
        Pagefind indexes them (read once here; the search bundles' keys take them from here)."""
        self.taken = 0
        self.total = 0
        self.previous: str | None = None
        self.folder: str | None = None
        self.rendered: Rendered | None = None
        self.lang = ""
        self.config: MkDocsConfig | None = None
        self.nav: Navigation | None = None
        self.keys: dict[str, bytes] = {}
        self.files = ""
        self.seen: bytes | None = None
        self.holds: bool | None = None  # see holds_still

    def prepare(self, files: Files, config: MkDocsConfig, nav: Navigation, build: LexikonBuild) -> None:
        """At ``on_nav``, after the page store's :meth:`~.page_cache.PageCache.begin_pass`: the
        pages it holds set up from it (:func:`read_from_store`), and what :meth:`begin_pass`
        needs. Nothing in ``mkdocs serve``: its fast path reads and builds pages through the events."""
        rendered, building = build.rendered, build.building
        if build.serving or rendered is None or building is None:
            return
        read_from_store(files, config, self.converted, rendered)
        self.previous, self.folder = str(building.site_dir), str(building.folder)
        self.rendered, self.config, self.nav = rendered, config, nav
        self.lang = current_language(config, rendered.settings)
        self.keys, self.files = self.converted.keys, self.converted.files_digest  # the pass's: kept to on_env

    def begin_pass(self, files: Files) -> None:
        """At ``on_env``, every page converted: each generated page of this pass with a key in
        the page store marked with its key here (see the module's text)."""
        if self.nav is None or self.rendered is None or self.config is None:
            return  # not prepared: mkdocs serve
        _install()
        rendered, config = self.rendered, self.config
        searched = any(name in config.plugins for name in _SEARCH)
        base = self.frames.pass_digest(config, self.nav)
        if base is None or outside.strangers(config, ("post_page",)):
            return  # what another hook's on_post_page makes of a page is no part of the key
        self.seen, self.holds = self.frames.config_digest(config), None
        base.update(f"{self.lang}\0{self.files}\0".encode() + _translated_digest(rendered.pages))
        kept_templates.mark(files, self, base, config)  # the pass's 404 page, keyed alike
        for file in files.documentation_pages():
            page, key = file.page, self.keys.get(file.src_uri)
            generated = rendered.pages.get(file.src_uri)
            if page is None or key is None or generated is None:
                continue
            if searched and not left_out_of_search(page):
                continue  # Material's search reads it in on_page_context
            digest = base.copy()
            digest.update(key)
            digest.update(_generated_digest(generated))
            setattr(page, _MARK, (self, digest.digest()))

    def holds_still(self, config: MkDocsConfig) -> bool:
        """Whether the pass's shared key is still :meth:`begin_pass`'s, once a hook's ``on_env`` after
        ours has run (it may change the config or Jinja's globals): asked at the first template."""
        if self.holds is None:  # after outside.settle (see _build_page)
            named = self.frames.config_digest(config)
            self.holds = named is not None and named == self.seen
        return self.holds

    def _take(self, page: MkDocsPage, key: bytes) -> bool:
        """Link the page's file from the last site if it holds the bytes recorded under ``key``."""
        record = self.store.item(STORE, key)
        relative = self._relative(page)
        if (relative is None or not isinstance(record, dict) or record.get("dest") != relative
                or not isinstance(record.get("digest"), str) or self.previous is None):
            return False
        source, target = os.path.join(self.previous, relative), page.file.abs_dest_path
        try:
            if file_digest(source) != record["digest"]:
                return False
            _folder_for(target)
            link_or_copy(source, target)  # strings: thousands a build
        except (OSError, ValueError):
            return False
        self.kept[key] = record
        if isinstance(record.get("indexed"), bool):  # an older record's: read again for search
            self.proved[target] = (record["digest"], record["indexed"])
        self.frames.keep(record.get("frame"))
        self.taken += 1
        self._owed(page)
        return True

    def _owed(self, page: MkDocsPage) -> None:
        """What the page's ``on_page_context`` and ``on_post_page`` do for the rest of the build:
        its sitemap entry (with its languages), its texts let go of."""
        assert self.rendered is not None and self.config is not None
        pages.page_frame(page, self.lang, self.rendered, self.config)
        held_html.forget(page)
        pages.release_page_text(page)

    def _record(self, page: MkDocsPage, key: bytes) -> None:
        """A page just written: its file's digest under ``key``, and its frame's key."""
        relative, written = self._relative(page), page.file.abs_dest_path
        try:
            data = file_bytes(written)
        except OSError:
            return  # MkDocs wrote nothing (an empty page): nothing to take next time
        digest, indexed = bytes_digest(data), INDEXED in data
        frame = self.frames.keys.get(page.file.src_uri)
        self.proved[written] = (digest, indexed)
        if relative is not None:
            self.kept[key] = {"dest": relative, "digest": digest, "frame": frame.hex() if frame else None,
                              "indexed": indexed}

    def _relative(self, page: MkDocsPage) -> str | None:
        """Where the page's file stands in the site (a string: thousands a build)."""
        written, folder = page.file.abs_dest_path, self.folder
        if folder is None or not written.startswith(folder + os.sep):
            return None
        return written[len(folder) + 1:].replace(os.sep, "/")

    def end_pass(self) -> None:
        """Say how many of the pass's pages were linked from the last site."""
        if self.total:
            log.info(f"lexikon: {self.taken} of {self.total} generated pages' files from the last site")
        self.taken = self.total = 0
        self.previous = self.folder = self.rendered = self.config = self.nav = None
        self.keys, self.files = {}, ""

    def finish(self) -> None:
        """After a good build: the store names this build's written pages, no others."""
        self.store.keep_items(STORE, self.kept)


def _folder_for(path: str) -> None:
    """The file's folder made (one per term page: most often only its own is missing)."""
    folder = os.path.dirname(path)
    try:
        os.mkdir(folder)
    except FileExistsError:
        pass
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)


def _translated_digest(generated: dict[str, Page]) -> bytes:
    """Which generated pages are written in their own language (a twin's ``hreflang`` link)."""
    text = "\n".join(f"{uri}\0{page.lang}\0{page.translated}" for uri, page in sorted(generated.items()))
    return hashlib.blake2b(text.encode(), digest_size=20).digest()


def _generated_digest(page: Page) -> bytes:
    """What our ``on_page_context`` reads from the generated page besides its Markdown."""
    text = json.dumps([page.path, page.lang, page.entry_id, page.structured_data, list(page.search_terms),
                       page.style, page.in_nav, page.translated], sort_keys=True, default=str)
    return hashlib.blake2b(text.encode(), digest_size=20).digest()


def read_from_store(files: Files, config: MkDocsConfig, converted: PageCache, rendered: Rendered) -> None:
    """Pages whose conversion the page store holds (``converted.hits``) set up from it directly,
    without MkDocs' reading steps: what those steps end with for such a page is exactly the
    stored state (our ``on_page_read_source`` gives it no source, our ``on_page_content`` sets
    the store's HTML, TOC, meta, title, anchors and links). Only where no other plugin's
    reading event could see the page (static-i18n's ``on_page_markdown`` sees an empty text)."""
    if outside.strangers(config, outside.READING, only=_HARMLESS):
        return
    _install()
    for uri in converted.hits:
        file = files.src_uris.get(uri)
        if file is not None:
            setattr(file, _STORED, (converted, rendered))


def _populate_page(page: MkDocsPage, config: MkDocsConfig, files: Files, dirty: bool = False) -> None:
    """MkDocs' ``_populate_page``, or the page set up from the page store (see :func:`read_from_store`)."""
    stored = vars(page.file).pop(_STORED, None)
    if stored is None or dirty or not stored[0].owns(page):
        _ORIGINAL[1](page, config, files, dirty)
        return
    converted, rendered = stored
    pages.release_markdown(rendered, page.file.src_uri)
    page.markdown, page.meta = "", {}  # what reading an empty source leaves
    page.content, page.toc, page._title_from_render = "", get_toc([]), None
    page.present_anchor_ids, page.links_to_anchors = set(), {}
    held_html.hold_stored(page, converted.restore(page, files))  # unpacked only if it is built


def _build_page(page: MkDocsPage, config: MkDocsConfig, doc_files: object, nav: Navigation,
                env: object, dirty: bool = False, excluded: bool = False) -> None:
    """MkDocs' ``_build_page``, unless the last site gives the page (see the module's text)."""
    outside.settle(env, config)  # type: ignore[arg-type]  # the environment MkDocs renders with
    mark = vars(page).pop(_MARK, None)
    if mark is None or dirty or excluded:
        held_html.settle(page)
        _ORIGINAL[0](page, config, doc_files, nav, env, dirty, excluded)
        return
    owner, key = mark
    owner.total += 1
    holds = owner.holds_still(config)
    if holds and owner._take(page, key):
        return
    held_html.settle(page)
    _ORIGINAL[0](page, config, doc_files, nav, env, dirty, excluded)
    if holds:
        owner._record(page, key)


_ORIGINAL: list[Callable] = []


def _install() -> None:
    """MkDocs' two per-page functions replaced by ours once per process (a page not marked by
    :meth:`KeptPages.begin_pass` or :func:`read_from_store` goes to MkDocs' own, unchanged).
    static-i18n calls MkDocs' ``build`` for its other languages, which finds them in the module."""
    if not _ORIGINAL:
        _ORIGINAL.extend([mkdocs_build._build_page, mkdocs_build._populate_page])
        mkdocs_build._build_page = _build_page  # type: ignore[assignment]
        mkdocs_build._populate_page = _populate_page  # type: ignore[assignment]

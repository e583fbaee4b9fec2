"""Pages as the theme's templates made them, kept by content between builds: an unchanged
page is not rendered by Jinja again.

After the conversion (:mod:`.page_cache`), Material's templates are the next largest part
of a build: every page renders the whole frame (header, nav, TOC, footer). What a template
reads is named here and hashed into the page's key: the page (its HTML, TOC, meta, title,
addresses, edit link, its place in the nav, previous and next page), the nav as a whole
(every item's kind, title, address and meta), every other value of the page's context
(ours, static-i18n's, MkDocs' ``base_url``, ``extra_css`` …) and the config (with the
language pass's overrides and the per-page language menu), the template's name, and the
theme's own template files' bytes (``custom_dir``; Material's are fixed by its version in
the page store's fingerprint), and what other code gives the templates (Jinja globals and
filters, other hooks' ``on_page_context``: :mod:`.outside`). Not hashed, because no template
of this theme prints them: ``build_date_utc`` and the list of all files (``pages``). A value
the key cannot name (an object that is not plain data) makes the page uncacheable, never a
false hit.

MkDocs 1.6 picks a page's template from ``page.meta['template']`` before the plugins'
``on_page_context``. So once all are converted (``on_env``) every page is routed through one tiny
template of ours (:data:`WRAPPER`), its own template name kept aside and restored in
``on_page_context`` (before any template reads the meta): the wrapper prints the stored
output on a hit, and on a miss includes the page's real template inside a filter that
keeps what it rendered, byte for byte. ``on_post_page`` runs as always on either.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

import jinja2
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage

from lexikon.engine.mkdocs import outside
from lexikon.engine.mkdocs.frame_pack import FramePacks
from lexikon.engine.mkdocs.kept_pages import KeptPages
from lexikon.engine.mkdocs.page_cache import PageCache, toc_tokens
from lexikon.engine.mkdocs.template_memo import COMPILED as _COMPILED
from lexikon.engine.mkdocs.template_memo import TemplateMemo

STORE = "frames"
WRAPPER = "lexikon-cached-frame.html"
_SOURCE = ("{% if lexikon_frame is defined %}{{ lexikon_frame|safe }}{% else %}"
           "{% filter lexikon_keep_frame %}{% include lexikon_template %}{% endfilter %}{% endif %}")
_UNHASHED = frozenset({"page", "nav", "config", "pages", "build_date_utc"})
_SKIPPED_CONFIG = frozenset({"plugins", "hooks", "markdown_extensions", "mdx_configs", "theme"})
"""Config values made of objects: they come from ``mkdocs.yml``, whose bytes are in the fingerprint."""
_KEPT_TEMPLATE = "_lexikon_template"


class Unnamed(TypeError):
    """A value the key cannot name: the page is rendered, not taken from the store."""


def plain(value: object, loose: bool = False) -> object:
    """``value`` as JSON data, or :class:`Unnamed`; ``loose``: a config's small value objects
    (a locale, an address, a script) by their text, unless it is only their identity."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Mapping) or (hasattr(value, "items") and callable(value.items)):
        return {str(key): plain(item, loose) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item, loose) for item in value]
    text = str(value) if loose and type(value).__str__ is not object.__str__ else " at 0x"
    if " at 0x" in text:
        raise Unnamed(type(value).__name__)
    return [type(value).__name__, text]


def _nav_item(item: object) -> list:
    children = getattr(item, "children", None) or []
    meta = getattr(item, "meta", None)
    meta = {k: v for k, v in meta.items() if k != "title"} if isinstance(meta, dict) else None
    return [type(item).__name__, getattr(item, "title", None), getattr(item, "url", None), plain(meta),
            [_nav_item(child) for child in children]]


def _neighbour(page: MkDocsPage | None) -> list | None:
    return None if page is None else [page.title, page.url]


class FrameCache:
    """The stored frames of one build, this pass's keys, and what this build's pages made."""

    def __init__(self, pages: PageCache, config: MkDocsConfig) -> None:
        self.store = pages.store
        self.base = hashlib.blake2b(pages.fingerprint.encode() + outside.theme_files(config), digest_size=20)
        self.keys: dict[str, bytes] = {}
        self.contents: dict[str, str] = {}  # the HTML each key holds, until the frame is kept (frame_pack)
        self.settings: tuple[MkDocsConfig, bytes | None] | None = None
        """This pass's config as the keys name it, but its ``extra`` (see :meth:`_settings_text`)."""
        self.kept = self.store.spill()
        """This build's frames, on disk as they are made (see :mod:`lexikon.check.cache_spill`)."""
        self.packs = FramePacks(self.store, self.kept, STORE)
        self.nav: tuple[int, bytes] | None = None
        self.pass_env: tuple[MkDocsConfig, Environment] | None = None
        self.hits = 0
        self.total = 0
        self.templates = TemplateMemo()
        """What pages not taken from the store share of their frames (see :mod:`.template_memo`)."""
        self.written = KeptPages(pages, self)
        """The files these frames became, taken whole from the last site where unchanged."""

    def on_env(self, env: Environment, files: Files, config: MkDocsConfig) -> None:
        """Our wrapper template and its filter in this pass's environment; every page, all
        converted now, routed through it (here, not where a page is converted: that may be
        the second process). First, what other code gives the templates (:mod:`.outside`), and
        the pages whose files the last site gives (:mod:`.kept_pages`)."""
        outside.mark(env, config)
        self.pass_env = (config, env)  # named again at the pass's first page: see offer
        self.written.begin_pass(files)
        for file in files.documentation_pages():
            if file.page is not None:
                self._route(file.page)
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({WRAPPER: _SOURCE}), env.loader])
        env.bytecode_cache = _COMPILED
        keep = self._keep

        @jinja2.pass_context
        def kept(context: jinja2.runtime.Context, output: str) -> str:
            return keep(context, output)
        env.filters["lexikon_keep_frame"] = kept
        self.templates.install(env)
        outside.installed(env, config)

    def _route(self, page: MkDocsPage) -> None:
        setattr(page, _KEPT_TEMPLATE, page.meta.get("template"))
        page.meta["template"] = WRAPPER

    def begin(self, context: dict, page: MkDocsPage) -> None:
        """First in ``on_page_context``: the page's own template name back in its meta."""
        if not hasattr(page, _KEPT_TEMPLATE):
            return
        own = getattr(page, _KEPT_TEMPLATE)
        delattr(page, _KEPT_TEMPLATE)
        if own is None:
            page.meta.pop("template", None)
        else:
            page.meta["template"] = own
        context["lexikon_template"] = own or "main.html"

    def offer(self, context: dict, page: MkDocsPage, config: MkDocsConfig, nav: Navigation) -> None:
        """Last in ``on_page_context``: the page's key; on a hit the stored output goes into the context."""
        if "lexikon_template" not in context or page.file.inclusion.is_excluded():
            return
        if self.pass_env is not None and self.pass_env[0] is config:  # not serve's copy of a pass
            outside.settle(self.pass_env[1], config)
        self.total += 1
        try:
            key = self._key(context, page, config, nav)
        except Unnamed:
            return
        self.keys[page.file.src_uri] = key
        stored = self.store.item(STORE, key)
        frame = self.packs.unpack(stored, page.content or "")
        if frame is not None:
            context["lexikon_frame"] = frame
            self.packs.hold(key, stored)
            self.hits += 1
        else:  # after the key: the memo's context values are no part of it
            self.contents[page.file.src_uri] = page.content or ""
            self.templates.offer(context, page, config, nav)

    def _key(self, context: dict, page: MkDocsPage, config: MkDocsConfig, nav: Navigation) -> bytes:
        digest = self.base.copy()
        digest.update(self._nav_digest(nav))
        digest.update(self._settings_text(config) + _outside(config))
        extra = plain(config.get("extra"), True)
        own = {k: v for k, v in context.items() if k not in _UNHASHED}
        described = [page.file.src_uri, page.file.dest_uri, page.url, page.canonical_url, page.abs_url,
                     page.edit_url, page.title, page.is_homepage, page.meta,
                     toc_tokens(list(page.toc)),
                     [_neighbour(a) for a in page.ancestors], _neighbour(page.previous_page),
                     _neighbour(page.next_page)]
        try:  # JSON's own walk, not plain()'s in Python first: most values are plain data already
            text = json.dumps([extra, own, described], sort_keys=True, default=_mapping)
        except (TypeError, ValueError, RecursionError) as error:  # a key JSON cannot name, a cycle
            raise Unnamed(type(error).__name__) from None
        digest.update(text.encode())
        digest.update(hashlib.blake2b((page.content or "").encode(), digest_size=20).digest())
        return digest.digest()

    def _settings_text(self, config: MkDocsConfig) -> bytes:
        """The config as :meth:`_key` names it but its ``extra``, once a pass (362k calls of :func:`plain`
        at 1,000 terms when made for each page): within a pass only ``extra.alternate`` (the language
        menu) changes from page to page, as :meth:`pass_digest` (the kept pages' key) already takes it."""
        if self.settings is None or self.settings[0] is not config:
            try:
                settings = {k: v for k, v in _settings(config).items() if k != "extra"}
                self.settings = (config, json.dumps(settings, sort_keys=True, default=_unnamed).encode())
            except Unnamed:
                self.settings = (config, None)
        if self.settings[1] is None:
            raise Unnamed("config")
        return self.settings[1]

    def pass_digest(self, config: MkDocsConfig, nav: Navigation) -> hashlib.blake2b | None:
        """What every page's key shares in this pass, as :meth:`_key` names it, for a key known
        before the pages' contexts (:mod:`.kept_pages`): the base, the nav, the config without
        the language menu (set again for each page from its twins, before its template reads it).
        None where a value cannot be named."""
        digest, named = self.base.copy(), self.config_digest(config)
        try:
            digest.update(_nav_digest(nav))  # as it is now (not kept: see on_env)
        except Unnamed:
            return None
        return None if named is None else digest.update(named) or digest

    @staticmethod
    def config_digest(config: MkDocsConfig) -> bytes | None:
        """The config but the language menu, and what other code gives the templates (:mod:`.outside`)."""
        try:
            settings = _settings(config)
            settings["extra"] = {k: v for k, v in settings.get("extra", {}).items() if k != "alternate"}
            text = json.dumps(settings, sort_keys=True, default=_unnamed).encode() + _outside(config)
        except Unnamed:
            return None
        return hashlib.blake2b(text, digest_size=20).digest()

    def keep(self, key: object) -> None:
        """A frame of the last build still used (its page's file taken whole, see :mod:`.kept_pages`)."""
        if not isinstance(key, str):
            return
        try:
            found = bytes.fromhex(key)
        except ValueError:
            return
        stored = self.store.item(STORE, found)
        if stored is not None:
            self.packs.hold(found, stored)

    def _nav_digest(self, nav: Navigation) -> bytes:
        if self.nav is None or self.nav[0] != id(nav):
            self.nav = (id(nav), _nav_digest(nav))
        return self.nav[1]

    def _keep(self, context: jinja2.runtime.Context, output: str) -> str:
        page = context.get("page")
        key = self.keys.get(page.file.src_uri) if page is not None else None
        content = self.contents.pop(page.file.src_uri, None) if page is not None else None
        if key is not None and content is not None:
            self.kept[key] = self.packs.pack(output, content)
        return output

    def end_pass(self) -> tuple[int, int]:
        """This pass's count of frames taken and rendered; ready for the next pass."""
        counts = (self.hits, self.total)
        self.keys, self.nav, self.hits, self.total = {}, None, 0, 0
        self.contents, self.settings, self.pass_env = {}, None, None
        self.packs.end_pass()
        self.written.end_pass()
        return counts

    def finish(self) -> None:
        """After a good build: the store holds this build's frames and written pages, no others."""
        self.store.keep_items(STORE, self.kept)
        self.written.finish()


def _nav_digest(nav: Navigation) -> bytes:
    items = [_nav_item(item) for item in nav.items]
    home = nav.homepage.url if nav.homepage is not None else None
    text = json.dumps([items, home], sort_keys=True, default=_unnamed)
    return hashlib.blake2b(text.encode(), digest_size=20).digest()


def _settings(config: MkDocsConfig) -> dict:
    """The config's values a template may read, as plain data (:class:`Unnamed` if one is not)."""
    settings = {k: plain(v, True) for k, v in config.items() if k not in _SKIPPED_CONFIG}
    settings["theme"] = plain(dict(config.theme.items()), True)
    return settings


def _mapping(value: object) -> object:
    """As JSON's ``default``: a mapping that is no dict as :func:`plain` names it; else :class:`Unnamed`."""
    if isinstance(value, Mapping) or (hasattr(value, "items") and callable(value.items)):
        return plain(value)
    raise Unnamed(type(value).__name__)


def _unnamed(value: object) -> object:
    raise Unnamed(type(value).__name__)


def _outside(config: MkDocsConfig) -> bytes:
    found = outside.pass_digest(config)
    if found is None:
        raise Unnamed("what other code gives the templates")
    return found

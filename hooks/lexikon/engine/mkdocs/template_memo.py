"""Template output every page of a language pass repeats, rendered once a pass (issue 17: a cold
build within 1.5× of plain pages).

Material renders the whole frame into every page. Two parts of it are the same on most pages
and cost a fifth of the templates' time:

- **Translations.** Material's ``t(key)`` macro builds its language's whole table (about 80
  strings) on every call, a dozen calls a page. Its result depends only on the theme's
  language and the key (``partials/language.html``, ours): kept per pass in
  ``lexikon_translated``.
- **The primary nav.** ``partials/nav.html`` reads the nav (titles, addresses, which item is
  active), the config and the page only through the ``url`` filter (addresses relative to the
  page) and the active item (which shows the page's TOC). On a page outside the nav (term,
  tag and letter pages: nearly all) no item is active, so the nav's HTML is a function of
  the pass and of the relative addresses of the nav's items from that page: kept under those.

The templates fall back to Material's own rendering wherever these are not installed (a site
built from our theme folder without the hook, the 404 page), and the nav's wrapper (``NAV``,
served before the theme's own file) includes Material's file unchanged: the output is the same
byte for byte (tested on whole sites, :mod:`tests.builds.test_cold_build_s7`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import jinja2
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils import get_relative_url

NAV = "partials/nav.html"
THEME_NAV = "lexikon-theme-nav.html"
"""Material's own ``partials/nav.html``, under a name our wrapper can include."""
_NAV_SOURCE = ("{%- if lexikon_nav_html is defined -%}{{ lexikon_nav_html }}{%- else -%}"
               "{%- filter lexikon_keep_nav -%}{% include '" + THEME_NAV + "' %}{%- endfilter -%}"
               "{%- endif -%}")
_NAV_KEY = "lexikon_nav_key"


class _CompiledInThisProcess(jinja2.BytecodeCache):
    """Templates compiled once per process, not once per language pass (nor, in ``mkdocs
    serve``, per rebuild): Jinja checks each template's source against its checksum. Held in
    memory only: code read from ``.cache/`` would run whatever a leaked key signed."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED = _CompiledInThisProcess()
"""Every pass's environment's bytecode cache (set by :mod:`.frame_cache`)."""


class TemplateMemo:
    """One language pass's translations and navs, made once (see the module's text)."""

    def __init__(self) -> None:
        self.translated: dict[tuple[str, str], object] = {}
        self.navs: dict[tuple, str] = {}
        self.nav: Navigation | None = None
        """The nav the kept navs were made from (serve's fast path renders both passes' pages)."""
        self.items: list = []
        self.urls: list[str] = []

    def install(self, env: Environment) -> None:
        """This pass's memo in ``env``: the translation memo, the nav wrapper before the theme's file."""
        self.translated, self.navs, self.nav = {}, {}, None
        theme_nav = env.loader.get_source(env, NAV)[0] if env.loader is not None else None
        if theme_nav is None:
            return
        templates = {NAV: _NAV_SOURCE, THEME_NAV: theme_nav}
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader(templates), env.loader])
        env.globals["lexikon_translated"] = self._translated
        keep = self._keep

        @jinja2.pass_context
        def kept(context: jinja2.runtime.Context, output: str) -> str:
            return keep(context, output)
        env.filters["lexikon_keep_nav"] = kept

    def _translated(self, language: str, key: str, translate: Callable[[str], object]) -> object:
        found = self.translated.get((language, key))
        if found is None:
            found = self.translated[(language, key)] = translate(key)
        return found

    def offer(self, context: dict, page: MkDocsPage, config: MkDocsConfig, nav: Navigation) -> None:
        """The page's nav from the memo, or its key for the wrapper to keep what it renders;
        nothing for a page in the nav (its item is active and shows the page's TOC)."""
        if nav is not self.nav:
            self.nav, self.navs = nav, {}
            self.items = list(_walk(nav.items))
            self.urls = [url for item in self.items for url in _urls(item)]
            if nav.homepage is not None:
                self.urls.append(nav.homepage.url)
        # The logo's link and image, when set, are relative to the page as well.
        own = [(config.extra or {}).get("homepage"), config.theme.get("logo")]
        urls = [*self.urls, *(url for url in own if isinstance(url, str))]
        if any(getattr(item, "active", False) for item in self.items) or page in self.items:
            return
        key = (context.get("base_url"), _config_key(config),
               tuple(get_relative_url(url, page.url) for url in urls))
        html = self.navs.get(key)
        if html is not None:
            context["lexikon_nav_html"] = html
        else:
            context[_NAV_KEY] = key

    def _keep(self, context: jinja2.runtime.Context, output: str) -> str:
        key = context.get(_NAV_KEY)
        if key is not None:
            self.navs[key] = output
        return output


def _walk(items: list) -> Iterator:
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or [])


def _urls(item: object) -> list[str]:
    url = getattr(item, "url", None)
    return [url] if isinstance(url, str) else []


def _config_key(config: MkDocsConfig) -> tuple:
    """What of the config ``nav.html`` prints (constant within a pass; named to be safe)."""
    extra = config.extra or {}
    theme = config.theme
    return (config.site_name, config.repo_url, config.repo_name, str(extra.get("homepage")),
            repr(extra.get("status")), theme.get("language"), repr(theme.get("logo")),
            repr(theme.get("icon")), repr(theme.get("features")))

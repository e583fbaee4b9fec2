"""MkDocs' state of each language pass, kept after a build, and one page made again with it.

``mkdocs serve``'s fast path (:mod:`lexikon.engine.mkdocs.live`) converts and templates a
few pages without a build. It needs what the build had in each language pass: the config as
static-i18n set it up for that language (theme language, site name, palette, language
menu), the files, the nav and the Jinja environment. static-i18n reconfigures one config
object from pass to pass, so each pass's config is kept as a copy taken in ``on_env`` (its
theme settings and ``extra`` copied deeply: those are what i18n changes in place). A page
then goes through MkDocs' own steps (read, Markdown, every plugin's events, the template)
as in ``mkdocs.commands.build``: the output is the build's, byte for byte.
"""

from __future__ import annotations

import contextlib
import copy
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage

from lexikon.engine.mkdocs.second_process import _populate_page as populate_page


@dataclass
class LanguagePass:
    """What one language pass of the last good build used, to make its pages again."""

    lang: str
    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Environment

    def page(self, uri: str) -> MkDocsPage | None:
        file = self.files.get_file_from_path(uri)
        return file.page if file is not None else None

    def make(self, page: MkDocsPage, served: Path) -> None:
        """The page converted and templated as the build does it, written into ``served``."""
        config = self.config
        i18n = config.plugins.get("i18n")
        before = getattr(i18n, "current_language", None)
        if i18n is not None:
            i18n.current_language = self.lang  # what every plugin's events ask
        try:
            populate_page(page, config, self.files)
            output = _template(page, config, self.files, self.nav, self.env)
        finally:
            if i18n is not None:
                i18n.current_language = before
        if output.strip():
            write_atomically(served / page.file.dest_uri,
                             output.encode("utf-8", errors="xmlcharrefreplace"))

    def add(self, uris: list[str], uri: str, in_nav: bool) -> MkDocsPage:
        """A new generated page (``uri`` among its language twins ``uris``), as static-i18n
        would have made its file in this pass: the same alternates, address and inclusion."""
        config = self.config
        i18n = config.plugins.get("i18n")
        inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
        raw = Files([File(u, config.docs_dir, config.site_dir, config.use_directory_urls,
                          inclusion=inclusion) for u in uris])
        made = list(raw)
        if i18n is not None:
            before = i18n.current_language
            i18n.current_language = self.lang
            try:
                made = [f for f in i18n.reconfigure_files(raw, config) if f.is_documentation_page()]
            finally:
                i18n.current_language = before
        file = made[0]
        for other in made:
            if other.src_uri == uri:
                file = other
        self.files.append(file)
        return MkDocsPage(None, file, config)

    def remove(self, uri: str, served: Path) -> str | None:
        """A page no longer generated: out of the files, its output deleted; its URL."""
        file = self.files.get_file_from_path(uri)
        if file is None:
            return None
        self.files.remove(file)
        output = served / file.dest_uri
        output.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            output.parent.rmdir()  # terms/x/ when empty, as a cold build has no such folder
        return file.url


def config_copy(config: MkDocsConfig) -> MkDocsConfig:
    """The config as it is now, safe from what static-i18n changes for the next language."""
    kept = copy.copy(config)  # a new dict of the settings, the same plugins
    theme = copy.copy(config.theme)
    vars_name = "_Theme__vars"
    setattr(theme, vars_name, copy.deepcopy(getattr(config.theme, vars_name)))
    theme.dirs = list(config.theme.dirs)
    kept.data["theme"] = theme
    kept.data["extra"] = copy.deepcopy(config.extra)
    return kept


def _template(page: MkDocsPage, config: MkDocsConfig, files: Files, nav: Navigation,
              env: Environment) -> str:
    """MkDocs 1.6's ``_build_page`` up to the file written (its output returned instead)."""
    config._current_page = page
    page.active = True
    try:
        context = get_context(nav, files.documentation_pages(), config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        output = template.render(context)
        return config.plugins.on_post_page(output, page=page, config=config)
    finally:
        page.active = False
        config._current_page = None


def write_atomically(target: Path, data: bytes) -> None:
    """The file replaced at once: the preview's server never sends half of it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".lexikon-", dir=target.parent)
    try:
        os.chmod(temporary, 0o644)  # as MkDocs writes its pages
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

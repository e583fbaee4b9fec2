"""One MkDocs build of the site, all its language passes: the state they share and one method per
event (as Material's plugins keep theirs on the plugin instance); the hook only forwards.

static-i18n (priority -100) builds the default language and then, from its own ``on_post_build``, every
other language: most events run once per language. The glossary is loaded, checked and rendered once per
build, in the outermost ``on_pre_build``. ``mkdocs serve`` runs many builds in one process with one
object: each build begins in ``on_config`` and ends in ``on_post_build`` or ``on_build_error``.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Collection
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage

from lexikon.check.cache import FOLDER as CACHE_FOLDER
from lexikon.check.pipeline import run
from lexikon.core.failures import describe
from lexikon.core.model import Glossary, Result, Severity
from lexikon.core.safe_write import WriteRefused, checked
from lexikon.engine.mkdocs import articles, direct, file_listing, finish, held_html, material, pages
from lexikon.engine.mkdocs.caches import Caches, refused_as_abort
from lexikon.engine.mkdocs.config import current_language, settings_from_config, strict_abort_pending
from lexikon.engine.mkdocs.finish import abandon_ahead, finish_site, search_ahead, start_exports
from lexikon.engine.mkdocs.huge_pages import finished, set_aside
from lexikon.engine.mkdocs.live import Live
from lexikon.engine.mkdocs.page_cache import converted_elsewhere, unpacked
from lexikon.engine.mkdocs.pages import Rendered
from lexikon.engine.mkdocs.second_process import SecondProcess
from lexikon.publish import pagefind, spare
from lexikon.publish.building import Building, begin, glossary_folder
from lexikon.render import propose
from lexikon.render.pages import GRAPH_MARKER, Page

log = logging.getLogger("mkdocs.hooks.lexikon")
_LOG_LEVEL = {Severity.ERROR: logging.ERROR, Severity.WARNING: logging.WARNING, Severity.NOTE: logging.INFO}


class LexikonBuild:
    """What one build (all its language passes) shares, and what each MkDocs event does with it."""

    def __init__(self) -> None:
        self.depth = 0  # nesting of on_pre_build/on_post_build: i18n's passes run inside the first
        self.building: Building | None = None
        """The real output folder, its lock, and the folder beside it the passes write into:
        swapped in when all succeed (see lexikon.publish.building)."""
        self.rendered: Rendered | None = None
        self.knowledge: articles.Knowledge | None = None  # the articles, checked and rendered once
        self.pagefind = False  # whether this build's search is Pagefind's (from the settings)
        self.second: SecondProcess | None = None
        """Renders half the generated pages of the current language pass, when it helps."""
        self.caches: Caches | None = None
        """What earlier builds made, by content: texts, pages, frames, outputs (see :mod:`.caches`)."""
        self.last_pass: Files | None = None  # the last language pass's (see pages.let_go_of_pass)
        self.serving = False
        """Whether this process is ``mkdocs serve``, whose rebuilds keep the last good glossary."""
        self.last_good: Glossary | None = None
        """In ``mkdocs serve``, the last glossary without errors: what the preview shows meanwhile."""
        self.live = Live(self, finish.finish_without_kept)
        """In ``mkdocs serve``, the last build's state and the fast path after an edit."""

    def on_startup(self, command: str) -> None:
        self.serving = command == "serve"

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        return self.live.serve(server, config, builder)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        file_listing.install()  # the theme's files and static-i18n's per-pass file work, cheaper
        # A failed build must leave the last good site/ as it was: write elsewhere, swap at the end.
        if self.building is None:
            project = Path(config.config_file_path).parent
            try:
                checked(project / CACHE_FOLDER, project)  # the check cache is written through no link
                self.building = begin(Path(config.site_dir), project, glossary_folder(config.extra))
            except (WriteRefused, OSError) as error:
                raise Abort(describe(error, project)) from None
            config.site_dir = str(self.building.folder)
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self.depth += 1
        if self.depth > 1:
            if self.caches is not None:
                self.caches.count_frames()  # the previous language pass's
            search_ahead(self.rendered, self.building, self.caches)
            pages.let_go_of_pass(self.last_pass, self.serving)
            return
        settings = settings_from_config(config)
        made_of: dict[str, bytes] = {}  # each entry's file as the loader keys it (serve: none)
        result = refused_as_abort(self.live.check_for_build if self.serving
                                  else functools.partial(run, keys=made_of), settings)
        for finding in result.findings:
            log.log(_LOG_LEVEL[finding.severity], str(finding))
        glossary = pages.without_spans(self._good_glossary(result), self.serving)
        del result  # its reports and the entries' sources: not held through the render
        kb = self.knowledge = articles.prepare(settings, glossary, config, self.serving)
        self.caches = Caches.open(config, settings)
        if self.caches is not None and made_of:
            self.caches.keys.learn(glossary, made_of, self.caches.pages.store)
        render = self.caches.render if self.caches is not None else pages.render
        self.rendered = render(glossary, settings, config, kb.articles, kb.markdown, pack=not self.serving)
        articles.add_missing_pages(self.rendered, kb)
        self.pagefind = settings.search == "pagefind"
        pages.settle_heap(self.rendered, self.serving)
        start_exports(self.rendered, config, self.caches, self.building)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.rendered is not None
        pages.add_generated_files(files, self.rendered, config)
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        spare.settle(Path(config.site_dir), (file.dest_uri for file in files))  # before the pass writes
        if self.rendered is not None:
            done: Collection[str] = ()
            if self.caches is not None:
                lang = current_language(config, self.rendered.settings)
                self.caches.pages.begin_pass(files, config, self.rendered, lang)
                done = self.caches.pages.hits
                self.caches.frames.written.prepare(files, config, nav, self)  # see kept_pages
            self.second = SecondProcess.start(files, config, self.rendered, done)
        self.live.keep_nav(nav)
        return nav

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        self._close_second()  # every page has its HTML now
        if self.caches is not None:
            self.caches.pages.end_pass()
            self.caches.frames.on_env(env, files, config)
        if self.rendered is not None:
            self.live.keep_pass(config, files, env, current_language(config, self.rendered.settings))
        self.last_pass = files
        return env

    def on_page_read_source(self, page: MkDocsPage, config: MkDocsConfig) -> str | None:
        source = self._source(page, config)
        if not self.serving and self.rendered is not None:  # serve's fast path renders from them again
            pages.release_markdown(self.rendered, page.file.src_uri)  # each is read once a build
        return source

    def _source(self, page: MkDocsPage, config: MkDocsConfig) -> str | None:
        if self.caches is not None:
            self.caches.pages.begin_page()
            if self.caches.pages.owns(page):
                converted_elsewhere(page)
                return ""  # converted in an earlier build: see on_page_content
        if self.second is not None and self.second.owns(page):
            converted_elsewhere(page)
            return ""  # converted in the second process: see on_page_content
        generated = self._generated(page)
        if generated is None:
            return None
        # Converted by our render, not Python-Markdown, where it can (see engine.mkdocs.direct).
        title = material.permalink_title(current_language(config, self.rendered.settings))
        return direct.read(page, pages.markdown_of(self.rendered, page.file.src_uri), title)

    def on_template_context(self, context: dict, template_name: str, config: MkDocsConfig) -> dict:
        if template_name == "404.html" and self.rendered is not None:
            layout = self.rendered.layout
            lang = current_language(config, layout.settings)
            material.not_found_context(context, config, layout, lang)
            context["lexikon_propose"] = propose.script_attributes(config.repo_url, lang)
        return context

    def on_page_markdown(self, markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        markdown = articles.page_markdown(self.knowledge, page, markdown)
        if self.pagefind:
            page.lexikon_searched = pagefind.take_over_search(page.meta)  # type: ignore[attr-defined]
        if GRAPH_MARKER in markdown and self.rendered is not None:
            lang = current_language(config, self.rendered.settings)
            markdown = markdown.replace(GRAPH_MARKER, self.rendered.graphs.get(lang, ""))
        return markdown

    def on_page_content(self, html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        stored = None  # the HTML as the page store packs it: held as it is, not packed again
        if self.caches is not None and self.caches.pages.owns(page):
            stored = self.caches.pages.restore(page, files)
            html = unpacked(stored)
        else:
            html = self._converted(html, page, config, files)
            if self.caches is not None:
                stored = self.caches.pages.put(page, html)
        return held_html.hold(page, html, self.serving, stored)  # until on_page_context: see held_html

    def _converted(self, html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        if self.second is not None and self.second.owns(page):
            return self.second.take(page, files)
        lang = current_language(config, self.rendered.settings) if self.rendered else ""
        html = material.localize_permalinks(html, lang) if lang else html
        return pagefind.code_out_of_search(html) if self.pagefind else html

    def on_page_context(self, context: dict, page: MkDocsPage, config: MkDocsConfig,
                        nav: Navigation) -> dict:
        assert self.rendered is not None
        held_html.give_back(page)
        if self.caches is not None:
            self.caches.frames.begin(context, page)
        settings, layout = self.rendered.settings, self.rendered.layout
        lang = current_language(config, settings)
        context["lexikon_language_root"] = layout.root(lang)
        material.relative_language_menu(getattr(config.extra, "alternate", None) or [], layout)
        context["lexikon_default_language"] = settings.default_language
        context["lexikon_feed"] = layout.file_href_from(page.url, lang, layout.feed)
        context["lexikon_propose"] = propose.script_attributes(config.repo_url, lang)
        context.update(pages.page_frame(page, lang, self.rendered, config))
        page.lexikon_languages = context["lexikon_languages"]  # type: ignore[attr-defined]
        generated = self._generated(page)
        if generated is not None:
            page.edit_url = pages.edit_url(generated, config, settings)
            context["lexikon_json_ld"] = pages.json_ld_script(generated)
            context["lexikon_style"] = generated.style
        if self.pagefind:
            context["lexikon_search_body"] = getattr(page, "lexikon_searched", False)
            terms = generated.search_terms if generated else ()
            context["lexikon_search_terms"] = pagefind.search_terms_html(terms)
        if self.caches is not None:
            self.caches.frames.offer(context, page, config, nav)
        set_aside(page, config, self.serving)  # its HTML keyed: see huge_pages
        return context

    def on_post_page(self, output: str, page: MkDocsPage, config: MkDocsConfig) -> str:
        assert self.rendered is not None
        edit = functools.partial(material.page_edits, page=page, config=config, layout=self.rendered.layout,
                                 searched_by_pagefind=self.pagefind)
        output = finished(output, page, edit)  # the page's HTML put in last, where set aside
        pages.release_page_text(page)
        return output

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        if template_name == "404.html" and self.rendered is not None:
            output = material.finish_not_found(output, self.rendered.layout, config, self.pagefind)
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        self.depth -= 1
        if self.depth == 0 and self.rendered is not None:
            pages.let_go_of_pass(self.last_pass, self.serving)  # before Pagefind's process forks
            caches, building = self.caches, self.building
            kept = None
            if caches is not None:
                caches.count_frames()
                kept = caches.outputs_from(building.site_dir) if building is not None else None
            finish_site(self.rendered, config, kept)
            self.building = None
            if building is not None:
                if strict_abort_pending(config):
                    building.discard()  # MkDocs raises its strict Abort next: keep the last good site
                else:
                    try:
                        building.finish()
                    except OSError as error:  # the swap refused (an immutable site folder): one line
                        raise Abort(describe(error, Path(config.config_file_path).parent)) from None
                    if caches is not None:
                        caches.finish()  # only a good build's items are kept
                    self.live.built()
                config.site_dir = str(building.site_dir)

    def on_build_error(self, error: Exception) -> None:
        # Never followed by on_post_build: drop the half-written output, keep the last good site, serve on.
        self._close_second()
        abandon_ahead(self.rendered)
        if self.caches is not None:
            self.caches.pages.end_pass()
            self.caches = None
        self.live.forget()
        if self.building is not None:
            self.building.discard()
            self.building = None
        self.depth = 0

    def _good_glossary(self, result: Result) -> Glossary:
        """The checked glossary; with errors, the last good one in ``mkdocs serve`` (the server
        waits for a build that succeeds: a failed one would leave it answering nothing)."""
        errors = f"lexikon: {len(result.errors)} error(s) in the glossary, listed above"
        if not result.errors:
            self.last_good = result.glossary if self.serving else None
            return result.glossary
        if self.last_good is None:
            raise Abort(errors)
        log.error(f"{errors}; the preview shows the last good state until they are fixed")
        return self.last_good

    def _close_second(self) -> None:
        if self.second is not None:
            self.second.close()
            self.second = None

    def _generated(self, page: MkDocsPage) -> Page | None:
        return self.rendered.pages.get(page.file.src_uri) if self.rendered is not None else None

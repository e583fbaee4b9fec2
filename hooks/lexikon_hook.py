"""MkDocs hook: connects MkDocs events to one build object; no logic and no state of its own.

Everything a build does, and all it keeps between events, is in
:class:`lexikon.engine.mkdocs.build.LexikonBuild` (ProperDocs reads this same hook).
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from lexikon.engine.mkdocs.build import LexikonBuild

_build = LexikonBuild()


def on_startup(*, command: str, dirty: bool) -> None:
    return _build.on_startup(command)


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:  # a LiveReloadServer
    return _build.on_serve(server, config, builder)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    return _build.on_config(config)


@event_priority(100)
def on_pre_build(config: MkDocsConfig) -> None:
    return _build.on_pre_build(config)


@event_priority(50)  # before static-i18n sorts the files into languages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    return _build.on_files(files, config)


@event_priority(-100)  # the nav as static-i18n leaves it for this language
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    return _build.on_nav(nav, config, files)


@event_priority(-100)  # last: what later hooks set on the config is in the kept pages' keys
def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:  # a jinja2.Environment
    return _build.on_env(env, config, files)


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    return _build.on_page_read_source(page, config)


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    return _build.on_template_context(context, template_name, config)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _build.on_page_markdown(markdown, page, config, files)


@event_priority(-1000)  # last: a page from the second process has had every plugin's turn there
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _build.on_page_content(html, page, config, files)


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    return _build.on_page_context(context, page, config, nav)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _build.on_post_page(output, page, config)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    return _build.on_post_template(output, template_name, config)


@event_priority(-200)  # after static-i18n has built every language
def on_post_build(config: MkDocsConfig) -> None:
    return _build.on_post_build(config)


def on_build_error(error: Exception) -> None:
    return _build.on_build_error(error)

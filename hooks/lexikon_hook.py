"""MkDocs hook: connects MkDocs events to the Lexikon stages; no logic of its own.

static-i18n (priority -100) builds the default language and then, from its own
``on_post_build``, every other language: most events below run once per language. The
glossary is loaded, checked and rendered once per build, in the outermost ``on_pre_build``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page as MkDocsPage

from lexikon.check.cache import FOLDER as CACHE_FOLDER
from lexikon.check.pipeline import run
from lexikon.core.failures import describe
from lexikon.core.model import Severity
from lexikon.core.safe_write import WriteRefused, checked
from lexikon.engine.mkdocs import site
from lexikon.publish.building import Building, begin
from lexikon.render.pages import GRAPH_MARKER

log = logging.getLogger("mkdocs.hooks.lexikon")
_LOG_LEVEL = {Severity.ERROR: logging.ERROR, Severity.WARNING: logging.WARNING, Severity.NOTE: logging.INFO}


class _Build:
    """What one build (all its language passes) shares."""

    depth = 0
    """Nesting of on_pre_build/on_post_build: i18n's passes run inside the first one."""
    building: Building | None = None
    """The real output folder, its lock, and the folder beside it the passes write into:
    swapped in when all succeed (see lexikon.publish.building)."""
    rendered: site.Rendered | None = None
    second: site.SecondProcess | None = None
    """Renders half the generated pages of the current language pass, when it helps."""


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # A failed build must leave the last good site/ as it was: write elsewhere, swap at the end.
    if _Build.building is None:
        project = Path(config.config_file_path).parent
        try:
            checked(project / CACHE_FOLDER, project)  # the check cache is written through no link
            _Build.building = begin(Path(config.site_dir), project)
        except (WriteRefused, OSError) as error:
            raise Abort(describe(error, project)) from None
        config.site_dir = str(_Build.building.folder)
    return config


@event_priority(100)
def on_pre_build(config: MkDocsConfig) -> None:
    _Build.depth += 1
    if _Build.depth > 1:
        return
    settings = site.settings_from_config(config)
    result = run(settings)
    for finding in result.findings:
        log.log(_LOG_LEVEL[finding.severity], str(finding))
    if result.errors:
        raise Abort(f"lexikon: {len(result.errors)} error(s) in the glossary, listed above")
    _Build.rendered = site.render(result.glossary, settings, config)


@event_priority(50)  # before static-i18n sorts the files into languages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _Build.rendered is not None
    site.add_generated_files(files, _Build.rendered, config)
    return files


@event_priority(-100)  # the nav as static-i18n leaves it for this language
def on_nav(nav, config: MkDocsConfig, files: Files):
    if _Build.rendered is not None:
        _Build.second = site.SecondProcess.start(files, config, _Build.rendered)
    return nav


def on_env(env, config: MkDocsConfig, files: Files):
    if _Build.second is not None:  # every page has its HTML now
        _Build.second.close()
        _Build.second = None
    return env


def on_page_read_source(page: MkDocsPage, config: MkDocsConfig) -> str | None:
    if _Build.second is not None and _Build.second.owns(page):
        return ""  # converted in the second process: see on_page_content
    generated = _generated(page)
    return generated.markdown if generated else None


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    if template_name == "404.html" and _Build.rendered is not None:
        settings = _Build.rendered.settings
        site.not_found_context(context, config, settings, site.current_language(config, settings))
    return context


def on_page_markdown(markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    if _pagefind():
        page.lexikon_searched = site.take_over_search(page.meta)  # type: ignore[attr-defined]
    if GRAPH_MARKER in markdown and _Build.rendered is not None:
        lang = site.current_language(config, _Build.rendered.settings)
        markdown = markdown.replace(GRAPH_MARKER, _Build.rendered.graphs.get(lang, ""))
    return markdown


@event_priority(-1000)  # last: a page from the second process has had every plugin's turn there
def on_page_content(html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    if _Build.second is not None and _Build.second.owns(page):
        return _Build.second.take(page, files)
    lang = site.current_language(config, _Build.rendered.settings) if _Build.rendered else ""
    html = site.mark_other_language(site.localize_permalinks(html, lang) if lang else html)
    return site.code_out_of_search(html) if _pagefind() else html


def on_page_context(context: dict, page: MkDocsPage, config: MkDocsConfig, nav) -> dict:
    assert _Build.rendered is not None
    settings = _Build.rendered.settings
    root = site.language_root(site.current_language(config, settings), settings)
    context["lexikon_language_root"] = root
    site.relative_language_menu(getattr(config.extra, "alternate", None) or [], settings)
    context["lexikon_default_language"] = settings.default_language
    context["lexikon_feed"] = site.href(page.url, root + "feed.xml")
    context.update(site.page_frame(page, site.current_language(config, settings), _Build.rendered, config))
    page.lexikon_languages = context["lexikon_languages"]  # type: ignore[attr-defined]
    generated = _generated(page)
    if generated is not None:
        page.edit_url = site.edit_url(generated, config, settings)
        context["lexikon_json_ld"] = site.json_ld_script(generated)
        context["lexikon_style"] = generated.style
    if _pagefind():
        context["lexikon_search_body"] = getattr(page, "lexikon_searched", False)
        context["lexikon_search_terms"] = site.search_terms_html(generated.search_terms if generated else ())
    return context


def on_post_page(output: str, page: MkDocsPage, config: MkDocsConfig) -> str:
    assert _Build.rendered is not None
    settings = _Build.rendered.settings
    output = site.head_alternates(output, page, getattr(page, "lexikon_languages", {}), settings, config)
    output = site.drop_orphan_toc_label(output)
    if _pagefind():
        lang = site.current_language(config, settings)
        output = site.use_search_worker(output, site.search_worker_url(page.url, lang, settings))
    site.release_page_text(page)
    return output


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "404.html" and _Build.rendered is not None:
        settings = _Build.rendered.settings
        lang = site.current_language(config, settings)
        output = site.head_alternates(output, None, {}, settings, config)
        if _pagefind():
            base = urlsplit(config.site_url or "/").path
            output = site.use_search_worker(output, site.search_worker_url(None, lang, settings, base=base))
        output = site.write_not_found(output, lang, settings, config)
    return output


@event_priority(-200)  # after static-i18n has built every language
def on_post_build(config: MkDocsConfig) -> None:
    _Build.depth -= 1
    if _Build.depth == 0 and _Build.rendered is not None:
        site.finish(_Build.rendered, config)
        building, _Build.building = _Build.building, None
        if building is not None:
            if site.strict_abort_pending(config):
                building.discard()  # MkDocs raises its strict Abort next: keep the last good site
            else:
                building.finish()
            config.site_dir = str(building.site_dir)


def on_build_error(error: Exception) -> None:
    # A failed build never reaches on_post_build: drop its half-written output, keep the
    # last good site, and let `mkdocs serve` go on.
    if _Build.second is not None:
        _Build.second.close()
        _Build.second = None
    if _Build.building is not None:
        _Build.building.discard()
        _Build.building = None
    _Build.depth = 0


def _pagefind() -> bool:
    return _Build.rendered is not None and _Build.rendered.settings.search == "pagefind"


def _generated(page: MkDocsPage) -> site.Page | None:
    return _Build.rendered.pages.get(page.file.src_uri) if _Build.rendered is not None else None

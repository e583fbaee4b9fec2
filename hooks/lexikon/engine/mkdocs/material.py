"""Material for MkDocs and static-i18n specifics: the 404 page per language, the language menu,
heading permalinks titled per language, the contents label on pages outside the nav."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page as MkDocsPage

from lexikon.core import escape
from lexikon.core.layout import SiteLayout
from lexikon.core.locale import load_locale
from lexikon.engine.mkdocs.config import current_language
from lexikon.engine.mkdocs.pages import head_alternates
from lexikon.publish import pagefind
from lexikon.render import frame


def not_found_message(lang: str, layout: SiteLayout) -> dict[str, str]:
    """One language's 404 message, with that language's tree as an absolute path.

    The 404 page is served at any depth, so its links must not be relative: they start
    at ``site_url``'s path (or ``/``).
    """
    locale = load_locale(lang)
    root = layout.root_path(lang)
    return {
        "lang": lang, "root": root,
        "title": locale("not_found_title"), "text": locale("not_found_text"),
        "home": root, "home_label": locale("home_label"),
        "index": root + layout.url(layout.index, layout.settings.default_language),
        "index_label": locale("index_title"),
    }


def not_found_context(context: dict, config: MkDocsConfig, layout: SiteLayout, lang: str) -> None:
    """The 404 page of the language pass: its message, the other trees (root page only),
    and a language menu of the trees' homes instead of the last page's alternates."""
    settings = layout.settings
    context["lexikon_not_found"] = not_found_message(lang, layout)
    context["lexikon_not_found_trees"] = (
        frame.not_found_trees(layout) if lang == settings.default_language else [])
    i18n = config.plugins.get("i18n")
    names = {language.locale: language.name for language in i18n.config.languages} if i18n else {}
    menu = [{"name": names.get(code, code), "link": layout.root_path(code), "lang": code}
            for code in settings.codes]
    # static-i18n sets the menu as an attribute on each page (which Jinja reads before the
    # item): in the second language's pass, the last page's menu would win.
    config.extra["alternate"] = config.extra.alternate = menu


def relative_language_menu(alternates: list[dict], layout: SiteLayout) -> None:
    """The language menu's links to the language homes (static-i18n leaves them absolute
    on the home pages, ``/da/``) made site-relative like every other page's, so that a
    site served from a sub-folder without ``site_url`` switches language too."""
    for alternate in alternates:
        link = alternate.get("link", "")
        if link.startswith("/") and alternate.get("lang") in layout.settings.codes:
            alternate["link"] = layout.root(alternate["lang"]) or "./"


def finish_not_found(output: str, layout: SiteLayout, config: MkDocsConfig, pagefind_on: bool) -> str:
    """The 404 page of the language pass as our ``on_post_template`` leaves it: its head's
    links, Pagefind's worker (an absolute address: it is served at any depth), its tree."""
    lang = current_language(config, layout.settings)
    output = head_alternates(output, None, {}, layout)
    if pagefind_on:
        output = pagefind.use_search_worker(output, pagefind.search_worker_url(layout, lang))
    return write_not_found(output, lang, layout, config)


def write_not_found(output: str, lang: str, layout: SiteLayout, config: MkDocsConfig) -> str:
    """Each language's 404 page in its own tree; MkDocs writes the default one at the root
    (static templates go to the root in every language pass: the last would win)."""
    if lang == layout.settings.default_language:
        return output
    target = Path(config.site_dir) / layout.root(lang) / layout.not_found
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return ""  # MkDocs skips an empty template


def localize_permalinks(page_html: str, lang: str) -> str:
    """Heading anchors titled in the page's language (Python-Markdown's toc says
    "Permanent link", one setting for every language). A page our direct HTML made has them
    so already (:func:`permalink_title`): the same page, not copied."""
    return page_html.replace('title="Permanent link"', f'title="{permalink_title(lang)}"')


def permalink_title(lang: str) -> str:
    """The heading anchors' title in ``lang``, as an attribute's value."""
    return escape.html_attr(load_locale(lang)("permalink_title"))


_TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def drop_orphan_toc_label(page_html: str) -> str:
    """Material labels the contents for a toggle (``#__toc``) that only pages in the nav
    have: on a term page the label names no control (an HTML error), so it becomes text."""
    if _TOC_LABEL not in page_html or 'id="__toc"' in page_html:
        return page_html
    start = page_html.index(_TOC_LABEL)
    end = page_html.index("</label>", start) + len("</label>")
    label = page_html[start:end]
    # Replaced in place (its first place is ``start``): the rest of the page sliced off and
    # added on was two more copies of a huge page (the printable lexicon) at once.
    return page_html.replace(label, '<div class="md-nav__title">' + label[len(_TOC_LABEL):-8] + "</div>", 1)


def page_edits(output: str, page: MkDocsPage, config: MkDocsConfig, layout: SiteLayout,
               searched_by_pagefind: bool) -> str:
    """A templated page's head alternates, contents label and search script as this site has them."""
    output = head_alternates(output, page, getattr(page, "lexikon_languages", {}), layout)
    output = drop_orphan_toc_label(output)
    if searched_by_pagefind:
        lang = current_language(config, layout.settings)
        output = pagefind.use_search_worker(output, pagefind.search_worker_url(layout, lang, page.url))
    return output

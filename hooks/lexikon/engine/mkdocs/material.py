"""Material for MkDocs and static-i18n specifics: the 404 page per language, the language menu,
heading permalinks titled per language, the contents label on pages outside the nav."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig

from lexikon.core import escape
from lexikon.core.layout import SiteLayout, language_root
from lexikon.core.locale import load_locale
from lexikon.core.settings import Settings
from lexikon.render import frame


def not_found_message(lang: str, settings: Settings, config: MkDocsConfig) -> dict[str, str]:
    """One language's 404 message, with that language's tree as an absolute path.

    The 404 page is served at any depth, so its links must not be relative: they start
    at ``site_url``'s path (or ``/``).
    """
    base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    locale = load_locale(lang)
    root = base + language_root(lang, settings)
    layout = SiteLayout(settings, config.use_directory_urls, config.site_url or None)
    return {
        "lang": lang, "root": root,
        "title": locale("not_found_title"), "text": locale("not_found_text"),
        "home": root, "home_label": locale("home_label"),
        "index": root + layout.url(layout.index, settings.default_language),
        "index_label": locale("index_title"),
    }


def not_found_context(context: dict, config: MkDocsConfig, settings: Settings, lang: str) -> None:
    """The 404 page of the language pass: its message, the other trees (root page only),
    and a language menu of the trees' homes instead of the last page's alternates."""
    context["lexikon_not_found"] = not_found_message(lang, settings, config)
    context["lexikon_not_found_trees"] = (
        frame.not_found_trees(settings, config.site_url) if lang == settings.default_language else [])
    base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    i18n = config.plugins.get("i18n")
    names = {language.locale: language.name for language in i18n.config.languages} if i18n else {}
    menu = [{"name": names.get(code, code), "link": base + language_root(code, settings), "lang": code}
            for code in settings.codes]
    # static-i18n sets the menu as an attribute on each page (which Jinja reads before the
    # item): in the second language's pass, the last page's menu would win.
    config.extra["alternate"] = config.extra.alternate = menu


def relative_language_menu(alternates: list[dict], settings: Settings) -> None:
    """The language menu's links to the language homes (static-i18n leaves them absolute
    on the home pages, ``/da/``) made site-relative like every other page's, so that a
    site served from a sub-folder without ``site_url`` switches language too."""
    for alternate in alternates:
        link = alternate.get("link", "")
        if link.startswith("/") and alternate.get("lang") in settings.codes:
            alternate["link"] = language_root(alternate["lang"], settings) or "./"


def write_not_found(output: str, lang: str, settings: Settings, config: MkDocsConfig) -> str:
    """Each language's 404 page in its own tree; MkDocs writes the default one at the root
    (static templates go to the root in every language pass: the last would win)."""
    if lang == settings.default_language:
        return output
    target = Path(config.site_dir) / language_root(lang, settings) / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return ""  # MkDocs skips an empty template


def localize_permalinks(page_html: str, lang: str) -> str:
    """Heading anchors titled in the page's language (Python-Markdown's toc says
    "Permanent link", one setting for every language)."""
    title = escape.html_attr(load_locale(lang)("permalink_title"))
    return page_html.replace('title="Permanent link"', f'title="{title}"')


_TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def drop_orphan_toc_label(page_html: str) -> str:
    """Material labels the contents for a toggle (``#__toc``) that only pages in the nav
    have: on a term page the label names no control (an HTML error), so it becomes text."""
    if _TOC_LABEL not in page_html or 'id="__toc"' in page_html:
        return page_html
    start = page_html.index(_TOC_LABEL)
    end = page_html.index("</label>", start)
    inner = page_html[start + len(_TOC_LABEL):end]
    return page_html[:start] + '<div class="md-nav__title">' + inner + "</div>" + page_html[end + 8:]

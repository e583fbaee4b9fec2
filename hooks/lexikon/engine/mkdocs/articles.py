"""The articles in a MkDocs build: checked once, their pages' Markdown handed over per page.

Once per build (the outermost ``on_pre_build``) the docs folder's articles are read,
checked (findings logged like the glossary's; errors fail the build, except in ``mkdocs
serve``, whose preview shows the safe page meanwhile) and rendered for their language.
``on_page_markdown`` then gives MkDocs an article's safe Markdown instead of its source;
an article missing in a language gets a generated page there (added beside the term pages,
so static-i18n pairs it with its twin and the language switcher never leads to a 404).
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, field

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.pages import Page as MkDocsPage

from lexikon.check.articles import check_docs
from lexikon.check.site_files import in_the_way
from lexikon.core import escape
from lexikon.core.articles import KNOWN_KEYS, Article
from lexikon.core.locale import load_locale
from lexikon.core.model import Glossary, Severity
from lexikon.core.settings import Settings
from lexikon.engine.mkdocs.pages import Rendered, site_layout, source_uri
from lexikon.render.article import missing_pages, render_articles
from lexikon.render.view import View

log = logging.getLogger("mkdocs.hooks.lexikon")
HEAD_KEYS = ("title", "description")
_LEVEL = {Severity.ERROR: logging.ERROR, Severity.WARNING: logging.WARNING, Severity.NOTE: logging.INFO}


@dataclass(frozen=True)
class Knowledge:
    """One build's articles: what term pages, the graph and the exports may ask of them, and
    each article page's Markdown by its source path (``howto/sourcing.da.md``)."""

    articles: tuple[Article, ...] = ()
    """Cleaned, with the terms each links to and mentions."""
    markdown: dict[str, str] = field(default_factory=dict)

    @functools.cached_property
    def by_path(self) -> dict[str, Article]:
        return {article.path: article for article in self.articles}


def prepare(settings: Settings, glossary: Glossary, config: MkDocsConfig, serving: bool) -> Knowledge:
    """Read, check and render the articles; log every finding; stop on errors (not in serve).
    A file of ``docs/`` in the way of one the build writes stops serve's build too: it would
    fail there later, with a traceback, after all the work."""
    blocked = in_the_way(settings)
    for finding in blocked:
        log.error(str(finding))
    if blocked:
        raise Abort(f"lexikon: {len(blocked)} file(s) of {settings.docs_dir.name}/ in the way of the "
                    "build's own, listed above")
    checked = check_docs(settings, glossary)
    for finding in checked.findings:
        log.log(_LEVEL[finding.severity], str(finding))
    if checked.errors:
        message = f"lexikon: {len(checked.errors)} error(s) in the articles, listed above"
        if not serving:
            raise Abort(message)
        log.error(f"{message}; the preview shows a notice in their place")
    failed = {finding.path for finding in checked.errors}  # never rendered: some text takes minutes
    good = [article for article in checked.articles if article.display not in failed]
    layout = site_layout(settings, config)
    made = {page.article.path: page for page in render_articles(glossary, layout, good)}
    articles = tuple(made[a.path].article if a.path in made else a for a in checked.articles)
    markdown = {article.path: made[article.path].markdown if article.path in made
                else escape.markdown_text(load_locale(article.lang)("article_has_errors")) + "\n"
                for article in checked.articles}
    return Knowledge(articles, markdown)


def add_missing_pages(rendered: Rendered, knowledge: Knowledge) -> None:
    """A generated page for each article in each language it is not written in."""
    if not knowledge.articles:
        return
    for code in rendered.settings.codes:
        view = View(rendered.glossary, rendered.layout, load_locale(code))
        for page in missing_pages(view, knowledge.articles):
            rendered.pages[source_uri(page, rendered.settings)] = page


def page_markdown(knowledge: Knowledge | None, page: MkDocsPage, markdown: str) -> str:
    """An article page's safe Markdown, its front matter only what an article may set, its
    title and description as text (Material writes them into the page unescaped); any other
    page's Markdown as it is."""
    made = knowledge.markdown.get(page.file.src_uri) if knowledge is not None else None
    if made is None:
        return markdown
    article = knowledge.by_path[page.file.src_uri]  # type: ignore[union-attr]
    page.meta = {key: value for key, value in page.meta.items() if key in KNOWN_KEYS and key not in HEAD_KEYS}
    page.meta["title"] = escape.head_text(article.title)
    if article.description:
        page.meta["description"] = escape.head_text(article.description)
    return made

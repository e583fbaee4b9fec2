"""An article as a page: its Markdown made safe, its terms linked, in the page's language.

An article's body goes the way of an entry's body (:mod:`lexikon.render.markup`): our own
Markdown with cross-links, then the sanitizer, so raw HTML and unsafe links never reach the
page whatever the check said. ``[[id]]`` links to the term in the article's language with
its summary as tooltip; the first mention of each other term (title, alias, form) becomes a
link unless the front matter says ``autolink: false``; links to other pages of the docs
folder (``[Anleitung](../guide.md)``) point at that page in the article's language. An
article missing in a language gets a page there that says so and shows the text it has,
as a term's page does (:mod:`lexikon.render.missing_page`).
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Sequence
from urllib.parse import unquote

from lexikon.core import escape
from lexikon.core.articles import Article, article_name, by_key, resolved
from lexikon.core.layout import SiteLayout
from lexikon.core.links import CrossLink, replace_cross_links
from lexikon.core.locale import load_locale
from lexikon.core.model import Glossary
from lexikon.core.queries import plain_text, published, title_of
from lexikon.render import autolink
from lexikon.render.entry_text import mention_link, other_language_html, place, resolver
from lexikon.render.markup import Block, page_markdown
from lexikon.render.page import Page, escape_inline, front_matter
from lexikon.render.view import View

_PAGE_LINK = re.compile(r'<a href="([^":?#]+\.md)(#[^"]*)?"')
"""A link to another Markdown page, relative, as the sanitizer writes it (``href`` first)."""
_LEADING_TITLE = re.compile(r"\A\s*#[ \t][^\n]*\n?")


@dataclasses.dataclass(frozen=True)
class ArticlePage:
    """An article with the terms it links to and mentions, and its page's Markdown."""

    article: Article
    """Its ``links`` only those that name an entry, its ``mentions`` filled."""
    markdown: str
    """The body as the page shows it (MkDocs keeps the front matter it read)."""


def render_articles(glossary: Glossary, layout: SiteLayout, articles: Sequence[Article]) -> list[ArticlePage]:
    """Each article's page in its own language, in the order given."""
    glossary, articles = for_readers(glossary, articles)
    views: dict[str, View] = {}
    pages = []
    for article in articles:
        view = views.get(article.lang)
        if view is None:
            view = views[article.lang] = View(glossary, layout, load_locale(article.lang))
        pages.append(article_page(view, article))
    return pages


def with_terms(glossary: Glossary, layout: SiteLayout, articles: Sequence[Article]) -> tuple[Article, ...]:
    """The articles with the terms their pages link to (what term pages and the graph list)."""
    return tuple(page.article for page in render_articles(glossary, layout, articles))


def for_readers(glossary: Glossary, articles: Sequence[Article]) -> tuple[Glossary, list[Article]]:
    """The published glossary, and the articles with each cross-link to a draft made its words
    (as :func:`lexikon.core.queries.published` does in entries): no link to a page that is not
    there, no mention of a draft linked."""
    drafts = {entry_id: entry for entry_id, entry in glossary.entries.items() if entry.draft}
    if not drafts:
        return glossary, list(articles)

    def words(link: CrossLink, lang: str) -> str:
        draft = drafts.get(link.target)
        if draft is None:
            return link.written
        return escape.markdown_punctuation(link.label or title_of(draft, lang))

    return published(glossary), [dataclasses.replace(article, body=replace_cross_links(
        article.body, lambda link, lang=article.lang: words(link, lang))) for article in articles]


def article_page(view: View, article: Article) -> ArticlePage:
    """One article as its page's Markdown: safe HTML blocks, headings as the page's own."""
    article = resolved(article, view.glossary.entries)
    if not (isinstance(article.front.get("title"), str) and article.front["title"]):  # from the heading
        article = dataclasses.replace(article, title=plain_text(article.title, view.glossary, view.lang))
    blocks = view.markup.blocks(article.body, resolver(view))
    mentioned: list[str] = []
    if view.settings.autolink and view.mention_names is not None:
        linked = _autolinked(view, blocks, article, mentioned)
        blocks = linked if article.autolink else blocks  # ``autolink: false``: mentions count, unlinked
    origin = article.neutral_path
    placed = [dataclasses.replace(block, html=site_links(view, article, place(view, block.html, origin)))
              if block.html else block for block in blocks]
    article = dataclasses.replace(article, mentions=tuple(mentioned))
    return ArticlePage(article, page_markdown(placed))


def _autolinked(view: View, blocks: list[Block], article: Article, mentioned: list[str]) -> list[Block]:
    """The first mention of each term not cross-linked made a link; ``mentioned`` gets them."""
    linked = set(article.links)
    names = view.mention_names or {}

    def found(text: str) -> list[tuple[int, int, str]]:
        hits = autolink.mentions(text, names, linked)
        mentioned.extend(target for _, _, target in hits)
        return hits

    return [dataclasses.replace(block, html=autolink.autolink_html(
                block.html, found, lambda target, words: mention_link(view, target, words)))
            if block.html else block for block in blocks]


def site_links(view: View, article: Article, html: str) -> str:
    """Links to other pages of the docs folder (``../guide.md#abschnitt``) pointed at those
    pages in the article's language: MkDocs rewrites such links only in Markdown it makes
    itself, not in the HTML blocks an article becomes."""
    if ".md" not in html:
        return html

    def href(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(article.path), unquote(match.group(1))))
        name = article_name(target, view.settings.codes)
        if target.startswith("../") or name is None:
            return match.group(0)
        address = view.layout.href(view.lang, article.neutral_path, f"{name[0]}.md") + (match.group(2) or "")
        return f'<a href="{escape.url_attr(address)}"'

    return _PAGE_LINK.sub(href, html)


def article_files(glossary: Glossary, layout: SiteLayout, articles: Sequence[Article],
                  lang: str) -> dict[str, str]:
    """Each article's page in ``lang`` as a file of its own, front matter and all (its head
    fields escaped, as on every generated page), by its path without language: for an engine
    that builds a folder and runs no hook (``lexicon render``)."""
    glossary, articles = for_readers(glossary, articles)
    view = View(glossary, layout, load_locale(lang))
    files = {page.path: page.markdown for page in missing_pages(view, articles)}
    for article in articles:
        if article.lang == lang:
            head = {key: article.front[key] for key in ("hide", "search") if key in article.front}
            description = {"description": article.description} if article.description else {}
            files[article.neutral_path] = (front_matter(title=article.title, **description, **head)
                                           + article_page(view, article).markdown + "\n")
    return files


def missing_pages(view: View, articles: Sequence[Article]) -> list[Page]:
    """A page in ``view``'s language for each article that has none there."""
    pages = []
    for versions in by_key(articles).values():
        if view.lang not in versions:
            shown = versions.get(view.settings.default_language) or next(iter(versions.values()))
            pages.append(missing_page(view, shown))
    return pages


def missing_page(view: View, article: Article) -> Page:
    """This language's frame around the article as it is written in another one."""
    t = view.locale
    body = _LEADING_TITLE.sub("", article.body, count=1)  # the title stands above the box already
    html = other_language_html(view, body.strip(), article.neutral_path, article.lang)
    parts = [
        front_matter(title=t("article_missing_title", title=article.title),
                     description=t("article_missing_text")),
        f"# {escape_inline(article.title)}\n",
        f"{t('article_missing_text')}\n{{ .lexikon-missing }}\n",
        f"{t('missing_shown', language=t.language_name(article.lang))}\n",
        # One raw block of sanitized HTML, as on a term's missing page; out of this language's
        # search, which finds an article by its own words, in its own language only.
        f'<div class="admonition lexikon-other-language" lang="{escape.html_attr(article.lang)}" '
        'data-pagefind-ignore>'
        f"{site_links(view, article, html)}</div>\n",
    ]
    return Page(article.neutral_path, view.lang, "\n".join(parts), translated=False)

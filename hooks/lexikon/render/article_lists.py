"""The knowledge base linked both ways: on a term's page the articles that link to or mention
it, at an article's end the box of its terms, above an older translation the notice that
another language changed since (as on term pages), and articles among the recent changes.

Everything here is in the page's language: a term page lists only the articles written in
it, and an article's box names the terms by their titles in it. Articles come with the terms
their rendered pages link to and mention (:func:`lexikon.render.article.render_articles`);
their dates from git are :func:`lexikon.core.history.article_history`'s.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from lexikon.core import escape
from lexikon.core.articles import Article, by_key
from lexikon.core.history import EntryDates
from lexikon.core.layout import SiteLayout
from lexikon.core.locale import load_locale
from lexikon.core.model import Glossary
from lexikon.core.queries import published
from lexikon.core.staleness import stale_article
from lexikon.render.stale_notice import notice
from lexikon.render.view import View


def about_term(view: View, entry_id: str) -> tuple[Article, ...]:
    """The articles in the view's language that link to or mention the term, by title."""
    found = [article for article in view.articles if article.lang == view.lang and entry_id in article.terms]
    return tuple(sorted(found, key=lambda article: view.locale.sort_key(article.title)))


def article_link(view: View, article: Article, origin: str) -> str:
    """A link to an article from a generated page of the same language (HTML in Markdown, as
    :meth:`View.link_to` writes a term's), its description as tooltip."""
    href = view.layout.href(view.lang, origin, article.neutral_path)
    tooltip = f' title="{escape.link_title(article.description)}"' if article.description else ""
    return f'<a href="{escape.url_attr(href)}"{tooltip}>{escape.markdown_text(article.title)}</a>'


def articles_section(view: View, entry_id: str, origin: str) -> str:
    """The term page's section "Artikel zu diesem Begriff" ('' when no article explains it)."""
    found = about_term(view, entry_id)
    if not found:
        return ""
    items = "".join(f"- {article_link(view, article, origin)}\n" for article in found)
    return f"## {view.locale('articles_about')} {{ #lexikon-articles }}\n\n{items}"


def terms_box(view: View, article: Article) -> str:
    """The box at an article's end (front matter ``terms: true``) naming the terms it links to
    or mentions, in the language's order of their titles ('' when off or there are none)."""
    terms = [term for term in article.terms if term in view.glossary.entries]
    if not article.terms_box or not terms:
        return ""
    items = view.links_list(terms, article.neutral_path).replace("- ", "    - ")
    return f'\n!!! abstract lexikon-article-terms "{view.locale("article_terms")}"\n\n{items}'


def stale_notices(view: View, article: Article) -> list[str]:
    """A notice per language whose version of the article changed after this one."""
    paths = {code: version.path for code, version in by_key(view.articles).get(article.key, {}).items()}
    return [notice(view, stale) for stale in
            stale_article(paths, view.article_history, article.lang, view.glossary.languages)]


ARTICLE_TITLE_WEIGHT = 4
"""Pagefind's weight of an article's title (a term page's is 7, its search terms' too): an
article is found by the words of its title, below the page of the term it is named after."""
ARTICLE_HEADING_WEIGHT = 3
"""Pagefind's weight of an article's other headings (5–6 by default for ``h2``, ``h3``)."""
_HEADING = re.compile(r"^(#{1,6}) (.*) \{ #([^\s}]+) \}$", re.M)
"""A heading as :meth:`lexikon.render.markup.Block.markdown` writes an editor's."""
_CODE = re.compile(r"(<pre\b.*?</pre>)", re.S)
"""Code as the sanitizer writes it: a line in it that looks like a heading is code."""


def framed(view: View, article: Article, markdown: str) -> str:
    """An article page's Markdown with what the lexicon adds: its title (unless the text
    begins with one) and headings weighted below a term's in search, the stale notice under
    the title, the box of terms at the end."""
    markdown = markdown.lstrip("\n")
    first = _HEADING.match(markdown)
    markdown = "".join(part if part.startswith("<pre") else _HEADING.sub(_weighted, part)
                       for part in _CODE.split(markdown))
    if first and first.group(1) == "#":
        title, _, markdown = markdown.partition("\n")
        title += "\n\n"
    else:
        title = (f'<h1 data-pagefind-weight="{ARTICLE_TITLE_WEIGHT}">'
                 f"{escape.html_text(article.title)}</h1>\n\n")
    return title + "".join(stale_notices(view, article)) + markdown + terms_box(view, article)


def _weighted(heading: re.Match[str]) -> str:
    weight = ARTICLE_TITLE_WEIGHT if heading.group(1) == "#" else ARTICLE_HEADING_WEIGHT
    return f'{heading.group(1)} {heading.group(2)} {{ #{heading.group(3)} data-pagefind-weight="{weight}" }}'


def changed_articles(view: View) -> list[tuple[EntryDates, Article]]:
    """The view's language's articles with their dates from git (newest first): for the list
    of changes and the feed."""
    dates = view.article_history
    found = [(dates[article.path], article) for article in view.articles
             if article.lang == view.lang and article.path in dates]
    return sorted(found, key=lambda item: (-item[0].changed.timestamp(), item[1].path))


def framed_pages(glossary: Glossary, layout: SiteLayout, articles: tuple[Article, ...],
                 history: Mapping[str, EntryDates], markdown: Mapping[str, str]) -> dict[str, str]:
    """Each article page's Markdown (by source path) :func:`framed` in its language."""
    views = _views(glossary, layout, articles, history)
    return {article.path: framed(views[article.lang], article, markdown[article.path])
            for article in articles if article.path in markdown and article.lang in views}


def framed_files(glossary: Glossary, layout: SiteLayout, articles: tuple[Article, ...],
                 history: Mapping[str, EntryDates], files: Mapping[str, str], lang: str) -> dict[str, str]:
    """``lexicon render``'s article files of one language (front matter, then the page's
    Markdown, by the path without language) with their Markdown :func:`framed`."""
    views = _views(glossary, layout, articles, history)
    framed_files: dict[str, str] = {}
    for article in articles:
        text = files.get(article.neutral_path, "")
        end = text.find("\n---\n\n") + len("\n---\n\n")
        if article.lang == lang and lang in views and text.startswith("---\n") and end > 6:
            framed_files[article.neutral_path] = text[:end] + framed(views[lang], article, text[end:])
    return framed_files


def _views(glossary: Glossary, layout: SiteLayout, articles: tuple[Article, ...],
           history: Mapping[str, EntryDates]) -> dict[str, View]:
    glossary = published(glossary)  # the box names only terms that have a page
    return {code: View(glossary, layout, load_locale(code), articles=articles, article_history=history)
            for code in glossary.languages}


def knowledge_base(glossary: Glossary, layout: SiteLayout) -> tuple[Article, ...]:
    """The docs folder's articles, checked, with the terms their pages link to and mention
    (as the build renders them: a mention the page links counts as explaining a term)."""
    from lexikon.check.articles import check_docs
    from lexikon.render.article import with_terms

    checked = check_docs(layout.settings, glossary)
    return with_terms(glossary, layout, checked.articles) if checked.articles else ()

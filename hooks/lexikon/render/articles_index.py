"""The articles index of one language: each article's title, description and tags, in the
language's dictionary order (the A–Z index's collation), filterable by tag as the A–Z is.

An article not yet written in this language is listed under its other language's title,
marked as such (its page here says so and shows the text it has), as the A–Z lists a term.
"""

from __future__ import annotations

from lexikon.core.articles import Article, by_key
from lexikon.render.article_lists import article_link
from lexikon.render.page import Page, escape_inline, front_matter
from lexikon.render.tag_filter import row_tags, tag_filter
from lexikon.render.view import View


def shown_articles(view: View) -> list[tuple[Article, bool]]:
    """Each article once, in this language if written in it (``True``), else in the default
    language or the first it has; sorted by the language's collation of the titles."""
    shown = []
    for versions in by_key(view.articles).values():
        own = versions.get(view.lang)
        article = own or versions.get(view.settings.default_language) or next(iter(versions.values()))
        shown.append((article, own is not None))
    return sorted(shown, key=lambda item: (view.locale.sort_key(item[0].title), item[0].key))


def articles_index(view: View) -> Page:
    """The index page: intro, tag filter, a row per article."""
    t = view.locale
    path = view.layout.articles
    shown = shown_articles(view)
    written = sum(1 for _, own in shown if own)
    intro = t("articles_intro", count=written) if written else t("articles_none")
    if len(shown) > written:
        intro += " " + t("articles_missing", count=len(shown) - written)
    filter_html, style = tag_filter(view, (article for article, _ in shown))
    rows = "".join(_row(view, article, own, path) for article, own in shown)
    parts = [front_matter(title=t("articles_title")), f"# {t('articles_title')}\n", f"{intro}\n",
             filter_html, rows]
    return Page(path, view.lang, "\n".join(part for part in parts if part), style=style, in_nav=True)


def _row(view: View, article: Article, own: bool, origin: str) -> str:
    """One article: a list item with its link, its description and its tags' labels, marked
    with its tags for the filter (as the A–Z index marks its rows)."""
    classes = " ".join(f".lexikon-tag-{tag}" for tag in row_tags(view, article))
    missing = "" if own else f" *({escape_inline(view.locale('missing_marker'))})*"
    description = f" – {escape_inline(article.description)}" if article.description else ""
    names = sorted((view.tag_label(tag) for tag in row_tags(view, article)), key=view.locale.sort_key)
    labels = " · ".join(escape_inline(name) for name in names)
    tags = f' <small class="lexikon-article-tags">{labels}</small>' if labels else ""
    return (f"- **{article_link(view, article, origin)}**{missing}{description}{tags}\n"
            + f"{{ .lexikon-row {classes} }}\n".replace("  }", " }"))

"""What changed when: the list of changes per language, and the Atom feed of the same."""

from __future__ import annotations

from collections.abc import Mapping

from lexikon.core import escape
from lexikon.core.articles import Article
from lexikon.core.history import EntryDates, atom_feed
from lexikon.core.layout import SiteLayout
from lexikon.core.locale import load_locale
from lexikon.core.model import Glossary
from lexikon.core.plain_once import plain
from lexikon.core.settings import stable_iri
from lexikon.render.article_lists import article_link, changed_articles
from lexikon.render.page import NOT_SEARCHED, Page, front_matter
from lexikon.render.view import View

FeedItem = tuple[EntryDates, str, str, str, str]
"""``(change, title, summary, link, id)``: one entry of a feed."""


def changes_page(view: View, history: Mapping[str, EntryDates]) -> Page:
    """The terms by date of their last change, newest first (dates from git)."""
    t = view.locale
    path = view.layout.changes
    feed = view.layout.file_href(view.lang, path, view.layout.feed)
    parts = [front_matter(title=t("changes_title"), search=NOT_SEARCHED),
             f"# {t('changes_title')}\n",
             f'{t("changes_intro")} <a class="lexikon-feed-link" href="{escape.url_attr(feed)}" '
             f'type="application/atom+xml">{escape.html_text(t("feed_link"))}</a>\n']
    changes = [(change, view.link_to(change.entry_id, path), "") for change in _newest_first(view, history)]
    changes += [(change, article_link(view, article, path), f"{t('article_marker')}, ")
                for change, article in changed_articles(view)]
    if not changes:
        parts.append(f"{t('changes_none')}\n")
    for change, link, kind in sorted(changes, key=lambda item: -item[0].changed.timestamp()):
        marker = t("change_new") if change.is_new else t("change_changed")
        date = change.changed.strftime(t("date_format"))
        parts.append(f"- {date}: {link} *({kind}{marker})*")
    return Page(path, view.lang, "\n".join(parts) + "\n", in_nav=True)


def _newest_first(view: View, history: Mapping[str, EntryDates]) -> list[EntryDates]:
    return sorted((c for c in history.values() if c.entry_id in view.glossary.entries),
                  key=lambda c: (-c.changed.timestamp(), c.entry_id))


def feed_items(view: View, history: Mapping[str, EntryDates], identity: str = "Lexikon") -> list[FeedItem]:
    """The feed's entries, newest first: the terms this language has, in its words.

    A term without a text in this language is left out: the feed says ``xml:lang`` of its
    language, and a reader subscribed to it wants what there is to read in it (a German-only
    term comes into the Danish feed when its Danish text does).
    """
    layout = view.layout
    items = []
    for change in _newest_first(view, history):
        entry = view.glossary.entries[change.entry_id]
        text = entry.texts.get(view.lang)
        if text is None:
            continue
        title, summary = text.title, plain(text.summary, view.glossary, text.lang)
        path = layout.term(entry.id)
        items.append((change, title, summary, layout.address(view.lang, layout.home, path),
                      layout.absolute_url(view.lang, path) if layout.site_url is not None
                      else stable_iri(identity, view.lang, entry.id)))
    for change, article in changed_articles(view):
        path = article.neutral_path
        address = layout.address(view.lang, layout.home, path)
        items.append((change, article.title, article.description, address,
                      layout.absolute_url(view.lang, path) if layout.site_url is not None
                      else stable_iri(identity, view.lang, "article", article.key)))
    return sorted(items, key=lambda item: -item[0].changed.timestamp())


def feeds(glossary: Glossary, layout: SiteLayout, history: Mapping[str, EntryDates],
          identity: str = "Lexikon", authors: Mapping[str, str] | None = None,
          articles: tuple[Article, ...] = (), article_history: Mapping[str, EntryDates] | None = None,
          ) -> dict[str, str]:
    """Per language, the Atom feed of new and changed terms and articles, written by
    ``authors[code]`` (the site's name in that language).

    Without absolute addresses (no ``site_url``), links are relative to the feed (at the
    language's root) and ids are host-free URNs made from ``identity`` (RFC 4287 wants
    ids that are full IRIs and never change).
    """
    result = {}
    for code in glossary.languages:
        view = View(glossary, layout, load_locale(code), articles=articles,
                    article_history=article_history or {})
        if layout.site_url is not None:
            feed_url = layout.absolute_file_url(code, layout.feed)
            feed_id, home = feed_url, layout.absolute_url(code, layout.home)
        else:
            feed_url, feed_id, home = layout.feed, stable_iri(identity, code, "feed"), "./"
        result[code] = atom_feed(title=view.locale("feed_title"), feed_url=feed_url, feed_id=feed_id,
                                 site_url=home, lang=code, items=feed_items(view, history, identity),
                                 author=(authors or {}).get(code))
    return result

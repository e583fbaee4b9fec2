"""A term's page: title, names, the term in other languages, its text, and what it links to."""

from __future__ import annotations

from lexikon.core import escape
from lexikon.core.model import Entry, Text
from lexikon.core.plain_once import plain
from lexikon.core.queries import qualified_title
from lexikon.render.article_lists import articles_section
from lexikon.render.entry_text import body_markdown, highlights_html, lead
from lexikon.render.missing_page import missing_page
from lexikon.render.page import Page, escape_inline, front_matter
from lexikon.render.stale_notice import stale_notices
from lexikon.render.structured_data import defined_term
from lexikon.render.term_fields import context_section, headword, hierarchy_sections, names_html
from lexikon.render.term_graphs import neighbourhood
from lexikon.render.twins import twins
from lexikon.render.view import View


def term_page(view: View, entry: Entry) -> Page:
    """The term's page in the view's language (the other language's text if it has none)."""
    path = view.layout.term(entry.id)
    text = entry.texts.get(view.lang)
    if text is None:
        return Page(path, view.lang, missing_page(view, entry, path), entry.id,
                    search_terms=search_terms(view, entry), translated=False)
    t = view.locale
    taken: set[str] = set()  # the page's heading ids: the title's, then the body's
    parts = [
        front_matter(title=qualified_title(text),
                     description=plain(text.summary, view.glossary, view.lang)),
        headword(view, text, taken),
    ]
    parts.extend(stale_notices(view, entry))  # issue 15: older than another language's text
    if text.aliases:
        names = ", ".join(f"*{escape_inline(alias)}*" for alias in text.aliases)
        parts.append(f"{t('aliases')}: {names}\n{{ .lexikon-aliases }}\n")
    parts.extend(names_html(view, text))
    parts.append(twins(view, entry, path))
    parts.append(lead(view, text.summary, path))
    if text.body.strip():
        parts.append(body_markdown(view, text.body.strip(), path, taken=taken,
                                   autolink_for=entry if view.settings.autolink else None) + "\n")
    if text.highlights:
        parts.append(highlights_html(view, text.highlights, path, t("highlights")))
    if text.context:
        parts.append(context_section(view, text))
    parts.extend(hierarchy_sections(view, entry, path))
    parts.extend(_sections(view, entry, text, path))
    return Page(path, view.lang, "\n".join(parts), entry.id, defined_term(view, entry, text, path),
                search_terms(view, entry))


def _sections(view: View, entry: Entry, text: Text, path: str) -> list[str]:
    """The sections after the text: related terms, backlinks, the graph, tags, sources."""
    t = view.locale
    parts = []
    related = [i for i in entry.related if i in view.glossary.entries]
    if related:
        parts.append(f"## {t('related')} {{ #lexikon-related }}\n\n{view.links_list(related, path)}")
    inbound = view.inbound.get(entry.id, ())
    if inbound:
        parts.append(f"## {t('backlinks')} {{ #lexikon-backlinks }}\n\n{view.links_list(inbound, path)}")
    if view.articles and (about := articles_section(view, entry.id, path)):
        parts.append(about)
    graph = neighbourhood(view, entry, path)
    if graph:
        parts.append(f"## {t('graph')} {{ #lexikon-graph }}\n\n{graph}\n")
    tags = [tag for tag in entry.tags if tag in view.glossary.tags]
    if tags:
        tag_links = " ".join(
            f"[{escape_inline(view.tag_label(tag))}]({view.layout.markdown_href(path, view.layout.tag(tag))})"
            "{ .lexikon-tag }" for tag in tags
        )
        parts.append(f"## {t('tags')} {{ #lexikon-tags }}\n\n{tag_links}\n")
    if text.sources:
        items = "".join(f'- <a href="{escape.url_attr(s.url)}">{escape_inline(s.title)}</a>\n'
                        for s in text.sources)
        parts.append(f"## {t('sources')} {{ #lexikon-sources }}\n\n{items}")
    return parts


def search_terms(view: View, entry: Entry) -> tuple[str, ...]:
    """Title, aliases, declared forms and short forms in this language, the terms not to
    use (a reader who types one finds the page, under its preferred title) with their
    inflections, and the titles and aliases of the other languages (a Dane may know the
    German word)."""
    terms: list[str] = []
    own = entry.texts.get(view.lang)
    if own is not None:
        for name in (own.title, *own.aliases, *own.deprecated):
            terms += [name, *view.locale.inflections(name)]
        terms += [*own.forms, *own.abbreviations]
    for code, text in entry.texts.items():
        if code != view.lang:
            terms += [text.title, *text.aliases, *text.forms, *text.abbreviations]
    return tuple(dict.fromkeys(terms))

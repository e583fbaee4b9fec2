"""The overview of the tags and each tag's page, listing its terms."""

from __future__ import annotations

from collections import defaultdict

from lexikon.render.page import Page, escape_inline, front_matter
from lexikon.render.view import View


def tags_page(view: View) -> Page:
    """Every tag, in this language's order of the labels, with its number of terms."""
    t = view.locale
    path = view.layout.tags
    counts: defaultdict[str, int] = defaultdict(int)
    for entry in view.glossary.entries.values():
        for tag in entry.tags:
            counts[tag] += 1
    tag_ids = sorted(view.glossary.tags, key=lambda tag: view.locale.sort_key(view.tag_label(tag)))
    items = "".join(
        f"- [{escape_inline(view.tag_label(tag))}]({view.layout.markdown_href(path, view.layout.tag(tag))}) "
        f"({t('term_count', count=counts[tag])})\n" for tag in tag_ids
    )
    body = f"# {t('tags_title')}\n\n{t('tags_intro')}\n\n{items}"
    return Page(path, view.lang, front_matter(title=t("tags_title")) + body, in_nav=True)


def tag_page(view: View, tag_id: str) -> Page:
    """One tag's terms, each a link."""
    t = view.locale
    path = view.layout.tag(tag_id)
    label = view.tag_label(tag_id)
    members = [e.id for e in view.glossary.entries.values() if tag_id in e.tags]
    body = (f"# {escape_inline(t('tag_title', label=label))}\n\n"
            f"{escape_inline(t('tag_intro', label=label))}\n\n{view.links_list(members, path)}")
    return Page(path, view.lang, front_matter(title=t("tag_title", label=label)) + body)

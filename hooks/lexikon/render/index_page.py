"""The A–Z index of one language: every title and alias, a letter bar, a filter by tag."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from lexikon.core import escape
from lexikon.core.plain_once import plain
from lexikon.render.page import Page, escape_inline, front_matter
from lexikon.render.structured_data import defined_term_set
from lexikon.render.table_page import table_links
from lexikon.render.tag_filter import tag_filter
from lexikon.render.view import View


def index_page(view: View) -> Page:
    """The index: intro, letter bar, tag filter, then the rows under their letters."""
    t = view.locale
    path = view.layout.index
    rows = index_rows(view)
    letters_used = {letter for _, letter, _ in rows}
    bar_letters = [t("other_letters"), *view.locale.alphabet()]
    tags_of = letter_tags(view)
    bar = "".join(
        letter_link(letter, tags_of.get(letter, ()))
        if letter in letters_used else f'<span aria-hidden="true">{escape.html_text(letter)}</span>'
        for letter in bar_letters
        if letter in letters_used or letter != t("other_letters")
    )
    filter_html, style = tag_filter(view, view.glossary.entries.values(), _letter_rules)
    print_link = view.layout.markdown_href(path, view.layout.print_page)
    parts = [
        front_matter(title=t("index_title")),
        f"# {t('index_title')}\n",
        f"{index_intro(view)} "
        f"[{t('print_link')}]({print_link}){{ .lexikon-print-link }}\n",
        table_links(view),
        f'<nav class="lexikon-letters" aria-label="{escape.html_attr(t("letter_bar_label"))}">'
        f"{bar}</nav>\n",
        filter_html,
    ]
    current = None
    for _, letter, line in rows:
        if letter != current:
            parts.append(f"\n## {letter} {{ #{_letter_anchor(letter)} .lexikon-letter }}\n")
            current = letter
        parts.append(line)
    return Page(path, view.lang, "\n".join(parts) + "\n",
                structured_data=defined_term_set(view, path, with_terms=True),
                style=style, in_nav=True)


def index_rows(view: View) -> list[tuple[str, str, str]]:
    """``(sort text, letter, markdown line)`` for every title, alias, short form and term not
    to use (struck, marked as such in words).

    Each row carries its entry's tags as classes, for the tag filter.
    """
    path = view.layout.index
    rows = []
    for entry in view.glossary.entries.values():
        text = entry.texts.get(view.lang)
        title = view.shown_title(entry)  # with its qualifier: two concepts, one title
        href = view.layout.markdown_href(path, view.layout.term(entry.id))
        classes = " ".join(f".lexikon-tag-{tag}" for tag in entry.tags if tag in view.glossary.tags)
        attributes = f"\n{{ .lexikon-row {classes} }}".replace("  ", " ")
        if text is None:
            marked = attributes.replace(".lexikon-row", ".lexikon-row .lexikon-missing")
            rows.append((title, f"- [{escape_inline(title)}]({href}) "
                                f"*({view.locale('missing_marker')})*{marked}"))
            continue
        summary = escape_inline(plain(text.summary, view.glossary, view.lang))
        rows.append((title, f"- [**{escape_inline(title)}**]({href}) – {summary}{attributes}"))
        for alias in text.aliases:
            rows.append((alias, f"- *{escape_inline(alias)}* → [{escape_inline(title)}]({href})"
                                f"{attributes}"))
        # Short forms and the terms not to use lead to the term, as a dictionary's cross-references do
        for short in text.abbreviations:
            rows.append((short, f"- **{escape_inline(short)}** → [{escape_inline(title)}]({href})"
                                f"{attributes}"))
        marker = escape_inline(view.locale("deprecated_marker"))
        for wrong in text.deprecated:
            rows.append((wrong, f"- <s>{escape_inline(wrong)}</s> *({marker})* → "
                                f"[{escape_inline(title)}]({href}){attributes}"))
    rows.sort(key=lambda row: view.locale.sort_key(row[0]))
    return [(sort_text, view.locale.letter(sort_text), line) for sort_text, line in rows]


def index_intro(view: View) -> str:
    """How many terms the index lists in this language (as many as the print page
    holds), and how many more it lists that are not yet in it."""
    translated = sum(1 for entry in view.glossary.entries.values() if view.lang in entry.texts)
    missing = len(view.glossary.entries) - translated
    intro = view.locale("index_intro", count=translated)
    return intro + (" " + view.locale("index_missing", count=missing) if missing else "")


def letter_tags(view: View) -> dict[str, set[str]]:
    """The tags of each letter's rows: with a tag chosen, the bar offers only letters
    that still show a row."""
    tags: dict[str, set[str]] = defaultdict(set)
    for entry in view.glossary.entries.values():
        text = entry.texts.get(view.lang)
        names = (text.title, *text.aliases, *text.abbreviations, *text.deprecated) if text else (
            view.title(entry),)
        for name in names:
            tags[view.locale.letter(name)].update(tag for tag in entry.tags if tag in view.glossary.tags)
    return tags


def letter_link(letter: str, tags: Iterable[str]) -> str:
    """A letter's link, and its disabled twin that the tag filter shows instead when no
    row of the letter has the chosen tag."""
    classes = " ".join(f"lexikon-has-{tag}" for tag in sorted(tags))
    shown, classes = escape.html_text(letter), escape.html_attr(classes)
    return (f'<a href="#{_letter_anchor(letter)}" class="{classes}">{shown}</a>'
            f'<span aria-hidden="true" class="lexikon-letter-off {classes}">{shown}</span>')


def _letter_rules(chosen: str, tag: str) -> str:
    """The tag filter's rules of the index: letters left without a row hide, in the bar too."""
    return (f"{chosen} h2.lexikon-letter:not(:has(+ ul .lexikon-tag-{tag})),"
            f"{chosen} h2.lexikon-letter + ul:not(:has(.lexikon-tag-{tag})),"
            f"{chosen} .lexikon-letters a:not(.lexikon-has-{tag})"
            f"{{display:none}}"
            f"{chosen} .lexikon-letters .lexikon-letter-off:not(.lexikon-has-{tag}){{display:inline-block}}")


def _letter_anchor(letter: str) -> str:
    if letter.isascii() and letter.isalpha():
        return f"letter-{letter.lower()}"
    return f"letter-u{ord(letter[0]):04x}"

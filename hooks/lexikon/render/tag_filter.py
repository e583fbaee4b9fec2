"""The filter by tag of the list pages (the A–Z index, the translators' table): radio buttons
above the rows, and the CSS that hides every row without the chosen tag.

No JavaScript: ``:has()`` hides the rows; the buttons are native, so keyboard and screen
readers know them. A page marks each row ``lexikon-row`` with a ``lexikon-tag-<id>`` class
per tag (:func:`row_tags`), and may hide more of itself for a tag (the index: empty letters).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from lexikon.core import escape
from lexikon.render.view import View


class Tagged(Protocol):
    """What a row stands for: an entry, or an article (the articles index)."""

    @property
    def tags(self) -> tuple[str, ...]: ...

MoreRules = Callable[[str, str], str]
"""``(chosen, tag) -> css``: a page's own rules while ``tag`` is chosen; ``chosen`` is the
selector that matches the page's content then."""


def row_tags(view: View, entry: Tagged) -> list[str]:
    """The entry's tags that exist (a row's classes name them)."""
    return [tag for tag in entry.tags if tag in view.glossary.tags]


def tag_filter(view: View, entries: Iterable[Tagged], more: MoreRules | None = None) -> tuple[str, str]:
    """The buttons (a fieldset, '' when no entry has a tag) and the page's CSS for them."""
    tag_ids = sorted({tag for entry in entries for tag in row_tags(view, entry)},
                     key=lambda tag: view.locale.sort_key(view.tag_label(tag)))
    if not tag_ids:
        return "", ""
    t = view.locale
    options = [("all", t("filter_all"))] + [(tag, view.tag_label(tag)) for tag in tag_ids]
    buttons = "".join(
        f'<input type="radio" name="lexikon-filter" id="lexikon-filter-{tag}" value="{tag}"'
        f'{" checked" if tag == "all" else ""}>'
        f'<label for="lexikon-filter-{tag}">{escape.html_text(label)}</label>'
        for tag, label in options
    )
    fieldset = (f'<fieldset class="lexikon-filter"><legend>{escape.html_text(t("filter_label"))}</legend>'
                f"{buttons}</fieldset>\n")
    return fieldset, "".join(_filter_rule(tag, more) for tag in tag_ids)


def _filter_rule(tag: str, more: MoreRules | None) -> str:
    """The CSS that shows only the rows of ``tag`` while its button is chosen."""
    chosen = f".md-content:has(#lexikon-filter-{tag}:checked)"
    return (f"{chosen} .lexikon-row:not(.lexikon-tag-{tag}){{display:none}}"
            + (more(chosen, tag) if more else ""))

"""The translators' table of one language pair, as the page language's readers see it: every
concept with its title, gender, abbreviations and terms not to use in both languages, in the
page language's order, filterable by tag like the A–Z index, and printable on A4.

The rows come from :mod:`lexikon.core.term_table` (the CSV of the pair has the same ones).
The table is HTML of ours, every editor's word escaped for its place; the other language's
cells carry its ``lang``, so screen readers switch voice and browsers hyphenate them right.
"""

from __future__ import annotations

from lexikon.core import escape
from lexikon.core.formats import TABLE_CSV
from lexikon.core.term_table import TableCell, TableRow, language_pairs, pair_entries, table_rows
from lexikon.render.page import NOT_SEARCHED, Page, escape_inline, front_matter
from lexikon.render.tag_filter import row_tags, tag_filter
from lexikon.render.view import View

COLUMNS = ("table_term", "table_gender", "table_abbreviations", "table_deprecated")
"""Each language's columns, by the locale string of their heading."""
_START = "lexikon-language-start"
"""The class of each language's first cell in a row: a line parts the languages."""


def table_title(view: View, other: str) -> str:
    """The page's name in its language ("Deutsch – Dänisch", "Dansk-tysk ordliste"): the page
    language first, as a dictionary for its readers is named."""
    return view.locale("table_title", first=_heading_name(view, view.lang),
                       second=view.locale.language_name(other))


def _heading_name(view: View, lang: str) -> str:
    """A language's name starting a heading ("Dansk", where a sentence says "dansk")."""
    name = view.locale.language_name(lang)
    return name[:1].upper() + name[1:]


def table_links(view: View) -> str:
    """The links to this language's tables (the A–Z index shows them under its intro)."""
    layout = view.layout
    links = ", ".join(
        f"[{escape_inline(table_title(view, other))}]"
        f"({layout.markdown_href(layout.index, layout.table(lang, other))})"
        for lang, other in language_pairs(view.glossary.languages, view.lang))
    return f"{view.locale('table_links')} {links}\n{{ .lexikon-table-links }}\n" if links else ""


def table_page(view: View, other: str) -> Page:
    """The table of this language and ``other``."""
    t = view.locale
    path = view.layout.table(view.lang, other)
    title = table_title(view, other)
    rows = table_rows(view.glossary, (view.lang, other))
    filter_html, style = tag_filter(view, pair_entries(view.glossary))
    csv_name = TABLE_CSV.file.format(lang=view.lang, other=other)
    csv_href = view.layout.file_href(view.lang, path, csv_name, site_root=True)
    intro = t("table_intro", count=len(rows), other=t.language_name(other))
    download = (f'<a href="{escape.url_attr(csv_href)}" download>'
                f'{escape.html_text(t("table_csv", file=csv_name))}</a>')
    parts = [
        # No contents column (the page has no headings): its width goes to the table.
        front_matter(title=title, search=NOT_SEARCHED, hide=["toc"]),
        f"# {escape_inline(title)}\n",
        f"{escape_inline(intro)} {download}\n{{ .lexikon-table-intro }}\n",
        filter_html,
        table_html(view, other, path, rows),
    ]
    return Page(path, view.lang, "\n".join(parts) + "\n", style=style, in_nav=True)


def table_html(view: View, other: str, path: str, rows: list[TableRow]) -> str:
    """The table in a scrolling box (phones) that keyboards can scroll too (``tabindex``)."""
    t = view.locale
    languages = (view.lang, other)
    names = "".join(
        f'<th colspan="{len(COLUMNS)}" scope="colgroup" class="{_START}">'
        f"{escape.html_text(_heading_name(view, lang))}</th>" for lang in languages)
    starts = [f' class="{_START}"'] + [""] * (len(COLUMNS) - 1)
    headings = "".join(f'<th scope="col"{start}>{escape.html_text(t(key))}</th>'
                       for key, start in zip(COLUMNS, starts, strict=True)) * 2
    body = "\n".join(_row_html(view, path, row, languages) for row in rows)
    label = escape.html_attr(table_title(view, other))
    return (f'<div class="lexikon-table-box" role="region" aria-label="{label}" tabindex="0">\n'
            f'<table class="lexikon-table">\n'
            f"<thead><tr>{names}</tr><tr>{headings}</tr></thead>\n<tbody>\n{body}\n</tbody></table>\n</div>\n")


def _row_html(view: View, path: str, row: TableRow, languages: tuple[str, str]) -> str:
    classes = " ".join(["lexikon-row", *(f"lexikon-tag-{tag}" for tag in row_tags(view, row.entry))])
    cells = "".join(_cells_html(view, path, row.entry.id, cell, lang, first=lang == view.lang)
                    for cell, lang in zip(row.cells, languages, strict=True))
    return f'<tr class="{escape.html_attr(classes)}">{cells}</tr>'


def _cells_html(view: View, path: str, entry_id: str, cell: TableCell | None, lang: str,
                *, first: bool) -> str:
    """One language's cells of a row; a language the entry lacks says so across its columns."""
    shown = "" if first else f' lang="{escape.html_attr(lang)}"'
    if cell is None:
        missing = escape.html_text(view.locale("table_missing", language=view.locale.language_name(lang)))
        return f'<td colspan="{len(COLUMNS)}" class="lexikon-missing {_START}">{missing}</td>'
    term_path = view.layout.term(entry_id)
    if first:
        link = f'<a href="{escape.url_attr(view.layout.href(lang, path, term_path))}">'
    else:
        target = view.layout.other_href(view.lang, path, lang, term_path)
        link = f'<a href="{escape.url_attr(target)}" hreflang="{escape.html_attr(lang)}">'
    title = f"{link}{escape.html_text(cell.title)}</a>"
    if cell.qualifier:
        title += f' <span class="lexikon-qualifier">({escape.html_text(cell.qualifier)})</span>'
    # The page language's title heads its row (screen readers name each cell by it).
    term = (f'<th scope="row" class="{_START}">{title}</th>' if first
            else f'<td class="{_START}"{shown}>{title}</td>')
    lists = (escape.html_text(", ".join(words)) for words in (cell.abbreviations, cell.deprecated))
    return term + "".join(f"<td{shown}>{value}</td>" for value in (escape.html_text(cell.gender), *lists))

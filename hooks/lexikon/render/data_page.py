"""The page of the lexicon's data for other tools: what each file holds, and where it is."""

from __future__ import annotations

from lexikon.core import escape
from lexikon.core.formats import EXPORT_FORMATS
from lexikon.render.page import Page, front_matter
from lexikon.render.view import View


def data_page(view: View) -> Page:
    """A table of the export files, each a download link (they lie at the site's root), in the
    registry's order (:data:`~lexikon.core.formats.EXPORT_FORMATS`): a new format shows here."""
    t = view.locale
    layout = view.layout
    path = layout.data
    languages = view.glossary.languages
    files = [(name, fmt.text_key, [t.language_name(code) for code in codes] + ["", ""])
             for fmt in EXPORT_FORMATS for name, codes in fmt.files(languages)]
    rows = "".join(
        f'| <a href="{escape.url_attr(layout.file_href(view.lang, path, name, site_root=True))}" download>'
        f'{escape.html_text(name)}</a> | '
        f"{t(key, language=names[0], other=names[1])} |\n"
        for name, key, names in files
    )
    body = (f"# {t('data_title')}\n\n{t('data_intro')}\n\n"
            f"| {t('data_file')} | {t('data_content')} |\n|---|---|\n{rows}\n{t('data_licence')}\n")
    return Page(path, view.lang, front_matter(title=t("data_title")) + body, in_nav=True)

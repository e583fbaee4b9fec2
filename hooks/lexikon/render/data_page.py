"""The page of the lexicon's data for other tools: what each file holds, and where it is."""

from __future__ import annotations

from lexikon.core import escape
from lexikon.render.page import Page, front_matter
from lexikon.render.view import View


def data_page(view: View) -> Page:
    """A table of the export files, each a download link (they lie at the site's root)."""
    t = view.locale
    layout = view.layout
    path = layout.data
    files = [
        ("glossary.json", "data_json"), ("glossary.schema.json", "data_schema"),
        *((f"glossary.{code}.csv", "data_csv") for code in view.glossary.languages),
        ("glossary.tbx", "data_tbx"), ("glossary.martif.tbx", "data_martif"),
        ("glossary.ttl", "data_turtle"), ("glossary.jsonld", "data_jsonld"),
    ]
    rows = "".join(
        f'| <a href="{escape.url_attr(layout.file_href(view.lang, path, name, site_root=True))}" download>'
        f'{escape.html_text(name)}</a> | '
        f"{t(key, language=t.language_name(name.split('.')[1]))} |\n"
        for name, key in files
    )
    body = (f"# {t('data_title')}\n\n{t('data_intro')}\n\n"
            f"| {t('data_file')} | {t('data_content')} |\n|---|---|\n{rows}\n{t('data_licence')}\n")
    return Page(path, view.lang, front_matter(title=t("data_title")) + body, in_nav=True)

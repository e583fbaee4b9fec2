"""The page of the lexicon's data for other tools: what each file holds, and where it is."""

from __future__ import annotations

import posixpath

from lexikon.core import escape
from lexikon.render.page import Page, front_matter
from lexikon.render.view import View


def data_page(view: View) -> Page:
    """A table of the export files, each a download link to the site's root."""
    t = view.locale
    layout = view.layout
    path = layout.data
    to_root = layout.href(view.lang, path, layout.home)  # this language's home...
    if view.lang != view.settings.default_language:       # ... and on to the site's root
        to_root = posixpath.normpath(
            to_root + layout.twin_href(view.lang, view.settings.default_language, layout.home)) + "/"
    files = [
        ("glossary.json", "data_json"), ("glossary.schema.json", "data_schema"),
        *((f"glossary.{code}.csv", "data_csv") for code in view.glossary.languages),
        ("glossary.tbx", "data_tbx"), ("glossary.martif.tbx", "data_martif"),
        ("glossary.ttl", "data_turtle"), ("glossary.jsonld", "data_jsonld"),
    ]
    rows = "".join(
        f'| <a href="{escape.url_attr(to_root + name)}" download>{escape.html_text(name)}</a> | '
        f"{t(key, language=t.language_name(name.split('.')[1]))} |\n"
        for name, key in files
    )
    body = (f"# {t('data_title')}\n\n{t('data_intro')}\n\n"
            f"| {t('data_file')} | {t('data_content')} |\n|---|---|\n{rows}\n{t('data_licence')}\n")
    return Page(path, view.lang, front_matter(title=t("data_title")) + body, in_nav=True)

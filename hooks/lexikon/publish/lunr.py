"""Material's lunr index, one per language (``search: lunr``), with each term page's search terms.

Needs only the built folder, the settings and the rendered pages: static-i18n leaves one
merged index at the site's root; each language gets its own where its pages look for it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from lexikon.core.layout import SiteLayout
from lexikon.render.pages import Page

SEARCH_TERMS_FIELD = "terms"
SEARCH_TERMS_BOOST = 500.0
"""Between Material's title (1000) and text (1): an alias outranks a mention in a body."""


def search_terms_by_location(pages: Iterable[Page], layout: SiteLayout) -> dict[str, dict[str, str]]:
    """Per language, each page's search terms by its location in that language's index."""
    terms: dict[str, dict[str, str]] = {code: {} for code in layout.settings.codes}
    for page in pages:
        if page.search_terms:
            location = layout.url(page.path, page.lang).removeprefix(layout.root(page.lang))
            terms[page.lang][location] = " ".join(page.search_terms)
    return terms


def split_search_index(site_dir: Path, layout: SiteLayout,
                       terms: dict[str, dict[str, str]] | None = None) -> dict[str, int]:
    """One search index per language, each where that language's pages look for it.

    static-i18n merges every language into ``search/search_index.json``; Material's
    worker on a Danish page asks ``da/search/search_index.json`` (see the ``config``
    block of our template), so a reader only ever searches their own language. Each
    term page's entry gains a field of its search terms (Material's worker indexes every
    field the index's config names), so inflected forms and aliases find it.
    """
    path = site_dir / "search" / "search_index.json"
    merged = json.loads(path.read_text(encoding="utf-8"))
    settings = layout.settings
    roots = {code: layout.root(code) for code in settings.codes}
    per_language: dict[str, list[dict]] = {code: [] for code in settings.codes}
    for doc in merged["docs"]:
        location = doc["location"]
        for code, root in roots.items():
            if root and (location == root.rstrip("/") or location.startswith(root)):
                per_language[code].append({**doc, "location": location[len(root):]})
                break
        else:
            per_language[settings.default_language].append(doc)
    terms = terms or {}
    fields = {**merged["config"]["fields"], SEARCH_TERMS_FIELD: {"boost": SEARCH_TERMS_BOOST}}
    for code, docs in per_language.items():
        for doc in docs:
            words = terms.get(code, {}).get(doc["location"])
            if words:
                doc[SEARCH_TERMS_FIELD] = words
        target = site_dir / roots[code] / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        config = {**merged["config"], "lang": [code], "fields": fields}
        index = {**merged, "config": config, "docs": docs}
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return {code: len(docs) for code, docs in per_language.items()}

"""The MkDocs adapter's search pieces, without a build: the ``search`` setting (Pagefind by
default, Material's lunr as the alternative), what goes into which index, the search box
pointed at our worker, and each page in its own language's Pagefind bundle. The search in
the browser is tested in ``tests/browser/test_search_engines.py``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lexikon.core.layout import SiteLayout
from lexikon.core.model import Severity
from lexikon.core.settings import make_settings
from lexikon.publish import pagefind
from tests.support.constants import LANGUAGES

SETTINGS = make_settings(Path("/nonexistent"), LANGUAGES, None)


# --- the setting ----------------------------------------------------------------------------


def test_pagefind_is_the_default_and_lunr_the_alternative() -> None:
    assert SETTINGS.search == "pagefind" and SETTINGS.findings == ()
    lunr = make_settings(Path("/x"), LANGUAGES, {"search": "lunr"})
    assert lunr.search == "lunr" and lunr.findings == ()


@pytest.mark.parametrize(("value", "message"), [
    ("elasticsearch", "extra.lexikon.search: expected one of 'pagefind', 'lunr', got 'elasticsearch'"),
    (True, "extra.lexikon.search: expected str, got True"),
])
def test_an_unknown_search_engine_is_an_error(value: object, message: str) -> None:
    settings = make_settings(Path("/x"), LANGUAGES, {"search": value})
    assert [(f.severity, f.message) for f in settings.findings] == [(Severity.ERROR, message)]
    assert settings.search == "pagefind"


# --- the adapter's pieces -------------------------------------------------------------------


def test_pagefind_takes_pages_out_of_materials_index_and_keeps_opt_outs_out_of_its_own() -> None:
    meta: dict = {"title": "Backsourcing"}
    assert pagefind.take_over_search(meta) is True
    assert meta["search"] == {"exclude": True}
    opted_out: dict = {"search": {"exclude": True}}
    assert pagefind.take_over_search(opted_out) is False
    assert opted_out["search"] == {"exclude": True}


def test_search_terms_are_hidden_weighted_and_escaped() -> None:
    html = pagefind.search_terms_html(["Wiedereinlagerung", "<b>x</b> & y"])
    assert html.startswith('<div class="lexikon-search-terms" hidden aria-hidden="true" '
                           'data-pagefind-weight="7">')
    assert '<h2 id="lexikon-search-terms">·</h2>' in html
    assert "<span>Wiedereinlagerung</span>" in html
    assert "<span>&lt;b&gt;x&lt;/b&gt; &amp; y</span>" in html and "<b>" not in html
    assert pagefind.search_terms_html([]) == ""


def test_search_box_is_pointed_at_our_worker_and_the_rest_of_the_config_kept() -> None:
    config = {"base": "../..", "features": ["search.highlight"], "search": "../../assets/workers/search.js",
              "translations": {"search.result.none": "Keine <Suchergebnisse>"}}
    page = f'<p>x</p><script id="__config" type="application/json">{json.dumps(config)}</script>'
    out = pagefind.use_search_worker(page, "../../assets/javascripts/lexikon-search-worker.js?root=da/")
    text = re.search(r'application/json">(.*)</script>', out).group(1)
    assert "<S" not in text   # nothing in the JSON can close the script
    worker = "../../assets/javascripts/lexikon-search-worker.js?root=da/"
    assert json.loads(text) == {**config, "search": worker}
    assert out.startswith("<p>x</p>")


@pytest.mark.parametrize(("page_url", "lang", "base", "expected"), [
    ("", "de", None, "assets/javascripts/lexikon-search-worker.js?root="),
    ("terms/backsourcing/", "de", None, "../../assets/javascripts/lexikon-search-worker.js?root="),
    ("da/terms/backsourcing/", "da", None, "../../../assets/javascripts/lexikon-search-worker.js?root=da/"),
    (None, "de", "/lexikon/", "/lexikon/assets/javascripts/lexikon-search-worker.js?root="),
])
def test_worker_address_names_the_language_tree(page_url, lang, base, expected) -> None:
    assert pagefind.search_worker_url(SiteLayout(SETTINGS, site_url=base), lang, page_url) == expected


def test_each_page_goes_to_its_own_languages_bundle(tmp_path: Path) -> None:
    body = '<article data-pagefind-body>x</article>'
    files = {"index.html": body, "terms/x/index.html": body, "print/index.html": "<article>",
             "404.html": "<article>", "da/index.html": body, "da/terms/x/index.html": body,
             "da/print/index.html": "<article>", "pagefind/stray.html": body, "da/pagefind/y.html": body,
             "data/table.html": body, "dansk/index.html": body}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    pages = pagefind.pagefind_pages(tmp_path, SiteLayout(SETTINGS))
    assert {code: [url for url, _ in found] for code, found in pages.items()} == {
        "de": ["/dansk/", "/data/table.html", "/", "/terms/x/"],
        "da": ["/", "/terms/x/"],
    }
    assert pages["da"][1][1] == tmp_path / "da/terms/x/index.html"

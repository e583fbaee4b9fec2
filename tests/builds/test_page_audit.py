"""The page audit (tests/support/page_audit.py) on every site the tests build, and proof that it
sees what a reader would: a page broken on purpose is caught, finding by finding.

In Chromium: every page kind of both languages loads without a failed request or a console
error, a missing address in the Danish tree gets the Danish 404 page, and what only a
browser shows (label sizes on a phone, print, the letter bar under a tag filter) is right.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.constants import LANGS
from tests.support.page_audit import audit_in_browser, audit_pages
from tests.support.pages_site import SITE_URL
from tests.support.project import Project

PAGE_KINDS = ["", "terms/", "terms/outsourcing/", "terms/make-or-buy/", "tags/it/", "tags/",
              "changes/", "data/", "print/", "guide/", "does-not-exist/", "table-de-da/"]
"""Home, A–Z, term, missing translation (Danish), tag page, tags overview, changes, data,
print, guide, 404, translators' table."""


# --- on the files ------------------------------------------------------------------------------------


def test_our_site_passes_the_audit(built_site: Project) -> None:
    assert audit_pages(built_site.site, LANGS) == []


def test_the_fixture_glossary_passes_the_audit_without_site_url(anywhere: Project) -> None:
    assert audit_pages(anywhere.site, LANGS) == []


def test_the_fixture_glossary_passes_the_audit_with_site_url(hosted: Project) -> None:
    assert audit_pages(hosted.site, LANGS, SITE_URL) == []


@pytest.fixture
def broken(anywhere: Project, tmp_path: Path) -> Path:
    """A copy of a built site, to break."""
    site = tmp_path / "site"
    shutil.copytree(anywhere.site, site)
    return site


def _edit(site: Path, relative: str, old: str, new: str, count: int = 1) -> None:
    path = site / relative
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, count), "utf-8")


def test_the_audit_sees_none_in_the_nav_as_the_old_build_had_it(broken: Path) -> None:
    # What release_page_text did to every page written before this one: its title gone.
    _edit(broken, "da/changes/index.html", "\n    Forside\n", "\n    None\n")
    _edit(broken, "tags/it/index.html", "Zuletzt geändert", "None", count=99)
    found = audit_pages(broken, LANGS)
    assert any(line.startswith("da/changes/index.html: 'None' in what the reader sees") for line in found)
    assert any(line.startswith("tags/it/index.html: 'None' in what the reader sees") for line in found)
    assert all(line.startswith(("da/changes/", "tags/it/")) for line in found), found


def test_the_audit_sees_residue_foreign_strings_and_a_wrong_lang(broken: Path) -> None:
    _edit(broken, "da/guide/index.html", 'aria-label="Mørkt tema"', 'aria-label="Dunkles Design"')
    _edit(broken, "da/data/index.html", '<html lang="da"', '<html lang="de"')
    _edit(broken, "terms/index.html", "<title>", "<title>{{ page.title }} ")
    _edit(broken, "guide/index.html", 'title="Link zu diesem Abschnitt"', 'title="Permanent link"')
    found = "\n".join(audit_pages(broken, LANGS))
    assert "da/guide/index.html: UI string of another language on a da page: 'Dunkles Design'" in found
    assert 'da/data/index.html: <html lang="de"> in the da tree' in found
    assert "terms/index.html: template residue '{{'" in found
    assert "guide/index.html: UI string of another language on a de page: 'Permanent link'" in found


def test_the_audit_sees_wrong_alternates_and_missing_files(broken: Path) -> None:
    # The missing translation's page advertised as the Danish version, as the old build did.
    _edit(broken, "terms/make-or-buy/index.html", '<link rel="alternate" hreflang="x-default"',
          '<link rel="alternate" hreflang="da" href="../../da/terms/make-or-buy/">\n'
          '<link rel="alternate" hreflang="x-default"')
    _edit(broken, "da/tags/index.html", 'hreflang="de" href="../../tags/"',
          'hreflang="de" href="../../terms/"')
    _edit(broken, "da/terms/index.html", "assets/lexikon.css", "assets/lexicon.css")
    found = "\n".join(audit_pages(broken, LANGS))
    assert ("terms/make-or-buy/index.html: hreflang da alternate '../../da/terms/make-or-buy/' "
            "has its text in 'de'") in found
    assert "does not name this page back as da" in found  # da/tags/ -> terms/ (which names da/terms/)
    assert "da/terms/index.html: links to or loads '../../assets/lexicon.css': no such file" in found


def test_the_audit_sees_what_the_page_review_found(broken: Path) -> None:
    """Each class the review of the built pages found, broken back the way it was."""
    _edit(broken, "da/404.html", '<a href="/" hreflang="de"', '<a href="/tags/it/" hreflang="de"')
    _edit(broken, "index.html", '<a href="da/" hreflang="da"', '<a href="/da/" hreflang="da"')
    _edit(broken, "da/tags/index.html", '<a href="../../tags/" hreflang="de"',
          '<a href="../../terms/" hreflang="de"')
    _edit(broken, "terms/index.html", '<link rel="icon"',
          '<meta property="og:url" content="https://lexikon.example.org/glossar/./">\n<link rel="icon"')
    _edit(broken, "da/terms/outsourcing/index.html", 'Fremdbezug." lang="de"', 'Fremdbezug."')
    _edit(broken, "tags/index.html", "(1 Begriff)", "(1 Begriffe)")
    found = "\n".join(audit_pages(broken, LANGS))
    assert "da/404.html: language menu: de goes to '/tags/it/', not the de home '/'" in found
    assert "index.html: language menu: da goes to '/da/', root-absolute" in found
    assert "da/tags/index.html: language menu: de goes to '../../terms/', the page's de alternate is" in found
    assert "terms/index.html: address with '/./'" in found
    assert ("da/terms/outsourcing/index.html: de text under lang=da (mark it lang='de'): "
            "'Die Make-or-Buy") in found
    assert "tags/index.html: a count of one in the plural: '1 Begriffe'" in found


def test_the_audit_wants_absolute_alternates_with_site_url(anywhere: Project) -> None:
    found = audit_pages(anywhere.site, LANGS, SITE_URL)
    assert any("is not absolute (site_url is set)" in line for line in found)


# --- in the browser -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(anywhere: Project) -> Iterator[str]:
    from tests.support.browser import serve_site

    yield from serve_site(anywhere)


@pytest.fixture(scope="module")
def served_hosted(hosted: Project) -> Iterator[str]:
    from tests.support.browser import serve_site

    yield from serve_site(hosted)


@pytest.fixture(scope="module")
def browser():
    from tests.bench.search import shared_browser
    from tests.support.browser import CHROMIUM

    return shared_browser(CHROMIUM)


def _every_kind() -> list[str]:
    return [root + kind for root in ("", "da/") for kind in PAGE_KINDS]


@pytest.mark.browser
def test_every_page_kind_loads_cleanly(browser, served: str) -> None:
    assert audit_in_browser(browser, served, _every_kind()) == []


@pytest.mark.browser
def test_every_page_kind_loads_cleanly_when_built_for_another_host(browser, served_hosted: str) -> None:
    # Alternates and sitemaps name https://lexikon.example.org/: nothing may go there. (Not
    # the 404 pages: built for /glossar/, they load their assets from there, at any depth.)
    kinds = [path for path in _every_kind() if "does-not-exist" not in path]
    assert audit_in_browser(browser, served_hosted, kinds, viewport=(390, 844)) == []


@pytest.mark.browser
def test_a_missing_danish_address_gets_the_danish_404_page(browser, served: str) -> None:
    page = browser.new_page()
    try:
        page.goto(served + "/da/terms/nowhere/")
        page.wait_for_function("document.documentElement.lang === 'da'")
        assert page.locator("article h1").inner_text() == "Siden findes ikke"
        assert page.title() == "Siden findes ikke - Leksikon"
        page.goto(served + "/terms/nowhere/")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.lang") == "de"
        assert page.locator("article h1").inner_text() == "Seite nicht gefunden"
    finally:
        page.close()


@pytest.mark.browser
def test_graph_labels_are_readable_on_a_phone(browser, served: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = context.new_page()
    try:
        for path in ("/terms/outsourcing/", "/da/"):
            page.goto(served + path)
            sizes = page.eval_on_selector_all(
                ".lexikon-graph text", "els => els.map(e => e.getBoundingClientRect().height)")
            assert sizes and min(sizes) >= 11, (path, sizes)  # the old labels: about 8 px
            halo = page.eval_on_selector(".lexikon-graph text", "e => getComputedStyle(e).paintOrder")
            assert halo.startswith("stroke"), halo
    finally:
        context.close()


@pytest.mark.browser
def test_print_shows_no_graph_heading(browser, served: str) -> None:
    page = browser.new_page()
    try:
        page.goto(served + "/terms/outsourcing/")
        page.emulate_media(media="print")
        assert not page.locator("#lexikon-graph").is_visible()
        assert not page.locator(".lexikon-figure").is_visible()
    finally:
        page.close()


@pytest.mark.browser
def test_the_letter_bar_offers_only_letters_the_tag_filter_shows(browser, served: str) -> None:
    page = browser.new_page()
    try:
        page.goto(served + "/terms/")
        for tag in ("it", "business"):
            page.click(f"label[for=lexikon-filter-{tag}]")
            offered = page.eval_on_selector_all(
                ".lexikon-letters a", "els => els.filter(e => e.offsetParent !== null)"
                                      ".map(e => e.getAttribute('href'))")
            assert offered, tag
            for anchor in offered:
                assert page.locator(anchor).is_visible(), (tag, anchor)
    finally:
        page.close()

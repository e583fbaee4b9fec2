"""What a fresh reader found on the built site (notes/review-pages-FINDINGS.md), each
finding asserted on the built files of the small glossary of tests/test_pages.py (a term
not yet in Danish, built with and without ``SITE_URL``).
"""

from __future__ import annotations

import pytest
from conftest import Project
from test_pages import SITE_URL, anywhere, doc, hosted  # noqa: F401  (session fixtures, shared)

MENU = "//a[contains(@class, 'md-select__link')][@hreflang]"


def menu(project: Project, relative: str) -> dict[str, str]:
    return {link.get("hreflang"): link.get("href") for link in doc(project, relative).xpath(MENU)}


# --- 1, 2: the language menu --------------------------------------------------------------------


@pytest.mark.parametrize("relative", ["404.html", "da/404.html"])
def test_each_404_s_language_menu_names_the_language_homes(anywhere: Project, hosted: Project,  # noqa: F811
                                                           relative: str) -> None:
    assert menu(anywhere, relative) == {"de": "/", "da": "/da/"}
    assert menu(hosted, relative) == {"de": "/glossar/", "da": "/glossar/da/"}


@pytest.mark.parametrize("relative, links", [
    ("index.html", {"de": "./", "da": "da/"}),
    ("da/index.html", {"de": "../", "da": "./"}),
])
def test_the_home_pages_switch_language_relatively(anywhere: Project, relative: str,  # noqa: F811
                                                   links: dict[str, str]) -> None:
    """Served from a sub-folder without SITE_URL, "/da/" would leave the site."""
    assert menu(anywhere, relative) == links


# --- 7: no "./" in absolute addresses ---------------------------------------------------------------


def test_the_home_s_hreflang_and_sitemap_address_is_its_canonical(hosted: Project) -> None:  # noqa: F811
    for relative in ("index.html", "da/index.html"):
        page = doc(hosted, relative)
        hrefs = page.xpath("//head/link[@hreflang]/@href")
        assert SITE_URL in hrefs and not [href for href in hrefs if "/./" in href]
    assert page.xpath("//link[@rel='canonical']/@href") == [SITE_URL + "da/"]
    for sitemap in ("sitemap.xml", "da/sitemap.xml"):
        text = (hosted.site / sitemap).read_text(encoding="utf-8")
        assert "/./" not in text and f'href="{SITE_URL}"' in text


# --- 8: the 404 page's title ----------------------------------------------------------------------


@pytest.mark.parametrize("relative, title", [
    ("404.html", "Seite nicht gefunden - Lexikon"),
    ("da/404.html", "Siden findes ikke - Leksikon"),
])
def test_the_404_page_is_titled_in_its_language(anywhere: Project, relative: str, title: str) -> None:  # noqa: F811
    assert doc(anywhere, relative).xpath("//title/text()") == [title]

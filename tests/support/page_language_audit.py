"""More of what ``page_audit`` reads on every page: what a fresh reader found (review of
the built pages, notes/review-pages-FINDINGS.md), as classes rather than cases.

- the language menu goes to this page in the other language (or, on a 404 page, to the
  language's home), relative like every link unless the page is a 404 page;
- no ``/./`` in an absolute address (hreflang, canonical, sitemap);
- a tooltip or a description in another language than the text around it, unmarked;
- a count of one with the plural form ("1 Begriffe").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from tests.support.constants import ROOT

LOCALES = ROOT / "hooks" / "lexikon" / "core" / "locales"
assert LOCALES.is_dir(), f"the locale files moved: {LOCALES}"
_MENU = "//a[contains(concat(' ', @class, ' '), ' md-select__link ')][@hreflang]"

Local = Callable[[str], "Path | None"]
"""A link of the page → the file it points at (None when it leaves the site)."""


def check_language_menu(doc, relative: str, languages: Sequence[str], site_url: str | None,
                        local: Local, alternates: dict[str, str]) -> list[str]:
    """The language menu of one page: each entry a page of its language, and the page's own
    alternate in that language when it has one."""
    problems = []
    not_found = relative.endswith("404.html")
    base = urlsplit(site_url or "/").path.rstrip("/") + "/"
    for link in doc.xpath(_MENU):
        code, href = link.get("hreflang"), link.get("href") or ""
        if not_found:
            home = base + ("" if code == languages[0] else f"{code}/")
            if href != home:
                problems.append(f"language menu: {code} goes to {href!r}, not the {code} home {home!r}")
            continue
        if href.startswith("/"):
            problems.append(f"language menu: {code} goes to {href!r}, root-absolute (breaks in a sub-folder)")
            continue
        target = local(href)
        if target is None or not target.is_file():
            problems.append(f"language menu: {code} goes to {href!r}: no such page")
        elif code in alternates and local(alternates[code]) != target:
            problems.append(f"language menu: {code} goes to {href!r}, the page's {code} alternate is "
                            f"{alternates[code]!r}")
    return problems


def check_dot_segments(doc) -> list[str]:
    """Absolute addresses in the head, written as the canonical is (no ``/./``)."""
    return [f"address with '/./': {href!r}" for href in doc.xpath("//head/link/@href | //head/meta/@content")
            if "://" in href and "/./" in href]


def check_sitemap(text: str) -> list[str]:
    return [f"sitemap address with '/./': {href!r}" for href in re.findall(r'(?:href="|<loc>)([^"<]+)', text)
            if "/./" in href]


def check_unmarked_language(doc, lang: str, languages: Sequence[str],
                            text_language: Callable[[str, Sequence[str]], str | None]) -> list[str]:
    """Tooltips and the description whose words are another language's than the ``lang``
    they stand under: a screen reader reads them in the wrong voice."""
    problems = []
    for element in doc.xpath("//*[@title] | //head/meta[@name='description']"):
        text = element.get("title") if element.tag != "meta" else element.get("content")
        marked = element.xpath("ancestor-or-self::*[@lang][1]/@lang")
        under = marked[0].split("-")[0] if marked else lang
        written = text_language(text or "", languages)
        if written is not None and written != under:
            problems.append(f"{written} text under lang={under} (mark it lang={written!r}): {text[:60]!r}")
    return problems


class _OnlyCount(dict):
    """``count=1``, and '' for any other placeholder of a counted string."""

    def __missing__(self, key: str) -> object:
        return 1 if key == "count" else ""


@cache
def wrong_counts(code: str) -> tuple[str, ...]:
    """What a count of one looks like in the plural form of each counted string."""
    strings = (yaml.safe_load((LOCALES / f"{code}.yml").read_text("utf-8")) or {}).get("strings") or {}
    wrong = []
    for forms in strings.values():
        if isinstance(forms, dict) and "{count}" in forms.get("other", ""):  # a plural without a number
            # ("Unterbegriffe" over a list) is chosen by the list's length: no "1 Begriffe" to catch;
            # other placeholders (a language's name) are left empty: the count comes first
            wrong.append(forms["other"].format_map(_OnlyCount()).split(",")[0].strip())
    return tuple(wrong)


def check_counts(text: str, lang: str) -> list[str]:
    """A count of one in the plural ("1 Begriffe")."""
    if not (LOCALES / f"{lang}.yml").is_file():
        return []
    text = " ".join(text.split())
    return [f"a count of one in the plural: {wrong!r}" for wrong in wrong_counts(lang)
            if re.search(rf"(?<![\d.]){re.escape(wrong)}", text)]

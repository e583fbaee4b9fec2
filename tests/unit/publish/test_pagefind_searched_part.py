"""Pagefind is handed only the part of each page it indexes (``pagefind_index.searched_part``):
the same bundle, byte for byte, for a fifth of the bytes to parse (its CPU at 10,000 terms:
14.3 → 11.3 s a language; its memory is its index, unchanged).

The bundles of our own built site are made both ways and compared; pages laid out otherwise,
or with a Pagefind attribute outside those parts, are indexed whole."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lexikon.core.layout import SiteLayout
from lexikon.core.settings import make_settings
from lexikon.publish import pagefind, pagefind_index
from lexikon.publish.kept import file_digest
from tests.support.constants import LANGUAGES
from tests.support.project import Project

PAGE = (b'<!doctype html><html lang="da" class="no-js"><head><title>T</title></head><body>'
        b'<nav>menu</nav><article class="md-content__inner md-typeset" data-pagefind-body>'
        b'<h1>Titel</h1><p>Tekst</p></article><div hidden data-pagefind-meta="title[data-title]" '
        b'data-title="Titel"></div></div><footer>f</footer></body></html>')


def test_the_searched_part_keeps_the_article_and_its_meta_in_a_bare_page() -> None:
    part = pagefind_index.searched_part(PAGE)
    assert part is not None
    assert part.startswith(b'<!doctype html><html lang="da" class="no-js"><head>')
    assert b"<h1>Titel</h1><p>Tekst</p></article>" in part and b'data-title="Titel"></div>' in part
    assert b"menu" not in part and b"<footer>" not in part and b"<title>" not in part


@pytest.mark.parametrize("page", [
    b"<html><body><p>no body marked</p></body></html>",
    PAGE.replace(b"<nav>menu</nav>", b'<nav data-pagefind-filter="tag">menu</nav>'),
    PAGE.replace(b"<footer>f</footer>", b'<footer data-pagefind-ignore>f</footer>'),
    PAGE.replace(b' data-pagefind-meta="title[data-title]"', b""),
    PAGE.replace(b"</article>", b""),
], ids=["no body", "filter before", "attribute after", "no meta", "article not closed"])
def test_a_page_laid_out_otherwise_is_indexed_whole(page: bytes) -> None:
    assert pagefind_index.searched_part(page) is None


def _bundles(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): file_digest(path)
            for path in sorted(site.rglob("*")) if path.is_file() and "pagefind" in path.parts}


def test_our_sites_bundles_are_the_same_bytes_as_from_whole_pages(
        built_site: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = make_settings(built_site.root, LANGUAGES, {})
    layout = SiteLayout(settings)
    made, parts, real = {}, [], pagefind_index.searched_part
    for way in ("searched part", "whole pages"):
        site = tmp_path / way
        shutil.copytree(built_site.site, site, ignore=shutil.ignore_patterns("pagefind"))
        def cut(page: bytes, way: str = way) -> bytes | None:
            parts.append(real(page) if way == "searched part" else None)
            return parts[-1]
        monkeypatch.setattr(pagefind_index, "searched_part", cut)
        pagefind.write_pagefind_bundles(site, layout)
        made[way] = _bundles(site)
    assert made["searched part"] == made["whole pages"]
    handed = parts[:len(parts) // 2]
    assert len(handed) >= 20 and None not in handed  # every page of ours was handed over cut
    assert len([name for name in made["whole pages"] if "/fragment/" in name]) >= 20

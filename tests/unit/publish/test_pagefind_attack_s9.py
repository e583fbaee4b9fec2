"""Session 9's attacker on ``pagefind_index.searched_part``: the bundle must be the one made of
whole pages for pages the authors did not design either. A site's own page (``trusted_pages``,
where raw HTML is allowed) with an element left open whose text runs to the end of the document
(``<plaintext>``; an unclosed ``<textarea>`` or ``<xmp>`` alike): in the whole page, the rest of
the page (footer, the scripts' text) is inside the article and indexed; in the part, it ends
with the meta element. Articles cannot hold it (Markdown only); the site's own pages can."""

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


def _bundles(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): file_digest(path)
            for path in sorted(site.rglob("*")) if path.is_file() and "pagefind" in path.parts}


@pytest.mark.parametrize("opening", [b"<plaintext>", b"<textarea>", b"<XMP>", b"<!--", b"<title>"])
def test_a_page_with_an_element_left_open_indexes_as_the_whole_page(
        built_site: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opening: bytes) -> None:
    settings = make_settings(built_site.root, LANGUAGES, {})
    layout = SiteLayout(settings)
    made, real = {}, pagefind_index.searched_part
    for way in ("searched part", "whole pages"):
        site = tmp_path / way
        shutil.copytree(built_site.site, site, ignore=shutil.ignore_patterns("pagefind"))
        guide = site / "guide" / "index.html"  # as docs/guide.md ending in "<plaintext>\nRest" makes it
        page = guide.read_bytes()
        assert page.count(b"</article>") == 1
        guide.write_bytes(page.replace(b"</article>", opening + b"\nRest Zebrafink\n</article>"))
        monkeypatch.setattr(pagefind_index, "searched_part",
                            real if way == "searched part" else lambda page: None)
        pagefind.write_pagefind_bundles(site, layout)
        made[way] = _bundles(site)
    assert made["searched part"] == made["whole pages"]

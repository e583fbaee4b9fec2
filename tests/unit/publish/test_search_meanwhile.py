"""Pagefind indexes in a process of its own: the build's exports are written meanwhile (issue 17,
incremental builds), once, and never lost: at the end when no language is indexed (every bundle
taken from the last site, or lunr), and an error in them stops the indexer."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from lexikon.core.layout import SiteLayout
from lexikon.core.settings import make_settings
from lexikon.publish import outputs, pagefind
from lexikon.publish.kept import KeptOutputs
from tests.support.constants import LANGUAGES
from tests.support.memory_store import MemoryStore

BODY = "<html><head><title>{t}</title></head><body><article data-pagefind-body><h1>{t}</h1>" \
       "<p>{t} ist ein Wort.</p></article></body></html>"


def _site(root: Path) -> tuple[Path, SiteLayout]:
    project = root / "project"
    project.mkdir()
    site = project / "site"
    for name, title in {"index.html": "Start", "terms/a/index.html": "Anker",
                        "da/index.html": "Forside", "da/terms/a/index.html": "Anker"}.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(BODY.format(t=title), encoding="utf-8")
    return site, SiteLayout(make_settings(project, LANGUAGES, None))


def test_the_exports_run_while_the_first_language_is_indexed_and_only_once(tmp_path: Path) -> None:
    site, layout = _site(tmp_path)
    seen: list[list[bool]] = []
    pagefind.write_pagefind_bundles(site, layout, None, lambda: seen.append(
        [(site / layout.root(code) / "pagefind" / "pagefind-entry.json").exists() for code in ("de", "da")]))
    assert seen == [[False, False]]  # the German indexer had not finished; the Danish not begun
    assert all((site / layout.root(code) / "pagefind" / "pagefind-entry.json").stat().st_size
               for code in ("de", "da"))


def recorded_site(tmp_path: Path, make_site: Callable[[Path], tuple[Path, SiteLayout]] = _site,
                  ) -> tuple[Path, SiteLayout, MemoryStore]:
    """A last good site (``make_site``'s) with both bundles, and the store recording them as a
    good build leaves it."""
    site, layout = make_site(tmp_path)
    store = MemoryStore()
    first = KeptOutputs(store, site)  # type: ignore[arg-type]
    pagefind.write_pagefind_bundles(site, layout, first)
    store.items = dict(first.kept)
    return site, layout, store


def test_the_exports_run_at_the_end_when_every_bundle_is_taken(tmp_path: Path) -> None:
    site, layout, store = recorded_site(tmp_path)
    calls: list[int] = []
    second = KeptOutputs(store, site)  # type: ignore[arg-type]
    new_site = shutil.copytree(site, tmp_path / "new-site")  # the next build's folder, the same pages
    pagefind.write_pagefind_bundles(new_site, layout, second, lambda: calls.append(len(second.taken)))
    assert second.taken == ["pagefind-de", "pagefind-da"]
    assert calls == [2]


def test_with_lunr_the_exports_still_run_once(tmp_path: Path) -> None:
    site, _ = _site(tmp_path)
    lunr = SiteLayout(make_settings(tmp_path / "project", LANGUAGES, {"search": "lunr"}))
    (site / "search").mkdir()
    index = '{"config": {"fields": {}}, "docs": []}'
    (site / "search" / "search_index.json").write_text(index, encoding="utf-8")
    calls: list[str] = []
    outputs.write_search(site, lunr, [], None, lambda: calls.append("exports"))
    assert calls == ["exports"]
    assert not (site / "pagefind").exists()


def test_an_error_in_the_exports_stops_the_indexer_and_reaches_the_build(tmp_path: Path) -> None:
    site, layout = _site(tmp_path)

    def broken() -> None:
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        pagefind.write_pagefind_bundles(site, layout, None, broken)
    assert not (site / "pagefind" / "pagefind-entry.json").exists()
    assert not (site / "da" / "pagefind").exists()

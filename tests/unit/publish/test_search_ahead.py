"""The default language's Pagefind bundle begun as soon as its pages are written, while the
other languages' passes run (issue 17, ``publish/pagefind_index.py``): the bundles are the same
bytes as when every language is indexed at the end, and the begun one is taken or waited for."""

from __future__ import annotations

import shutil
from pathlib import Path

from lexikon.publish import pagefind
from lexikon.publish.kept import KeptOutputs, file_digest
from tests.unit.publish.test_search_meanwhile import BODY, _site, recorded_site


def _bundle(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): file_digest(path)
            for path in sorted(site.rglob("*")) if path.is_file() and "pagefind" in path.parts}


def test_a_bundle_begun_before_the_other_languages_are_written_equals_one_made_at_the_end(
        tmp_path: Path) -> None:
    site, layout = _site(tmp_path)
    pagefind.write_pagefind_bundles(site, layout)
    at_the_end = _bundle(site)
    early = tmp_path / "early"
    shutil.copytree(site, early, ignore=shutil.ignore_patterns("pagefind"))
    danish = tmp_path / "danish"
    shutil.move(early / "da", danish)  # the Danish pass has not written its pages yet
    started = {"de": pagefind.start_bundle(early, layout, "de")}
    assert started["de"].indexer is not None and started["de"].pages == 2
    shutil.move(danish, early / "da")  # ... now it has
    counts = pagefind.write_pagefind_bundles(early, layout, None, None, started)
    assert counts == {"de": 2, "da": 2}
    assert _bundle(early) == at_the_end
    assert started["de"].indexer is None  # waited for


def test_a_begun_bundle_of_unchanged_pages_is_taken_from_the_last_site(tmp_path: Path) -> None:
    site, layout, store = recorded_site(tmp_path)
    new_site = tmp_path / "new-site"
    shutil.copytree(site, new_site, ignore=shutil.ignore_patterns("pagefind"))
    (new_site / "da" / "index.html").write_text(BODY.format(t="Ny forside"), encoding="utf-8")
    second = KeptOutputs(store, site)  # type: ignore[arg-type]
    started = {"de": pagefind.start_bundle(new_site, layout, "de", second)}
    assert started["de"].indexer is None and second.taken == ["pagefind-de"]
    calls: list[str] = []
    pagefind.write_pagefind_bundles(new_site, layout, second, lambda: calls.append("exports"), started)
    assert second.taken == ["pagefind-de"] and calls == ["exports"]  # the Danish pages changed
    assert (new_site / "da" / "pagefind" / "pagefind-entry.json").stat().st_size
    assert _bundle(new_site)["pagefind/pagefind-entry.json"] == _bundle(site)["pagefind/pagefind-entry.json"]


def test_a_begun_indexer_stopped_by_a_failed_build_leaves_no_process(tmp_path: Path) -> None:
    site, layout = _site(tmp_path)
    begun = pagefind.start_bundle(site, layout, "de")
    assert begun.indexer is not None
    begun.indexer.stop()
    assert begun.indexer.process.poll() is not None
    assert not (site / "pagefind").exists()  # it wrote elsewhere; a later build's site is never touched


def test_a_bundle_is_moved_in_whole_with_the_modes_pagefind_gives_it(tmp_path: Path) -> None:
    site, layout = _site(tmp_path)
    begun = pagefind.start_bundle(site, layout, "de")
    assert begun.indexer is not None and not (site / "pagefind").exists()  # not while it indexes
    pagefind.write_pagefind_bundles(site, layout, None, None, {"de": begun})
    made = (site / "pagefind").stat().st_mode & 0o777
    (tmp_path / "plain").mkdir()
    assert made == (tmp_path / "plain").stat().st_mode & 0o777
    # the bundle's folder is made beside the staging folder, which a thread deletes meanwhile:
    # only their folder is listed (a walk into the staging folder races with that deletion)
    cache = tmp_path / "project" / ".cache"
    folders = [folder for top in cache.iterdir() if top.is_dir() for folder in top.iterdir()]
    assert not any(folder.name.endswith(".bundle") for folder in folders)

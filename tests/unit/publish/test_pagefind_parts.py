"""A large language indexed in parts (issue 17: Pagefind holds every page it indexes, 1.1 GiB
for one language of a 10,000-term glossary): above ``PART_PAGES`` pages, each part by a Pagefind
process of its own, one after the other; the first part is the bundle, the others lie in it and
its script names them for the reader's worker. Below, the bundle is Pagefind's own as before."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from lexikon.core.layout import SiteLayout
from lexikon.core.settings import make_settings
from lexikon.publish import pagefind, pagefind_index
from lexikon.publish.kept import KeptOutputs
from lexikon.publish.pagefind_index import PARTS_EXPORT, IndexFailed
from tests.support.constants import LANGUAGES
from tests.unit.publish.test_search_meanwhile import BODY, recorded_site

WORDS = ("Anker", "Boje", "Deich", "Ebbe", "Flut")


def _site(root: Path) -> tuple[Path, SiteLayout]:
    project = root / "project"
    site = project / "site"
    for index, word in enumerate(WORDS):
        for tree in ("", "da/"):
            page = site / f"{tree}terms/{word.lower()}/index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(BODY.format(t=f"{word} Nummer{index}"), encoding="utf-8")
    return site, SiteLayout(make_settings(project, LANGUAGES, None))


def _urls(bundle: Path) -> list[str]:
    """The pages a bundle (without its parts) holds, by their fragments."""
    urls = []
    for fragment in (bundle / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        urls.append(json.loads(data[data.index(b"{"):])["url"])
    return sorted(urls)


def test_a_language_above_the_threshold_is_indexed_in_parts_each_page_in_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pagefind_index, "PART_PAGES", 2)
    site, layout = _site(tmp_path)
    assert pagefind.write_pagefind_bundles(site, layout) == {"de": 5, "da": 5}
    bundle = site / "pagefind"
    parts = [bundle, bundle / "part-2", bundle / "part-3"]
    assert sorted(p.name for p in bundle.iterdir() if p.name.startswith("part-")) == ["part-2", "part-3"]
    held = [_urls(part) for part in parts]
    assert sorted(url for urls in held for url in urls) == sorted(f"/terms/{w.lower()}/" for w in WORDS)
    assert [len(urls) for urls in held] == [2, 2, 1]
    assert held[0] == ["/terms/anker/", "/terms/ebbe/"]  # dealt out in turn: each part a sample
    script = (bundle / "pagefind.js").read_text(encoding="utf-8")
    assert script.endswith(f'\nexport const {PARTS_EXPORT} = ["part-2/", "part-3/"];\n')
    for part in parts[1:]:  # only what a merged index reads: the script and wasm are the first part's
        assert sorted(p.name for p in part.iterdir() if p.is_file())[0] == "pagefind-entry.json"
        assert not list(part.glob("*.js")) and not list(part.glob("wasm.*"))
    assert (site / "da" / "pagefind" / "part-3" / "pagefind-entry.json").is_file()


def test_a_language_at_the_threshold_keeps_pagefinds_own_bundle(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pagefind_index, "PART_PAGES", 5)
    site, layout = _site(tmp_path)
    pagefind.write_pagefind_bundles(site, layout)
    bundle = site / "pagefind"
    assert not list(bundle.glob("part-*")) and PARTS_EXPORT not in (bundle / "pagefind.js").read_text()
    assert len(_urls(bundle)) == 5


def test_a_failed_part_fails_the_bundle_and_leaves_none(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pagefind_index, "PART_PAGES", 2)
    site, layout = _site(tmp_path)
    real = pagefind_index.Indexer._command

    def failing_second(self: pagefind_index.Indexer, folder: Path, output: Path) -> list[str]:
        if folder.name == "2":
            return [sys.executable, "-c", "import sys; sys.stderr.write('part two broke'); sys.exit(3)"]
        return real(self, folder, output)

    monkeypatch.setattr(pagefind_index.Indexer, "_command", failing_second)
    with pytest.raises(IndexFailed, match="part two broke"):
        pagefind.write_pagefind_bundles(site, layout)
    assert not (site / "pagefind").exists()


def test_stopping_a_language_in_parts_ends_the_part_running(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pagefind_index, "PART_PAGES", 2)
    monkeypatch.setattr(pagefind_index.Indexer, "_command",
                        lambda self, folder, output: [sys.executable, "-c", "import time; time.sleep(60)"])
    site, layout = _site(tmp_path)
    begun = pagefind.start_bundle(site, layout, "de")
    assert begun.indexer is not None
    chain = begun.indexer.process.pid
    deadline = time.monotonic() + 30
    while not (parts := _children(chain)) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert parts  # the first part is running
    begun.indexer.stop()
    for pid in (chain, *parts):  # no process of the chain is left, the sleeping part neither
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def _children(pid: int) -> list[int]:
    """The processes ``pid`` started (by their parent's id in ``/proc``)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text() if entry.name.isdigit() else ""
        except OSError:
            continue
        if stat and int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def test_a_bundle_in_parts_of_unchanged_pages_is_taken_whole_from_the_last_site(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pagefind_index, "PART_PAGES", 2)
    site, layout, store = recorded_site(tmp_path, _site)
    new_site = tmp_path / "new-site"
    shutil.copytree(site, new_site, ignore=shutil.ignore_patterns("pagefind"))
    changed = new_site / "da" / "terms" / "anker" / "index.html"
    changed.write_text(BODY.format(t="Anker ny"), encoding="utf-8")
    second = KeptOutputs(store, site)  # type: ignore[arg-type]
    pagefind.write_pagefind_bundles(new_site, layout, second)
    assert second.taken == ["pagefind-de"]  # the Danish pages changed: made again, in parts too
    assert _files(new_site / "pagefind") == _files(site / "pagefind")
    assert (new_site / "pagefind" / "part-3" / "pagefind-entry.json").is_file()
    assert (new_site / "da" / "pagefind" / "part-3" / "pagefind-entry.json").is_file()


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}

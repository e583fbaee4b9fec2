"""`mkdocs serve`'s fast path, step 3 (search bundles, feeds, sitemaps, exports) against a full
rebuild that runs meanwhile (issue 17).

Step 3 runs without serve's lock (Pagefind takes seconds). A full rebuild (a page of docs/
changed) may take the lock and swap a new site into the served folder while it runs; step 3
then wrote its outputs, made of the older state, into the new site by path: a bundle of the
old pages, or none while it indexed (a Pagefind fragment the pages ask for answered 404).
Step 3 now makes everything beside the served folder and moves it in only while its edit is
still the state served, under the lock. The outcome is tested on disk.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

from lexikon.engine.mkdocs.articles import Knowledge
from lexikon.engine.mkdocs.live import Live
from lexikon.engine.mkdocs.live_settle import settle
from lexikon.publish.building import swap_in
from lexikon.publish.kept import file_digest
from tests.unit.publish.test_search_meanwhile import BODY, _site


class _Config:
    """What step 3 takes of a language pass's config: a copy whose ``site_dir`` it sets."""

    def __init__(self, site_dir: Path) -> None:
        self.data = {"site_dir": str(site_dir)}

    @property
    def site_dir(self) -> str:
        return self.data["site_dir"]

    def __copy__(self) -> _Config:
        return _Config(Path(self.data["site_dir"]))


def _files(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): file_digest(path)
            for path in sorted(site.rglob("*")) if path.is_file()}


def _live(site: Path, layout, finish) -> Live:
    """A fast path whose edit is the current state, its step 2 done (no page to make again)."""
    rendered = SimpleNamespace(pages={}, graphs={}, settings=layout.settings, layout=layout)
    build = SimpleNamespace(rendered=rendered, knowledge=Knowledge(), serving=True)
    live = Live(build, finish)  # type: ignore[arg-type]
    live.served, live.ready, live.generation = site, True, 1
    live.passes = {code: SimpleNamespace(config=_Config(site)) for code in layout.settings.codes}  # type: ignore[misc]
    live.full_render = lambda rendered, knowledge: rendered  # type: ignore[method-assign]
    live.reload = lambda: None  # type: ignore[method-assign]
    return live


def _write_exports(rendered, config, *, search: bool) -> None:
    assert not search
    (Path(config.site_dir) / "glossary.json").write_text('{"made": "by step 3"}', "utf-8")


def test_a_full_rebuild_during_step_3_keeps_its_site_as_it_made_it(tmp_path: Path) -> None:
    site, layout = _site(tmp_path)
    rebuilt = tmp_path / "rebuilt"  # the full build's site: its own pages, bundles and exports
    shutil.copytree(site, rebuilt)
    (rebuilt / "da" / "index.html").write_text(BODY.format(t="Ny forside"), encoding="utf-8")
    for name in ("pagefind/pagefind-entry.json", "da/pagefind/pagefind-entry.json", "glossary.json"):
        (rebuilt / name).parent.mkdir(parents=True, exist_ok=True)
        (rebuilt / name).write_text('{"made": "by the full build"}', "utf-8")
    as_rebuilt = _files(rebuilt)

    def full_build_then_exports(rendered, config, *, search: bool) -> None:
        with live.lock:  # serve's full rebuild: the lock, its site swapped in, a new state
            swap_in(rebuilt, site)
            live.generation += 1
        _write_exports(rendered, config, search=search)

    live = _live(site, layout, full_build_then_exports)
    settle(live, 1)
    assert _files(site) == as_rebuilt, "step 3 of the older edit wrote into the full build's site"
    assert sorted(p.name for p in site.parent.iterdir() if p.name.startswith(".site.")) == []


def test_step_3_without_a_newer_state_moves_its_outputs_in(tmp_path: Path) -> None:
    site, layout = _site(tmp_path)
    (site / "pagefind").mkdir()
    (site / "pagefind" / "stale.pf_fragment").write_text("old", "utf-8")
    live = _live(site, layout, _write_exports)
    settle(live, 1)
    files = _files(site)
    assert (site / "glossary.json").read_text("utf-8") == '{"made": "by step 3"}'
    for root in ("", "da/"):
        assert (site / f"{root}pagefind" / "pagefind-entry.json").stat().st_size
        assert any(name.startswith(f"{root}pagefind/fragment/") for name in files)
    assert "pagefind/stale.pf_fragment" not in files, "a bundle is replaced whole"
    assert "pagefind/pagefind-ui.js" not in files
    assert sorted(p.name for p in site.parent.iterdir() if p.name.startswith(".site.")) == []

"""The build object behind the thin hook: what one build keeps, and that a failed build leaves
nothing behind for the next one in the same process (``mkdocs serve`` builds many times)."""

from __future__ import annotations

import threading
from pathlib import Path
from types import SimpleNamespace

from lexikon.engine.mkdocs.build import LexikonBuild


def _config(project: Path) -> SimpleNamespace:
    (project / "mkdocs.yml").touch()
    return SimpleNamespace(config_file_path=str(project / "mkdocs.yml"), site_dir=str(project / "site"),
                           extra={})


def _on_config_returns(build: LexikonBuild, config: SimpleNamespace) -> bool:
    """Whether ``on_config`` gets the site's lock within seconds (a lock still held would block it)."""
    done = threading.Event()

    def take() -> None:
        build.on_config(config)
        done.set()

    threading.Thread(target=take, daemon=True).start()
    return done.wait(10)


def test_a_failed_build_keeps_the_old_site_and_frees_the_next(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good site", encoding="utf-8")
    build = LexikonBuild()
    config = _config(tmp_path)
    assert _on_config_returns(build, config)
    building = Path(config.site_dir)
    assert building == tmp_path / ".site.building"
    build.depth = 2  # inside static-i18n's second language pass
    building.mkdir()
    (building / "index.html").write_text("half a site", encoding="utf-8")

    build.on_build_error(RuntimeError("a page failed"))

    assert (site / "index.html").read_text(encoding="utf-8") == "the last good site"
    assert not building.exists()
    assert (build.depth, build.building, build.second) == (0, None, None)
    assert _on_config_returns(build, _config(tmp_path)), "the failed build still holds the site's lock"
    build.on_build_error(RuntimeError())  # let the lock go


def test_on_config_starts_a_build_only_once(tmp_path: Path) -> None:
    """static-i18n's passes run on_config again: the build folder stays the first one's."""
    build = LexikonBuild()
    config = _config(tmp_path)
    assert _on_config_returns(build, config)
    first = build.building
    assert _on_config_returns(build, config)
    assert build.building is first and config.site_dir == str(tmp_path / ".site.building")
    build.on_build_error(RuntimeError())

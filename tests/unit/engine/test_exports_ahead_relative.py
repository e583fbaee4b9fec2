"""The exports made ahead are taken when the project is named by a relative path (``mkdocs
build -f mkdocs.yml`` in its folder): the exporters name what they wrote by resolved paths, and
the child's folder was relative, so none of them lay "in" it; the child failed in silence and
the build made every export a second time at its end, in its own process (issue 17: CPU and
the build process's memory at its end)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lexikon.engine.mkdocs import exports_ahead
from lexikon.engine.mkdocs.exports_ahead import ExportsAhead
from tests.support.forking import fork_possible

pytestmark = pytest.mark.skipif(not fork_possible(), reason="needs fork and two cores")


def _write_resolved(folder: Path) -> list[Path]:
    """As the exporters return them: resolved (``safe_write.checked``)."""
    path = (folder / "glossary.json").resolve()
    path.write_text(str(os.getpid()), encoding="utf-8")
    return [path]


def test_exports_ahead_are_taken_for_a_project_named_relatively(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exports_ahead, "can_fork", fork_possible)
    monkeypatch.chdir(tmp_path)
    site = tmp_path / "site"
    site.mkdir()
    ahead = ExportsAhead.start(Path("."), _write_resolved, "names")
    assert ahead is not None
    assert ahead.take(site) == [site / "glossary.json"]
    assert int((site / "glossary.json").read_text(encoding="utf-8")) != os.getpid()

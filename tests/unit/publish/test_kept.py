"""Whole-site outputs taken from the last site (``publish.kept``): only the recorded bytes, never
through a link, never a file that is not a plain file; each folder asked once, as a search
bundle is thousands of files in a few folders (a build with no change asked every parent of
every file: 1.46 s under cProfile at 1,000 terms)."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

from lexikon.publish import kept
from lexikon.publish.kept import KeptOutputs
from tests.support.memory_store import MemoryStore


def _recorded(tmp_path: Path, count: int = 30) -> tuple[Path, MemoryStore]:
    """A last site with a bundle of ``count`` files in three folders, recorded as made of "in"."""
    site = tmp_path / "site"
    files = []
    for number in range(count):
        path = site / "pagefind" / ("fragment", "index", "filter")[number % 3] / f"{number}.pf"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(f"bytes {number}".encode())
        files.append(path)
    store = MemoryStore()
    made = KeptOutputs(store, site)  # type: ignore[arg-type]
    made.record("bundle", "in", site / "pagefind", files)
    store.items = dict(made.kept)
    return site, store


def _available(site: Path, store: MemoryStore) -> dict | None:
    return KeptOutputs(store, site).available("bundle", "in", "pagefind")  # type: ignore[arg-type]


def test_an_intact_bundle_is_taken(tmp_path: Path) -> None:
    site, store = _recorded(tmp_path)
    assert _available(site, store) is not None


def test_a_folder_replaced_by_a_link_to_the_same_bytes_is_not_taken(tmp_path: Path) -> None:
    site, store = _recorded(tmp_path)
    shutil.move(site / "pagefind" / "index", tmp_path / "elsewhere")
    (site / "pagefind" / "index").symlink_to(tmp_path / "elsewhere")
    assert _available(site, store) is None


def test_a_bundle_folder_that_is_a_link_is_not_taken(tmp_path: Path) -> None:
    site, store = _recorded(tmp_path)
    shutil.move(site / "pagefind", tmp_path / "elsewhere")
    (site / "pagefind").symlink_to(tmp_path / "elsewhere")
    assert _available(site, store) is None


def test_a_file_replaced_by_a_link_is_not_taken(tmp_path: Path) -> None:
    site, store = _recorded(tmp_path)
    fragment = site / "pagefind" / "fragment" / "0.pf"
    (tmp_path / "copy.pf").write_bytes(fragment.read_bytes())
    fragment.unlink()
    fragment.symlink_to(tmp_path / "copy.pf")
    assert _available(site, store) is None


def test_a_pipe_in_place_of_a_file_is_not_taken_and_does_not_hang(tmp_path: Path) -> None:
    site, store = _recorded(tmp_path)
    fragment = site / "pagefind" / "fragment" / "0.pf"
    fragment.unlink()
    os.mkfifo(fragment)
    answers: list[object] = []
    asking = threading.Thread(target=lambda: answers.append(_available(site, store)), daemon=True)
    asking.start()
    asking.join(20)
    assert answers == [None]


def test_a_pipe_has_no_digest_and_does_not_hang(tmp_path: Path) -> None:
    """The kept pages' digest of the last site's page (``engine/mkdocs/kept_pages``) comes here too."""
    os.mkfifo(tmp_path / "index.html")
    answers: list[object] = []

    def digest() -> None:
        try:
            answers.append(kept.file_digest(str(tmp_path / "index.html")))
        except OSError as error:
            answers.append(error)

    asking = threading.Thread(target=digest, daemon=True)
    asking.start()
    asking.join(20)
    assert len(answers) == 1 and isinstance(answers[0], OSError)


def test_each_folder_is_asked_once(tmp_path: Path, monkeypatch) -> None:
    site, store = _recorded(tmp_path, count=600)
    asked: list[str] = []
    islink = os.path.islink
    monkeypatch.setattr(kept.os.path, "islink", lambda path: asked.append(path) or islink(path))
    monkeypatch.setattr(Path, "is_symlink", lambda path: asked.append(str(path)) or islink(path))
    assert _available(site, store) is not None
    assert len(asked) <= 5, f"{len(asked)} questions for 600 files in 3 folders"

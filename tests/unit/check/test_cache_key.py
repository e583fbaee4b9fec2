"""The cache's key in CI (issue 17, point 3): runners are new machines, so a restored cache is
proven by a shared secret (``LEXIKON_CACHE_KEY``); a cache signed with another key, a
tampered file, or a file of another version is a miss, never trusted."""

from __future__ import annotations

from pathlib import Path

import pytest

from lexikon.check import cache

SECRET = "ein-geheimnis-nur-fuer-ci-0123456789"
ITEM = {"content": "<p>gespeichert</p>"}


def _key(monkeypatch: pytest.MonkeyPatch, home: Path, secret: str | None) -> bytes | None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    if secret is None:
        monkeypatch.delenv(cache.KEY_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(cache.KEY_VARIABLE, secret)
    return cache.machine_key()


def _store(folder: Path, key: bytes | None, fingerprint: str = "f1") -> cache.ReportCache:
    return cache.ReportCache(folder, fingerprint, folder.parent, key)


def _written(tmp_path: Path, key: bytes | None) -> Path:
    folder = tmp_path / "project" / ".cache" / "lexikon"
    _store(folder, key).keep_items("pages", {b"\x01" * 20: ITEM})
    return folder


def test_the_same_secret_on_another_machine_proves_the_cache(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _written(tmp_path, _key(monkeypatch, tmp_path / "runner-1", SECRET))
    key = _key(monkeypatch, tmp_path / "runner-2", SECRET)
    assert key is not None and not (tmp_path / "runner-2").exists(), "no machine key made or used"
    assert _store(folder, key).item("pages", b"\x01" * 20) == ITEM


@pytest.mark.parametrize("secret", [None, "ein-anderes-geheimnis-0123456789"])
def test_without_the_secret_or_with_another_the_cache_is_a_miss(
        secret: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fork's pull request has no secret: its runner's own key proves nothing restored."""
    folder = _written(tmp_path, _key(monkeypatch, tmp_path / "runner-1", SECRET))
    key = _key(monkeypatch, tmp_path / "runner-2", secret)
    assert key is not None
    assert _store(folder, key).item("pages", b"\x01" * 20) is None


def test_a_tampered_file_is_a_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = _key(monkeypatch, tmp_path / "runner", SECRET)
    folder = _written(tmp_path, key)
    (shard,) = folder.glob("pages-*.json")
    shard.write_bytes(shard.read_bytes().replace(b"gespeichert", b"untergeschoben"))
    assert _store(folder, key).item("pages", b"\x01" * 20) is None


def test_a_cache_of_another_version_is_ignored_and_removed(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Another fingerprint (other code, other locked versions) reads as empty; the next write
    removes its files, so a restored old cache is never read again."""
    key = _key(monkeypatch, tmp_path / "runner", SECRET)
    folder = _written(tmp_path, key)
    newer = _store(folder, key, "f2")
    assert newer.item("pages", b"\x01" * 20) is None
    newer.keep_items("pages", {b"\x02" * 20: ITEM})
    assert sorted({p.name.split("-")[1] for p in folder.glob("pages-*.json")}) == ["f2"]


def test_a_secret_too_short_to_be_one_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _key(monkeypatch, tmp_path / "runner", "kurz") is None
    assert _key(monkeypatch, tmp_path / "runner", "   ") is not None  # unset in effect: the machine's

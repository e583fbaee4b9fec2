"""The entries' history is read once per commit: an edit in the working tree makes none.

``mkdocs serve`` asks for it after every edit (stale notices, dates); reading every version
of every entry took most of its answer at 3,000 entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from lexikon.core import history
from lexikon.core.history import entry_history
from tests.support.git_history import commit, git, shallow_clone

LANGS = ("de", "da")
ENTRY = "tags: [it]\nde:\n  title: Wort\n  summary: {de}\nda:\n  title: Ord\n  summary: En tekst.\n"


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    reads: list[Path] = []
    real = history._entry_history

    def counted(folder: Path, codes: tuple[str, ...]) -> dict:
        reads.append(folder)
        return real(folder, codes)
    monkeypatch.setattr(history, "_entry_history", counted)
    return reads


def test_an_edit_without_a_commit_reads_no_history_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    commit(tmp_path, {"glossary/wort.yml": ENTRY.format(de="Ein Text.")}, "2026-03-01T10:00:00+00:00")
    reads = _counting(monkeypatch)
    first = entry_history(tmp_path / "glossary", LANGS)
    (tmp_path / "glossary" / "wort.yml").write_text(ENTRY.format(de="Geändert."), encoding="utf-8")
    second = entry_history(tmp_path / "glossary", LANGS)
    assert second == first and [e.edits for e in second.values()] == [e.edits for e in first.values()]
    assert len(reads) == 1
    second.clear()  # a caller's copy: what is kept stays whole
    assert entry_history(tmp_path / "glossary", LANGS) == first


def test_a_new_commit_other_languages_or_a_shallow_clone_read_it_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    commit(repo, {"glossary/wort.yml": ENTRY.format(de="Ein Text.")}, "2026-03-01T10:00:00+00:00")
    reads = _counting(monkeypatch)
    before = entry_history(repo / "glossary", LANGS)
    commit(repo, {"glossary/neu.yml": ENTRY.format(de="Neu.")}, "2026-03-02T10:00:00+00:00")
    after = entry_history(repo / "glossary", LANGS)
    assert set(before) == {"wort"} and set(after) == {"wort", "neu"}
    assert entry_history(repo / "glossary", ("de",))["neu"].edits[0].langs == frozenset({"de"})
    clone = shallow_clone(repo, tmp_path / "clone")
    assert all(not dates.edits for dates in entry_history(clone / "glossary", LANGS).values())
    git(repo, "reset", "-q", "--hard", "HEAD~1")
    assert set(entry_history(repo / "glossary", LANGS)) == {"wort"}
    assert len(reads) == 5


def test_outside_git_there_is_no_history_and_nothing_kept(tmp_path: Path) -> None:
    (tmp_path / "glossary").mkdir()
    assert entry_history(tmp_path / "glossary", LANGS) == {}
    assert not any(key[0] == str((tmp_path / "glossary").resolve()) for key in history._KNOWN)

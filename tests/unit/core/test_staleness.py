"""Stale translations from a real git history made here: commits with set dates, what counts as
a change of content, reviews, shallow clones and folders without git."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from lexikon.core import language_history
from lexikon.core.history import entry_history
from lexikon.core.language_history import Edit
from lexikon.core.model import Entry, Glossary, Text
from lexikon.core.staleness import find_stale, reviewed_until, stale_texts
from tests.support.git_history import commit, git, shallow_clone

LANGS = ("de", "da")


def _entry(de: str = "Ein Text.", da: str = "En tekst.", *, da_extra: str = "", comment: str = "") -> str:
    return (f"{comment}tags: [it]\nde:\n  title: Wort\n  summary: {de}\n"
            f"da:\n  title: Ord\n  summary: {da}\n{da_extra}")


def _glossary(reviewed: dict[str, str] | None = None) -> Glossary:
    reviewed = reviewed or {}
    texts = {code: Text(code, "Wort", "Text", reviewed=reviewed.get(code)) for code in LANGS}
    return Glossary({"wort": Entry("wort", "glossary/wort.yml", texts=texts)}, {}, LANGS)


def _last(glossary_dir: Path, lang: str) -> Edit:
    """The newest commit that changed ``lang``'s content."""
    return next(edit for edit in entry_history(glossary_dir, LANGS)["wort"].edits if lang in edit.langs)


def _history(tmp_path: Path, *later: tuple[str, str]) -> tuple[Path, list[str]]:
    """A glossary made on 1 March 2026, then each ``(text, date)`` committed in turn."""
    shas = [commit(tmp_path, {"glossary/wort.yml": _entry()}, "2026-03-01T10:00:00+00:00")]
    for text, date in later:
        shas.append(commit(tmp_path, {"glossary/wort.yml": text}, date))
    return tmp_path / "glossary", shas


def test_german_change_after_danish_makes_danish_stale(tmp_path: Path) -> None:
    glossary_dir, shas = _history(tmp_path, (_entry(de="Ein neuer Text."), "2026-03-12T09:30:00+00:00"))
    history = entry_history(glossary_dir, LANGS)
    assert [(edit.sha, set(edit.langs)) for edit in history["wort"].edits] == [
        (shas[1], {"de"}), (shas[0], {"de", "da"})]
    assert _last(glossary_dir, "de").when == datetime(2026, 3, 12, 9, 30, tzinfo=timezone.utc)
    (stale,) = stale_texts(_glossary(), history)
    assert (stale.entry_id, stale.lang, stale.newer, stale.change.sha) == ("wort", "da", "de", shas[1])
    assert find_stale(_glossary(), glossary_dir).stale == (stale,)


def test_both_changed_in_one_commit_or_translation_later_is_not_stale(tmp_path: Path) -> None:
    glossary_dir, _ = _history(
        tmp_path,
        (_entry(de="Neu.", da="Ny."), "2026-03-05T10:00:00+00:00"),
        (_entry(de="Neuer.", da="Ny."), "2026-03-06T10:00:00+00:00"),
        (_entry(de="Neuer.", da="Nyere."), "2026-03-07T10:00:00+00:00"),
    )
    assert find_stale(_glossary(), glossary_dir).stale == ()


def test_whitespace_formatting_and_comments_are_no_change(tmp_path: Path) -> None:
    reformatted = (
        "# a comment now\n"
        "de:\n"
        "  summary: >-\n"       # folded, over two lines, and before the title
        "    Ein\n"
        "    Text.\n"
        "  title: 'Wort'\n"     # quoted
        "  reviewed: 2026-03-20\n"  # a review date alone changes nothing either
        "tags:   [ it ]\n"
        "da:\n  title: Ord\n  summary: En tekst.\n"
    )
    glossary_dir, _ = _history(tmp_path, (reformatted, "2026-03-20T10:00:00+00:00"),
                               (_entry(de="Ein  Text. ", comment="# again\n"), "2026-03-21T10:00:00+00:00"))
    history = entry_history(glossary_dir, LANGS)
    assert _last(glossary_dir, "de").when == datetime(2026, 3, 1, 10, tzinfo=timezone.utc)
    assert stale_texts(_glossary(), history) == ()
    assert history["wort"].changed == datetime(2026, 3, 21, 10, tzinfo=timezone.utc)  # the feed still sees it


def test_a_markdown_line_break_that_starts_a_list_is_a_change(tmp_path: Path) -> None:
    glossary_dir, _ = _history(
        tmp_path,
        (_entry() + "  body: |\n    Gründe:\n    - Kosten\n", "2026-03-02T10:00:00+00:00"),
        (_entry() + "  body: |\n    Gründe:\n    - Kosten\n    - Zeit\n", "2026-03-03T10:00:00+00:00"),
        (_entry() + "  body: |\n    Gründe:\n    - Kosten\n\n    - Zeit\n", "2026-03-04T10:00:00+00:00"),
    )
    # The body is the Danish block's (it comes last): changed on the 3rd (a list item more),
    # not on the 4th (a blank line between the items).
    assert _last(glossary_dir, "da").when == datetime(2026, 3, 3, 10, tzinfo=timezone.utc)
    glossary_dir, _ = _history(
        tmp_path / "b",
        (_entry() + "  body: |\n    Gründe: - Kosten\n", "2026-03-02T10:00:00+00:00"),
        (_entry() + "  body: |\n    Gründe:\n    - Kosten\n", "2026-03-03T10:00:00+00:00"),
    )
    assert _last(glossary_dir, "da").when.day == 3


def test_review_after_the_change_clears_it_to_the_end_of_its_day(tmp_path: Path) -> None:
    glossary_dir, _ = _history(tmp_path, (_entry(de="Neu."), "2026-03-12T23:30:00+00:00"))
    history = entry_history(glossary_dir, LANGS)
    assert stale_texts(_glossary({"da": "2026-03-12"}), history) == ()   # same day: covered
    assert stale_texts(_glossary({"da": "2026-03-13"}), history) == ()
    assert len(stale_texts(_glossary({"da": "2026-03-11"}), history)) == 1  # reviewed before it
    assert reviewed_until("2026-03-12") == datetime(2026, 3, 13, tzinfo=timezone.utc)
    assert reviewed_until("12.03.2026") is None and reviewed_until(None) is None


def test_reviewing_the_newer_text_does_not_make_the_other_stale(tmp_path: Path) -> None:
    reviewed = _entry(da_extra="  reviewed: 2026-03-20\n")
    glossary_dir, _ = _history(tmp_path, (reviewed, "2026-03-20T10:00:00+00:00"))
    assert find_stale(_glossary({"da": "2026-03-20"}), glossary_dir).stale == ()


def test_shallow_clone_cannot_tell(tmp_path: Path) -> None:
    _history(tmp_path / "origin", (_entry(de="Neu."), "2026-03-12T10:00:00+00:00"))
    clone = shallow_clone(tmp_path / "origin", tmp_path / "clone")
    staleness = find_stale(_glossary(), clone / "glossary")
    assert not staleness.known and staleness.stale == ()
    history = entry_history(clone / "glossary", LANGS)
    assert history["wort"].edits == ()  # the pages say nothing either
    assert find_stale(_glossary(), tmp_path / "origin" / "glossary").known


def test_no_git_nothing_stale(tmp_path: Path) -> None:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "wort.yml").write_text(_entry(), "utf-8")
    staleness = find_stale(_glossary(), tmp_path / "glossary")
    assert staleness.known and staleness.stale == ()
    assert entry_history(tmp_path / "glossary", LANGS) == {}


def test_unreadable_version_is_passed_over_and_deletion_ends_the_history(tmp_path: Path) -> None:
    glossary_dir, shas = _history(
        tmp_path,
        ("de: &a {title: x}\nda: *a\n", "2026-03-02T10:00:00+00:00"),  # anchors: never built
        (_entry(), "2026-03-03T10:00:00+00:00"),
    )
    assert _last(glossary_dir, "de").sha == shas[0] and _last(glossary_dir, "da").sha == shas[0]
    git(tmp_path, "rm", "-q", "glossary/wort.yml")
    git(tmp_path, "commit", "-qm", "gone", date="2026-03-04T10:00:00+00:00")
    again = commit(tmp_path, {"glossary/wort.yml": _entry()}, "2026-03-05T10:00:00+00:00")
    assert entry_history(glossary_dir, LANGS)["wort"].edits == (Edit(again, _last(glossary_dir, "de").when,
                                                                     frozenset(LANGS)),)


def test_a_merged_branch_counts_when_it_is_merged(tmp_path: Path) -> None:
    glossary_dir, _ = _history(tmp_path)
    git(tmp_path, "checkout", "-qb", "side")
    commit(tmp_path, {"glossary/wort.yml": _entry(de="Neu.")}, "2026-03-02T10:00:00+00:00")
    git(tmp_path, "checkout", "-q", "main")
    commit(tmp_path, {"glossary/other.yml": "de: {title: x}\n"}, "2026-03-03T10:00:00+00:00")
    git(tmp_path, "merge", "-q", "--no-ff", "-m", "merge", "side", date="2026-03-04T10:00:00+00:00")
    merge = git(tmp_path, "rev-parse", "HEAD").strip()
    history = entry_history(glossary_dir, LANGS)
    assert _last(glossary_dir, "de").sha == merge
    assert [s.lang for s in stale_texts(_glossary(), history)] == ["da"]


def test_a_translation_catching_up_flags_nothing_a_second_change_flags_the_other(tmp_path: Path) -> None:
    steps = [(_entry(de="Neu."), "2026-03-02T10:00:00+00:00"),   # da behind
             (_entry(de="Neu.", da="Ny."), "2026-03-03T10:00:00+00:00")]  # da catches up
    glossary_dir, _ = _history(tmp_path, *steps)
    assert find_stale(_glossary(), glossary_dir).stale == ()
    newer = (_entry(de="Neu.", da="Nyere."), "2026-03-04T10:00:00+00:00")  # da: something new
    glossary_dir, _ = _history(tmp_path / "more", *steps, newer)
    assert [(s.lang, s.newer, s.change.when.day) for s in find_stale(_glossary(), glossary_dir).stale] == [
        ("de", "da", 4)]
    german = (_entry(de="Neuer.", da="Ny."), "2026-03-04T10:00:00+00:00")  # de: something new
    glossary_dir, _ = _history(tmp_path / "again", *steps, german)
    assert [(s.lang, s.newer) for s in find_stale(_glossary(), glossary_dir).stale] == [("da", "de")]


def test_a_language_added_later_is_a_translation_of_the_other(tmp_path: Path) -> None:
    german_only = "de:\n  title: Wort\n  summary: Text.\n"
    commit(tmp_path, {"glossary/wort.yml": german_only}, "2026-03-01T10:00:00+00:00")
    commit(tmp_path, {"glossary/wort.yml": _entry()}, "2026-03-05T10:00:00+00:00")
    assert find_stale(_glossary(), tmp_path / "glossary").stale == ()
    (tmp_path / "glossary" / "wort.yml").write_text(_entry(de="Neu."), "utf-8")  # not committed: not seen
    assert find_stale(_glossary(), tmp_path / "glossary").stale == ()


def test_a_history_too_long_to_read_whole_tells_nothing_rather_than_guess(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    steps = [(_entry(de="Neu."), "2026-03-02T10:00:00+00:00"),   # de ahead
             (_entry(de="Neu.", da="Ny."), "2026-03-03T10:00:00+00:00")]  # da catches up: in step
    glossary_dir, _ = _history(tmp_path, *steps)
    monkeypatch.setattr(language_history, "MAX_READ", 2)  # the last two versions: da's change only
    assert entry_history(glossary_dir, LANGS)["wort"].edits == ()
    assert find_stale(_glossary(), glossary_dir).stale == ()  # not "de is older than da"
    both = (_entry(de="Neuer.", da="Nyere."), "2026-03-04T10:00:00+00:00")
    glossary_dir, shas = _history(tmp_path / "synced", *steps, both)
    assert entry_history(glossary_dir, LANGS)["wort"].edits == (
        Edit(shas[-1], datetime(2026, 3, 4, 10, tzinfo=timezone.utc), frozenset(LANGS)),)

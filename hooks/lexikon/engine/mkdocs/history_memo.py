"""The git history of the entries and articles, kept between builds by the commit it was read at.

Each build read every version of every entry again (``git log`` and one ``git cat-file`` of
every version's text for the stale translations' notices): about 0.5 s a build at 1,000
entries (1.2 s under the profiler), the same in a build with no change and after any edit,
which makes no commit. The history is a function of the commits only: the commit checked out,
the clone's depth and where it is cut, the folder's place in the repository and the
languages asked (:func:`lexikon.core.history._checked_out`); never of a time stamp or of
files not committed. So it is stored under a hash of those, as plain JSON in the signed
store; a stored value not exactly of its shape is a miss, read from git again.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterator
from datetime import datetime, timezone

from lexikon.core.history import EntryDates, History, KeptHistory
from lexikon.core.language_history import UNREAD, Edit
from lexikon.engine.mkdocs.markup_memo import BuildMemo, handed_in

STORE = "history"


class HistoryMemo(BuildMemo):
    """The histories one build read or took from the store, kept for the next."""

    def __call__(self, what: str, read: Callable[[], History]) -> History:
        self.total += 1
        key = hashlib.blake2b(what.encode(), digest_size=20).digest()
        stored = self.store.item(STORE, key)
        found = _decoded(stored)
        if found is not None:
            self.hits += 1
            self.kept[key] = stored
            return found
        unread = UNREAD[0]
        found = read()
        if UNREAD[0] == unread:  # a blobless clone's history lacking versions: read again next time
            self.kept[key] = _encoded(found)
        return found

    def finish(self) -> None:
        """After a good build: the store holds the histories this build used, no others."""
        self.store.keep_items(STORE, self.kept)


def _encoded(history: History) -> dict[str, list]:
    return {key: [dates.entry_id, dates.added.isoformat(), dates.changed.isoformat(),
                  [[edit.sha, edit.when.isoformat(), sorted(edit.langs)] for edit in dates.edits]]
            for key, dates in history.items()}


def _time(value: object) -> datetime:
    if not isinstance(value, str):
        raise ValueError(value)
    when = datetime.fromisoformat(value)
    if when.utcoffset() is None:
        raise ValueError(value)
    return when.astimezone(timezone.utc)


def _decoded(stored: object) -> History | None:
    """A stored history, or None where it is not exactly of its shape."""
    if not isinstance(stored, dict):
        return None
    try:
        return {key: EntryDates(_text(entry_id), _time(added), _time(changed), tuple(_edits(edits)))
                for key, (entry_id, added, changed, edits) in _items(stored)}
    except (TypeError, ValueError):
        return None


def _items(stored: dict) -> Iterator[tuple[str, list]]:
    for key, value in stored.items():
        if not isinstance(value, list) or len(value) != 4:
            raise ValueError(key)
        yield key, value


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(value)
    return value


def _edits(edits: object) -> Iterator[Edit]:
    if not isinstance(edits, list):
        raise ValueError(edits)
    for edit in edits:
        if not isinstance(edit, list) or len(edit) != 3 or not isinstance(edit[2], list):
            raise ValueError(edit)
        yield Edit(_text(edit[0]), _time(edit[1]), frozenset(_text(lang) for lang in edit[2]))


def remembered_history(memo: HistoryMemo | None) -> contextlib.AbstractContextManager[None]:
    """The git history is read through ``memo`` meanwhile (no memo: from git, as always)."""
    return handed_in(KeptHistory, memo)

"""Editors' Markdown (summaries, bodies, highlights) converted by earlier builds, kept by content.

Our render converts every entry's texts in every build (:class:`lexikon.render.markup.
EntryMarkup`): a third of what is left of an incremental build. The HTML depends only on
the text and on what each ``[[link]]`` in it resolves to (a term's address, shown title and
tooltip, which other entries' edits change). So a conversion is stored under a hash of the
text, with each resolver call it made and its answer; it is taken again only if the same
calls, made again now, give the same answers (otherwise converted anew, and stored beside).
Code and library versions are in the store's fingerprint; plain JSON in the signed store.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
from collections.abc import Callable, Iterator
from typing import Any

from lexikon.check.cache import ReportCache
from lexikon.render.markup import EntryMarkup, Link, Resolve

STORE = "markup"
_VARIANTS = 4
"""Conversions kept per text (one text in both languages resolves its links twice)."""


def _answer(link: Link | None) -> list[str] | None:
    return None if link is None else [str(v) for v in dataclasses.astuple(link)]


class BuildMemo:
    """What one build takes from a part of the signed store or makes, and keeps for the next."""

    def __init__(self, store: ReportCache) -> None:
        self.store = store
        self.kept: dict[bytes, Any] = {}
        self.hits = 0
        self.total = 0


class MarkupMemo(BuildMemo):
    """Conversions of one build: taken from the store or made, and kept for the next."""

    limit = 0
    """How many texts' conversions the store may keep that this build did not ask for (set
    from the glossary's size by each build): see :meth:`finish`."""

    def __call__(self, text: str, resolve: Resolve, convert: Callable[[str, Resolve], str]) -> str:
        self.total += 1
        key = hashlib.blake2b(text.encode(), digest_size=20).digest()
        stored = self.store.item(STORE, key)
        variants = self.kept.setdefault(key, [])
        for variant in stored if isinstance(stored, list) else ():
            if isinstance(variant, dict) and _same_answers(variant.get("calls"), resolve):
                if variant not in variants:
                    variants.append(variant)
                self.hits += 1
                return variant["html"]
        calls: list[list] = []

        def recording(target: str, label: str | None, mid: bool) -> Link | None:
            link = resolve(target, label, mid)
            calls.append([target, label, mid, _answer(link)])
            return link

        html = convert(text, recording)
        if len(variants) < _VARIANTS:
            variants.append({"html": html, "calls": calls})
        return html

    def finish(self) -> None:
        """After a good build: the store holds this build's conversions, and those it did not
        ask for while they are few enough (:attr:`limit`).

        A page taken whole from its store (a term page, the printable lexicon) converts none
        of its texts, so a build with no change asks for none; yet the printable lexicon's next
        render, after one body edit, needs every text of its language. So what a build did not
        ask for stays, unless the store would then hold more than ``limit`` texts (an edited
        text's older conversions add up): then only this build's conversions stay."""
        kept = {key: value for key, value in self.kept.items() if value}
        asked = len(kept)
        for key, value in self.store.stored_items(STORE):
            if key not in self.kept:
                kept[key] = value
        if len(kept) - asked > self.limit:
            kept = {key: value for key, value in self.kept.items() if value}
        self.store.keep_items(STORE, kept)


def _same_answers(calls: object, resolve: Resolve) -> bool:
    if not isinstance(calls, list):
        return False
    for call in calls:
        if not (isinstance(call, list) and len(call) == 4 and isinstance(call[0], str)
                and isinstance(call[1], str | None) and isinstance(call[2], bool)):
            return False
        if _answer(resolve(call[0], call[1], call[2])) != call[3]:
            return False
    return True


@contextlib.contextmanager
def handed_in(owner: type, memo: object | None) -> Iterator[None]:
    """``owner.memo`` (a render's slot for a memo) is ``memo`` meanwhile, then empty again."""
    owner.memo = memo  # type: ignore[attr-defined]
    try:
        yield
    finally:
        owner.memo = None  # type: ignore[attr-defined]


def remembered(memo: MarkupMemo | None) -> contextlib.AbstractContextManager[None]:
    """Our render's conversions go through ``memo`` meanwhile (no memo: as always)."""
    return handed_in(EntryMarkup, memo)

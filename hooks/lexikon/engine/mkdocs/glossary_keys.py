"""The glossary as the stores' keys see it, each entry encoded once a build (issue 17).

The term pages' memo (:mod:`.render_memo`), the whole-glossary pages' memo
(:mod:`.whole_memo`) and the exports (:mod:`.exports_kept`) each key what they keep by the
glossary: whole, or as other pages see it (bodies and highlights reduced to their links).
Each of them encoded every entry for itself, twice for the exports: about a second under the
profiler in a build with no change at 3,000 terms. Here each entry is encoded once (twice:
whole and as seen by others) and kept by the entry object for the rest of the build; a
glossary's digest is then a hash of its entries' digests, in order, and of everything else
the glossary holds (tags, languages). Code, locale files and library versions are the
store's fingerprint, never part of these keys; nothing here is a time stamp.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json

from lexikon.check import cache_codec
from lexikon.core import links
from lexikon.core.model import Entry, Glossary
from lexikon.render.view import View


def digest(value: object) -> bytes:
    """A plain value's digest (JSON with sorted keys; anything else by its ``repr``)."""
    data = json.dumps(value, sort_keys=True, ensure_ascii=False, default=repr)
    return hashlib.blake2b(data.encode(), digest_size=20).digest()


def canonical(value: object) -> object:
    """``value`` in a form whose text is the same in every process: a set's ``repr`` follows
    the strings' hashes, which differ from process to process (the languages of an edit in the
    history made every term page miss the cache)."""
    if isinstance(value, (set, frozenset)):
        return sorted((canonical(item) for item in value), key=repr)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return [type(value).__name__, *(canonical(getattr(value, field.name)) for field in fields)]
    if isinstance(value, (list, tuple)):
        return [canonical(item) for item in value]
    if isinstance(value, dict):
        return sorted(([repr(key), canonical(item)] for key, item in value.items()), key=repr)
    return repr(value)


def _link_marks(markdown: str) -> str:
    """What another page can see of a text: the links it makes (target and label)."""
    return "\0".join(f"{link.target}|{link.label}" for link in links.cross_links(markdown))


def unplaced(entry: Entry) -> Entry:
    """The entry without where its values stand (no page shows it; serve keeps it)."""
    texts = {lang: dataclasses.replace(text, spans={}) for lang, text in entry.texts.items()}
    return dataclasses.replace(entry, texts=texts, spans={})


def as_seen_by_others(entry: Entry) -> Entry:
    """The entry as other term pages see it: body and highlights reduced to their links."""
    texts = {lang: dataclasses.replace(text, body=_link_marks(text.body), spans={},
                                       highlights=tuple(_link_marks(h) for h in text.highlights))
             for lang, text in entry.texts.items()}
    return dataclasses.replace(entry, texts=texts, spans={})


class _Digests:
    """One entry's digests: each language's text whole, the entry whole, as others see it."""

    __slots__ = ("entry", "own", "seen", "texts")

    def __init__(self, entry: Entry) -> None:
        self.entry = entry
        bare = unplaced(entry)
        self.texts = {lang: digest(cache_codec.encode(text)) for lang, text in bare.texts.items()}
        rest = cache_codec.encode(dataclasses.replace(bare, texts={}))
        self.own = digest([rest, sorted((lang, found.hex()) for lang, found in self.texts.items())])
        self.seen: bytes | None = None


class GlossaryKeys:
    """One build's digests of its glossary's entries, glossaries and views."""

    def __init__(self) -> None:
        self._entries: dict[int, _Digests] = {}
        """By the entry object's ``id`` (the object held: its id is not reused meanwhile)."""
        self._glossaries: dict[tuple[int, object], tuple[Glossary, bytes]] = {}
        self._views: dict[int, tuple[View, bytes]] = {}

    def _of(self, entry: Entry) -> _Digests:
        known = self._entries.get(id(entry))
        if known is None or known.entry is not entry:
            known = self._entries[id(entry)] = _Digests(entry)
        return known

    def own(self, entry: Entry) -> bytes:
        """The entry whole (without where its values stand in its file)."""
        return self._of(entry).own

    def seen(self, entry: Entry) -> bytes:
        """The entry as other pages see it (:func:`as_seen_by_others`)."""
        known = self._of(entry)
        if known.seen is None:
            known.seen = digest(cache_codec.encode(as_seen_by_others(entry)))
        return known.seen

    def texts(self, glossary: Glossary, lang: str) -> bytes:
        """Every entry's text in ``lang``, whole (the printable lexicon's bodies and highlights)."""
        known = self._glossaries.get((id(glossary), lang))
        if known is not None and known[0] is glossary:
            return known[1]
        found = hashlib.blake2b(digest_size=20)
        for key, entry in glossary.entries.items():
            found.update(key.encode() + b"\0" + self._of(entry).texts.get(lang, b"-"))
        self._glossaries[(id(glossary), lang)] = (glossary, found.digest())
        return found.digest()

    def glossary(self, glossary: Glossary, *, whole: bool) -> bytes:
        """The glossary: every entry (whole, or as seen by others) by its id, in order, with
        everything else it holds (tags in file order, languages)."""
        known = self._glossaries.get((id(glossary), whole))
        if known is not None and known[0] is glossary:
            return known[1]
        rest = dataclasses.replace(glossary, entries={})
        found = hashlib.blake2b(digest_size=20)
        found.update(digest([cache_codec.encode(rest), list(glossary.tags)]))
        for key, entry in glossary.entries.items():
            found.update(key.encode() + b"\0" + (self.own(entry) if whole else self.seen(entry)))
        self._glossaries[(id(glossary), whole)] = (glossary, found.digest())
        return found.digest()

    def view(self, view: View) -> bytes:
        """What every page of one language reads beside its own entry: the language, the
        site's layout, the git history, the articles and their history, the backlinks and
        the glossary as other pages see it."""
        known = self._views.get(id(view))
        if known is not None and known[0] is view:
            return known[1]
        found = digest([view.lang, repr(view.layout), canonical(view.history), canonical(view.articles),
                        canonical(view.article_history), sorted(view.inbound.items()),
                        self.glossary(view.glossary, whole=False).hex()])
        self._views[id(view)] = (view, found)
        return found

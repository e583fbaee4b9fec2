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
from collections.abc import Mapping

from lexikon.check import cache_codec
from lexikon.check.cache import ReportCache
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


STORE = "entry-digests"


_Stored = tuple[bytes, dict[str, bytes], "bytes | None"]
"""An entry's digests as kept: whole, each language's text, as others see it (if made)."""


def _decoded(stored: object, entry: Entry) -> _Stored | None:
    """A stored record of an entry's digests, or None where it is not exactly of its shape (its
    languages those of the entry)."""
    if not isinstance(stored, dict) or set(stored) != {"own", "seen", "texts"}:
        return None
    own, seen, texts = stored["own"], stored["seen"], stored["texts"]
    if (not isinstance(own, str) or not (seen is None or isinstance(seen, str)) or not isinstance(texts, dict)
            or set(texts) != set(entry.texts) or not all(isinstance(found, str) for found in texts.values())):
        return None
    try:
        decoded = {lang: bytes.fromhex(found) for lang, found in texts.items()}
        whole, others = bytes.fromhex(own), None if seen is None else bytes.fromhex(seen)
    except ValueError:
        return None
    if not all(len(found) == 20 for found in (*decoded.values(), whole, others or whole)):
        return None
    return whole, decoded, others


class _Digests:
    """One entry's digests: each language's text whole, the entry whole, as others see it."""

    __slots__ = ("entry", "own", "seen", "texts")

    def __init__(self, entry: Entry, stored: _Stored | None = None) -> None:
        self.entry = entry
        if stored is not None:  # made by an earlier build from the same file (see GlossaryKeys.learn)
            self.own, self.texts, self.seen = stored
            return
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
        self._made_of: dict[int, tuple[Entry, bytes]] = {}
        """Entries whose file the loader named (:meth:`learn`), by ``id``: their store key."""
        self.store: ReportCache | None = None

    def learn(self, glossary: Glossary, made_of: Mapping[str, bytes], store: ReportCache) -> None:
        """The entries of ``glossary`` made of what ``made_of`` names by their id (the loader's
        file key and fingerprint: :func:`lexikon.check.pipeline.run`; the entry as loaded, or
        without where its values stand): their digests are a function of it, so they are taken
        from ``store`` where an earlier build of this version made them from such an entry, and
        kept there for the next (issue 17: encoding every entry was ~0.1 CPU-s a build at 1,000
        terms). Any other entry object is digested as always."""
        self.store = store
        for entry_id, entry in glossary.entries.items():
            key = made_of.get(entry_id)
            if key is not None:
                self._made_of[id(entry)] = entry, hashlib.blake2b(key, digest_size=20).digest()

    def _of(self, entry: Entry) -> _Digests:
        known = self._entries.get(id(entry))
        if known is None or known.entry is not entry:
            known = self._entries[id(entry)] = _Digests(entry, self._stored(entry))
        return known

    def _stored(self, entry: Entry) -> _Stored | None:
        made = self._made_of.get(id(entry))
        if made is None or made[0] is not entry or self.store is None:
            return None
        return _decoded(self.store.item(STORE, made[1]), entry)

    def finish(self) -> None:
        """After a good build: the store holds the digests of this build's learnt entries."""
        if self.store is None:
            return
        kept: dict[bytes, object] = {}
        for entry, key in self._made_of.values():
            known = self._entries.get(id(entry))
            if known is not None and known.entry is entry:
                kept[key] = {"own": known.own.hex(), "seen": known.seen.hex() if known.seen else None,
                             "texts": {lang: found.hex() for lang, found in known.texts.items()}}
        self.store.keep_items(STORE, kept)

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

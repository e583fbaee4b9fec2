"""Term pages our render made in earlier builds, kept by what they are made of (issue 17).

After one entry's edit, our render made every term page again: the largest part of an
incremental build once the conversions and frames are taken. A term page is a function of
its entry, its language's view and what the page shows of the other entries: their titles,
summaries, names, tags, hierarchy (links, tooltips, backlinks, the graph's two hops, twins,
mentions), never their bodies or highlights, of which only the links count (backlinks and
the graph's edges). So a page is stored under a hash of

- its entry, whole (without where its values stand in the file, which no page shows);
- the glossary as other pages see it: every entry with its body and highlights replaced by
  the ``[[links]]`` they make, the tags and languages, the backlinks;
- the view: language, the site's layout (settings and addresses), the git history, the
  knowledge base's articles and their history.

Code, locale files and library versions are the store's fingerprint. A title edit changes
the glossary's part and so every page's key (made again, as before); a body edit that keeps
its links changes only its own entry's pages. Plain JSON in the signed store, the Markdown
compressed; a stored value not exactly of a page's shape is a miss.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import dataclasses
import hashlib
import json
import zlib
from collections.abc import Callable

from lexikon.check import cache_codec
from lexikon.check.cache import ReportCache
from lexikon.core import links
from lexikon.core.model import Entry, Glossary
from lexikon.engine.mkdocs.markup_memo import BuildMemo, handed_in
from lexikon.render.pages import Page, TermPages
from lexikon.render.view import View

STORE = "term-pages"


def pack(text: str) -> str:
    """Text as stored: compressed, in ASCII (pages repeat their frame and markup: a few times smaller)."""
    return base64.b64encode(zlib.compress(text.encode(), 1)).decode("ascii")


def unpack(stored: object) -> str | None:
    """What :func:`pack` stored, or None where it is not such a text."""
    if not isinstance(stored, str):
        return None
    try:
        return zlib.decompress(base64.b64decode(stored, validate=True)).decode()
    except (binascii.Error, zlib.error, UnicodeDecodeError, ValueError):
        return None


def _digest(value: object) -> bytes:
    data = json.dumps(value, sort_keys=True, ensure_ascii=False, default=repr)
    return hashlib.blake2b(data.encode(), digest_size=20).digest()


def _canonical(value: object) -> object:
    """``value`` in a form whose text is the same in every process: a set's ``repr`` follows
    the strings' hashes, which differ from process to process (the languages of an edit in the
    history made every term page miss the cache)."""
    if isinstance(value, (set, frozenset)):
        return sorted((_canonical(item) for item in value), key=repr)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return [type(value).__name__, *(_canonical(getattr(value, field.name)) for field in fields)]
    if isinstance(value, (list, tuple)):
        return [_canonical(item) for item in value]
    if isinstance(value, dict):
        return sorted(([repr(key), _canonical(item)] for key, item in value.items()), key=repr)
    return repr(value)


def _link_marks(markdown: str) -> str:
    """What another page can see of a text: the links it makes (target and label)."""
    return "\0".join(f"{link.target}|{link.label}" for link in links.cross_links(markdown))


def _unplaced(entry: Entry) -> Entry:
    """The entry without where its values stand (no page shows it; serve keeps it)."""
    texts = {lang: dataclasses.replace(text, spans={}) for lang, text in entry.texts.items()}
    return dataclasses.replace(entry, texts=texts, spans={})


def as_seen_by_others(entry: Entry) -> Entry:
    """The entry as other term pages see it: body and highlights reduced to their links."""
    texts = {lang: dataclasses.replace(text, body=_link_marks(text.body), spans={},
                                       highlights=tuple(_link_marks(h) for h in text.highlights))
             for lang, text in entry.texts.items()}
    return dataclasses.replace(entry, texts=texts, spans={})


class TermPageMemo(BuildMemo):
    """Term pages of one build: taken from the store or made, and kept for the next."""

    def __init__(self, store: ReportCache) -> None:
        super().__init__(store)
        self.kept = store.spill()  # type: ignore[assignment]  # the pages' Markdown: on disk as made
        self._glossary: Glossary | None = None
        self._own: dict[str, bytes] = {}
        self._others: bytes = b""
        self._views: dict[int, tuple[View, bytes]] = {}

    def __call__(self, view: View, entry: Entry, make: Callable[[View, Entry], Page]) -> Page:
        self.total += 1
        key = hashlib.blake2b(self._view_digest(view) + self._own[entry.id], digest_size=20).digest()
        stored = self.store.item(STORE, key)
        page = _page(stored)
        if page is not None and page.entry_id == entry.id and page.lang == view.lang:
            self.hits += 1
            self.kept.hold(key, stored)
            return page
        page = make(view, entry)
        self.kept[key] = _stored(page)
        return page

    def _view_digest(self, view: View) -> bytes:
        known = self._views.get(id(view))
        if known is not None and known[0] is view:
            return known[1]
        self._read_glossary(view.glossary)
        digest = _digest([view.lang, repr(view.layout), _canonical(view.history),
                          _canonical(view.articles), _canonical(view.article_history),
                          sorted(view.inbound.items()), self._others.hex()])
        self._views[id(view)] = (view, digest)
        return digest

    def _read_glossary(self, glossary: Glossary) -> None:
        if glossary is self._glossary:
            return
        self._glossary = glossary
        self._own = {key: _digest(cache_codec.encode(_unplaced(entry)))
                     for key, entry in glossary.entries.items()}
        others = hashlib.blake2b(digest_size=20)
        others.update(_digest([cache_codec.encode(glossary.tags), list(glossary.languages)]))
        for key, entry in glossary.entries.items():
            others.update(key.encode() + b"\0" + _digest(cache_codec.encode(as_seen_by_others(entry))))
        self._others = others.digest()

    def finish(self) -> None:
        """After a good build: the store holds this build's term pages, no others."""
        self.store.keep_items(STORE, self.kept)


def _stored(page: Page) -> dict:
    return {"path": page.path, "lang": page.lang, "markdown": pack(page.markdown), "entry_id": page.entry_id,
            "structured_data": page.structured_data, "search_terms": list(page.search_terms),
            "style": page.style, "in_nav": page.in_nav, "translated": page.translated}


def _page(stored: object) -> Page | None:
    """A stored page, or None where the value is not exactly of its shape."""
    if not isinstance(stored, dict) or set(stored) != set(_stored(Page("", "", ""))):
        return None
    markdown = unpack(stored["markdown"])
    terms = stored["search_terms"]
    strings = (stored["path"], stored["lang"], stored["style"])
    if (markdown is None or not all(isinstance(s, str) for s in strings)
            or not isinstance(stored["entry_id"], str) or not isinstance(terms, list)
            or not all(isinstance(t, str) for t in terms)
            or not isinstance(stored["structured_data"], dict | None)
            or not isinstance(stored["in_nav"], bool) or not isinstance(stored["translated"], bool)):
        return None
    return Page(stored["path"], stored["lang"], markdown, stored["entry_id"], stored["structured_data"],
                tuple(terms), stored["style"], stored["in_nav"], stored["translated"])


def remembered_pages(memo: TermPageMemo | None) -> contextlib.AbstractContextManager[None]:
    """Our render's term pages go through ``memo`` meanwhile (no memo: made as always)."""
    return handed_in(TermPages, memo)

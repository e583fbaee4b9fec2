"""Term pages our render made in earlier builds, kept by what they are made of (issue 17).

After one entry's edit, our render made every term page again: the largest part of an
incremental build once the conversions and frames are taken. A term page is a function of
its entry, its language's view and what the page shows of the other entries. A page is
stored under :meth:`.TermKeys.page`: its entry whole (without where its values stand in the
file), the language, the site's layout, the glossary's languages and tags, its own history
and articles, and what it shows of its neighbours (the entries it links to, names as broader
or related, and those naming or linking to it: their titles, summaries and languages, the
titles their summaries link to). Its body's mentions of other terms' names (autolinks) are
known only once the body is converted: the words the page looked up among the names are
stored with it, and the page is taken only if those words find the same names (of entries
showing the same faces) in this build (:meth:`.TermKeys.mentions`): a new entry whose name
a body mentions makes that page again.

A title edit so remakes the pages that show the title (its neighbours', those mentioning
it), a body edit that keeps its links only its own entry's pages. Code, locale files and
library versions are the store's fingerprint. Plain JSON in the signed store, the Markdown
and words compressed; a stored value not exactly of its shape is a miss.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import functools
import json
import zlib
from collections.abc import Callable

from lexikon.check.cache import ReportCache
from lexikon.core.model import Entry
from lexikon.engine.mkdocs.glossary_keys import GlossaryKeys, as_seen_by_others, canonical
from lexikon.engine.mkdocs.markup_memo import BuildMemo, handed_in
from lexikon.engine.mkdocs.term_keys import TermKeys
from lexikon.render.autolink import NameGroup, Names
from lexikon.render.pages import Page, TermPages
from lexikon.render.view import View

__all__ = ["STORE", "TermPageMemo", "as_seen_by_others", "pack", "page_of", "remembered_pages", "stored_page",
           "unpack"]

STORE = "term-pages"


def pack(text: str) -> str:
    """Text as stored: compressed, in ASCII (pages repeat their frame and markup: a few times smaller)."""
    return base64.b64encode(zlib.compress(text.encode(), 1)).decode("ascii")


_last_packed: tuple[str, bytes] | None = None
"""The last page's Markdown this module compressed, with its zlib stream (see :func:`compressed`)."""


def _pack_page(markdown: str) -> str:
    """:func:`pack` of a page's Markdown, its zlib stream kept for :func:`compressed`."""
    global _last_packed
    data = zlib.compress(markdown.encode(), 1)
    _last_packed = (markdown, data)
    return base64.b64encode(data).decode("ascii")


def compressed(markdown: str) -> bytes:
    """``zlib.compress(markdown.encode(), 1)``, taken from :func:`stored_page` when it just
    compressed this very text: a one-off build packs every page's Markdown as it is made
    (``pages._pack``), the same stream the memo had made a moment before (0.15-0.2 CPU-s of
    a cold build at 1,000 terms). Taken once: the page's text is not held afterwards."""
    global _last_packed
    last, _last_packed = _last_packed, None
    if last is not None and last[0] is markdown:
        return last[1]
    return zlib.compress(markdown.encode(), 1)


def unpack(stored: object) -> str | None:
    """What :func:`pack` stored, or None where it is not such a text."""
    if not isinstance(stored, str):
        return None
    try:
        return zlib.decompress(base64.b64decode(stored, validate=True)).decode()
    except (binascii.Error, zlib.error, UnicodeDecodeError, ValueError):
        return None


_canonical = canonical  # the name the keys' tests know it by


class TermPageMemo(BuildMemo):
    """Term pages of one build: taken from the store or made, and kept for the next."""

    def __init__(self, store: ReportCache, keys: GlossaryKeys | None = None) -> None:
        super().__init__(store)
        self.kept = store.spill()  # type: ignore[assignment]  # the pages' Markdown: on disk as made
        self.keys = keys or GlossaryKeys()
        self.term_keys = TermKeys(self.keys)

    def __call__(self, view: View, entry: Entry, make: Callable[[View, Entry], Page]) -> Page:
        self.total += 1
        key = self.term_keys.page(view, entry)
        stored = self.store.item(STORE, key)
        page = self._taken(view, entry, stored)
        if page is not None:
            self.hits += 1
            self.kept.hold(key, stored)
            return page
        page, words, windows = _made(view, entry, make)
        self.kept[key] = {"page": stored_page(page), "names": pack(json.dumps([words, windows])),
                          "mentions": self.term_keys.mentions(view, words).hex(),
                          "matches": self.term_keys.matches(view, words, windows).hex()}
        return page

    def _taken(self, view: View, entry: Entry, stored: object) -> Page | None:
        """The stored page, where it is of this entry and language and the words its mentions
        looked up find the same names now (their whole groups, else each place's); else None."""
        if not isinstance(stored, dict) or stored.keys() != _SHAPE:
            return None
        page = page_of(stored["page"])
        if page is None or page.entry_id != entry.id or page.lang != view.lang:
            return None
        looked = _looked_up(unpack(stored["names"]))
        if looked is None:
            return None
        words, windows = looked
        if self.term_keys.mentions(view, words).hex() == stored["mentions"]:
            return page
        return page if self.term_keys.matches(view, words, windows).hex() == stored["matches"] else None

    def finish(self) -> None:
        """After a good build: the store holds this build's term pages, no others."""
        self.store.keep_items(STORE, self.kept)


_SHAPE = {"page", "names", "mentions", "matches"}


def _looked_up(text: str | None) -> tuple[list[str], list[tuple[str, str, bool]]] | None:
    """The words and places a page's mentions looked up, as stored (None: not of that shape)."""
    try:
        words, windows = json.loads(text) if text is not None else (None, None)
    except (ValueError, TypeError):
        return None
    if (not isinstance(words, list) or not all(isinstance(w, str) for w in words)
            or not isinstance(windows, list)
            or not all(isinstance(p, list) and len(p) == 3 and isinstance(p[0], str) and isinstance(p[1], str)
                       and isinstance(p[2], bool) for p in windows)):
        return None
    return words, [(word, window, ended) for word, window, ended in windows]


WINDOW = 64
"""Characters of a body's text kept where a word's names were asked (at least; more where a
name is longer): names of another length than before are then looked up in them."""


@functools.cache
def _every_length(longest: int) -> tuple[int, ...]:
    return tuple(range(max(WINDOW, longest), 0, -1))


class _Phrases:
    """A name group's phrases, telling the recorder the first string asked at each place."""

    __slots__ = ("cap", "looked", "phrases", "word")

    def __init__(self, looked: _LookedUp, word: str, phrases: dict[str, str], cap: int) -> None:
        self.looked, self.word, self.phrases, self.cap = looked, word, phrases, cap

    def get(self, phrase: str, default: object = None) -> object:
        if self.looked.pending:
            self.looked.pending = False
            self.looked.windows.add((self.word, phrase, len(phrase) < self.cap))
        return self.phrases.get(phrase, default)


class _LookedUp:
    """The view's names for a body's mentions, remembering each word looked up in them and,
    where a word's group was asked, the text from there (``autolink.mentions`` asks a group
    for each of its lengths, longest first, that fits the text: handed every length up to
    :data:`WINDOW`, it first asks that much text, or all that is left, whether the text ends
    there; the other lengths find no name, so the mentions are the same)."""

    __slots__ = ("names", "pending", "windows", "words")

    def __init__(self, names: Names) -> None:
        self.names = names
        self.words: set[str] = set()
        self.windows: set[tuple[str, str, bool]] = set()
        self.pending = False

    def first_words(self, words: list[str]) -> set[str]:
        """``autolink.first_words``: every word looked up at once (all are recorded)."""
        self.words.update(words)
        return self.names.keys() & words

    def get(self, word: str, default: object = None) -> object:
        self.words.add(word)
        group = self.names.get(word)
        if group is None:
            return default
        self.pending = True
        lengths = _every_length(group.lengths[0])
        return NameGroup(_Phrases(self, word, group.phrases, lengths[0]), lengths)  # type: ignore[arg-type]


def _made(view: View, entry: Entry, make: Callable[[View, Entry], Page]
          ) -> tuple[Page, list[str], list[tuple[str, str, bool]]]:
    """``make(view, entry)``, with the words and places its mentions looked up among the
    view's names (sorted): the page reads nothing else of the names (``autolink.mentions``)."""
    names = view.mention_names
    if names is None:
        return make(view, entry), [], []
    looked = _LookedUp(names)
    view.__dict__["mention_names"] = looked  # the cached property's place, for this page only
    try:
        page = make(view, entry)
    finally:
        view.__dict__["mention_names"] = names
    return page, sorted(looked.words), sorted(looked.windows)


def stored_page(page: Page) -> dict:
    """A page as the store holds it (plain JSON, the Markdown packed)."""
    return {"path": page.path, "lang": page.lang, "markdown": _pack_page(page.markdown),
            "entry_id": page.entry_id, "structured_data": page.structured_data,
            "search_terms": list(page.search_terms), "style": page.style, "in_nav": page.in_nav,
            "translated": page.translated}


_FIELDS = stored_page(Page("", "", "")).keys()


def page_of(stored: object, *, term: bool = True) -> Page | None:
    """A stored page, or None where the value is not exactly of its shape (a term page's, with
    its entry's id; with ``term=False`` a page of no entry's)."""
    if not isinstance(stored, dict) or stored.keys() != _FIELDS:
        return None
    markdown = unpack(stored["markdown"])
    terms = stored["search_terms"]
    strings = (stored["path"], stored["lang"], stored["style"])
    if (markdown is None or not all(isinstance(s, str) for s in strings)
            or not isinstance(stored["entry_id"], str if term else type(None)) or not isinstance(terms, list)
            or not all(isinstance(t, str) for t in terms)
            or not isinstance(stored["structured_data"], dict | None)
            or not isinstance(stored["in_nav"], bool) or not isinstance(stored["translated"], bool)):
        return None
    return Page(stored["path"], stored["lang"], markdown, stored["entry_id"], stored["structured_data"],
                tuple(terms), stored["style"], stored["in_nav"], stored["translated"])


def remembered_pages(memo: TermPageMemo | None) -> contextlib.AbstractContextManager[None]:
    """Our render's term pages go through ``memo`` meanwhile (no memo: made as always)."""
    return handed_in(TermPages, memo)


_stored, _page = stored_page, page_of  # the names the units' tests know them by

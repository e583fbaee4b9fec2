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
import hashlib
import zlib
from collections.abc import Callable

from lexikon.check.cache import ReportCache
from lexikon.core.model import Entry
from lexikon.engine.mkdocs.glossary_keys import GlossaryKeys, as_seen_by_others, canonical
from lexikon.engine.mkdocs.markup_memo import BuildMemo, handed_in
from lexikon.render.pages import Page, TermPages
from lexikon.render.view import View

__all__ = ["STORE", "TermPageMemo", "as_seen_by_others", "pack", "page_of", "remembered_pages", "stored_page",
           "unpack"]

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


_canonical = canonical  # the name the keys' tests know it by


class TermPageMemo(BuildMemo):
    """Term pages of one build: taken from the store or made, and kept for the next."""

    def __init__(self, store: ReportCache, keys: GlossaryKeys | None = None) -> None:
        super().__init__(store)
        self.kept = store.spill()  # type: ignore[assignment]  # the pages' Markdown: on disk as made
        self.keys = keys or GlossaryKeys()

    def __call__(self, view: View, entry: Entry, make: Callable[[View, Entry], Page]) -> Page:
        self.total += 1
        key = hashlib.blake2b(self.keys.view(view) + self.keys.own(entry), digest_size=20).digest()
        stored = self.store.item(STORE, key)
        page = page_of(stored)
        if page is not None and page.entry_id == entry.id and page.lang == view.lang:
            self.hits += 1
            self.kept.hold(key, stored)
            return page
        page = make(view, entry)
        self.kept[key] = stored_page(page)
        return page

    def finish(self) -> None:
        """After a good build: the store holds this build's term pages, no others."""
        self.store.keep_items(STORE, self.kept)


def stored_page(page: Page) -> dict:
    """A page as the store holds it (plain JSON, the Markdown packed)."""
    return {"path": page.path, "lang": page.lang, "markdown": pack(page.markdown), "entry_id": page.entry_id,
            "structured_data": page.structured_data, "search_terms": list(page.search_terms),
            "style": page.style, "in_nav": page.in_nav, "translated": page.translated}


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

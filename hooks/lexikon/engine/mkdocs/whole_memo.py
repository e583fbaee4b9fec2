"""The pages made from the whole glossary, kept by what they are made of (issue 17).

After the term pages were kept (:mod:`.render_memo`), a build with no change still made the
printable lexicon, the A–Z index, the language tables, the tag pages and the list of changes
of every language again: about a third of our render's time in such a build (1,000 terms).
Each is a function of its language's view (:meth:`.GlossaryKeys.view`: language, layout, git
history, articles and their history, backlinks, the glossary as other pages see it, which
holds every field but the bodies' and highlights' text) and, for a page that shows bodies and
highlights (the printable lexicon), of every entry's text in its language. So each is stored under a hash of
those and its name in its language (``index``, ``table da``, ``tag cloud``). A body edit that
keeps its links makes the printable lexicon of its language again, nothing else here
(``tests/unit/engine/test_whole_memo.py`` holds each page to what it is keyed by).

Code, locale files and library versions are the store's fingerprint; plain JSON in the
signed store, the Markdown compressed; a stored value not exactly of a page's shape, or of
another page, is a miss.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable

from lexikon.check.cache import ReportCache
from lexikon.engine.mkdocs.glossary_keys import GlossaryKeys
from lexikon.engine.mkdocs.markup_memo import BuildMemo, handed_in
from lexikon.engine.mkdocs.render_memo import page_of, stored_page
from lexikon.render.pages import Page, WholePages
from lexikon.render.view import View

STORE = "whole-pages"


class WholePageMemo(BuildMemo):
    """The whole-glossary pages of one build: taken from the store or made, and kept for the next."""

    def __init__(self, store: ReportCache, keys: GlossaryKeys) -> None:
        super().__init__(store)
        self.kept = store.spill()  # type: ignore[assignment]
        self.keys = keys

    def __call__(self, view: View, name: str, texts: bool, make: Callable[[], Page]) -> Page:
        self.total += 1
        key = hashlib.blake2b(digest_size=20)
        key.update(self.keys.view(view) + name.encode() + b"\0")
        if texts:
            key.update(self.keys.texts(view.glossary, view.lang))
        found = key.digest()
        stored = self.store.item(STORE, found)
        page = page_of(stored, term=False)
        if page is not None and page.lang == view.lang:
            self.hits += 1
            self.kept.hold(found, stored)
            return page
        page = make()
        if page.entry_id is None:  # never one of another kind
            self.kept[found] = stored_page(page)
        return page

    def finish(self) -> None:
        """After a good build: the store holds this build's pages, no others; and the entries'
        digests its keys were made of (kept with the pages keyed by them)."""
        self.store.keep_items(STORE, self.kept)
        self.keys.finish()


def remembered_whole(memo: WholePageMemo | None) -> contextlib.AbstractContextManager[None]:
    """Our render's whole-glossary pages go through ``memo`` meanwhile (no memo: made as always)."""
    return handed_in(WholePages, memo)

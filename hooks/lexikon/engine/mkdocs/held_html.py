"""A language pass's converted pages held compressed until MkDocs writes them (one-off builds).

MkDocs 1.6 converts every page of a pass before it renders and writes any
(``mkdocs.commands.build.build``: ``_populate_page`` for all, then ``_build_page`` for all), so
all of a pass's HTML is in memory at once: ~50 kB a term page (two bytes a character once a
page holds „ or –), half a gigabyte at 10,000 terms, on top of the glossary. Between the two
steps nothing reads ``page.content`` (the TOC, title and anchors are set by the conversion)
but Material's search plugin, in its ``on_page_context`` (before ours): it indexes the pages
not excluded from search, and strips ``data-search-*`` attributes from every page. So a page
that search leaves out (every page when Pagefind is the search, see
:func:`lexikon.publish.pagefind.take_over_search`) and that has no such attribute (the strip
finds nothing: the same page either way) gives its HTML up after its last ``on_page_content``
(ours, which runs last) and gets it back at the start of our ``on_page_context``, just before
its template is rendered: ~1/8 of the size in between.

Not in ``mkdocs serve`` (its fast path and page state keep the plain texts) nor in the second
process, which sends each page's HTML to the build as soon as it is made.
"""

from __future__ import annotations

import base64
import zlib

from mkdocs.structure.pages import Page as MkDocsPage

_ATTRIBUTE = "_lexikon_held_html"
"""Where a page keeps its packed HTML (not a ``lexikon_`` state the second process or the page
cache carry over: it is set only after both have handed the page over)."""

_enabled = [True]


def hold(page: MkDocsPage, html: str, serving: bool, stored: str | None = None) -> str:
    """What ``on_page_content`` returns: ``html``, or "" with ``html`` packed on the page.
    ``stored``: ``html`` as the page store packs it (base64 of this very zlib stream), which
    the page store made just now or read: not compressed a second time."""
    if serving or not _enabled[0] or not html or "data-search-" in html or not left_out_of_search(page):
        return html
    packed = base64.b64decode(stored) if stored is not None else zlib.compress(html.encode(), 1)
    setattr(page, _ATTRIBUTE, packed)
    # Its Markdown too (static-i18n's copy, joined line by line): read by nobody after the
    # conversion. Its title stays: with content set (even ""), MkDocs takes it from the
    # render or the meta, never from the Markdown (the page cache's hits have none either).
    page.markdown = ""
    return ""


def give_back(page: MkDocsPage) -> None:
    """At the start of ``on_page_context``: the page's HTML as its conversion left it."""
    packed = vars(page).pop(_ATTRIBUTE, None)
    if packed is not None:
        page.content = zlib.decompress(_raw(packed)).decode()


def hold_stored(page: MkDocsPage, packed: str) -> None:
    """A page set up from the page store (:mod:`.kept_pages`): its HTML held as stored (base64
    of the same zlib stream) from the start; whether it may stay held is known only when it is
    about to be built (:func:`settle`), and a page whose file is taken never unpacks it. A page
    Material's search reads gets its HTML at once, as :func:`hold` leaves it."""
    if left_out_of_search(page):
        setattr(page, _ATTRIBUTE, packed)
    else:
        page.content = zlib.decompress(_raw(packed)).decode()


def settle(page: MkDocsPage) -> None:
    """Just before MkDocs builds a page held as stored: held as :func:`hold` would hold it
    (the same bytes, not packed again), or its HTML back where search may read it."""
    packed = vars(page).get(_ATTRIBUTE)
    if isinstance(packed, str):
        raw = _raw(packed)
        html = zlib.decompress(raw).decode()
        if "data-search-" in html or not left_out_of_search(page):
            delattr(page, _ATTRIBUTE)
            page.content = html
        else:
            setattr(page, _ATTRIBUTE, raw)


def _raw(packed: bytes | str) -> bytes:
    return base64.b64decode(packed) if isinstance(packed, str) else packed


def forget(page: MkDocsPage) -> None:
    """A page not templated after all (its file taken from the last site): its HTML let go of."""
    vars(page).pop(_ATTRIBUTE, None)


def never_in_this_process() -> None:
    """The second process: its pages' HTML goes to the build at once, whole."""
    _enabled[0] = False


def left_out_of_search(page: MkDocsPage) -> bool:
    """Whether Material's search plugin leaves the page alone (it reads ``page.content``)."""
    search = page.meta.get("search") if isinstance(page.meta, dict) else None
    return isinstance(search, dict) and bool(search.get("exclude"))

"""A huge page's HTML kept out of its template's output until the page is finished (one-off builds).

The printable lexicon is the whole glossary in one page: 31 million characters at 10,000
terms, two bytes a character (it holds „ and –), ~60 MB a copy. From its template to its
write MkDocs held up to four whole copies at once: ``page.content``, the template's output
(which MkDocs' ``_build_page`` keeps until the write), and our ``on_post_page`` edits of the
head and the search script, each a new string beside the one it edits. That was the build
process's peak at 10,000 terms (~+240 MB on its base, in the second language's pass).

So for a page above :data:`HUGE` characters the template is given a one-line placeholder
(:data:`MARK`) as ``page.content`` (after every ``on_page_context`` has read the real one:
ours is the last, and the frame cache has keyed it), our edits work on the small output, and
the HTML goes in at the end of our ``on_post_page``: one whole copy made, the page's own
HTML beside it. The same page: the theme prints ``page.content`` as it is (Material's
``content.html``), and none of the edits' needles (:data:`_NEEDLES`) is in the HTML, so each
edit finds and changes the same place with the HTML or the placeholder in between. Where
any of that is not known (another plugin's ``on_post_page`` before ours or ``on_page_context``
after ours, a needle or the mark in the HTML, the output not holding the mark exactly
once), the page goes the usual way.

Not in ``mkdocs serve``, whose pages are small enough and whose page state keeps the HTML.
"""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page as MkDocsPage

HUGE = 1_000_000
"""Characters of HTML from which a page's HTML is set aside: the printable lexicon, the terms
index and the table of a glossary of a few thousand terms; never a term page."""
MARK = "\x00lexikon-page-content\x00"
"""What the template prints in place of the HTML: a NUL never stands in a page's HTML."""
MARK_H1 = "\x00<h1 lexikon-page-content\x00"
"""The mark of a page whose HTML has a title: Material's ``content.html`` adds one to a page
whose ``page.content`` holds no ``<h1`` (the only question its templates ask of the HTML)."""
_ATTRIBUTE = "_lexikon_content_aside"
_NEEDLES = ("</head>", '<label class="md-nav__title" for="__toc">', 'id="__toc"',
            '<script id="__config"', "\x00")
"""What our ``on_post_page`` edits look for (the head's end, Material's contents label and
toggle, its configuration script): none in the HTML, each edit finds what it finds around it."""
_MODULE = "lexikon_hook"
"""The hook whose handlers must be the last ``on_page_context`` and the first ``on_post_page``."""


def set_aside(page: MkDocsPage, config: MkDocsConfig, serving: bool) -> None:
    """Last in our ``on_page_context``: a huge page's HTML set aside, the mark in its place."""
    content = page.content
    if serving or content is None or len(content) < HUGE or not _ours_alone(config):
        return
    if any(needle in content for needle in _NEEDLES):
        return
    mark = MARK_H1 if "<h1" in content else MARK
    setattr(page, _ATTRIBUTE, (content, mark))
    page.content = mark


def finished(output: str, page: MkDocsPage, edit: Callable[[str], str]) -> str:
    """Our ``on_post_page`` edits (``edit``) of a page's output, its HTML put in after them
    when it was set aside (the page's ``content`` is back too, for whoever releases it). A
    frame taken from the store holds the mark where its page was set aside when it was made:
    filled with the page's HTML as well, set aside now or not (``mkdocs serve``)."""
    aside = vars(page).pop(_ATTRIBUTE, None)
    if aside is not None:
        content, mark = aside
        page.content = content
    else:  # a mark only where a page this size was set aside (the frame's key holds its HTML)
        content = page.content
        mark = _mark_in(output) if content is not None and len(content) >= HUGE else None
    if content is None or mark is None:
        return edit(output)
    if output.count(mark) != 1:
        return edit(output.replace(mark, content))  # what the template would have made, edited
    edited = edit(output)  # on the small output: no copy of the page but the one made here
    if edited.count(mark) != 1:  # never, by _NEEDLES: the usual way then
        return edit(output.replace(mark, content))
    return edited.replace(mark, content, 1)


def _mark_in(output: str) -> str | None:
    if "\x00" not in output:
        return None
    return MARK_H1 if MARK_H1 in output else MARK if MARK in output else None


def _ours_alone(config: MkDocsConfig) -> bool:
    """Whether no other handler runs after our ``on_page_context`` or before our ``on_post_page``."""
    events = getattr(config.plugins, "events", {})
    context, post = events.get("page_context", []), events.get("post_page", [])
    return bool(context and post) and _is_ours(context[-1]) and _is_ours(post[0])


def _is_ours(method: object) -> bool:
    module = getattr(method, "__module__", "") or ""
    return module.rsplit("/", 1)[-1].removesuffix(".py") == _MODULE

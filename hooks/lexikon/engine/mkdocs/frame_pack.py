"""A page's templated output as the frame store keeps it: without the page's own HTML.

The frame store (:mod:`.frame_cache`) keeps every page as the templates made it, compressed.
A page's own HTML (``page.content``, printed once by the theme) is a third of a term page's
output, and the page store has compressed it already (:mod:`.page_cache`): a cold build
compressed it twice. The frame's key holds the HTML's digest, so on a hit the page's HTML is
exactly the one the frame was made around: only the text before and after it is stored,
with where it stood, and the page's HTML is put back in between. An output that does not
hold the HTML as it is (a theme that escapes or cuts it) is stored whole.
"""

from __future__ import annotations

from lexikon.engine.mkdocs.render_memo import pack, unpack

WHOLE = -1
"""Where the page's HTML stands in an output stored whole: nowhere."""


def pack_frame(output: str, content: str) -> list[object]:
    """``output`` as stored: ``[where, packed]``, the page's HTML (``content``) cut out at ``where``."""
    where = output.find(content) if content else WHOLE
    if where == WHOLE:
        return [WHOLE, pack(output)]
    return [where, pack(output[:where] + output[where + len(content):])]


def unpack_frame(stored: object, content: str) -> str | None:
    """The output :func:`pack_frame` stored around ``content`` (the page's HTML now, which the
    key proves the same), or None where ``stored`` is not such an item."""
    if not isinstance(stored, list) or len(stored) != 2 or type(stored[0]) is not int:
        return None
    where, text = stored[0], unpack(stored[1])
    if text is None or where < WHOLE or where > len(text):
        return None
    return text if where == WHOLE else text[:where] + content + text[where:]

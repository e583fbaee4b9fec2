"""A page's templated output as the frame store keeps it: without the page's own HTML, and
compressed against a frame of its language pass.

The frame store (:mod:`.frame_cache`) keeps every page as the templates made it. A cold build
compressed each output whole (a third of the cost of the caches it writes):

- A page's own HTML (``page.content``, printed once by the theme) is a third of a term page's
  output, and the page store has compressed it already (:mod:`.page_cache`). The frame's key
  holds the HTML's digest, so on a hit the page's HTML is exactly the one the frame was made
  around: only the text before and after it is stored, with where it stood, and the page's
  HTML is put back in between. An output that does not hold the HTML as it is (a theme that
  escapes or cuts it) is stored whole.
- What is left (head, header, nav, footer) is much the same on every page of a pass. The
  pass's first frame is kept once as a dictionary (an item of the same store, under its own
  digest), and each frame is compressed with it (zlib's preset dictionary): a quarter less
  time, a fifth of the size (which the store's writing and the next build's reading pay for).
  A frame names its dictionary; a frame held for the next build holds its dictionary too. A
  dictionary not found makes the frame a miss: the page is rendered. A pass whose frames are
  taken from the store compresses its new ones with their dictionary, not a new one: after
  many builds the store still holds about one dictionary a pass.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import zlib

from lexikon.check.cache_spill import SpilledItems

WHOLE = -1
"""Where the page's HTML stands in an output stored whole: nowhere."""
_WINDOW = 32768
"""zlib's window: a longer dictionary's start is never used."""
_DICTIONARY = "zdict"


class FramePacks:
    """The frames of one build as stored, and the dictionaries they are compressed with."""

    def __init__(self, store: object, kept: SpilledItems, name: str) -> None:
        self.store, self.kept, self.name = store, kept, name
        self.current: tuple[str, bytes] | None = None
        """This pass's dictionary (its key in hex, its bytes): the first that a frame taken from the
        store names, else made from the pass's first frame."""
        self.known: dict[str, bytes | None] = {}
        """Dictionaries read from the store, by key."""

    def pack(self, output: str, content: str) -> list[object]:
        """``output`` as stored: ``[where, dictionary, packed]``, the page's HTML (``content``)
        cut out at ``where``, the rest compressed with the pass's dictionary."""
        where = output.find(content) if content else WHOLE
        rest = (output if where == WHOLE else output[:where] + output[where + len(content):]).encode()
        if self.current is None:
            dictionary = rest[-_WINDOW:]
            key = hashlib.blake2b(_DICTIONARY.encode() + dictionary, digest_size=20).digest()
            self.kept[key] = [_DICTIONARY, base64.b64encode(dictionary).decode("ascii")]
            self.current = key.hex(), dictionary
            self.known[key.hex()] = dictionary
        name, dictionary = self.current
        compressor = zlib.compressobj(1, zdict=dictionary)
        packed = compressor.compress(rest) + compressor.flush()
        return [where, name, base64.b64encode(packed).decode("ascii")]

    def unpack(self, stored: object, content: str) -> str | None:
        """The output :meth:`pack` stored around ``content`` (the page's HTML now, which the key
        proves the same), or None where ``stored`` is not such an item or its dictionary is gone."""
        if not isinstance(stored, list) or len(stored) != 3 or type(stored[0]) is not int:
            return None
        where, name, packed = stored
        dictionary = self._dictionary(name)
        if dictionary is None or not isinstance(packed, str):
            return None
        try:
            decompressor = zlib.decompressobj(zdict=dictionary)
            data = decompressor.decompress(base64.b64decode(packed, validate=True))
            text = (data + decompressor.flush()).decode()
        except (binascii.Error, zlib.error, UnicodeDecodeError, ValueError):
            return None
        if not decompressor.eof or where < WHOLE or where > len(text):
            return None
        return text if where == WHOLE else text[:where] + content + text[where:]

    def hold(self, key: bytes, stored: object) -> None:
        """A stored frame kept for the next build, with its dictionary."""
        self.kept.hold(key, stored)
        if isinstance(stored, list) and len(stored) == 3 and isinstance(stored[1], str):
            found, dictionary = self._key(stored[1]), self._dictionary(stored[1])
            if found is None or dictionary is None:
                return
            if found not in self.kept:
                self.kept.hold(found, self.store.item(self.name, found))
            if self.current is None:
                self.current = stored[1], dictionary

    def end_pass(self) -> None:
        self.current = None

    def _dictionary(self, name: object) -> bytes | None:
        if not isinstance(name, str):
            return None
        if name not in self.known:
            key = self._key(name)
            stored = self.store.item(self.name, key) if key is not None else None
            self.known[name] = _dictionary_of(stored)
        return self.known[name]

    @staticmethod
    def _key(name: str) -> bytes | None:
        try:
            key = bytes.fromhex(name)
        except ValueError:
            return None
        return key if len(key) == 20 else None


def _dictionary_of(stored: object) -> bytes | None:
    if not isinstance(stored, list) or len(stored) != 2 or stored[0] != _DICTIONARY:
        return None
    try:
        return base64.b64decode(stored[1], validate=True)
    except (binascii.Error, TypeError, ValueError):
        return None

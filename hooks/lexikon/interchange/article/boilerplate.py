"""Boilerplate of scraped pages recognised by its shape, with each language's phrases as data.

A site's chrome (``import: chrome`` in the locale files) is a list of whole lines; these
rules know the SHAPE of a kind of line and take only its words from the locale files
(``import_boilerplate:``), so a new site's wording is a phrase added there, not code:

- a breadcrumb: short items between ``›``, ``>``, ``»``, ``/`` or ``→``, the first a home word
  (``Startseite › Lexikon › O › Offshoring``);
- a reading time, and the short meta line that holds it (``Von P. Schmitt · 2 Min. Lesezeit``):
  the time at an end of the line or set off by a separator (``·``, ``|``, ``,``), so
  "Lesezeit: 4 Minuten heißt ein Buch …" is a sentence;
- a share or follow line: share words, network names and joiners only (``Teilen: LinkedIn | XING``);
- a newsletter or cookie line: one that starts with such a phrase (a banner says its piece in
  a few words: "Wir verwenden Cookies, um Ihre Erfahrung zu verbessern.");
- an ad label alone on its line (``Anzeige``, ``Annonce``), a button's text too (``Jetzt
  beraten lassen``);
- a "see also"/"read more" line: the phrase alone, or followed by ``:`` and a few names.

Every rule is about a whole line (a heading's text too: a heading made only of boilerplate
goes with it); a line that says more than its shape allows stays, and a sentence of more than
``PROSE_WORDS`` words is content whatever it starts with (a banner says its piece briefly).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lexikon.core.locale import load_locale

SHORT_LINE_WORDS = 16
"""A meta line with a reading time, or a see-also list, has at most this many words."""
PROSE_WORDS = 12
"""A line of more words that ends like a sentence is prose, never boilerplate."""
_SENTENCE_ENDS = (".", "!", "?", "…")
_WORD_REST = re.compile(r"^\w+")
_SEPARATED = re.compile(r"^\W*$|^[·•|/,;:–—-]|[·•|/,;:–—(-]$")
"""The rest of a meta line beside its reading time: nothing but symbols, or set off by a separator."""
_CRUMB_SEPARATOR = re.compile(r"(?<!\s)\s+(?:›|>|»|/|→|>>)\s+")
_CRUMB_ITEM_WORDS = 6
_LIST_SEPARATORS = re.compile(r"[|·•,;:/–—-]+|\s+")
_SENTENCE_END = re.compile(r"[.!?]\s*$")


def _any(patterns: Iterable[str]) -> re.Pattern[str] | None:
    patterns = [f"(?:{p})" for p in patterns]
    return re.compile("|".join(patterns), re.I) if patterns else None


class Boilerplate:
    """The shapes of one language, compiled from its locale file."""

    def __init__(self, lang: str) -> None:
        try:
            phrases = load_locale(lang).import_boilerplate
        except FileNotFoundError:
            phrases = {}
        self.home = {word.casefold() for word in phrases.get("home", ())}
        self.reading_time = _any(phrases.get("reading_time", ()))
        self.share = _any(rf"\b(?:{p})(?!\w)" for p in phrases.get("share", ()))
        words = [*phrases.get("networks", ()), *phrases.get("joiners", ())]
        self.share_rest = _any(rf"\b{re.escape(word)}\b" for word in words)
        self.starts = [(what, _any(phrases.get(key, ()))) for key, what in
                       (("newsletter", "a newsletter line"), ("cookies", "a cookie notice"))]
        self.ads = _any(phrases.get("ads", ()))
        self.calls = _any(phrases.get("call_to_action", ()))
        self.see_also = _any(phrases.get("see_also", ()))

    def kind(self, plain: str) -> str | None:
        """What kind of boilerplate the line ``plain`` (markup removed) is, or None."""
        words = len(plain.split())
        if not words or (words > PROSE_WORDS and plain.rstrip(" \"'”“»«)").endswith(_SENTENCE_ENDS)):
            return None
        if self.ads and self.ads.fullmatch(plain.strip(" :[]()")):
            return "an ad label"
        if self.calls and self.calls.fullmatch(plain.strip(" !.→»›>")):
            return "a call to action"
        if self._breadcrumb(plain):
            return "a breadcrumb"
        if words <= SHORT_LINE_WORDS and self._reading_time(plain):
            return "a reading time line"
        if self._share(plain):
            return "a share or follow line"
        for what, pattern in self.starts:
            if pattern and pattern.match(plain):
                return what
        if self._see_also(plain, words):
            return "a 'see also' line"
        return None

    def _breadcrumb(self, plain: str) -> bool:
        """``/`` also joins two words in prose ("Start / Stop"): with it, three items at least."""
        items = _CRUMB_SEPARATOR.split(plain.strip())
        slashes_only = all(s.strip() == "/" for s in _CRUMB_SEPARATOR.findall(plain.strip()))
        return (len(items) >= (3 if slashes_only else 2) and items[0].strip().casefold() in self.home
                and all(0 < len(item.split()) <= _CRUMB_ITEM_WORDS for item in items))

    def _reading_time(self, plain: str) -> bool:
        match = self.reading_time.search(plain) if self.reading_time else None
        if match is None:
            return False
        after = _WORD_REST.sub("", plain[match.end():])  # 'Min' of 'Minuten'
        return all(_SEPARATED.search(side.strip()) for side in (plain[:match.start()], after))

    def _share(self, plain: str) -> bool:
        if self.share is None or self.share_rest is None:
            return False
        shares = self.share.findall(plain)
        rest = self.share.sub(" ", plain)
        networks = self.share_rest.findall(rest)
        left = _LIST_SEPARATORS.sub("", self.share_rest.sub(" ", rest))
        return bool(shares) and bool(networks) and not left

    def _see_also(self, plain: str, words: int) -> bool:
        if self.see_also is None:
            return False
        match = self.see_also.match(plain.strip())
        if match is None:
            return False
        rest = plain.strip()[match.end():].strip()
        if not rest or rest in (":", "…", "...", "→", "»"):
            return True
        return rest.startswith(":") and words <= SHORT_LINE_WORDS and not _SENTENCE_END.search(rest)

"""Boilerplate of scraped pages recognised by its shape, with each language's phrases as data.

A site's chrome (``import: chrome`` in the locale files) is a list of whole lines; these
rules know the SHAPE of a kind of line and take only its words from the locale files
(``import_boilerplate:``), so a new site's wording is a phrase added there, not code:

- a breadcrumb: short items between ``›``, ``>``, ``»``, ``/`` or ``→``, the first a home word
  (``Startseite › Lexikon › O › Offshoring``);
- a reading time, and the short meta line that holds it (``Von P. Schmitt · 2 Min. Lesezeit``);
- a share or follow line: share words, network names and joiners only (``Teilen: LinkedIn | XING``);
- a newsletter or cookie line: one that starts with such a phrase;
- an ad label alone on its line (``Anzeige``, ``Annonce``), a button's text too (``Jetzt
  beraten lassen``);
- a "see also"/"read more" line: the phrase alone, or followed by ``:`` and a few names.

Every rule is about a whole line (a heading's text too: a heading made only of boilerplate
goes with it); a line that says more than its shape allows stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lexikon.core.locale import load_locale

SHORT_LINE_WORDS = 16
"""A meta line with a reading time, or a see-also list, has at most this many words."""
BANNER_WORDS = 60
"""A newsletter or cookie line (a banner's text) has at most this many words."""
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
        if not words:
            return None
        if self.ads and self.ads.fullmatch(plain.strip(" :[]()")):
            return "an ad label"
        if self.calls and self.calls.fullmatch(plain.strip(" !.→»›>")):
            return "a call to action"
        if self._breadcrumb(plain):
            return "a breadcrumb"
        if self.reading_time and words <= SHORT_LINE_WORDS and self.reading_time.search(plain):
            return "a reading time line"
        if self._share(plain):
            return "a share or follow line"
        for what, pattern in self.starts:
            if pattern and words <= BANNER_WORDS and pattern.match(plain):
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

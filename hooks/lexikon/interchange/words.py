"""Words of any configured language: an id from a title, the sentences of a paragraph.

Both importers make ids from titles and the entry writer folds summaries at sentence ends.
The language data (letters and their ASCII spelling, abbreviations) comes from the locale
files' ``import:`` key; a title or a paragraph may mix languages, so the data of every
locale applies at once.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from lexikon.core.locale import load_locale, locale_codes
from lexikon.core.schema import fitting_id


@cache
def _transliteration() -> dict[int, str]:
    table: dict[str, str] = {}
    for code in locale_codes():
        table.update(load_locale(code).transliterate)
    return str.maketrans(table)


def letters() -> tuple[str, str]:
    """The locales' own capital and small letters beyond A–Z (``ÄÖÜÆØÅ``, ``äöüßæøå``)."""
    own = "".join(chr(code) for code in _transliteration())
    return "".join(c for c in own if c.isupper()), "".join(c for c in own if c.islower())


@cache
def _sentence_rules() -> tuple[re.Pattern[str], re.Pattern[str]]:
    capitals = re.escape(letters()[0])
    abbreviations = dict.fromkeys(word for code in locale_codes()
                                  for word in load_locale(code).import_patterns.get("abbreviations", ()))
    sentence_end = re.compile(rf"(?<=[.!?…])[\"“”»«)]?\s+(?=[\"„“»«(]?[A-Z{capitals}0-9\[])")
    abbreviation = re.compile(r"(?:\b(?:" + "|".join(re.escape(word) for word in abbreviations)
                              + rf")\.|\b[A-Za-z{capitals}{capitals.lower()}]\.)$")
    return sentence_end, abbreviation


def slugify(title: str) -> str:
    """The id for a title: lowercase ASCII, digits, single hyphens (ä→ae, ø→oe, å→aa, ß→ss),
    cut at a word to the longest id (:func:`lexikon.core.schema.fitting_id`)."""
    text = title.translate(_transliteration())
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return fitting_id(re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-"))


def split_sentences(text: str) -> list[str]:
    """Sentences of one paragraph: at . ! ? … before a capital, not after abbreviations."""
    sentence_end, abbreviation = _sentence_rules()
    parts: list[str] = []
    start = 0
    for match in sentence_end.finditer(text):
        candidate = text[start:match.start()].strip()
        if abbreviation.search(candidate.split(" ")[-1] if candidate else ""):
            continue
        end = match.start() + len(match.group(0).rstrip())
        parts.append(text[start:end].strip())
        start = match.end()
    rest = text[start:].strip()
    if rest:
        parts.append(rest)
    return parts

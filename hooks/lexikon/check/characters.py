"""Characters a value may not hold unseen: invisible and control characters, and letters of
other scripts that look Latin (in ids, where they make two names look like one)."""

from __future__ import annotations

import unicodedata

SOFT_HYPHEN = "\u00ad"
LOOK_ALIKES = str.maketrans("аеорсухіјѕԁɡοναιτкмнвт", "aeopcyxijsdgovaitkmhbt")
"""Cyrillic and Greek letters that look Latin, to suggest the id that was meant."""


def invisible_characters(text: str) -> list[str]:
    """Format characters (zero-width spaces, bidi controls…): they hide in a text, or make
    it read otherwise than it is. The soft hyphen is a legitimate hint for hyphenation.
    Control characters too (and line separators other than the line end): the loader
    refuses them in the file, but YAML's escapes (``"\\x1b"``, ``"\\0"``, ``"\\u202e"``)
    put them in a value, which is what is checked here."""
    if text.replace("\n", "").replace("\t", "").isprintable():
        return []  # no format or control character is printable: most texts end here, at C speed
    return [char for char in dict.fromkeys(text)
            if (unicodedata.category(char) == "Cf" and char != SOFT_HYPHEN)
            or (unicodedata.category(char) in ("Cc", "Zl", "Zp") and char not in "\n\t")
            or noncharacter(char)]


def noncharacter(char: str) -> bool:
    """One of Unicode's 66 noncharacters (U+FDD0–U+FDEF, and the last two code points of every
    plane, U+FFFE, U+FFFF, U+1FFFE …): a YAML escape puts one in a value, but XML 1.0 cannot hold
    U+FFFE and U+FFFF at all (lxml refuses them: the build stopped with a traceback on a tooltip)
    and HTML reads each as a parse error."""
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def invisible_message(char: str, what: str) -> str:
    if noncharacter(char):
        return (f"{what} holds the noncharacter U+{ord(char):04X} (written as an escape like '\\ufffe'): "
                "delete it; pages, feeds and TBX cannot hold it")
    if unicodedata.category(char) in ("Cc", "Zl", "Zp"):  # a raw one stops the loader: an escape
        return (f"{what} holds the control character U+{ord(char):04X} (written as an escape like "
                "'\\x1b' or '\\0'): delete it; it breaks feeds and terminals")
    name = unicodedata.name(char, "a format character")
    if unicodedata.bidirectional(char) in ("LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI",
                                           "LRM", "RLM", "ALM") or char in "\u200e\u200f\u061c":
        return (f"{what} holds the bidirectional control character U+{ord(char):04X} {name}: delete it; "
                "it changes the order in which readers see the text")
    return (f"{what} holds the invisible character U+{ord(char):04X} {name}: delete it; it makes "
            "two different texts look the same")


def not_composed(text: str) -> str:
    """The first run of a letter and its combining marks that Unicode NFC writes as one
    character (``e`` + U+0301 is ``é``), or "": the exports and imports compose every text, so
    such a value comes back changed, and search may miss it."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return ""
    for index, char in enumerate(text):
        if unicodedata.combining(char) and index:
            pair = text[index - 1:index + 1]
            if unicodedata.normalize("NFC", pair) != pair:
                return pair
    return next((c for c in text if unicodedata.normalize("NFC", c) != c), "")


def not_composed_message(what: str, run: str) -> str:
    return (f"{what} writes '{unicodedata.normalize('NFC', run)}' as {len(run)} characters (a letter and a "
            "combining mark, not Unicode NFC): the exports write it as one; compose it (an editor's "
            "'normalise to NFC', or type the letter again)")


def foreign_letters(text: str) -> str:
    """Name the characters of an id that are not ASCII (look-alikes fool the eye)."""
    foreign = [c for c in dict.fromkeys(text) if not c.isascii()]
    if not foreign:
        return ""
    names = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in foreign)
    return f" (it contains {names})"


def ascii_letters(text: str) -> str:
    return unicodedata.normalize("NFKD", text.translate(LOOK_ALIKES)).encode("ascii", "ignore").decode()

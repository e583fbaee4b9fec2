"""Reader-facing strings and sorting rules per language, read from ``locales/<code>.yml``.

Nothing in the code names a language: a third language is a third locale file.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

LOCALES_DIR = Path(__file__).parent / "locales"


@dataclass(frozen=True)
class Locale:
    """One language's UI strings and collation."""

    code: str
    strings: Mapping[str, str | Mapping[str, str]]
    """Each string, or for a count its plural forms (``one``, ``other``)."""
    replace: Mapping[str, str] = field(default_factory=dict)
    after_z: tuple[str, ...] = ()
    languages: Mapping[str, str] = field(default_factory=dict)
    """Language names as they stand in a sentence of this language."""
    endings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Endings that make inflected forms of a term (for search), by how its last word ends:
    the longest key the word ends with decides, ``""`` for every other word."""
    import_patterns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Scraping debris ``lexicon import`` knows in this language (see ``import:``)."""
    import_boilerplate: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """The phrases of the boilerplate shapes ``lexicon import`` removes (``import_boilerplate:``)."""
    transliterate: Mapping[str, str] = field(default_factory=dict)
    """This language's letters as ASCII, for ids made from titles (``import: transliterate``)."""
    genders: Mapping[str, str] = field(default_factory=dict)
    """The grammatical genders an entry's ``gender`` may name in this language, each with the
    word a dictionary shows after the title (``grammar: genders:``)."""
    one: frozenset[int] = frozenset({1})
    """The counts that take the ``one`` form (``plural: {one: [1]}``); every other takes ``other``."""
    _keys: dict[str, tuple] = field(default_factory=dict, compare=False, repr=False)
    """Sort keys made so far: every list of links sorts the same titles again."""
    _weights: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)
    """Each character's weight, one tuple per character shared by every key that holds it: made
    anew per character of every key, they were ~100 small tuples a term held to the build's end
    (~50 MB at 10,000 terms)."""

    def __call__(self, name: str, **values: object) -> str:
        """The string ``name``, with ``{placeholders}`` filled in; a string with plural forms
        takes the one its ``count`` asks for ("1 Begriff", "2 Begriffe")."""
        text = self.strings[name]
        if isinstance(text, Mapping):
            text = text["one" if values.get("count") in self.one else "other"]
        return text.format(**values)

    def language_name(self, code: str) -> str:
        """``code``'s name in this language's sentences (the code when unknown)."""
        return self.languages.get(code, code)

    def inflections(self, phrase: str) -> tuple[str, ...]:
        """Forms of ``phrase`` a reader may type: its last word with each ending a word
        ending like it takes ("udlicitering" → "udliciteringen", never "udliciteringet")."""
        words = phrase.split()
        if not words or not all(part.isalpha() for part in words[-1].split("-")):
            return ()
        head = " ".join(words[:-1])
        last = words[-1]
        folded = last.casefold()
        rule = max((key for key in self.endings if folded.endswith(key)), key=len, default=None)
        suffixes = self.endings.get(rule, ()) if rule is not None else ()
        return tuple(f"{head} {last}{suffix}".strip() for suffix in suffixes)

    def sort_key(self, text: str) -> tuple:
        """Dictionary order of ``text`` in this language; ties broken by the text itself."""
        key = self._keys.get(text)
        if key is None:
            key = self._keys[text] = self._sort_key(text)
        return key

    def _sort_key(self, text: str) -> tuple:
        folded = unicodedata.normalize("NFC", text).casefold()
        for old, new in self.replace.items():
            folded = folded.replace(old, new)
        weights = self._weights
        primary = tuple(weights.get(char) or weights.setdefault(char, self._weight(char))
                        for char in folded if char.isalnum())
        return primary, folded, text

    def letter(self, text: str) -> str:
        """The index letter ``text`` files under (``#`` for digits and symbols)."""
        folded = unicodedata.normalize("NFC", text).casefold()
        for old, new in self.replace.items():
            folded = folded.replace(old, new)
        for char in folded:
            if char.isalnum():
                if char in self.after_z:
                    return char.upper()
                base = _strip_accents(char)
                return base.upper() if "a" <= base <= "z" else self.strings["other_letters"]
        return self.strings["other_letters"]

    def alphabet(self) -> tuple[str, ...]:
        """The letters of the index's letter bar, in order (``#`` comes before them)."""
        return tuple(chr(c).upper() for c in range(ord("a"), ord("z") + 1)) + tuple(
            letter.upper() for letter in self.after_z
        )

    def _weight(self, char: str) -> tuple[int, int]:
        if char in self.after_z:
            return (2, 26 + self.after_z.index(char))
        base = _strip_accents(char)
        if "a" <= base <= "z":
            return (2, ord(base) - ord("a"))
        # Digits, symbols and other scripts all file under one "#", so sort them together,
        # before the letters.
        return (1, ord(char))


def _strip_accents(char: str) -> str:
    decomposed = unicodedata.normalize("NFD", char)
    return decomposed[0] if decomposed else char


@cache
def load_locale(code: str) -> Locale:
    """The locale of ``code``; a missing file raises, naming the file to add."""
    path = LOCALES_DIR / f"{code}.yml"
    if not path.exists():
        raise FileNotFoundError(
            f"no reader-facing strings for language '{code}': add {path} (copy de.yml and translate it)"
        )
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    collation = data.get("collation") or {}
    return Locale(
        code=code,
        strings=data["strings"],
        replace=dict(collation.get("replace") or {}),
        after_z=tuple(collation.get("after_z") or ()),
        languages=dict(data.get("languages") or {}),
        endings={str(key or ""): tuple(value or ()) for key, value
                 in ((data.get("inflection") or {}).get("endings") or {}).items()},
        import_patterns={key: tuple(value) for key, value in (data.get("import") or {}).items()
                         if key != "transliterate"},
        transliterate=dict((data.get("import") or {}).get("transliterate") or {}),
        import_boilerplate={key: tuple(value or ())
                            for key, value in (data.get("import_boilerplate") or {}).items()},
        genders=dict((data.get("grammar") or {}).get("genders") or {}),
        one=frozenset((data.get("plural") or {}).get("one") or (1,)),
    )


def locale_codes() -> tuple[str, ...]:
    """Every language with a locale file, sorted: data that holds for any text (an id made
    from a title, where a sentence ends) is the union of theirs."""
    return tuple(sorted(path.stem for path in LOCALES_DIR.glob("*.yml")))

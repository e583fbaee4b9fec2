"""Sort keys share one weight tuple per character (issue 17, memory at 10,000 terms): the
locale keeps every title's key for the build, and a tuple made anew for each character of
each key was ~100 small tuples a term. The keys, and so every order, are the same."""

from __future__ import annotations

import unicodedata

import pytest

from lexikon.core.locale import load_locale


def _old_key(locale, text: str) -> tuple:
    """The key as made before, a new weight tuple per character."""
    folded = unicodedata.normalize("NFC", text).casefold()
    for old, new in locale.replace.items():
        folded = folded.replace(old, new)
    return tuple(locale._weight(char) for char in folded if char.isalnum()), folded, text


TITLES = ["Äpfel und Öl", "Ærø Økonomi", "Straße 12", "Outsourcing", "Backsourcing", "ǅemal", "Ångström",
          "3D-Druck", "Агент", "Åben", "über", "Zähler", "øl", "aa"]


@pytest.mark.parametrize("code", ["de", "da"])
def test_keys_are_as_before_and_share_their_weights(code: str) -> None:
    locale = load_locale(code)
    keys = [locale.sort_key(title) for title in TITLES]
    assert keys == [_old_key(locale, title) for title in TITLES]
    assert sorted(TITLES, key=locale.sort_key) == sorted(TITLES, key=lambda t: _old_key(locale, t))
    by_char: dict[tuple, int] = {}
    for primary, _, _ in keys:
        for weight in primary:
            by_char.setdefault(weight, id(weight))
            assert id(weight) == by_char[weight], "one tuple per weight, shared by every key"

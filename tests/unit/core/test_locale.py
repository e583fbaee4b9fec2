"""Sorting, index letters and UI strings per language (DIN 5007-1 for German, Danish rules)."""

from __future__ import annotations

import itertools
import string
import unicodedata

import pytest

from lexikon.core.locale import LOCALES_DIR, load_locale
from tests.support.constants import LANGS


def sort(code: str, words: list[str]) -> list[str]:
    return sorted(words, key=load_locale(code).sort_key)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        # German: umlauts with their base letter, ß as ss
        ("de", ["Abend", "Ärger", "Axt"]),
        ("de", ["Apfel", "Äpfel", "Apfelbaum"]),
        ("de", ["Masse", "Maße", "Mast"]),
        ("de", ["Straße", "Strasser", "Strauch"]),
        ("de", ["Ofen", "Öl", "Ozean"]),
        ("de", ["Obst", "Ökonomie", "Outsourcing"]),
        ("de", ["über", "Uhr", "Umwelt"]),
        ("de", ["Äquator", "Bär", "Zahl"]),
        ("de", ["apfel", "Birne", "cello", "Dattel"]),  # case does not matter
        ("de", ["3D-Druck", "Abend", "Zebra"]),  # digits first
        ("de", ["Café", "Cafeteria", "Dach"]),
        ("de", ["Backsourcing", "Insourcing", "Outsourcing"]),
        # Danish: æ ø å after z, in that order
        ("da", ["Zebra", "Æble", "Øl", "Åben"]),
        ("da", ["Abe", "Zulu", "Ærø", "Øre", "Åen"]),
        ("da", ["Ørn", "Øst", "Å"]),
        # "aa" is å: after z, and sorted within å by what follows
        ("da", ["Abe", "Zone", "Åben", "Åkande", "Aalborg"]),
        ("da", ["Åbo", "Aarhus"]),
        # foreign ä and ö sort with their Danish kin æ and ø
        ("da", ["Zeppelin", "Æble", "Ärger", "Øre"]),
        ("da", ["Ærø", "Øster", "Österreich", "Åben"]),
        ("da", ["Ulv", "Über", "Zink"]),  # ü with y
        ("da", ["3D-print", "Abe", "Åben"]),
    ],
)
def test_sort_order(code: str, expected: list[str]) -> None:
    for order in (expected[::-1], expected[1:] + expected[:1]):
        assert sort(code, order) == expected


@pytest.mark.parametrize("code", LANGS)
def test_sort_key_is_a_total_order_with_ties_broken_by_the_text(code: str) -> None:
    words = ["Muller", "Müller", "müller", "MÜLLER", "Mueller"]
    assert sort(code, words) == sort(code, words[::-1])


@pytest.mark.parametrize("code", LANGS)
def test_sort_key_does_not_depend_on_normal_form(code: str) -> None:
    locale = load_locale(code)
    for word in ["Ärger", "Øre", "Åben", "Café"]:
        assert locale.sort_key(unicodedata.normalize("NFD", word))[:2] == locale.sort_key(word)[:2]


@pytest.mark.parametrize(
    ("code", "word", "letter"),
    [
        ("de", "Abend", "A"),
        ("de", "ärger", "A"),
        ("de", "Öl", "O"),
        ("de", "Über", "U"),
        ("de", "ßpiel", "S"),
        ("de", "Éclair", "E"),
        ("de", "Åland", "A"),
        ("de", "Ørsted", "O"),
        ("de", "„Zitat“", "Z"),
        ("de", "3D-Druck", "#"),
        ("de", "_intern", "I"),
        ("da", "Aalborg", "Å"),
        ("da", "aarhus", "Å"),
        ("da", "Åben", "Å"),
        ("da", "Æble", "Æ"),
        ("da", "øl", "Ø"),
        ("da", "Ärger", "Æ"),
        ("da", "Öresund", "Ø"),
        ("da", "Abe", "A"),
        ("da", "Zulu", "Z"),
        ("da", "Éclair", "E"),
        ("da", "3D-print", "#"),
    ],
)
def test_index_letter(code: str, word: str, letter: str) -> None:
    assert load_locale(code).letter(word) == letter


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("de", tuple(string.ascii_uppercase)),
        ("da", (*string.ascii_uppercase, "Æ", "Ø", "Å")),
    ],
)
def test_alphabet_bar(code: str, expected: tuple[str, ...]) -> None:
    assert load_locale(code).alphabet() == expected


WORDS = [
    "Abend",
    "Aalborg",
    "Ärger",
    "Åben",
    "Æble",
    "Øl",
    "Öl",
    "Über",
    "Ulv",
    "Zebra",
    "Zulu",
    "3D-Druck",
    "42",
    "Straße",
    "Éclair",
    "Café",
    "ökonomi",
]


@pytest.mark.parametrize("code", LANGS)
def test_letters_are_in_the_bar_and_each_forms_one_run_in_sort_order(code: str) -> None:
    locale = load_locale(code)
    bar = locale.alphabet()
    letters = [locale.letter(word) for word in sort(code, WORDS)]
    assert set(letters) <= {*bar, locale("other_letters")}
    # one heading per letter on the index page: a letter's words stand together
    runs = [letter for letter, _ in itertools.groupby(letters)]
    assert len(runs) == len(set(runs)), runs
    # and the letters come in the order of the bar
    in_bar = [letter for letter in runs if letter in bar]
    assert in_bar == sorted(in_bar, key=bar.index)


@pytest.mark.parametrize("code", LANGS)
def test_words_filed_under_other_letters_sort_together(code: str) -> None:
    # "3D-Druck" (a digit) and "Ωmega" (no Latin letter) both file under "#": the index
    # page must show one "#" section, not one before A and another after Z (or Å)
    locale = load_locale(code)
    words = sort(code, ["Abend", "Zebra", "3D-Druck", "Ωmega", "µ-Service"])
    letters = [locale.letter(word) for word in words]
    assert letters.count("#") == 3
    runs = [letter for letter, _ in itertools.groupby(letters)]
    assert runs.count("#") == 1, words


@pytest.mark.parametrize("code", LANGS)
def test_every_locale_has_the_same_strings(code: str) -> None:
    reference = load_locale("de").strings
    locale = load_locale(code)
    assert set(locale.strings) == set(reference)
    for value in locale.strings.values():  # a string, or its plural forms
        forms = value if isinstance(value, dict) else {"other": value}
        assert set(forms) <= {"one", "other"} and "other" in forms
        assert all(isinstance(form, str) and form.strip() for form in forms.values())


@pytest.mark.parametrize(
    ("code", "name", "values", "expected"),
    [
        ("de", "missing_title", {"title": "Backsourcing"}, "Backsourcing (noch nicht auf Deutsch)"),
        ("da", "missing_title", {"title": "Backsourcing"}, "Backsourcing (endnu ikke på dansk)"),
        ("de", "index_intro", {"count": 3}, "Alle 3 Begriffe des Lexikons, alphabetisch sortiert."),
        ("da", "term_count", {"count": 2}, "2 begreber"),
        ("da", "term_count", {"count": 1}, "1 begreb"),
        ("de", "term_count", {"count": 1}, "1 Begriff"),
        ("de", "term_count", {"count": 0}, "0 Begriffe"),
        ("da", "tag_title", {"label": "IT"}, "Emne: IT"),
    ],
)
def test_strings_fill_their_placeholders(code: str, name: str, values: dict, expected: str) -> None:
    assert load_locale(code)(name, **values) == expected


def test_every_locale_file_loads() -> None:
    codes = sorted(path.stem for path in LOCALES_DIR.glob("*.yml"))
    assert codes == ["da", "de"]
    for code in codes:
        assert load_locale(code).code == code


def test_missing_locale_names_the_file_to_add() -> None:
    with pytest.raises(FileNotFoundError, match=r"'sv'.*sv\.yml"):
        load_locale("sv")


@pytest.mark.parametrize(("code", "word", "has", "never"), [
    ("da", "udlicitering", {"udliciteringen", "udliciteringer", "udliciteringerne"},
     {"udliciteringet", "udliciteringn"}),
    ("da", "Outsourcing", {"Outsourcingen", "Outsourcingens"},
     {"Outsourcingn", "Outsourcingt", "Outsourcinget"}),
    ("da", "kerne", {"kernen", "kernerne"}, {"kerneen", "kerneet"}),
    ("de", "Outsourcing", {"Outsourcings"}, {"Outsourcingn", "Outsourcinge"}),
    ("de", "Auslagerung", {"Auslagerungen"}, {"Auslagerungn", "Auslagerunges"}),
])
def test_inflections_follow_the_word_s_ending(code: str, word: str, has: set[str], never: set[str]) -> None:
    """Review 14: the endings were added to every word ("Outsourcingn", "udliciteringet")."""
    forms = set(load_locale(code).inflections(word))
    assert has <= forms and not forms & never

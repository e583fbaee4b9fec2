"""Stage 3 (transform): blocks, duplicate paragraphs removed and noted, near misses warned."""

from __future__ import annotations

import dataclasses
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lexikon.check.blocks import Block, split_blocks
from lexikon.check.dedupe import deduplicate_text, normalise
from lexikon.check.load import parse
from lexikon.core.model import Finding, Result, Severity, Span, Text
from lexikon.core.settings import make_settings
from tests.support.constants import LANGS, LANGUAGES
from tests.support.staged import LoadedGlossary, check, deduplicate, split_blocks_with_fences

SETTINGS = make_settings(Path("."), LANGUAGES, None)
PATH = "glossary/x.yml"
BODY_START = 5
"""Line of the first body line in :func:`entry_yaml` (after de:, title, summary, body: |)."""


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def block_lines(paragraphs: list[str], start: int = BODY_START) -> list[int]:
    """The file line on which each paragraph of a literal body starts."""
    lines, line = [], start
    for paragraph in paragraphs:
        lines.append(line)
        line += paragraph.count("\n") + 2
    return lines


def body_yaml(paragraphs: list[str]) -> list[str]:
    lines = ["  body: |"]
    for index, paragraph in enumerate(paragraphs):
        if index:
            lines.append("")
        lines += [f"    {line}" if line else "" for line in paragraph.split("\n")]
    return lines


def entry_yaml(
    de_body: list[str],
    de_summary: str = "Kurz gesagt.",
    da_body: list[str] | None = None,
    da_summary: str = "Kort sagt.",
    newline: str = "\n",
) -> str:
    lines = [
        "de:",
        "  title: Titel",
        f"  summary: {de_summary}",
        *body_yaml(de_body),
        "da:",
        "  title: Titel",
        f"  summary: {da_summary}",
    ]
    if da_body:
        lines += body_yaml(da_body)
    return newline.join(lines) + newline


def run(source: str) -> Result:
    """load → check → transform on one entry file's text."""
    file, problems = parse(source, PATH, "x")
    assert problems == []
    checked = check(LoadedGlossary((file,), None, ()), SETTINGS)
    assert checked.errors == () and checked.warnings == (), checked.findings
    return deduplicate(checked)


def body(result: Result, lang: str = "de") -> str:
    return result.glossary.entries["x"].texts[lang].body


def of(result: Result, severity: Severity) -> list[Finding]:
    """The findings of ``severity``, without the note on texts written decomposed (NFD) on purpose."""
    return [f for f in result.findings if f.severity is severity and "Unicode NFC" not in f.message]


# --- split_blocks --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("", []),
        ("Ein Absatz.", [("Ein Absatz.", True)]),
        ("Zeile eins\nZeile zwei\n\nZweiter.", [("Zeile eins\nZeile zwei", True), ("Zweiter.", True)]),
        ("a\n\n\n\nb\n", [("a", True), ("b", True)]),
        ("a\n   \n\t\nb", [("a", True), ("b", True)]),  # white-space-only lines separate
        ("a\r\n\r\nb\r\n", [("a", True), ("b", True)]),
        ("## Titel\n\nText.", [("## Titel", False), ("Text.", True)]),
        ("# Eins\n## Zwei", [("# Eins\n## Zwei", False)]),
        (
            "```\ncode\n\n\nmehr code\n```\n\nDanach.",
            [("```\ncode\n\n\nmehr code\n```", False), ("Danach.", True)],
        ),
        (
            "Davor.\n```python\nx = 1\n\ny = 2\n```",
            [("Davor.", True), ("```python\nx = 1\n\ny = 2\n```", False)],
        ),
        ("~~~\n```\n\nnoch Code\n~~~\n\nText.", [("~~~\n```\n\nnoch Code\n~~~", False), ("Text.", True)]),
        ("````\n```\n\nnoch Code\n````", [("````\n```\n\nnoch Code\n````", False)]),
        ("```\noffen\n\nbis zum Ende", [("```\noffen\n\nbis zum Ende", False)]),
        (
            "| a | b |\n|---|---|\n| 1 | 2 |\n\nText.",
            [("| a | b |\n|---|---|\n| 1 | 2 |", False), ("Text.", True)],
        ),
        ("- eins\n- zwei\n\n1. drei", [("- eins\n- zwei", True), ("1. drei", True)]),
        ("> Zitat\n> weiter\n\nText.", [("> Zitat\n> weiter", True), ("Text.", True)]),
        (
            "    eingerückter Code\n\n\teingerückt mit Tab",
            [("    eingerückter Code", False), ("\teingerückt mit Tab", False)],
        ),
    ],
)
def test_split_blocks(markdown: str, expected: list[tuple[str, bool]]) -> None:
    assert split_blocks(markdown) == [Block(text, prose) for text, prose in expected]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Über Äpfel", nfd("Über Äpfel")),
        ("zwei  Wörter", "zwei Wörter"),
        ("über\nzwei Zeilen", "über zwei Zeilen"),
        ("  Tab\tund\u00a0NBSP  ", "Tab und NBSP"),
        ("Zeile\r\nzwei", "Zeile zwei"),
    ],
)
def test_normalise_equates_nfc_and_white_space(a: str, b: str) -> None:
    assert normalise(a) == normalise(b)


@pytest.mark.parametrize(("a", "b"), [
    ("Absatz", "absatz"), ("Ae", "Ä"), ("ss", "ß"), ("a-b", "a b"),
    # line breaks a reader sees (the attacker's "duplicates that are not")
    ("- eins - zwei", "- eins\n- zwei"),                  # one list item, two items
    ("Erste Zeile  \nzweite", "Erste Zeile\nzweite"),   # a hard break, a soft one
    ("Erste Zeile\\\nzweite", "Erste Zeile zweite"),    # a backslash break
    ("> eins > zwei", "> eins\n> zwei"),
])
def test_normalise_keeps_real_differences(a: str, b: str) -> None:
    assert normalise(a) != normalise(b)


def test_a_one_item_list_is_not_removed_as_a_copy_of_two_items() -> None:
    body = "- eins\n- zwei\n\n- eins - zwei\n\nZeile  \nzwei\n\nZeile\nzwei\n"
    text = Text(lang="de", title="T", summary="S.", body=body)
    kept, findings = deduplicate_text(text)
    assert kept.body == body
    assert findings == []


# --- duplicate paragraphs --------------------------------------------------------------

FENCE = "```\nprint(1)\n\nprint(2)\n```"
TABLE = "| a | b |\n|---|---|\n| 1 | 2 |"


@pytest.mark.parametrize(
    ("paragraphs", "kept", "removed"),
    [
        pytest.param(["Alpha eins.", "Beta zwei.", "Alpha eins."], [0, 1], {2: 0}, id="later-copy"),
        pytest.param(
            ["Alpha eins.", "Alpha eins.", "Beta zwei.", "Alpha eins."],
            [0, 2],
            {1: 0, 3: 0},
            id="three-copies",
        ),
        pytest.param(
            ["Alpha eins.", "Beta zwei.", "Beta zwei.", "Alpha eins."], [0, 1], {2: 1, 3: 0}, id="two-pairs"
        ),
        pytest.param(
            ["Ein Absatz\nüber zwei Zeilen.", "Ein  Absatz über\tzwei Zeilen."], [0], {1: 0}, id="white-space"
        ),
        pytest.param([nfc("Über Äpfel und Öl."), nfd("Über Äpfel und Öl.")], [0], {1: 0}, id="nfd-later"),
        pytest.param([nfd("Über Äpfel und Öl."), nfc("Über Äpfel und Öl.")], [0], {1: 0}, id="nfd-first"),
        pytest.param(["- eins\n- zwei", "- eins\n- zwei"], [0], {1: 0}, id="list"),
        pytest.param(["> Ein Zitat.", "> Ein Zitat."], [0], {1: 0}, id="quote"),
        pytest.param(["Absatz eins.", "absatz eins."], [0, 1], {}, id="case-differs"),
        pytest.param(
            ["## Beispiel", "Text eins.", "## Beispiel", "Text zwei."], [0, 1, 2, 3], {}, id="headings"
        ),
        pytest.param([FENCE, "Text.", FENCE], [0, 1, 2], {}, id="fenced-code"),
        pytest.param(
            ["Gleicher Text.", "```\nGleicher Text.\n\nGleicher Text.\n```"],
            [0, 1],
            {},
            id="paragraph-in-code",
        ),
        pytest.param([TABLE, TABLE], [0, 1], {}, id="table"),
        pytest.param(["Text.", "    code()", "    code()"], [0, 1, 2], {}, id="indented-code"),
    ],
)
def test_duplicates_later_in_the_body_are_removed_and_noted(
    paragraphs: list[str], kept: list[int], removed: dict[int, int]
) -> None:
    result = run(entry_yaml(paragraphs))
    assert body(result) == "\n\n".join(paragraphs[i] for i in kept) + "\n"
    lines = block_lines(paragraphs)
    notes = of(result, Severity.NOTE)
    assert [(f.path, f.line, f.col) for f in notes] == [(PATH, lines[i], 5) for i in sorted(removed)]
    for note, index in zip(notes, sorted(removed), strict=True):
        assert "removed a duplicate paragraph in 'de'" in note.message
        assert f"same as the paragraph on line {lines[removed[index]]})" in note.message
    assert of(result, Severity.WARNING) == []


@pytest.mark.parametrize(
    ("paragraphs", "kept", "removed"),
    [
        pytest.param(["Kurz gesagt.", "Mehr dazu."], [1], [0], id="first"),
        pytest.param(["Mehr dazu.", "Kurz  gesagt."], [0], [1], id="later"),
        # the second copy's first line "Kurz" also stands in the first copy: two notes all the same
        pytest.param(["Kurz gesagt.", "Mehr dazu.", "Kurz\ngesagt."], [1], [0, 2], id="twice"),
        pytest.param([nfd("Kurz gesagt.")], [], [0], id="nfd"),
    ],
)
def test_paragraphs_equal_to_the_summary_are_removed(
    paragraphs: list[str], kept: list[int], removed: list[int]
) -> None:
    result = run(entry_yaml(paragraphs))
    assert body(result) == "\n\n".join(paragraphs[i] for i in kept) + ("\n" if kept else "")
    lines = block_lines(paragraphs)
    notes = of(result, Severity.NOTE)
    assert [(f.line, f.col) for f in notes] == [(lines[i], 5) for i in removed]
    assert all("same as the summary on line 3" in f.message for f in notes)


def test_summary_written_in_nfd_matches_an_nfc_paragraph() -> None:
    result = run(entry_yaml(["Über Öl.", "Mehr."], de_summary=nfd("Über Öl.")))
    assert body(result) == "Mehr.\n"
    assert len(of(result, Severity.NOTE)) == 1


@pytest.mark.parametrize(
    ("de_body", "da_body", "da_summary"),
    [
        (["Gemeinsamer Absatz.", "Nur deutsch."], ["Gemeinsamer Absatz.", "Kun dansk."], "Kort sagt."),
        (["Kort sagt."], ["Kun dansk."], "Kort sagt."),  # de body equals the da summary
        (["Nur deutsch."], ["Kurz gesagt."], "Kort."),  # da body equals the de summary
    ],
)
def test_languages_are_never_compared_with_each_other(
    de_body: list[str], da_body: list[str], da_summary: str
) -> None:
    result = run(entry_yaml(de_body, da_body=da_body, da_summary=da_summary))
    assert body(result, "de") == "\n\n".join(de_body) + "\n"
    assert body(result, "da") == "\n\n".join(da_body) + "\n"
    assert of(result, Severity.NOTE) == []


def test_each_language_is_cleaned_on_its_own() -> None:
    result = run(entry_yaml(["Eins.", "Eins."], da_body=["En.", "En.", "Eins."]))
    assert body(result, "de") == "Eins.\n"
    assert body(result, "da") == "En.\n\nEins.\n"
    notes = of(result, Severity.NOTE)
    assert [("'de'" in f.message, "'da'" in f.message) for f in notes] == [(True, False), (False, True)]
    assert [f.line for f in notes] == [7, 14]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_notes_point_at_the_removed_copy_with_lf_and_crlf(newline: str) -> None:
    paragraphs = ["Über Öl und Ärger.", "Zweiter Absatz\nüber zwei Zeilen.", "Über Öl und Ärger."]
    result = run(entry_yaml(paragraphs, newline=newline))
    assert [str(f) for f in of(result, Severity.NOTE)] == [
        "glossary/x.yml:10:5: note: removed a duplicate paragraph in 'de' (same as the paragraph "
        "on line 5): 'Über Öl und Ärger.'"
    ]


def test_notes_point_at_the_copy_when_its_words_also_stand_inside_an_earlier_paragraph() -> None:
    # "Das ist so." first appears inside line 5: the copies are paragraphs on lines 7 and 9
    paragraphs = ["Wir sagen: Das ist so. Und mehr.", "Das ist so.", "Das ist so."]
    result = run(entry_yaml(paragraphs))
    assert body(result) == "Wir sagen: Das ist so. Und mehr.\n\nDas ist so.\n"
    notes = of(result, Severity.NOTE)
    assert [(f.line, f.col) for f in notes] == [(9, 5)]
    assert "same as the paragraph on line 7" in notes[0].message


def test_notes_from_a_hand_made_text_use_its_spans() -> None:
    raw = "|\n  Eins.\n\n  Zwei.\n\n  Eins.\n"
    text = Text(
        "de",
        "Titel",
        "Kurz.",
        body="Eins.\n\nZwei.\n\nEins.\n",
        spans={"body": Span("glossary/t.yml", 10, 9, raw), "summary": Span("glossary/t.yml", 9, 12)},
    )
    cleaned, findings = deduplicate_text(text)
    assert cleaned.body == "Eins.\n\nZwei.\n"
    assert cleaned.title == text.title and cleaned.summary == text.summary
    assert [str(f) for f in findings] == [
        "glossary/t.yml:15:3: note: removed a duplicate paragraph in 'de' (same as the paragraph on "
        "line 11): 'Eins.'"
    ]


@pytest.mark.parametrize(("body_text", "expected"), [("A.\n\nA.", "A."), ("A.\n\nA.\n", "A.\n"), ("", "")])
def test_trailing_newline_is_kept_as_it_was(body_text: str, expected: str) -> None:
    cleaned, _ = deduplicate_text(Text("de", "T", "S.", body=body_text))
    assert cleaned.body == expected


# --- near duplicates -------------------------------------------------------------------

NEAR_A = "Das Outsourcing von IT-Leistungen spart vielen Unternehmen erhebliche Kosten."
NEAR_B = "Das Outsourcing von IT-Leistungen spart manchen Unternehmen erhebliche Kosten."


@pytest.mark.parametrize(
    ("paragraphs", "warned_at"),
    [
        pytest.param(
            [NEAR_A, "Etwas ganz anderes steht in diesem Absatz, ohne Bezug.", NEAR_B], [9], id="one-word"
        ),
        pytest.param([NEAR_A, nfd(NEAR_A.replace("Kosten", "Kösten"))], [7], id="one-letter"),
        pytest.param(
            [
                "Das Outsourcing von IT-Leistungen spart oft Kosten,\naber nicht immer.",
                "Das Outsourcing von IT-Leistungen spart oft Kosten,\naber nicht jedes Mal.",
            ],
            [8],
            id="same-first-line",
        ),
        pytest.param(["Kurzer Satz eins.", "Kurzer Satz zwei."], [], id="too-short"),
        pytest.param(
            [NEAR_A, "Ganz andere Worte stehen hier, in einem ganz anderen Satz."], [], id="different"
        ),
        pytest.param([NEAR_A, NEAR_A], [], id="exact-copy-is-removed-not-warned"),
        pytest.param([f"## {NEAR_A}", f"## {NEAR_B}"], [], id="headings"),
    ],
)
def test_near_duplicates_are_kept_and_warned_at_the_later_one(
    paragraphs: list[str], warned_at: list[int]
) -> None:
    result = run(entry_yaml(paragraphs))
    warnings = of(result, Severity.WARNING)
    assert [(f.line, f.col) for f in warnings] == [(line, 5) for line in warned_at]
    for warning in warnings:
        assert "nearly the same" in warning.message and "'de'" in warning.message
    if warned_at:
        assert body(result) == "\n\n".join(paragraphs) + "\n"


def test_near_duplicates_across_languages_are_not_warned() -> None:
    result = run(entry_yaml([NEAR_A], da_body=[NEAR_B]))
    assert of(result, Severity.WARNING) == []


# --- idempotence -----------------------------------------------------------------------

BODIES = [
    ["Alpha eins.", "Alpha eins.", "Beta zwei.", "Alpha eins."],
    ["Kurz gesagt.", NEAR_A, NEAR_B, "## Titel", "## Titel", FENCE, FENCE],
    [nfd("Über Öl."), "Über Öl.", TABLE, "- a\n- b", "- a\n- b"],
]


@pytest.mark.parametrize("paragraphs", BODIES)
def test_deduplicate_twice_is_once(paragraphs: list[str]) -> None:
    once = run(entry_yaml(paragraphs))
    twice = deduplicate(once)
    assert twice.glossary == once.glossary
    assert twice.findings == once.findings
    for text in once.glossary.entries["x"].texts.values():
        again, findings = deduplicate_text(text)
        assert again == text
        assert not [f for f in findings if f.severity is Severity.NOTE]


def test_deduplicate_keeps_everything_else() -> None:
    result = run(entry_yaml(["Eins.", "Eins."]))
    before = result.glossary.entries["x"].texts["de"]
    after = deduplicate(result).glossary.entries["x"].texts["de"]
    assert dataclasses.replace(after, body=before.body) == before
    assert result.glossary.languages == LANGS


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "b ", "#", "|", "\t", "\n", "\n", " ", "\u00a0", "\r", "\x0c",
                                 "\u2028", "- ", "> ", "    ", "```", "~~~"]), max_size=30).map("".join))
def test_splitting_by_runs_of_lines_is_the_line_walk(markdown: str) -> None:
    """Bodies without fences take a regex fast path; it must cut exactly as the walk does."""
    fast = split_blocks(markdown)
    walked = split_blocks_with_fences(markdown.replace("\r\n", "\n"))
    assert [(b.text, b.prose, b.line) for b in fast] == [(b.text, b.prose, b.line) for b in walked]

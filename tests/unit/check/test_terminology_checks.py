"""Issue 15's glossary-wide findings: shared titles told apart by qualifiers, ``broader``
cycles, deprecated terms that are names in use, and deprecated terms used in entries' texts
(inflected forms, whole words, never in code or a cross-link's target), located."""

from __future__ import annotations

import random
import textwrap
import time
from pathlib import Path

from lexikon.check import cache_codec
from lexikon.check.cache import light
from lexikon.check.glossary_wide import combine
from lexikon.check.pipeline import report_file
from lexikon.check.term_use import Deprecated, Matcher
from lexikon.core.model import FileReport, Finding
from lexikon.core.settings import make_settings
from tests.support.constants import LANGUAGES

SETTINGS = make_settings(Path("/nonexistent"), LANGUAGES, None)


def _report(entry_id: str, text: str) -> FileReport:
    return report_file(textwrap.dedent(text).encode(), f"glossary/{entry_id}.yml", entry_id, SETTINGS)


def _entry(entry_id: str, de: str, da: str = "", top: str = "") -> FileReport:
    """An entry with a German block (``de``: its lines after the title) and a Danish one."""
    text = f"{top}de:\n  title: {de}\n"
    if da:
        text += f"da:\n  title: {da}\n"
    else:
        text += f"da:\n  title: {entry_id}-da\n  summary: Et begreb.\n"
    return report_file(text.encode(), f"glossary/{entry_id}.yml", entry_id, SETTINGS)


def _findings(*reports: FileReport) -> list[Finding]:
    return [f for f in combine(reports, None, SETTINGS).findings if f.path.startswith("glossary/")]


def _lines(*reports: FileReport) -> list[str]:
    return [f"{f.path}:{f.line}:{f.col}: {f.severity.value}: {f.message}" for f in _findings(*reports)]


# (a) shared titles -------------------------------------------------------------------------
def test_two_qualifiers_tell_a_shared_title_apart() -> None:
    bank = _entry("bank", "Bank\n  qualifier: Finanzwesen\n  summary: Ein Kreditinstitut.")
    bench = _entry("sitzbank", "Bank\n  qualifier: Möbel\n  summary: Eine Sitzgelegenheit.")
    assert _lines(bank, bench) == []


def test_a_shared_title_without_qualifiers_asks_for_one_on_both_and_names_the_other() -> None:
    bank = _entry("bank", "Bank\n  qualifier: Finanzwesen\n  summary: Ein Kreditinstitut.")
    bench = _entry("sitzbank", "Bank\n  summary: Eine Sitzgelegenheit.")
    lines = _lines(bank, bench)
    assert len(lines) == 2, lines
    assert lines[0].startswith("glossary/bank.yml:2:10: warning: the de title 'Bank' is also the title of "
                               "'sitzbank' (glossary/sitzbank.yml): give both a 'qualifier'")
    assert lines[1].startswith("glossary/sitzbank.yml:2:10: warning:")


def test_the_same_qualifier_twice_is_no_help() -> None:
    one = _entry("a", "Bank\n  qualifier: Möbel\n  summary: Eins.")
    two = _entry("b", "bank\n  qualifier: möbel\n  summary: Zwei.")
    lines = _lines(one, two)
    assert len(lines) == 2 and "both have the qualifier 'möbel'" in lines[0], lines


# (b) broader cycles -------------------------------------------------------------------------
def test_a_broader_cycle_is_one_error_at_the_first_entrys_broader_item() -> None:
    reports = [_entry(name, f"{name.upper()}\n  summary: Begriff.", top=f"broader: [{target}]\n")
               for name, target in (("c", "a"), ("a", "b"), ("b", "c"))]
    assert _lines(*reports) == [
        "glossary/a.yml:1:11: error: 'broader' goes round in a circle: a → b → c → a; a concept cannot be "
        "broader than itself: remove one of these links"]


def test_a_two_step_cycle_and_a_chain_beside_it() -> None:
    reports = [_entry("x", "X\n  summary: B.", top="broader: [y]\n"),
               _entry("y", "Y\n  summary: B.", top="broader: [z, x]\n"),
               _entry("z", "Z\n  summary: B.")]
    lines = _lines(*reports)
    assert lines == ["glossary/x.yml:1:11: error: 'broader' goes round in a circle: x → y → x; a concept "
                     "cannot be broader than itself: remove one of these links"]


def test_a_long_chain_is_no_cycle_and_costs_no_recursion() -> None:
    reports = [_entry(f"t{i}", f"T{i}\n  summary: B.", top=f"broader: [t{i + 1}]\n") for i in range(3000)]
    reports.append(_entry("t3000", "T3000\n  summary: B.", top="broader: [t0]\n"))
    lines = _lines(*reports)
    assert len(lines) == 1 and lines[0].startswith("glossary/t0.yml:1:11: error: 'broader' goes round"), lines


# (c) deprecated terms in use ----------------------------------------------------------------
def test_a_deprecated_term_that_is_another_entrys_title_alias_or_abbreviation_is_an_error() -> None:
    out = _entry("outsourcing", "Outsourcing\n  summary: Auslagern.\n  aliases: [Fremd Vergabe]\n"
                 "  abbreviations: [OS]")
    ins = _entry("insourcing", "Insourcing\n  summary: Selbst machen.\n"
                 "  deprecated: [outsourcing, 'fremd   vergabe', ﬁ, os]")
    lines = _lines(out, ins)
    assert [line.split(": error: ")[1].split(":")[0] for line in lines] == [
        "the deprecated de term 'outsourcing' is the title of glossary/outsourcing.yml ('Outsourcing')",
        "the deprecated de term 'fremd   vergabe' is an alias of glossary/outsourcing.yml ('Fremd Vergabe')",
        "the deprecated de term 'os' is an abbreviation of glossary/outsourcing.yml ('OS')",
    ]
    assert lines[0].startswith("glossary/insourcing.yml:4:16:")


def test_a_deprecated_term_that_is_the_entrys_own_alias_is_judged_from_the_file_alone() -> None:
    report = _entry("outsourcing", "Outsourcing\n  summary: Auslagern.\n  aliases: [Auslagerung]\n"
                    "  deprecated: [AUSLAGERUNG]")
    assert [f.message.split(":")[0] for f in report.findings] == [
        "the deprecated de term 'AUSLAGERUNG' is an alias of this entry ('Auslagerung')"]


# point 2: uses in texts ---------------------------------------------------------------------
BACKSOURCING = """\
de:
  title: Backsourcing
  summary: Die Rückholung.
  deprecated: [Rückoutsourcing, Re-Insourcing]
da:
  title: Backsourcing
  summary: Hjemtagning.
  deprecated: [tilbageudlicitering]
"""


def test_uses_are_warned_at_their_place_with_the_title_to_write() -> None:
    other = _report("outsourcing", """\
        de:
          title: Outsourcing
          summary: Das Gegenteil des Rückoutsourcings, kein RÜCKOUTSOURCING und kein Re-Insourcing.
          body: |
            Kein `Rückoutsourcing` in Code, [[backsourcing]] und [[backsourcing|Rückoutsourcing]].

            ```
            Rückoutsourcing
            ```

            Das Rückoutsourcingprojekt ist ein anderes Wort.
          highlights: [Wie beim Rückoutsourcing.]
          context:
            - text: Rückoutsourcing, wieder.
        da:
          title: Outsourcing
          summary: Ikke Rückoutsourcing, men tilbageudliciteringen.
        """)
    lines = _lines(_report("backsourcing", BACKSOURCING), other)
    assert lines == [
        "glossary/outsourcing.yml:3:30: warning: 'Rückoutsourcings', a form of 'Rückoutsourcing' is not to "
        "be used (glossary/backsourcing.yml): write 'Backsourcing'",
        "glossary/outsourcing.yml:3:53: warning: 'RÜCKOUTSOURCING' is not to be used "
        "(glossary/backsourcing.yml): write 'Backsourcing'",
        "glossary/outsourcing.yml:3:78: warning: 'Re-Insourcing' is not to be used "
        "(glossary/backsourcing.yml): write 'Backsourcing'",
        "glossary/outsourcing.yml:5:73: warning: 'Rückoutsourcing' is not to be used "
        "(glossary/backsourcing.yml): write 'Backsourcing'",
        "glossary/outsourcing.yml:12:25: warning: 'Rückoutsourcing' is not to be used "
        "(glossary/backsourcing.yml): write 'Backsourcing'",
        "glossary/outsourcing.yml:14:13: warning: 'Rückoutsourcing' is not to be used "
        "(glossary/backsourcing.yml): write 'Backsourcing'",
        "glossary/outsourcing.yml:17:38: warning: 'tilbageudliciteringen', a form of 'tilbageudlicitering' "
        "is not to be used (glossary/backsourcing.yml): write 'Backsourcing'",
    ]


def test_names_survive_the_cache() -> None:
    report = _report("backsourcing", BACKSOURCING)
    stored = cache_codec.decode(FileReport, cache_codec.encode(light(report)))
    assert stored is not None and stored.names == tuple(map(tuple, report.names))
    assert [name[2] for name in stored.names] == ["rückoutsourcing", "re-insourcing", "tilbageudlicitering"]
    assert _lines(stored, _entry("x", "Rückoutsourcing\n  summary: Titel.")) == [
        "glossary/backsourcing.yml:4:16: error: the deprecated de term 'Rückoutsourcing' is the title of "
        "glossary/x.yml ('Rückoutsourcing'): a term cannot be both in use and not to be used; remove it "
        "from 'deprecated', or from the names in use"]


def test_a_regex_special_term_is_a_literal() -> None:
    matcher = Matcher("de", [Deprecated("C++ (alt)", "C++", "x.yml"), Deprecated("a.b", "ab", "y.yml")])
    found = matcher.uses("C++ (alt) und axb und a.b und aC++ (alt)")
    assert [use.written for use in found] == ["C++ (alt)", "a.b"]


def test_one_pass_over_many_texts_with_many_terms_stays_fast() -> None:
    """500 terms × 8 forms against 2 MB of text (a tenth of 10,000 entries' texts)."""
    rng = random.Random(15)
    letters = "abcdefghiklmnoprstuäöü"
    words = ["".join(rng.choice(letters) for _ in range(rng.randint(3, 12))) for _ in range(5000)]
    matcher = Matcher("de", [Deprecated(f"{word}ung", "X", "x.yml") for word in words[:500]])
    texts = [" ".join(rng.choice(words) for _ in range(300)) for _ in range(1000)]
    start = time.process_time()  # CPU time: the bound holds on a busy machine too
    assert sum(1 for text in texts for _ in matcher.uses(text)) == 0
    assert time.process_time() - start < 1.5

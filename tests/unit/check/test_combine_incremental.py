"""Issue 17, point 2: serve's glossary-wide check redoes only what an edit touches
(:class:`lexikon.check.live_combine.LiveCombine`), and its result is the full ``combine``'s.

A property test runs random edit sequences (body, title, qualifier and name edits, deprecated
terms added and removed, new, deleted and renamed files, twins, broken files and their repair)
over small glossaries built to collide (shared and look-alike titles, deprecated terms in use
and used, ``broader`` circles, links to ids that come and go) and compares the result after
every step with a full ``combine`` of the same reports: findings, their order, entries.
Further tests count the work: an unchanged entry is not looked at again.
"""

from __future__ import annotations

import difflib
import textwrap
from pathlib import Path
from random import Random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lexikon.check import hierarchy, live_wide, term_use, titles
from lexikon.check.glossary_files import TAG_STEM
from lexikon.check.glossary_wide import combine
from lexikon.check.live_combine import LiveCombine
from lexikon.check.load import parse
from lexikon.check.pipeline import report_file
from lexikon.check.yaml_nodes import did_you_mean
from lexikon.core.model import FileReport, Result
from lexikon.core.settings import make_settings
from tests.support.constants import LANGUAGES

SETTINGS = make_settings(Path("/nonexistent"), LANGUAGES, None)
TAGS, _ = parse("business: {de: Wirtschaft, da: Erhverv}\n", "glossary/_tags.yml", TAG_STEM)

IDS = ["bank", "konto", "kasse", "depot", "Bank", "index", "geld-haus"]
"""Entry ids: ``Bank`` folds to ``bank`` (twins), ``index`` is kept for a generated page."""
SUFFIXES = [".yml", ".yml", ".yaml"]
TITLES = ["Bank", "Konto", "Kasse", "Kоnto", "Depot", "Geldhaus"]
"""``Kоnto`` is written with a Cyrillic о: a look-alike of ``Konto``."""
NAMES = ["Bank", "Geldhaus", "Sparkasse", "Konto", "Kontor", "Depot"]
WORDS = ["Das", "Geldhaus", "Geldhäuser", "Sparkasse", "Konto", "führt", "ein", "Kontor", "`Kontor`", "und"]

title = st.sampled_from(TITLES)
names = st.lists(st.sampled_from(NAMES), max_size=2, unique=True)
ids = st.lists(st.sampled_from(IDS), max_size=2, unique=True)
link = st.sampled_from(IDS).map(lambda entry_id: f"[[{entry_id}]]")
text = st.lists(st.sampled_from(WORDS) | link, min_size=1, max_size=8)


@st.composite
def entries(draw: st.DrawFn) -> str:
    """An entry file's text: mostly good, sometimes broken."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.sampled_from(["de: [unclosed\n", "de:\n  summary: Kein Titel.\n", "", "- a\n"]))
    lines = []
    for key, value in (("tags", draw(st.lists(st.sampled_from(["business", "nirgendwo"]), max_size=1))),
                       ("related", draw(ids)), ("broader", draw(ids))):
        if value:
            lines.append(f"{key}: [{', '.join(value)}]")
    for lang in ("de", "da"):
        lines += [f"{lang}:", f"  title: {draw(title)}"]
        if draw(st.booleans()):
            lines.append(f"  qualifier: {draw(st.sampled_from(['Finanzwesen', 'Möbel']))}")
        for key in ("aliases", "deprecated"):
            value = draw(names)
            if value:
                lines.append(f"  {key}: [{', '.join(value)}]")
        lines += ["  summary: >-", f"    {' '.join(draw(text))}."]
        if draw(st.booleans()):
            lines += ["  body: |", f"    {' '.join(draw(text))}."]
    return "\n".join(lines) + "\n"


file_name = st.builds(str.__add__, st.sampled_from(IDS), st.sampled_from(SUFFIXES))
edit = st.one_of(
    st.tuples(st.just("write"), file_name, entries()),  # a new file, or any edit of one
    st.tuples(st.just("delete"), file_name, st.just("")),
    st.tuples(st.just("rename"), file_name, file_name),
    st.tuples(st.just("touch"), file_name, st.just("")),  # the same text read again: a new report
)


class Glossary:
    """Files and their reports, a report made again only for a file written (as serve does)."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self.reports: dict[str, FileReport] = {}

    def apply(self, kind: str, name: str, other: str) -> None:
        if kind == "write":
            self.texts[name] = other
        elif kind == "delete":
            self.texts.pop(name, None)
        elif kind == "rename" and name in self.texts:
            self.texts[other] = self.texts.pop(name)
        elif kind == "touch" and name in self.texts:
            self.reports.pop(name)
        for gone in self.reports.keys() - self.texts.keys():
            del self.reports[gone]
        if kind in ("write", "rename") and (other if kind == "rename" else name) in self.texts:
            self.reports.pop(other if kind == "rename" else name, None)
        for name, text in self.texts.items():
            if name not in self.reports:
                entry_id = name.rsplit(".", 1)[0]
                self.reports[name] = report_file(text.encode(), f"glossary/{name}", entry_id, SETTINGS)

    def listing(self) -> list[FileReport]:
        return [self.reports[name] for name in sorted(self.reports)]


def _same(live: Result, full: Result) -> None:
    assert live.findings == full.findings
    assert list(live.glossary.entries.items()) == list(full.glossary.entries.items())
    assert live == full


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(file_name, entries()), max_size=6), st.lists(edit, min_size=1, max_size=12))
def test_after_every_edit_the_live_combine_is_the_full_combine(start, edits) -> None:
    glossary, live = Glossary(), LiveCombine(TAGS, SETTINGS)
    for name, text in start:
        glossary.apply("write", name, text)
    _same(live.combine(glossary.listing()), combine(glossary.listing(), TAGS, SETTINGS))
    for step in edits:
        glossary.apply(*step)
        _same(live.combine(glossary.listing()), combine(glossary.listing(), TAGS, SETTINGS))


def _report(entry_id: str, text: str) -> FileReport:
    return report_file(textwrap.dedent(text).encode(), f"glossary/{entry_id}.yml", entry_id, SETTINGS)


def _glossary(size: int) -> list[FileReport]:
    """Entries with deprecated terms used in others' texts, ``broader`` items and links."""
    return [_report(f"e{n:03d}", f"""\
        broader: [e{(n + 1) % size:03d}]
        de:
          title: Begriff {n}
          deprecated: [Altwort{n}]
          summary: Text mit Altwort{(n + 1) % size} und [[e{(n + 2) % size:03d}]].
        da:
          title: Begreb {n}
          summary: En tekst.
        """) for n in range(size)]


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Calls of the glossary-wide checks' work per entry, per group and for the whole glossary."""
    calls = {"entry_uses": 0, "check_references": 0, "shared_titles": 0, "matchers_of": 0, "check_cycles": 0}
    for module, name in ((term_use, "entry_uses"), (live_wide, "check_references"), (titles, "shared_titles"),
                         (term_use, "matchers_of"), (hierarchy, "check_cycles")):
        real = getattr(module, name)

        def counting(*args, _real=real, _name=name, **kwargs):
            calls[_name] += 1
            return _real(*args, **kwargs)
        monkeypatch.setattr(module, name, counting)
    return calls


def _work(counted: dict[str, int], live: LiveCombine, reports: list[FileReport]) -> dict[str, int]:
    """The calls ``live`` makes to combine ``reports``; its result checked against ``combine``'s."""
    for key in counted:
        counted[key] = 0
    result = live.combine(reports)
    calls = dict(counted)
    assert result == combine(reports, None, SETTINGS)
    return calls


def test_a_body_edit_looks_again_only_at_the_edited_entry(counted: dict[str, int]) -> None:
    reports = _glossary(40)
    live = LiveCombine(None, SETTINGS)
    live.combine(reports)
    edited = reports[7].path
    reports[7] = report_file(textwrap.dedent("""\
        broader: [e008]
        de:
          title: Begriff 7
          deprecated: [Altwort7]
          summary: Ein neuer Text mit Altwort8, Altwort9 und [[e009]].
        da:
          title: Begreb 7
          summary: En tekst.
        """).encode(), edited, "e007", SETTINGS)
    assert _work(counted, live, reports) == {"entry_uses": 1, "check_references": 1, "shared_titles": 2,
                                             "matchers_of": 0, "check_cycles": 0}
    result = live.combine(reports)
    assert sum(f.path == edited and "Altwort" in f.message for f in result.findings) == 2


def test_an_edit_of_an_entry_without_deprecated_terms_or_broader_items_builds_no_matcher_and_walks_no_circle(
        counted: dict[str, int]) -> None:
    reports = [*_glossary(10), _report("plain", "de:\n  title: Schlicht\n  summary: Ein Text.\n"
                                                "da:\n  title: Enkel\n  summary: En tekst.\n")]
    live = LiveCombine(None, SETTINGS)
    live.combine(reports)
    reports[-1] = _report("plain", "de:\n  title: Schlicht\n  summary: Ein anderer Text mit Altwort3.\n"
                                   "da:\n  title: Enkel\n  summary: En tekst.\n")
    calls = _work(counted, live, reports)
    assert calls["matchers_of"] == 0 and calls["check_cycles"] == 0 and calls["entry_uses"] == 1


def test_a_new_deprecated_term_is_looked_for_in_every_entry(counted: dict[str, int]) -> None:
    reports = _glossary(12)
    live = LiveCombine(None, SETTINGS)
    live.combine(reports)
    reports[3] = _report("e003", """\
        broader: [e004]
        de:
          title: Begriff 3
          deprecated: [Altwort3, Text]
          summary: Text mit Altwort4 und [[e005]].
        da:
          title: Begreb 3
          summary: En tekst.
        """)
    calls = _work(counted, live, reports)
    assert calls["matchers_of"] == 1 and calls["entry_uses"] == 12
    assert sum("'Text' is not to be used" in f.message for f in live.combine(reports).findings) == 12


@settings(max_examples=200, deadline=None)
@given(st.text("abkno-", max_size=14), st.lists(st.text("abkno-", max_size=14), min_size=101, max_size=300))
def test_the_advice_for_a_name_that_names_nothing_is_difflibs(word: str, choices: list[str]) -> None:
    """A rename leaves links naming nothing, each told the closest id of 10,000: ``did_you_mean``
    narrows the ids at C speed first (serve's edit paid 0.2 s per link), with difflib's answer."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    assert did_you_mean(word, choices) == (f" (did you mean '{close[0]}'?)" if close else "")


@settings(max_examples=300, deadline=None)
@given(st.text("abcno-", min_size=3, max_size=12),
       st.lists(st.text("abcno-", min_size=3, max_size=12), min_size=101, max_size=400))
def test_the_closest_name_of_many_similar_ones_is_difflibs(word: str, choices: list[str]) -> None:
    """Ids alike (a small alphabet, many ties of ratio): difflib keeps the larger of equal ratios."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    assert did_you_mean(word, choices) == (f" (did you mean '{close[0]}'?)" if close else "")


def test_the_closest_name_asks_difflib_about_few_ids(monkeypatch) -> None:
    """A glossary being filled has a link naming nothing in many files: each was told the closest
    of 3,000 compound ids by difflib over the hundreds that share half their letters (40 ms a
    link); now only the ids whose bound can beat the best ratio found are asked."""
    random = Random(7)
    parts = ["daten", "schutz", "wissen", "audit", "modul", "prozess", "kunden", "steuer", "recht", "plan"]
    ids = sorted({"-".join(random.sample(parts, 3)) + f"-{random.randrange(99)}" for _ in range(3000)})
    asked = []
    ratio = difflib.SequenceMatcher.ratio
    monkeypatch.setattr(difflib.SequenceMatcher, "ratio", lambda self: asked.append(1) or ratio(self))
    for word in ("daten-schutz-plan", "kunden-wissen-audit-3", "steuerrecht"):
        answer = did_you_mean(word, ids)
        monkeypatch.setattr(difflib.SequenceMatcher, "ratio", ratio)
        assert answer == (f" (did you mean '{close[0]}'?)"
                          if (close := difflib.get_close_matches(word, ids, n=1, cutoff=0.6)) else "")
        monkeypatch.setattr(difflib.SequenceMatcher, "ratio", lambda self: asked.append(1) or ratio(self))
    assert len(asked) < 60, f"difflib asked {len(asked)} times for 3 links"


def test_reports_in_another_order_or_a_path_twice_give_the_full_combine_too() -> None:
    """Not a folder's listing (an importer's own list): the order of the files kept changed, or
    one path is given twice; the result is still the full ``combine``'s."""
    reports = [*_glossary(6), _report("e100", "de:\n  title: Begriff 1\n  summary: Doppelt.\n"
                                               "da:\n  title: Begreb 1\n  summary: En.\n")]
    live = LiveCombine(None, SETTINGS)
    for given_reports in (reports, reports[::-1], [*reports, reports[2]], reports[::-1], reports):
        assert live.combine(given_reports) == combine(given_reports, None, SETTINGS)

"""The check's shortcuts of session 6 (issue 17, point 4) against what they replace.

Each shortcut skips work that cannot find anything; proven here on generated input against
the longer way (kept below as the oracle):

- a one-line paragraph that starts with a letter is prose (:func:`blocks.is_prose` without
  its regex walk);
- a text without ``[``, ``]``, ``<`` or ``{`` has no markup problem and no swallowed link
  definition (the field reader no longer asks for them there), and one with markup is still
  reported where it stands;
- the near-duplicate index, built in one pass that asks each word's holders before the
  paragraph joins them, names the candidates the prefix search named, in any order asked;
- the main process finds the uses of deprecated terms in its own half while the worker looks
  in the other half: both halves' uses come back from the reading, as the entries say.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lexikon.check import blocks, near_duplicates, pipeline, term_use
from lexikon.check.entry import check_file
from lexikon.check.load import parse
from lexikon.core import links
from lexikon.core.markdown_code import FENCE
from lexikon.core.settings import settings_from_file
from tests.support.constants import ROOT
from tests.support.forking import fork_possible
from tests.unit.check.test_check_speed_shapes import paragraphs
from tests.unit.check.test_term_use_one_pass import FILES, _project

# --- is_prose -------------------------------------------------------------------------------------
_SETEXT_OR_RULE = re.compile(r"^ {0,3}(?:=+|-+|(?:[-*_][ \t]*){3,})[ \t]*$", re.M)


def old_is_prose(text: str) -> bool:
    """:func:`blocks.is_prose` as it was, every text through the whole walk."""
    text = text.lstrip("\n")
    end = text.find("\n")
    first = text if end < 0 else text[:end]
    if first.lstrip().startswith("#") or FENCE.match(first):
        return False
    if ("=" in text or "-" in text or "*" in text or "_" in text) and _SETEXT_OR_RULE.search(text):
        return False
    if first.startswith(("    ", "\t")):
        return False
    return not first.lstrip().startswith("|")


block_text = st.text(st.sampled_from([*"aZäß1 #-=*_|`~>\t\n.", "\u0301", "é", "ø"]), max_size=30)


@settings(max_examples=2000, deadline=None)
@given(block_text)
@example("a")
@example("Ä---")
@example("a\n---")
@example("ab|cd")
@example("a ```")
def test_a_letter_first_line_is_prose_as_the_walk_says(text: str) -> None:
    assert blocks.is_prose(text) == old_is_prose(text)


# --- the markup gate ------------------------------------------------------------------------------
no_markup_characters = st.text(st.characters(blacklist_characters="[]<{", blacklist_categories=("Cs",)),
                               max_size=200)


@settings(max_examples=1000, deadline=None)
@given(no_markup_characters, st.booleans())
@example("a: b\nx: y", False)
@example("(javascript:alert(1))", True)
def test_without_brackets_angles_or_braces_there_is_nothing_to_find(text: str, plain: bool) -> None:
    assert not re.search(r"[\[\]<{]", text)
    assert list(links.markup_problems(text, plain=plain)) == []
    assert list(links.swallowed_definitions(text)) == []


ENTRY = """\
de:
  title: {title}
  summary: Eine Zusammenfassung {summary}.
  aliases: [Ohne Klammern, {alias}]
  body: |
    Ein Absatz ohne alles.

    {paragraph}
da:
  title: Titel
  summary: Et resumé.
"""


@pytest.mark.parametrize(("field", "value", "line"), [
    ("title", "Titel <b>fett</b>", 2),
    ("summary", "*fett*{.klasse}", 3),
    ("alias", "'<script>x</script>'", 4),
    ("paragraph", "[Text](javascript:alert(1))", 8),
    ("paragraph", "[x]: https://example.org", 8),
])
def test_markup_is_still_reported_where_it_stands(field: str, value: str, line: int) -> None:
    values = {"title": "Titel", "summary": "schlicht", "alias": "Alias", "paragraph": "Noch einer.",
              field: value}
    source = ENTRY.format(**values)
    loaded, problems = parse(source, "glossary/t.yml", "t")
    assert problems == []
    report = check_file(loaded, settings_from_file(ROOT / "mkdocs.yml"))
    errors = [f for f in report.findings if f.severity.value == "error"]
    assert errors and {f.line for f in errors} == {line}, errors


def test_plain_texts_are_not_asked_for_markup(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    real = links.markup_problems
    monkeypatch.setattr(links, "markup_problems", lambda text, **kw: asked.append(text) or real(text, **kw))
    source = ENTRY.format(title="Titel", summary="schlicht", alias="Alias", paragraph="Mit [[t]].")
    loaded, _ = parse(source, "glossary/t.yml", "t")
    check_file(loaded, settings_from_file(ROOT / "mkdocs.yml"))
    assert asked == ["Ein Absatz ohne alles.\n\nMit [[t]].\n"]


# --- the near-duplicate index ---------------------------------------------------------------------
def oracle_keys(prose, long):  # type: ignore[no-untyped-def]
    """Each long paragraph's keys: its (up to) eight rarest words among those shared, by rank."""
    words = [set(prose[index][0].casefold().split()) for index in long]
    frequency = Counter(itertools.chain.from_iterable(words))
    shared_words = sorted((word for word, count in frequency.items() if count > 1),
                          key=lambda word: (frequency[word], word))
    rank = {word: number for number, word in enumerate(shared_words)}
    return shared_words, [sorted(map(rank.__getitem__, paragraph & rank.keys()))[:8] for paragraph in words]


def prefix_indexed_earlier(prose, long):  # type: ignore[no-untyped-def]
    """The index as it was before this session: holders listed first, each paragraph's earlier
    ones found by a prefix search per key."""
    shared_words, keys = oracle_keys(prose, long)
    holders: list[list[int]] = [[] for _ in shared_words]
    for position, paragraph_keys in enumerate(keys):
        for word in paragraph_keys:
            if len(holders[word]) < 64:
                holders[word].append(position)

    def earlier(long_, position):  # type: ignore[no-untyped-def]
        lists = [holders[word] for word in keys[position]]
        shared = Counter(itertools.chain.from_iterable(
            positions if positions[-1] < position else positions[:bisect.bisect_left(positions, position)]
            for positions in lists))
        enough, most = len(keys[position]) * 0.25, len(keys[position]) * 0.5
        ranked = sorted((-count, other) for other, count in shared.items() if count >= enough)[:16]
        best = [other for _, other in ranked[:4]] + [other for count, other in ranked[4:] if -count >= most]
        return [long_[other] for other in sorted(best)]

    return earlier


@settings(max_examples=200, deadline=None)
@given(paragraphs(), st.booleans())
def test_the_one_pass_index_names_the_candidates_of_the_prefix_search(prose, backwards: bool) -> None:  # type: ignore[no-untyped-def]
    long = [index for index, (text, _) in enumerate(prose) if len(text) >= near_duplicates.MIN_LENGTH]
    if len(long) < 2:
        return
    new, old = near_duplicates._indexed_earlier(prose, long), prefix_indexed_earlier(prose, long)
    order = range(len(long) - 1, -1, -1) if backwards else range(len(long))
    assert [new(long, position) for position in order] == [old(long, position) for position in order]


# --- the uses of deprecated terms, both halves at once --------------------------------------------
@pytest.mark.skipif(not fork_possible(), reason="the second process is forked")
def test_both_halves_uses_come_back_from_the_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A thread another test left behind in this worker would keep the check from forking
    # (it forks only when alone, as serve's threads require): the forked path is what is tested.
    monkeypatch.setattr(pipeline, "_can_fork", lambda: True)
    project = _project(tmp_path)
    settings_ = settings_from_file(project / "mkdocs.yml")
    files = pipeline.file_reports(settings_, cache=False, with_entries=False)
    reports = {report.path: report for report in files.reports}
    with_uses = sorted(path for path, (_, found) in files.uses.items() if found)
    assert with_uses == [f"glossary/begriff-{n:04d}.yml" for n in range(0, FILES, 7)], "both halves"
    by_lang = term_use.matchers(files.reports)
    digest = term_use.terms_digest(by_lang)
    for path, (their_digest, found) in files.uses.items():
        entry = reports[path].entry or pipeline._entry_again(reports[path], settings_)
        assert their_digest == digest
        assert found == term_use.entry_uses(entry, by_lang)

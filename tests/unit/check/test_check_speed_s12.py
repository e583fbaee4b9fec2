"""The copies of session 12 (issue 17, points 4 and 6) against what they replace.

:func:`lexikon.check.records.replaced` copies a record with a change as ``dataclasses.replace``
does (the same record: equal, same fields, pickled alike), without its Python walk over the
fields; and the cache writes a report as ``encode(light(report))`` without making the light
report first (:func:`lexikon.check.cache_codec.encode_light`). A check makes no
``dataclasses.replace`` call any more (counted: main made three per body that lost a paragraph
and one per report written to the cache).
"""

from __future__ import annotations

import dataclasses
import json
import pickle
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from lexikon.check import cache, cache_codec, load, pipeline, records
from lexikon.check.cache import light
from lexikon.check.pipeline import report_file
from lexikon.core.model import Entry, FileReport, Finding, Severity, Text
from lexikon.core.settings import settings_from_file
from tests.support.constants import ROOT
from tests.support.project import Project


def _project_reports() -> list[FileReport]:
    project = settings_from_file(ROOT / "mkdocs.yml")
    paths = sorted((ROOT / "glossary").glob("*.yml"))
    return [report_file(path.read_bytes(), f"glossary/{path.name}", path.stem, project, place_links=False)
            for path in paths]


def _same(copy: object, expected: object) -> None:
    assert type(copy) is type(expected)
    assert copy == expected
    assert vars(copy) == vars(expected) and list(vars(copy)) == list(vars(expected))
    assert pickle.loads(pickle.dumps(copy)) == expected


texts = st.text(max_size=12)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["body", "title", "summary", "aliases", "spans"]), texts, st.integers(0, 40))
def test_a_copied_text_is_the_copy_dataclasses_makes(name: str, value: str, which: int) -> None:
    all_texts = [text for report in _PROJECT if report.entry for text in report.entry.texts.values()]
    text = all_texts[which % len(all_texts)]
    before = dict(vars(text))
    new = {"aliases": (value,), "spans": {}}.get(name, value)
    _same(records.replaced(text, **{name: new}), dataclasses.replace(text, **{name: new}))
    assert vars(text) == before  # the original is untouched


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 40), st.booleans(), st.lists(texts, max_size=3))
def test_a_copied_entry_and_report_are_the_copies_dataclasses_makes(which: int, drop: bool,
                                                                    messages: list[str]) -> None:
    report = _PROJECT[which % len(_PROJECT)]
    found = tuple(Finding(report.path, 1, 1, Severity.NOTE, message) for message in messages)
    changes = {"entry": None if drop else report.entry, "findings": report.findings + found}
    _same(records.replaced(report, **changes), dataclasses.replace(report, **changes))
    if report.entry is not None:
        texts_ = dict(report.entry.texts)
        _same(records.replaced(report.entry, texts=texts_), dataclasses.replace(report.entry, texts=texts_))
    _same(light(report), dataclasses.replace(
        report, entry=None, references=tuple(map(tuple, report.references)),
        titles=tuple(map(tuple, report.titles)), names=tuple(map(tuple, report.names))))


def test_what_is_not_a_plain_record_is_copied_by_dataclasses() -> None:
    text = next(text for report in _PROJECT if report.entry for text in report.entry.texts.values())
    with pytest.raises(TypeError):  # a name that is no field: the same error as dataclasses'
        records.replaced(text, colour="red")
    marked = dataclasses.replace(text)
    object.__setattr__(marked, "cached", 1)  # something besides the fields: not carried over
    assert not hasattr(records.replaced(marked, body="x"), "cached")

    @dataclasses.dataclass(frozen=True)
    class Checked:
        value: int
        double: int = dataclasses.field(init=False)

        def __post_init__(self) -> None:
            object.__setattr__(self, "double", 2 * self.value)

    assert records.replaced(Checked(1), value=4).double == 8


def test_a_report_is_written_to_the_cache_as_its_light_copy_was() -> None:
    reports = [*_PROJECT, dataclasses.replace(_PROJECT[0], links=("a", "b-c", "ä"))]
    assert any(report.references for report in reports) and any(report.findings for report in reports)
    for report in reports:
        encoded = cache_codec.encode_light(report)
        assert encoded == cache_codec.encode(light(report))
        assert json.dumps(encoded, ensure_ascii=False) == json.dumps(cache_codec.encode(light(report)),
                                                                     ensure_ascii=False)
        assert cache_codec.decode(FileReport, encoded) == light(report)


def test_a_cold_check_makes_no_dataclasses_replace(make_project: Callable[..., Project], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A body that loses a repeated paragraph (its text, entry and report copied) and every
    report written to the cache: main asked ``dataclasses.replace`` for each of these."""
    paragraph = "Ein Absatz, der zweimal im Text steht und beim zweiten Mal entfernt wird."
    project = make_project({
        "wiederholt.yml": "de:\n  title: Wiederholt\n  summary: Ein Wort, das sich wiederholt.\n"
                          f"  body: |\n    {paragraph}\n\n    {paragraph}\n",
        "einmal.yml": "de:\n  title: Einmal\n  summary: Ein Wort, das einmal steht.\n",
    })
    calls: list[str] = []
    real = dataclasses.replace

    def counted(instance: object, /, **changes: object) -> object:
        calls.append(type(instance).__name__)
        return real(instance, **changes)

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "key"))
    settings_ = settings_from_file(project.root / "mkdocs.yml")
    monkeypatch.setattr(dataclasses, "replace", counted)
    result = pipeline.check_only(settings_)
    monkeypatch.undo()
    removed = [finding for finding in result.findings
               if finding.path.endswith("wiederholt.yml") and "removed a duplicate" in finding.message]
    assert len(removed) == 1
    assert [name for name in calls if name in ("Text", "Entry", "FileReport")] == []
    assert list((project.root / cache.FOLDER).glob("reports-*.json"))  # the cache was written
    assert pipeline.check_only(settings_).findings == result.findings  # and reads back the same


_PROJECT = _project_reports()
assert any(isinstance(report.entry, Entry) for report in _PROJECT)
assert Text is not None


def test_the_loader_composes_without_constructing() -> None:
    """libyaml's composer alone: no constructor or resolver state is made per file (their
    ``__init__`` chain was about 5 % of composing a real entry); the nodes are PyYAML's (see
    test_check_speed_s11 for every node's tag, value, style and marks)."""
    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML without libyaml: its own loader is used")
    loader = load._Loader("de:\n  title: Wort\n")
    assert not isinstance(loader, yaml.constructor.BaseConstructor | yaml.resolver.BaseResolver)
    assert loader.get_single_node().value[0][0].value == "de"


def test_a_resolver_registered_for_the_c_loader_after_import_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    source = "a: X12\nb: Y12\n"
    before = [value.tag for _, value in load._Loader(source).get_single_node().value]
    table = {first: list(resolvers) for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()}
    monkeypatch.setattr(yaml.CSafeLoader, "yaml_implicit_resolvers", table, raising=False)
    yaml.add_implicit_resolver("tag:example.org,2026:x", re.compile(r"X\d+$"), list("X"),
                               Loader=yaml.CSafeLoader)
    after = [value.tag for _, value in load._Loader(source).get_single_node().value]
    expected = [value.tag for _, value in yaml.CSafeLoader(source).get_single_node().value]
    assert before == ["tag:yaml.org,2002:str"] * 2
    assert after == expected == ["tag:example.org,2026:x", "tag:yaml.org,2002:str"]

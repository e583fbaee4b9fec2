"""The entries' digests every store's keys are made of (``engine/mkdocs/glossary_keys.py``),
kept by what the loader says each entry is made of (issue 17: a build with no change encoded
every entry again, ~0.1 CPU-s at 1,000 terms): the digests are exactly those made by encoding,
a build after one takes them without encoding an entry, and a changed file, a stored record
not of its shape or an entry the loader did not name is encoded as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from lexikon.check import cache_codec
from lexikon.check.pipeline import run
from lexikon.core.model import Entry, Glossary, Text
from lexikon.core.settings import settings_from_file
from lexikon.engine.mkdocs.glossary_keys import GlossaryKeys
from lexikon.engine.mkdocs.pages import without_spans
from tests.bench.synthetic import write_glossary
from tests.support.memory_store import MemoryStore
from tests.support.project import copy_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_glossary(tmp_path / "glossary", 12, 3)
    return copy_project(tmp_path / "project", tmp_path / "glossary").root


def _loaded(project: Path) -> tuple[Glossary, dict[str, bytes]]:
    """The glossary as a build renders it, and what the loader says each entry is made of."""
    made_of: dict[str, bytes] = {}
    result = run(settings_from_file(project / "mkdocs.yml"), keys=made_of)
    return without_spans(result.glossary, False), made_of


def _digests(keys: GlossaryKeys, glossary: Glossary) -> list[bytes]:
    found = [keys.glossary(glossary, whole=True), keys.glossary(glossary, whole=False)]
    found += [keys.texts(glossary, lang) for lang in ("de", "da")]
    entries = glossary.entries.values()
    return found + [digest for entry in entries for digest in (keys.own(entry), keys.seen(entry))]


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Entries and texts encoded from now on."""
    encoded: list[object] = []
    original = cache_codec.encode

    def encode(value: object) -> object:
        if isinstance(value, (Entry, Text)):
            encoded.append(value)
        return original(value)
    monkeypatch.setattr(cache_codec, "encode", encode)
    return encoded


def test_kept_digests_are_the_encoded_ones_and_taken_without_encoding(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    glossary, made_of = _loaded(project)
    assert set(made_of) == set(glossary.entries)
    store = MemoryStore()
    first = GlossaryKeys()
    first.learn(glossary, made_of, store)
    made = _digests(first, glossary)
    first.finish()
    assert made == _digests(GlossaryKeys(), glossary)
    assert len(store.items) == len(glossary.entries)

    again, made_of_again = _loaded(project)  # the next build: other objects, the same files
    assert made_of_again == made_of
    encoded = _counting(monkeypatch)
    second = GlossaryKeys()
    second.learn(again, made_of_again, store)
    assert _digests(second, again) == made
    assert encoded == []  # main: every entry twice, every text


def test_a_changed_file_a_foreign_record_or_an_unnamed_entry_is_encoded(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    glossary, made_of = _loaded(project)
    store = MemoryStore()
    first = GlossaryKeys()
    first.learn(glossary, made_of, store)
    _digests(first, glossary)
    first.finish()

    changed = sorted(path for path in (project / "glossary").rglob("*.yml") if path.stem[0] != "_")[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "# a comment: other bytes\n", encoding="utf-8")
    again, made_of_again = _loaded(project)
    assert [key for key in made_of if made_of[key] != made_of_again[key]] == [changed.stem]
    ids = sorted(again.entries)
    foreign, unnamed = ids[-2], ids[-1]
    stored = {entry.id: key for entry, key in first._made_of.values()}
    store.items[stored[foreign]] = {"own": "00", "seen": None, "texts": {}}  # not of its shape
    expected = _digests(GlossaryKeys(), again)
    encoded = _counting(monkeypatch)
    keys = GlossaryKeys()
    keys.learn(again, {key: value for key, value in made_of_again.items() if key != unnamed}, store)
    assert _digests(keys, again) == expected
    assert {value.id for value in encoded if isinstance(value, Entry)} == {changed.stem, foreign, unnamed}

"""Exports kept format by format (issue 17, ``engine/mkdocs/exports_kept.py``): every format
but the two that carry bodies is keyed by the glossary with bodies and highlights reduced to
their links. This holds each format to that claim on this repository's glossary and on a
synthetic one with links in bodies and highlights: a format outside ``READ_BODIES`` whose
bytes change when only the prose of bodies and highlights changes would be kept stale."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from lexikon.check.pipeline import run
from lexikon.core.formats import EXPORT_FORMATS
from lexikon.core.model import Glossary
from lexikon.core.settings import settings_from_file
from lexikon.engine.mkdocs.exports_kept import READ_BODIES
from lexikon.engine.mkdocs.render_memo import as_seen_by_others
from lexikon.interchange.export import export_files, page_url_of
from tests.bench.synthetic import write_glossary
from tests.support.constants import ROOT
from tests.support.project import copy_project


def _glossary(project: Path) -> tuple[Glossary, object]:
    settings = settings_from_file(project / "mkdocs.yml")
    return run(settings).glossary, settings


def _reworded(glossary: Glossary) -> Glossary:
    """Other prose around the same links (what a body edit that keeps its links does)."""
    def text(value: str) -> str:
        return value + "\n\nEin weiterer Satz ohne Verweis." if value.strip() else value

    entries = {}
    for key, entry in glossary.entries.items():
        texts = {lang: dataclasses.replace(t, body=text(t.body),
                                           highlights=tuple(h + " Mehr." for h in t.highlights))
                 for lang, t in entry.texts.items()}
        entries[key] = dataclasses.replace(entry, texts=texts)
    return dataclasses.replace(glossary, entries=entries)


@pytest.mark.parametrize("which", ["repository", "synthetic"])
def test_only_the_formats_keyed_by_bodies_show_their_prose(tmp_path: Path, which: str) -> None:
    if which == "repository":
        project = ROOT
    else:
        write_glossary(tmp_path / "glossary", 12, 3)
        project = copy_project(tmp_path / "project", tmp_path / "glossary").root
    glossary, settings = _glossary(project)
    url_of = page_url_of(settings, "https://lexikon.example/", True)  # type: ignore[arg-type]
    files = {fmt.name: [name for name, _ in fmt.files(glossary.languages)] for fmt in EXPORT_FORMATS}
    before = export_files(glossary, settings, url_of)  # type: ignore[arg-type]
    seen = dataclasses.replace(glossary, entries={key: as_seen_by_others(entry)
                                                  for key, entry in glossary.entries.items()})
    for other, expected in ((_reworded(glossary), READ_BODIES), (seen, None)):
        after = export_files(other, settings, url_of)  # type: ignore[arg-type]
        changed = {name for name, names in files.items() if any(before[n] != after[n] for n in names)}
        assert changed <= READ_BODIES
        assert expected is None or changed == expected  # the two do show the prose

"""The whole-glossary pages' memo (issue 17, ``engine/mkdocs/whole_memo.py``): each page is
held to what it is keyed by (only the printable lexicon of a language shows that language's
bodies and highlights), a render with nothing changed makes none of them again, and one after
a German body edit makes only the German printable lexicon, every page as a render without
the memo makes it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import lexikon.render.pages as render_pages
from lexikon.check.pipeline import run
from lexikon.core.layout import SiteLayout
from lexikon.core.model import Glossary
from lexikon.core.settings import Settings, settings_from_file
from lexikon.engine.mkdocs.glossary_keys import GlossaryKeys
from lexikon.engine.mkdocs.whole_memo import WholePageMemo, remembered_whole
from lexikon.render.pages import Page, render_site
from tests.bench.synthetic import write_glossary
from tests.support.constants import ROOT
from tests.support.memory_store import MemoryStore
from tests.support.project import copy_project


def _glossary(project: Path) -> tuple[Glossary, Settings]:
    settings = settings_from_file(project / "mkdocs.yml")
    return run(settings).glossary, settings


def _reworded(glossary: Glossary, lang: str) -> Glossary:
    """Other prose around the same links in ``lang``'s bodies and highlights."""
    entries = {}
    for key, entry in glossary.entries.items():
        texts = {code: dataclasses.replace(t, body=t.body + "\n\nEin weiterer Satz ohne Verweis.",
                                           highlights=tuple(h + " Mehr." for h in t.highlights))
                 if code == lang else t for code, t in entry.texts.items()}
        entries[key] = dataclasses.replace(entry, texts=texts)
    return dataclasses.replace(glossary, entries=entries)


def _whole_pages(glossary: Glossary, settings: Settings,
                 memo: WholePageMemo | None = None) -> dict[str, Page]:
    with remembered_whole(memo):
        pages = render_site(glossary, SiteLayout(settings, True, None, None))
    return {f"{page.lang} {page.path}": page for page in pages if page.entry_id is None}


@pytest.fixture(params=["repository", "synthetic"])
def project(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "repository":
        return ROOT
    write_glossary(tmp_path / "glossary", 12, 3)
    return copy_project(tmp_path / "project", tmp_path / "glossary").root


def test_only_the_printable_lexicon_of_a_language_shows_its_bodies(project: Path) -> None:
    glossary, settings = _glossary(project)
    before = _whole_pages(glossary, settings)
    for lang in glossary.languages:
        after = _whole_pages(_reworded(glossary, lang), settings)
        changed = {name for name, page in before.items() if after[name] != page}
        assert changed == {f"{lang} {SiteLayout(settings, True, None, None).print_page}"}


def test_the_memo_makes_a_page_again_exactly_where_its_inputs_changed(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    glossary, settings = _glossary(project)
    made: list[str] = []
    print_page = render_pages.print_page
    monkeypatch.setattr(render_pages, "print_page", lambda view: made.append(view.lang) or print_page(view))
    store = MemoryStore()

    def through_memo(version: Glossary) -> tuple[dict[str, Page], WholePageMemo]:
        memo = WholePageMemo(store, GlossaryKeys())  # type: ignore[arg-type]
        pages = _whole_pages(version, settings, memo)
        memo.finish()
        return pages, memo

    cold, memo = through_memo(glossary)
    assert memo.hits == 0 and cold == _whole_pages(glossary, settings)
    made.clear()
    again, memo = through_memo(glossary)  # nothing changed: nothing made, each page as before
    assert (memo.hits, made) == (memo.total, []) and again == cold
    reworded = _reworded(glossary, "de")
    edited, memo = through_memo(reworded)  # a German body: the German printable lexicon only
    assert (memo.hits, made) == (memo.total - 1, ["de"])
    made.clear()
    assert edited == _whole_pages(reworded, settings)

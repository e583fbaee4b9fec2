"""Work a cold build no longer does twice, session 12 (issue 17, point 6).

Counted, not timed, as in ``test_cold_work.py``: each test fails on the code before the change
and holds the output to what it was.
"""

from __future__ import annotations

import sys
import zlib

import pytest

from lexikon.core import queries
from lexikon.core.settings import make_settings
from lexikon.engine.mkdocs import render_memo
from lexikon.interchange.export import export_files
from lexikon.render.pages import Page, render_site
from tests.unit.render.test_render_scale import LANGUAGES, synthetic_site  # noqa: F401


def _counting_plain_text(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every call of ``queries.plain_text``, under whatever name a module holds it."""
    asked: list[tuple[str, str]] = []
    real = queries.plain_text

    def plain_text(markdown: str, glossary=None, lang: str = "") -> str:  # type: ignore[no-untyped-def]
        asked.append((markdown, lang))
        return real(markdown, glossary, lang)

    for name, module in list(sys.modules.items()):
        if name.startswith("lexikon.") and getattr(module, "plain_text", None) is real:
            monkeypatch.setattr(module, "plain_text", plain_text)
    return asked


def test_a_summary_is_made_plain_text_once_for_pages_and_exports(synthetic_site,  # noqa: F811
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    glossary, layout = synthetic_site
    asked = _counting_plain_text(monkeypatch)
    pages = list(render_site(glossary, layout))
    settings = make_settings(layout.settings.project_dir, LANGUAGES, None)
    url_of = lambda lang, entry_id: f"https://example.org/{lang}/{entry_id}/"  # noqa: E731
    exports = export_files(glossary, settings, url_of)  # every format a build writes
    texts = sum(len(entry.texts) for entry in glossary.entries.values())
    assert pages and len(exports) > 5 and texts > 100
    # Each summary (and context sentence) once per language it is named in; before: 5-9 times.
    assert len(asked) == len(set(asked)), len(asked) - len(set(asked))
    assert len(asked) <= 2 * texts + 40


def test_the_memo_hands_its_compressed_markdown_on_once() -> None:
    page = Page("terms/x.md", "de", "# Wort\n\n" + "Ein Absatz über Wörter. " * 200, "x")
    stored = render_memo.stored_page(page)
    compressions = []
    real = zlib.compress

    def compress(data: bytes, level: int = -1) -> bytes:
        compressions.append(len(data))
        return real(data, level)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render_memo.zlib, "compress", compress)
        first = render_memo.compressed(page.markdown)
        assert compressions == []  # the stream the store holds, not a second compression
        again = render_memo.compressed(page.markdown)  # taken once: made anew
        other = render_memo.compressed("# Anderes\n")
    assert first == real(page.markdown.encode(), 1) == again
    assert render_memo.unpack(stored["markdown"]) == page.markdown
    assert zlib.decompress(other) == b"# Anderes\n" and len(compressions) == 2


class _CountedNames(dict):
    """Names whose lookups one by one are counted."""

    asked = 0

    def get(self, key, default=None):  # type: ignore[no-untyped-def]
        _CountedNames.asked += 1
        return super().get(key, default)


def test_a_text_asks_the_names_only_for_the_words_that_begin_one() -> None:
    from lexikon.engine.mkdocs.render_memo import _LookedUp
    from lexikon.render import autolink

    named = {f"e{n}": [f"Fachwort {n}"] for n in range(50)} | {"agil": ["Agile Methode"]}
    entries = {entry_id: type("E", (), {"id": entry_id, "texts": {"de": type("T", (), {
        "title": names[0], "aliases": (), "forms": ()})()}})() for entry_id, names in named.items()}
    names = autolink.mention_names(type("G", (), {"entries": entries})(), "de")  # type: ignore[arg-type]
    assert names is not None
    text = " ".join(["Ein Satz ohne jeden Namen darin."] * 40 + ["Die agile Methode hilft."])
    counted = _CountedNames(names)
    found = autolink.mentions(text, counted, set())  # type: ignore[arg-type]
    assert found == autolink.mentions(text, names, set()) == [(text.index("agile Methode"),
                                                               text.index("agile Methode") + 13, "agil")]
    assert _CountedNames.asked <= 2  # before: once per word (241)
    looked = _LookedUp(counted)  # a build's memo still learns every word the text holds
    _CountedNames.asked = 0
    assert autolink.mentions(text, looked, set()) == found  # type: ignore[arg-type]
    assert looked.words == set(autolink._WORD.findall(text.lower())) and _CountedNames.asked <= 2

"""A term page taken from the store is not compressed again when the build packs it."""

from __future__ import annotations

import zlib

import pytest

from lexikon.engine.mkdocs import render_memo
from lexikon.render.pages import Page


def test_a_stored_page_is_packed_with_the_stream_it_was_stored_in(monkeypatch: pytest.MonkeyPatch) -> None:
    page = Page("terms/x.md", "de", "# X\n\nÆrlig talt: ein Absatz. " * 40, "x")
    stored = render_memo.stored_page(page)
    taken = render_memo.page_of(stored)
    assert taken == page

    def no_compression(*args: object) -> bytes:
        raise AssertionError("compressed again")

    monkeypatch.setattr(render_memo.zlib, "compress", no_compression)
    stream = render_memo.compressed(taken.markdown)
    assert zlib.decompress(stream).decode() == page.markdown
    with pytest.raises(AssertionError, match="compressed again"):  # taken once
        render_memo.compressed(taken.markdown)


def test_another_text_is_compressed_as_always() -> None:
    taken = render_memo.page_of(render_memo.stored_page(Page("terms/y.md", "da", "# Y\n\ntekst", "y")))
    other = taken.markdown + " "
    assert render_memo.compressed(other) == zlib.compress(other.encode(), 1)
    broken = {**render_memo.stored_page(Page("terms/z.md", "da", "z", "z")), "markdown": "not base64!"}
    assert render_memo.page_of(broken) is None

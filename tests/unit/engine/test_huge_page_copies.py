"""The replacements every page goes through after its template each make one new copy of it,
not two (issue 17: the printable lexicon is 30 million characters at 10,000 terms, and its
template stage is the build's peak): its head's alternates, the orphan contents label."""

from __future__ import annotations

import sys
import tracemalloc
from collections.abc import Callable

import pytest

from lexikon.engine.mkdocs import material
from lexikon.render import frame

HEAD = ('<html><head><meta charset="utf-8">\n'
        '  <link rel="alternate" href="/" hreflang="de">\n'
        '  <link rel="alternate" href="/da/" hreflang="da">\n'
        '  <link rel="icon" href="x.png"></head><body>')
NAV = '<nav><label class="md-nav__title" for="__toc">Inhalt</label></nav>'
BODY = "<p>Ein „Begriff“ – erklärt.</p>\n" * 300_000  # quotes and dash: two bytes a character


def _peak(change: Callable[[str], str], page: str) -> tuple[str, int]:
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        out = change(page)
        return out, tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(("change", "expected"), [
    (lambda page: frame.replace_hreflang(page, '<link rel="alternate" href="/x/" hreflang="da">\n'),
     HEAD.replace('  <link rel="alternate" href="/" hreflang="de">\n  <link rel="alternate" href="/da/" '
                  'hreflang="da">\n  <link rel="icon"',
                  '  <link rel="alternate" href="/x/" hreflang="da">\n<link rel="icon"') + NAV),
    (material.drop_orphan_toc_label, HEAD + '<nav><div class="md-nav__title">Inhalt</div></nav>'),
])
def test_a_huge_page_is_changed_with_one_new_copy(change: Callable[[str], str], expected: str) -> None:
    page = HEAD + NAV + BODY
    out, peak = _peak(change, page)
    assert out == expected + BODY
    assert peak < 1.2 * sys.getsizeof(page), (peak, sys.getsizeof(page))

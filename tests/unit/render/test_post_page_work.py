"""Our work on each written page (issue 17: a cold build's CPU): the head's alternates and the
search worker's address, the same text as before with less work."""

from __future__ import annotations

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from lexikon.publish import pagefind
from lexikon.render import frame

_BEFORE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
"""The pattern the alternates were taken out with (tried at every character of the head)."""

_PIECES = [" ", "\t", "\n", "x", '"', ">", '<link rel="alternate" href="a/" hreflang="de">',
           '<link rel="alternate" href="', '" hreflang="da">', '<link rel="icon" href="i.png">',
           '<link rel="alternate" href="" hreflang="">\n']


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_the_alternates_go_with_their_blanks_as_the_pattern_took_them(pieces: list[str]) -> None:
    head = "".join(pieces)
    assert frame._without_alternates(head) == _BEFORE.sub("", head)


def test_a_head_as_material_writes_it() -> None:
    head = ('<head>\n  <meta charset="utf-8">\n  \t<link rel="alternate" href="/" hreflang="de">\n'
            '      <link rel="alternate" href="/da/" hreflang="da">\n    <link rel="icon" href="x">')
    page = head + "</head><body>Text</body>"
    links = '<link rel="alternate" hreflang="de" href="./">\n'
    assert frame._without_alternates(head) == _BEFORE.sub("", head)
    assert frame.replace_hreflang(page, links) == (
        '<head>\n  <meta charset="utf-8">\n    ' + links
        + '<link rel="icon" href="x"></head><body>Text</body>')


def test_the_configuration_is_read_once_per_text_not_once_per_page(monkeypatch) -> None:
    reads = []
    loads = json.loads
    monkeypatch.setattr(pagefind.json, "loads", lambda text: reads.append(text) or loads(text))
    pagefind._with_worker.cache_clear()
    config = {"base": "..", "features": [], "search": "assets/search.js", "translations": {"x": "<&>"}}
    script = '<script id="__config" type="application/json">' + json.dumps(config) + "</script>"
    made = set()
    for number in range(200):
        page = f"<html><body><p>Seite {number}</p>{script}</body></html>"
        out = pagefind.use_search_worker(page, "../search-worker.js?root=")
        assert out.startswith(f"<html><body><p>Seite {number}</p>")
        made.add(out.split("</p>", 1)[1])
    assert len(reads) == 1
    (written,) = made
    assert '"search": "../search-worker.js?root="' in written and "\\u003c\\u0026\\u003e" in written

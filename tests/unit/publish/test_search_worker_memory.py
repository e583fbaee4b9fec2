"""Pointing a huge page at our worker holds one copy of it beside the page, not two (issue 17:
the printable lexicon of 10,000 terms is 30 million characters, at the build's peak)."""

from __future__ import annotations

import json
import sys
import tracemalloc

from lexikon.publish import pagefind


def test_pointing_a_huge_page_at_the_worker_makes_only_the_new_page() -> None:
    config = {"base": ".", "search": "assets/javascripts/workers/search.js"}
    body = "<p>Ein „Begriff“ – erklärt.</p>\n" * 300_000  # quotes and dash: two bytes a character
    page = body + f'<script id="__config" type="application/json">{json.dumps(config)}</script></body>'
    size = sys.getsizeof(page)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        out = pagefind.use_search_worker(page, "assets/javascripts/lexikon-search-worker.js?root=")
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    assert out.startswith(body) and '"search": "assets/javascripts/lexikon-search-worker.js?root="' in out
    assert peak < 1.2 * size, (peak, size)

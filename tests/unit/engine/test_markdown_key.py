"""The page store's key of a packed page is taken without unpacking its Markdown (issue 17: a
build with no change unpacked every page for its key, ~0.1 CPU-s at 1,000 terms), and it is
the key the Markdown itself gives (``mkdocs serve`` keeps pages unpacked: one store for both)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from lexikon.engine.mkdocs import pages
from lexikon.render.pages import GRAPH_MARKER

TEXTS = {"terms/a.md": f"# A\n\n{GRAPH_MARKER}\n", "terms/b.md": "# B\n\nno graph here\n"}


def _unpacked(texts: dict[str, str] = TEXTS) -> SimpleNamespace:
    return SimpleNamespace(packed={}, markdown_keys={},
                           pages={uri: SimpleNamespace(markdown=text) for uri, text in texts.items()})


def _packed() -> SimpleNamespace:
    rendered = SimpleNamespace(packed={}, markdown_keys={}, pages={})
    for uri, text in TEXTS.items():
        pages._pack(rendered.packed, rendered.markdown_keys, uri, text)
        rendered.pages[uri] = SimpleNamespace(markdown="")
    return rendered


def test_a_packed_pages_key_is_taken_without_unpacking(monkeypatch: pytest.MonkeyPatch) -> None:
    plain = {uri: pages.markdown_key(_unpacked(), uri) for uri in TEXTS}
    rendered = _packed()

    def refused(data: bytes) -> bytes:
        raise AssertionError("unpacked for its key")
    monkeypatch.setattr(pages.zlib, "decompress", refused)
    assert {uri: pages.markdown_key(rendered, uri) for uri in TEXTS} == plain
    assert plain["terms/a.md"][1] and not plain["terms/b.md"][1]  # only a's key holds the graph
    assert plain["terms/a.md"][0] != plain["terms/b.md"][0]


def test_a_pages_key_after_its_markdown_changed_is_the_new_markdowns() -> None:
    rendered = _packed()
    pages._pack(rendered.packed, rendered.markdown_keys, "terms/b.md", "# B\n\nedited\n")
    edited = _unpacked({"terms/b.md": "# B\n\nedited\n"})
    assert pages.markdown_key(rendered, "terms/b.md") == pages.markdown_key(edited, "terms/b.md")
    rendered.packed.pop("terms/b.md")  # released: MkDocs has it; its stale digest is not used
    rendered.pages["terms/b.md"] = SimpleNamespace(markdown="other")
    other = _unpacked({"terms/b.md": "other"})
    assert pages.markdown_key(rendered, "terms/b.md") == pages.markdown_key(other, "terms/b.md")

"""Pieces of the third incremental slice without a build: a term page survives the store's
round trip exactly (or is a miss), and templates compiled once per process are compiled again
when their source changes (``mkdocs serve`` with an edited override)."""

from __future__ import annotations

import jinja2
import pytest

from lexikon.engine.mkdocs import frame_cache
from lexikon.engine.mkdocs.render_memo import _page, _stored, pack
from lexikon.render.pages import Page

PAGE = Page("terms/anker.md", "de", "---\ntitle: Anker\n---\n\n# Anker ⚓\n", "anker",
            {"@type": "DefinedTerm", "name": "Anker", "alternateName": ["Ankerbegriff"]},
            ("Anker", "Ankers"), "", False, True)


def test_a_term_page_comes_back_from_the_store_as_it_was_made() -> None:
    back = _page(_stored(PAGE))
    assert back == PAGE
    assert back is not None and back.structured_data == PAGE.structured_data


@pytest.mark.parametrize("broken", [
    None, [], {}, {**_stored(PAGE), "markdown": "not packed"}, {**_stored(PAGE), "search_terms": [1]},
    {**_stored(PAGE), "entry_id": None}, {**_stored(PAGE), "extra": 1},
    {**_stored(PAGE), "in_nav": "no"}, {**_stored(PAGE), "markdown": pack("x")[:-4]},
])
def test_a_stored_value_not_of_a_pages_shape_is_a_miss(broken: object) -> None:
    assert _page(broken) is None


def test_templates_are_compiled_once_per_process_and_again_when_their_source_changes() -> None:
    sources = {"frame.html": "<p>{{ word }}</p>"}

    def environment() -> jinja2.Environment:
        env = jinja2.Environment(loader=jinja2.DictLoader(sources))
        env.bytecode_cache = frame_cache._COMPILED
        return env

    assert environment().get_template("frame.html").render(word="eins") == "<p>eins</p>"
    second = environment()  # the next language pass: nothing to compile

    def no_compiling(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    second.compile = no_compiling  # type: ignore[method-assign]
    assert second.get_template("frame.html").render(word="zwei") == "<p>zwei</p>"
    sources["frame.html"] = "<b>{{ word }}</b>"  # an override edited while serving
    assert environment().get_template("frame.html").render(word="drei") == "<b>drei</b>"

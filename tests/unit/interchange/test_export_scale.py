"""The exports' work grows with the glossary, not with its square (issue 17, point 6).

A profile of a 1,000-term build showed the exports 39 times slower than at 300 terms. Run
alone, and inside an uninstrumented build, they are linear (about 1.5 s at 1,000 terms, of
a 35–45 s build); the figure came from the profiler. These tests keep it so by counting
the work, not by timing it: the function calls (Python's and C's) that making every export
file takes, at one size and at four times that size.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from lexikon.check.pipeline import run
from lexikon.core import formats
from lexikon.core.queries import published
from lexikon.core.settings import Language, make_settings
from lexikon.interchange.export import _writers, export_files, page_url_of
from tests.bench import synthetic

LANGUAGES = [Language("de", "Deutsch", True), Language("da", "Dansk")]
SMALL, LARGE = 30, 120


def _glossary(root: Path, size: int):
    synthetic.write_glossary(root / "glossary", size, seed=5)
    settings = make_settings(root, LANGUAGES, None)
    result = run(settings)
    assert not result.errors, result.errors[:3]
    return result.glossary, settings


@pytest.fixture(scope="module")
def glossaries(tmp_path_factory: pytest.TempPathFactory):
    return {size: _glossary(tmp_path_factory.mktemp(f"export{size}"), size) for size in (SMALL, LARGE)}


def calls_made(work) -> tuple[int, object]:
    """How many functions (Python and C) ``work()`` calls, and what it returns."""
    count = 0

    def profile(frame, event, arg) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        result = work()
    finally:
        sys.setprofile(None)
    return count, result


def test_every_export_costs_a_linear_number_of_calls(glossaries) -> None:
    counts = {}
    for size, (glossary, settings) in glossaries.items():
        url_of = page_url_of(settings)
        counts[size], files = calls_made(lambda: export_files(glossary, settings, url_of))  # noqa: B023
        assert files["glossary.json"].count('"id":') >= size
    ratio = counts[LARGE] / counts[SMALL]
    assert ratio <= 1.25 * LARGE / SMALL, f"{counts}: ×{ratio:.1f} for ×{LARGE / SMALL:.0f} entries"


def test_each_format_alone_is_linear_too(glossaries) -> None:
    """Per format, so that one quadratic writer is not hidden by the others' linear bulk."""
    per_size: dict[int, dict[str, int]] = {}
    for size, (glossary, settings) in glossaries.items():
        writers = _writers(published(glossary), settings, page_url_of(settings), "./", ("Lexikon", ""))
        per_size[size] = {}
        for fmt in formats.EXPORT_FORMATS:
            for name, languages in fmt.files(glossary.languages):
                args = languages or ("",)
                per_size[size][name] = calls_made(lambda: writers[fmt.name](*args))[0]  # noqa: B023
    for name, small in per_size[SMALL].items():
        large = per_size[LARGE][name]
        assert large <= 1.25 * LARGE / SMALL * small + 500, (name, small, large)

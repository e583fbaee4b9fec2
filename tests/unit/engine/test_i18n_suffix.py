""":func:`lexikon.core.i18n_suffix.placed`, the one home of static-i18n's suffix placement (the
engine's ``File`` objects and the docs/ check's ``copied_to`` both ask it), against the
installed static-i18n on names made at random from the pieces its rules turn on: dots
leading, trailing and doubled, language codes, ``index``, ``README``, pages and other files."""

from __future__ import annotations

import copy
import random
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.structure.files import File
from mkdocs_static_i18n.config import RE_LOCALE

from lexikon.core import i18n_suffix
from lexikon.engine.mkdocs import file_listing
from tests.unit.engine.test_file_listing import _state

file_listing.install()
ORIGINAL_I18N = file_listing._ORIGINAL["i18n"]
LANGUAGES = ["de", "da", "en"]
PIECES = ["a", "x", "index", "README", "da", "de", "fr", "DA", "en_US", "de-CH", "foo", "Ä", " ", "README"]
ENDINGS = [".md", ".html", ".txt", ".da", ".xml.gz", "", ".markdown", ".", ".."]


def _name(rng: random.Random) -> str:
    """A path of 1 to 3 parts, each of pieces joined by one or two dots, maybe led by a dot."""
    parts = []
    for _ in range(rng.randint(1, 3)):
        part = ".".join(rng.choice(PIECES) for _ in range(rng.randint(1, 3)))
        if rng.random() < 0.1:
            part = "." + part
        if rng.random() < 0.1:
            part = part.replace(".", "..", 1)
        parts.append(part)
    return "/".join(parts) + rng.choice(ENDINGS)


NAMES = sorted({_name(random.Random(seed)) for seed in range(1500)})


def test_the_locale_pattern_is_static_i18ns() -> None:
    assert i18n_suffix.LOCALE.pattern == RE_LOCALE.pattern


@pytest.mark.parametrize("directory_urls", [True, False])
def test_placed_is_where_static_i18n_puts_each_file(tmp_path: Path, directory_urls: bool) -> None:
    """Every attribute of the engine's file equals static-i18n's; where static-i18n raises, the
    engine raises the same; the core function alone gives static-i18n's address and name."""
    config = SimpleNamespace(docs_dir=str(tmp_path / "docs"), site_dir=str(tmp_path / "site"),
                             use_directory_urls=directory_urls)
    odd = 0
    for name in NAMES:
        for current in ("de", "da"):
            source = File(name, config.docs_dir, config.site_dir, directory_urls)
            try:
                made = ORIGINAL_I18N(copy.copy(source), current, "de", LANGUAGES, config)
            except ValueError as error:
                with pytest.raises(ValueError, match=str(error)):
                    file_listing.create_i18n_file(copy.copy(source), current, "de", LANGUAGES, config)
                with pytest.raises(ValueError):
                    i18n_suffix.placed(source.dest_uri, source.name, LANGUAGES, directory_urls)
                odd += 1
                continue
            mine = file_listing.create_i18n_file(copy.copy(source), current, "de", LANGUAGES, config)
            assert _state(mine) == _state(made), name
            dest, new_name, localization = i18n_suffix.placed(source.dest_uri, source.name, LANGUAGES,
                                                              directory_urls)
            tree = f"{current}/" if current != "de" else ""
            assert (tree + dest if dest != "." else tree.rstrip("/") or ".") == made.dest_uri, name
            assert (new_name, localization) == (made.name, made.localization), name
    assert len(NAMES) > 1000 and odd < len(NAMES) // 10

"""static-i18n's language files made once per process (issue 17, ``engine/mkdocs/i18n_files.py``):
a file taken from the memo is the plugin's own for the same inputs, field for field, with
alternates of its own; what the plugin and MkDocs later change on a file handed out never
reaches the next one; other inputs make another file."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel
from mkdocs_static_i18n import suffix

from lexikon.engine.mkdocs import i18n_files
from lexikon.engine.mkdocs.i18n_files import remembered

LANGUAGES = ["de", "da"]


def _config(tmp_path: Path, directory_urls: bool = True) -> MkDocsConfig:
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "docs_dir": str(tmp_path / "docs"),
                      "site_dir": str(tmp_path / "site"), "use_directory_urls": directory_urls})
    return config


def _fields(file: File) -> dict[str, object]:
    fields = {name: value for name, value in vars(file).items() if name != "alternates"}
    fields["alternates"] = {lang: other is file for lang, other in file.alternates.items()}  # type: ignore[attr-defined]
    return fields


@pytest.fixture(autouse=True)
def _empty_memo() -> None:
    i18n_files._MADE.clear()


@pytest.mark.parametrize("name", ["index.md", "terms/anker.md", "terms/anker.da.md", "assets/lexikon.css",
                                  "guide.da.md", "README.md"])
@pytest.mark.parametrize("directory_urls", [True, False])
def test_a_file_from_the_memo_is_the_plugins_own(tmp_path: Path, name: str, directory_urls: bool) -> None:
    config = _config(tmp_path, directory_urls)
    source = File(name, config.docs_dir, config.site_dir, directory_urls, inclusion=InclusionLevel.NOT_IN_NAV)
    create = remembered(suffix.create_i18n_file)
    for current in ("de", "da", "de"):
        plain = suffix.create_i18n_file(source, current, "de", LANGUAGES, config)
        first, again = (create(source, current, "de", LANGUAGES, config) for _ in range(2))
        assert _fields(first) == _fields(again) == _fields(plain)
        assert again is not first and again.alternates is not first.alternates  # type: ignore[attr-defined]


def test_what_is_changed_on_a_file_handed_out_stays_there(tmp_path: Path) -> None:
    config = _config(tmp_path)
    source = File("terms/anker.md", config.docs_dir, config.site_dir, True)
    create = remembered(suffix.create_i18n_file)
    first = create(source, "de", "de", LANGUAGES, config)
    first.alternates["da"] = create(source, "da", "de", LANGUAGES, config)  # type: ignore[attr-defined]
    first.page = object()  # type: ignore[attr-defined]  # as MkDocs' navigation sets it
    first.url = "changed/"
    later = create(source, "de", "de", LANGUAGES, config)
    assert _fields(later) == _fields(suffix.create_i18n_file(source, "de", "de", LANGUAGES, config))


def test_other_inputs_make_another_file(tmp_path: Path) -> None:
    config = _config(tmp_path)
    create = remembered(suffix.create_i18n_file)
    one = create(File("a.md", config.docs_dir, config.site_dir, True), "da", "de", LANGUAGES, config)
    other = create(File("b.md", config.docs_dir, config.site_dir, True), "da", "de", LANGUAGES, config)
    flat_config = _config(tmp_path, directory_urls=False)
    flat = create(File("a.md", config.docs_dir, config.site_dir, False), "da", "de", LANGUAGES, flat_config)
    assert (one.url, other.url, flat.url) == ("da/a/", "da/b/", "da/a.html")

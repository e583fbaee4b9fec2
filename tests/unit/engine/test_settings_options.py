"""The build (MkDocs' config) and ``lexicon check`` (``mkdocs.yml`` read without MkDocs) see
the same ``use_directory_urls`` and ``exclude_docs``: the docs/ check gives one answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config

from lexikon.core.settings import settings_from_file
from lexikon.engine.mkdocs.config import settings_from_config

CONFIG = """site_name: x
plugins:
  - i18n:
      docs_structure: suffix
      languages:
        - locale: de
          name: Deutsch
          default: true
        - locale: da
          name: Dansk
"""


@pytest.mark.parametrize("options", [
    "",
    "use_directory_urls: false\n",
    "exclude_docs: |\n  /feed.da.xml\n\n  drafts/   \n  # a comment\n  !keep.tmp\n  *.tmp\n  \\#hash\n",
    "use_directory_urls: true\nexclude_docs: ''\n",
])
def test_the_build_and_lexicon_check_read_the_same_options(tmp_path: Path, options: str) -> None:
    (tmp_path / "docs").mkdir()
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(CONFIG + options, encoding="utf-8")
    config = load_config(str(config_file))
    built, checked = settings_from_config(config), settings_from_file(config_file)
    assert built.use_directory_urls is checked.use_directory_urls
    assert built.exclude_docs == checked.exclude_docs
    assert built.use_directory_urls is config.use_directory_urls
    assert built.findings == checked.findings == ()


def test_mkdocs_default_exclusions_are_the_ones_core_adds() -> None:
    """``core.site_files.excluded`` puts MkDocs' own defaults before the project's patterns."""
    from mkdocs.structure.files import _default_exclude

    from lexikon.core import site_files

    assert [pattern.pattern for pattern in _default_exclude.patterns] == [".*", "/templates/"]
    assert site_files._exclusion(()) == _default_exclude

"""static-i18n's language files, made once per process for each file and language (issue 17).

mkdocs-static-i18n 1.3 makes a new ``File`` of every file of the site for each language pass
(``suffix.create_i18n_file``: a ``File`` built again, its paths and URL worked out with
``pathlib``), and again for the alternates of each page: ~6,000 files a build at 1,000 terms,
a tenth of a build with no change. What it makes is a function of the file's source and
destination paths, its inclusion, the pass's language, the languages and three settings of
the config (``docs_dir``, ``site_dir``, ``use_directory_urls``), never of the file's content.
So the first ``File`` made for such inputs is kept untouched (a copy taken before the plugin
changes it: it adds alternates, MkDocs a page) and each later call for the same inputs gets a
shallow copy of it, with its own alternates, as the plugin's own call would have made it; the
second pass finds most of its files made by the first pass's alternates, and ``mkdocs serve``'s
next build all of them. In this process only: nothing is stored.
"""

from __future__ import annotations

import copy
import functools
import importlib.metadata
from collections.abc import Callable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

_MADE: dict[tuple, File] = {}
_LIMIT = 200_000
"""Files kept at most (a long ``mkdocs serve`` with many renames): past it, all are let go."""


def _inputs(file: File, current: str, default: str, languages: list, config: MkDocsConfig) -> tuple:
    """Everything ``create_i18n_file`` reads (mkdocs-static-i18n 1.3.1, ``suffix.py``): its
    ``src_path`` and ``dest_path`` are ``src_uri`` and ``dest_uri`` as paths."""
    return (file.src_uri, file.dest_uri, file.inclusion, current, default,
            tuple(languages), config.docs_dir, config.site_dir, config.use_directory_urls)


def _copy(made: File, current: str) -> File:
    new = copy.copy(made)
    new.alternates = {current: new}  # type: ignore[attr-defined]  # as the plugin sets it: its own
    return new


def remembered(create: Callable[..., File]) -> Callable[..., File]:
    """``create`` (the plugin's ``create_i18n_file``) through the memo."""

    @functools.wraps(create)
    def create_once(file: File, current: str, default: str, languages: list, config: MkDocsConfig) -> File:
        key = _inputs(file, current, default, languages, config)
        made = _MADE.get(key)
        if made is not None:
            return _copy(made, current)
        if len(_MADE) >= _LIMIT:
            _MADE.clear()
        result = create(file, current, default, languages, config)
        _MADE[key] = _copy(result, current)
        return result

    create_once.lexikon_memo = True  # type: ignore[attr-defined]
    return create_once


VERSION = "1.3.1"
"""The plugin's version whose ``create_i18n_file`` was read for :func:`_inputs` (pinned in
``pyproject.toml``): another version is left alone."""


def remember_i18n_files() -> None:
    """Route static-i18n's suffix structure through the memo (once per process); nothing where
    the plugin is not installed, of another version, or without that function."""
    try:
        if importlib.metadata.version("mkdocs-static-i18n") != VERSION:
            return
        from mkdocs_static_i18n import suffix
    except (ImportError, importlib.metadata.PackageNotFoundError):
        return
    create: Any = getattr(suffix, "create_i18n_file", None)
    if create is not None and not getattr(create, "lexikon_memo", False):
        suffix.create_i18n_file = remembered(create)

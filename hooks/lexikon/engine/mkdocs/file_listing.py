"""Two per-pass file steps every build pays, with the same results and less work (issue 17).

A build with no change still ran, in each language pass:

- MkDocs' ``Files.add_files_from_theme``: Jinja lists every file of the theme's folders
  (Material: 14,509, of which 14,348 are icons under ``.icons/``), then MkDocs' filter drops
  every name with a part that starts with a dot (patterns ``.*`` and ``*/.*``). Here the
  listing does not walk into such folders: the names it leaves out are exactly the names the
  filter drops (checked on the filter itself before each use: else Jinja's own listing).
- static-i18n's ``suffix.create_i18n_file``, once or twice per file and pass (4,000 files at
  1,000 terms): ``pathlib`` for every step of a file's new address, and two debug lines
  formatted whether or not anyone logs them. Here the same steps from
  :func:`lexikon.core.i18n_suffix.placed` (the docs/ check's too: one home for them), on
  strings for addresses whose parts ``pathlib`` would not treat specially (with debug
  logging on, static-i18n's own function). The skipped log lines read nothing a file caches
  beyond what the steps read anyway, so the files end up exactly as they did.

``tests/unit/engine/test_file_listing.py`` holds both to the originals' results.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from pathlib import PurePath
from typing import Any
from urllib.parse import quote as urlquote

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from lexikon.core.i18n_suffix import placed

_ORIGINAL: dict[str, Callable] = {}
_MKDOCS_FILTER = "Files.add_files_from_theme.<locals>.filter"
"""The filter whose dropping of every dotted part the listing relies on (probed too)."""
_PLAIN_PART = re.compile(r"[^./][^/]*(?<!\.)")
"""A language code ``pathlib`` would read literally as a folder's name."""


def install() -> None:
    """Both replacements, once per process (static-i18n calls MkDocs' ``build`` for its other
    languages, and ``mkdocs serve`` rebuilds: each finds them in place)."""
    if _ORIGINAL:
        return
    _ORIGINAL["theme"] = Files.add_files_from_theme
    Files.add_files_from_theme = _add_files_from_theme  # type: ignore[method-assign]
    try:
        from mkdocs_static_i18n import suffix
    except ImportError:
        return
    _ORIGINAL["i18n"] = suffix.create_i18n_file
    suffix.create_i18n_file = create_i18n_file


def _add_files_from_theme(self: Files, env: jinja2.Environment, config: MkDocsConfig) -> None:
    _ORIGINAL["theme"](self, _Listing(env), config)


class _Listing:
    """The theme's environment as ``add_files_from_theme`` uses it (``list_templates`` only)."""

    def __init__(self, env: jinja2.Environment) -> None:
        self.env = env

    def list_templates(self, extensions: Any = None,
                       filter_func: Callable[[str], bool] | None = None) -> list[str]:
        loader = self.env.loader
        plain = (type(loader) is jinja2.FileSystemLoader and extensions is None and filter_func is not None
                 and type(self.env).list_templates is jinja2.Environment.list_templates
                 and getattr(filter_func, "__qualname__", "") == _MKDOCS_FILTER
                 and not filter_func(".x") and not filter_func("x/.x") and not filter_func("x/.x/y"))
        if not plain:
            return self.env.list_templates(extensions, filter_func)
        assert isinstance(loader, jinja2.FileSystemLoader) and filter_func is not None
        return [name for name in listed_templates(loader) if filter_func(name)]


def listed_templates(loader: jinja2.FileSystemLoader) -> list[str]:
    """Jinja's ``FileSystemLoader.list_templates`` without the names that have a part starting
    with a dot (their folders not walked)."""
    found: set[str] = set()
    for searchpath in loader.searchpath:
        for dirpath, dirnames, filenames in os.walk(searchpath, followlinks=loader.followlinks):
            dirnames[:] = [name for name in dirnames if not name.startswith(".")]
            for filename in filenames:
                if filename.startswith("."):
                    continue
                template = os.path.join(dirpath, filename)[len(searchpath):].strip(os.path.sep)
                template = template.replace(os.path.sep, "/")
                if template[:2] == "./":
                    template = template[2:]
                found.add(template)
    return sorted(found)


def create_i18n_file(file: File, current_language: str, default_language: str, all_languages: list,
                     config: MkDocsConfig) -> File:
    """static-i18n's ``suffix.create_i18n_file`` (see the module's text)."""
    from mkdocs_static_i18n import suffix
    from mkdocs_static_i18n.config import RE_LOCALE

    if (suffix.log.isEnabledFor(logging.DEBUG) or os.sep != "/"
            or (current_language != default_language and not _PLAIN_PART.fullmatch(current_language))):
        return _ORIGINAL["i18n"](file, current_language, default_language, all_languages, config)
    new = File(file.src_path, config.docs_dir, file.dest_path, config.use_directory_urls,
               dest_uri=file.dest_uri, inclusion=file.inclusion)
    try:
        dest, new.name, localization = placed(new.dest_path, new.name, all_languages,
                                              config.use_directory_urls, RE_LOCALE)
    except ValueError:  # static-i18n's pathlib refuses the name: its own error
        return _ORIGINAL["i18n"](file, current_language, default_language, all_languages, config)
    site_dir = current_language if current_language != default_language else ""
    new.dest_uri = f"{site_dir}/{dest}" if site_dir and dest != "." else site_dir or dest
    new.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, new.dest_path))
    new.url = new._get_url(config.use_directory_urls)
    if site_dir and not new.url.strip("./") and PurePath(new.url).as_posix() == ".":
        new.url = urlquote(site_dir + "/")
    new.alternates = {current_language: new}  # type: ignore[attr-defined]
    new.locale = localization or default_language  # type: ignore[attr-defined]
    new.locale_alternate_of = current_language  # type: ignore[attr-defined]
    new.localization = localization  # type: ignore[attr-defined]
    new.norm_src_uri = new.src_uri  # type: ignore[attr-defined]
    if localization:
        new.norm_src_uri = new.src_uri.replace(f".{localization}", "", 1)  # type: ignore[attr-defined]
    return new

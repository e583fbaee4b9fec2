"""The 404 page of each language pass, taken from the last site like a term page (issue 17).

In a build with no change, every generated page's file is linked from the last site
(:mod:`.kept_pages`), and the 404 page was the only template MkDocs still rendered: Material's
whole frame with the nav, and, as the first template in the process, the compiling of
``main.html`` and ``base.html`` (~0.1 CPU-s at 1,000 terms). Its file is made of what a
generated page's shared key names (:meth:`.kept_pages.KeptPages.begin_pass`: the theme's
templates, code and library versions, ``mkdocs.yml``, the config and nav of the pass, every
file's address, the language) and of the 404's own context, which our hook makes from those
(:func:`.material.not_found_context`: the message, the trees, the language menu; Pagefind's
worker and the head's links from the layout). So it is kept under that key and its name, and
taken as a page is: the store holds the written file's digest, and the last site still holds
exactly those bytes. What the template's events leave besides the file is done here: the
language menu set on the config (the pass's pages not taken read it). Only where every callable
of the template events is ours, static-i18n's (which only adds its languages to the context),
MkDocs' or Material's: another hook's may read what no key names (:mod:`.outside`).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

import mkdocs.commands.build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from lexikon.core.layout import NOT_FOUND_FILE
from lexikon.engine.mkdocs import material, outside
from lexikon.publish.kept import bytes_digest, file_bytes, file_digest, link_or_copy
from lexikon.publish.pagefind import INDEXED

if TYPE_CHECKING:
    from lexikon.engine.mkdocs.kept_pages import KeptPages

_MARK = "_lexikon_kept_not_found"
"""On the pass's files, until MkDocs builds the 404 page: its owner and key."""
_EVENTS = ("pre_template", "template_context", "post_template")
_ORIGINAL: list[Callable] = []


def mark(files: Files, owner: KeptPages, base: hashlib.blake2b, config: MkDocsConfig) -> None:
    """At ``on_env``: the pass's 404 page keyed by what every generated page's key shares
    (``base``) and its name, if no other plugin's template events could see it."""
    if outside.strangers(config, _EVENTS):
        return  # another hook's or plugin's template events: the page is rendered (see .outside)
    if not _ORIGINAL:
        _ORIGINAL.append(mkdocs_build._build_theme_template)
        mkdocs_build._build_theme_template = _build_theme_template  # type: ignore[assignment]
    digest = base.copy()
    digest.update(b"\0theme template\0" + NOT_FOUND_FILE.encode())
    setattr(files, _MARK, (owner, digest.digest()))


def _build_theme_template(template_name: str, env: object, files: Files, config: MkDocsConfig,
                          nav: Navigation) -> None:
    """MkDocs' ``_build_theme_template``, unless the last site gives the pass's 404 page."""
    outside.settle(env, config)  # type: ignore[arg-type]  # the environment MkDocs renders with
    marked = vars(files).pop(_MARK, None) if template_name == NOT_FOUND_FILE else None
    if marked is None or marked[0].rendered is None:
        _ORIGINAL[0](template_name, env, files, config, nav)
        return
    owner, key = marked
    if not owner.holds_still(config):
        _ORIGINAL[0](template_name, env, files, config, nav)
        return
    layout = owner.rendered.layout
    target = os.path.join(config.site_dir, layout.root(owner.lang) + layout.not_found)
    if owner.folder is not None and _take(owner, key, target):
        material.not_found_context({}, config, layout, owner.lang)  # what its events leave on the config
        return
    _ORIGINAL[0](template_name, env, files, config, nav)
    _record(owner, key, target)


def _relative(owner: KeptPages, target: str) -> str | None:
    folder = owner.folder
    if folder is None or not target.startswith(folder + os.sep):
        return None
    return target[len(folder) + 1:].replace(os.sep, "/")


def _take(owner: KeptPages, key: bytes, target: str) -> bool:
    record, relative = owner.store.item("written", key), _relative(owner, target)
    if (relative is None or not isinstance(record, dict) or record.get("dest") != relative
            or not isinstance(record.get("digest"), str) or not isinstance(record.get("indexed"), bool)
            or owner.previous is None):
        return False
    try:
        if file_digest(os.path.join(owner.previous, relative)) != record["digest"]:
            return False
        os.makedirs(os.path.dirname(target), exist_ok=True)
        link_or_copy(os.path.join(owner.previous, relative), target)
    except (OSError, ValueError):
        return False
    owner.kept[key] = record
    owner.proved[target] = (record["digest"], record["indexed"])
    return True


def _record(owner: KeptPages, key: bytes, target: str) -> None:
    relative = _relative(owner, target)
    try:
        data = file_bytes(target)
    except OSError:
        return  # nothing written (an empty template): built again next time
    digest, indexed = bytes_digest(data), INDEXED in data
    owner.proved[target] = (digest, indexed)
    if relative is not None:
        owner.kept[key] = {"dest": relative, "digest": digest, "indexed": indexed}

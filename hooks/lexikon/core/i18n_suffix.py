"""Where static-i18n (``docs_structure: suffix``) puts a file of ``docs/``: one home for its rules.

Two callers need static-i18n 1.3's ``suffix.create_i18n_file`` steps without running it: the
engine, which makes its ``File`` objects with less work each pass (issue 17, thousands of
files), and the docs/ check, which must know before the build that ``docs/feed.da.xml`` lands
on ``da/feed.xml`` (and no MkDocs may be imported there). Both ask :func:`placed`; a test holds
it to the installed static-i18n for every kind of name.

static-i18n works with ``pathlib``, which reads some names its own way (a leading or trailing
dot, ``..``): such addresses take the same ``pathlib`` steps here; every other address takes
the same steps on strings, which is what makes the engine's pass cheap.
"""

from __future__ import annotations

import re
from collections.abc import Container
from pathlib import PurePosixPath
from typing import NamedTuple

LOCALE = re.compile(r"(^[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?$)|(^[a-z]{2}_[A-Z]{2}$)")
"""What static-i18n takes for a language code in a file's name (its ``RE_LOCALE``; a test
compares the two)."""
_PLAIN_PART = re.compile(r"[^./][^/]*(?<!\.)")
"""A path part that ``pathlib`` reads literally: no leading dot, no trailing dot, not empty."""
_INDEX_NAMES = ("index", "README")


class Placed(NamedTuple):
    """A file's place after static-i18n, inside its language's tree."""

    dest: str
    """Its path in the tree (``feed.xml``, ``x/index.html``; ``.`` for none)."""
    name: str
    """MkDocs' ``File.name`` as static-i18n leaves it (suffix taken off, ``README`` → ``index``)."""
    localization: str | None
    """The language suffix taken off the name (``da`` of ``feed.da.xml``), None if none."""


def placed(dest: str, name: str, languages: Container[str], directory_urls: bool,
           locale: re.Pattern[str] = LOCALE) -> Placed:
    """static-i18n's new address of a file whose MkDocs address is ``dest`` (``/``-separated,
    as ``File.dest_uri``) and whose ``File.name`` is ``name``: a last suffix of the name that is
    one of ``languages`` or looks like a language code is taken off the name and the file's
    name; with directory URLs a suffix of the folder above goes too (``x.da/index.html`` →
    ``x/index.html``), and a folder ``index/`` or ``README/`` there; ``*README.html`` becomes
    ``index.html``. Raises ValueError where static-i18n's ``pathlib`` calls would."""
    parts = dest.split("/")
    if _PLAIN_PART.fullmatch(name) and all(map(_PLAIN_PART.fullmatch, parts)):
        return _on_strings(parts, name, languages, directory_urls, locale)
    return _on_paths(dest, name, languages, directory_urls, locale)


def _suffix_at(name: str) -> int:
    """Where ``pathlib``'s suffix of a plain part begins (``len(name)`` if it has none)."""
    dot = name.rfind(".")
    return dot if 0 < dot < len(name) - 1 else len(name)


def _on_strings(parts: list[str], name: str, languages: Container[str], directory_urls: bool,
                locale: re.Pattern[str]) -> Placed:
    """The steps for parts ``pathlib`` reads literally: its suffix is what follows the last dot."""
    localization = None
    dot = name.rfind(".")
    if dot > 0:
        code = name[dot + 1:]
        if code in languages or locale.match(code):
            last = parts[-1]
            cut = _suffix_at(last)
            stem = last[:cut]
            parts[-1] = stem[:_suffix_at(stem)] + last[cut:]
            name = name[:dot]
            localization = code
    if directory_urls and localization and len(parts) > 1:
        parent = parts[-2]
        parts[-2] = parent[:_suffix_at(parent)]
        if parts[-2] in _INDEX_NAMES:
            del parts[-2]
    if parts[-1].endswith("README.html"):
        parts[-1] = "index.html"
    return Placed("/".join(parts), "index" if name == "README" else name, localization)


def _on_paths(dest: str, name: str, languages: Container[str], directory_urls: bool,
              locale: re.Pattern[str]) -> Placed:
    """static-i18n's own steps, with its ``pathlib`` calls (a trailing dot keeps a suffix)."""
    path = PurePosixPath(dest)
    localization = None
    suffixes = PurePosixPath(name).suffixes
    if suffixes:
        code = suffixes[-1].replace(".", "")
        if code in languages or locale.match(code):
            bare = PurePosixPath(path.parent) / PurePosixPath(path.stem).with_suffix("")
            path = PurePosixPath(f"{bare}{path.suffix}")
            name = PurePosixPath(name).stem
            localization = code
    if directory_urls and localization and path.parent != PurePosixPath("."):
        path = path.parent.with_suffix("") / path.name
        if path.parent.name in _INDEX_NAMES:
            path = path.parent.parent / path.name
    if path.name.endswith("README.html"):
        path = path.with_name("index.html")
    return Placed(path.as_posix(), "index" if name == "README" else name, localization)

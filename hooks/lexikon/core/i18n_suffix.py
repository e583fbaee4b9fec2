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

LOCALE = re.compile(r"(^[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?$)|(^[a-z]{2}_[A-Z]{2}$)")
"""What static-i18n takes for a language code in a file's name (its ``RE_LOCALE``; a test
compares the two)."""
_PLAIN_PART = re.compile(r"[^./][^/]*(?<!\.)")
"""A path part that ``pathlib`` reads literally: no leading dot, no trailing dot, not empty."""
_PLAIN_PATH = re.compile(r"(?:[^./][^/]*(?<!\.)/)*[^./][^/]*(?<!\.)")
"""A path of such parts only, ``/``-separated."""
_INDEX_NAMES = ("index", "README")


Placed = tuple[str, str, "str | None"]
"""A file's place after static-i18n, inside its language's tree: its path there (``feed.xml``,
``x/index.html``; ``.`` for none), MkDocs' ``File.name`` as static-i18n leaves it (suffix
taken off, ``README`` → ``index``), and the language suffix taken off (``da`` of
``feed.da.xml``; None if none). A plain tuple: the engine asks for thousands per pass."""


def placed(dest: str, name: str, languages: Container[str], directory_urls: bool,
           locale: re.Pattern[str] = LOCALE) -> Placed:
    """static-i18n's new address of a file whose MkDocs address is ``dest`` (``/``-separated,
    as ``File.dest_uri``) and whose ``File.name`` is ``name``: a last suffix of the name that is
    one of ``languages`` or looks like a language code is taken off the name and the file's
    name; with directory URLs a suffix of the folder above goes too (``x.da/index.html`` →
    ``x/index.html``), and a folder ``index/`` or ``README/`` there; ``*README.html`` becomes
    ``index.html``. Raises ValueError where static-i18n's ``pathlib`` calls would."""
    if _PLAIN_PART.fullmatch(name) and _PLAIN_PATH.fullmatch(dest):
        return _on_strings(dest, name, languages, directory_urls, locale)
    return _on_paths(dest, name, languages, directory_urls, locale)


def _suffix_at(name: str) -> int:
    """Where ``pathlib``'s suffix of a plain part begins (``len(name)`` if it has none)."""
    dot = name.rfind(".")
    return dot if 0 < dot < len(name) - 1 else len(name)


def _on_strings(dest: str, name: str, languages: Container[str], directory_urls: bool,
                locale: re.Pattern[str]) -> Placed:
    """The steps for parts ``pathlib`` reads literally: its suffix is what follows the last dot."""
    dot = name.rfind(".")
    if dot > 0:
        code = name[dot + 1:]
        if code in languages or locale.match(code):
            folder, _, last = dest.rpartition("/")
            cut = _suffix_at(last)
            stem = last[:cut]
            last = stem[:_suffix_at(stem)] + last[cut:]
            if directory_urls and folder:  # the folder above loses its suffix, "index/" itself
                up, _, parent = folder.rpartition("/")
                parent = parent[:_suffix_at(parent)]
                folder = up if parent in _INDEX_NAMES else f"{up}/{parent}" if up else parent
            if last.endswith("README.html"):
                last = "index.html"
            name = name[:dot]
            return f"{folder}/{last}" if folder else last, "index" if name == "README" else name, code
    if dest.endswith("README.html"):
        folder = dest.rpartition("/")[0]
        dest = f"{folder}/index.html" if folder else "index.html"
    return dest, "index" if name == "README" else name, None


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
    return path.as_posix(), "index" if name == "README" else name, localization

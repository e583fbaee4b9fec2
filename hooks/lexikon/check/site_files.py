"""The docs folder against the files the build writes itself (:mod:`lexikon.core.site_files`).

MkDocs copies ``docs/`` into the site. A folder there named like one of the build's own files
(``docs/sitemap.xml/``) used to stop the build with a traceback where that file is written,
after minutes of work; a file of the same name was silently replaced, or replaced ours,
whichever came last. Both are refused before the build starts, one located line each. A file
lands where static-i18n puts it (``docs/feed.da.xml`` on ``da/feed.xml``), a folder at its
own path; a link counts as both, and is never followed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from lexikon.core.model import Finding, Severity
from lexikon.core.paths import shown
from lexikon.core.settings import Settings
from lexikon.core.site_files import copied_to, docs_sources, own_files


def in_the_way(settings: Settings) -> list[Finding]:
    """A finding for each file or folder of ``docs/`` where the build writes one of its own
    files, or that a folder of the build's own (``vale/``) would have to pass through."""
    docs = settings.docs_dir
    found: dict[str, Finding] = {}
    for path, what in own_files(settings).items():
        for inside, clash in _clashes(settings, path):
            display = shown(docs / inside, settings.project_dir)
            found.setdefault(display, Finding(display, 1, 1, Severity.ERROR, (
                f"the build writes {what} at {path} in the site and {clash}: rename or move it")))
    return [found[key] for key in sorted(found)]


def _clashes(settings: Settings, path: str) -> list[tuple[str, str]]:
    """(path in ``docs/``, why) of what stands on the site path ``path`` or on its way."""
    docs = settings.docs_dir
    parts = path.rstrip("/").split("/")
    for depth in range(1, len(parts)):  # the folders on the way: a file there blocks them
        inside = "/".join(parts[:depth])
        kind = _kind(docs / inside)
        if kind in ("file", "link"):
            return [(inside, f"this {kind} stands where that path needs a folder")]
        if kind is None:
            break
    whole = path.rstrip("/")
    clashes: list[tuple[str, str]] = []
    kind = _kind(docs / whole)
    stays = path.endswith("/") or copied_to(whole, settings) == whole  # a file not moved by its name
    if kind in ("folder", "link") or (kind == "file" and stays):
        clashes.append((whole, f"MkDocs would copy this {kind} to the same place"))
    if path.endswith("/"):
        return clashes
    for source in docs_sources(path, settings):
        kind = _kind(docs / source)
        if source != whole and kind in ("file", "link"):
            clashes.append((source, f"static-i18n would copy this {kind} to the same place"))
    return clashes


def _kind(path: Path) -> str | None:
    """'folder', 'file', 'link' (never followed) or None where nothing is."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None
    return "folder" if stat.S_ISDIR(mode) else "link" if stat.S_ISLNK(mode) else "file"

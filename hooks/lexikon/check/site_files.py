"""The docs folder against the files the build writes itself (:mod:`lexikon.core.site_files`).

MkDocs copies ``docs/`` into the site. A folder there named like one of the build's own files
(``docs/sitemap.xml/``) used to stop the build with a traceback where that file is written,
after minutes of work; a file of the same name was silently replaced, or replaced ours,
whichever came last. Both are refused before the build starts, one located line each.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from lexikon.core.model import Finding, Severity
from lexikon.core.paths import shown
from lexikon.core.settings import Settings
from lexikon.core.site_files import own_files


def in_the_way(settings: Settings) -> list[Finding]:
    """A finding for each file or folder of ``docs/`` where the build writes one of its own
    files, or that a folder of the build's own (``vale/``) would have to pass through."""
    docs = settings.docs_dir
    found: dict[str, Finding] = {}
    for path, what in own_files(settings).items():
        parts = path.rstrip("/").split("/")
        for depth in range(1, len(parts) + 1):
            inside = "/".join(parts[:depth])
            kind = _kind(docs / inside)
            whole = depth == len(parts)
            if kind is None or (not whole and kind == "folder"):
                continue
            display = shown(docs / inside, settings.project_dir)
            clash = (f"MkDocs would copy this {kind} to the same place" if whole
                     else "this file stands where that path needs a folder")
            found.setdefault(display, Finding(display, 1, 1, Severity.ERROR, (
                f"the build writes {what} at {path} in the site and {clash}: rename or move it")))
            break
    return [found[key] for key in sorted(found)]


def _kind(path: Path) -> str | None:
    """'folder', 'file' (a link too, never followed) or None where nothing is."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None
    return "folder" if stat.S_ISDIR(mode) else "file"

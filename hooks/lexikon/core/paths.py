"""Paths as findings and messages name them: relative to the project when inside it.

A finding says ``glossary/x.yml:3:5``, never the absolute path of one machine; and a file
named through a link is shown as the link (absolute names, no link followed).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def shown(path: Path | str, root: Path) -> str:
    """``path`` relative to ``root`` when inside it (as findings name files), else as given."""
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return str(path)


def is_inside(path: Path, root: Path) -> bool:
    """Whether ``path`` lies in ``root`` (by its absolute name, no link followed)."""
    return Path(os.path.abspath(root)) in (Path(os.path.abspath(path)), *Path(os.path.abspath(path)).parents)


def link_problem(path: Path | str, project_dir: Path) -> str | None:
    """Why a file the project reads is refused unread when it is a symbolic link, or None for
    no link. Never read through a link: inside the project it may lead into .git/ or an ignored
    file of secrets, and whatever it shows would stand in a finding."""
    if not os.path.islink(path):
        return None
    try:
        target = Path(path).resolve(strict=True)
    except (OSError, RuntimeError):
        return ("this file is a link that leads nowhere (missing, or a loop of links): replace it with "
                "the file itself")
    if not is_inside(target, project_dir.resolve()):
        return "this file is a link to a place outside the project: copy the file in instead"
    return (f"this file is a link to '{shown(target, project_dir)}': replace it with the file itself (links "
            "are not read, and commands that write entries do not follow them)")


def real_folder(path: Path | str) -> bool:
    """Whether ``path`` is a folder itself, not a link to one (nothing there: False)."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False

"""Paths as findings and messages name them: relative to the project when inside it.

A finding says ``glossary/x.yml:3:5``, never the absolute path of one machine; and a file
named through a link is shown as the link (absolute names, no link followed).
"""

from __future__ import annotations

import os
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

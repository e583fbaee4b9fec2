"""What went wrong, as one line a person can act on: ``path[:line:col]: error: what, what to do``.

The command line turns every exception that escapes a command into such a line (exit 1);
``lexicon --debug`` shows the traceback instead. The commands locate what they can
themselves (a CSV line, an XML position); this is the net under them.
"""

from __future__ import annotations

import csv
import errno
import os
import subprocess
from pathlib import Path

import yaml

from lexikon.core.paths import shown
from lexikon.core.safe_write import WriteRefused

_OS_ADVICE = {getattr(errno, name): advice for name, advice in (
    ("ENOSPC", "the disk is full: free some space and run again"),
    ("EDQUOT", "the disk quota is used up: free some space and run again"),
    ("EACCES", "permission denied: check the permissions of the file and its folder"),
    ("EPERM", "not permitted: check the permissions of the file and its folder"),
    ("EROFS", "the file system is read-only: write somewhere writable"),
    ("ENAMETOOLONG", "the name is too long for the file system: choose a shorter one"),
    ("EISDIR", "is a folder where a file was expected: choose another name"),
    ("ENOTDIR", "a part of the path is a file, not a folder: choose another path"),
    ("EEXIST", "exists already: choose another name, or move it away"),
    ("ENOENT", "not found: check the path"),
    ("ELOOP", "too many symbolic links: remove the link"),
    ("EIO", "the disk reported an input/output error: check the disk and run again"),
)}


def describe(error: BaseException, project_dir: Path) -> str:
    """The one line for ``error`` (its located form when it carries a place)."""
    if isinstance(error, WriteRefused):
        return str(error)
    if isinstance(error, OSError):
        return _os_error(error, project_dir)
    if isinstance(error, UnicodeError):
        return f"lexicon: error: a text is not valid UTF-8 ({error}): save the file as UTF-8 and run again"
    if isinstance(error, csv.Error):
        return f"lexicon: error: the CSV file cannot be read ({error}): fix the line it names and run again"
    if isinstance(error, subprocess.SubprocessError):
        return f"git: error: {error}: check that git works in this folder and run again"
    if isinstance(error, RecursionError):
        return "lexicon: error: the input is nested too deeply to read: simplify it and run again"
    if isinstance(error, MemoryError):
        return "lexicon: error: out of memory: the input is too large; split it and run again"
    located = _xml_error(error, project_dir) or _yaml_error(error, project_dir)
    if located:
        return located
    return (f"lexicon: error: {type(error).__name__}: {error}: this is a bug in lexicon; run again "
            "with --debug and report the traceback")


def _os_error(error: OSError, project_dir: Path) -> str:
    where = shown(Path(os.fsdecode(error.filename)), project_dir) if error.filename else "lexicon"
    advice = _OS_ADVICE.get(error.errno or 0)
    if advice is None:
        advice = f"{error.strerror or error}: fix the cause and run again"
    return f"{where}: error: {advice}"


def _yaml_error(error: BaseException, project_dir: Path) -> str | None:
    mark = getattr(error, "problem_mark", None)
    if not isinstance(error, yaml.MarkedYAMLError) or mark is None:
        return None
    where = shown(Path(mark.name), project_dir) if mark.name and not mark.name.startswith("<") else "input"
    problem = " ".join(str(error.problem or error.context or "not valid YAML").split())
    return f"{where}:{mark.line + 1}:{mark.column + 1}: error: {problem}: fix the YAML there"


def _xml_error(error: BaseException, project_dir: Path) -> str | None:
    """lxml's syntax errors carry file, line and column."""
    line = getattr(error, "lineno", None)
    if not isinstance(line, int) or type(error).__module__.split(".")[0] not in ("lxml", "xml"):
        return None
    position = getattr(error, "position", None) or (line, getattr(error, "offset", 0) or 0)
    name = getattr(error, "filename", None) or "input"
    where = shown(Path(name), project_dir) if name != "input" else name
    message = str(getattr(error, "msg", error)).split(", line ")[0]
    return f"{where}:{position[0]}:{max(position[1], 1)}: error: the XML does not parse ({message}): fix it"

"""``lexicon lint FILE…``: other texts (a repository's docs, a draft) against the lexicon's
deprecated terms, each use one located line naming the title to write instead.

The files may lie anywhere (they are only read); the terms and their forms are the ones
the check looks for in entries (:mod:`lexikon.check.term_use`).
"""

from __future__ import annotations

import bisect
import re
import stat
from pathlib import Path

from lexikon.check.pipeline import file_reports
from lexikon.check.term_use import Matcher, matchers
from lexikon.core.model import Finding, Severity
from lexikon.core.settings import Settings

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_LANG_KEY = re.compile(r"^lang(?:uage)?[ \t]*:[ \t]*[\"']?([A-Za-z][\w-]*)", re.M)
MAX_BYTES = 16 * 1024 * 1024
"""A text larger than this is not read (a linter is for documents, not for data dumps)."""


def lint_files(paths: list[Path], settings: Settings, lang: str | None) -> list[Finding]:
    """Every use of a deprecated term in ``paths``, and a located line for each file that
    could not be read."""
    by_lang = matchers(file_reports(settings, with_entries=False).reports)
    findings: list[Finding] = []
    for path in paths:
        text, problem = _read(path)
        if text is None:
            findings.append(Finding(str(path), 1, 1, Severity.ERROR, problem))
            continue
        code = lang or file_language(path, text, settings.codes) or settings.default_language
        findings += uses_in(str(path), text, by_lang.get(code) or Matcher(code, ()))
    return findings


def uses_in(display: str, text: str, matcher: Matcher) -> list[Finding]:
    """Each use in ``text``, as a warning at its line and column."""
    line_starts: list[int] | None = None
    found = []
    for use in matcher.uses(text):
        if line_starts is None:
            line_starts = [0, *(match.end() for match in re.finditer("\n", text))]
        line = bisect.bisect_right(line_starts, use.start)
        found.append(Finding(display, line, use.start - line_starts[line - 1] + 1, Severity.WARNING,
                             use.message()))
    return found


def file_language(path: Path, text: str, codes: tuple[str, ...]) -> str | None:
    """The language a file names: by its name (``guide.da.md``), else its front matter's
    ``lang:``; only a language of the site counts."""
    suffixes = [suffix.lstrip(".") for suffix in path.suffixes[:-1]]
    for suffix in reversed(suffixes):
        if suffix in codes:
            return suffix
    front = _FRONT_MATTER.match(text)
    found = _LANG_KEY.search(front.group(1)) if front else None
    return found.group(1) if found and found.group(1) in codes else None


def _read(path: Path) -> tuple[str | None, str]:
    """The file's text, or None and what to do about it."""
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            return None, "this is a folder: name the files to lint (e.g. docs/*.md)"
        if not stat.S_ISREG(mode):  # a device or a pipe: reading could block or never end
            return None, "this is not a regular file (a device, pipe or socket): lint Markdown or text files"
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)  # the size a file reports can be wrong (/proc) or grow
        if len(data) > MAX_BYTES:
            return None, f"the file is larger than {MAX_BYTES // 2**20} MiB: lint the text files it came from"
    except FileNotFoundError:
        return None, "no such file: check the path"
    except OSError as error:
        return None, f"cannot read the file ({error.strerror or error}): check its permissions"
    if b"\0" in data:
        return None, "this is not a text file (it contains NUL bytes): lint Markdown or text files"
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        return None, "the file is not UTF-8: save it with UTF-8 encoding, then lint it again"

"""Golden files: the exact output a fixture case must give, kept beside the case.

One home for what the fixture suites share: ``tests/builds/test_bad_input.py``
(``tests/fixtures/bad/*/expected.txt``), ``tests/builds/test_hostile.py``
(``tests/fixtures/hostile/*/expected.txt``) and ``tests/unit/interchange/test_import.py``
(``tests/fixtures/import/*.expected.yml`` and ``*.expected.txt``): the cases in a folder,
the parser of ``lexicon check``'s finding and summary lines, the thread pool that runs a
suite's subprocesses side by side, and the one writer of golden files.

Regenerate after a deliberate change of messages, locations or importer output with
``LEXIKON_REGEN=1``, e.g.

    LEXIKON_REGEN=1 .venv/bin/pytest -p no:cacheprovider tests/builds/test_bad_input.py \\
        tests/builds/test_hostile.py tests/unit/interchange/test_import.py

then read every changed golden file (``git diff tests/fixtures``) before keeping it: right
file, the line and column of the offending key or value, a message an editor can act on.
Regenerating from buggy code bakes the bug in.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

REGEN = os.environ.get("LEXIKON_REGEN") == "1"
"""``LEXIKON_REGEN=1``: write each golden file from the current output before comparing."""

FINDING = re.compile(
    r"^(?P<path>[^:\n]+):(?P<line>[0-9]+):(?P<col>[0-9]+): (?P<severity>error|warning|note): "
    r"(?P<message>.+)$"
)
"""One finding line of ``lexicon check``: ``path:line:col: severity: message``."""
SUMMARY = re.compile(
    r"^(?P<entries>[0-9]+) entr(?:y|ies) checked: (?P<error>[0-9]+) error\(s\), "
    r"(?P<warning>[0-9]+) warning\(s\), (?P<note>[0-9]+) note\(s\)$"
)
"""The last line of a text-format ``lexicon check``."""


def cases(folder: Path) -> list[str]:
    """The fixture cases in ``folder``: each sub-folder that holds a ``glossary/``."""
    return sorted(path.name for path in folder.iterdir() if (path / "glossary").is_dir())


def parse_finding(line: str) -> dict[str, str | int]:
    """A finding line as a dict (path, line, col, severity, message), as ``--format json`` has it."""
    match = FINDING.match(line)
    assert match, f"not a finding line: {line!r}"
    found: dict[str, str | int] = match.groupdict()
    found["line"], found["col"] = int(found["line"]), int(found["col"])
    return found


def check_lines(result: subprocess.CompletedProcess[str]) -> tuple[list[str], re.Match[str]]:
    """The finding lines of a text-format ``lexicon check`` run and its parsed summary line;
    a traceback or a missing summary fails the test."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stdout.splitlines()
    assert lines, f"no output at all; stderr: {result.stderr}"
    summary = SUMMARY.match(lines[-1])
    assert summary, f"the last line is not the summary: {lines[-1]!r}\n{result.stderr}"
    return lines[:-1], summary


def golden_text(path: Path, actual: str) -> str:
    """The golden file's text; with ``LEXIKON_REGEN=1`` first written from ``actual``."""
    if REGEN:
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"{path} is missing: run with LEXIKON_REGEN=1 and check it by hand"
    return path.read_text(encoding="utf-8")


def golden_lines(path: Path, actual: list[str] | None = None) -> list[str]:
    """The golden file's lines; with ``LEXIKON_REGEN=1`` and ``actual`` given, first written
    from ``actual`` (one line each, newline-terminated)."""
    if actual is not None:
        return golden_text(path, "".join(f"{line}\n" for line in actual)).splitlines()
    assert path.is_file(), f"{path} is missing: run with LEXIKON_REGEN=1 and check it by hand"
    return path.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def pool() -> Iterator[ThreadPoolExecutor]:
    """Runs a suite's subprocesses (checks, builds) side by side: each file stays well under
    a minute. One pool per test module."""
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as executor:
        yield executor

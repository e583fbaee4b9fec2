"""Bad input, one defect per fixture: what `lexicon check` and the build say about it.

Each folder in ``tests/fixtures/bad/`` holds a small ``glossary/`` with one defect (the
contract's "What the check finds", one case per error, warning and note) and beside it
``expected.txt``: the exact finding lines of ``lexicon check`` (text format, without the
summary line). A case is an error, warning or note case by the worst severity it expects.

Regenerate the golden files after a deliberate change of messages or locations with
``LEXIKON_REGEN=1`` (see ``tests/support/golden.py``), then read every changed
``expected.txt`` (``git diff``).
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.golden import cases, check_lines, golden_lines, parse_finding
from tests.support.project import FIXTURES, Project, article, copy_project

BAD = FIXTURES / "bad"
CASES = cases(BAD)

GITHUB_KIND = {"error": "error", "warning": "warning", "note": "notice"}


@dataclass(frozen=True)
class Expected:
    """A case's golden findings, parsed."""

    lines: list[str]
    findings: list[dict[str, str | int]]

    @property
    def severities(self) -> set[str]:
        return {str(f["severity"]) for f in self.findings}

    @property
    def kind(self) -> str:
        """'error', 'warning' or 'note': the worst severity the case expects."""
        for severity in ("error", "warning", "note"):
            if severity in self.severities:
                return severity
        raise AssertionError("a bad-input case expects at least one finding")


def expected(case: str, actual: list[str] | None = None) -> Expected:
    """The case's golden findings (with ``LEXIKON_REGEN=1`` and ``actual``, written first)."""
    lines = golden_lines(BAD / case / "expected.txt", actual)
    return Expected(lines, [parse_finding(line) for line in lines])


def cases_of(*kinds: str) -> list[str]:
    """The cases whose expected.txt makes them one of ``kinds`` (a new case: after its regen)."""
    return [case for case in CASES
            if (BAD / case / "expected.txt").is_file() and expected(case).kind in kinds]


def project_for(case: str, tmp_path: Path) -> Project:
    return copy_project(tmp_path / "p", BAD / case / "glossary")


# --- the command line ---------------------------------------------------------------------

CHECK_RUNS = {"text": (), "strict": ("--strict",), "json": ("--format", "json"),
              "github": ("--format", "github")}


@pytest.fixture(scope="module")
def check_runs(tmp_path_factory: pytest.TempPathFactory, pool: ThreadPoolExecutor
               ) -> Callable[[str], dict[str, subprocess.CompletedProcess[str]]]:
    """``lexicon check`` in each format, run once per case (in parallel) and shared."""
    cache: dict[str, dict[str, subprocess.CompletedProcess[str]]] = {}

    def runs(case: str) -> dict[str, subprocess.CompletedProcess[str]]:
        if case not in cache:
            project = project_for(case, tmp_path_factory.mktemp(case))
            futures = {name: pool.submit(project.lexicon, "check", *args)
                       for name, args in CHECK_RUNS.items()}
            cache[case] = {name: future.result() for name, future in futures.items()}
        return cache[case]

    return runs


@pytest.mark.parametrize("case", CASES)
def test_check_reports_exactly_the_expected_findings(case: str, check_runs) -> None:
    result = check_runs(case)["text"]
    lines, summary = check_lines(result)
    want = expected(case, lines)
    assert lines == want.lines
    for severity in ("error", "warning", "note"):
        assert int(summary[severity]) == sum(f["severity"] == severity for f in want.findings)
    assert result.returncode == (1 if want.kind == "error" else 0), result.stdout


@pytest.mark.parametrize("case", CASES)
def test_check_strict_fails_on_errors_and_warnings(case: str, check_runs) -> None:
    runs = check_runs(case)
    lines, _ = check_lines(runs["strict"])
    assert lines == check_lines(runs["text"])[0], "--strict changes the exit code, not the findings"
    assert runs["strict"].returncode == (0 if expected(case).kind == "note" else 1), lines


@pytest.mark.parametrize("case", CASES)
def test_check_json_holds_the_same_findings(case: str, check_runs) -> None:
    runs = check_runs(case)
    result = runs["json"]
    assert "Traceback" not in result.stderr, result.stderr
    document = json.loads(result.stdout)
    text = [parse_finding(line) for line in check_lines(runs["text"])[0]]
    assert document["findings"] == text
    assert document["counts"] == {s: sum(f["severity"] == s for f in text)
                                  for s in ("error", "warning", "note")}
    assert result.returncode == runs["text"].returncode


@pytest.mark.parametrize("case", CASES)
def test_check_github_annotates_each_finding_at_its_place(case: str, check_runs) -> None:
    runs = check_runs(case)
    result = runs["github"]
    assert "Traceback" not in result.stderr, result.stderr
    text = [parse_finding(line) for line in check_lines(runs["text"])[0]]
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == len(text), result.stdout
    for line, finding in zip(annotations, text, strict=True):
        kind = GITHUB_KIND[str(finding["severity"])]
        assert line.startswith(
            f"::{kind} file={finding['path']},line={finding['line']},col={finding['col']}"
        ), line
        assert line.endswith(f"::{finding['message']}"), line
    assert result.returncode == runs["text"].returncode


# --- the build ------------------------------------------------------------------------------


def builds(case: str, tmp_path: Path, pool: ThreadPoolExecutor
           ) -> tuple[Project, subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]]:
    """``mkdocs build --strict`` and a plain ``mkdocs build``, side by side in two copies."""
    strict_project = project_for(case, tmp_path / "strict")
    relaxed_project = project_for(case, tmp_path / "relaxed")
    strict = pool.submit(strict_project.build, strict=True)
    relaxed = pool.submit(relaxed_project.build, strict=False)
    return relaxed_project, strict.result(), relaxed.result()


@pytest.mark.parametrize("case", cases_of("error"))
def test_errors_fail_every_build_and_name_the_place(case: str, tmp_path: Path, pool) -> None:
    want = expected(case)
    _, strict, relaxed = builds(case, tmp_path, pool)
    for result in (strict, relaxed):
        assert result.returncode != 0, f"the build must fail:\n{result.args}\n{result.stderr}"
        assert "Traceback" not in result.stderr, result.stderr
        for line in want.lines:
            assert line in result.stderr, f"the build log lacks {line!r}:\n{result.stderr}"


@pytest.mark.parametrize("case", cases_of("warning"))
def test_warnings_fail_only_the_strict_build(case: str, tmp_path: Path, pool) -> None:
    want = expected(case)
    project, strict, relaxed = builds(case, tmp_path, pool)
    assert strict.returncode != 0, f"--strict must fail on a warning:\n{strict.stderr}"
    assert relaxed.returncode == 0, relaxed.stderr
    for result in (strict, relaxed):
        for line in want.lines:
            assert line in result.stderr, f"the build log lacks {line!r}:\n{result.stderr}"
    assert (project.site / "terms" / "backsourcing" / "index.html").is_file()


@pytest.mark.parametrize("case", cases_of("note"))
def test_notes_never_fail_a_build_and_are_logged(case: str, tmp_path: Path) -> None:
    want = expected(case)
    project = project_for(case, tmp_path)
    result = project.build(strict=True)
    assert result.returncode == 0, result.stderr
    for line in want.lines:
        assert line in result.stderr, f"the build log lacks {line!r}:\n{result.stderr}"
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr, result.stderr
    content = article(project.html("terms/backsourcing/"))
    removed = {"note-duplicate-paragraph": "Backsourcing holt zuvor ausgelagerte Aufgaben",
               "note-paragraph-repeats-summary": "Die Rückholung ausgelagerter Aufgaben."}
    if case in removed:
        assert content.count(removed[case]) == 1, "the page shows the paragraph once"


# --- every finding of a run -------------------------------------------------------------------


def test_every_finding_of_a_run_is_reported(tmp_path: Path, check_runs) -> None:
    """Defects in four files and three stages (load, check, references): one run reports each."""
    lines, summary = check_lines(check_runs("every-finding-of-a-run")["text"])
    found = [parse_finding(line) for line in lines]

    def at(path: str, line: int, col: int, fragment: str) -> bool:
        return any(f["path"] == f"glossary/{path}" and (f["line"], f["col"]) == (line, col)
                   and fragment in str(f["message"]) for f in found)

    defects = [
        ("backsourcing.yml", 3, 3, "key 'title' given twice"),
        ("backsourcing.yml", 4, 12, "python/name:os.system"),
        ("insourcing.yml", 1, 24, "'offshoring' names no entry"),
        ("insourcing.yml", 7, 12, "ftp://example.org/"),
        ("insourcing.yml", 1, 1, "no 'da' block"),
        ("nearshoring.yml", 3, 40, "YAML syntax"),
        ("outsourcing.yml", 1, 12, "tag 'finance' is not defined"),
        ("outsourcing.yml", 4, 48, "raw HTML '<i>'"),
        ("outsourcing.yml", 5, 3, "unknown key 'titel'"),
        ("outsourcing.yml", 8, 59, "'[[backsorcing]]' names no entry"),
    ]
    missing = [defect for defect in defects if not at(*defect)]
    assert not missing, f"not reported: {missing}\n" + "\n".join(lines)
    assert int(summary["error"]) >= 9 and int(summary["warning"]) == 1

    build = project_for("every-finding-of-a-run", tmp_path).build(strict=True)
    assert build.returncode != 0
    for path, line, col, _ in defects:
        assert f"glossary/{path}:{line}:{col}: " in build.stderr, build.stderr


# --- messages an editor can act on -------------------------------------------------------------


def test_yaml_syntax_error_says_what_to_do(check_runs) -> None:
    """The commonest slip: ': ' inside an unquoted text. 'fix the YAML here' does not say how."""
    lines, _ = check_lines(check_runs("yaml-syntax-error")["text"])
    (line,) = lines
    assert "quote" in parse_finding(line)["message"].lower(), line  # type: ignore[union-attr]


def test_near_duplicate_warning_names_the_other_paragraph(check_runs) -> None:
    """Excerpts of 60 characters often end before the paragraphs differ: name the other's line."""
    lines, _ = check_lines(check_runs("warning-near-duplicate")["text"])
    (line,) = lines
    assert "line 5" in line, line

"""The ``lexicon`` command line, called in-process on a project in tmp_path."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from lexikon.cli.main import EXIT_FAILED, EXIT_OK, EXIT_USAGE, main
from lexikon.cli.report import format_github
from lexikon.core.model import Finding, Glossary, Result, Severity
from tests.support.constants import LANGS, ROOT

CLEAN = {
    "_tags.yml": "it: {de: IT, da: IT}\n",
    "alpha.yml": """
        tags: [it]
        related: [beta]
        de:
          title: Alpha
          summary: Der erste Begriff, siehe [[beta]].
        da:
          title: Alfa
          summary: Det første begreb.
    """,
    "beta.yml": """
        de:
          title: Beta
          summary: Der zweite Begriff.
        da:
          title: Beta
          summary: Det andet begreb.
    """,
}
ERROR = """
    de:
      title: Gamma
      summary: Der dritte.
      sumary: Tippfehler.
    da:
      title: Gamma
      summary: Det tredje.
"""
WARNING = """
    de:
      title: Delta
      summary: Nur auf Deutsch.
"""
NOTE = """
    de:
      title: Epsilon
      summary: Kurz.
      body: |
        Ein Absatz.

        Ein Absatz.
    da:
      title: Epsilon
      summary: Kort.
"""
TEXT_LINE = re.compile(r"^glossary/[\w.-]+\.yml:\d+:\d+: (error|warning|note): .+$")
SUMMARY = re.compile(r"^\d+ entr(?:y|ies) checked: \d+ error\(s\), \d+ warning\(s\), \d+ note\(s\)$")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """A project folder (the real mkdocs.yml) with ``CLEAN`` plus extra entries; cwd is set to it."""

    def make(**extra: str) -> Path:
        root = tmp_path / "project"
        root.mkdir()
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        (root / "glossary").mkdir()
        for name, text in {**CLEAN, **{f"{k}.yml": v for k, v in extra.items()}}.items():
            (root / "glossary" / name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        monkeypatch.chdir(root)
        return root

    return make


def lines(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return capsys.readouterr().out.splitlines()


# --- exit codes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "args", "code"),
    [
        ({}, ["check"], EXIT_OK),
        ({}, ["check", "--strict"], EXIT_OK),
        ({"gamma": ERROR}, ["check"], EXIT_FAILED),
        ({"gamma": ERROR}, ["check", "--strict"], EXIT_FAILED),
        ({"delta": WARNING}, ["check"], EXIT_OK),
        ({"delta": WARNING}, ["check", "--strict"], EXIT_FAILED),
        ({"epsilon": NOTE}, ["check"], EXIT_OK),
        ({"epsilon": NOTE}, ["check", "--strict"], EXIT_OK),  # notes never fail
        ({"gamma": ERROR}, ["check", "--format", "json"], EXIT_FAILED),
        ({"delta": WARNING}, ["check", "--strict", "--format", "github"], EXIT_FAILED),
    ],
)
def test_exit_code(
    project: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    extra: dict[str, str],
    args: list[str],
    code: int,
) -> None:
    project(**extra)
    assert main(args) == code
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    "args",
    [[], ["bogus"], ["check", "--format", "xml"], ["check", "--nope"], ["--strict", "check"]],
)
def test_bad_usage_exits_2(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    project()
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == EXIT_USAGE == 2
    assert "usage: lexicon" in capsys.readouterr().err


@pytest.mark.parametrize("args", [["check"], ["-f", "nowhere/mkdocs.yml", "check"]])
def test_missing_mkdocs_yml_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == EXIT_USAGE
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "mkdocs.yml not found" in captured.err and "--config-file" in captured.err


def test_config_file_from_another_folder(
    project: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    root = project(gamma=ERROR)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["--config-file", str(root / "mkdocs.yml"), "check"]) == EXIT_FAILED
    out = lines(capsys)
    assert out[0].startswith(
        "glossary/gamma.yml:4:3: error: unknown key 'sumary'"
    )  # paths relative to mkdocs.yml


# --- output formats --------------------------------------------------------------------------


def test_text_output(project: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    project(gamma=ERROR, delta=WARNING, epsilon=NOTE)
    assert main(["check"]) == EXIT_FAILED
    out = lines(capsys)
    assert all(TEXT_LINE.match(line) for line in out[:-1]), out
    assert out[-1] == "5 entries checked: 1 error(s), 1 warning(s), 1 note(s)"
    assert [line.split(": ", 2)[:2] for line in out[:-1]] == [
        ["glossary/delta.yml:1:1", "warning"],
        ["glossary/epsilon.yml:7:5", "note"],
        ["glossary/gamma.yml:4:3", "error"],
    ]
    assert "unknown key 'sumary' (did you mean 'summary'?)" in out[2]


def test_text_output_when_clean(project: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    project()
    assert main(["check"]) == EXIT_OK
    assert lines(capsys) == ["2 entries checked: 0 error(s), 0 warning(s), 0 note(s)"]


def test_one_entry_is_counted_in_the_singular(project: Callable[..., Path],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    root = project()
    _first, *others = sorted((root / "glossary").glob("[a-z]*.yml"))
    for path in others:
        path.unlink()
    main(["check"])  # the entry left may link to one removed: only the count matters here
    assert lines(capsys)[-1].startswith("1 entry checked: ")


def test_json_output(project: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    project(gamma=ERROR, delta=WARNING, epsilon=NOTE)
    assert main(["check", "--format", "json"]) == EXIT_FAILED
    document = json.loads(capsys.readouterr().out)
    assert set(document) == {"entries", "counts", "findings"}
    assert document["entries"] == 5
    assert document["counts"] == {"error": 1, "warning": 1, "note": 1}
    assert [(f["path"], f["line"], f["col"], f["severity"]) for f in document["findings"]] == [
        ("glossary/delta.yml", 1, 1, "warning"),
        ("glossary/epsilon.yml", 7, 5, "note"),
        ("glossary/gamma.yml", 4, 3, "error"),
    ]
    assert all(set(f) == {"path", "line", "col", "severity", "message"} for f in document["findings"])
    assert "Ein Absatz." in document["findings"][1]["message"]  # not ASCII-escaped, readable


def test_json_output_when_clean(project: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    project()
    assert main(["check", "--format", "json"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out) == {
        "entries": 2,
        "counts": {"error": 0, "warning": 0, "note": 0},
        "findings": [],
    }


def test_github_output(project: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    project(gamma=ERROR, delta=WARNING, epsilon=NOTE)
    assert main(["check", "--format", "github"]) == EXIT_FAILED
    out = lines(capsys)
    assert [line.split("::")[1] for line in out[:-1]] == [
        "warning file=glossary/delta.yml,line=1,col=1,title=lexicon warning",
        "notice file=glossary/epsilon.yml,line=7,col=5,title=lexicon note",
        "error file=glossary/gamma.yml,line=4,col=3,title=lexicon error",
    ]
    assert out[2].startswith("::error file=glossary/gamma.yml,line=4,col=3,title=lexicon error::unknown key")
    assert SUMMARY.match(out[-1])


def test_github_output_escapes_the_message() -> None:
    result = Result(Glossary({}, {}, LANGS), ())
    finding = Finding("glossary/a.yml", 2, 3, Severity.ERROR, "100% falsch\r\nzweite Zeile")
    out = format_github([finding], result).splitlines()
    assert (
        out[0]
        == "::error file=glossary/a.yml,line=2,col=3,title=lexicon error::100%25 falsch%0D%0Azweite Zeile"
    )
    assert len(out) == 2


# --- check FILE ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "given", ["glossary/delta.yml", "./glossary/delta.yml", "glossary/../glossary/delta.yml", "ABSOLUTE"]
)
def test_check_file_reports_only_that_file(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str], given: str
) -> None:
    root = project(gamma=ERROR, delta=WARNING)
    path = str(root / "glossary" / "delta.yml") if given == "ABSOLUTE" else given
    assert main(["check", path]) == EXIT_OK  # gamma's error is not this file's
    out = lines(capsys)
    assert len(out) == 2
    assert out[0].startswith("glossary/delta.yml:1:1: warning: no 'da' block")
    assert out[1] == "4 entries checked: 0 error(s), 1 warning(s), 0 note(s)"
    assert main(["check", "--strict", path]) == EXIT_FAILED


def test_check_file_still_resolves_links_against_all(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    project(gamma=ERROR)
    assert main(["check", "glossary/alpha.yml"]) == EXIT_OK  # [[beta]] is found in beta.yml
    assert lines(capsys) == ["3 entries checked: 0 error(s), 0 warning(s), 0 note(s)"]


def test_check_several_files(project: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    project(gamma=ERROR, delta=WARNING, epsilon=NOTE)
    assert main(["check", "glossary/gamma.yml", "glossary/epsilon.yml"]) == EXIT_FAILED
    out = lines(capsys)
    assert {line.split(":")[0] for line in out[:-1]} == {"glossary/gamma.yml", "glossary/epsilon.yml"}
    assert out[-1].endswith("1 error(s), 0 warning(s), 1 note(s)")


def test_config_findings_are_always_reported(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = project()
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "    glossary_dir: glossary", "    glossary_dir: glossary\n    colour: blue"
        ),
        encoding="utf-8",
    )
    assert main(["check", "glossary/alpha.yml"]) == EXIT_FAILED
    out = lines(capsys)
    assert out[0].startswith("mkdocs.yml:1:1: error: extra.lexikon: unknown option 'colour'")


# --- new, stats, schema ------------------------------------------------------------------------


def test_new_entry_fails_until_filled_then_passes(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = project()
    assert main(["new", "wettbewerbsvorteil", "--title-de", "Wettbewerbsvorteil"]) == EXIT_OK
    path = root / "glossary" / "wettbewerbsvorteil.yml"
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=_entry.schema.json\n")
    assert 'title: "Wettbewerbsvorteil"' in text
    capsys.readouterr()
    assert main(["check", str(path)]) == EXIT_FAILED
    out = capsys.readouterr().out
    assert "'summary' is empty" in out and "'title' is empty" in out  # says what to fill in
    text = text.replace('title: ""', 'title: "Konkurrencefordel"')
    text = text.replace('summary: ""', 'summary: "Ein Vorsprung vor den Mitbewerbern."', 1)
    text = text.replace('summary: ""', 'summary: "Et forspring i forhold til konkurrenterne."', 1)
    path.write_text(text, "utf-8")
    assert main(["check", "--strict", str(path)]) == EXIT_OK


@pytest.mark.parametrize(("entry_id", "code"), [("alpha", EXIT_FAILED), ("Not An Id", EXIT_USAGE)])
def test_new_refuses_existing_and_invalid_ids(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str], entry_id: str, code: int
) -> None:
    project()
    assert main(["new", entry_id]) == code
    assert "lexicon new:" in capsys.readouterr().err


def test_stats_table_and_json(project: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    project(delta=WARNING)
    assert main(["stats"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Entries:" in out and "Missing translations: 1" in out and "delta: da" in out
    assert main(["stats", "--format", "json"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert {c["lang"]: c["entries"] for c in data["coverage"]}["da"] == data["entries"] - 1
    assert data["missing"] == {"delta": ["da"]}


def test_pre_commit_hook_runs_the_check_on_changed_entries() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    (hook,) = config["repos"][0]["hooks"]
    assert hook["entry"].startswith(".venv/bin/lexicon check")
    assert re.match(hook["files"], "glossary/backsourcing.yml")
    assert not re.match(hook["files"], "glossary/_tags.yml")
    assert not re.match(hook["files"], "docs/index.md")
    arguments = [*hook["entry"].split()[1:], "glossary/backsourcing.yml"]
    result = subprocess.run([sys.executable, "-m", "lexikon.cli", *arguments], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr

"""``lexicon lint FILE…``: any Markdown or text file against the lexicon's deprecated terms,
in ``check``'s three formats; a file that cannot be read is one located line, never a
traceback; files outside the project are read (and never written)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from lexikon.cli.main import EXIT_FAILED, EXIT_OK, main
from tests.support.constants import ROOT

ENTRY = """\
de:
  title: Backsourcing
  summary: Die Rückholung ausgelagerter Aufgaben.
  deprecated: [Rückoutsourcing]
da:
  title: Backsourcing
  summary: Hjemtagning af opgaver.
  deprecated: [tilbageudlicitering]
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with one entry that deprecates a term per language; cwd is set to it."""
    root = tmp_path / "project"
    (root / "glossary").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "glossary" / "backsourcing.yml").write_text(ENTRY, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """Another repository's docs, outside the project."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "plan.md").write_text("# Plan\n\nDas `Rückoutsourcing` im Code nicht, aber:\n"
                                    "wir planen das Rückoutsourcings-Projekt und das Rückoutsourcing.\n",
                                    encoding="utf-8")
    (folder / "plan.da.md").write_text("Vi planlægger tilbageudliciteringen.\nRückoutsourcing.\n",
                                       encoding="utf-8")
    (folder / "notes.md").write_text("---\ntitle: Noter\nlang: da\n---\nTilbageudlicitering!\n",
                                     encoding="utf-8")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    (folder / "latin1.txt").write_bytes("Rückoutsourcing".encode("latin-1"))
    return folder


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = main(["lint", *args])
    return code, capsys.readouterr().out.splitlines()


def test_uses_are_found_at_their_line_and_column_by_the_files_language(project: Path, docs: Path,
                                                                     capsys) -> None:
    code, out = _run(capsys, str(docs / "plan.md"), str(docs / "plan.da.md"), str(docs / "notes.md"))
    assert code == EXIT_FAILED
    assert out == [
        f"{docs}/notes.md:5:1: warning: 'Tilbageudlicitering' is not to be used "
        "(glossary/backsourcing.yml): write 'Backsourcing'",
        f"{docs}/plan.da.md:1:15: warning: 'tilbageudliciteringen', a form of 'tilbageudlicitering' is "
        "not to be used (glossary/backsourcing.yml): write 'Backsourcing'",
        f"{docs}/plan.md:4:16: warning: 'Rückoutsourcings', a form of 'Rückoutsourcing' is not to be "
        "used (glossary/backsourcing.yml): write 'Backsourcing'",
        f"{docs}/plan.md:4:49: warning: 'Rückoutsourcing' is not to be used (glossary/backsourcing.yml): "
        "write 'Backsourcing'",
        "3 files checked: 0 error(s), 4 warning(s), 0 note(s)",
    ]
    assert not any(path.name.startswith(".") for path in docs.iterdir()), "lint writes nothing"


def test_lang_overrides_the_file_name(project: Path, docs: Path, capsys) -> None:
    code, out = _run(capsys, "--lang", "da", str(docs / "plan.md"))
    assert (code, out) == (EXIT_OK, ["1 file checked: 0 error(s), 0 warning(s), 0 note(s)"])


def test_json_and_github_formats(project: Path, docs: Path, capsys) -> None:
    code, out = _run(capsys, "--format", "json", str(docs / "plan.da.md"))
    document = json.loads("\n".join(out))
    assert code == EXIT_FAILED and document["counts"] == {"error": 0, "warning": 1, "note": 0}
    assert document["findings"][0] | {"message": ""} == {
        "path": f"{docs}/plan.da.md", "line": 1, "col": 15, "severity": "warning", "message": ""}
    code, out = _run(capsys, "--format", "github", str(docs / "plan.da.md"))
    assert out[0].startswith(f"::warning file={docs}/plan.da.md,line=1,col=15,title=lexicon warning::")


def test_unreadable_files_are_one_located_line_each(project: Path, docs: Path, capsys) -> None:
    locked = docs / "locked.md"
    locked.write_text("x", encoding="utf-8")
    locked.chmod(0)
    code, out = _run(capsys, str(docs / "missing.md"), str(docs / "image.png"), str(docs / "latin1.txt"),
                     str(docs), str(locked))
    assert code == EXIT_FAILED
    messages = {line.split(": error: ")[0]: line.split(": error: ")[1] for line in out[:-1]}
    assert messages[f"{docs}/missing.md:1:1"].startswith("no such file")
    assert messages[f"{docs}/image.png:1:1"].startswith("this is not a text file")
    assert messages[f"{docs}/latin1.txt:1:1"].startswith("the file is not UTF-8")
    assert messages[f"{docs}:1:1"].startswith("this is a folder")
    if os.geteuid() != 0:  # root reads anything
        assert messages[f"{locked}:1:1"].startswith("cannot read the file")
    assert out[-1].startswith("5 files checked: ")


def test_devices_and_pipes_are_refused_not_read(project: Path, docs: Path, capsys) -> None:
    """/dev/zero never ends and a FIFO blocks until someone writes: both hung the linter."""
    fifo = docs / "pipe.md"
    os.mkfifo(fifo)
    code, out = _run(capsys, "/dev/zero", str(fifo))
    assert code == EXIT_FAILED
    assert out[0] == "/dev/zero:1:1: error: this is not a regular file (a device, pipe or socket): lint " \
                     "Markdown or text files"
    assert out[1].startswith(f"{fifo}:1:1: error: this is not a regular file")


def test_a_file_larger_than_it_says_is_cut_off_at_the_limit(project: Path, docs: Path, capsys,
                                                            monkeypatch) -> None:
    from lexikon.cli import lint

    monkeypatch.setattr(lint, "MAX_BYTES", 10)
    big = docs / "big.md"
    big.write_text("x" * 11, encoding="utf-8")
    code, out = _run(capsys, str(big))
    assert code == EXIT_FAILED and "is larger than" in out[0]


def test_a_glossary_without_deprecated_terms_finds_nothing(project: Path, docs: Path, capsys) -> None:
    (project / "glossary" / "backsourcing.yml").write_text(ENTRY.replace("  deprecated:", "  aliases:"),
                                                          encoding="utf-8")
    assert _run(capsys, str(docs / "plan.md"))[0] == EXIT_OK

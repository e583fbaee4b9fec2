"""Session 13's attack on the checker with an editor's entry it never reads.

README: "Each term is one YAML file in ``glossary/``"; "Bad input: one located line"; nothing of
an editor's text is lost without a word. An entry saved as ``Cloud.YML`` (editors that keep the
suffix's case), or into a subfolder (``glossary/it/cloud.yml``), was read by nothing: ``lexicon
check`` said "0 error(s)", the build published no page, and the pre-commit pattern skips both.
``lexicon check FILE`` on a file the check does not read (outside the glossary and docs/)
answered "0 error(s)", exit 0, as if it had been checked."""

from __future__ import annotations

from pathlib import Path

from tests.support.term_imports import empty_project, run_lexicon

BROKEN = "de:\n  title: Wolke\n  summry: Eine Wolke.\n"


def test_an_entry_with_an_upper_case_suffix_is_an_error_where_it_stands(tmp_path: Path) -> None:
    project = empty_project(tmp_path / "project")
    (project / "glossary" / "Wolke.YML").write_text(BROKEN, encoding="utf-8")
    result = run_lexicon(project, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.startswith("glossary/Wolke.YML:1:1: error: "), result.stdout
    assert "'wolke.yml'" in result.stdout.splitlines()[0]  # the name to give it: the id's


def test_entries_in_a_subfolder_are_a_warning_and_fail_strict(tmp_path: Path) -> None:
    project = empty_project(tmp_path / "project")
    (project / "glossary" / "it").mkdir()
    (project / "glossary" / "it" / "wolke.yml").write_text(BROKEN, encoding="utf-8")
    (project / "glossary" / "_archiv").mkdir()  # a folder named with '_' is the editors' own
    (project / "glossary" / "_archiv" / "alt.yml").write_text(BROKEN, encoding="utf-8")
    result = run_lexicon(project, "check", "--strict")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("glossary/it/wolke.yml:1:1: warning: "), result.stdout
    assert "_archiv" not in result.stdout


def test_check_of_a_file_it_does_not_read_says_so(tmp_path: Path) -> None:
    project = empty_project(tmp_path / "project")
    outside = tmp_path / "notes.yml"
    outside.write_text(BROKEN, encoding="utf-8")
    fine = "de:\n  title: Wolke\n  summary: Eine Wolke.\nda:\n  title: Sky\n  summary: En sky.\n"
    (project / "glossary" / "wolke.yml").write_text(fine, encoding="utf-8")
    result = run_lexicon(project, "check", str(outside))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.startswith(f"{outside}:1:1: error: "), result.stdout
    assert "nothing was checked" in result.stdout
    assert run_lexicon(project, "check", "glossary/wolke.yml").returncode == 0
    assert run_lexicon(project, "check", "mkdocs.yml").returncode == 0


def test_check_of_an_entry_of_a_glossary_outside_the_project_by_any_spelling(tmp_path: Path) -> None:
    """``glossary_dir`` may lie outside the project; its entry named absolutely is one the check reads."""
    project = empty_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("    glossary_dir: glossary\n", "    glossary_dir: ../terms\n")
    config.write_text(text, encoding="utf-8")
    (tmp_path / "terms").mkdir()
    entry = tmp_path / "terms" / "wolke.yml"
    entry.write_text("de:\n  title: Wolke\n  summary: Eine Wolke.\nda:\n  title: Sky\n  summary: En sky.\n",
                     encoding="utf-8")
    assert "glossary_dir: ../terms" in config.read_text(encoding="utf-8")
    assert run_lexicon(project, "check", str(entry)).returncode == 0
    assert run_lexicon(project, "check", str(tmp_path / "notes.yml")).returncode == 1  # no such file

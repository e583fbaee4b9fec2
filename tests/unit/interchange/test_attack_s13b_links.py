"""Session 13's attack on the importers with an existing entry file that is a symbolic link.

README, "Security": an entry file that is a symbolic link "is refused unread, wherever it
leads (inside the project it could lead into ``.git/`` or an ignored file of secrets, and a
finding would quote it)". The importers that add to an existing entry (``lexicon import``
onto an entry, ``import-csv`` adding a language) read it through the link: a dry run printed
the linked file whole. The write was refused (``safe_write``); the read was not."""

from __future__ import annotations

from pathlib import Path

from tests.support.term_imports import empty_project, run_lexicon

SECRET = "SECRET_TOKEN=hunter2"


def _linked_entry(tmp_path: Path) -> Path:
    """A project whose ``glossary/wolke.yml`` is a link to an ignored file holding a secret."""
    project = empty_project(tmp_path / "project")
    (project / ".env").write_text(f"de:\n  title: Wolke\n  summary: Eine Wolke.\n# {SECRET}\n",
                                  encoding="utf-8")
    (project / "glossary" / "wolke.yml").symlink_to("../.env")
    return project


def test_article_dry_run_onto_a_linked_entry_never_shows_what_it_leads_to(tmp_path: Path) -> None:
    project = _linked_entry(tmp_path)
    article = tmp_path / "sky.da.md"
    article.write_text("# Sky\n\nEn sky er en samling vanddråber i luften.\n", encoding="utf-8")
    result = run_lexicon(project, "import", str(article), "--lang", "da", "--id", "wolke", "--dry-run")
    assert SECRET not in result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert len(errors) == 1 and "link" in errors[0], result.stdout
    assert (project / ".env").read_text(encoding="utf-8").endswith(f"# {SECRET}\n")


def test_csv_adding_a_language_to_a_linked_entry_refuses_it_unread(tmp_path: Path) -> None:
    project = _linked_entry(tmp_path)
    sheet = tmp_path / "glossary.da.csv"
    sheet.write_text("id,title,summary\nwolke,Sky,En sky.\n", encoding="utf-8")
    result = run_lexicon(project, "import-csv", str(sheet), "--dry-run")
    assert SECRET not in result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{sheet}:2:1: error: " in result.stdout and "symbolic link" in result.stdout, result.stdout
    assert (project / "glossary" / "wolke.yml").is_symlink()


def test_csv_adding_a_language_to_an_oversized_entry_is_one_located_line(tmp_path: Path) -> None:
    """An entry over the check's 1 MiB limit is not read whole by an import either."""
    project = empty_project(tmp_path / "project")
    big = project / "glossary" / "wolke.yml"
    big.write_text("de:\n  title: Wolke\n  summary: Eine Wolke.\n" + "# x\n" * 300_000, encoding="utf-8")
    before = big.read_bytes()
    sheet = tmp_path / "glossary.da.csv"
    sheet.write_text("id,title,summary\nwolke,Sky,En sky.\n", encoding="utf-8")
    result = run_lexicon(project, "import-csv", str(sheet))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{sheet}:2:1: error: " in result.stdout and "over the limit" in result.stdout, result.stdout
    assert big.read_bytes() == before

"""``lexicon check`` covers ``docs/``: the articles' findings beside the glossary's, the same
from a warm cache (whose reports come without entries), one file when asked, and as GitHub
annotations on the article's line."""

from __future__ import annotations

from pathlib import Path

from tests.support.articles import ONE_TERM
from tests.support.project import copy_project

GLOSSARY = ONE_TERM


def test_check_reports_articles_cold_and_warm_and_per_file(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", GLOSSARY)
    project.write("docs/a.md", "# A\n\nÜber [[outsourcing]] und [[outsorcing]].\n")
    project.write("docs/a.da.md", "# A\n")
    project.write("docs/b.md", "# B\n")
    cold = project.lexicon("check")
    warm = project.lexicon("check")
    assert cold.stdout == warm.stdout and cold.returncode == warm.returncode == 1
    lines = cold.stdout.splitlines()
    assert lines[:2] == [
        "docs/a.md:3:26: error: the cross-link '[[outsorcing]]' names no entry (did you mean "
        "'outsourcing'?): fix the id, or write plain text until the entry exists",
        "docs/b.md:1:1: warning: this article has no version in Dansk (da): the da site shows it with a "
        "notice that it is not translated yet; write docs/b.da.md"]
    only_b = project.lexicon("check", "--strict", "docs/b.md")
    assert only_b.returncode == 1 and only_b.stdout.splitlines()[:-1] == lines[1:2]
    github = project.lexicon("check", "--format", "github", "docs/a.md").stdout.splitlines()
    assert github[0].startswith("::error file=docs/a.md,line=3,col=26,title=lexicon error::the cross-link")

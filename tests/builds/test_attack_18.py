"""Attack on issue 18 (articles): inputs the authors did not design for, each a strict xfail
that asserts the promised outcome on the built site (README "Articles in docs/", "The site")."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.builds.test_articles_build import GLOSSARY
from tests.support.project import Project, article, copy_project

URL_IN_TEXT = """\
---
title: Adresse
---

Siehe https://example.org/Outsourcing/page für mehr.

Erst hier steht Outsourcing im Fließtext.
"""

BRACKET_LABEL = """\
---
title: Klammer
---

Ein Link [[insourcing|mit \\] Klammer]] im Text.
"""

MARKUP_LABEL = """\
---
title: Betont
---

Ein Link [[nearshoring|*betont*]] im Text.
"""

REPEATS = """\
---
title: Wiederholt
---

Beispiel
--------

Erster Absatz hier.

***

Beispiel
--------

Zweiter Absatz hier.

***

Schluss.
"""

QUIET = """\
---
title: Ohne Autolink
autolink: false
terms: true
---

Hier wird Backsourcing nur erwähnt, nicht verlinkt.
"""

DANISH = """\
---
title: Dansk
---

Tekst.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = copy_project(tmp_path_factory.mktemp("attack18"), GLOSSARY)
    project.write("glossary/_tags.yml", "it: {de: IT, da: IT}\n")
    for name, text in {"adresse": URL_IN_TEXT, "klammer": BRACKET_LABEL, "betont": MARKUP_LABEL,
                       "wiederholt": REPEATS, "ohne-autolink": QUIET,
                       "kopf": "# Der Befehl `lexicon check` erklärt\n\nText.\n"}.items():
        project.write(f"docs/{name}.md", text)
        project.write(f"docs/{name}.da.md", DANISH)
    result = project.build(strict=False)
    assert result.returncode == 0, result.stderr
    return project


def test_repeated_setext_heading_and_rule_stay(site: Project) -> None:
    page = article(site.html("wiederholt/"))
    assert page.count("<hr") == 2
    assert page.count('id="beispiel') == 2


def test_mention_counts_without_autolink(site: Project) -> None:
    page = article(site.html("ohne-autolink/"))
    assert "lexikon-article-terms" in page and 'href="../terms/backsourcing/"' in page
    assert "../../ohne-autolink/" in site.html("terms/backsourcing/")


def test_title_from_heading_keeps_code_text(site: Project) -> None:
    assert ">Der Befehl lexicon check erklärt</a>" in site.html("articles/")
    assert "<title>Der Befehl lexicon check erklärt - Lexikon</title>" in site.html("kopf/")


def test_term_inside_a_bare_url_is_not_linked(site: Project) -> None:
    page = article(site.html("adresse/"))
    assert "https://example.org/Outsourcing/page" in page
    assert 'Erst hier steht <a href="../terms/outsourcing/"' in page


def test_link_with_bracket_in_label_counts_for_the_term(site: Project) -> None:
    assert 'href="../terms/insourcing/"' in article(site.html("klammer/"))
    assert "../../klammer/" in site.html("terms/insourcing/")
    data = json.loads((site.site / "glossary.json").read_text(encoding="utf-8"))
    assert "insourcing" in data["articles"]["klammer"]["texts"]["de"]["links"]


def test_article_in_pagefind_folder_is_on_the_site_or_refused(tmp_path: Path) -> None:
    # Its own project (f18b): refusing the article fails the build, which the shared site may not.
    project = copy_project(tmp_path / "p", GLOSSARY)
    project.write("docs/pagefind/hinweis.md", URL_IN_TEXT.replace("Adresse", "Hinweis"))
    project.write("docs/pagefind/hinweis.da.md", DANISH)
    build = project.build(strict=False)
    listed = build.returncode == 0 and '"../pagefind/hinweis/"' in project.html("articles/")
    assert not listed or (Path(project.site) / "pagefind" / "hinweis" / "index.html").is_file()
    assert listed or "docs/pagefind/hinweis.md:" in build.stdout + build.stderr
    result = project.lexicon("check")
    assert listed or "docs/pagefind/hinweis.md" in result.stdout


def _commit(root: Path, message: str, date: str) -> None:
    person = {"NAME": "a", "EMAIL": "a@example.org", "DATE": date}
    env = {**os.environ, **{f"GIT_{role}_{key}": value for role in ("AUTHOR", "COMMITTER")
                            for key, value in person.items()}}
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", message], cwd=root, check=True, env=env)


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Two articles committed in both languages; then one German text gains a sentence and the
    other only a blank line at its end (no change a reader sees)."""
    project = copy_project(tmp_path_factory.mktemp("attack18git"), GLOSSARY)
    for name in ("inhalt", "leerzeile"):
        project.write(f"docs/{name}.md", f"---\ntitle: {name}\n---\n\nEin Satz.\n")
        project.write(f"docs/{name}.da.md", f"---\ntitle: {name}\n---\n\nEn sætning.\n")
    subprocess.run(["git", "init", "-q"], cwd=project.root, check=True)
    _commit(project.root, "both", "2026-01-01T10:00:00+00:00")
    with (project.root / "docs" / "inhalt.md").open("a", encoding="utf-8") as file:
        file.write("\nEin neuer Satz.\n")
    with (project.root / "docs" / "leerzeile.md").open("a", encoding="utf-8") as file:
        file.write("\n")
    _commit(project.root, "German only", "2026-02-01T10:00:00+00:00")
    result = project.build(strict=False)
    assert result.returncode == 0, result.stderr
    assert "lexikon-stale" in project.html("da/inhalt/")
    return project


def test_blank_line_is_no_change_for_staleness(history: Project) -> None:
    assert "lexikon-stale" not in history.html("da/leerzeile/")


def test_check_stale_reports_the_stale_article(history: Project) -> None:
    result = history.lexicon("check", "--stale")
    assert "docs/inhalt.da.md" in result.stdout


ODD = {
    "in-adresse": "# In der Adresse\n\nUnd [x](https://example.org/[[insourcing]]) da.\n",
    "verschachtelt": "# Verschachtelt\n\nEin [[nearshoring|Label mit [[insourcing]] drin]] ende.\n",
}


@pytest.fixture(scope="module")
def odd(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, str, str]:
    """Cross-link syntax where it cannot be a link: the build either refuses it with a located
    finding (the check's output and the log) or shows the text as written."""
    project = copy_project(tmp_path_factory.mktemp("attack18odd"), GLOSSARY)
    for name, text in ODD.items():
        project.write(f"docs/{name}.md", text)
        project.write(f"docs/{name}.da.md", DANISH)
    build = project.build(strict=False)
    return project, build.stdout + build.stderr if build.returncode else "", project.lexicon("check").stdout


def test_cross_link_inside_a_url_is_kept_or_reported(odd: tuple[Project, str, str]) -> None:
    project, failed, check = odd
    if "docs/in-adresse.md:3:" in check:
        assert "docs/in-adresse.md:3:" in failed
    else:
        assert 'href="https://example.org/Insourcing"' not in article(project.html("in-adresse/"))


def test_nested_cross_link_is_rendered_or_reported(odd: tuple[Project, str, str]) -> None:
    project, failed, check = odd
    if "docs/verschachtelt.md:3:" in check:
        assert "docs/verschachtelt.md:3:" in failed
    else:
        assert "[[" not in article(project.html("verschachtelt/"))

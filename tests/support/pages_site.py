"""The page tests' small glossary (what the real one lacks: a term not yet in Danish, a Danish
cross-link inside a sentence) built twice, as published (``SITE_URL`` set) and as previewed
anywhere (no ``SITE_URL``): session fixtures shared by the page, page-audit and review tests,
and the sample the screenshots use."""

from __future__ import annotations

import os
import subprocess
import sys

import lxml.html
import pytest

from tests.support.project import Project, copy_project

SITE_URL = "https://lexikon.example.org/glossar/"

GLOSSARY = {
    "_tags.yml": """
        it: {de: IT, da: IT}
        business: {de: Betriebswirtschaft, da: Erhverv}
    """,
    "outsourcing.yml": """
        tags: [business]
        de:
          title: Outsourcing
          summary: Outsourcing ist die Vergabe von Aufgaben an externe Dienstleister.
          body: Das Gegenteil ist das [[backsourcing]], und dazu gehört auch [[make-or-buy]].
        da:
          title: Outsourcing
          summary: Outsourcing er, når en virksomhed overlader opgaver til en ekstern leverandør.
          body: Det modsatte er [[backsourcing]], og det er en del af en større beslutning.
    """,
    "backsourcing.yml": """
        tags: [it]
        related: [outsourcing]
        de:
          title: Backsourcing
          summary: Backsourcing ist die Rückholung ausgelagerter Aufgaben ins eigene Haus.
          body: Backsourcing ist die Gegenbewegung zum [[outsourcing]] und wird oft geplant.
        da:
          title: Backsourcing
          summary: Backsourcing er, når en virksomhed tager opgaver tilbage fra en leverandør.
          body: |
            Backsourcing er det omvendte af [[outsourcing]], og det sker ofte efter nogle år.

            [[outsourcing]] kommer altid først.
    """,
    "make-or-buy.yml": """
        tags: [business]
        de:
          title: Make-or-Buy
          summary: Die Make-or-Buy-Entscheidung ist die Wahl zwischen Eigenfertigung und Fremdbezug.
          body: Sie ist die Frage hinter jedem [[outsourcing]] und jedem [[backsourcing]] in der Firma.
    """,
}


def build(project: Project, site_url: str | None) -> subprocess.CompletedProcess[str]:
    """``mkdocs build`` with or without ``SITE_URL``, as CI and a reader run it (not strict:
    a missing translation is a warning, and this glossary has one on purpose)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f",
                           str(project.root / "mkdocs.yml"), "-d", str(project.site)],
                          capture_output=True, text=True, cwd=project.root, env=env, check=False)


def built(tmp_path_factory: pytest.TempPathFactory, name: str, site_url: str | None) -> Project:
    project = copy_project(tmp_path_factory.mktemp(name) / "project", GLOSSARY)
    result = build(project, site_url)
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="session")
def hosted(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The glossary as published: ``SITE_URL`` set."""
    return built(tmp_path_factory, "hosted", SITE_URL)


@pytest.fixture(scope="session")
def anywhere(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The glossary as built for a preview or a sub-folder: no ``SITE_URL``."""
    return built(tmp_path_factory, "anywhere", None)


def doc(project: Project, relative: str):
    return lxml.html.fromstring((project.site / relative).read_bytes())

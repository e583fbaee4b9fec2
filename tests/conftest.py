"""Shared fixtures: real projects in tmp_path, real builds, the real built site.

The fixtures themselves live in ``tests/support/``; importing them here makes them visible
to every test module (test modules never import each other)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.browser import chromium  # noqa: F401  (session fixture: one headless Chromium)
from tests.support.golden import pool  # noqa: F401  (module fixture: a suite's subprocesses side by side)
from tests.support.pages_site import anywhere, hosted  # noqa: F401  (session fixtures: the page tests' site)
from tests.support.project import Project, copy_project
from tests.support.site_audit import audit_site


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Project]:
    """Make a project in ``tmp_path`` from a glossary folder or mapping of file texts."""
    return lambda glossary=None: copy_project(tmp_path / "project", glossary)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Our own glossary, built once with ``--strict`` for every test that reads the HTML."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    result = project.build(strict=True)
    assert result.returncode == 0, result.stderr
    assert audit_site(project.site) == []
    project.build_log = result.stderr  # type: ignore[attr-defined]
    return project

"""The test suite, laid out like the package it tests.

- ``unit/<package>/``: one package of ``hooks/lexikon/`` at a time (core, check, render,
  interchange, cli, engine; publish has no unit tests yet: its swap and search bundles are
  tested through builds), no site build; ``unit/`` itself holds the shape test
  (``test_architecture.py``), the property tests that cross packages and the workflow test.
- ``builds/``: real ``mkdocs build`` (or ``lexicon``) runs on a project in a temporary folder,
  and the golden fixture suites (``tests/fixtures/bad``, ``hostile``).
- ``browser/``: the built site in headless Chromium, and Lighthouse.
- ``support/``: what test modules share (the project fixture class, the site and page audits,
  the golden-file helper, the browser server, constants); test modules import these, never
  each other. ``conftest.py`` only registers the shared fixtures.
- ``bench/`` (``python -m tests.bench``), ``tools/`` (``python -m tests.tools.snapshot``) and
  ``screenshots.py`` (``python -m tests.screenshots``) are tools, not tests.

``tests`` is a package importable from the repository root (pyproject's ``pythonpath``), so
same-named test files in different folders collect side by side.
"""

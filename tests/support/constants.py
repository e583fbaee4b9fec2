"""What many test files need to agree on, said once: where the repository and the fixtures
are, and the site's languages (German at ``/``, Danish at ``/da/``, as ``mkdocs.yml`` says)."""

from __future__ import annotations

from pathlib import Path

from lexikon.core.settings import Language

ROOT = Path(__file__).resolve().parents[2]
"""The repository: ``mkdocs.yml``, ``docs/``, ``hooks/``, ``glossary/``."""
FIXTURES = ROOT / "tests" / "fixtures"

LANGS = ("de", "da")
"""The site's language codes, the default first."""
LANG_ROOTS = {"de": "", "da": "da/"}
"""Each language's folder in the built site (the default language at the root)."""
LANGUAGES = [Language("de", "Deutsch", True), Language("da", "Dansk")]
"""The languages as ``make_settings`` takes them (names as in ``mkdocs.yml``)."""

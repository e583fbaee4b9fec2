"""The stages in their one order, shared by the build hook and the command line."""

from __future__ import annotations

from .check import check
from .load import load_glossary
from .model import Result
from .settings import Settings
from .transform import deduplicate


def run(settings: Settings) -> Result:
    """Load, check and clean the glossary; every finding of every stage in the result."""
    loaded = load_glossary(settings.glossary_dir, settings.project_dir)
    return deduplicate(check(loaded, settings))

"""What every sub-command module shares: exit codes and the shape of an argument."""

from __future__ import annotations

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def arg(*flags: str, **options: object) -> tuple[tuple[str, ...], dict[str, object]]:
    """One argument of a command, as ``add_argument`` takes it."""
    return flags, options


CODES = object()
"""In a command table, where the site's language codes go (``choices``)."""
DRY_RUN = arg("--dry-run", action="store_true", help="report, write nothing")

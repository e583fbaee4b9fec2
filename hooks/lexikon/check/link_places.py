"""Where the cross-links of an entry stand, worked out when one of them names nothing.

A cold check reads thousands of links (a text may hold thousands), and nearly all of them
name an entry that exists: placing each one (its line and column), making a
:class:`~lexikon.core.model.Reference` of it, sending it from the second process and
storing it in the cache cost more than reading the file. The check keeps only the ids the
links name (:attr:`~lexikon.core.model.FileReport.links`); a file whose links name an id
that is not there is read again here and its links placed, as the check always did.
"""

from __future__ import annotations

from lexikon.check.entry import check_file
from lexikon.check.glossary_files import entry_file, read_file
from lexikon.check.load import parse_bytes
from lexikon.core.model import FileReport, Reference
from lexikon.core.settings import Settings


def placed_links(report: FileReport, settings: Settings) -> list[Reference]:
    """Each cross-link of ``report``'s file that its ``links`` stand for, placed, in the order
    of the file (as :func:`~lexikon.check.entry.check_file` places them).

    The file is read again: it is the one the report was made of unless it changed since (an
    edit while the check ran). Then, or if it cannot be read, each id is placed at the
    file's start, once: the next check reads the new file and places its links."""
    data, _ = read_file(entry_file(settings.glossary_dir, report.path), settings.project_dir, report.path)
    if data is not None:
        loaded, _ = parse_bytes(data, report.path, report.id)
        again = check_file(loaded, settings, place_links=True)
        placed = [ref for ref in again.references if ref[0] == "link"]
        if tuple(dict.fromkeys(ref[1] for ref in placed)) == report.links:
            return placed
    return [Reference("link", target, 1, 1, f"[[{target}]]") for target in report.links]

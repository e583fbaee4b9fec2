"""The check of ``mkdocs serve``'s fast path: the glossary's file reports kept in memory, one
changed file re-read and combined with the rest.

A full check reads every file (from the check cache) and combines them; after one edit only
that file's report is new, and what needs the whole glossary (names that resolve, ids and
titles used twice: :func:`~lexikon.check.glossary_wide.combine`) is worked out again only
where that file touches it (:class:`~lexikon.check.live_combine.LiveCombine`). The result is
the one :func:`~lexikon.check.pipeline.run` gives for the same files.
"""

from __future__ import annotations

import os
from pathlib import Path

from lexikon.check.glossary_files import list_glossary
from lexikon.check.live_combine import LiveCombine
from lexikon.check.pipeline import FileReports, file_reports, read_report
from lexikon.core.model import FileReport, Result
from lexikon.core.settings import Settings


class KeptCheck:
    """Every entry file's report by its path as shown; the tag file as the last build read it."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        files: FileReports = file_reports(settings)
        self.tags = files.tags
        folder = set(list_glossary(settings.glossary_dir, settings.project_dir).findings)
        self.side_findings = tuple(f for f in files.findings if f not in folder)
        """What the side files (``_tags.yml`` …) gave: a change there is a full rebuild."""
        self.reports: dict[str, FileReport] = {report.path: report for report in files.reports}
        self.combined = LiveCombine(files.tags, settings)
        self.combined.combine(files.reports)  # here, beside serve: an edit then redoes only its part

    def recheck(self, changed: set[Path]) -> Result:
        """The glossary's result after ``changed`` (entry files written, created or deleted).

        The folder is listed again (cheap, and it tells new and deleted files and the
        findings about names); only the changed files are read."""
        settings = self.settings
        listing = list_glossary(settings.glossary_dir, settings.project_dir)
        changed_names = {path.name for path in changed}  # all in the folder: names tell them
        reports: dict[str, FileReport] = {}
        for path, display in listing.entries:
            kept = self.reports.get(display)
            if kept is None or os.path.basename(path) in changed_names:
                kept = read_report(path, display, settings)[1]
            reports[display] = kept
        self.reports = reports
        return self.combined.combine(reports.values(), (*listing.findings, *self.side_findings))

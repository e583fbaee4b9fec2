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
import time
from pathlib import Path

from lexikon.check.glossary_files import list_glossary
from lexikon.check.live_combine import LiveCombine
from lexikon.check.pipeline import FileReports, file_reports, read_report
from lexikon.core.model import FileReport, Finding, Result
from lexikon.core.settings import Settings


class KeptCheck:
    """Every entry file's report by its path as shown; the tag file as the last build read it."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.started = time.time_ns()
        """When the files were read (:meth:`saved_since`)."""
        files: FileReports = file_reports(settings)
        self.tags = files.tags
        folder = set(list_glossary(settings.glossary_dir, settings.project_dir).findings)
        self.side_findings = tuple(f for f in files.findings if f not in folder)
        """What the side files (``_tags.yml`` …) gave: a change there is a full rebuild."""
        self.reports: dict[str, FileReport] = {report.path: report for report in files.reports}
        self.load_findings: tuple[Finding, ...] = files.findings
        """The findings about the folder and its side files, as last listed."""
        self.combined = LiveCombine(files.tags, settings)
        self.first: Result = self.combined.combine(files.reports, files.findings)
        """The glossary's result as read here (what :func:`~lexikon.check.pipeline.run` gives):
        serve's build takes it, so the files are read once, and an edit then redoes only its part."""

    def recheck(self, changed: set[Path]) -> Result:
        """The glossary's result after ``changed`` (entry files written, created or deleted)."""
        return self.combined.combine(self.reread(changed).values(), self.load_findings)

    def reread(self, changed: set[Path]) -> dict[str, FileReport]:
        """Every entry file's report after ``changed``: the folder is listed again (cheap, and it
        tells new and deleted files and the findings about names); only the changed files are
        read, the others' reports are the same objects as before."""
        settings = self.settings
        listing = list_glossary(settings.glossary_dir, settings.project_dir)
        folder = os.fspath(settings.glossary_dir)  # the listing's paths: this joined with each name
        written = {os.path.join(folder, path.name) for path in changed}  # all in the folder: names tell them
        reports: dict[str, FileReport] = {}
        kept = self.reports
        for path, display in listing.entries:
            report = kept.get(display)
            if report is None or path in written:
                report = read_report(path, display, settings)[1]
            reports[display] = report
        self.reports = reports
        self.load_findings = (*listing.findings, *self.side_findings)
        return reports

    def saved_since(self) -> set[Path]:
        """The entry files written, made or deleted since they were read: an edit saved while
        serve's first build ran, before its watcher began, is seen by no one else. From 50 ms
        before (file times lag the clock by a tick): a file saved just before is only read again."""
        settings = self.settings
        listing = list_glossary(settings.glossary_dir, settings.project_dir)
        since, late, listed = self.started - 50_000_000, set(), set()
        for path, display in listing.entries:
            listed.add(display)
            try:
                if display not in self.reports or os.stat(path).st_mtime_ns >= since:
                    late.add(Path(path))
            except OSError:
                late.add(Path(path))
        return late | {settings.glossary_dir / Path(display).name for display in self.reports.keys() - listed}

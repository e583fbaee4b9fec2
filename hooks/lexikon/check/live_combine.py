""":func:`~lexikon.check.glossary_wide.combine` kept up to date, for ``mkdocs serve``: after
an edit only what depends on the changed files is worked out again.

A full combine over 10,000 reports takes a second and a half, nearly all of it on files
that did not change. :class:`LiveCombine` is handed the glossary's reports after each edit
(the unchanged ones as the same objects), tells the changed ones by identity and redoes
what they touch: their own findings and those about their names (and their twins'), which
file of an id is the entry, and, through :class:`~lexikon.check.live_wide.WideState`, what
needs the other entries. Its result is the one ``combine`` gives for the same reports, finding
for finding and entry for entry (a property test holds it to that).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Iterator

from lexikon.check.glossary_wide import bounded, combine, file_findings
from lexikon.check.live_wide import Change, WideState
from lexikon.check.load import LoadedFile
from lexikon.check.tags import read_tags
from lexikon.core.layout import reserved_ids
from lexikon.core.model import FINDING_ORDER, FileReport, Finding, Glossary, Result
from lexikon.core.settings import Settings


class LiveCombine:
    """The glossary-wide stage over reports that change a few at a time (the tag file and the
    settings stay: a change there is a full rebuild)."""

    def __init__(self, tags_file: LoadedFile | None, settings: Settings) -> None:
        self.settings, self.tags_file = settings, tags_file
        self.tag_findings: list[Finding] = []
        self.tags = read_tags(tags_file, settings, self.tag_findings)
        self.reserved = reserved_ids(settings, settings.terms_path)
        self._start()

    def _start(self) -> None:
        self.reports: dict[str, FileReport] = {}
        self.known: dict[str, int] = {}
        """Each file's id, with how many files have it."""
        self.folded: defaultdict[str, set[str]] = defaultdict(set)
        """Each id folded → the paths of the files whose id folds to it."""
        self.own: dict[str, list[Finding]] = {}
        """Each file's own findings and those about its name."""
        self.accepted: dict[str, FileReport] = {}
        self.ids: list[str] = []
        """The accepted ids, sorted."""
        self.wide = WideState(self.tags, self.settings)

    def combine(self, reports: Iterable[FileReport], load_findings: Iterable[Finding] = ()) -> Result:
        """``combine(reports, tags_file, settings, load_findings)``, from what changed since the
        last call: reports not given then, given as other objects, or no longer given."""
        reports = list(reports)
        new = {report.path: report for report in reports}
        if len(new) != len(reports):  # a path twice: not a folder's listing, no state to keep
            return combine(reports, self.tags_file, self.settings, load_findings)
        if not self._same_order(new):
            self._start()  # files kept must keep their order (the first of an id is its entry)
        old, self.reports = self.reports, new
        position = {path: index for index, path in enumerate(new)}
        changed = sorted({path for path, report in new.items() if old.get(path) is not report}
                         | (old.keys() - new.keys()))
        came_or_went = self._count(changed, old)
        self._own(changed, old, position)
        changes = self._accept(changed, old, position)
        self.wide.update(changes, came_or_went, self.accepted, position, self.known)
        findings = [*self.settings.findings, *load_findings, *self.tag_findings]
        for found in self.own.values():
            findings += found
        findings += self.wide.findings()
        accepted = self.accepted
        entries = {entry_id: accepted[entry_id].entry for entry_id in self.ids if accepted[entry_id].entry}
        return Result(Glossary(entries, self.tags, self.settings.codes),
                      bounded(sorted(set(findings), key=FINDING_ORDER)), len(accepted))

    def _same_order(self, new: dict[str, FileReport]) -> bool:
        kept = [path for path in new if path in self.reports]
        return [path for path in self.reports if path in new] == kept

    def _count(self, changed: list[str], old: dict[str, FileReport]) -> set[str]:
        """Count the changed files' ids; the ids that came or went."""
        ids = {report.id for report in self._both(changed, old)}
        before = {entry_id for entry_id in ids if entry_id in self.known}
        for path in changed:
            for report, sign in ((old.get(path), -1), (self.reports.get(path), 1)):
                if report is not None:
                    self.known[report.id] = self.known.get(report.id, 0) + sign
                    self.folded[report.id.casefold()].discard(path)
                    if sign > 0:
                        self.folded[report.id.casefold()].add(path)
                    if not self.known[report.id]:
                        del self.known[report.id]
        return {entry_id for entry_id in ids if (entry_id in self.known) != (entry_id in before)}

    def _group(self, folded_id: str, position: dict[str, int]) -> list[FileReport]:
        """The files whose id folds to ``folded_id``, in glossary order."""
        paths = sorted(self.folded.get(folded_id, ()), key=position.__getitem__)
        return [self.reports[path] for path in paths]

    def _own(self, changed: list[str], old: dict[str, FileReport], position: dict[str, int]) -> None:
        """The changed files' own findings, and those about the names of files sharing an id."""
        folded = {report.id.casefold() for report in self._both(changed, old)}
        for path in changed:
            self.own.pop(path, None)
        for folded_id in folded:
            group = self._group(folded_id, position)
            for report in group:
                self.own[report.path] = file_findings(report, group, self.reserved, self.settings)

    def _both(self, changed: list[str], old: dict[str, FileReport]) -> Iterator[FileReport]:
        """The changed files' reports before and after (those there are)."""
        for path in changed:
            yield from (report for report in (old.get(path), self.reports.get(path)) if report is not None)

    def _accept(self, changed: list[str], old: dict[str, FileReport],
                position: dict[str, int]) -> list[Change]:
        """Which file of each id touched is its entry now (the first read into an entry)."""
        ids = sorted({report.id for report in self._both(changed, old)})
        changes: list[Change] = []
        for entry_id in ids:
            before = self.accepted.get(entry_id)
            after = next((report for report in self._group(entry_id.casefold(), position)
                          if report.id == entry_id and report.has_entry), None)
            if after is before:
                continue
            changes.append((entry_id, before, after))
            if after is None:
                del self.accepted[entry_id]
                self.ids.remove(entry_id)
                continue
            if before is None:
                bisect.insort(self.ids, entry_id)
            self.accepted[entry_id] = after
        return changes

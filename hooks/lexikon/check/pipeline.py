"""The stages in their one order, shared by the build hook, the command line and the importers.

Each entry file goes through load → check → deduplicate on its own, into a
:class:`FileReport` that depends only on the file; those are cached by content, and
worked out in parallel when many files are new. What needs the whole glossary (names
that resolve, ids and titles used twice) is asked of the reports every time
(:func:`lexikon.check.glossary_wide.combine`). This is the package's one pipeline.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import get_context

from lexikon.check import term_use
from lexikon.check.cache import ReportCache, file_key, light
from lexikon.check.dedupe import deduplicate_report
from lexikon.check.entry import check_file
from lexikon.check.glossary_files import TAG_STEM, entry_file, file_id, list_glossary, read_file
from lexikon.check.glossary_wide import combine
from lexikon.check.load import LoadedFile, load_side_files, parse, parse_bytes
from lexikon.check.records import replaced
from lexikon.core.model import Entry, FileReport, Finding, Result
from lexikon.core.processes import can_fork as _can_fork
from lexikon.core.settings import Settings

PARALLEL_FROM = 400
"""New files from which a second process pays for its start."""


def run(settings: Settings, *, cache: bool = True, keys: dict[str, bytes] | None = None) -> Result:
    """Load, check and clean the glossary; every finding of every stage in the result.
    ``keys`` (given): each entry of the result by its id gets what it was made of, as the
    report cache names it (its file's path and bytes, this loader's fingerprint): a build keys
    the digests it keeps of the entry by it, without encoding the entry (issue 17)."""
    return _run(settings, cache=cache, with_entries=True, keys=keys)


def check_only(settings: Settings, *, cache: bool = True) -> Result:
    """Every finding, as :func:`run` makes them, without the entries where the cache has them.

    The result's glossary may hold fewer entries than were checked (``entry_count`` is right).
    """
    return _run(settings, cache=cache, with_entries=False)


def report_file(data: bytes, display: str, entry_id: str, settings: Settings, *,
                place_links: bool = True) -> FileReport:
    """One entry file's content through every stage that needs only this file.

    ``place_links`` False: its cross-links kept as the ids they name, placed later from the
    file on disk if one names nothing (:mod:`lexikon.check.link_places`); True for content
    that is not (yet) on disk, such as an importer's new files."""
    loaded, findings = parse_bytes(data, display, entry_id)
    report = check_file(loaded, settings, loaded_cleanly=not findings, place_links=place_links)
    report = deduplicate_report(report)
    if findings:
        report = replaced(report, findings=(*findings, *report.findings))
    return report


def read_report(path: str, display: str, settings: Settings) -> tuple[bytes | None, FileReport]:
    """One file read and reported, with its cache key (None when it could not be read)."""
    data, problems = read_file(path, settings.project_dir, display)
    if data is None:
        return None, FileReport(display, file_id(path), None, tuple(problems))
    return file_key(display, data), report_file(data, display, file_id(path), settings, place_links=False)


@dataclass(frozen=True)
class FileReports:
    """Every entry file's report in name order, the tag file and the findings about the folder
    and its side files: all that :func:`combine` needs besides the settings."""

    reports: tuple[FileReport, ...]
    tags: LoadedFile | None
    findings: tuple[Finding, ...]
    store: ReportCache | None = None
    keys: Mapping[str, bytes] = dataclasses.field(default_factory=dict)
    """Each report's cache key by its path (what the uses of deprecated terms are kept under)."""
    uses: term_use.FoundUses = dataclasses.field(default_factory=dict)
    """Uses of deprecated terms found by the second process in the files it read (it sends
    back their reports without their texts)."""


def file_reports(settings: Settings, *, cache: bool = True, with_entries: bool = True) -> FileReports:
    """Each file through the stages on its own (from the cache where it has them): what an
    importer combines with its new files to check them against the glossary."""
    with _no_cyclic_gc():
        listing = list_glossary(settings.glossary_dir, settings.project_dir)
        store = ReportCache.for_settings(settings) if cache else None
        findings: list[Finding] = list(listing.findings)
        reports: dict[int, FileReport] = {}
        fresh: dict[bytes, FileReport] = {}
        todo = list(range(len(listing.entries)))
        if store is not None and not store.is_empty():
            todo = []
            for index, (path, display) in enumerate(listing.entries):
                data, _ = read_file(path, settings.project_dir, display)
                key = None if data is None else file_key(display, data)
                report = None if key is None else store.get(key, with_entry=with_entries)
                if key is None or report is None:
                    todo.append(index)  # read again below: a cheap price, only for what changed
                else:
                    reports[index] = fresh[key] = report
        made, uses = _read_and_report([listing.entries[index] for index in todo], settings, with_entries,
                                      list(reports.values()))
        for index, (key, report) in zip(todo, made, strict=True):
            reports[index] = report
            if key is not None:
                fresh[key] = report
        if store is not None:
            store.keep(fresh, with_entries=with_entries)
        tags = load_side_files(listing, settings.project_dir, findings)
        return FileReports(tuple(reports[index] for index in sorted(reports)), tags, tuple(findings), store,
                           {report.path: key for key, report in fresh.items()}, uses)


def with_new_files(glossary: FileReports, new: Iterable[FileReport], settings: Settings,
                   tags: tuple[str, str] | None = None) -> Result:
    """The glossary's reports (:func:`file_reports`) combined with files not yet written: each
    new file's report (:func:`report_file`) beside them and a new tag file (its path as shown,
    its text) in place of the glossary's. How an importer checks what it would write."""
    tags_file, findings = glossary.tags, list(glossary.findings)
    if tags is not None:
        tags_file, parse_findings = parse(tags[1], tags[0], TAG_STEM)
        findings += parse_findings
    reports = sorted([*glossary.reports, *new], key=lambda report: report.path)
    return combine(reports, tags_file, settings, findings)


def _run(settings: Settings, *, cache: bool, with_entries: bool,
         keys: dict[str, bytes] | None = None) -> Result:
    with _no_cyclic_gc():  # one span: file_reports' own use of it nests without a second freeze
        files = file_reports(settings, cache=cache, with_entries=with_entries)
        memo = term_use.UseMemo(files.store, files.keys, settings, _entry_again, files.uses)
        result = combine(files.reports, files.tags, settings, files.findings, memo)
    if keys is not None and files.store is not None:
        made_of = files.store.fingerprint.encode() + b"\0"
        keys.update({report.id: made_of + files.keys[report.path] for report in files.reports
                     if report.entry is not None and report.path in files.keys
                     and result.glossary.entries.get(report.id) is report.entry})
    return result


def _entry_again(report: FileReport, settings: Settings) -> Entry | None:
    """An entry whose report came from the cache without it: its file read again."""
    return read_report(entry_file(settings.glossary_dir, report.path), report.path, settings)[1].entry


Made = list[tuple[bytes | None, FileReport]]


def _read_and_report(files: list[tuple[str, str]], settings: Settings, with_entries: bool,
                     others: list[FileReport]) -> tuple[Made, term_use.FoundUses]:
    """Each file's key and report; and, when the second process read some of them, the uses of
    deprecated terms it found in them (``others``: the glossary's reports that were not made
    here, whose terms count too), so that no text has to be read twice."""
    if len(files) < PARALLEL_FROM or not _can_fork():
        return [read_report(path, display, settings) for path, display in files], {}
    half = len(files) // 2
    # The second core takes the second half. Forked, it starts at once with all it needs.
    with ProcessPoolExecutor(1, mp_context=get_context("fork")) as pool:
        other = pool.submit(_report_batch, files[half:], settings, with_entries)
        mine = [read_report(path, display, settings) for path, display in files[:half]]
        made = mine + other.result()
        by_lang = {} if with_entries else term_use.matchers([*others, *(report for _, report in made)])
        if not by_lang:
            return made, {}
        # the one worker still holds the entries it read: it looks for the terms in them, while
        # this process looks in its own half (else the check would, after the worker's)
        theirs = pool.submit(_uses_in_batch, by_lang)
        ours = _found_uses([report.entry for _, report in mine if report.entry is not None], by_lang)
        return made, {**ours, **theirs.result()}


_BATCH: list[Entry] = []
"""In the second process: the entries it read and sent back without their texts."""


def _report_batch(files: list[tuple[str, str]], settings: Settings, with_entries: bool) -> Made:
    made = [read_report(path, display, settings) for path, display in files]
    if with_entries:
        return made
    # Sending entries back costs as much as making them: only when they are wanted.
    _BATCH[:] = [report.entry for _, report in made if report.entry is not None]
    return [(key, light(report)) for key, report in made]


def _uses_in_batch(by_lang: dict[str, term_use.Matcher]) -> term_use.FoundUses:
    found = _found_uses(_BATCH, by_lang)
    _BATCH.clear()
    return found


def _found_uses(entries: list[Entry], by_lang: dict[str, term_use.Matcher]) -> term_use.FoundUses:
    digest = term_use.terms_digest(by_lang)
    return {entry.path: (digest, term_use.entry_uses(entry, by_lang)) for entry in entries}


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Reports are trees without cycles; the collector would only walk them, again and again
    as they grow (it cost more than the parsing at 10,000 entries)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()  # what was made meanwhile is acyclic: spare the collector its first walk
            gc.enable()

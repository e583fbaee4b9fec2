"""What only the whole glossary can tell: names that resolve, ids used twice, titles shared.

Each file's report (:mod:`lexikon.check.entry`) is made alone; here they are combined into
the glossary, with the findings that need all of them, bounded per file.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence

from lexikon.check import hierarchy, link_places, term_use, terminology, titles
from lexikon.check.characters import ascii_letters, foreign_letters
from lexikon.check.load import LoadedFile
from lexikon.check.tags import read_tags
from lexikon.check.yaml_nodes import did_you_mean, reserved_message
from lexikon.core.layout import reserved_ids
from lexikon.core.model import FINDING_ORDER, FileReport, Finding, Glossary, Result, Severity, Tag
from lexikon.core.schema import ID_RULE, MAX_ID_LENGTH
from lexikon.core.settings import Settings


def combine(reports: Iterable[FileReport], tags_file: LoadedFile | None, settings: Settings,
            load_findings: Iterable[Finding] = (), uses: term_use.UseMemo | None = None) -> Result:
    """The glossary from its files' reports, with what only the whole glossary can tell:
    names that resolve, ids used twice, titles shared, deprecated terms used (``uses``: what
    earlier checks found, and the entries the reports came without)."""
    reports = list(reports)
    findings: list[Finding] = [*settings.findings, *load_findings]
    tags = read_tags(tags_file, settings, findings)
    known_ids = {report.id for report in reports}
    by_folded_id: defaultdict[str, list[FileReport]] = defaultdict(list)
    for report in reports:
        by_folded_id[report.id.casefold()].append(report)
    accepted: dict[str, FileReport] = {}
    reserved = reserved_ids(settings, settings.terms_path)
    for report in reports:
        findings += file_findings(report, by_folded_id[report.id.casefold()], reserved, settings)
        if report.has_entry and report.id not in accepted:
            accepted[report.id] = report
    for report in accepted.values():
        check_references(report, known_ids, tags, findings, settings)
    titles.check_titles(accepted.values(), findings)
    terminology.check_deprecated(accepted.values(), findings)
    hierarchy.check_cycles(accepted.values(), findings)
    hierarchy.check_related_apart(accepted.values(), findings)
    term_use.check_uses(accepted.values(), findings, uses)
    entries = {entry_id: report.entry for entry_id, report in sorted(accepted.items()) if report.entry}
    ordered = bounded(sorted(set(findings), key=FINDING_ORDER))
    return Result(Glossary(entries, tags, settings.codes), ordered, len(accepted))


MAX_FINDINGS_PER_FILE = 200
"""Findings shown for one file. A file of thousands of broken links gets these and one line
counting the rest: a terminal or a pull request cannot show more usefully."""
_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}


def bounded(findings: list[Finding]) -> tuple[Finding, ...]:
    """``findings`` (sorted) with at most :data:`MAX_FINDINGS_PER_FILE` per file; the rest of a
    file's are counted in one finding as severe as the worst of them, so the exit code holds."""
    counts = Counter(finding.path for finding in findings)
    if max(counts.values(), default=0) <= MAX_FINDINGS_PER_FILE:
        return tuple(findings)
    kept: list[Finding] = []
    shown: Counter[str] = Counter()
    rest: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        shown[finding.path] += 1
        if shown[finding.path] <= MAX_FINDINGS_PER_FILE:
            kept.append(finding)
        else:
            rest[finding.path].append(finding)
    for path, hidden in rest.items():
        worst = min((finding.severity for finding in hidden), key=_SEVERITY_RANK.__getitem__)
        last = kept[-1] if kept[-1].path == path else hidden[0]
        kept.append(Finding(path, last.line, last.col, worst,
                            f"{len(hidden):,} more findings in this file are not shown: fix the ones "
                            "above and check again"))
    return tuple(sorted(kept, key=FINDING_ORDER))


def file_findings(report: FileReport, same_id: list[FileReport], reserved: Mapping[str, str],
                  settings: Settings) -> list[Finding]:
    """The file's own findings and those about its name: the id rule, the suffix, ``same_id``
    (the files whose id folds to the same, in glossary order) as twins, ids kept for pages."""
    findings = list(report.findings)
    _check_file_name(report, same_id, findings)
    if report.id in reserved:
        findings.append(Finding(report.path, 1, 1, Severity.ERROR, reserved_message(
            f"the id '{report.id}'", settings.terms_path, report.id, reserved, "rename the file")))
    return findings


def _check_file_name(file: FileReport, files: list[FileReport], findings: list[Finding]) -> None:
    """The id rule, the suffix, and ``files`` (those whose id folds to the same) as twins."""
    if not file.path.endswith(".yml"):
        twin = any(other.id == file.id and other is not file for other in files)
        advice = f"merge it into '{file.id}.yml' and delete it" if twin else f"rename it to '{file.id}.yml'"
        findings.append(Finding(file.path, 1, 1, Severity.ERROR, f"entry files end in '.yml': {advice}"))
    if not ID_RULE.fullmatch(file.id):
        suggestion = re.sub(r"[^a-z0-9]+", "-", ascii_letters(file.id).lower()).strip("-") or "term"
        findings.append(Finding(
            file.path, 1, 1, Severity.ERROR,
            f"'{file.id}' is not a valid id{foreign_letters(file.id)}: use lowercase ASCII letters, "
            f"digits and single hyphens, e.g. rename the file to '{suggestion}.yml'",
        ))
    elif len(file.id) > MAX_ID_LENGTH:
        findings.append(Finding(file.path, 1, 1, Severity.ERROR, f"the id is {len(file.id)} characters long, "
                                f"at most {MAX_ID_LENGTH} can name a file on every system: rename the file "
                                "to a shorter id"))
    twins = [other.path for other in files
             if other is not file and other.id.casefold() == file.id.casefold()]
    if twins:
        findings.append(Finding(
            file.path, 1, 1, Severity.ERROR,
            f"the id '{file.id.casefold()}' is also used by {', '.join(twins)}: one file per id, keep one",
        ))


def check_references(report: FileReport, known_ids: Collection[str], tags: Mapping[str, Tag],
                      findings: list[Finding], settings: Settings) -> None:
    """Every related id, tag and cross-link must name something. Cross-links kept as the ids
    they name (``report.links``) are placed only when one of those names nothing."""
    reported = 0
    first_hidden: tuple[int, int] | None = None
    references: Iterable[Sequence] = report.references
    if any(target not in known_ids for target in report.links):
        references = [*references, *link_places.placed_links(report, settings)]

    for kind, target, line, col, written in references:  # unpacked: the cache keeps tuples
        if reported >= MAX_FINDINGS_PER_FILE and target not in (tags if kind == "tag" else known_ids):
            reported += 1  # past what bounded() shows: counted, not worded
            first_hidden = first_hidden or (line, col)
            continue
        if kind == "tag":
            if target in tags:
                continue
            message = (f"tag '{target}' is not defined{did_you_mean(target, tags)}: "
                       "add it to glossary/_tags.yml")
        elif target in known_ids:
            continue
        elif kind in ("related", "broader"):
            message = (f"{kind}: '{target}' names no entry{did_you_mean(target, known_ids)}: "
                       f"fix the id or create glossary/{target}.yml")
        else:
            message = unknown_link_message(written, target, known_ids)
        reported += 1
        findings.append(Finding(report.path, line, col, Severity.ERROR, message))
    if first_hidden is not None:
        findings.append(Finding(report.path, *first_hidden, Severity.ERROR,
                                f"{reported - MAX_FINDINGS_PER_FILE:,} more names from here on name nothing: "
                                "fix the ones above and check again"))


def unknown_link_message(written: str, target: str, known_ids: Collection[str]) -> str:
    """What a cross-link that names nothing is told (in an entry or an article)."""
    return (f"the cross-link '{written}' names no entry{did_you_mean(target, known_ids)}: "
            "fix the id, or write plain text until the entry exists")

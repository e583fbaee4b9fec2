"""New entry files from a term import, checked with the glossary and written.

The new files run through the glossary's own checks (``load.parse``, the rules,
``deduplicate``) together with the entries already there, without writing anything. A new
file with an error is not written (each finding says why); warnings, such as a missing
translation, are reported and the file is written. Only new files are ever written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO

from lexikon.check.cache import light
from lexikon.check.glossary_files import TAG_FILE
from lexikon.check.pipeline import file_reports, report_file, with_new_files
from lexikon.core.model import FileReport, Finding, Severity
from lexikon.core.paths import shown
from lexikon.core.safe_write import make_folder, write_bytes
from lexikon.core.settings import Settings
from lexikon.interchange.term_counts import APPEARED, REFUSED, Counts
from lexikon.interchange.terms import Concept, TermImport, build


def finish(concepts: list[Concept], findings: list[Finding], settings: Settings, source: str, *,
           counts: Counts | None = None) -> TermImport:
    """The new entries the concepts make, each checked; ``findings`` are the reader's.

    The findings about the source come in source order (line, then column), the reader's and
    the build's together; those about the new files follow. ``counts`` may hold what the
    reader counted already (languages it left out)."""
    findings = list(findings)

    def report(line: int, severity: Severity, message: str, col: int = 1) -> None:
        findings.append(Finding(source, line, col, severity, message))

    built = build(concepts, settings, report, counts=counts)
    entries, tags, checked = _checked(built.texts, tags_text(built.new_tags, settings) if built.new_tags
                                      else None, settings, built.origins, source)
    findings += [f for f in checked if f.path == source]
    checked = [f for f in checked if f.path != source]
    built.counts.skip(REFUSED, len(built.texts) - len(entries))
    built.counts.drafts = sum(1 for entry_id in entries if entry_id in built.drafts)
    ours = sorted((f for f in findings if f.path == source), key=lambda f: (f.line, f.col))
    return TermImport(entries, tuple(ours + [f for f in findings if f.path != source] + checked),
                      tuple(built.conflicts), tags, built.counts)


def write_terms(result: TermImport, settings: Settings) -> tuple[list[Path], list[Finding]]:
    """Write the new files; never one that exists (a file that appeared meanwhile is a finding)."""
    written: list[Path] = []
    problems: list[Finding] = []
    make_folder(settings.glossary_dir, settings.project_dir)
    files = {f"{entry_id}.yml": text for entry_id, text in result.entries.items()}
    if result.tags_text is not None:
        files = {TAG_FILE: result.tags_text, **files}
    for name, text in files.items():
        path = settings.glossary_dir / name
        try:
            write_bytes(path, text.encode("utf-8"), settings.project_dir, exclusive=True)
        except FileExistsError:
            problems.append(Finding(shown(path, settings.project_dir), 1, 1, Severity.ERROR,
                                    "the file appeared while importing: not overwritten"))
            continue
        written.append(path)
    return written, problems


def run_terms(result: TermImport, settings: Settings, dry_run: bool, out: IO[str],
              more: Callable[[bool], list[Finding]] | None = None) -> int:
    """Print the findings, then the files (``dry_run``) or write them; the exit code. ``more``
    does an importer's own part (CSV: languages added) before the summary, the last line."""
    for finding in result.findings:
        out.write(f"{finding}\n")
    findings = list(result.findings)
    if dry_run:
        if result.tags_text is not None:
            out.write(f"--- {shown(settings.glossary_dir / TAG_FILE, settings.project_dir)} (dry run)\n")
            out.write(result.tags_text)
        for entry_id, text in result.entries.items():
            name = shown(settings.glossary_dir / f"{entry_id}.yml", settings.project_dir)
            out.write(f"--- {name} (dry run)\n")
            out.write(text)
        out.write(f"dry run: would create {len(result.entries)} entries; nothing written\n")
    else:
        written, problems = write_terms(result, settings)
        findings += problems
        for finding in problems:
            out.write(f"{finding}\n")
        for path in written:
            out.write(f"created {shown(path, settings.project_dir)}\n")
        out.write(f"{len(result.entries)} new entries, {len(result.conflicts)} conflict(s): run "
                  "'lexicon check' and read the entries before you commit them\n")
        result.counts.skip(APPEARED, sum(1 for f in problems if not f.path.endswith(TAG_FILE)))
    findings += more(dry_run) if more is not None else []
    out.write(f"{result.counts.line(dry_run=dry_run)}\n")
    return 1 if any(f.severity is Severity.ERROR for f in findings) else 0


Origin = tuple[int, int, str]
"""Where a new entry's concept is in the source: line, column, name (``Built.origins``)."""


def _checked(texts: Mapping[str, str], tags_text: str | None, settings: Settings,
             origins: Mapping[str, Origin], source: str) -> tuple[dict[str, str], str | None, list[Finding]]:
    """The new files that pass the glossary's checks, and the findings about them.

    Each file goes through the stages on its own, as in a build (``pipeline.report_file``),
    and only its report is kept, without its entry: a termbase of 60,000 concepts is
    checked in bounded memory. The reports are checked with the glossary's
    (``pipeline.with_new_files``). A file with an error is dropped, reported at its concept's
    line in the source (the file is never written); the cross-references of the others to
    it are taken out of their texts (a note each), not their entries, and what is left is
    checked again. A chain of related concepts whose last one is refused thus costs two
    checks, not one per link.
    """
    glossary = file_reports(settings, cache=False, with_entries=False)
    tags_path = shown(settings.glossary_dir / TAG_FILE, settings.project_dir)
    paths = {shown(settings.glossary_dir / f"{i}.yml", settings.project_dir): i for i in texts}

    def reported(entry_id: str, text: str) -> FileReport:
        path = shown(settings.glossary_dir / f"{entry_id}.yml", settings.project_dir)
        return light(report_file(text.encode("utf-8"), path, entry_id, settings))

    remaining = dict(texts)
    new = {entry_id: reported(entry_id, text) for entry_id, text in remaining.items()}
    dropped: list[Finding] = []
    while True:
        result = with_new_files(glossary, (new[i] for i in remaining), settings,
                                None if tags_text is None else (tags_path, tags_text))
        ours = {path for path, entry_id in paths.items() if entry_id in remaining}
        ours |= {tags_path} if tags_text is not None else set()
        findings = [f for f in result.findings if f.path in ours]
        failed = {f.path for f in findings if f.severity is Severity.ERROR}
        if not failed:
            return remaining, tags_text, dropped + findings
        if tags_path in failed:
            tags_text = None
            dropped += [f for f in findings if f.path == tags_path] + [_not_written(tags_path, 1, 1, "")]
        gone = {paths[path] for path in failed if path != tags_path}
        for entry_id in sorted(gone, key=lambda i: origins.get(i, (0, 0, ""))[:2]):
            dropped += _refused(entry_id, [f for f in findings if paths.get(f.path) == entry_id],
                                origins.get(entry_id), source)
            del remaining[entry_id]
        for entry_id, text in list(remaining.items()):
            kept, cut = drop_links(text, gone)
            if cut:
                remaining[entry_id], new[entry_id] = kept, reported(entry_id, kept)
                line, col, name = origins.get(entry_id, (1, 1, f"entry '{entry_id}'"))
                dropped.append(Finding(source, line, col, Severity.NOTE, f"{name}: cross-reference(s) to "
                                       f"{', '.join(repr(c) for c in cut)} left out: refused by the check"))


def _refused(entry_id: str, findings: list[Finding], origin: Origin | None, source: str) -> list[Finding]:
    """A refused entry's findings at its concept's place in the source, naming the concept."""
    if origin is None:
        return [*findings, _not_written(findings[0].path, 1, 1, "")]
    line, col, name = origin
    moved = [Finding(source, line, col, f.severity, f"{name}: {f.message} (line {f.line} of its entry "
                     f"'{entry_id}')") for f in findings]
    return [*moved, _not_written(source, line, col, f"{name}: ")]


def _not_written(path: str, line: int, col: int, name: str) -> Finding:
    return Finding(path, line, col, Severity.ERROR, f"{name}not written: fix the source (or the file by "
                   "hand after a --dry-run) and import again")


_LINKS = re.compile(r"^(related|broader): \[(.*)\]\n", re.M)
"""A new entry's cross-references, as :func:`~lexikon.interchange.terms.build` writes them
(one line each, before the language blocks)."""


def drop_links(text: str, gone: set[str]) -> tuple[str, list[str]]:
    """The entry text without its cross-references to ``gone``, and the ids taken out."""
    cut: list[str] = []

    def keep(match: re.Match[str]) -> str:
        ids = match.group(2).split(", ")
        cut.extend(i for i in ids if i in gone)
        left = [i for i in ids if i not in gone]
        return f"{match.group(1)}: [{', '.join(left)}]\n" if left else ""

    return _LINKS.sub(keep, text), cut


def tags_text(tags: Mapping[str, Mapping[str, str]], settings: Settings) -> str:
    """A new ``_tags.yml`` proposed by an import into a folder without one: a tag per subject field."""
    lines = ["# Tags: each id with its label per language. Made by an import: check the ids and "
             "add the labels missing."]
    for tag_id, labels in sorted(tags.items()):
        pairs = ", ".join(f"{lang}: {json.dumps(labels[lang], ensure_ascii=False)}"
                          for lang in settings.codes if lang in labels)
        lines.append(f"{tag_id}: {{{pairs}}}")
    return "\n".join(lines) + "\n"

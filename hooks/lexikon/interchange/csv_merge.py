"""A CSV row for an entry that exists: the languages it lacks are added, nothing else changes.

Importing ``glossary.da.csv`` after ``glossary.de.csv`` gives each entry the German import
made its Danish block: the block is written as text into the file
(:func:`~lexikon.interchange.entry_yaml.splice_block`), every other byte stays. A language
the entry has already is a conflict, reported and left as it is; so are the entry's own
fields (tags, related, broader, draft), whatever the row says. The changed files go through
the glossary's checks, with the import's new entries, before anything is written.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from lexikon.check.cache import light
from lexikon.check.glossary_files import existing_entry_bytes
from lexikon.check.pipeline import file_reports, report_file, with_new_files
from lexikon.core.model import Finding, Severity
from lexikon.core.paths import shown
from lexikon.core.safe_write import write_bytes
from lexikon.core.schema import ID_RULE
from lexikon.core.settings import Settings
from lexikon.interchange.entry_yaml import ImportProblem, plain_yaml, render_block, splice_block
from lexikon.interchange.term_counts import EXISTS, NO_TERM, REFUSED, Counts
from lexikon.interchange.terms import Concept
from lexikon.interchange.terms import _block as block_fields
from lexikon.interchange.words import slugify

_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Added:
    """An existing entry with languages added: its new text, and the bytes it was made from."""

    path: Path
    languages: tuple[str, ...]
    data: bytes
    original: bytes


@dataclass
class Merged:
    """What the rows for existing entries gave: the changed files, the findings, the conflicts."""

    added: dict[str, Added] = dataclasses.field(default_factory=dict)
    findings: list[Finding] = dataclasses.field(default_factory=list)
    conflicts: list[str] = dataclasses.field(default_factory=list)
    rows: Counter[str] = dataclasses.field(default_factory=Counter)
    """``id`` → the rows that added a language to it (counted merged)."""
    skipped: Counter[str] = dataclasses.field(default_factory=Counter)
    """Reason → rows for an existing entry that added nothing."""

    def count(self, counts: Counts) -> None:
        """Add the rows for existing entries to the import's counts: each merged or skipped."""
        counts.concepts += sum(self.rows.values()) + sum(self.skipped.values())
        counts.merged += sum(self.rows.values())
        for reason, number in self.skipped.items():
            counts.skip(reason, number)
        counts.languages_added += sum(len(added.languages) for added in self.added.values())
        counts.extended += len(self.added)


def existing_entry(concept: Concept, settings: Settings) -> Path | None:
    """The file of the entry the row is for, if there is one: by its id, or (a row without
    one) by its title's id."""
    key = concept.key.strip()
    if not key and concept.texts:
        first = concept.texts.get(settings.default_language) or next(iter(concept.texts.values()))
        key = slugify(first["title"])
    if not ID_RULE.match(key):
        return None
    for path in (settings.glossary_dir / f"{key}{suffix}" for suffix in (".yml", ".yaml")):
        try:
            if path.is_file():
                return path
        except OSError:  # a name the file system refuses (too long): no entry has it
            return None
    return None


def merge(concepts: list[Concept], settings: Settings, source: str) -> tuple[list[Concept], Merged]:
    """The concepts for new entries, and what the others add to the entries that exist."""
    new: list[Concept] = []
    merged = Merged()
    for concept in concepts:
        path = existing_entry(concept, settings)
        if path is None:
            new.append(concept)
        else:
            _add(concept, path, settings, source, merged)
    return new, merged


def _add(concept: Concept, path: Path, settings: Settings, source: str, merged: Merged) -> None:
    entry_id = path.stem

    def report(severity: Severity, message: str, line: int = concept.line) -> None:
        merged.findings.append(Finding(source, line, 1, severity, message))

    before = merged.added.get(entry_id)
    try:
        original = before.original if before else existing_entry_bytes(path)
        data = before.data if before else original
        text = data.decode("utf-8-sig")
        entry = plain_yaml(text)
    except (OSError, ValueError, yaml.YAMLError) as err:
        report(Severity.ERROR, f"the entry '{entry_id}' exists, and cannot be read ({err}): fix it with "
               "'lexicon check', then import again")
        merged.skipped[REFUSED] += 1
        return
    entry = entry if isinstance(entry, dict) else {}
    present = [lang for lang in concept.texts if lang in entry]
    if present:
        texts = f"a '{present[0]}' text" if len(present) == 1 else \
            f"{', '.join(repr(lang) for lang in present[:-1])} and '{present[-1]}' texts"
        report(Severity.ERROR, f"the entry '{entry_id}' exists already, with {texts}: it is left as it is "
               "(nothing is overwritten); merge by hand if the source knows more")
        if entry_id not in merged.conflicts:
            merged.conflicts.append(entry_id)
    added_here = False
    for lang, block in concept.texts.items():
        if lang in present:
            continue
        if not block["title"] or not block["summary"]:
            report(Severity.ERROR, f"no {'term' if not block['title'] else 'definition'} in '{lang}' for the "
                   f"entry '{entry_id}': the language is left out", block["_line"])
        else:
            try:
                text = splice_block(text, lang, render_block(lang, block_fields(block)), settings.codes)
            except ImportProblem as err:
                report(Severity.ERROR, f"'{lang}' cannot be added to '{entry_id}': {err}")
                continue
            languages = (*(before.languages if before else ()), lang)
            before = merged.added[entry_id] = Added(path, languages, _encoded(text, original), original)
            added_here = True
    if added_here:
        merged.rows[entry_id] += 1
        _own_fields(concept, entry, entry_id, report)
    else:
        termless = all(not block["title"] or not block["summary"] for block in concept.texts.values())
        merged.skipped[EXISTS if present else NO_TERM if termless else REFUSED] += 1


def _encoded(text: str, original: bytes) -> bytes:
    return (_BOM if original.startswith(_BOM) else b"") + text.encode("utf-8")


def _own_fields(concept: Concept, entry: Mapping, entry_id: str, report) -> None:
    """A note when the row's tags, links or draft flag differ from the entry's: the entry keeps its own."""
    row = {"tags": [t for t, _ in concept.tags], "related": [r for r, _ in concept.related],
           "broader": [b for b, _ in concept.broader]}
    differ = [name for name, values in row.items() if values and values != list(entry.get(name) or [])]
    if concept.draft and entry.get("draft") is not True:
        differ.append("draft")
    if differ:
        report(Severity.NOTE, f"the entry '{entry_id}' exists: its {', '.join(differ)} stay as they are "
               "(change them in the entry if the row is right)")


def check_added(merged: Merged, new_entries: Mapping[str, str], settings: Settings) -> list[Finding]:
    """The changed files checked with the glossary and the new entries; a file with an error
    is dropped from ``merged`` (each finding says why)."""
    if not merged.added:
        return []
    glossary = file_reports(settings, cache=False, with_entries=False)
    changed = {shown(added.path, settings.project_dir): entry_id for entry_id, added in merged.added.items()}
    files = {path: (entry_id, merged.added[entry_id].data) for path, entry_id in changed.items()}
    for entry_id, text in new_entries.items():
        path = shown(settings.glossary_dir / f"{entry_id}.yml", settings.project_dir)
        files[path] = (entry_id, text.encode())
    reports = [light(report_file(data, path, entry_id, settings)) for path, (entry_id, data) in files.items()]
    others = dataclasses.replace(glossary, reports=tuple(r for r in glossary.reports
                                                         if r.path not in changed))
    findings = [f for f in with_new_files(others, reports, settings).findings if f.path in changed]
    for path in sorted({f.path for f in findings if f.severity is Severity.ERROR}):
        del merged.added[changed[path]]
        merged.skipped[REFUSED] += merged.rows.pop(changed[path], 0)
        findings.append(Finding(path, 1, 1, Severity.ERROR, "not changed: fix the row (or add the "
                                "language by hand) and import again"))
    return findings


def write_added(added_files: Mapping[str, Added], settings: Settings) -> tuple[list[Added], list[Finding]]:
    """Write the changed files; one changed since it was read is left alone (a finding)."""
    written: list[Added] = []
    problems: list[Finding] = []
    for added in added_files.values():
        if added.path.read_bytes() != added.original:
            problems.append(Finding(shown(added.path, settings.project_dir), 1, 1, Severity.ERROR,
                                    "the file changed while importing: not changed, import again"))
            continue
        write_bytes(added.path, added.data, settings.project_dir)
        written.append(added)
    return written, problems

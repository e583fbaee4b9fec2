"""The stages one after another over the whole glossary: load every file, check them all,
deduplicate every body. The package goes file by file instead (``lexikon.check.pipeline``,
cached and in parallel); this is the specification it is tested against, kept here so that
the package has one pipeline.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from lexikon.check.blocks import Block, fenced_lines, is_prose
from lexikon.check.dedupe import deduplicate_entry
from lexikon.check.entry import check_file
from lexikon.check.glossary_files import list_glossary
from lexikon.check.glossary_wide import combine
from lexikon.check.load import LoadedFile, load_file, load_side_files
from lexikon.core.model import FINDING_ORDER, Entry, Finding, Result
from lexikon.core.settings import Settings


@dataclass(frozen=True)
class LoadedGlossary:
    """Every entry file and the tag file, as read from ``glossary/``."""

    files: tuple[LoadedFile, ...]
    tags: LoadedFile | None
    findings: tuple[Finding, ...]


def load_glossary(glossary_dir: Path, project_dir: Path) -> LoadedGlossary:
    """Read every entry file in ``glossary_dir`` (sorted by name) and ``_tags.yml``."""
    listing = list_glossary(glossary_dir, project_dir)
    findings: list[Finding] = list(listing.findings)
    files: list[LoadedFile] = []
    for path, display in listing.entries:
        loaded, problems = load_file(path, project_dir, display)
        findings.extend(problems)
        files.append(loaded)
    tags = load_side_files(listing, project_dir, findings)
    return LoadedGlossary(tuple(files), tags, tuple(sorted(findings)))


def check(loaded: LoadedGlossary, settings: Settings) -> Result:
    """Read and check every loaded file against the schema and against each other."""
    clean = {file.path for file in loaded.files} - {finding.path for finding in loaded.findings}
    reports = [check_file(file, settings, loaded_cleanly=file.path in clean) for file in loaded.files]
    return combine(reports, loaded.tags, settings, loaded.findings)


def deduplicate(result: Result) -> Result:
    """Remove duplicate paragraphs from every body; notes and warnings join the findings."""
    findings = list(result.findings)
    entries: dict[str, Entry] = {}
    for entry_id, entry in result.glossary.entries.items():
        entries[entry_id], found = deduplicate_entry(entry)
        findings.extend(found)
    glossary = dataclasses.replace(result.glossary, entries=entries)
    return Result(glossary, tuple(sorted(set(findings), key=FINDING_ORDER)), result.checked)


def staged(settings: Settings) -> Result:
    """The stages as each is specified: load everything, check everything, deduplicate."""
    return deduplicate(check(load_glossary(settings.glossary_dir, settings.project_dir), settings))


def split_blocks_with_fences(markdown: str) -> list[Block]:
    """The walk over lines that ``split_blocks`` (a regex between fences) is tested against:
    every fenced block (:func:`fenced_lines`) one block, blank lines and all."""
    lines = markdown.split("\n")
    fenced = fenced_lines(markdown, lines)
    blocks: list[Block] = []
    run: list[str] = []
    first = 0

    def close() -> None:
        if run:
            text = "\n".join(run)
            blocks.append(Block(text, is_prose(text), first))
            run.clear()

    number = 0
    while number < len(lines):
        line = lines[number]
        if number in fenced:
            close()
            last = fenced[number]
            run.extend(lines[number : last + 1])
            first = number
            close()
            number = last + 1
            continue
        if line.strip():
            if not run:
                first = number
            run.append(line)
        else:
            close()
        number += 1
    close()
    return blocks

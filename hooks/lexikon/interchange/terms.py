"""Terms from another tool (TBX, CSV) as new entry files: the concepts a reader found, made
entries with ids, tags and related entries resolved, written as text.

Both readers read their source into :class:`Concept` objects and hand them to :func:`build`.
Only new files are ever made: a concept whose id exists already is a conflict, reported and
left alone; each new file is then checked with the glossary (:mod:`.term_files`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lexikon.check.tags import read_tag_file, tag_key, tag_names
from lexikon.core.layout import reserved_ids
from lexikon.core.model import Finding, Severity
from lexikon.core.settings import Settings
from lexikon.interchange.entry_yaml import MODELINE, id_list, render_block
from lexikon.interchange.term_counts import EXISTS, Counts
from lexikon.interchange.term_ids import Ids, Report, beside_existing, merge, tell_apart
from lexikon.interchange.words import slugify

MAX_SOURCE_BYTES = 50 * 1024 * 1024
"""A termbase of this size is a mistake, or an attack on the parser."""


@dataclass(frozen=True)
class TermImport:
    """The new files an import makes, and everything it found on the way."""

    entries: Mapping[str, str]
    """``id`` → the text of the new ``glossary/<id>.yml``; each passed the check."""
    findings: tuple[Finding, ...]
    """About the source (its path and line) and about the new files (theirs)."""
    conflicts: tuple[str, ...] = ()
    """Ids that exist already: those entries were left as they are."""
    tags_text: str | None = None
    """The text of a new ``glossary/_tags.yml``, when the folder had none and the source
    names subject fields."""
    counts: Counts = field(default_factory=Counts)
    """Every concept of the source accounted for (:meth:`Counts.line`)."""

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)


class SourceProblem(Exception):
    """The source cannot be read at all (not XML, not UTF-8, no header…)."""


@dataclass
class Concept:
    """One concept as the source has it, before it becomes an entry."""

    key: str
    """Its id in the source ('' when it has none)."""
    line: int
    tags: list[tuple[str, int] | tuple[str, int, int]] = field(default_factory=list)
    """Subject fields or tag ids, with their lines (and columns, when the reader knows them)."""
    tags_lang: str = ""
    """The language of the subject fields' labels."""
    related: list[tuple[str, int] | tuple[str, int, int]] = field(default_factory=list)
    """Source keys of related concepts, with their lines (and columns)."""
    broader: list[tuple[str, int] | tuple[str, int, int]] = field(default_factory=list)
    """Source keys of broader concepts, with their lines (and columns)."""
    texts: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Language → the import's block (:func:`new_block`)."""
    draft: bool = False
    """Written with ``draft: true``: checked, not published (e.g. a concept without a definition)."""
    col: int = 1
    position: int = 0
    """Its number in the source (1 for the first): names a concept without an id."""
    languages_left_out: list[str] = field(default_factory=list)
    """Languages of the source the reader left out of it (the site has none of that name)."""
    tag_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    """A subject field's labels in every language (a SKOS Collection's): a new tag gets them all."""
    own_id: bool = False
    """The source says ``key`` is an entry id (our own export): kept even when it looks like a
    tool's counter (:mod:`lexikon.interchange.term_ids`)."""

    @property
    def name(self) -> str:
        """How findings name it: ``concept 'c12' (line 40)``, or by position without an id."""
        key = self.key.strip()
        return f"concept '{key}' (line {self.line})" if key else f"concept {self.position} (line {self.line})"


def new_block(line: int) -> dict[str, Any]:
    """An empty language block as readers fill it; ``_line`` is where it starts in the source."""
    return {"title": "", "aliases": [], "summary": "", "forms": [], "gender": None, "pos": None,
            "abbreviations": [], "deprecated": [], "context": [], "_line": line}


def check_size(path: Path) -> None:
    try:
        if path.stat().st_size > MAX_SOURCE_BYTES:
            raise SourceProblem(f"the file is over {MAX_SOURCE_BYTES // (1024 * 1024)} MB: split it")
    except OSError as err:
        raise SourceProblem(f"cannot read the file: {err.strerror}: check it and its permissions") from err


def read_source(path: Path) -> bytes:
    check_size(path)
    try:
        return path.read_bytes()
    except OSError as err:
        raise SourceProblem(f"cannot read the file: {err.strerror}: check it and its permissions") from err


def where(problem: SourceProblem) -> tuple[int, int]:
    return getattr(problem, "line", 1), getattr(problem, "col", 1)


def problem(message: str, line: int = 1, col: int = 1) -> SourceProblem:
    """A :class:`SourceProblem` at a place in the source."""
    err = SourceProblem(message)
    err.line, err.col = line, col  # type: ignore[attr-defined]
    return err


def failed(source: str, err: SourceProblem) -> TermImport:
    """The import of a source that cannot be read: one error, nothing to write."""
    return TermImport({}, (Finding(source, *where(err), Severity.ERROR, str(err)),))


def clean(text: str) -> str:
    """A term or definition as one line: NFC, white space collapsed; a no-break space (``z.\u00a0B.``,
    ``10\u00a0%``, also U+2007, U+202F) is German and Danish typography, kept as written.

    Not :func:`~lexikon.check.dedupe.normalise`, the form paragraphs are compared in: that
    keeps the line breaks a reader sees and drops the ``\\`` of a hard break, which in a
    term is a character."""
    return re.sub(r"[^\S\u00a0\u2007\u202f]+", " ", unicodedata.normalize("NFC", text)).strip()


def _existing_ids(settings: Settings) -> set[str]:
    folder = settings.glossary_dir
    if not folder.is_dir():
        return set()
    return {path.stem for path in folder.iterdir()
            if path.suffix in (".yml", ".yaml") and not path.name.startswith(("_", "."))}


def _tag_labels(settings: Settings) -> tuple[dict[str, str] | None, Callable[[str, str], str]]:
    """Tag id and every label (:func:`tag_key`) → tag id (None when there is no tag file), and
    a subject field's label in a language (its tag's, else as written)."""
    tags = read_tag_file(settings)
    if tags is None:
        return None, lambda subject, _: subject
    named = tag_names(tags)

    def label(subject: str, lang: str) -> str:
        tag = tags.get(named.get(tag_key(subject), ""))
        return tag.labels.get(lang, subject) if tag is not None else subject

    return named, label


@dataclass
class Built:
    """Concepts made entries: texts, tags to propose, conflicts, each concept's place (``origins``)."""

    texts: dict[str, str] = field(default_factory=dict)
    new_tags: dict[str, dict[str, str]] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    drafts: set[str] = field(default_factory=set)
    counts: Counts = field(default_factory=Counts)
    origins: dict[str, tuple[int, int, str]] = field(default_factory=dict)


def build(concepts: list[Concept], settings: Settings, report: Report, *,
          counts: Counts | None = None) -> Built:
    """The text of each new entry; every concept left out is reported (``report``) and counted
    (``counts``, also in :attr:`Built.counts`): merged, skipped and why, drafts."""
    built = Built(counts=counts if counts is not None else Counts())
    built.counts.concepts += len(concepts)
    built.counts.languages_left_out += sum(len(concept.languages_left_out) for concept in concepts)
    for position, concept in enumerate(concepts, 1):
        concept.position = concept.position or position
    existing = _existing_ids(settings)
    namer = Ids(settings.default_language, report, built.counts, reserved_ids(settings, settings.terms_path))
    candidates = [(entry_id, concept) for concept in merge(concepts, report, built.counts)
                  if (entry_id := namer.entry_id(concept)) is not None]
    namer.finish()
    ids: dict[str, str] = {}
    chosen: list[tuple[str, Concept]] = []
    named, label = _tag_labels(settings)
    candidates = beside_existing(candidates, existing, settings.glossary_dir, report, label)
    for entry_id, concept in tell_apart(candidates, report, label):
        if concept.key.strip():
            ids.setdefault(concept.key.strip(), entry_id)
        ids.setdefault(entry_id, entry_id)
        if entry_id in existing:
            built.conflicts.append(entry_id)
            built.counts.skip(EXISTS)
            report(concept.line, Severity.ERROR, f"{concept.name}: the entry '{entry_id}' exists already: "
                   "it is left as it is (nothing is overwritten); merge by hand if the source knows "
                   "more", concept.col)
            continue
        chosen.append((entry_id, concept))
    known = existing | {entry_id for entry_id, _ in chosen}
    unknown: dict[str, list] = {}  # subject field → [line, col, first concept, count]: said once
    for entry_id, concept in chosen:
        tags = _tags(concept, named, built.new_tags, settings.default_language, unknown)
        related = _related(concept, concept.related, entry_id, ids, existing, known, report)
        broader = _related(concept, concept.broader, entry_id, ids, existing, known, report)
        if concept.draft:
            built.drafts.add(entry_id)
        built.origins[entry_id] = (concept.line, concept.col, concept.name)
        built.texts[entry_id] = _entry_text(tags, {"related": related, "broader": broader},
                                            concept.texts, settings, concept.draft)
    for name, (line, col, first, count) in unknown.items():
        report(line, Severity.WARNING, f"the subject field '{name}' names no tag in _tags.yml: left out of "
               f"{count} concept(s) (the first: {first}); add the tag there, then to the entries", *col)
    concepts.clear()  # the texts say it all now: a large termbase's concepts go before the check
    return built


def _tags(concept: Concept, named: dict[str, str] | None, new_tags: dict[str, dict[str, str]],
          default: str, unknown: dict[str, list]) -> list[str]:
    tags: list[str] = []
    for name, line, *col in concept.tags:
        tag = (named or {}).get(tag_key(name))
        if tag is None and named is None:
            tag = slugify(name)
            if tag:
                labels = new_tags.setdefault(tag, {})
                labels.setdefault(concept.tags_lang or default, clean(name))
                for lang, other in concept.tag_labels.get(name, {}).items():
                    labels.setdefault(lang, clean(other))
        if tag is None or not tag:
            unknown.setdefault(name, [line, col, concept.name, 0])[3] += 1
        elif tag not in tags:
            tags.append(tag)
    return tags


def _related(concept: Concept, links: list[tuple[str, int] | tuple[str, int, int]], entry_id: str,
             ids: Mapping[str, str], existing: set[str], known: set[str], report: Report) -> list[str]:
    """The entry ids that cross-references (related or broader) name; any other is reported."""
    related: list[str] = []
    for target, line, *col in links:
        target_id = ids.get(target) or ids.get(target.lstrip("_")) or (target if target in existing else None)
        if target_id is None or target_id not in known:
            report(line, Severity.WARNING, f"{concept.name}: the cross-reference to '{target}' names no "
                   "entry: left out", *col)
        elif target_id == entry_id:
            report(line, Severity.WARNING, f"{concept.name}: the link to '{target}' names the concept "
                   "itself: left out", *col)
        elif target_id not in related:
            related.append(target_id)
    return related


def _entry_text(tags: list[str], links: Mapping[str, list[str]], blocks: Mapping[str, Mapping[str, Any]],
                settings: Settings, draft: bool = False) -> str:
    lines = [MODELINE]
    for key, ids in {"tags": tags, **links}.items():
        if ids:
            lines.append(id_list(key, ids))
    if draft:
        lines.append("draft: true")
    text = "\n".join(lines) + "\n"
    for lang in settings.codes:
        if lang in blocks:
            text += render_block(lang, _block(blocks[lang]))
    return text


def _block(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of a read block an entry keeps: each term once, in its first role only;
    the other text fields (body, highlights, sources, qualifier, reviewed) as the reader set
    them (:func:`~lexikon.interchange.entry_yaml.render_block` puts them in schema order)."""
    block: dict[str, Any] = {"title": raw["title"]}
    if raw["summary"]:
        block["summary"] = raw["summary"]
    seen = {raw["title"]}
    for key in ("aliases", "abbreviations", "deprecated", "forms"):
        terms = [t for t in dict.fromkeys(raw.get(key, ())) if t not in seen]
        seen.update(terms)
        if terms:
            block[key] = terms
    for key in ("gender", "pos"):
        if raw.get(key):
            block[key] = raw[key]
    if raw.get("context"):
        block["context"] = list(raw["context"])
    for key in _PASSED_THROUGH:
        if raw.get(key):
            block[key] = list(raw[key]) if isinstance(raw[key], list | tuple) else raw[key]
    return block


_PASSED_THROUGH = ("body", "highlights", "sources", "qualifier", "reviewed")
"""Text fields a reader may set that :func:`_block` takes as they are."""

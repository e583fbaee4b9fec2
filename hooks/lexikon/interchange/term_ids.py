"""Imported concepts made entries with ids of their own, whatever the source did with its ids.

- a concept id the source has twice is one concept written in two places (a tool's export
  in parts): the second is merged into the first, its languages and terms added;
- the entry id is the concept's own id when it is a valid one, else the slug of its title;
  a tool's counters and keys (``c12``, ``4711``, ``4d5e6f``) are not ids, which is said once for all of them,
  unless the source says they are entry ids (``Concept.own_id``): our own exports do (the
  TBX header's ``sourceDesc``, the CSV's ``url`` column ending in ``terms/<id>/``, a SKOS
  concept whose ``skos:notation`` is its IRI's last segment), so that ``x11`` comes back
  ``x11`` from every round trip;
- homonyms, concepts with the same title (a bank of a river, a bank for money), get distinct
  ids from their subject field (``bank-finance``, ``bank-geography``) or, without one, from
  their source ids, and a ``qualifier`` in each language block that shares the title, so
  that ``lexicon check`` tells them apart (see :mod:`lexikon.check.titles`);
- a concept without any term cannot be an entry: skipped, with the reason;
- an id a page the site generates reserves (``index``: the A–Z index) gets a suffix
  (:func:`unreserved_id`, which every importer's id passes through).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from lexikon.check.glossary_files import existing_entry_bytes
from lexikon.check.terminology import fold
from lexikon.core.model import Severity
from lexikon.core.schema import ID_RULE, MAX_ID_LENGTH, unreserved_id
from lexikon.interchange.entry_yaml import plain_yaml
from lexikon.interchange.term_counts import NO_ID, NO_TERM, Counts
from lexikon.interchange.words import slugify

if TYPE_CHECKING:
    from lexikon.interchange.terms import Concept

Report = Callable[..., None]
"""``report(line, severity, message, col=1)``: a finding about the source."""
_COUNTER_ID = re.compile(r"^(?=.*\d)(?!.*[a-z]{3})[a-z\d-]+$")
"""Ids like ``c12`` that terminology tools number their concepts with, and the opaque keys
vocabulary tools give them (PoolParty's ``4d5e6f``): a digit, and no run of three letters."""


def merge(concepts: list[Concept], report: Report, counts: Counts) -> list[Concept]:
    """The concepts with each source id once: a second one is added to the first."""
    first: dict[str, Concept] = {}
    kept: list[Concept] = []
    for concept in concepts:
        key = concept.key.strip()
        earlier = first.get(key) if key else None
        if earlier is None:
            if key:
                first[key] = concept
            kept.append(concept)
            continue
        counts.merged += 1
        _merge_into(earlier, concept, report)
        report(concept.line, Severity.NOTE, f"{concept.name}: the id comes again (first at line "
               f"{earlier.line}, column {earlier.col}): merged into one entry, its languages and terms "
               "added", concept.col)
    return kept


def _merge_into(first: Concept, other: Concept, report: Report) -> None:
    """``other``'s languages and terms added to ``first``; a second definition in a language
    that has one cannot be added (an entry has one summary): a warning naming both lines."""
    first.tags += other.tags
    first.related += other.related
    first.broader += other.broader
    first.draft = first.draft or other.draft
    first.languages_left_out += other.languages_left_out
    for lang, block in other.texts.items():
        mine = first.texts.setdefault(lang, block)
        if mine is block:
            continue
        if mine["summary"] and block["summary"] and mine["summary"] != block["summary"]:
            report(block.get("_line", other.line), Severity.WARNING, f"{other.name}: a second definition in "
                   f"'{lang}' ('{_short(block['summary'])}'): left out, the entry keeps the one of "
                   f"{first.name}; if they are two concepts, give them two ids", block.get("_col", other.col))
        mine["summary"] = mine["summary"] or block["summary"]
        mine["title"] = mine["title"] or block["title"]
        mine["aliases"] += [t for t in (block["title"], *block["aliases"]) if t and t != mine["title"]]
        for key in ("abbreviations", "deprecated", "context", "forms"):
            mine[key] = list(mine.get(key) or []) + list(block.get(key) or [])


def _short(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[:size - 1] + "…"


class Ids:
    """Entry ids for a run's concepts; what it could not use is reported and counted."""

    def __init__(self, default: str, report: Report, counts: Counts,
                 reserved: Mapping[str, str] | None = None) -> None:
        self.default, self.report, self.counts = default, report, counts
        self.reserved = reserved or {}
        self.renamed = 0
        self.first_renamed = ""
        self.first_at = (1, 1)

    def entry_id(self, concept: Concept) -> str | None:
        """The concept's entry id (its own when valid, else the title's slug; not a reserved
        one, :func:`unreserved_id`); None: skipped."""
        chosen = self._chosen_id(concept)
        if chosen is None:
            return None
        entry_id, why = unreserved_id(chosen, self.reserved)
        if why:
            self.report(concept.line, Severity.NOTE, f"{concept.name}: {why}", concept.col)
        return entry_id

    def _chosen_id(self, concept: Concept) -> str | None:
        for lang, block in list(concept.texts.items()):
            if not block["title"]:
                self.report(block["_line"], Severity.WARNING, f"{concept.name}: no term in '{lang}': "
                            "the language is left out", block.get("_col", 1))
                del concept.texts[lang]
                self.counts.languages_left_out += 1
        if not concept.texts:
            self.report(concept.line, Severity.ERROR, f"{concept.name}: no term in any of the site's "
                        "languages: nothing to import (skipped)", concept.col)
            self.counts.skip(NO_TERM)
            return None
        self._draft(concept)
        first = concept.texts.get(self.default) or next(iter(concept.texts.values()))
        key = concept.key.strip()
        own = key[1:] if key.startswith("_") else key
        slug = slugify(first["title"])
        counter = _COUNTER_ID.match(own) and slug and slug != own
        if ID_RULE.match(own) and len(own) <= MAX_ID_LENGTH and (concept.own_id or not counter):
            return own
        if not slug:
            self.report(concept.line, Severity.ERROR, f"{concept.name}: the title '{first['title']}' "
                        "makes no id: skipped (give the concept an id that is one)", concept.col)
            self.counts.skip(NO_ID)
            return None
        if key:
            self.renamed += 1
            if self.renamed == 1:
                self.first_renamed, self.first_at = concept.name, (concept.line, concept.col)
        return slug

    def _draft(self, concept: Concept) -> None:
        missing = [lang for lang, block in concept.texts.items() if not block["summary"]]
        if missing:
            concept.draft = True
            self.report(concept.line, Severity.NOTE, f"{concept.name}: no definition in "
                        f"{', '.join(repr(lang) for lang in missing)}: comes in as a draft "
                        "(draft: true); write the summary, then remove the draft line", concept.col)

    def finish(self) -> None:
        """The ids made from titles, said once."""
        if self.renamed:
            self.report(self.first_at[0], Severity.NOTE, f"{self.renamed} concept(s) have ids that are "
                        f"not entry ids (the first: {self.first_renamed}): their ids were made from their "
                        "titles", self.first_at[1])


def tell_apart(chosen: list[tuple[str, Concept]], report: Report,
               label: Callable[[str, str], str] = lambda subject, _: subject) -> list[tuple[str, Concept]]:
    """Distinct ids for concepts that would share one, and qualifiers for shared titles.

    ``label(subject, lang)``: a subject field's name in a language (the tag's label there), for
    the qualifiers. Changed in place; the groups are made only for what is shared (a termbase of 60,000
    concepts has a few hundred homonyms: memory stays bounded by the concepts themselves)."""
    taken = {entry_id for entry_id, _ in chosen}
    by_id: dict[str, list[int]] = defaultdict(list)
    for index, entry_id in _repeated([entry_id for entry_id, _ in chosen]):
        by_id[entry_id].append(index)
    result = chosen
    renamed: list[tuple[Concept, str, str, int]] = []
    for entry_id, members in by_id.items():
        concepts = [chosen[i][1] for i in members]
        for index, concept, name in zip(members, concepts, qualifiers(concepts), strict=True):
            new = _free(f"{entry_id}-{slugify(name) or concept.position}", taken)
            result[index] = (new, concept)
            renamed.append((concept, entry_id, new, len(members)))
    _qualify([concept for _, concept in result], label)
    for concept, entry_id, new, count in renamed:  # the qualifier named only when one was written
        written = next((block["qualifier"] for block in concept.texts.values() if block.get("qualifier")), "")
        report(concept.line, Severity.NOTE, f"{concept.name}: {count} concepts have the id '{entry_id}': "
               f"this one is '{new}'{f', with the qualifier {written!r}' if written else ''}", concept.col)
    return result


def beside_existing(chosen: list[tuple[str, Concept]], existing: set[str], folder: Path, report: Report,
                    label: Callable[[str, str], str]) -> list[tuple[str, Concept]]:
    """A concept whose id is an existing entry's is that entry (left to the caller: it exists
    already) when its own source id is the entry's, or when a language's title and definition
    are the entry's (a termbase imported again); else it is a homonym of the entry: it comes
    in beside it, with an id and a qualifier of its own, and the existing entry is not
    touched (the note asks for a qualifier there too). An entry file that cannot be read is
    taken for the same concept: nothing is added that may be a duplicate."""
    taken = existing | {entry_id for entry_id, _ in chosen}
    result = []
    for entry_id, concept in chosen:
        key = concept.key.strip().lstrip("_")
        if entry_id in existing and key != entry_id and not _same_concept(folder / f"{entry_id}.yml",
                                                                          concept):
            name = qualifiers([concept])[0]
            new = _free(f"{entry_id}-{slugify(name) or concept.position}", taken)
            said = _announce(concept, entry_id, name, label)
            report(concept.line, Severity.NOTE, f"{concept.name}: the entry '{entry_id}' exists already: "
                   f"this one comes in beside it as '{new}', with the qualifier {said!r}; give "
                   f"'{entry_id}' a qualifier too", concept.col)
            entry_id = new
        result.append((entry_id, concept))
    return result


def _same_concept(path: Path, concept: Concept) -> bool:
    """True when a language of the entry file has the concept's title and definition (or
    the file cannot be read as an entry)."""
    try:
        data = plain_yaml(existing_entry_bytes(path).decode("utf-8-sig"))
    except (OSError, ValueError, yaml.YAMLError):  # UnicodeDecodeError is a ValueError
        return True
    if not isinstance(data, dict):
        return True
    for lang, block in concept.texts.items():
        theirs = data.get(lang)
        if isinstance(theirs, dict) and all(_plain(theirs.get(key)) == _plain(block[key])
                                            for key in ("title", "summary")):
            return True
    return False


def _plain(text: Any) -> str:
    return fold(" ".join(str(text or "").split()))


def _announce(concept: Concept, base: str, name: str, label: Callable[[str, str], str]) -> str:
    """The qualifier a homonym of an existing entry gets, written in each block whose title
    made the shared id (else the first block): what the note announces is in the file."""
    blocks = [(lang, block) for lang, block in concept.texts.items() if slugify(block["title"]) == base]
    subject = bool(concept.tags) and name == concept.tags[0][0]
    written = ""
    for lang, block in blocks or list(concept.texts.items())[:1]:
        block["qualifier"] = block.get("qualifier") or (label(name, lang) if subject else name)
        written = written or block["qualifier"]
    return written


def _free(entry_id: str, taken: set[str]) -> str:
    candidate, number = entry_id, 1
    while candidate in taken:
        number += 1
        candidate = f"{entry_id}-{number}"
    taken.add(candidate)
    return candidate


def qualifiers(concepts: list[Concept]) -> list[str]:
    """What tells each concept from the others: its subject field when theirs differ, else
    its source id, else its position in the source."""
    fields = [concept.tags[0][0] if concept.tags else "" for concept in concepts]
    labels = []
    for concept, subject in zip(concepts, fields, strict=True):
        if subject and fields.count(subject) == 1:
            labels.append(subject)
        else:
            labels.append(concept.key.strip() or str(concept.position))
    return labels


def _qualify(concepts: list[Concept], label: Callable[[str, str], str]) -> None:
    """A qualifier in every block whose title another imported concept has in that language:
    the subject field in the block's language when it tells them apart, else the source id."""
    counts = Counter(_title_key(lang, block) for concept in concepts for lang, block in concept.texts.items())
    shared: dict[str, list[tuple[Concept, str, dict[str, Any]]]] = defaultdict(list)
    for concept in concepts:
        for lang, block in concept.texts.items():
            key = _title_key(lang, block)
            if counts[key] > 1:
                shared[key].append((concept, lang, block))
    del counts
    for uses in shared.values():
        for (concept, lang, block), name in zip(uses, qualifiers([use[0] for use in uses]), strict=True):
            subject = bool(concept.tags) and name == concept.tags[0][0]
            block["qualifier"] = block.get("qualifier") or (label(name, lang) if subject else name)


def _repeated(keys: list[str]) -> list[tuple[int, str]]:
    """(index, key) of every key that occurs more than once, in order."""
    counts = Counter(keys)
    return [(index, key) for index, key in enumerate(keys) if counts[key] > 1]


def _title_key(lang: str, block: dict[str, Any]) -> str:
    return f"{lang}\0{fold(block['title'])}"

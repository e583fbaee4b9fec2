"""The data exports of a build, format by format: each taken from the last site where what it is
made of did not change, the others made in a fork during the passes (:mod:`.exports_ahead`).

Only ``glossary.json`` and the all-in-one CSV carry the entries' bodies and highlights; every
other format shows names, summaries, tags and links (TBX, SKOS, Vale, the per-language and
pair CSVs). So each format is keyed by the glossary it reads: the whole glossary for the two,
for the others the glossary with bodies and highlights reduced to the links they make
(:func:`~.glossary_keys.as_seen_by_others`; each entry encoded once a build:
:class:`~.glossary_keys.GlossaryKeys`). A body edit then makes only those two again
(``tests/unit/engine/test_exports_kept.py`` holds every format to what it is keyed by).
Decided once the glossary is rendered (the last site's files are looked at then, and linked
in at the end); keyed by content, never by time stamps.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lexikon.core.formats import CSV_ALL, EXPORT_FORMATS, JSON
from lexikon.engine.mkdocs.exports_ahead import ExportsAhead
from lexikon.engine.mkdocs.glossary_keys import GlossaryKeys
from lexikon.engine.mkdocs.pages import Rendered
from lexikon.publish.kept import KeptOutputs
from lexikon.publish.outputs import write_data_exports

if TYPE_CHECKING:  # only named in annotations: no exporter imported in a build that keeps them
    from lexikon.interchange.skos import SiteTexts

    Texts = tuple[SiteTexts, SiteTexts]

READ_BODIES = frozenset({JSON.name, CSV_ALL.name})
"""The formats that carry bodies and highlights, not only the links in them."""


@dataclass(frozen=True)
class Plan:
    """Each format's inputs, and the formats the last site holds as made of them."""

    texts: Texts
    inputs: dict[str, str]
    taken: tuple[str, ...] = ()

    @property
    def make(self) -> tuple[str, ...]:
        return tuple(fmt.name for fmt in EXPORT_FORMATS if fmt.name not in self.taken)


def plan(rendered: Rendered, texts: Texts, kept: KeptOutputs | None,
         keys: GlossaryKeys | None = None) -> Plan:
    """What each format is made of, and which of them the last site gives (all made without
    ``kept``); ``keys``: the build's digests of its glossary, shared with the page stores."""
    if kept is None:
        return Plan(texts, {})
    keys = keys or GlossaryKeys()
    extra = [texts[0], rendered.identity, texts[1], repr(rendered.articles)]
    whole = _inputs(keys.glossary(rendered.glossary, whole=True), rendered, extra)
    links_only = _inputs(keys.glossary(rendered.glossary, whole=False), rendered, extra)
    inputs = {fmt.name: whole if fmt.name in READ_BODIES else links_only for fmt in EXPORT_FORMATS}
    taken = tuple(name for name, key in inputs.items() if kept.available(_output(name), key, "."))
    return Plan(texts, inputs, taken)


def start(rendered: Rendered, texts: Texts, kept: KeptOutputs | None,
          keys: GlossaryKeys | None = None) -> None:
    """The plan, and the formats to make begun in a fork (kept in ``rendered.ahead``)."""
    rendered.ahead["plan"] = chosen = plan(rendered, texts, kept, keys)
    make = chosen.make
    if make:
        ahead = ExportsAhead.start(rendered.settings.project_dir,
                                   lambda folder: write(rendered, folder, texts, make), (texts, make))
        if ahead is not None:
            rendered.ahead["exports"] = ahead


def finish(rendered: Rendered, site_dir: Path, texts: Texts, kept: KeptOutputs | None) -> None:
    """Every format in ``site_dir``: linked from the last site, moved in from the fork, or made here."""
    ahead: ExportsAhead | None = rendered.ahead.pop("exports", None)
    chosen: Plan | None = rendered.ahead.pop("plan", None)
    if chosen is None or chosen.texts != texts:
        chosen = plan(rendered, texts, kept)
    taken = [name for name in chosen.taken
             if kept is not None and kept.reuse(_output(name), chosen.inputs[name], ".", site_dir)]
    make = [fmt.name for fmt in EXPORT_FORMATS if fmt.name not in taken]
    made: Collection[str] = ()
    if ahead is not None:
        if make and ahead.made_of[0] == texts and ahead.take(site_dir) is not None:
            made = ahead.made_of[1]
        else:
            ahead.drop()
    missing = [name for name in make if name not in made]
    if missing:  # not made ahead, or that failed: made here (an error is told from here)
        write(rendered, site_dir, texts, missing)
    if kept is not None:
        _record(kept, chosen, make, site_dir, rendered.glossary.languages)
        _name_taken(kept, taken)


def write(rendered: Rendered, site_dir: Path, texts: Texts, only: Collection[str]) -> list[Path]:
    title, description = texts
    return write_data_exports(site_dir, rendered.glossary, rendered.layout, title, rendered.identity,
                              description, rendered.articles, only)


def _output(name: str) -> str:
    return f"export-{name}"


def _record(kept: KeptOutputs, chosen: Plan, made: Collection[str], site_dir: Path,
            languages: tuple[str, ...]) -> None:
    for fmt in EXPORT_FORMATS:
        if fmt.name in made:
            files = [site_dir / file for file, _ in fmt.files(languages)]
            kept.record(_output(fmt.name), chosen.inputs[fmt.name], site_dir, files)


def _name_taken(kept: KeptOutputs, taken: list[str]) -> None:
    """One name in the build's log for the exports taken: ``exports`` when all are, else
    ``exports but json/csv-all`` (the formats made)."""
    outputs = {_output(name) for name in taken}
    kept.taken[:] = [name for name in kept.taken if name not in outputs]
    made = [fmt.name for fmt in EXPORT_FORMATS if fmt.name not in taken]
    if taken:
        kept.taken.append(f"exports but {'/'.join(made)}" if made else "exports")


def _inputs(glossary: bytes, rendered: Rendered, texts: list[object]) -> str:
    """What an export is made of: the glossary (its digest: entries and tags in file order,
    SKOS lists tags so), the site's addresses, names and languages (the code and library
    versions are the store's fingerprint)."""
    data = json.dumps([glossary.hex(), repr(rendered.layout), texts], sort_keys=True, default=repr)
    return hashlib.blake2b(data.encode(), digest_size=20).hexdigest()

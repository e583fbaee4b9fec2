"""One entry file read alone: its language blocks and keys, and the names it uses.

What a file's report holds depends on this file only, so it can be cached by content and
made in parallel (:mod:`lexikon.check.pipeline`); what needs the other files is judged in
:mod:`lexikon.check.glossary_wide`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

import yaml

from lexikon.check import terminology
from lexikon.check.fields import FieldReader
from lexikon.check.load import LoadedFile
from lexikon.check.yaml_nodes import NULL_TAG, Marks, Spans, did_you_mean, lower_first, place_of
from lexikon.core import links
from lexikon.core.model import Entry, FileReport, Finding, Reference, Severity, Span, Text, TitleUse
from lexikon.core.schema import ENTRY_FIELDS, LINKABLE_FIELDS, TEXT_FIELDS, genders_of
from lexikon.core.settings import LANGUAGE_CODE, Settings


def check_file(file: LoadedFile, settings: Settings, *, loaded_cleanly: bool = True,
               place_links: bool = True) -> FileReport:
    """What can be judged of one entry file alone: its schema, and the names it uses.

    ``place_links``: each cross-link a :class:`Reference` with its place, or (False) only the
    ids they name in the report's ``links``, placed later if one of them names nothing: the
    file can then be read again (a file on disk), and most links cost a regex match only."""
    findings: list[Finding] = []
    if file.root is None:
        if loaded_cleanly:
            findings.append(Finding(file.path, 1, 1, Severity.ERROR,
                                    "the file is empty: start from 'lexicon new ID', or delete it"))
        return FileReport(file.path, file.id, None, tuple(findings))
    entry = _EntryReader(file, settings, findings).read()
    if entry is None:
        return FileReport(file.path, file.id, None, tuple(findings))
    references = _references(entry, findings, place_links)
    titles, names = _titles(entry), terminology.name_uses(entry)
    findings += terminology.own_clashes(file.path, titles, names)
    targets = () if place_links else _link_targets(entry)
    return FileReport(file.path, file.id, entry, tuple(findings), True, references, titles, names, targets)


_ENTRY_SPECS = {spec.name: spec for spec in ENTRY_FIELDS}
_TEXT_SPECS = {spec.name: spec for spec in TEXT_FIELDS}
"""The fields of an entry and of a language block by name (made once, not per file and text)."""


class _EntryReader(FieldReader):
    """Reads one entry file's node tree into an :class:`Entry`, noting each problem."""

    draft = False
    """The file says ``draft: true``: a language block may lack its summary."""

    def read(self) -> Entry | None:
        root = self.file.root
        assert root is not None
        if not isinstance(root, yaml.MappingNode):
            if root.tag == NULL_TAG:
                self.problem(root, "the file is empty: start from 'lexicon new ID', or delete it")
            else:
                self.problem(root, "the top level must be a mapping (keys like 'tags', "
                             f"'related', {', '.join(repr(c) for c in self.settings.codes)})")
            return None
        fields: dict[str, object] = {}
        spans: dict[str, Marks] = {}
        texts: dict[str, Text] = {}
        self.draft = any(isinstance(key, yaml.ScalarNode) and key.value == "draft"
                         and isinstance(value, yaml.ScalarNode) and value.value.lower() == "true"
                         for key, value in root.value)
        specs = _ENTRY_SPECS
        for key, value in self.mapping_items(root):
            if key.value in specs:
                fields[key.value] = self.value(specs[key.value], key, value, spans, key.value)
            elif key.value in self.settings.codes:
                text = self.text(key, value)
                if text is not None:
                    texts[key.value] = text
            else:
                allowed = [*specs, *self.settings.codes]
                hint = did_you_mean(key.value, allowed)
                if not hint and LANGUAGE_CODE.match(key.value) and len(key.value) <= 3:
                    self.problem(key, f"language '{key.value}' is not configured (the site has "
                                 f"{', '.join(self.settings.codes)}): remove the block, or add the "
                                 "language to the i18n plugin in mkdocs.yml")
                else:
                    self.problem(key, f"unknown key '{key.value}'{hint}: allowed here are "
                                 f"{', '.join(allowed)}")
        if not texts and not any(key.value in self.settings.codes for key, _ in root.value
                                 if isinstance(key, yaml.ScalarNode)):
            self.problem(root, "no language block: add one per language, e.g. "
                         f"'{self.settings.default_language}:' with title and summary")
        for language in self.settings.languages:
            if texts and language.code not in texts and not self.has_key(root, language.code):
                self.findings.append(Finding(
                    self.file.path, 1, 1, Severity.WARNING,
                    f"no '{language.code}' block: the {language.name} translation is missing "
                    f"(its page says so until you add '{language.code}:' with title and summary)",
                ))
        return Entry(
            id=self.file.id,
            path=self.file.path,
            tags=tuple(fields.get("tags") or ()),  # type: ignore[arg-type]
            related=tuple(fields.get("related") or ()),  # type: ignore[arg-type]
            texts={code: texts[code] for code in self.settings.codes if code in texts},
            broader=tuple(fields.get("broader") or ()),  # type: ignore[arg-type]
            draft=fields.get("draft") is True,
            spans=Spans(self.file, spans),
        )


    def text(self, key: yaml.ScalarNode, node: yaml.Node) -> Text | None:
        code = key.value
        if not isinstance(node, yaml.MappingNode):
            if node.tag == NULL_TAG:
                self.problem(key, f"the '{code}' block is empty: give it at least 'title' and "
                             "'summary', or remove it")
            else:
                self.problem(node, f"the '{code}' block must be a mapping of keys (title, summary, …)")
            return None
        values: dict[str, object] = {}
        marks: dict[str, Marks] = {}
        specs = _TEXT_SPECS
        misspelt: set[str] = set()
        for field_key, value in self.mapping_items(node):
            spec = specs.get(field_key.value)
            if spec is None:
                hint = did_you_mean(field_key.value, specs)
                misspelt.update(difflib.get_close_matches(field_key.value, list(specs), n=1, cutoff=0.6))
                self.problem(field_key, f"unknown key '{field_key.value}'{hint} in the '{code}' block: "
                             f"allowed are {', '.join(specs)}")
                continue
            values[spec.name] = self.value(spec, field_key, value, marks, spec.name, genders_of(code))
        for spec in TEXT_FIELDS:
            if spec.required and spec.name not in values and spec.name not in misspelt:
                if self.draft and spec.name == "summary":
                    self.problem(key, f"the '{code}' block has no 'summary' yet: fine for a draft, "
                                 "add it before you publish", Severity.NOTE)
                    values["summary"] = ""
                    continue
                self.problem(key, f"the '{code}' block has no '{spec.name}': "
                             f"add it ({lower_first(spec.doc)})")
        summary = values.get("summary")
        spans = Spans(self.file, marks)
        if not values.get("title") or summary is None or (not summary and not self.draft):
            return None
        if summary and "summary" in spans and _same_words(str(summary), str(values["title"])):
            self.findings.append(spans["summary"].finding(
                Severity.WARNING, f"the '{code}' summary only repeats the title: say in a sentence what "
                "the term means (the summary is the entry's definition)"))
        return Text(
            lang=code,
            title=str(values["title"]).strip(),
            summary=str(values["summary"]).strip(),
            aliases=tuple(values.get("aliases") or ()),  # type: ignore[arg-type]
            body=str(values.get("body") or ""),
            highlights=tuple(values.get("highlights") or ()),  # type: ignore[arg-type]
            sources=tuple(values.get("sources") or ()),  # type: ignore[arg-type]
            forms=tuple(values.get("forms") or ()),  # type: ignore[arg-type]
            gender=values.get("gender"),  # type: ignore[arg-type]
            pos=values.get("pos"),  # type: ignore[arg-type]
            abbreviations=tuple(values.get("abbreviations") or ()),  # type: ignore[arg-type]
            deprecated=tuple(values.get("deprecated") or ()),  # type: ignore[arg-type]
            context=tuple(values.get("context") or ()),  # type: ignore[arg-type]
            qualifier=str(values["qualifier"]).strip() if values.get("qualifier") else None,
            reviewed=values.get("reviewed"),  # type: ignore[arg-type]
            spans=spans,
        )



def _same_words(summary: str, title: str) -> bool:
    """A summary that is the title again (case, spacing and a closing full stop aside)."""
    def fold(text: str) -> str:
        return " ".join(text.split()).casefold().rstrip(" .:!?")
    return fold(summary) == fold(title)


def _references(entry: Entry, findings: list[Finding], place_links: bool = True) -> tuple[Reference, ...]:
    """Every id, tag and (``place_links``) cross-link ``entry`` names, placed; naming itself
    is judged here."""
    found: list[Reference] = []
    for kind, targets in (("related", entry.related), ("broader", entry.broader)):
        for index, target in enumerate(targets):
            if target == entry.id:
                findings.append(entry.spans[f"{kind}[{index}]"].finding(
                    Severity.ERROR, f"'{target}' is this entry itself: remove it from '{kind}'"))
            else:
                found.append(Reference(kind, target, *_place(entry.spans, f"{kind}[{index}]")))
    for index, tag in enumerate(entry.tags):
        found.append(Reference("tag", tag, *_place(entry.spans, f"tags[{index}]")))
    if not place_links:
        return tuple(found)
    for text in entry.texts.values():
        for name in LINKABLE_FIELDS:
            values = [text.summary] if name == "summary" else (
                [text.body] if name == "body" else list(text.highlights))
            for index, value in enumerate(values):
                written = _LINK_PARTS.findall(value)  # (as written, target, label)
                if not written:
                    continue
                span = text.spans.get(name if name != "highlights" else f"highlights[{index}]")
                if span is not None:  # tuples at C speed: a text may hold thousands of links
                    places = span.places([link for link, _, _ in written])
                    found += [_new(Reference, ("link", target.strip(), line, col, link))
                              for (link, target, _), (line, col) in zip(written, places, strict=True)]
    return tuple(found)


def _link_targets(entry: Entry) -> tuple[str, ...]:
    """The ids the cross-links :func:`_references` would place name, each once, in the order
    they are first named: one regex search per text, no place worked out."""
    named: dict[str, None] = {}
    for text in entry.texts.values():
        for name in LINKABLE_FIELDS:
            values = [text.summary] if name == "summary" else (
                [text.body] if name == "body" else list(text.highlights))
            for index, value in enumerate(values):
                targets = _LINK_TARGETS.findall(value) if "[[" in value else ()
                if targets and (name if name != "highlights" else f"highlights[{index}]") in text.spans:
                    named.update(dict.fromkeys(map(str.strip, targets)))
    return tuple(named)


_new = tuple.__new__
"""A :class:`Reference` made as the tuple it is, without its Python-level constructor."""


def _place(spans: Mapping[str, Span], name: str) -> tuple[int, int]:
    """Where a field that was read stands (it has a span: the reader noted one for each)."""
    where = place_of(spans, name)
    assert where is not None, name
    return where


_LINK_PARTS = re.compile(f"({links.CROSS_LINK.pattern})")
"""A cross-link, its groups the link as written, its target and its label (for ``findall``)."""
_LINK_TARGETS = re.compile(links.CROSS_LINK.pattern.replace(r"\|((?:", r"\|(?:(?:", 1))
"""The same matches, with the target as the one group: ``findall`` gives the targets alone."""
assert _LINK_TARGETS.groups == 1 and links.CROSS_LINK.groups == 2


def _titles(entry: Entry) -> tuple[TitleUse, ...]:
    uses = []
    for code, text in entry.texts.items():
        uses.append(TitleUse(code, terminology.fold(text.title), text.title, *_place(text.spans, "title"),
                             terminology.fold(text.qualifier or "")))
    return tuple(uses)

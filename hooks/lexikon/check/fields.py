"""One field of an entry file against its spec: text that is text, one line where one line is
due, ids that are ids, sources with a title and a web address.

:class:`FieldReader` notes each problem where it stands and goes on; the entry reader
(:mod:`lexikon.check.entry`) walks the file's structure with it.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

import yaml

from lexikon.check.characters import (
    foreign_letters,
    invisible_characters,
    invisible_message,
    not_composed,
    not_composed_message,
)
from lexikon.check.load import LoadedFile
from lexikon.check.yaml_nodes import (
    NULL_TAG,
    STR_TAG,
    TYPE_NAMES,
    Marks,
    did_you_mean,
    finding_at,
    lower_first,
    span_of,
)
from lexikon.core import links
from lexikon.core.model import Context, Finding, Severity, Source, Span
from lexikon.core.schema import CONTEXT_FIELDS, ID_RULE, SOURCE_FIELDS, FieldSpec, Kind
from lexikon.core.settings import Settings

_SOURCE_SPECS = {spec.name: spec for spec in SOURCE_FIELDS}
_CONTEXT_SPECS = {spec.name: spec for spec in CONTEXT_FIELDS}
_BOOL_TAG = "tag:yaml.org,2002:bool"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_COMMENT = re.compile(r"[ \t]+(#.*)")
_WEB_URL = re.compile(r"(?i)^https?://[^\s/]+")
(_K_CHOICE, _K_CONTEXTS, _K_DATE, _K_FLAG, _K_GENDER, _K_IDS,
 _K_INLINE, _K_INLINES, _K_LINE, _K_MARKDOWN, _K_SOURCES) = (
    Kind.CHOICE, Kind.CONTEXTS, Kind.DATE, Kind.FLAG, Kind.GENDER, Kind.IDS,
    Kind.INLINE, Kind.INLINES, Kind.LINE, Kind.MARKDOWN, Kind.SOURCES)
"""The kinds, fetched once: an enum member read from its class costs a microsecond (Python 3.11),
and reading one field asked for several."""
_MARKUP_KINDS = (_K_LINE, _K_INLINE, _K_MARKDOWN)
_MAY_HOLD_MARKUP = re.compile(r"[\[\]<{]").search
"""Markup and link definitions each need one of these: a text without any has neither (most
titles, aliases and many paragraphs), and is spared the generators that look for them."""


_REQUIRED: dict[tuple[str, str, int], FieldSpec] = {}


def _required(spec: FieldSpec, kind: Kind) -> FieldSpec:
    """The spec of one item of ``spec``'s value, as ``kind`` (made once per field, not per use).

    Kept by what it is made of, not by ``spec``: a frozen dataclass hashes in Python, field
    by field (its kind through Enum's own ``__hash__``, as ``kind`` would here: a kind, one
    object for good, is told by its identity), and this is asked for every list and choice
    of every entry."""
    key = (spec.name, spec.doc, id(kind))
    made = _REQUIRED.get(key)
    if made is None:
        made = _REQUIRED[key] = FieldSpec(spec.name, kind, True, spec.doc)
    return made


class FieldReader:
    """Reads the fields of one entry file's node tree, noting each problem."""

    def __init__(self, file: LoadedFile, settings: Settings, findings: list[Finding]) -> None:
        self.file = file
        self.settings = settings
        self.findings = findings

    def problem(self, node: yaml.Node, message: str, severity: Severity = Severity.ERROR) -> None:
        self.findings.append(finding_at(self.file.path, node, severity, message))

    def span(self, node: yaml.Node) -> Span:
        return span_of(self.file, node)

    @staticmethod
    def has_key(node: yaml.MappingNode, name: str) -> bool:
        return any(isinstance(key, yaml.ScalarNode) and key.value == name for key, _ in node.value)

    def mapping_items(self, node: yaml.MappingNode) -> Iterable[tuple[yaml.ScalarNode, yaml.Node]]:
        seen: set[str] = set()
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode) or key.tag not in (STR_TAG,):
                self.problem(key, "keys are plain words like 'title': this key is "
                             f"{TYPE_NAMES.get(key.tag, 'not a word')}")
                continue
            if key.value in seen:  # reported by the loader
                continue
            seen.add(key.value)
            yield key, value

    def value(self, spec: FieldSpec, key: yaml.ScalarNode, node: yaml.Node,
              spans: dict[str, Marks], name: str, choices: tuple[str, ...] = ()) -> object:
        """The checked value of one field, or None; records where it stands (its marks, for
        :class:`~lexikon.check.yaml_nodes.Spans`). ``choices``: the words a :attr:`Kind.GENDER`
        field may hold in this block's language."""
        start = node.start_mark
        spans[name] = (start.index, node.end_mark.index, start.line, start.column)
        if node.tag == NULL_TAG:
            if spec.required:
                self.problem(key, f"'{spec.name}' is empty: fill it in ({lower_first(spec.doc)})")
            return None
        if spec.kind in (_K_LINE, _K_INLINE, _K_MARKDOWN):
            return self.scalar(spec, node, f"'{spec.name}'")
        if spec.kind in (_K_CHOICE, _K_GENDER):
            return self.choice(spec, node, spec.choices if spec.kind is _K_CHOICE else choices)
        if spec.kind is _K_DATE:
            return self.date(spec, node)
        if spec.kind is _K_FLAG:
            return self.flag(spec, node)
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"'{spec.name}' must be a list, e.g. [a, b] or one '- item' per line")
            return None
        items: list[object] = []
        item_spec = _required(spec, _K_INLINE if spec.kind is _K_INLINES else _K_LINE)
        what = f"an item of '{spec.name}'"
        for index, item in enumerate(node.value):
            start = item.start_mark
            spans[f"{name}[{index}]"] = (start.index, item.end_mark.index, start.line, start.column)
            if spec.kind in (_K_SOURCES, _K_CONTEXTS):
                part = self.source(item) if spec.kind is _K_SOURCES else self.context(item)
                if part is not None:
                    items.append(part)
                continue
            value = self.scalar(item_spec, item, what, text=spec.kind is not _K_IDS)
            if value is None:
                continue
            if spec.kind is _K_IDS and not ID_RULE.fullmatch(value):
                if not invisible_characters(value):  # those are reported already
                    self.problem(item, f"'{value}' in '{spec.name}' is not an id (lowercase letters, "
                                 f"digits, single hyphens){foreign_letters(value)}")
                continue
            items.append(value)
        return tuple(items)

    def scalar(self, spec: FieldSpec, node: yaml.Node, what: str, *, text: bool = True) -> str | None:
        """The value of a scalar field; ``text`` is False for ids (a comment after one is fine)."""
        if not isinstance(node, yaml.ScalarNode):
            shape = "list" if isinstance(node, yaml.SequenceNode) else "mapping"
            self.problem(node, f"{what} must be text, not a {shape}")
            return None
        if node.tag != STR_TAG:
            self.problem(node, f"{what} must be text, but YAML reads '{node.value}' as "
                         f"{TYPE_NAMES.get(node.tag, 'something else')}: put it in quotes")
            return None
        value = node.value
        if not value or value.isspace():  # (as ``not value.strip()``, without copying a long body)
            if spec.required:
                self.problem(node, f"{what} is empty: fill it in ({lower_first(spec.doc)})")
            return None
        if spec.kind is _K_LINE and "\n" in value.strip():
            self.problem(node, f"{what} must be one line")
        if spec.kind is _K_INLINE and "\n\n" in value.strip():
            self.problem(node, f"{what} must be one paragraph: move the rest into 'body'")
        problems = [] if self.file.printable and node.style != '"' else [
            (char, invisible_message(char, what)) for char in invisible_characters(value)]
        if spec.kind in _MARKUP_KINDS and _MAY_HOLD_MARKUP(value):
            problems += self.markup(spec.kind, value)
        if not node.style and text:  # plain ('' from libyaml, None from PyYAML)
            end = node.end_mark.index  # a comment needs white space right after the value
            if self.file.source[end : end + 1] in (" ", "\t"):  # (most values end their line)
                self.comment_after(node, what)
        if not value.isascii() and (run := not_composed(value)):  # a note: it reads the same
            self.findings.append(self.span(node).finding(Severity.NOTE, not_composed_message(what, run), run))
        if problems:  # the span is needed only to place a finding
            span = self.span(node)
            self.findings += [span.finding(Severity.ERROR, message, written) for written, message in problems]
        return value

    @staticmethod
    def markup(kind: Kind, value: str) -> list[tuple[str, str]]:
        """``(written, message)`` for the markup of a text, and for its lines that Markdown
        swallows as link definitions (only where the text has a bracket, ``<`` or ``{``)."""
        problems = list(links.markup_problems(value, plain=kind is _K_LINE))
        if kind in (_K_INLINE, _K_MARKDOWN):
            problems += [(written, f"Markdown reads '{written}' as a link definition and leaves it out "
                          "of the page: write it otherwise (drop the brackets, or put it in `backticks`)")
                         for written in links.swallowed_definitions(value)]
        return problems

    def comment_after(self, node: yaml.ScalarNode, what: str) -> None:
        """A plain value followed by `` #…`` on its line: YAML drops that part as a comment,
        and an editor who wrote ``Die Nr. 1 #Marktführer`` loses a word without a sign."""
        source = self.file.source
        end = node.end_mark.index
        line_end = source.find("\n", end)
        comment = _COMMENT.match(source, end, len(source) if line_end < 0 else line_end)
        if comment:
            self.findings.append(Finding(
                self.file.path, node.end_mark.line + 1, node.end_mark.column + comment.start(1) - end + 1,
                Severity.WARNING, f"YAML reads '{comment.group(1)[:40]}' after {what} as a comment and "
                "drops it: quote the value (\"…\") to keep it, or delete the comment"))

    def parts(self, node: yaml.MappingNode, specs: dict[str, FieldSpec], what: str) -> dict[str, str]:
        """The named texts of a small mapping (a source, a context), each checked as text;
        an unknown key is named with the ones allowed."""
        values: dict[str, str] = {}
        for key, value in self.mapping_items(node):
            spec = specs.get(key.value)
            if spec is None:
                self.problem(key, f"unknown key '{key.value}'{did_you_mean(key.value, specs)} in a "
                             f"{what}: allowed are {', '.join(specs)}")
                continue
            text = self.scalar(spec, value, f"the {what}'s '{spec.name}'")
            if text is not None:
                values[spec.name] = text.strip()
                url = values.get("url", "")
                if spec.name == "url" and (links.url_problem(url) or not _WEB_URL.match(url)):
                    self.problem(value, f"the source url '{url}' must start with http:// or https:// "
                                 "and name a host")
        return values

    def source(self, node: yaml.Node) -> Source | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, "each source is a mapping with 'title' and 'url'")
            return None
        values = self.parts(node, _SOURCE_SPECS, "source")
        for name in _SOURCE_SPECS:
            if name not in values and not self.has_key(node, name):
                self.problem(node, f"the source has no '{name}': add it")
        if len(values) < len(_SOURCE_SPECS):
            return None
        return Source(values["title"], values["url"])

    def choice(self, spec: FieldSpec, node: yaml.Node, choices: tuple[str, ...]) -> str | None:
        """One word of ``choices``; the message lists them (and the close one, if any)."""
        line = _required(spec, _K_LINE)
        value = self.scalar(line, node, f"'{spec.name}'", text=False)
        if value is None or value.strip() in choices:
            return None if value is None else value.strip()
        self.problem(node, f"'{spec.name}' is '{value.strip()}'{did_you_mean(value.strip(), choices)}: "
                     f"use one of {', '.join(choices) or '(none for this language)'}")
        return None

    def date(self, spec: FieldSpec, node: yaml.Node) -> str | None:
        """``YYYY-MM-DD``, as YAML reads it unquoted (a date) or quoted (text)."""
        value = node.value.strip() if isinstance(node, yaml.ScalarNode) else ""
        try:
            if _DATE.match(value):
                return datetime.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
        self.problem(node, f"'{spec.name}' must be a date written YYYY-MM-DD, e.g. 2026-11-30")
        return None

    def flag(self, spec: FieldSpec, node: yaml.Node) -> bool | None:
        """``true`` or ``false``; YAML's other spellings (yes, on) are refused as unclear."""
        plain = isinstance(node, yaml.ScalarNode) and node.tag == _BOOL_TAG
        if plain and node.value.lower() in ("true", "false"):
            return node.value.lower() == "true"
        self.problem(node, f"'{spec.name}' must be true or false")
        return None

    def context(self, node: yaml.Node) -> Context | None:
        """A usage sentence: ``{text: …, source: …}``, the source a title or an http(s) URL."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, "each context is a mapping: '- text: A sentence with the term.' and, "
                         "if it has one, 'source: where it comes from'")
            return None
        values = self.parts(node, _CONTEXT_SPECS, "context")
        source = values.get("source")
        if source and "://" in source and (links.url_problem(source) or not _WEB_URL.match(source)):
            self.problem(node, f"the context's source '{source}' is an address: it must start with "
                         "http:// or https:// and name a host")
            return None
        if "text" not in values:
            if not self.has_key(node, "text"):
                self.problem(node, "the context has no 'text': add the sentence")
            return None
        return Context(values["text"], source or None)

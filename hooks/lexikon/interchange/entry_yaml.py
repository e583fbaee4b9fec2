"""Entry YAML as text: a new entry to fill in, a language block written so that it reads back
the same, and spliced into an existing file without touching any other byte.

Importers write entries as text, not through a YAML dumper: every byte outside the block
they replace stays as the editor wrote it (comments, order, line ends).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import yaml

from lexikon.core.schema import ENTRY_FIELDS, TEXT_FIELDS, Kind
from lexikon.core.settings import Settings
from lexikon.interchange.words import split_sentences

SCHEMA_FILE = "_entry.schema.json"
"""The editor schema, beside the entries, named in each entry's first line."""
MODELINE = f"# yaml-language-server: $schema={SCHEMA_FILE}"


class ImportProblem(Exception):
    """The source cannot become an entry (no text, no title, a file we must not touch)."""


def new_entry_text(settings: Settings, titles: Mapping[str, str] | None = None) -> str:
    """The text of a new entry; fields left empty make ``lexicon check`` say what to fill."""
    titles = titles or {}
    lines = [
        MODELINE,
        "# A glossary entry: one term, one block per language. The format: README.md,",
        "# 'The entry format'. Check your work with: lexicon check",
    ]
    for spec in ENTRY_FIELDS:
        if spec.in_template:
            lines.append(f"{spec.name}: []  # {spec.doc}")
    for language in settings.languages:
        lines.append(f"{language.code}:  # {language.name}")
        for spec in TEXT_FIELDS:
            if spec.name == "title":
                value = quoted(titles.get(language.code, ""))
                lines.append(f"  title: {value}  # {spec.doc}")
            elif spec.name == "summary":
                lines.append(f'  summary: ""  # {spec.doc}')
            elif spec.name == "body":
                lines.append(f"  # {spec.name}: {spec.doc} Use [[id]] to link another term.")
                lines.append("  body: |")
                lines.append("")
            elif spec.in_template and spec.kind in (Kind.LINES, Kind.INLINES, Kind.SOURCES):
                lines.append(f"  {spec.name}: []  # {spec.doc}")
    return "\n".join(lines) + "\n"


_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader: the written YAML is read back to check it, field by field, which
took most of a large TBX import with the pure-Python one."""


class AnchorError(yaml.MarkedYAMLError):
    """An anchor or alias in YAML an importer reads: refused, as the entry loader refuses them."""


class _DatesAsText(_FAST):  # type: ignore[misc, valid-type]
    """The safe loader with date-like scalars left as the text they are: ``2026-02-30`` (no
    such day) would raise ValueError in YAML's constructor, and the check reads dates as
    ``YYYY-MM-DD`` text anyway (:mod:`lexikon.check.fields`)."""

    yaml_implicit_resolvers: ClassVar[dict[Any, list[tuple[str, Any]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _FAST.yaml_implicit_resolvers.items()}


def plain_yaml(text: str) -> Any:
    """``yaml.safe_load`` of plain data, dates as text: anchors and aliases refused before
    anything is built.

    A kilobyte of nested aliases ("billion laughs") expands to gigabytes; the events are
    read first, which costs no more than the text.
    """
    if "&" in text or "*" in text:
        for event in yaml.parse(text, Loader=_FAST):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise AnchorError(problem="YAML anchors and aliases (&name, *name) are not allowed: "
                                  "write the values out", problem_mark=event.start_mark)
    return yaml.load(text, Loader=_DatesAsText)


def render_block(lang: str, block: Mapping[str, Any]) -> str:
    """The ``lang:`` block as YAML text, keys in schema order, ending with a newline."""
    out = [f"{lang}:"]
    for key in (spec.name for spec in TEXT_FIELDS):
        if key not in block:
            continue
        value = block[key]
        if key == "summary":
            out.append(_field(lang, key, value, _folded(value)))
        elif key == "body":
            out.append(_field(lang, key, value, _literal(value)))
        elif key in ("sources", "context"):  # lists of mappings: each item's keys in order
            out.append(f"  {key}:")
            for item in value:
                out.extend(f"    {'-' if i == 0 else ' '} {name}: {_inline(text)}"
                           for i, (name, text) in enumerate(item.items()))
        elif isinstance(value, list | tuple):
            out.append(f"  {key}:")
            out.extend(f"    - {_inline(item)}" for item in value)
        else:
            out.append(f"  {key}: {_inline(value)}")
    text = "\n".join(out) + "\n"
    loaded = yaml.load(text, Loader=_FAST)[lang]
    if loaded != {k: list(v) if isinstance(v, tuple) else v for k, v in block.items()}:
        raise ImportProblem("the text cannot be written as YAML that reads back the same (a character "
                            "YAML changes?): import a cleaned copy, or write the entry by hand")
    return text


def imported_entry_text(lang: str, block: Mapping[str, Any], tags: Sequence[str]) -> str:
    """A new entry file made by an import: the modeline, the tags, one language block."""
    head = [MODELINE]
    if tags:
        head.append(id_list("tags", tags))
    return "\n".join(head) + "\n" + render_block(lang, block)


def splice_block(source: str, lang: str, block_text: str, languages: Sequence[str]) -> str:
    """``source`` with its top-level ``lang:`` block replaced by ``block_text`` (or added).

    Every byte outside that block stays: the block runs from its key's line to the last
    line holding its content, as YAML reads it; comments and blank lines after it, line
    ends (LF, CRLF), a missing last line end are kept. A new block goes before the first
    block of a later language (and the comments right above it), or at the end.
    """
    try:
        plain_yaml(source)  # no alias bomb in an entry reaches the tree below
        root = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        raise ImportProblem(f"the existing entry is not valid YAML ({err}): fix it with 'lexicon check' "
                            "first") from err
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise ImportProblem("the existing entry is not a block mapping at the top: cannot replace one "
                            "block without rewriting the file")
    newline = "\r\n" if "\r\n" in source else "\n"
    lines = _yaml_lines(source)
    if any(k.start_mark.column != 0 for k, _ in root.value):
        raise ImportProblem("the existing entry's top-level keys are indented: cannot splice safely")
    block_lines = block_text.replace("\n", newline).splitlines(keepends=True)
    found = next(((key, value) for key, value in root.value if str(key.value) == lang), None)
    if found is not None:
        start, end = found[0].start_mark.line, _last_content_line(found[1], lines) + 1
        return "".join(lines[:start] + block_lines + lines[end:])
    keys = [(str(k.value), k.start_mark.line) for k, _ in root.value if isinstance(k, yaml.ScalarNode)]
    later = [c for c in languages[list(languages).index(lang) + 1:]] if lang in languages else []
    following = next(((k, line) for k, line in keys if k in later), None)
    if following is None:
        if lines and not lines[-1].endswith(("\n", "\r", "\x85", "\u2028", "\u2029")):
            lines[-1] += newline  # the block goes on a line of its own
        return "".join(lines + block_lines)
    at = _before_leading_comments(lines, 0, following[1])
    return "".join(lines[:at] + block_lines + lines[at:])


_YAML_LINE = re.compile(r"[^\r\n\x85\u2028\u2029]*(?:\r\n|[\r\n\x85\u2028\u2029]|$)")
"""A line as YAML counts them (its marks' line numbers): ``str.splitlines`` also breaks at
form feeds and other separators that YAML keeps inside a line."""


def _yaml_lines(source: str) -> list[str]:
    """``source`` in YAML's lines, each with its line end; joined, they are ``source``."""
    return [line for line in _YAML_LINE.findall(source) if line]


def _last_content_line(node: yaml.Node, lines: list[str]) -> int:
    """The index of the last line holding part of ``node`` (not the comments after it)."""
    mark = node.end_mark
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style and node.value:
        last = node.value[-1]
        return _last_content_line(last[1] if isinstance(last, tuple) else last, lines)
    line = mark.line if mark.column > 0 else mark.line - 1
    while line > node.start_mark.line and not lines[line].strip():
        line -= 1  # a block scalar ends after its trailing line breaks
    return max(line, node.start_mark.line)



def _before_leading_comments(lines: list[str], start: int, end: int) -> int:
    """The first of the comment lines (and blank lines between them) directly above ``end``."""
    at = end
    while at - 1 > start and (lines[at - 1].lstrip().startswith("#") or not lines[at - 1].strip()):
        at -= 1
    while at < end and not lines[at].strip():
        at += 1
    return at


def id_list(key: str, ids: Sequence[str]) -> str:
    """``key: [a, b]``, each id plain unless YAML would read it as something else: a tag or
    entry id of digits (IATE's subject codes) or ``yes`` stays text."""
    return f"{key}: [{', '.join(_inline(each) for each in ids)}]"


def _field(lang: str, key: str, value: str, rendered: str) -> str:
    """``rendered`` if YAML reads it back as ``value``; a double-quoted string otherwise."""
    text = f"  {key}: {rendered}"
    if _reads_back(f"{lang}:\n{text}\n", {lang: {key: value}}):
        return text
    return f"  {key}: {quoted(value)}"


def _inline(value: str) -> str:
    """A one-line scalar: plain when YAML reads it back unchanged as a string (and it holds no
    tab or other invisible character, which YAML parsers read differently), else double-quoted."""
    value = str(value)
    if (value == value.strip() and value.isprintable() and value and not value.startswith(("'", '"'))
            and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _STRING
            and _reads_back(f"k: {value}\n", {"k": value})):
        return value
    return quoted(value)


_RESOLVER = yaml.SafeLoader("")
"""What type YAML gives a plain scalar (a date, a number, a boolean like ``yes``, ``null``…):
only one it reads as a string may stay plain."""
_STRING = "tag:yaml.org,2002:str"
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
"""Characters a double-quoted YAML scalar cannot hold as they are: line breaks YAML folds
(NEL, line and paragraph separators) and characters its reader refuses; JSON escapes the rest."""


def quoted(value: str) -> str:
    """A double-quoted YAML scalar that reads back as exactly ``value``, whatever it holds."""
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", json.dumps(value, ensure_ascii=False))


def _reads_back(text: str, expected: object) -> bool:
    """Whether YAML reads ``text`` as ``expected``: False also when it cannot read it at all (a
    date-like scalar that is no date raises ValueError in YAML's constructor)."""
    try:
        return yaml.load(text, Loader=_FAST) == expected
    except (yaml.YAMLError, ValueError, OverflowError):
        return False


def _folded(value: str) -> str:
    sentences = split_sentences(value)  # one sentence a line: diffs show what changed
    return ">-\n" + "".join(f"    {sentence}\n" for sentence in sentences).rstrip("\n")


def _literal(value: str) -> str:
    return "|\n" + "\n".join(f"    {line}" if line else "" for line in value.rstrip("\n").split("\n"))


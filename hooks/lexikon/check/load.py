"""Stage 1: read entry files into YAML node trees that keep every line and column.

Only syntax is judged here (encoding, YAML, duplicate keys, tags, aliases); what the
keys mean is the checker's business.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from lexikon.check.glossary_files import MAX_FILE_BYTES, GlossaryFiles, file_id, over_the_limit, read_file
from lexikon.core.model import Finding, Severity
from lexikon.core.paths import shown

PLAIN_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)
"""Tags that only ever make plain data; anything else could construct objects."""

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR, _SEQ, _MAP = (_BaseLoader.DEFAULT_SCALAR_TAG, _BaseLoader.DEFAULT_SEQUENCE_TAG,
                    _BaseLoader.DEFAULT_MAPPING_TAG)


_COMPOSER: type = getattr(getattr(yaml, "cyaml", None), "CParser", _BaseLoader)
"""libyaml's parser and composer (the C part of ``CSafeLoader``); PyYAML's loader without libyaml."""


class _Loader(_COMPOSER):  # type: ignore[misc,valid-type]
    """libyaml's parser and composer alone, with the resolver's answer for text given at once:
    it is asked for every node (hundreds per entry), and PyYAML's own walks its lists for each.

    A plain scalar is tried against the implicit resolvers registered for its first character
    (``t``rue, ``n``ull, a digit …), in their order, as PyYAML does; any other plain scalar,
    and every quoted one, is text. Without path resolvers (checked below) PyYAML's
    ``descend_resolver`` and ``ascend_resolver`` do nothing, yet the composer calls each for
    every node: here they are C functions that do nothing either (no Python call per node).

    Nothing is constructed (the check reads the nodes), so the loader is libyaml's ``CParser``
    without ``CSafeLoader``'s constructor and resolver, whose Python ``__init__`` chain ran for
    every file (about 5 % of composing a real entry). The resolvers are asked of ``CSafeLoader``
    itself, as it is now: one registered for it after import counts."""

    descend_resolver = staticmethod(operator.is_)  # (node, index): nothing to keep
    ascend_resolver = staticmethod(tuple)  # (): nothing to drop

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in _BaseLoader.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag  # type: ignore[no-any-return]
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


if None in _BaseLoader.yaml_implicit_resolvers or _BaseLoader.yaml_path_resolvers:
    _Loader = _BaseLoader  # type: ignore[misc]  # (someone registered resolvers: ask PyYAML's own)


@dataclass(frozen=True)
class LoadedFile:
    """One entry file as a node tree, or ``root=None`` when it could not be read."""

    path: str
    """Path relative to the project, as shown in findings."""
    id: str
    """The file name without its suffix."""
    root: yaml.Node | None
    source: str = ""
    printable: bool = False
    """Every character of the source is printable, or a line end or tab: then so is every
    value but a double-quoted one (only its escapes can make other characters)."""


def load_side_files(listing: GlossaryFiles, project_dir: Path, findings: list[Finding]) -> LoadedFile | None:
    """The tag file (returned) and the other ``_*.yml`` files (syntax only); problems into ``findings``."""
    tags = None
    if listing.tags is not None:
        tags, problems = load_file(listing.tags[0], project_dir, listing.tags[1])
        findings.extend(problems)
    for path, display in listing.others:
        findings.extend(load_file(path, project_dir, display)[1])
    return tags


def load_file(path: Path | str, project_dir: Path,
              display: str | None = None) -> tuple[LoadedFile, list[Finding]]:
    """Read one file; problems come back as findings, never as exceptions."""
    display = display or shown(Path(path), project_dir)
    data, findings = read_file(path, project_dir, display)
    if data is None:
        return LoadedFile(display, file_id(path), None), findings
    return parse_bytes(data, display, file_id(path))


def parse_bytes(data: bytes, display: str, entry_id: str) -> tuple[LoadedFile, list[Finding]]:
    """Decode and parse one file's content: a text file in UTF-8 holding YAML, within the size
    limit (a file read is refused before; an importer's new file is only text until here)."""
    if len(data) > MAX_FILE_BYTES:
        return LoadedFile(display, entry_id, None), [Finding(display, 1, 1, Severity.ERROR,
                                                             over_the_limit(len(data)))]
    if b"\0" in data:
        return LoadedFile(display, entry_id, None), [Finding(
            display, 1, 1, Severity.ERROR,
            "this is not a text file (it contains NUL bytes): save it as UTF-8 text")]
    try:
        source = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        bad = err.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        line_start = data.rfind(b"\n", 0, bad) + 1
        line = data[:bad].count(b"\n") + 1
        col = len(data[line_start:bad].decode("utf-8", "replace").lstrip("\ufeff")) + 1
        return LoadedFile(display, entry_id, None), [Finding(
            display, line, col, Severity.ERROR, "the file is not UTF-8: save it with UTF-8 encoding")]
    return parse(source, display, entry_id)


_ODD_CHARACTERS = re.compile("\r(?!\n)|[\x85\u2028\u2029]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
"""Characters YAML counts as line ends but editors' tools do not (every line number after
one would be off), and control characters, which YAML does not allow in a text: all
refused where they stand."""


_LINE_BREAK_NAMES = {"\r": "CARRIAGE RETURN", "\x85": "NEXT LINE"}  # control characters have no name


def _odd_character_message(char: str) -> str:
    if char in _LINE_BREAK_NAMES or char in "\u2028\u2029":
        name = _LINE_BREAK_NAMES.get(char) or unicodedata.name(char)
        return (f"the character U+{ord(char):04X} {name} ends a line for YAML but not in your "
                "editor: replace it with a normal line end")
    return f"the control character U+{ord(char):04X} is not allowed in an entry: delete it"


def parse(source: str, display: str, entry_id: str = "") -> tuple[LoadedFile, list[Finding]]:
    """Compose ``source`` into nodes and report what plain data may not contain."""
    suspect = "\r" in source or not source.replace("\n", "").replace("\t", "").isprintable()
    odd = [
        Finding(display, source.count("\n", 0, m.start()) + 1, m.start() - source.rfind("\n", 0, m.start()),
                Severity.ERROR, _odd_character_message(m.group(0)))
        for m in (_ODD_CHARACTERS.finditer(source) if suspect else ())  # the regex only where needed
    ]
    if odd:
        return LoadedFile(display, entry_id, None, source), odd
    loader = _Loader(source)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = err.problem or "invalid YAML"
        hint = _syntax_hint(problem)
        if mark is not None and source[mark.index : mark.index + 1] == "\t":
            hint = "indent with spaces, not tabs"
        message = f"YAML syntax: {problem}: {hint}"
        finding = Finding(display, line, col, Severity.ERROR, message)
        return LoadedFile(display, entry_id, None, source), [finding]
    except yaml.YAMLError as err:
        finding = Finding(display, 1, 1, Severity.ERROR, f"YAML syntax: {err}")
        return LoadedFile(display, entry_id, None, source), [finding]
    finally:
        loader.dispose()
    findings = _plain_data_problems(root, source, display) if root is not None else []
    if findings:
        return LoadedFile(display, entry_id, None, source), findings
    return LoadedFile(display, entry_id, root, source, not suspect), []


_ALIAS_MESSAGE = ("YAML anchors and aliases (&name, *name) are not allowed in entries: "
                  "write the value out")


def _plain_data_problems(root: yaml.Node, source: str, display: str) -> list[Finding]:
    """Duplicate keys, object-making tags and aliases, all of them, in file order.

    Every entry passes through here: scalars (most nodes) are judged where they stand,
    and nodes are told apart by identity only when an alias could have shared one.
    """
    findings: list[Finding] = []
    seen: set[int] | None = set() if "*" in source else None  # no alias without a '*'
    aliases = "&" in source  # an anchor alone leaves no trace in the tree: look closer
    stack: list[yaml.Node] = [root]
    while stack:
        node = stack.pop()
        if seen is not None:
            if id(node) in seen:
                aliases = True  # a node met twice: composed from an alias; located below
                continue
            seen.add(id(node))
        if node.tag not in PLAIN_TAGS:
            findings.append(_tag_finding(node, display))
            continue
        if type(node) is yaml.MappingNode:
            first_seen: dict[str, int] = {}
            for key, value in node.value:
                if type(key) is yaml.ScalarNode and seen is None:
                    if key.tag not in PLAIN_TAGS:
                        findings.append(_tag_finding(key, display))
                else:
                    stack.append(key)
                if type(value) is yaml.ScalarNode and seen is None:
                    if value.tag not in PLAIN_TAGS:
                        findings.append(_tag_finding(value, display))
                else:
                    stack.append(value)
                if type(key) is yaml.ScalarNode:
                    if key.value in first_seen:
                        findings.append(
                            Finding(display, key.start_mark.line + 1, key.start_mark.column + 1,
                                    Severity.ERROR,
                                    f"key '{key.value}' given twice in this mapping (first on line "
                                    f"{first_seen[key.value]}): keep one")
                        )
                    else:
                        first_seen[key.value] = key.start_mark.line + 1
        elif type(node) is yaml.SequenceNode:
            stack.extend(node.value)
    if aliases:
        findings += [Finding(display, mark.line + 1, mark.column + 1, Severity.ERROR, _ALIAS_MESSAGE)
                     for mark in _anchor_marks(source)]
    return sorted(findings)


def _tag_finding(node: yaml.Node, display: str) -> Finding:
    return Finding(display, node.start_mark.line + 1, node.start_mark.column + 1, Severity.ERROR,
                   f"YAML tag '{_short_tag(node.tag)}' is not allowed: entries hold plain "
                   "text and lists only; remove the tag")


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _anchor_marks(source: str) -> list[yaml.Mark]:
    """Where each ``&anchor`` and ``*alias`` stands (the composed tree only knows nodes)."""
    return [event.start_mark for event in yaml.parse(source, Loader=_Loader)
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None)]


_SYNTAX_HINTS = {
    "mapping values are not allowed": "put a text that contains ': ' in quotes, or check the indentation",
    "found character '\\t'": "indent with spaces, not tabs",
    "found a tab character": "indent with spaces, not tabs",
    "could not find expected ':'": "a key needs ': ' after it; or put a text in quotes",
    "found undefined tag handle": "remove the '!' or put the text in quotes",
    "found unexpected end of stream": "a quote or bracket is not closed",
}


def _syntax_hint(problem: str) -> str:
    """What to do about the YAML errors editors make most."""
    for start, hint in _SYNTAX_HINTS.items():
        if problem.startswith(start):
            return hint
    return "fix the YAML here (quotes around texts with ':', '#', '[' or '{' help most often)"

"""Stage 1: read entry files into YAML node trees that keep every line and column.

Only syntax is judged here (encoding, YAML, duplicate keys, tags, aliases); what the
keys mean is the checker's business.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from .model import Finding, Severity

ENTRY_SUFFIXES = (".yml", ".yaml")
MAX_FILE_BYTES = 1024 * 1024
"""Entries are a few KB; anything this large is a mistake or an attack."""

PLAIN_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)
"""Tags that only ever make plain data; anything else could construct objects."""

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class LoadedFile:
    """One entry file as a node tree, or ``root=None`` when it could not be read."""

    path: str
    """Path relative to the project, as shown in findings."""
    id: str
    """The file name without its suffix."""
    root: yaml.Node | None
    source: str = ""


@dataclass(frozen=True)
class LoadedGlossary:
    """Every entry file and the tag file, as read from ``glossary/``."""

    files: tuple[LoadedFile, ...]
    tags: LoadedFile | None
    findings: tuple[Finding, ...]


def load_glossary(glossary_dir: Path, project_dir: Path) -> LoadedGlossary:
    """Read every entry file in ``glossary_dir`` (sorted by name) and ``_tags.yml``."""
    findings: list[Finding] = []
    files: list[LoadedFile] = []
    tags: LoadedFile | None = None
    if not glossary_dir.is_dir():
        display = _display(glossary_dir, project_dir)
        msg = f"the glossary folder '{display}' does not exist: create it or set extra.lexikon.glossary_dir"
        return LoadedGlossary((), None, (Finding(display, 1, 1, Severity.ERROR, msg),))
    folder = _display(glossary_dir, project_dir)  # once: pathlib is slow per file
    for path in sorted(glossary_dir.iterdir()):
        if path.suffix not in ENTRY_SUFFIXES or path.name.startswith("."):
            continue
        loaded, problems = load_file(path, project_dir, f"{folder}/{path.name}")
        findings.extend(problems)
        if path.name.startswith("_"):
            if path.stem == "_tags":
                tags = loaded
            continue
        files.append(loaded)
    return LoadedGlossary(tuple(files), tags, tuple(findings))


def load_file(path: Path, project_dir: Path, display: str | None = None) -> tuple[LoadedFile, list[Finding]]:
    """Read one file; problems come back as findings, never as exceptions."""
    display = display or _display(path, project_dir)
    entry_id = path.stem

    def fail(message: str, line: int = 1, col: int = 1) -> tuple[LoadedFile, list[Finding]]:
        return LoadedFile(display, entry_id, None), [
            Finding(display, line, col, Severity.ERROR, message)
        ]

    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return fail("this file is a link that leads nowhere (missing, or a loop of links): "
                        "replace it with the file itself")
        if not _inside(target, project_dir.resolve()):
            return fail("this file is a link to a place outside the project: copy the file in instead")
    try:
        if not path.is_file():
            return fail("this is not a regular file: put the entry's text in a plain file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return fail(f"the file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}: split it")
        data = path.read_bytes()
    except OSError as err:
        return fail(f"cannot read the file: {err.strerror}")
    if b"\0" in data:
        return fail("this is not a text file (it contains NUL bytes): save it as UTF-8 text")
    try:
        source = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        bad = err.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        line_start = data.rfind(b"\n", 0, bad) + 1
        line = data[:bad].count(b"\n") + 1
        col = len(data[line_start:bad].decode("utf-8", "replace").lstrip("\ufeff")) + 1
        return fail("the file is not UTF-8: save it with UTF-8 encoding", line, col)
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
    return LoadedFile(display, entry_id, root, source), []


_ALIAS_MESSAGE = ("YAML anchors and aliases (&name, *name) are not allowed in entries: "
                  "write the value out")


def _plain_data_problems(root: yaml.Node, source: str, display: str) -> list[Finding]:
    """Duplicate keys, object-making tags and aliases, all of them, in file order."""
    findings: list[Finding] = []
    seen: set[int] = set()
    stack: list[yaml.Node] = [root]
    aliases = "&" in source  # an anchor alone leaves no trace in the tree: look closer
    while stack:
        node = stack.pop()
        where = (node.start_mark.line + 1, node.start_mark.column + 1)
        if id(node) in seen:
            aliases = True  # a node met twice: composed from an alias; located below
            continue
        seen.add(id(node))
        if node.tag not in PLAIN_TAGS:
            findings.append(
                Finding(display, *where, Severity.ERROR,
                        f"YAML tag '{_short_tag(node.tag)}' is not allowed: entries hold plain "
                        "text and lists only; remove the tag")
            )
            continue
        if isinstance(node, yaml.MappingNode):
            first_seen: dict[str, int] = {}
            children: list[yaml.Node] = []
            for key, value in node.value:
                children += [key, value]
                if isinstance(key, yaml.ScalarNode):
                    if key.value in first_seen:
                        findings.append(
                            Finding(display, key.start_mark.line + 1, key.start_mark.column + 1,
                                    Severity.ERROR,
                                    f"key '{key.value}' given twice in this mapping (first on line "
                                    f"{first_seen[key.value]}): keep one")
                        )
                    else:
                        first_seen[key.value] = key.start_mark.line + 1
            stack.extend(reversed(children))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    if aliases:
        findings += [Finding(display, mark.line + 1, mark.column + 1, Severity.ERROR, _ALIAS_MESSAGE)
                     for mark in _anchor_marks(source)]
    return sorted(findings)


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


def _display(path: Path, project_dir: Path) -> str:
    try:
        return path.absolute().relative_to(project_dir.absolute()).as_posix()
    except ValueError:
        return path.as_posix()


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents

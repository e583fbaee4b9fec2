"""Stage 1: read entry files into YAML node trees that keep every line and column.

Only syntax is judged here (encoding, YAML, duplicate keys, tags, aliases); what the
keys mean is the checker's business.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from lexikon.core.model import Finding, Severity

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


@dataclass(frozen=True)
class GlossaryFiles:
    """The files of ``glossary/``, not yet read: each as (path, path shown in findings)."""

    entries: tuple[tuple[str, str], ...]
    """(file system path, path shown): plain strings, as 10,000 Path objects take a tenth of a
    second to make and a check of unchanged files takes five."""
    tags: tuple[str, str] | None
    others: tuple[tuple[str, str], ...]
    """Other ``_*.yml`` files: read for syntax only."""
    findings: tuple[Finding, ...] = ()


def list_glossary(glossary_dir: Path, project_dir: Path) -> GlossaryFiles:
    """Entry files sorted by name, the tag file, and the folder's own problems."""
    if not glossary_dir.is_dir():
        display = _display(glossary_dir, project_dir)
        msg = f"the glossary folder '{display}' does not exist: create it or set extra.lexikon.glossary_dir"
        return GlossaryFiles((), None, (), (Finding(display, 1, 1, Severity.ERROR, msg),))
    folder = _display(glossary_dir, project_dir)  # once: pathlib is slow per file
    entries: list[tuple[str, str]] = []
    others: list[tuple[str, str]] = []
    tags: tuple[str, str] | None = None
    base = os.fspath(glossary_dir)
    links: list[Finding] = []
    with os.scandir(glossary_dir) as scan:  # names, not paths: 10,000 Path compares are slow
        found = sorted((item.name, item.is_symlink()) for item in scan)
    for name, is_link in found:
        if is_link:
            links += _link_finding(os.path.join(base, name), f"{folder}/{name}", project_dir)
        if not name.endswith(ENTRY_SUFFIXES) or name.startswith("."):
            continue
        item = (os.path.join(base, name), f"{folder}/{name}")
        if not name.startswith("_"):
            entries.append(item)
        elif name.rsplit(".", 1)[0] == "_tags" and tags is None:
            tags = item
        else:
            others.append(item)
    return GlossaryFiles(tuple(entries), tags, tuple(others), tuple(links))


def _link_finding(path: str, display: str, project_dir: Path) -> list[Finding]:
    """A symbolic link in the glossary folder, reported where it stands.

    An entry or tag file that is a link is refused unread (:func:`read_file`); a link under
    any other name is reported here.
    """
    try:
        target = Path(path).resolve(strict=True)
    except (OSError, RuntimeError):
        if path.endswith(ENTRY_SUFFIXES):
            return []  # read_file says it leads nowhere
        return [Finding(display, 1, 1, Severity.WARNING, "this is a link that leads nowhere (missing, "
                        "or a loop of links): delete it")]
    if path.endswith(ENTRY_SUFFIXES):
        return []  # read_file refuses it, unread
    return [Finding(display, 1, 1, Severity.WARNING,
                    f"this is a link to '{_display(target, project_dir)}': replace it with the file itself "
                    "(commands that write entries do not follow links)")]


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
    display = display or _display(Path(path), project_dir)
    data, findings = read_file(path, project_dir, display)
    if data is None:
        return LoadedFile(display, file_id(path), None), findings
    return parse_bytes(data, display, file_id(path))


def file_id(path: Path | str) -> str:
    """An entry's id: its file's name without the suffix."""
    return os.path.splitext(os.path.basename(path))[0]


def read_file(path: Path | str, project_dir: Path, display: str) -> tuple[bytes | None, list[Finding]]:
    """The file's bytes, or None and why it may not be read (links out, size, not a file)."""

    def fail(message: str) -> tuple[None, list[Finding]]:
        return None, [Finding(display, 1, 1, Severity.ERROR, message)]

    try:
        status = os.lstat(path)
        if stat.S_ISLNK(status.st_mode):
            # Never read through a link: inside the project it may lead into .git/ or an
            # ignored file of secrets, and whatever it shows would stand in a finding.
            try:
                target = Path(path).resolve(strict=True)
            except (OSError, RuntimeError):
                return fail("this file is a link that leads nowhere (missing, or a loop of links): "
                            "replace it with the file itself")
            if not _inside(target, project_dir.resolve()):
                return fail("this file is a link to a place outside the project: copy the file in instead")
            return fail(f"this file is a link to '{_display(target, project_dir)}': replace it with "
                        "the file itself (links are not read, and commands that write entries do not "
                        "follow them)")
        if not stat.S_ISREG(status.st_mode):
            return fail("this is not a regular file: put the entry's text in a plain file")
        if status.st_size > MAX_FILE_BYTES:
            return fail(f"the file is {status.st_size:,} bytes, over the limit of "
                        f"{MAX_FILE_BYTES:,}: split it")
        with open(path, "rb") as stream:
            return stream.read(), []
    except OSError as err:
        return fail(f"cannot read the file: {err.strerror}")


def parse_bytes(data: bytes, display: str, entry_id: str) -> tuple[LoadedFile, list[Finding]]:
    """Decode and parse one file's content: a text file in UTF-8 holding YAML."""
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
    return LoadedFile(display, entry_id, root, source), []


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


def _display(path: Path, project_dir: Path) -> str:
    try:
        return path.absolute().relative_to(project_dir.absolute()).as_posix()
    except ValueError:
        return path.as_posix()


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents

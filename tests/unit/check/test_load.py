"""Stage 1 (load): node trees with true marks, and every syntax problem located."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
import yaml

from lexikon.check.glossary_files import MAX_FILE_BYTES
from lexikon.check.load import load_file, parse
from lexikon.core.model import Finding, Severity
from lexikon.core.settings import make_settings
from tests.support.constants import LANGUAGES
from tests.support.staged import check, load_glossary

PATH = "glossary/x.yml"


def node_at(root: yaml.Node, *keys: str | int) -> yaml.Node:
    """The node at ``keys`` (mapping keys or sequence indexes) below ``root``."""
    node = root
    for key in keys:
        if isinstance(key, int):
            node = node.value[key]
        else:
            node = next(value for k, value in node.value if k.value == key)
    return node


def where(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def locations(findings: list[Finding]) -> list[tuple[int, int]]:
    return [(f.line, f.col) for f in findings]


# --- marks ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "keys", "expected", "value"),
    [
        ("de:\n  title: Ärger\n", ("de", "title"), (2, 10), "Ärger"),
        ("de:\n  title: Öl\n  summary: Über Öl.\n", ("de", "summary"), (3, 12), "Über Öl."),
        # umlauts earlier on the same line count as one column each
        ("de: {title: Ärger, summary: Öl}\n", ("de", "summary"), (1, 29), "Öl"),
        ("tags: [ää, öö, üü]\n", ("tags", 2), (1, 16), "üü"),
        ("de:\n  title: 'Ärger über Öl'\n  aliases: [Ä, ß]\n", ("de", "aliases", 1), (3, 16), "ß"),
        # CRLF line ends are one line break
        ("de:\r\n  title: Ärger\r\n  summary: Öl\r\n", ("de", "summary"), (3, 12), "Öl"),
        ("\r\n\r\nde:\r\n  title: x\r\n", ("de", "title"), (4, 10), "x"),
        # a multi-line block scalar starts at its indicator
        ("de:\n  body: |\n    Absatz.\n", ("de", "body"), (2, 9), "|\n    Absatz.\n"),
    ],
)
def test_marks_are_one_based_character_positions(
    source: str, keys: tuple[str | int, ...], expected: tuple[int, int], value: str
) -> None:
    loaded, findings = parse(source, PATH, "x")
    assert findings == []
    node = node_at(loaded.root, *keys)
    assert where(node) == expected
    # the checker slices the source with the marks' indexes to locate words inside values
    assert loaded.source[node.start_mark.index : node.end_mark.index] == value


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
def test_marks_from_a_file_with_bom_and_line_ends(tmp_path: Path, bom: bytes, newline: str) -> None:
    text = newline.join(["de:", "  title: Ärger", "  summary: Öl und Über."]) + newline
    path = tmp_path / "glossary" / "x.yml"
    path.parent.mkdir()
    path.write_bytes(bom + text.encode("utf-8"))
    loaded, findings = load_file(path, tmp_path)
    assert findings == []
    assert loaded.path == PATH and loaded.id == "x"
    assert not loaded.source.startswith("\ufeff")
    assert where(node_at(loaded.root, "de")) == (2, 3)  # the BOM is not a column
    summary = node_at(loaded.root, "de", "summary")
    assert where(summary) == (3, 12)
    assert loaded.source[summary.start_mark.index : summary.end_mark.index] == "Öl und Über."


# --- duplicate keys -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a: 1\nb: 2\na: 3\n", [(3, 1, "a", 1)]),
        # every repeat is reported, each naming the line of the first
        ("a: 1\nb: 2\na: 3\na: 4\n", [(3, 1, "a", 1), (4, 1, "a", 1)]),
        ("de:\n  title: A\n  summary: S\n  title: B\n", [(4, 3, "title", 2)]),
        # one mapping's keys only: the same key in two language blocks is fine
        ("de:\n  title: A\nda:\n  title: B\n", []),
        ("de: {title: A, title: B}\n", [(1, 16, "title", 1)]),
        # quoting does not make a different key
        ("title: A\n'title': B\n", [(2, 1, "title", 1)]),
        # several mappings, in file order
        ("de:\n  title: A\n  title: B\nde:\n  title: C\n", [(3, 3, "title", 2), (4, 1, "de", 1)]),
        ("sources:\n  - title: a\n    url: u\n    url: v\n", [(4, 5, "url", 3)]),
    ],
)
def test_every_duplicate_key_is_reported_with_the_first_line(
    source: str, expected: list[tuple[int, int, str, int]]
) -> None:
    loaded, findings = parse(source, PATH, "x")
    assert [(f.line, f.col) for f in findings] == [(line, col) for line, col, _, _ in expected]
    for finding, (_, _, key, first) in zip(findings, expected, strict=True):
        assert finding.severity is Severity.ERROR
        assert finding.path == PATH
        assert f"key '{key}' given twice" in finding.message
        assert f"first on line {first}" in finding.message
    assert (loaded.root is None) == bool(expected)


# --- tags and aliases ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("de:\n  title: !!python/object/apply:os.system ['ls']\n", (2, 10)),
        ("de:\n  title: !!python/name:os.system\n", (2, 10)),
        ("de: !custom {title: x}\n", (1, 5)),
        ("tags: [a, !!binary aGk=]\n", (1, 11)),
        ("tags: !!set {a, b}\n", (1, 7)),
        ("tags: !!omap [a: 1]\n", (1, 7)),
        ("de:\n  <<: {title: x}\n", (2, 3)),  # merge keys build mappings from others
    ],
)
def test_tags_that_construct_objects_are_refused(source: str, expected: tuple[int, int]) -> None:
    loaded, findings = parse(source, PATH, "x")
    assert loaded.root is None
    assert len(findings) == 1
    assert locations(findings) == [expected]
    assert findings[0].severity is Severity.ERROR
    assert "YAML tag" in findings[0].message and "not allowed" in findings[0].message


@pytest.mark.parametrize(
    "source",
    [
        "title: !!str 12\n",
        "n: !!int 1\nf: !!float 1.5\nb: !!bool yes\nz: !!null ~\nd: 2024-01-01\n",
        "l: !!seq [a]\nm: !!map {a: b}\n",
    ],
)
def test_plain_data_tags_are_allowed(source: str) -> None:
    loaded, findings = parse(source, PATH, "x")
    assert findings == []
    assert loaded.root is not None


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # at the anchor and at each alias, where they stand
        ("a: &x hi\nb: *x\n", [(1, 4), (2, 4)]),
        ("a: &x [1, 2]\nb: *x\nc: *x\n", [(1, 4), (2, 4), (3, 4)]),
        ("de:\n  title: &t Titel\n  summary: *t\n", [(2, 10), (3, 12)]),
        # at the alias itself inside a list
        ("a: &x hi\nb:\n  - one\n  - *x\n", [(1, 4), (4, 5)]),
    ],
)
def test_aliases_are_refused_where_used(source: str, expected: list[tuple[int, int]]) -> None:
    loaded, findings = parse(source, PATH, "x")
    assert loaded.root is None
    assert all("aliases" in f.message and f.severity is Severity.ERROR for f in findings)
    assert locations(findings) == expected


def test_all_plain_data_problems_of_a_file_are_reported_in_file_order() -> None:
    source = "a: 1\nb: !!python/name:os.system\nc: &x v\nd: *x\na: 2\n"
    _, findings = parse(source, PATH, "x")
    assert locations(findings) == [(2, 4), (3, 4), (4, 4), (5, 1)]


# --- syntax errors ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("de:\n  title: a: b\n", (2, 11)),
        ("title: Äpfel: rot\n", (1, 13)),  # columns in characters after umlauts
        ("de:\n  title: x\n summary: y\n", (3, 2)),
        ("de:\n\ttitle: x\n", (2, 1)),
        ("de:\r\n  title: a: b\r\n", (2, 11)),
    ],
)
def test_syntax_errors_are_located(source: str, expected: tuple[int, int]) -> None:
    loaded, findings = parse(source, PATH, "x")
    assert loaded.root is None
    assert len(findings) == 1
    assert (findings[0].line, findings[0].col) == expected
    assert findings[0].severity is Severity.ERROR
    assert findings[0].message.startswith("YAML syntax:")


@pytest.mark.parametrize(
    "source", ["de: [a, b\n", 'de:\n  title: "offen\n', "de: {title: x\n", "- a\nb: c\n"]
)
def test_unfinished_yaml_is_one_error_in_the_file(source: str) -> None:
    loaded, findings = parse(source, PATH, "x")
    assert loaded.root is None
    assert len(findings) == 1 and findings[0].message.startswith("YAML syntax:")
    assert 1 <= findings[0].line <= source.count("\n") + 1


def test_empty_file_loads_as_nothing() -> None:
    loaded, findings = parse("", PATH, "x")
    assert findings == [] and loaded.root is None


# --- bytes: encoding, NUL, size ----------------------------------------------------------


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / "glossary" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("de:\n  title: Ärger\n".encode("latin-1"), (2, 10)),
        (b"a: 1\nb: \xff\n", (2, 4)),
        (b"\xff", (1, 1)),
        ("de:\r\n  title: Öl\r\n".encode("cp1252"), (2, 10)),
        # columns count characters: a valid umlaut before the bad byte is one column
        (b"title: \xc3\x84x\xff\n", (1, 10)),
        # the BOM is not a column, and does not shift the position on later lines
        (codecs.BOM_UTF8 + b"title: \xff\n", (1, 8)),
        (codecs.BOM_UTF8 + b"a: 1\nbcd: \xff\n", (2, 6)),
    ],
)
def test_non_utf8_is_located(tmp_path: Path, data: bytes, expected: tuple[int, int]) -> None:
    loaded, findings = load_file(write(tmp_path, "x.yml", data), tmp_path)
    assert loaded.root is None
    assert len(findings) == 1
    assert "not UTF-8" in findings[0].message
    assert (findings[0].path, findings[0].line, findings[0].col) == (PATH, *expected)


@pytest.mark.parametrize("data", [b"de:\n  title: a\x00b\n", "de:\n  title: x\n".encode("utf-16"), b"\x00"])
def test_nul_bytes_are_not_text(tmp_path: Path, data: bytes) -> None:
    loaded, findings = load_file(write(tmp_path, "x.yml", data), tmp_path)
    assert loaded.root is None
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert "NUL" in findings[0].message


@pytest.mark.parametrize(("size", "refused"), [(MAX_FILE_BYTES, False), (MAX_FILE_BYTES + 1, True)])
def test_oversize_files_are_refused(tmp_path: Path, size: int, refused: bool) -> None:
    head = b"de:\n  title: x\n  summary: y\n#"
    data = head + b"x" * (size - len(head))
    loaded, findings = load_file(write(tmp_path, "x.yml", data), tmp_path)
    assert len(data) == size
    over = [f for f in findings if "over the limit" in f.message]
    assert bool(over) is refused
    assert (loaded.root is None) is refused
    if refused:
        assert (over[0].line, over[0].col, over[0].severity) == (1, 1, Severity.ERROR)


# --- symlinks ----------------------------------------------------------------------------


def test_symlink_outside_the_project_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "project"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yml").write_text("de:\n  title: geheim\n  summary: s\n", encoding="utf-8")
    link = project / "glossary" / "secret.yml"
    link.parent.mkdir(parents=True)
    link.symlink_to(outside / "secret.yml")
    loaded, findings = load_file(link, project)
    assert loaded.root is None and loaded.source == ""
    assert [(f.path, f.line, f.col, f.severity) for f in findings] == [
        ("glossary/secret.yml", 1, 1, Severity.ERROR)
    ]
    assert "outside the project" in findings[0].message
    # and through the whole folder, the entry is reported, not read
    glossary = load_glossary(project / "glossary", project)
    assert [f.id for f in glossary.files] == ["secret"]
    assert glossary.files[0].root is None
    assert "outside the project" in glossary.findings[0].message


def test_symlink_inside_the_project_is_refused_unread(tmp_path: Path) -> None:
    # A link inside the project may lead into .git/ or an ignored file of secrets: what it
    # holds would stand in a finding. It is refused without being read.
    secret = tmp_path / ".git" / "secrets.yml"
    secret.parent.mkdir()
    secret.write_text("aws_access_key_id: AKIAGEHEIM\n", encoding="utf-8")
    link = tmp_path / "glossary" / "y.yml"
    link.parent.mkdir()
    link.symlink_to(secret)
    loaded, findings = load_file(link, tmp_path)
    assert loaded.root is None
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert "this file is a link to '.git/secrets.yml'" in findings[0].message
    assert "aws_access_key_id" not in str(findings) and "AKIA" not in str(findings)


# --- the folder ----------------------------------------------------------------------------


ENTRY = "de:\n  title: {0}\n  summary: {0} ist ein Wort.\nda:\n  title: {0}\n  summary: {0} er et ord.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    files = {
        "b.yml": ENTRY.format("Bravo"),
        "a.yml": ENTRY.format("Alpha"),
        "c.yaml": ENTRY.format("Charlie"),
        "_tags.yml": "it: {de: IT, da: IT}\n",
        "_x.yml": "de:\n  title: Entwurf\n",
        ".hidden.yml": "kaputt: [\n",
        "notes.txt": "not an entry",
        "README.md": "# not an entry",
    }
    for name, text in files.items():
        (glossary / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_folder_reads_entries_sorted_and_the_tag_file(folder: Path) -> None:
    loaded = load_glossary(folder / "glossary", folder)
    assert [(f.id, f.path) for f in loaded.files] == [
        ("a", "glossary/a.yml"),
        ("b", "glossary/b.yml"),
        ("c", "glossary/c.yaml"),
    ]
    assert loaded.tags is not None and loaded.tags.path == "glossary/_tags.yml"
    assert node_at(loaded.tags.root, "it", "da").value == "IT"
    assert loaded.findings == ()


def test_underscore_files_are_not_entries(folder: Path) -> None:
    settings = make_settings(folder, LANGUAGES, None)
    result = check(load_glossary(folder / "glossary", folder), settings)
    assert "_x" not in result.glossary.entries and "_tags" not in result.glossary.entries
    assert not any(f.path.endswith(("_x.yml", "_tags.yml")) for f in result.findings)
    assert set(result.glossary.tags) == {"it"}


def test_yaml_suffix_is_loaded_and_the_checker_asks_for_yml(folder: Path) -> None:
    settings = make_settings(folder, LANGUAGES, None)
    result = check(load_glossary(folder / "glossary", folder), settings)
    assert [(f.path, f.line, f.col, f.severity) for f in result.findings] == [
        ("glossary/c.yaml", 1, 1, Severity.ERROR)
    ]
    assert "c.yml" in result.findings[0].message


def test_missing_folder_is_one_error(tmp_path: Path) -> None:
    loaded = load_glossary(tmp_path / "glossary", tmp_path)
    assert loaded.files == () and loaded.tags is None
    assert [(f.path, f.line, f.col, f.severity) for f in loaded.findings] == [
        ("glossary", 1, 1, Severity.ERROR)
    ]
    assert "glossary_dir" in loaded.findings[0].message


def test_one_broken_file_does_not_hide_the_others(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    (glossary / "a.yml").write_text("de: [\n", encoding="utf-8")
    (glossary / "b.yml").write_bytes(b"de: \xff\n")
    (glossary / "c.yml").write_text("a: 1\na: 2\n", encoding="utf-8")
    (glossary / "d.yml").write_text(ENTRY.format("Delta"), encoding="utf-8")
    loaded = load_glossary(glossary, tmp_path)
    assert sorted({f.path for f in loaded.findings}) == ["glossary/a.yml", "glossary/b.yml", "glossary/c.yml"]
    assert [f.root is not None for f in loaded.files] == [False, False, False, True]

"""Writes stay inside the project and off links; failed and concurrent builds keep the last
good site; importers bound their work and keep every byte they do not replace; every
failure is one located line, never a traceback (issue 12, points 3, 5, 6, 7)."""

from __future__ import annotations

import contextlib
import os
import resource
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from lexikon.core.history import entry_history
from lexikon.interchange.article import splice_block
from tests.support.constants import LANGS
from tests.support.project import ROOT, Project

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks")}


def _refused(result: subprocess.CompletedProcess[str], where: str) -> str:
    """Exit 1, no traceback, and the error is one line naming ``where`` first."""
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output, output
    errors = [line for line in output.splitlines() if ": error: " in line]
    assert errors and errors[0].startswith(where), output
    return errors[0]


def _tree(folder: Path) -> dict[str, bytes]:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


# --- point 3: nothing outside the project, nothing through a link ------------------------------
def test_new_refuses_a_dangling_link_named_like_the_entry(make_project: Callable[..., Project],
                                                         tmp_path: Path) -> None:
    project = make_project()
    victim = tmp_path / "outside" / "victim.txt"
    victim.parent.mkdir()
    (project.glossary / "fresh.yml").symlink_to(victim)
    line = _refused(project.lexicon("new", "fresh"), "glossary/fresh.yml: error:")
    assert "link" in line
    assert not victim.exists()


def test_schema_refuses_a_linked_schema_file(make_project: Callable[..., Project], tmp_path: Path) -> None:
    project = make_project()
    victim = tmp_path / "victim.json"
    victim.write_text("keep", encoding="utf-8")
    schema = project.glossary / "_entry.schema.json"
    schema.unlink(missing_ok=True)
    schema.symlink_to(victim)
    _refused(project.lexicon("schema"), "glossary/_entry.schema.json: error:")
    assert victim.read_text(encoding="utf-8") == "keep"


def test_export_refuses_a_linked_folder_a_linked_file_and_a_place_outside(
        make_project: Callable[..., Project], tmp_path: Path) -> None:
    project = make_project()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project.root / "linked").symlink_to(elsewhere)
    _refused(project.lexicon("export", "linked"), "linked: error:")
    assert list(elsewhere.iterdir()) == []

    victim = tmp_path / "victim.json"
    victim.write_text("keep", encoding="utf-8")
    (project.root / "out").mkdir()
    (project.root / "out" / "glossary.json").symlink_to(victim)
    _refused(project.lexicon("export", "out"), "out/glossary.json: error:")
    assert victim.read_text(encoding="utf-8") == "keep"

    _refused(project.lexicon("export", str(tmp_path / "outside")), str(tmp_path / "outside"))
    assert not (tmp_path / "outside").exists()


def test_export_onto_an_existing_file_is_refused(make_project: Callable[..., Project]) -> None:
    project = make_project()
    target = project.write("afile", "keep")
    _refused(project.lexicon("export", "afile"), "afile: error:")
    assert target.read_text(encoding="utf-8") == "keep"


def test_import_refuses_a_dangling_link_named_like_the_entry(make_project: Callable[..., Project],
                                                            tmp_path: Path) -> None:
    project = make_project()
    victim = tmp_path / "victim.yml"
    (project.glossary / "linked.yml").symlink_to(victim)
    project.write("article.md", "# Linked\n\nEin Satz über das Wort.\n")
    _refused(project.lexicon("import", "article.md", "--lang", "de", "--id", "linked"),
             "glossary/linked.yml: error:")
    assert not victim.exists()


def test_the_check_refuses_a_linked_cache_folder(make_project: Callable[..., Project],
                                                 tmp_path: Path) -> None:
    project = make_project()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project.root / ".cache").symlink_to(elsewhere)
    _refused(project.lexicon("check"), ".cache: error:")
    assert list(elsewhere.rglob("*")) == []


@pytest.mark.parametrize("linked", ["site", ".cache"])
def test_a_build_refuses_a_linked_site_or_cache(linked: str, make_project: Callable[..., Project],
                                                tmp_path: Path) -> None:
    project = make_project()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("keep", encoding="utf-8")
    (project.root / linked).symlink_to(elsewhere)
    result = project.build()
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert f"\n{linked}: error:" in "\n" + output and "link" in output
    assert _tree(elsewhere) == {"keep.txt": b"keep"}
    assert (project.root / linked).is_symlink()


# --- point 5: failed builds, concurrent builds ---------------------------------------------------
def test_a_strict_abort_on_a_warning_keeps_the_last_good_site(make_project: Callable[..., Project]) -> None:
    project = make_project()
    assert project.build().returncode == 0
    good = _tree(project.site)
    entry = project.glossary / "backsourcing.yml"
    text = entry.read_text(encoding="utf-8")
    assert "\nda:" in text
    entry.write_text(text.split("\nda:")[0] + "\n", encoding="utf-8")  # a missing translation: a warning
    result = project.build(strict=True)
    assert result.returncode != 0 and "strict" in result.stderr.lower(), result.stderr
    assert "Traceback" not in result.stderr
    assert _tree(project.site) == good
    assert sorted(p.name for p in project.root.iterdir() if p.name.startswith(".site")) == [".site.lock"]


def test_two_builds_at_once_take_turns(make_project: Callable[..., Project]) -> None:
    project = make_project()
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project.root / "mkdocs.yml"),
               "-d", str(project.site)]
    builds = [subprocess.Popen(command, cwd=project.root, env=ENV, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [build.communicate(timeout=600) for build in builds]
    for build, (_out, err) in zip(builds, outputs, strict=True):
        assert build.returncode == 0, err
        assert "Traceback" not in err
    assert any("waiting for it to finish" in err for _, err in outputs)
    for page in ("index.html", "da/index.html", "terms/backsourcing/index.html", "feed.xml", "glossary.json"):
        assert (project.site / page).is_file(), page
    for page in project.site.rglob("*.html"):
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>"), page
    assert not [p.name for p in project.root.iterdir() if p.name.endswith((".building", ".old"))]


# --- point 6 (importers): bounded work -------------------------------------------------------------
_BOMB = "---\ntitle: Bombe\n" + "".join(
    f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9) if i else 'lol'}]\n" for i in range(9)) + "---\nEin Satz.\n"


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def test_import_refuses_an_alias_bomb_in_front_matter(make_project: Callable[..., Project]) -> None:
    project = make_project()
    assert len(_BOMB) < 1024
    project.write("bomb.md", _BOMB)
    result = subprocess.run([sys.executable, "-m", "lexikon.cli", "import", "bomb.md", "--lang", "de"],
                            cwd=project.root, env=ENV, capture_output=True, text=True, timeout=60,
                            preexec_fn=_limited, check=False)
    line = _refused(result, "bomb.md")
    assert "anchors and aliases" in line
    assert not (project.glossary / "bombe.yml").exists()


def test_import_csv_ignores_an_alias_bomb_in_the_tags_file(make_project: Callable[..., Project]) -> None:
    project = make_project()
    bomb = _BOMB.split("---\n")[1].replace("title: Bombe\n", "")
    project.write("glossary/_tags.yml", f"{bomb}it: {{de: *l8, da: IT}}\n")
    project.write("terms.csv", "title,summary,tags\nWort,Ein Satz.,it\n")
    result = subprocess.run([sys.executable, "-m", "lexikon.cli", "import-csv", "terms.csv", "--lang", "de",
                             "--dry-run"], cwd=project.root, env=ENV, capture_output=True, text=True,
                            timeout=60, preexec_fn=_limited, check=False)
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr, result.stderr


def test_a_tbx_nested_20000_deep_is_a_located_error(make_project: Callable[..., Project]) -> None:
    project = make_project()
    project.write("deep.tbx", '<tbx xml:lang="de"><text><body>' + "<x>" * 20_000 + "</x>" * 20_000
                  + "</body></text></tbx>\n")
    line = _refused(project.lexicon("import-tbx", "deep.tbx", "--dry-run"), "deep.tbx:1:")
    assert "nested" in line


# --- lexicon import keeps every byte outside the block it replaces --------------------------------
_ENTRY = """\
# yaml-language-server: $schema=_entry.schema.json
# head comment
tags: [it]
# before de
de:
  title: Alt
  summary: Alter Satz.
  body: |
    # Keine Überschrift, sondern Text im Block

# after de, belongs to nobody

# before da
da:
  title: Gammel
  summary: Gammel sætning.
# tail comment"""


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("end", ["", "\n"])
@pytest.mark.parametrize("lang", LANGS)
def test_import_keeps_every_byte_outside_its_block(newline: str, end: str, lang: str) -> None:
    source = (_ENTRY + end).replace("\n", newline)
    new = f"{lang}:\n  title: Neu\n  summary: Neuer Satz.\n"
    result = splice_block(source, lang, new, LANGS)
    start = source.index(f"{newline}{lang}:") + len(newline)
    stop = source.index(f"{newline}{newline}# after de") + len(newline) if lang == "de" \
        else source.index(f"{newline}# tail comment") + len(newline)
    assert result == source[:start] + new.replace("\n", newline) + source[stop:]


def test_import_onto_an_entry_keeps_its_comments(make_project: Callable[..., Project]) -> None:
    project = make_project()
    entry = project.write("glossary/backsourcing.yml", "")
    original = (ROOT / "glossary" / "backsourcing.yml").read_text(encoding="utf-8").rstrip("\n")
    entry.write_bytes((original + "\n# last words\n# really last").replace("\n", "\r\n").encode())
    project.write("article.md", "# Backsourcing\n\nTilbageførsel af outsourcede it-opgaver.\n")
    result = project.lexicon("import", "article.md", "--lang", "da", "--id", "backsourcing")
    assert result.returncode == 0, result.stdout + result.stderr
    assert entry.read_bytes().endswith(b"\r\n# last words\r\n# really last")


# --- point 7: every failure a sentence ---------------------------------------------------------------
def test_an_id_too_long_for_the_file_system(make_project: Callable[..., Project]) -> None:
    project = make_project()
    result = project.lexicon("new", "a" * 300)
    assert result.returncode in (1, 2) and "Traceback" not in result.stderr, result.stderr
    assert ("too long" in result.stderr) or ("not a valid id" in result.stderr)
    assert not list(project.glossary.glob("a*"))


def test_debug_shows_the_traceback(make_project: Callable[..., Project]) -> None:
    project = make_project()
    result = project.lexicon("--debug", "new", "a" * 300)
    assert result.returncode == 1 and "Traceback" in result.stderr


def test_a_csv_field_over_128_kb_is_a_located_error(make_project: Callable[..., Project]) -> None:
    project = make_project()
    project.write("big.csv", "title,summary\nWort," + "x" * 200_000 + "\n")
    _refused(project.lexicon("import-csv", "big.csv", "--lang", "de"), "big.csv:2:")


@pytest.mark.parametrize("separator", ["\u2029", "\u2028", "\x85", "\x0c"])
def test_separators_in_an_imported_article(separator: str, make_project: Callable[..., Project]) -> None:
    project = make_project()
    project.write("sep.md", f"---\ntitle: Trenner\n---\nErster Satz {separator} im Umbruch.\n\n"
                  f"Zweiter {separator}Absatz.\n\nDritter.\n")
    result = project.lexicon("import", "sep.md", "--lang", "de")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stdout + result.stderr
    text = (project.glossary / "trenner.yml").read_text(encoding="utf-8")
    for word in ("Erster", "Zweiter", "Dritter"):
        assert word in text
    check = project.lexicon("check", "glossary/trenner.yml")
    assert ": error:" not in check.stdout, check.stdout


def test_a_commit_dated_in_the_year_10000(tmp_path: Path) -> None:
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "zukunft.yml").write_text("de: {title: Zukunft}\n", encoding="utf-8")
    date = "@253402300800 +0000"  # 10000-01-01
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "a",
           "GIT_AUTHOR_EMAIL": "a@b", "GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@b"}
    for command in (["init", "-q"], ["add", "."], ["commit", "-qm", "far"]):
        subprocess.run(["git", *command], cwd=folder, env=env, check=True)
    history = entry_history(folder)
    assert history["zukunft"].changed.year == 9999


def test_a_folder_where_the_schema_file_should_be(make_project: Callable[..., Project]) -> None:
    project = make_project()
    schema = project.glossary / "_entry.schema.json"
    schema.unlink(missing_ok=True)
    schema.mkdir()
    _refused(project.lexicon("schema", "--check"), "glossary/_entry.schema.json: error:")


@contextlib.contextmanager
def _tmpfs(folder: Path, options: str) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                             capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk(make_project: Callable[..., Project]) -> None:
    project = make_project()
    full = project.root / "full"
    with _tmpfs(full, "size=64k"):
        with contextlib.suppress(OSError), open(full / "filler", "wb") as stream:
            stream.write(b"x" * (1 << 20))
        line = _refused(project.lexicon("export", "full/out"), "full/out/")
        assert "disk is full" in line
        assert not [p for p in (full / "out").rglob("*") if p.name.endswith(".tmp")]


def test_a_read_only_folder(make_project: Callable[..., Project]) -> None:
    project = make_project()
    with _tmpfs(project.root / "ro", "ro,size=64k"):
        line = _refused(project.lexicon("export", "ro"), "ro/")
        assert "read-only" in line


def test_an_unreadable_article(make_project: Callable[..., Project]) -> None:
    project = make_project()
    article = project.write("secret.md", "# Geheim\n\nEin Satz.\n")
    article.chmod(0)
    if os.access(article, os.R_OK):
        result = subprocess.run([sys.executable, "-c", textwrap.dedent("""
            import sys
            from pathlib import Path
            real = Path.read_bytes
            def refuse(self):
                if self.name == "secret.md":
                    raise PermissionError(13, "Permission denied", str(self))
                return real(self)
            Path.read_bytes = refuse
            from lexikon.cli.main import main
            sys.exit(main(["import", "secret.md", "--lang", "de"]))
            """)], cwd=project.root, env=ENV, capture_output=True, text=True, check=False)
    else:
        result = project.lexicon("import", "secret.md", "--lang", "de")
    line = _refused(result, "secret.md")
    assert "ermission" in line


def test_a_broken_mkdocs_yml_is_a_located_error(make_project: Callable[..., Project]) -> None:
    project = make_project()
    project.write("mkdocs.yml", "site_name: [Lexikon\n")
    _refused(project.lexicon("check"), "mkdocs.yml:2:1: error:")


def test_an_article_that_is_not_utf8(make_project: Callable[..., Project]) -> None:
    project = make_project()
    (project.root / "latin1.md").write_bytes("# Titel\n\nGrüße aus Köln.\n".encode("latin-1"))
    line = _refused(project.lexicon("import", "latin1.md", "--lang", "de"), "latin1.md:3:3: error:")
    assert "UTF-8" in line

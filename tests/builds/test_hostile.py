"""Hostile and odd input: what `lexicon check` and the build make of it.

Each folder in ``tests/fixtures/hostile/`` holds a ``glossary/`` and ``expected.txt``, the
exact finding lines of ``lexicon check`` (as in ``tests/fixtures/bad/``). What a
repository cannot hold (a 1 MiB file, symlinks, two file names that differ only in case on
a case-insensitive disk, a non-ASCII file name) is made at run time by ``RUNTIME`` below.

Some cases describe behaviour the check does not have yet (a located finding where today
it accepts the input silently or crashes): their expected.txt holds the finding wanted.
``LEXIKON_REGEN=1`` rewrites the golden files from the current output (see
``tests/support/golden.py``): read every changed line before keeping it.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.support.golden import FINDING, cases, check_lines, golden_lines
from tests.support.markup import markup_from_editor
from tests.support.project import FIXTURES, Project, copy_project
from tests.support.project import article as article_of

HOSTILE = FIXTURES / "hostile"
CASES = cases(HOSTILE)
CHECK_SECONDS = 10
"""Generous: a check of any of these glossaries takes well under a second."""


# --- what the repository cannot hold, made at run time ------------------------------------------

def _big_file(project: Project) -> None:
    line = "  body: |\n" + "    Ein Absatz, der sich wiederholt, bis die Datei zu groß ist.\n" * 18_000
    text = "de:\n  title: Riesig\n  summary: Zu groß.\n" + line
    assert len(text.encode()) > 1024 * 1024
    (project.glossary / "riesig.yml").write_text(text, encoding="utf-8")


def _symlink_outside(project: Project) -> None:
    secret = project.root.parent / "outside.yml"
    secret.write_text("de:\n  title: Geheim\n  summary: Liegt außerhalb.\n", encoding="utf-8")
    (project.glossary / "geheim.yml").symlink_to(secret)


def _symlink_loop(project: Project) -> None:
    (project.glossary / "kreis.yml").symlink_to("kreis.yml")


def _case_twin(project: Project) -> None:
    upper = project.glossary / "Cloud.yml"
    upper.write_bytes((project.glossary / "cloud.yml").read_bytes())
    if len(list(project.glossary.glob("*.yml"))) < 3:
        pytest.skip("this file system does not tell Cloud.yml from cloud.yml")


def _look_alike_id(project: Project) -> None:
    (project.glossary / "cloud.yml").rename(project.glossary / "cl\u043eud.yml")  # Cyrillic о


RUNTIME: dict[str, Callable[[Project], None]] = {
    "over-size-limit": _big_file,
    "symlink-outside": _symlink_outside,
    "symlink-loop": _symlink_loop,
    "ids-differ-in-case": _case_twin,
    "look-alike-id": _look_alike_id,
}


def make(case: str, target: Path) -> Project:
    project = copy_project(target, HOSTILE / case / "glossary")
    if case in RUNTIME:
        RUNTIME[case](project)
    return project


# --- what each case must say, beyond the golden lines ---------------------------------------------

MUST_SAY: dict[str, list[tuple[str, str]]] = {
    # case: [(location "file:line:col", words the message must contain)]
    "alias-bomb": [("glossary/backsourcing.yml:2:10", "aliases")],
    "deep-nesting": [("glossary/backsourcing.yml:4:", "nest")],
    "binary-png": [("glossary/x.yml:1:1", "not a text file")],
    "over-size-limit": [("glossary/riesig.yml:1:1", "over the limit")],
    "symlink-outside": [("glossary/geheim.yml:1:1", "outside the project")],
    "symlink-loop": [("glossary/kreis.yml:1:1", "link")],
    "ids-differ-in-case": [("glossary/Cloud.yml:1:1", "also used by glossary/cloud.yml")],
    "look-alike-id": [("glossary/cl\u043eud.yml:1:1", "U+043E")],
    "yaml-next-to-yml": [("glossary/outsourcing.yaml:1:1", "merge it into 'outsourcing.yml'")],
    "invisible-characters": [("glossary/cloud.yml:1:22", "U+200B"), ("glossary/cloud.yml:3:15", "U+200B"),
                             ("glossary/cloud.yml:4:18", "U+202E"), ("glossary/cloud.yml:5:20", "U+2066"),
                             ("glossary/cloud.yml:5:23", "U+2069"),
                             ("glossary/cloud.yml:7:13", "U+200D")],
    "nfc-nfd-titles": [("glossary/cafe.yml:2:10", "also the title of 'cafe-zwei'")],
    "tab-indentation": [("glossary/backsourcing.yml:3:1", "tabs")],
    "crlf-bom-markup": [("glossary/backsourcing.yml:7:13", "raw HTML '<b>'")],
    "empty-files": [*((f"glossary/{name}.yml:1:1", "empty") for name in "abcd"),
                    ("glossary/e.yml:2:1", "empty")],
    "language-blocks-null": [("glossary/backsourcing.yml:1:1", "'de' block is empty"),
                             ("glossary/backsourcing.yml:2:1", "'da' block is empty")],
    "markup-everywhere": [("glossary/_tags.yml:1:11", "<marquee>"),
                          ("glossary/backsourcing.yml:3:14", "<script>"),
                          ("glossary/backsourcing.yml:4:14", "<img"),
                          ("glossary/backsourcing.yml:5:23", "<b onmouseover"),
                          ("glossary/backsourcing.yml:9:5", "<iframe"),
                          ("glossary/backsourcing.yml:11:20", "attribute lists"),
                          ("glossary/backsourcing.yml:13:17", "<svg/onload"),
                          ("glossary/backsourcing.yml:15:15", "<a href"),
                          ("glossary/backsourcing.yml:17:12", "<style>"),
                          ("glossary/backsourcing.yml:20:24", "<!--")],
    "unsafe-urls": [("glossary/backsourcing.yml:3:25", "javascript:"),
                    ("glossary/backsourcing.yml:3:58", "data:"),
                    ("glossary/backsourcing.yml:5:39", "JaVaScRiPt"),
                    ("glossary/backsourcing.yml:5:77", "vbscript"),
                    ("glossary/backsourcing.yml:7:10", "javascript:alert(2)"),
                    ("glossary/backsourcing.yml:10:12", "javascript:alert(3)"),
                    ("glossary/backsourcing.yml:12:12", "data:"),
                    ("glossary/backsourcing.yml:15:15", "javascript")],
    # the file's other problems come once its lines are lines again: they would be misplaced
    "line-breaks-other-than-lf": [("glossary/backsourcing.yml:3:23", "U+2028 LINE SEPARATOR"),
                                  ("glossary/backsourcing.yml:3:37", "U+0085 NEXT LINE")],
    "anchor-without-alias": [("glossary/backsourcing.yml:1:5", "anchors")],
    "code-span-hides-html-block": [("glossary/backsourcing.yml:6:5", "<div"),
                                   ("glossary/backsourcing.yml:10:5", "<script>")],
}
"""The findings each case is about, by place and gist; the golden file pins the wording."""


def test_every_case_says_what_it_is_about() -> None:
    assert set(MUST_SAY) | {"accepted-odd-text"} == set(CASES)


# --- lexicon check ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory, pool: ThreadPoolExecutor
            ) -> dict[str, tuple[subprocess.CompletedProcess[str], float]]:
    """``lexicon check`` of every case, run side by side, with how long each took."""

    def one(case: str) -> tuple[subprocess.CompletedProcess[str], float] | None:
        try:
            project = make(case, tmp_path_factory.mktemp(case) / "p")
        except pytest.skip.Exception:
            return None
        start = time.monotonic()
        result = project.lexicon("check")
        return result, time.monotonic() - start

    futures = {case: pool.submit(one, case) for case in CASES}
    return {case: found for case, future in futures.items() if (found := future.result()) is not None}


@pytest.mark.parametrize("case", CASES)
def test_check_reports_the_expected_findings(case: str, checked) -> None:
    if case not in checked:
        pytest.skip("case not possible on this file system")
    result, seconds = checked[case]
    assert seconds < CHECK_SECONDS, f"the check took {seconds:.1f} s"
    lines, summary = check_lines(result)
    assert lines == golden_lines(HOSTILE / case / "expected.txt", lines)
    for line in lines:
        assert FINDING.match(line), line
    errors = int(summary["error"])
    assert result.returncode == (1 if errors else 0), result.stdout


@pytest.mark.parametrize("case", sorted(MUST_SAY))
def test_check_locates_what_the_case_is_about(case: str, checked) -> None:
    if case not in checked:
        pytest.skip("case not possible on this file system")
    lines, _ = check_lines(checked[case][0])
    missing = [(where, words) for where, words in MUST_SAY[case]
               if not any(line.startswith(where) and words.lower() in line.lower() for line in lines)]
    assert not missing, f"not reported: {missing}\ngot:\n" + "\n".join(lines)


def test_alias_bomb_is_checked_quickly_and_never_expanded(checked) -> None:
    result, seconds = checked["alias-bomb"]
    lines, _ = check_lines(result)
    assert seconds < CHECK_SECONDS
    assert sum("anchors and aliases" in line for line in lines) == 91, "one finding per &anchor and *alias"
    assert len(result.stdout) < 50_000, "the report must not grow with the expansion"


# --- the build ----------------------------------------------------------------------------------------

ERROR_CASES = [case for case in sorted(MUST_SAY) if case not in ("nfc-nfd-titles",)]


@pytest.mark.parametrize("case", ERROR_CASES)
def test_errors_fail_the_build_with_the_same_findings(case: str, tmp_path: Path, checked) -> None:
    if case not in checked:
        pytest.skip("case not possible on this file system")
    project = make(case, tmp_path / "p")
    result = project.build(strict=False)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode != 0, f"the build must fail:\n{result.stderr}"
    for line in check_lines(checked[case][0])[0]:
        if ": error: " in line:
            assert line in result.stderr, f"the build log lacks {line!r}:\n{result.stderr}"


@pytest.fixture(scope="module")
def odd_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The accepted odd texts, built (a warning for the missing 'da' block, so not strict)."""
    project = make("accepted-odd-text", tmp_path_factory.mktemp("odd") / "p")
    result = project.build(strict=False)
    assert result.returncode == 0, result.stderr
    return project


ODD_PAGES = ["terms/backsourcing/", "da/terms/backsourcing/", "terms/", "da/terms/",
             "terms/outsourcing/", "da/terms/outsourcing/", "tags/it/", "da/tags/it/"]


@pytest.mark.parametrize("url_path", ODD_PAGES)
def test_accepted_text_reaches_no_page_as_markup(url_path: str, odd_site: Project) -> None:
    """Code, entities, autolinks and Markdown specials are accepted: none may become markup."""
    article = article_of(odd_site.html(url_path))
    assert "alert(1)" not in re.sub(r"<(?:code|pre)\b.*?</(?:code|pre)>", "", article, flags=re.S) or (
        "&lt;script&gt;" in article), article
    problems = [p for p in markup_from_editor(article, allowed_tags=frozenset(_own_tags(article)),
                                              allowed_attribute=lambda *_: True)]
    assert not problems, f"{url_path}: {problems}"
    assert not re.search(r"<(script|img|iframe|svg|style)\b[^>]*(alert|onerror)", article, re.I), article


def _own_tags(article: str) -> set[str]:
    """Every tag in the article but those that run code or load things (the site makes none)."""
    tags = set(re.findall(r"<([a-zA-Z][a-zA-Z0-9-]*)", article))
    return tags - {"script", "iframe", "object", "embed", "frame", "marquee", "img", "base", "meta", "link"}


def test_odd_title_is_shown_as_written(odd_site: Project) -> None:
    article = article_of(odd_site.html("terms/backsourcing/"))
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", article, re.S)
    assert heading, article
    shown = re.sub(r"<[^>]+>", "", re.sub(r'<a class="headerlink".*?</a>', "", heading.group(1)))
    assert shown == "AT&amp;T, a &lt; b | c ~ d", shown


# --- nothing lost: a build writes nothing into glossary/ or docs/ ----------------------------------------

def _snapshot(folder: Path) -> dict[str, tuple[int, int, str]]:
    return {path.relative_to(folder).as_posix(): (path.stat().st_size, path.stat().st_mtime_ns,
                                                  hashlib.sha256(path.read_bytes()).hexdigest())
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_a_build_writes_nothing_into_glossary_or_docs(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    folders = {name: project.root / name for name in ("glossary", "docs")}
    before = {name: _snapshot(folder) for name, folder in folders.items()}
    dirs_before = {name: sorted(p.relative_to(f).as_posix() for p in f.rglob("*"))
                   for name, f in folders.items()}
    result = project.build(strict=True)
    assert result.returncode == 0, result.stderr
    for name, folder in folders.items():
        assert _snapshot(folder) == before[name], f"the build changed {name}/"
        assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == dirs_before[name]

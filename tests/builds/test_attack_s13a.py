"""Session 13's attacker (fresh eyes) on the rendering promise after the speed work of sessions
9-12 (hand-written JSON, direct HTML, plain_once, Pagefind's searched part, string edits on
finished pages, the frame store): hostile text in every field, built cold and incrementally, then
every page, export and feed read as a reader's tools read them.

What broke is tested here (each failed on main 3089f74, or is a strict xfail where it is not fixed);
two guards of the fixes pass on main too (the site without noncharacters, the CSV guard coming off
on import). What held is listed in the session's note (``attack-s13a.md``) with the commands."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest
import yaml

from tests.support.project import Project, copy_project
from tests.support.site_audit import audit_csv, audit_site

pytestmark = pytest.mark.slow  # whole builds; in `make test` all the same

NONCHARACTER_SUMMARY = {
    "alpha.yml": """
        de:
          title: Alpha
          summary: "Kurz \\ufffe."
        da:
          title: Alpha
          summary: Et A.
        """,
    # mentions Alpha: the autolink's tooltip is Alpha's summary
    "beta.yml": """
        de:
          title: Beta
          summary: Kurz.
          body: Ein Alpha hier.
        da:
          title: Beta
          summary: Et B.
        """,
}


@pytest.mark.parametrize(("value", "code"), [("\\ufffe", "FFFE"), ("\\uffff", "FFFF"), ("\\ufdd0", "FDD0"),
                                           ("\\U0001fffe", "1FFFE"), ("\\U0010ffff", "10FFFF")])
def test_a_noncharacter_is_one_located_error(tmp_path: Path, value: str, code: str) -> None:
    """Unicode's noncharacters passed the check (it refused only format and control characters):
    U+FFFE in a summary stopped the build with lxml's ``ValueError`` traceback as soon as another
    entry mentioned the term (the tooltip of the autolink), and without a mention they reached
    every page (an HTML parse error) and the exports."""
    project = copy_project(tmp_path / "p", {**NONCHARACTER_SUMMARY, "gamma.yml": f"""
        de:
          title: Gamma
          summary: "Kurz {value}."
          aliases: ["G{value}"]
        """})
    result = project.lexicon("check")
    assert result.returncode == 1
    findings = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert findings == [
        "glossary/alpha.yml:3:12: error: 'summary' holds the noncharacter U+FFFE (written as an escape "
        "like '\\ufffe'): delete it; pages, feeds and TBX cannot hold it",
        f"glossary/gamma.yml:3:12: error: 'summary' holds the noncharacter U+{code} "
        "(written as an escape like '\\ufffe'): delete it; pages, feeds and TBX cannot hold it",
        f"glossary/gamma.yml:4:13: error: an item of 'aliases' holds the noncharacter "
        f"U+{code} (written as an escape like '\\ufffe'): delete it; "
        "pages, feeds and TBX cannot hold it",
    ], result.stdout


def test_a_noncharacter_stops_the_build_in_one_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", NONCHARACTER_SUMMARY)
    result = project.build(strict=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert "glossary/alpha.yml:3:12: error: 'summary' holds the noncharacter U+FFFE" in result.stderr
    assert not project.site.exists()


def test_the_site_without_noncharacters_passes_the_audit(tmp_path: Path) -> None:
    files = {name: text.replace("\\ufffe", "&") for name, text in NONCHARACTER_SUMMARY.items()}
    project = copy_project(tmp_path / "p", files)
    result = project.build(strict=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert audit_site(project.site) == []


LEADING_SPACES = {
    "a.yml": """
        de:
          title: Formel
          aliases: [" @SUM(1)", x]
          summary: Kurz.
          body: " =HYPERLINK(\\"https://evil.example/\\")"
        da:
          title: Formel
          summary: Kort.
          forms: ["  -2+3"]
        """,
}


@pytest.mark.parametrize("delimiter", [",", ";", "tab"])
def test_a_formula_after_leading_spaces_is_guarded_in_every_export(tmp_path: Path, delimiter: str) -> None:
    """``csv_cell`` guarded a piece after a separator and its spaces (``a; =1``) but not a cell that
    begins with spaces: with ``--delimiter ';'`` (German and Danish Excel) the cell `` =HYPERLINK(…)``
    is itself such a piece, and the site audit's own CSV rule refused the file."""
    project = copy_project(tmp_path / "p", LEADING_SPACES)
    result = project.lexicon("export", "out", "--delimiter", delimiter)
    assert result.returncode == 0, result.stderr
    for path in sorted((project.root / "out").glob("*.csv")):
        assert audit_csv(path) == [], path.name
    with (project.root / "out" / "glossary.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t" if delimiter == "tab" else delimiter))
    cells = dict(zip(rows[0], rows[1], strict=True))
    assert cells["de.body"].startswith(" '=")
    assert cells["de.aliases"].startswith(" '@")


def test_the_guard_after_leading_spaces_comes_off_on_import(tmp_path: Path) -> None:
    """The ``'`` put after leading spaces is removed by ``import-csv`` as the one at a cell's start
    (a guard for the fix; the import trims the spaces themselves, on main as here)."""
    project = copy_project(tmp_path / "p", LEADING_SPACES)
    assert project.lexicon("export", "out").returncode == 0
    again = copy_project(tmp_path / "q", {})
    shutil.copy(project.root / "out" / "glossary.csv", again.root / "glossary.csv")
    result = again.lexicon("import-csv", "glossary.csv")
    assert result.returncode == 0, result.stdout + result.stderr
    entry = yaml.safe_load((again.glossary / "a.yml").read_text(encoding="utf-8"))
    assert entry["de"]["body"] == '=HYPERLINK("https://evil.example/")'
    assert entry["de"]["aliases"] == ["@SUM(1)", "x"]
    assert entry["da"]["forms"] == ["-2+3"]


def test_a_no_break_space_in_a_title_reaches_the_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", {"a.yml": """
        de:
          title: "Zugriff 10\\u00a0% z.\\u202fB."
          summary: Kurz.
        """})
    result = project.build(strict=False)
    assert result.returncode == 0, result.stderr[-2000:]
    page = lxml.html.document_fromstring(project.html("terms/a"))
    assert page.findtext(".//article//h1") == "Zugriff 10\u00a0% z.\u202fB."
    assert page.findtext(".//head/title").startswith("Zugriff 10\u00a0% z.\u202fB. - ")


TITLE_WITH_ENTITIES = {
    "att.yml": """
        de:
          title: "AT&amp;T &lt;b&gt; &#60;i&#62;"
          summary: "Ein `&lt;` Zeichen."
        """,
    # a plain paragraph: converted without Python-Markdown (render.entry_fast)
    "plain.yml": """
        de:
          title: Plain
          summary: Kurz.
          body: Siehe [[att]] hier.
        """,
    # a code span: converted by Python-Markdown
    "code.yml": """
        de:
          title: Code
          summary: Kurz.
          body: Siehe [[att]] hier `x`.
        """,
}


def test_a_title_that_looks_like_entities_links_as_written(tmp_path: Path) -> None:
    """A title is plain text: "AT&amp;T" is what its page says. A cross-link in a text that went
    to Python-Markdown showed "AT&T <b> <i>" (its serializer keeps whatever looks like an entity),
    the same link in a plain paragraph showed the title as written, and a site built with
    ``entry_fast`` was no longer the one built without it."""
    project = copy_project(tmp_path / "p", TITLE_WITH_ENTITIES)
    result = project.build(strict=False)
    assert result.returncode == 0, result.stderr[-2000:]
    title = "AT&amp;T &lt;b&gt; &#60;i&#62;"
    heading = lxml.html.document_fromstring(project.html("terms/att")).find(".//article//h1")
    assert heading.text == title
    tooltips = set()
    for page in ("plain", "code"):
        root = lxml.html.document_fromstring(project.html(f"terms/{page}"))
        links = root.xpath("//article//p/a[@href='../att/']")
        assert [link.text for link in links] == [title], page
        tooltips.update(link.get("title") for link in links)
    assert len(tooltips) == 1, tooltips


def test_a_code_span_keeps_its_text_in_the_plain_summary(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", {"att.yml": TITLE_WITH_ENTITIES["att.yml"]})
    result = project.build(strict=False)
    assert result.returncode == 0, result.stderr[-2000:]
    root = lxml.html.document_fromstring(project.html("terms/att"))
    assert root.find(".//p[@class='lexikon-lead']/code").text == "&lt;"
    assert root.find(".//head/meta[@name='description']").get("content") == "Ein &lt; Zeichen."


def test_an_articles_title_and_description_hold_no_invisible_characters(tmp_path: Path) -> None:
    """README: an article gets the entries' care. Its body was checked for invisible, bidi and
    control characters, its front matter not: a title with U+202E (the order readers see changed),
    U+FFFE, or a description with an escape sequence and a zero-width space passed the check and
    reached the article's page, the articles index, the feed and glossary.json."""
    project = copy_project(tmp_path / "p", {"a.yml": """
        de:
          title: Alpha
          summary: Kurz.
        da:
          title: Alpha
          summary: Kort.
        """})
    project.write("docs/articles/zeichen.md", """
        ---
        title: "Zeichen \\u202e links \\ufffe"
        description: "Be\\u200bschreibung \\x1b[31m rot"
        ---

        Text hier.
        """)
    project.write("docs/articles/zeichen.da.md", """
        ---
        title: Tegn
        ---

        Tekst.
        """)
    result = project.lexicon("check")
    assert result.returncode == 1
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    expected = [
        "docs/articles/zeichen.md:2:1: error: 'title' holds the bidirectional control character U+202E",
        "docs/articles/zeichen.md:2:1: error: 'title' holds the noncharacter U+FFFE",
        "docs/articles/zeichen.md:3:1: error: 'description' holds the control character U+001B",
        "docs/articles/zeichen.md:3:1: error: 'description' holds the invisible character U+200B",
    ]
    assert len(errors) == len(expected) and all(map(str.startswith, errors, expected)), result.stdout
    built = project.build(strict=False)
    assert built.returncode == 1 and "Traceback" not in built.stderr
    assert not project.site.exists()


def _commit(project: Project, message: str) -> None:
    command = "git add -A && git -c user.email=a@b -c user.name=b commit -qm " + message
    start = "" if (project.root / ".git").exists() else "git init -q && "
    subprocess.run(["sh", "-c", start + command], cwd=project.root, check=True, capture_output=True)


def test_a_reviewed_date_at_the_end_of_time_is_no_traceback(tmp_path: Path) -> None:
    """``reviewed: 9999-12-31`` passed the check; with a git history, the day after it (where the
    date stops covering changes) overflowed: ``lexicon check --stale`` and ``lexicon stats`` said
    "OverflowError: … this is a bug in lexicon", ``mkdocs build`` stopped with the traceback."""
    text = """
        de:
          title: Alpha
          summary: {summary}
          reviewed: 9999-12-31
        da:
          title: Alpha
          summary: Kort.
          reviewed: 0001-01-01
        """
    project = copy_project(tmp_path / "p", {"a.yml": text.format(summary="Kurz.")})
    _commit(project, "first")
    project.write("glossary/a.yml", text.format(summary="Kurz und neu."))
    _commit(project, "second")
    stale = project.lexicon("check", "--stale")
    assert stale.returncode == 0, stale.stdout + stale.stderr
    assert "glossary/a.yml:6:10: note: the 'da' text is older than the 'de' text" in stale.stdout
    assert project.lexicon("stats").returncode == 0
    built = project.build(strict=False)
    assert built.returncode == 0, built.stderr[-2000:]
    assert "Den danske version er ældre end den tyske" in project.html("da/terms/a")

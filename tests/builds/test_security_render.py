"""Issue 12's attacks on readers' pages, each asserted on the built HTML (and the audit).

Each attack is an entry the check accepts (code spans may hold any text: a lexicon of IT
terms writes about HTML), built into a real site. What a reader's browser would get is
read back with lxml: no element, attribute or request the entry asked for, and the text
shown as text, in the head as in the page.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import lxml.html
import pytest

from tests.support.project import Project, copy_project
from tests.support.site_audit import audit_site

SCRIPT_TITLE = "Tag `</title><script>alert(1)</script>`"
ENTITY_TITLE = "Entität `&lt;/title&gt;&lt;script&gt;alert(6)&lt;/script&gt;`"
IMG_SUMMARY = 'Ein Attribut `"><img src=x onerror=alert(2)>` im Code.'
LABEL_SUMMARY = 'Siehe [[quote|`"><img src=x onerror=alert(3)>`]] für mehr.'
TOOLTIP_SUMMARY = "Zitat ' ) und \"mehr\" (x) ') [y] `*z*` \\ Ende."
TAG_LABEL = "`</title><script>alert(5)</script>` Schlagwort"

ENTRIES = {
    "_tags.yml": f"""
        evil: {{de: "{TAG_LABEL}", da: "{TAG_LABEL}"}}
        """,
    "titel.yml": f"""
        tags: [evil]
        de:
          title: "{SCRIPT_TITLE}"
          summary: '{IMG_SUMMARY.replace("'", "''")}'
        """,
    "entity.yml": f"""
        de:
          title: "{ENTITY_TITLE}"
          summary: {LABEL_SUMMARY!r}
        """,
    "quote.yml": """
        de:
          title: Zitat
          summary: '{summary}'
          body: |
            Verweis auf [[titel]] und [[entity]].
        """.replace("{summary}", TOOLTIP_SUMMARY.replace("'", "''")),
}
MARKUP_ENTRIES = {
    "tabelle.yml": """
        de:
          title: Tabelle
          summary: Eine Tabelle mit einer Zelle, die Attribute setzen will.
          body: |
            | Spalte | Wert |
            |--------|------|
            | a | b {style=animation-name:x onanimationstart=alert(7)} |
        """,
    "pixel.yml": """
        de:
          title: Pixel
          summary: Ein Bild von anderswo ![](https://elsewhere.example/pixel.gif) im Text.
          body: |
            ![Zähler](https://elsewhere.example/pixel.gif "t")

            [![x](https://elsewhere.example/b.png)](https://example.com)
        """,
}


def _build(tmp_path_factory: pytest.TempPathFactory,
           entries: dict[str, str]) -> tuple[Project, subprocess.CompletedProcess]:
    project = copy_project(tmp_path_factory.mktemp("security") / "project", entries)
    return project, project.build(strict=False)


@pytest.fixture(scope="module")
def attacked(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project, result = _build(tmp_path_factory, ENTRIES)
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="module")
def marked_up(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Markup the check may refuse: then nothing is published; else it must be harmless."""
    project, result = _build(tmp_path_factory, MARKUP_ENTRIES)
    if result.returncode != 0:
        assert ": error: " in result.stderr and not project.site.exists(), result.stderr
        pytest.skip("the check refuses this markup: nothing published")
    return project


def page(project: Project, path: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(project.html(path))


def scripts_and_handlers(root: lxml.html.HtmlElement) -> list[str]:
    found = [lxml.html.tostring(s, encoding="unicode")[:80] for s in root.iter("script")
             if "alert(" in (s.text or "") and s.get("type") in (None, "text/javascript")]
    found += [f"<{el.tag} {name}>" for el in root.iter() if isinstance(el.tag, str)
              for name in el.attrib if name.lower().startswith("on")]
    found += [f"<{el.tag}>" for el in root.iter("img", "iframe", "object", "embed")]
    return found


def test_the_attacked_site_passes_the_audit(attacked: Project) -> None:
    assert audit_site(attacked.site) == []


def test_code_span_in_a_title_stays_text_in_title_and_header(attacked: Project) -> None:
    root = page(attacked, "terms/titel")
    assert scripts_and_handlers(root) == []
    assert root.findtext(".//head/title") == f"{SCRIPT_TITLE} - Lexikon"
    header = root.find(".//*[@class='md-header__topic'][@data-md-component='header-topic']")
    assert header is not None and header.text_content().strip() == SCRIPT_TITLE
    assert root.find(".//article//h1").text_content().rstrip("¶") == SCRIPT_TITLE


def test_entities_in_a_title_are_shown_as_written(attacked: Project) -> None:
    root = page(attacked, "terms/entity")
    assert scripts_and_handlers(root) == []
    assert root.findtext(".//head/title") == f"{ENTITY_TITLE} - Lexikon"


def test_code_span_in_a_summary_stays_text_in_the_meta_description(attacked: Project) -> None:
    root = page(attacked, "terms/titel")
    descriptions = root.findall(".//head/meta[@name='description']")
    assert [m.get("content") for m in descriptions] == [IMG_SUMMARY.replace("`", "")]
    lead = root.find(".//article//p[@class='lexikon-lead']")
    assert lead.find("code").text == '"><img src=x onerror=alert(2)>'


def test_cross_link_label_in_a_summary_stays_text(attacked: Project) -> None:
    root = page(attacked, "terms/entity")
    assert scripts_and_handlers(root) == []
    description = root.find(".//head/meta[@name='description']").get("content")
    assert description == 'Siehe "><img src=x onerror=alert(3)> für mehr.'
    link = root.find(".//article//p[@class='lexikon-lead']/a")
    assert link.text_content() == '"><img src=x onerror=alert(3)>' and link.get("href") == "../quote/"


def test_quotes_and_brackets_in_a_summary_stay_inside_the_tooltip(attacked: Project) -> None:
    """Every page that links to "Zitat" carries its summary, whole, as the link's title (its code
    span's text as written, as the page shows it)."""
    expected = "Zitat ' ) und \"mehr\" (x) ') [y] *z* \\ Ende."
    for path in ("terms/titel", "terms/entity"):
        root = page(attacked, path)
        links = [a for a in root.iter("a")
                 if a.get("href") == "../quote/" and a.get("class") != "lexikon-node"]
        assert links, path
        assert {a.get("title") for a in links} == {expected}, path
        assert scripts_and_handlers(root) == []


def test_tag_label_with_markup_on_its_tag_page(attacked: Project) -> None:
    root = page(attacked, "tags/evil")
    assert scripts_and_handlers(root) == []
    assert root.findtext(".//head/title") == f"Schlagwort: {TAG_LABEL} - Lexikon"
    term = page(attacked, "terms/titel")
    assert [a.text for a in term.iter("a") if a.get("class") == "lexikon-tag"] == [TAG_LABEL]


def test_attribute_list_in_a_table_cell_sets_nothing(marked_up: Project) -> None:
    root = page(marked_up, "terms/tabelle")
    cells = root.findall(".//article//td")
    assert [dict(td.attrib) for td in cells] == [{}] * 2
    assert cells[1].text_content() == "b {style=animation-name:x onanimationstart=alert(7)}"
    assert scripts_and_handlers(root) == []
    assert audit_site(marked_up.site) == []


def test_no_image_or_request_to_another_origin_from_an_entry(marked_up: Project) -> None:
    for lang in ("", "da/"):
        html = marked_up.html(f"{lang}terms/pixel")
        assert "elsewhere.example" not in html
        root = lxml.html.document_fromstring(html)
        assert root.findall(".//img") == []


def test_file_name_cannot_inject_lines_into_github_annotations(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", {"gut.yml": "de:\n  title: Gut\n  summary: Gut ist gut.\n"})
    evil = project.glossary / "x,line=1::\n::error file=fake.yml,line=1::pwned.yml"
    evil.write_text("de:\n  title: Böse\n  summary: Böse heißt böse.\n", encoding="utf-8")
    result = project.lexicon("check", "--format", "github")
    lines = result.stdout.splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert lines[-1].endswith("note(s)") and len(annotations) == len(lines) - 1 == 3
    for line in annotations:
        properties = line.split("::")[1].split(" ", 1)[1]
        assert [p.split("=", 1)[0] for p in properties.split(",")] == ["file", "line", "col", "title"], line
        assert "gut.yml" in properties or properties.startswith(
            "file=glossary/x%2Cline=1%3A%3A%0A%3A%3Aerror file=fake.yml%2C"), line


def test_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", {"gut.yml": "de:\n  title: Gut\n  summary: Gut ist gut.\n"})
    (project.glossary / "\x1b[31mrot\u202e.yml").write_text("de:\n  title: Rot\n  summary: Rot heißt rot.\n",
                                                           encoding="utf-8")
    result = project.lexicon("check")
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "\\x1b[31mrot\\u202e.yml" in result.stdout

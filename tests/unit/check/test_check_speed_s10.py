"""Session 10's cuts to a cold check (issue 17, points 4 and 6), each held to the code it replaced.

- Cross-links are kept as the ids they name (``FileReport.links``) and placed only when one
  names nothing: a check whose links all resolve places none (counted), and the findings of
  one whose links do not are those of placing every link at once (the eager reports of
  ``report_file``), past the per-file bound too.
- Deduplication cuts a body without fenced code into plain runs: the blocks, with the lines
  they start on, are made only to place a finding (counted), and are those ``split_blocks``
  makes (property).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from lexikon.check import blocks, link_places, pipeline
from lexikon.check.dedupe import deduplicate_text
from lexikon.check.glossary_files import list_glossary
from lexikon.check.glossary_wide import MAX_FINDINGS_PER_FILE, combine
from lexikon.check.live_combine import LiveCombine
from lexikon.check.load import load_side_files
from lexikon.core.model import Span, Text
from lexikon.core.settings import make_settings
from tests.bench import synthetic
from tests.support.constants import LANGUAGES
from tests.unit.check.test_check_speed_shapes import LINK_PIECES


def _settings(project: Path):  # type: ignore[no-untyped-def]
    return make_settings(project, LANGUAGES, None)


def _eager(project: Path):  # type: ignore[no-untyped-def]
    """Every file's report with each link placed (as every report was made before)."""
    config = _settings(project)
    listing = list_glossary(config.glossary_dir, config.project_dir)
    reports = [pipeline.report_file(Path(path).read_bytes(), display, Path(path).stem, config)
               for path, display in listing.entries]
    tags = load_side_files(listing, config.project_dir, [])
    return combine(reports, tags, config, listing.findings)


def test_a_cold_check_whose_links_resolve_places_none(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    synthetic.write_glossary(tmp_path / "glossary", 40, seed=3)
    assert "[[" in "".join(path.read_text() for path in (tmp_path / "glossary").glob("*.yml"))
    placed: list[int] = []
    real = Span.places
    monkeypatch.setattr(Span, "places",
                        lambda span, needles: placed.append(len(needles)) or real(span, needles))
    result = pipeline.check_only(_settings(tmp_path), cache=False)
    assert not result.errors and placed == []
    assert result.findings == _eager(tmp_path).findings  # which places every link


BROKEN = """\
    related: [nirgends]
    de:
      title: Begriff
      summary: Ein Begriff mit [[ziel]] und [[ziel|Ziel]].
      body: |
        Absatz mit [[fehlt-eins]] und [[ziel]].

        {links}
      highlights:
        - Wichtig ist [[fehlt-zwei|zwei]].
    """


@pytest.mark.parametrize("count", [3, MAX_FINDINGS_PER_FILE + 20])
def test_links_that_name_nothing_are_found_where_they_stand(tmp_path: Path, count: int,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    links = " ".join(f"[[weg-{number % 7}]] [[ziel]]" for number in range(count))
    (glossary / "begriff.yml").write_text(textwrap.dedent(BROKEN).format(links=links))
    (glossary / "ziel.yml").write_text("de:\n  title: Ziel\n  summary: Das Ziel.\n")
    reread: list[str] = []
    real = link_places.placed_links
    monkeypatch.setattr(link_places, "placed_links", lambda report, config: reread.append(report.path)
                        or real(report, config))
    lazy = pipeline.check_only(_settings(tmp_path), cache=False)
    assert reread == ["glossary/begriff.yml"]  # the file with a link naming nothing, once
    assert lazy.findings == _eager(tmp_path).findings
    assert sum("names no entry" in finding.message for finding in lazy.findings) >= min(count, 10)


def test_a_file_changed_since_its_report_gets_each_missing_id_once_at_its_start(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    (glossary / "begriff.yml").write_text("de:\n  title: B\n  summary: Mit [[weg]] und [[weg]].\n")
    config = _settings(tmp_path)
    report = pipeline.read_report(str(glossary / "begriff.yml"), "glossary/begriff.yml", config)[1]
    assert report.links == ("weg",)
    assert [ref[1:4] for ref in link_places.placed_links(report, config)] == [("weg", 3, 16), ("weg", 3, 28)]
    (glossary / "begriff.yml").write_text("de:\n  title: B\n  summary: Mit [[anders]].\n")
    again = link_places.placed_links(report, config)
    assert [tuple(ref) for ref in again] == [("link", "weg", 1, 1, "[[weg]]")]


def test_the_live_check_finds_unplaced_links_as_the_full_one(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    (glossary / "a.yml").write_text("de:\n  title: A\n  summary: Zu [[b]] und [[c]].\n")
    (glossary / "b.yml").write_text("de:\n  title: B\n  summary: Zu [[a]].\n")
    config = _settings(tmp_path)
    files = pipeline.file_reports(config, cache=False)
    assert [report.links for report in files.reports] == [("b", "c"), ("a",)]
    live = LiveCombine(files.tags, config)
    assert live.combine(files.reports).findings == combine(files.reports, files.tags, config).findings
    (glossary / "c.yml").write_text("de:\n  title: C\n  summary: Zu [[a]].\n")
    files = pipeline.file_reports(config, cache=False)
    again = live.combine(files.reports)
    assert again.findings == combine(files.reports, files.tags, config).findings
    assert not again.errors


link_text = st.lists(st.sampled_from(LINK_PIECES), max_size=30).map("".join)


@settings(max_examples=200, deadline=None)
@given(link_text, link_text, st.lists(link_text, max_size=3))
def test_the_ids_kept_are_those_of_the_placed_links(summary: str, body: str, highlights: list[str]) -> None:
    document = {"de": {"title": "T", "summary": "S " + summary, "body": body, "highlights": highlights}}
    data = yaml.safe_dump(document, allow_unicode=True).encode()
    config = make_settings(Path("/nonexistent"), LANGUAGES, None)
    placed = pipeline.report_file(data, "glossary/t.yml", "t", config)
    kept = pipeline.report_file(data, "glossary/t.yml", "t", config, place_links=False)
    if placed.entry is None:
        return
    assert kept.links == tuple(dict.fromkeys(ref.target for ref in placed.references if ref.kind == "link"))
    assert kept.references == tuple(ref for ref in placed.references if ref.kind != "link")
    assert placed.links == ()


# --- deduplication: blocks made only to place a finding ------------------------------------------
BLOCK_PIECES = ("Ein Satz.", "Noch einer", "\n", "\n\n", "\n\n\n", "  ", "\r\n", "- Punkt", "# Titel", "```",
                "~~~", "    code", "| a |", "---", "> Zitat", "\t", " ")
markdown_text = st.lists(st.sampled_from(BLOCK_PIECES), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(markdown_text)
def test_the_runs_are_the_blocks_split_blocks_makes(markdown: str) -> None:
    runs = blocks.unfenced_runs(markdown)
    if "```" in markdown or "~~~" in markdown:
        assert runs is None
        return
    assert runs is not None
    assert blocks.blocks_of_runs(markdown, runs) == blocks.split_blocks(markdown)
    assert [block.line for block in blocks.blocks_of_runs(markdown, runs)] == [
        block.line for block in blocks.split_blocks(markdown)]  # (not compared by ==)


def test_a_body_without_findings_makes_no_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []

    class Counted(blocks.Block):
        def __init__(self, text: str, prose: bool, line: int = 0) -> None:
            made.append(text)
            super().__init__(text, prose, line)

    monkeypatch.setattr(blocks, "Block", Counted)
    words = ("Apfel", "Birne", "Kirsche", "Pflaume", "Quitte", "Traube", "Melone", "Mango", "Feige", "Dattel")
    paragraphs = [f"{word} " * 12 + "." for word in words]
    body = "\n\n".join(["## Titel", *paragraphs]) + "\n"
    spans = {"body": Span("glossary/t.yml", 5, 3, "|\n  " + body.replace("\n", "\n  "))}
    text = Text("de", "T", "Kurz.", body=body, spans=spans)
    assert deduplicate_text(text) == (text, [])
    assert made == []
    repeated = Text("de", "T", "Kurz.", body=body + "\n" + paragraphs[0] + "\n", spans=spans)
    again, found = deduplicate_text(repeated)
    assert again.body == body and len(found) == 1 and len(made) == 12  # a repeat: placed

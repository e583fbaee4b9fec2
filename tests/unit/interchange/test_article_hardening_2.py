"""Saved web pages read as the browser shows them (issue 16 fix round 2): a ``<br>`` inside a
paragraph is no removed block, screen-reader text is no part of the title, a site's own
header keeps its ``<h1>`` out of the title, and a windows-1252 page declared ISO-8859-1 with an
unassigned byte still imports."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.unit.interchange.test_attack_16b import _entries, _lexicon, _project

HEAD = '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>X</title>'


def _import(tmp_path: Path, page: str, encoding: str = "utf-8") -> tuple[str, dict]:
    project = _project(tmp_path / "project")
    source = tmp_path / "seite.html"
    source.write_bytes(page.encode(encoding) if isinstance(page, str) else page)
    result = _lexicon(project, "import", str(source), "--lang", "de")
    assert result.returncode == 0, result.stdout + result.stderr
    entries = _entries(project)
    assert len(entries) == 1, result.stdout
    return result.stdout, next(iter(entries.values()))["de"]


def test_a_line_break_inside_a_paragraph_is_no_removed_text_block(tmp_path: Path) -> None:
    report, entry = _import(tmp_path, HEAD + "</head><body><main><h1>Router</h1>\n<p>Ein Router verbindet "
                            "Netze miteinander<br>und leitet Pakete weiter.</p></main></body></html>\n")
    assert entry["summary"] == "Ein Router verbindet Netze miteinander und leitet Pakete weiter."
    assert "text block" not in report, report


def test_screen_reader_text_in_the_h1_is_not_in_the_title(tmp_path: Path) -> None:
    report, entry = _import(tmp_path, HEAD + '</head><body><main><h1><span class="screen-reader-text">'
                            'Artikel: </span>Router<span class="sr-only"> (Begriff)</span> '
                            '<span class="visually-hidden">Lexikon</span></h1>\n'
                            "<p>Ein Router verbindet Netze miteinander.</p></main></body></html>\n")
    assert entry["title"] == "Router", report
    assert "screen readers" in report and "(Begriff)" in report, report


def test_the_site_headers_h1_is_not_the_title(tmp_path: Path) -> None:
    report, entry = _import(tmp_path, HEAD + '<meta property="og:title" content="Router"></head><body>'
                            '<header class="site-header"><h1>Mein Netzblog</h1><nav><a href="/">Start</a>'
                            "</nav></header>\n<div class='entry-content'><p>Ein Router verbindet Netze "
                            "miteinander. Er leitet Pakete weiter.</p></div></body></html>\n")
    assert entry["title"] == "Router", report


def test_a_windows_1252_page_with_an_unassigned_byte_still_imports(tmp_path: Path) -> None:
    page = (HEAD.replace("utf-8", "iso-8859-1") + "</head><body><main><h1>Größe</h1><p>Die Größe „misst“ "
            "einen Körper \u2013 etwa in Metern.</p></main></body></html>\n").encode("cp1252")
    report, entry = _import(tmp_path, page.replace(b"etwa", b"et\x81wa"))
    assert "„misst“" in entry["summary"] and "Körper – et" in entry["summary"], report
    assert "U+0081" in report, report


def test_an_embedded_video_is_reported_with_its_address_and_title(tmp_path: Path) -> None:
    report, entry = _import(tmp_path, HEAD + "</head><body><main><h1>Hub</h1>\n<p>Ein Hub verteilt Daten an "
                            "alle Geräte.</p>\n<p><iframe src='https://example.org/embed/1' "
                            "title='Video: Hub'></iframe></p></main></body></html>\n")
    assert "example.org/embed/1" in report and "Video: Hub" in report, report
    assert "Video" not in yaml.safe_dump(entry), entry

"""Session 13's attack on ``lexicon import`` with saved pages whose ``<meta charset>`` names
what no browser reads.

README, "The command line": a page saved from the browser is read in the encoding it declares;
"Every command reports a failure as one line, ``path[:line:col]: error: what happened, what
to do``". The declaration was looked up among all of Python's codecs: ``base64``, ``rot13``,
``hex``, ``zlib`` ended in "LookupError …: this is a bug in lexicon", ``undefined`` in an
unlocated line, and ``raw_unicode_escape`` turned a page's ``\\u202e`` into the character.
And ``windows-1252`` itself was read strictly: a page holding one of its five unassigned
bytes was refused as "not UTF-8", though the same page declared ISO-8859-1 came in."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.support.term_imports import empty_project, run_lexicon

PAGE = ('<html><head><meta charset="{charset}"><title>Wolke</title></head><body><h1>Wolke</h1>'
        '<p>Eine Wolke schwebt am Himmel {text}</p></body></html>')


def _import(tmp_path: Path, charset: str, text: str, tail: bytes) -> tuple[Path, object]:
    project = empty_project(tmp_path / "project")
    page = tmp_path / "wolke.html"
    page.write_bytes(PAGE.format(charset=charset, text=text).encode("ascii").replace(b"</p>", tail + b"</p>"))
    return project, run_lexicon(project, "import", str(page), "--lang", "de")


@pytest.mark.parametrize("charset", ["base64", "rot13", "hex", "zlib", "uu", "undefined",
                                     "raw_unicode_escape", "unicode_escape", "idna"])
def test_a_page_naming_a_python_codec_is_refused_in_one_located_line(tmp_path: Path, charset: str) -> None:
    project, result = _import(tmp_path, charset, r"\u202e hoch.", b"\xff")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = (result.stdout + result.stderr).splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{tmp_path / 'wolke.html'}:1:"), lines
    assert ": error: " in lines[0] and "bug" not in lines[0]
    assert list((project / "glossary").glob("wolke*")) == []


@pytest.mark.parametrize("charset", ["windows-1252", "cp1252", "iso-8859-1"])
def test_a_windows_1252_page_reads_as_browsers_read_it(tmp_path: Path, charset: str) -> None:
    project, result = _import(tmp_path, charset, "", b"\x96 hoch\x9d.")
    assert result.returncode == 0, result.stdout + result.stderr
    entry = yaml.safe_load((project / "glossary" / "wolke.yml").read_text(encoding="utf-8"))
    assert entry["de"]["summary"] == "Eine Wolke schwebt am Himmel \u2013 hoch."
    assert "U+009D" in result.stdout  # the control character's removal is reported


@pytest.mark.parametrize("element", ['<svg viewBox="0 0 10 10"><text x="1" y="9">Kumulus</text></svg>',
                                     "<button>Kumulus</button>", "<select><option>Kumulus</option></select>",
                                     "<canvas>Kumulus</canvas>"])
def test_words_inside_an_element_an_entry_cannot_hold_are_said(tmp_path: Path, element: str) -> None:
    """README: "Nothing is dropped without a line in the report". An inline ``<svg>`` (a diagram's
    labels), a button, a list box or a canvas's fallback went with their words, unsaid."""
    project = empty_project(tmp_path / "project")
    page = tmp_path / "wolke.html"
    page.write_text(f"<html><body><article><h1>Wolke</h1><p>Eine Wolke schwebt am Himmel.</p>"
                    f"<p>Die Form {element} ist häufig.</p></article></body></html>", encoding="utf-8")
    result = run_lexicon(project, "import", str(page), "--lang", "de", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr
    said = [line for line in result.stdout.splitlines() if line.startswith(f"{page}:1: ")]
    assert any("'Kumulus'" in line for line in said), result.stdout

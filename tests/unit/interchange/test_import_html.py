"""``lexicon import`` of saved web pages (issue 16, point 4): the main content, the real title,
no code, nothing fetched, every left-out text reported.

Golden files in ``tests/fixtures/import/html/``: each saved page ``NAME.LANG.html`` beside the
entry file it becomes (``NAME.LANG.expected.yml``) and the report (``.expected.txt``);
``truth.yml`` there lists each page's article lines and the boilerplate around them (the
extractor was chosen by measuring with it: ``MEASURED.md``). ``LEXIKON_REGEN=1`` rewrites
the golden files (``tests/support/golden.py``); read the diff before you commit it.
"""

from __future__ import annotations

import io
import re
import shutil
import socket
from pathlib import Path

import pytest
import yaml

from lexikon.check.pipeline import run
from lexikon.core.settings import make_settings
from lexikon.interchange.article import ImportResult, import_article, run_import, write_import
from lexikon.interchange.article import entry as entry_module
from tests.support.constants import FIXTURES, LANGS, LANGUAGES
from tests.support.golden import golden_text

PAGES = FIXTURES / "import" / "html"
NAMES = sorted(p.name for p in PAGES.glob("*.html"))
TRUTH = yaml.safe_load((PAGES / "truth.yml").read_text(encoding="utf-8"))


def _glossary(tmp_path: Path) -> Path:
    glossary = tmp_path / "project" / "glossary"
    if not glossary.exists():
        shutil.copytree(FIXTURES / "import" / "glossary", glossary)
    return glossary


def _import(name: str, tmp_path: Path) -> ImportResult:
    text = (PAGES / name).read_text(encoding="utf-8")
    return import_article(text, name, name.split(".")[-2], glossary_dir=_glossary(tmp_path), languages=LANGS)


def _quick(html: str, tmp_path: Path, name: str = "page.html", lang: str = "de") -> ImportResult:
    return import_article(html, name, lang, glossary_dir=_glossary(tmp_path), languages=LANGS)


def _entry_text(result: ImportResult) -> str:
    block = result.block
    return "\n".join([block["title"], block.get("summary", ""), block.get("body", ""),
                      *block.get("highlights", ())])


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[*_]|\[\[[^|\]]*\||\]\]|\[\[", "", text).split()).casefold()


def test_every_page_has_its_truth() -> None:
    assert len(NAMES) >= 8
    assert set(NAMES) == set(TRUTH)


@pytest.mark.parametrize("name", NAMES)
def test_golden(name: str, tmp_path: Path) -> None:
    result = _import(name, tmp_path)
    stem = name.removesuffix(".html")
    report = result.report(name)
    assert result.yaml_text == golden_text(PAGES / f"{stem}.expected.yml", result.yaml_text)
    assert report == golden_text(PAGES / f"{stem}.expected.txt", report)


@pytest.mark.parametrize("name", NAMES)
def test_the_entry_passes_the_check(name: str, tmp_path: Path) -> None:
    result = _import(name, tmp_path)
    glossary = _glossary(tmp_path)
    path = write_import(result, glossary)
    checked = run(make_settings(glossary.parent, LANGUAGES, None))
    assert checked.errors == ()
    mine = [f for f in checked.warnings if f.path.endswith(path.name)]
    assert all("translation is missing" in f.message for f in mine), mine


@pytest.mark.parametrize("name", NAMES)
def test_article_text_is_kept_or_its_loss_reported(name: str, tmp_path: Path) -> None:
    """Every line of the article is in the entry, or a change names it: nothing goes silently."""
    result = _import(name, tmp_path)
    entry, removed = _fold(_entry_text(result)), _fold(" ".join(c.removed for c in result.changes))
    missing = [line for line in TRUTH[name]["article"] if _fold(line) not in entry]
    assert not [line for line in missing if _fold(line) not in removed], missing
    assert len(missing) <= 2, f"the extractor lost more of the article than it should: {missing}"


@pytest.mark.parametrize("name", NAMES)
def test_no_boilerplate_reaches_the_entry(name: str, tmp_path: Path) -> None:
    entry = _fold(_entry_text(_import(name, tmp_path)))
    assert [b for b in TRUTH[name]["boilerplate"] if _fold(b) in entry] == []
    assert [b for b in TRUTH[name].get("known_leaks", ()) if _fold(b) in entry] == TRUTH[name].get(
        "known_leaks", []), "a known leak is gone: move it to 'boilerplate' in truth.yml"


def test_the_title_is_the_h1_not_the_seo_title(tmp_path: Path) -> None:
    result = _import("backsourcing.de.html", tmp_path)  # <title>Backsourcing – Definition, … | IT-Lexikon
    assert (result.entry_id, result.block["title"]) == ("backsourcing", "Backsourcing")
    assert _import("managed-services.de.html", tmp_path).block["title"] == "Managed Services"


def test_without_h1_the_page_title_loses_the_site_name(tmp_path: Path) -> None:
    html = ("<html><head><title>Offshoring – Definition, Vorteile &amp; Nachteile | IT-Lexikon</title></head>"
            "<body><div><p>Offshoring ist die Verlagerung von Aufgaben in ein fernes Land. Das spart "
            "Lohnkosten, kostet aber Abstimmung.</p></div></body></html>")
    result = _quick(html, tmp_path)
    assert (result.entry_id, result.block["title"]) == ("offshoring", "Offshoring")
    assert any("without the site's name" in c.message for c in result.changes)


@pytest.mark.parametrize("name", ["page.htm", "page.txt", "page"])
def test_html_is_sniffed_whatever_the_file_is_called(name: str, tmp_path: Path) -> None:
    html = ("<!DOCTYPE html>\n<html><body><nav><a href='/'>Startseite</a></nav><main><h1>Cloud</h1>"
            "<p>Cloud heißt, dass Rechenleistung über das Netz gemietet wird, statt eigene Server zu "
            "betreiben.</p></main></body></html>")
    result = _quick(html, tmp_path, name)
    assert result.block["title"] == "Cloud"
    assert "<" not in result.yaml_text and "Startseite" not in result.yaml_text


def test_script_and_style_in_the_main_content_never_reach_the_entry(tmp_path: Path) -> None:
    html = """<!DOCTYPE html><html><head><style>body{color:red}</style></head><body>
<article><h1>Phishing</h1>
<p>Phishing ist der Versuch, über falsche Nachrichten an Passwörter zu kommen.<script>alert(1)</script></p>
<script>document.write('<p>Eingeschleuster Absatz</p>')</script>
<p>Angreifer geben sich dabei als Bank, Paketdienst oder Kollege aus.<style>.x{display:none}</style></p>
<noscript><p>Bitte JavaScript aktivieren</p></noscript>
<p>Ein Klick auf den Link führt auf eine nachgebaute Anmeldeseite.</p>
<p onclick="steal()">Wer dort sein Passwort eingibt, gibt es den Angreifern.</p>
</article></body></html>"""
    result = _quick(html, tmp_path)
    for leaked in ("alert", "document.write", "Eingeschleuster", "display:none", "color:red",
                   "JavaScript", "steal", "<", "onclick"):
        assert leaked not in result.yaml_text, leaked
    assert "Wer dort sein Passwort eingibt" in result.block["body"]
    assert any("<script>" in c.message for c in result.changes)


def test_nothing_is_fetched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stylesheets, images, frames, a DTD and links to other pages stay where they are."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"the import opened a connection: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    html = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html><head><link rel="stylesheet" href="http://example.com/a.css"><base href="http://example.com/">
<script src="http://example.com/a.js"></script></head><body><main><h1>VPN</h1>
<p>Ein VPN verbindet einen Rechner über ein verschlüsseltes Netz mit dem Firmennetz.</p>
<img src="http://example.com/a.png" alt="Bild"><iframe src="http://example.com/frame"></iframe>
<p>Mehr dazu <a href="http://example.com/vpn-details">beim Hersteller</a>.</p></main></body></html>"""
    result = _quick(html, tmp_path)
    assert result.block["title"] == "VPN"


def test_files_over_the_size_limit_are_refused_unread(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(entry_module, "MAX_SOURCE_BYTES", 1000)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self} was read"))
    page = tmp_path / "big.html"
    page.write_text("<html><body><h1>Groß</h1><p>" + "Text. " * 400 + "</p></body></html>", encoding="utf-8")
    settings = make_settings(_glossary(tmp_path).parent, LANGUAGES, None)
    out = io.StringIO()
    assert run_import(settings, page, "de", out=out) == 1
    assert out.getvalue().startswith(f"{page}:1:1: error: the file is over ")
    assert not (settings.glossary_dir / "gross.yml").exists()


def test_cli_imports_a_saved_page(tmp_path: Path) -> None:
    page = tmp_path / "offshoring.html"
    shutil.copy(PAGES / "offshoring.de.html", page)
    settings = make_settings(_glossary(tmp_path).parent, LANGUAGES, None)
    out = io.StringIO()
    assert run_import(settings, page, "de", out=out) == 0
    written = yaml.safe_load((settings.glossary_dir / "offshoring.yml").read_text(encoding="utf-8"))
    assert written["de"]["title"] == "Offshoring"
    assert f"{page}:22: took the title from the page's <h1>" in out.getvalue().splitlines()


def test_a_definition_list_gives_the_definition_and_the_other_terms(tmp_path: Path) -> None:
    result = _import("service-level-agreement.de.html", tmp_path)
    assert result.block["summary"].startswith("Ein Service Level Agreement ist eine Vereinbarung")
    assert "- **Verfügbarkeit**: Der Anteil der Zeit" in result.block["body"]


def test_a_table_stays_a_table(tmp_path: Path) -> None:
    body = _import("cloud-servicemodelle.de.html", tmp_path).block["body"]
    assert ("| Modell | Der Anbieter stellt | Beispiel |\n|---|---|---|\n"
            "| IaaS | Server, Speicher, Netz |") in body


def test_every_left_out_text_is_reported_with_its_line(tmp_path: Path) -> None:
    result = _import("managed-services.de.html", tmp_path)
    comments = next(c for c in result.changes if "Was kostet so etwas" in c.removed)
    assert comments.message.startswith("removed ")
    page = (PAGES / "managed-services.de.html").read_text(encoding="utf-8").splitlines()
    assert "Kategorie:" in page[comments.line - 1] or "<footer" in page[comments.line - 1]


def test_a_page_saved_in_its_declared_encoding_is_read_in_it(tmp_path: Path) -> None:
    page = tmp_path / "groesse.html"
    page.write_bytes('<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
                     "</head><body><h1>Größe</h1><p>Die Größe einer Datei zählt man in Bytes, "
                     "nicht in Zeichen.</p></body></html>".encode("iso-8859-1"))
    settings = make_settings(_glossary(tmp_path).parent, LANGUAGES, None)
    out = io.StringIO()
    assert run_import(settings, page, "de", out=out) == 0, out.getvalue()
    written = yaml.safe_load((settings.glossary_dir / "groesse.yml").read_text(encoding="utf-8"))
    assert written["de"]["title"] == "Größe"
    text = tmp_path / "groesse.txt"
    text.write_bytes("Größe\nDie Größe zählt.\n".encode("iso-8859-1"))
    out = io.StringIO()
    assert run_import(settings, text, "de", out=out) == 1
    assert "is not UTF-8" in out.getvalue()

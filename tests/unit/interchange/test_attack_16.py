"""Issue 16's imports attacked with input they were not made for: each test states a promise
of README ("The command line") and shows a minimal input that breaks it. Marked xfail
(strict) until the lead fixes the code: a fix turns the test green and the mark must go."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.support.constants import ROOT
from tests.support.project import without_articles
from tests.support.term_imports import TBX_HEAD, TBX_TAIL
from tests.support.term_imports import empty_project as _project
from tests.support.term_imports import entries_of as _entries
from tests.support.term_imports import run_lexicon as _lexicon

LOCATED = re.compile(r"^\S+:\d+:\d+: (error|warning|note): ")
"""A finding of a term import: ``source:line:col: severity: message``."""
SUMMARY = re.compile(r"^(\d+) concepts: (\d+) entries (?:written|to write) \(\d+ drafts\), (\d+) merged, "
                     r"(\d+) skipped")


def _summary(stdout: str) -> tuple[int, int, int, int]:
    match = SUMMARY.match(stdout.strip().splitlines()[-1])
    assert match, stdout
    concepts, written, merged, skipped = (int(n) for n in match.groups())
    return concepts, written, merged, skipped


# --- SKOS ---------------------------------------------------------------------------------------
def test_skos_two_iris_with_one_last_segment_are_two_concepts(tmp_path: Path) -> None:
    """In SKOS the IRI is the concept; ``…/finanzen/bank`` and ``…/moebel/bank`` are two."""
    project = _project(tmp_path)
    source = tmp_path / "bank.ttl"
    source.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<http://example.org/finanzen/bank> a skos:Concept ; skos:prefLabel "Bank"@de ;\n'
        '    skos:definition "Ein Geldinstitut."@de .\n'
        '<http://example.org/moebel/bank> a skos:Concept ; skos:prefLabel "Bank"@de ;\n'
        '    skos:definition "Eine Sitzgelegenheit."@de .\n', encoding="utf-8")
    result = _lexicon(project, "import-skos", str(source))
    summaries = sorted(e["de"].get("summary", "") for e in _entries(project).values())
    assert summaries == ["Ein Geldinstitut.", "Eine Sitzgelegenheit."], result.stdout
    assert _summary(result.stdout)[1:3] == (2, 0)


def test_skos_every_line_printed_is_located(tmp_path: Path) -> None:
    """Every finding one located line: nothing of rdflib's own logging reaches the reader."""
    project = _project(tmp_path)
    source = tmp_path / "space.rdf"
    source.write_text(
        '<?xml version="1.0"?>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns:skos="http://www.w3.org/2004/02/skos/core#">\n'
        '<skos:Concept rdf:about="http://example.org/a b"><skos:prefLabel xml:lang="de">Router'
        '</skos:prefLabel><skos:definition xml:lang="de">Ein Gerät.</skos:definition></skos:Concept>\n'
        "</rdf:RDF>\n", encoding="utf-8")
    result = _lexicon(project, "import-skos", str(source))
    assert result.returncode == 0, result.stdout
    assert result.stderr == ""



def test_skos_summary_counts_the_languages_it_left_out(tmp_path: Path) -> None:
    """The last line accounts for what was left out, as import-tbx's does."""
    project = _project(tmp_path)
    source = tmp_path / "haus.ttl"
    source.write_text('@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
                      '<http://e.org/haus> a skos:Concept ; skos:prefLabel "Haus"@de, "Huis"@nl ;\n'
                      '    skos:definition "Ein Gebäude."@de, "Een gebouw."@nl .\n', encoding="utf-8")
    result = _lexicon(project, "import-skos", str(source))
    assert any(" warning: " in line and "'nl'" in line for line in result.stdout.splitlines()), result.stdout
    left_out = re.search(r"; (\d+) language section\(s\) left out", result.stdout.strip().splitlines()[-1])
    assert left_out and int(left_out.group(1)) >= 1, result.stdout


# --- CSV ----------------------------------------------------------------------------------------
def test_csv_unclosed_quote_is_a_located_error_not_lost_rows(tmp_path: Path) -> None:
    """'An unreadable or malformed CSV' is one located error; no row disappears unaccounted."""
    project = _project(tmp_path)
    source = tmp_path / "glossary.de.csv"
    source.write_text('id,title,summary\nfoo,Foo,"Ein Ding.\nbar,Bar,Ein anderes Ding.\n', encoding="utf-8")
    result = _lexicon(project, "import-csv", str(source))
    written = _entries(project)
    assert "bar,Bar" not in (written.get("foo") or {}).get("de", {}).get("summary", "")
    assert result.returncode == 1
    assert any(line.startswith(f"{source}:2:") and " error: " in line for line in result.stdout.splitlines())


def test_csv_refused_header_still_accounts_for_its_rows(tmp_path: Path) -> None:
    """concepts = written + merged + skipped, and concepts is the file's rows."""
    project = _project(tmp_path)
    source = tmp_path / "glossary.de.csv"
    source.write_text("id,title,title,summary\nfoo,Foo,Bar,Ein Ding.\nbaz,Baz,Qux,Noch eins.\n",
                      encoding="utf-8")
    result = _lexicon(project, "import-csv", str(source))
    assert result.returncode == 1
    concepts, written, merged, skipped = _summary(result.stdout)
    assert (concepts, written + merged + skipped) == (2, 2)



def test_csv_rows_adding_a_language_are_accounted_for(tmp_path: Path) -> None:
    """concepts = written + merged + skipped, on the last line, also when a row adds a language."""
    project = _project(tmp_path)
    (project / "glossary" / "haus.yml").write_text("de:\n  title: Haus\n  summary: Ein Gebäude.\n",
                                                   encoding="utf-8")
    source = tmp_path / "glossary.da.csv"
    source.write_text("id,title,summary\nhaus,Hus,En bygning.\n", encoding="utf-8")
    result = _lexicon(project, "import-csv", str(source))
    assert result.returncode == 0, result.stdout
    haus = yaml.safe_load((project / "glossary" / "haus.yml").read_text(encoding="utf-8"))
    assert haus["da"]["title"] == "Hus"
    concepts, written, merged, skipped = _summary(result.stdout)
    assert (concepts, written + merged + skipped) == (1, 1)


def test_csv_an_overlong_id_refuses_its_row_only(tmp_path: Path) -> None:
    """A row's problem is that row's finding; the other concepts still come in and are counted."""
    project = _project(tmp_path)
    source = tmp_path / "glossary.de.csv"
    source.write_text(f"id,title,summary\ngut,Gut,Ein Ding.\n{'a' * 300},Lang,Ein anderes Ding.\n",
                      encoding="utf-8")
    result = _lexicon(project, "import-csv", str(source))
    assert (project / "glossary" / "gut.yml").is_file(), result.stdout + result.stderr
    assert not any(len(p.name) > 255 for p in (project / "glossary").iterdir())
    assert _summary(result.stdout) == (2, 1, 0, 1)



ROUND_TRIP_ENTRIES = {
    "no-break-space": 'de:\n  title: "Paragraf\u00a01"\n  summary: Ein Paragraf eines Gesetzes.\n',
    "body-without-line-end": "de:\n  title: Absatz\n  summary: Ein Teil eines Textes.\n"
                             "  body: |-\n    Ein Absatz ohne Zeilenende am Schluss.\n",
}


@pytest.mark.parametrize("name", sorted(ROUND_TRIP_ENTRIES))
def test_csv_round_trip_gives_the_same_file(tmp_path: Path, name: str) -> None:
    """README: export, import into an empty glossary, export again: the same files."""
    first = _project(tmp_path / "first")
    (first / "glossary" / "absatz.yml").write_text(ROUND_TRIP_ENTRIES[name], encoding="utf-8")
    assert _lexicon(first, "check").returncode == 0
    assert _lexicon(first, "export", "out").returncode == 0
    second = _project(tmp_path / "second")
    imported = _lexicon(second, "import-csv", str(first / "out" / "glossary.csv"))
    assert imported.returncode == 0, imported.stdout
    assert _lexicon(second, "export", "out").returncode == 0
    assert (second / "out" / "glossary.csv").read_bytes() == (first / "out" / "glossary.csv").read_bytes()


# --- terms, all formats -------------------------------------------------------------------------


def _tbx_concept(concept_id: str, term: str, definition: str, ref: str = "") -> str:
    return (f'<conceptEntry id="{concept_id}">{ref}<langSec xml:lang="de"><termSec><term>{term}</term>'
            f'</termSec><descrip type="definition">{definition}</descrip></langSec></conceptEntry>\n')


def test_refused_concept_is_reported_at_its_source_line(tmp_path: Path) -> None:
    """Findings name the source concept at its line and column, in file order."""
    project = _project(tmp_path)
    source = tmp_path / "terms.tbx"
    source.write_text(TBX_HEAD + _tbx_concept("c1", "Alpha", "Ein Ding.")
                      + _tbx_concept("c2", "Beta", "Mit \u202e im Text.") + TBX_TAIL, encoding="utf-8")
    result = _lexicon(project, "import-tbx", str(source))
    assert result.returncode == 1
    assert not (project / "glossary" / "beta.yml").exists()
    errors = [line for line in result.stdout.splitlines() if " error: " in line]
    assert errors and all(line.startswith(f"{source}:5:") and "'c2'" in line for line in errors), errors


def test_a_refusal_that_cascades_through_related_concepts_takes_linear_time(tmp_path: Path) -> None:
    """Bounded time: 1,000 concepts, each related to the next, the last one refused."""
    project = _project(tmp_path)
    count = 1000
    concepts = [_tbx_concept(f"kk{i}", f"Wort{i}", f"Bedeutung {i}.",
                             f'<ref type="crossReference" target="kk{i + 1}">x</ref>')
                for i in range(count - 1)]
    concepts.append(_tbx_concept(f"kk{count - 1}", "Letztes", "Mit \u202e darin."))
    source = tmp_path / "chain.tbx"
    source.write_text(TBX_HEAD + "".join(concepts) + TBX_TAIL, encoding="utf-8")
    try:
        result = _lexicon(project, "import-tbx", str(source), "--dry-run", timeout=15)
    except subprocess.TimeoutExpired:
        pytest.fail("1,000 concepts took more than 15 s")
    assert _summary(result.stdout)[0] == count
    assert _summary(result.stdout)[3] == 1, result.stdout  # the last one refused, the rest in



def test_tbx_merged_duplicate_id_loses_no_definition_silently(tmp_path: Path) -> None:
    """Merging keeps or reports: the second definition is in the entry or named in a finding."""
    project = _project(tmp_path)
    source = tmp_path / "dup.tbx"
    source.write_text(TBX_HEAD + _tbx_concept("dup", "Doppel", "Erste Bedeutung.")
                      + _tbx_concept("dup", "Anders", "Zweite Bedeutung.") + TBX_TAIL, encoding="utf-8")
    result = _lexicon(project, "import-tbx", str(source))
    assert result.returncode == 0, result.stdout
    entry = (project / "glossary" / "dup.yml").read_text(encoding="utf-8")
    reported = [line for line in result.stdout.splitlines()
                if line.startswith(f"{source}:5:") and "definition" in line]
    assert "Zweite Bedeutung." in entry or reported, result.stdout



@pytest.mark.parametrize("command,name,text", [
    ("import-csv", "glossary.csv", "id,de.title,de.summary,de.reviewed\nfoo,Foo,Ein Ding.,31.02.2026\n"
                                   "bar,Bar,Ein anderes Ding.,\n"),
    ("import-tbx", "terms.tbx", TBX_HEAD + _tbx_concept("c1", "2026-02-30", "Ein Datum, das es nicht gibt.")
     + _tbx_concept("bar", "Bar", "Ein anderes Ding.") + TBX_TAIL),
])
def test_an_impossible_date_is_a_finding_not_a_crash(tmp_path: Path, command: str, name: str,
                                                     text: str) -> None:
    """Bad input gets one located line naming the concept; the other concepts still come in."""
    project = _project(tmp_path)
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    result = _lexicon(project, command, str(source))
    assert "this is a bug" not in result.stdout + result.stderr
    assert (project / "glossary" / "bar.yml").is_file(), result.stdout + result.stderr
    concepts, written, merged, skipped = _summary(result.stdout)
    assert (concepts, written + merged + skipped) == (2, 2)



def test_tbx_homonym_of_an_existing_entry_gets_the_qualifier_it_announces(tmp_path: Path) -> None:
    """Homonyms come in with a qualifier from the subject field or the source concept id.

    (With the first concept alone, it is skipped as 'exists already': a homonym of an entry is
    refused, not qualified — the same title meets two different answers.)"""
    project = _project(tmp_path)
    shutil.copy(ROOT / "glossary" / "outsourcing.yml", project / "glossary" / "outsourcing.yml")
    source = tmp_path / "terms.tbx"
    source.write_text(TBX_HEAD + _tbx_concept("c77", "Outsourcing", "Eine andere Bedeutung.")
                      + _tbx_concept("outsourcing", "Auslagerung", "Noch eine.") + TBX_TAIL, encoding="utf-8")
    result = _lexicon(project, "import-tbx", str(source))
    assert "with the qualifier 'c77'" in result.stdout
    written = _entries(project)["outsourcing-c77"]
    assert written["de"].get("qualifier") == "c77", result.stdout



@pytest.mark.parametrize("definition", ["# steht für die Anzahl der Elemente.",
                                        "3. Generation des Mobilfunks, auf 2G folgend."])
def test_tbx_plain_definition_is_not_read_as_markdown(tmp_path: Path, definition: str) -> None:
    """The summary is 'one paragraph': a definition from a termbase stays a paragraph on the page."""
    project = _project(tmp_path)
    shutil.copytree(ROOT / "docs", project / "docs", ignore=without_articles)
    source = tmp_path / "terms.tbx"
    source.write_text(TBX_HEAD + _tbx_concept("mobilfunk", "Mobilfunk", definition) + TBX_TAIL,
                      encoding="utf-8")
    assert _lexicon(project, "import-tbx", str(source)).returncode == 0
    assert _lexicon(project, "render", "--out", "out", "--lang", "de").returncode == 0
    page = (project / "out" / "de" / "docs" / "terms" / "mobilfunk.md").read_text(encoding="utf-8")
    lead = page.split('class="lexikon-lead">', 1)[1].split("\n", 1)[0]  # a <p> (one paragraph) or a <div>
    assert not re.search(r"<(h\d|ol|ul)\b", lead), lead


# --- articles (lexicon import) ------------------------------------------------------------------
def test_article_with_a_long_run_of_spaces_imports_in_bounded_time(tmp_path: Path) -> None:
    """Bounded time: a text page with 20,000 spaces inside one line (a pasted table, say)."""
    project = _project(tmp_path)
    source = tmp_path / "leerzeichen.txt"
    source.write_text("Leerzeichen\n\nEin Leerzeichen trennt Wörter. Es ist unsichtbar.\n\n"
                      f"links{' ' * 20000}rechts\n", encoding="utf-8")
    try:
        result = _lexicon(project, "import", str(source), "--lang", "de", "--dry-run", timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("one line of 20,000 spaces took more than 20 s")
    assert result.returncode == 0, result.stdout + result.stderr


def test_article_drops_no_link_or_image_without_a_report_line(tmp_path: Path) -> None:
    """'Nothing is dropped without a line in the report.'"""
    project = _project(tmp_path)
    source = tmp_path / "proxy.html"
    source.write_text(
        '<!DOCTYPE html>\n<html lang="de">\n<head><title>Proxy</title></head>\n<body><main>\n<h1>Proxy</h1>\n'
        "<p>Ein Proxy ist ein Vermittler in einem Netzwerk. Er nimmt Anfragen entgegen.</p>\n"
        '<p>Mehr in der <a href="https://de.wikipedia.org/wiki/Proxy">Wikipedia</a> und im Bild '
        '<img src="https://example.org/p.png" alt="Schema eines Proxys">.</p>\n'
        "</main></body></html>\n", encoding="utf-8")
    result = _lexicon(project, "import", str(source), "--lang", "de")
    assert result.returncode == 0, result.stdout + result.stderr
    said = result.stdout + (project / "glossary" / "proxy.yml").read_text(encoding="utf-8")
    assert "https://de.wikipedia.org/wiki/Proxy" in said
    assert "Schema eines Proxys" in said


def test_article_keeps_real_content_that_starts_like_boilerplate(tmp_path: Path) -> None:
    """Boilerplate is 'known by its shape': a sentence of prose is not a meta line."""
    project = _project(tmp_path)
    source = tmp_path / "zeit.md"
    sentence = "Lesezeit: 4 Minuten heißt ein Buch über Zeitmanagement, das hier besprochen wird."
    source.write_text("# Zeitmanagement\n\nZeitmanagement plant die eigene Zeit. Es setzt Prioritäten.\n\n"
                      f"{sentence}\n", encoding="utf-8")
    result = _lexicon(project, "import", str(source), "--lang", "de")
    assert result.returncode == 0, result.stdout + result.stderr
    entry = _entries(project)["zeitmanagement"]
    assert sentence in entry["de"].get("body", "")


def test_article_in_the_other_language_than_lang_is_reported(tmp_path: Path) -> None:
    """A saved page says its language: taking Danish text in as German deserves one located line."""
    project = _project(tmp_path)
    source = tmp_path / "hukommelse.html"
    source.write_text(
        '<!DOCTYPE html>\n<html lang="da">\n<head><title>Hukommelse</title></head>\n<body><main>\n'
        "<h1>Hukommelse</h1>\n<p>Hukommelse er den del af en computer, der gemmer data. "
        "Den findes i mange former.</p>\n</main></body></html>\n", encoding="utf-8")
    result = _lexicon(project, "import", str(source), "--lang", "de")
    assert any(line.startswith(f"{source}:") and "'da'" in line for line in result.stdout.splitlines()), \
        result.stdout


def test_article_keeps_code_that_shows_a_tag(tmp_path: Path) -> None:
    """Code in prose is content: it stays as a code span (the check allows tags in backticks)."""
    project = _project(tmp_path)
    source = tmp_path / "skript.html"
    source.write_text(
        '<!DOCTYPE html>\n<html lang="de">\n<head><title>Skript</title></head>\n<body><main>\n'
        "<h1>Skript</h1>\n"
        "<p>Ein Skript ist ein kleines Programm. Es wird interpretiert.</p>\n"
        "<p>Im Browser steht es im Element <code>&lt;script&gt;</code> einer Seite.</p>\n"
        "</main></body></html>\n", encoding="utf-8")
    result = _lexicon(project, "import", str(source), "--lang", "de")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "`<script>`" in _entries(project)["skript"]["de"].get("body", "")


def test_article_title_is_never_only_the_site_suffix(tmp_path: Path) -> None:
    """The <title> counts 'without the site's name': nothing left means no title from it."""
    project = _project(tmp_path)
    source = tmp_path / "seite.html"
    source.write_text(
        '<!DOCTYPE html>\n<html lang="de">\n<head><title> | IT-Lexikon</title></head>\n<body><main>\n'
        "<p>Ein Skript ist ein kleines Programm. Es wird interpretiert.</p>\n<p>Mehr dazu.</p>\n"
        "</main></body></html>\n", encoding="utf-8")
    result = _lexicon(project, "import", str(source), "--lang", "de")
    titles = [entry["de"]["title"] for entry in _entries(project).values()]
    assert not any("IT-Lexikon" in title or "|" in title for title in titles), result.stdout


def test_tbx_contradicting_maps_are_bad_usage(tmp_path: Path) -> None:
    """Exit 2 for bad usage: one source language cannot be two of the site's."""
    project = _project(tmp_path)
    source = tmp_path / "house.tbx"
    source.write_text(TBX_HEAD.replace('xml:lang="de"', 'xml:lang="en"')
                      + _tbx_concept("house", "House", "A building.").replace('"de"', '"en"') + TBX_TAIL,
                      encoding="utf-8")
    result = _lexicon(project, "import-tbx", str(source), "--map", "en=de", "--map", "en=da")
    assert result.returncode == 2, result.stdout
    assert _entries(project) == {}


def test_article_never_writes_an_entry_the_check_refuses_for_its_id(tmp_path: Path) -> None:
    """'Index' is an everyday IT term; its page would replace the generated A–Z index."""
    project = _project(tmp_path)
    source = tmp_path / "index.txt"
    source.write_text("Index\n\nEin Index ist ein Verzeichnis. Er hilft beim Suchen.\n", encoding="utf-8")
    result = _lexicon(project, "import", str(source), "--lang", "de")
    if result.returncode == 0:
        assert _lexicon(project, "check").returncode == 0, result.stdout
    else:
        assert _entries(project) == {}


# --- found on the way (not interchange): the history behind the feeds and stale translations -----
def test_a_deleted_entry_in_git_history_does_not_crash_stats(tmp_path: Path) -> None:
    """Deleting an entry is an everyday edit; the history it leaves must not break the tools."""
    project = _project(tmp_path)
    (project / "glossary" / "weg.yml").write_text("de:\n  title: Weg\n  summary: Wird gelöscht.\n",
                                                  encoding="utf-8")
    (project / "glossary" / "bleibt.yml").write_text("de:\n  title: Bleibt\n  summary: Bleibt da.\n",
                                                     encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    for step in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "a"], ["rm", "-q", "glossary/weg.yml"],
                 ["commit", "-qm", "b"]):
        subprocess.run([*git, *step], cwd=project, check=True, capture_output=True)
    result = _lexicon(project, "stats")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name,text", [
    ("datum.txt", "2026-02-30\n\nEin Datum, das es nicht gibt. Es ist falsch.\n"),
    ("datum.md", "---\ntitle: Datum\ndescription: 2026-02-30\n---\nEin Datum. Es ist falsch.\n"),
])
def test_article_with_an_impossible_date_is_not_a_bug(tmp_path: Path, name: str, text: str) -> None:
    """'Every command reports a failure as one line, path[:line:col]: error: …' — never a crash."""
    project = _project(tmp_path)
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    result = _lexicon(project, "import", str(source), "--lang", "de", "--id", "datum")
    output = result.stdout + result.stderr
    assert "this is a bug" not in output
    assert result.returncode == 0 or any(line.startswith(f"{source}") for line in output.splitlines())


@pytest.mark.parametrize("sentence", [
    "Wir verwenden Cookies in diesem Beispiel, um zu zeigen, wie ein Warenkorb erhalten bleibt.",
    "Newsletter abonnieren Nutzer oft nur, weil ein Banner sie dazu auffordert; das zeigen Studien.",
    "Cookie-Hinweis nennt man das Fenster, das beim ersten Besuch nach der Einwilligung fragt.",
])
def test_article_about_cookies_keeps_its_sentences(tmp_path: Path, sentence: str) -> None:
    """A banner line is short and alone; a sentence that goes on to explain is content."""
    project = _project(tmp_path)
    source = tmp_path / "cookie.md"
    source.write_text("# Cookie\n\nEin Cookie ist eine kleine Textdatei im Browser. Sie dient der "
                      f"Wiedererkennung.\n\n{sentence}\n", encoding="utf-8")
    result = _lexicon(project, "import", str(source), "--lang", "de")
    assert result.returncode == 0, result.stdout + result.stderr
    assert sentence in _entries(project)["cookie"]["de"].get("body", "")

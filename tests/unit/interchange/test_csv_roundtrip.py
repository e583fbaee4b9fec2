"""CSV both ways with everything (issue 16, point 3): ``glossary.csv`` gives every entry back
field by field, the per-language files add their language to entries that exist, and an
export after the import writes the same bytes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lexikon.check.pipeline import run
from lexikon.cli.main import main
from lexikon.core.model import Glossary
from lexikon.core.queries import published
from lexikon.core.settings import Settings, make_settings
from lexikon.interchange import export
from lexikon.interchange.csv_format import glossary_all_csv, import_csv, run_import_csv
from lexikon.interchange.csv_merge import write_added
from lexikon.interchange.term_files import write_terms
from tests.support.constants import FIXTURES, LANGS, LANGUAGES, ROOT

SITE = "https://example.org/lexikon/"
GLOSSARIES = {"csv": FIXTURES / "csv", "site": ROOT, "terminology": FIXTURES / "terminology",
              "export": FIXTURES / "export"}
CSV_FILES = ("glossary.csv", *(f"glossary.{lang}.csv" for lang in LANGS))


def checked(project: Path) -> tuple[Glossary, Settings]:
    settings = make_settings(project, LANGUAGES, None)
    result = run(settings, cache=False)  # the fixtures are read-only ground
    assert not result.errors, result.errors
    return result.glossary, settings


def empty_project(root: Path, tags_from: Path) -> Settings:
    """A project without entries, with the tag file of ``tags_from`` (a project folder)."""
    (root / "glossary").mkdir(parents=True)
    shutil.copy(tags_from / "glossary" / "_tags.yml", root / "glossary" / "_tags.yml")
    return make_settings(root, LANGUAGES, None)


def exported(glossary: Glossary, settings: Settings, target: Path, delimiter: str = ",") -> dict[str, bytes]:
    export.write_exports(glossary, settings, export.page_url_of(settings, SITE), target, scheme_iri=SITE,
                         delimiter=delimiter)
    return {name: (target / name).read_bytes() for name in CSV_FILES}


def imported(source: Path, settings: Settings, lang: str | None = None):
    result = import_csv(source, lang, settings)
    assert not result.errors, [str(f) for f in result.errors]
    write_terms(result, settings)
    _, problems = write_added(result.added, settings)
    assert not problems
    return result


@pytest.mark.parametrize("name", sorted(GLOSSARIES))
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_glossary_csv_round_trip(name: str, delimiter: str, tmp_path: Path) -> None:
    """Export, import into an empty glossary, export again: the same CSV bytes, the same entries."""
    glossary, settings = checked(GLOSSARIES[name])
    first = exported(glossary, settings, tmp_path / "first", delimiter)
    assert first["glossary.csv"].split(b"\r\n")[0].startswith(f"\ufeffid{delimiter}tags".encode())
    target = empty_project(tmp_path / "project", GLOSSARIES[name])
    result = imported(tmp_path / "first" / "glossary.csv", target)
    assert {f.message for f in result.findings if f.path.endswith(".csv")} <= {
        f"column '{lang}.url' is not used (an entry has no field for it)" for lang in LANGS}
    again, _ = checked(target.project_dir)
    original = published(glossary).entries
    assert list(again.entries) == list(original)
    for entry_id, entry in original.items():
        assert again.entries[entry_id] == entry, entry_id  # every field (spans aside)
    assert exported(again, target, tmp_path / "second", delimiter) == first


def test_every_field_survives(tmp_path: Path) -> None:
    """The fixture's hard cases, one by one, after the round trip (not only "equal")."""
    glossary, settings = checked(FIXTURES / "csv")
    target = empty_project(tmp_path / "project", FIXTURES / "csv")
    text = glossary_all_csv(glossary, export.page_url_of(settings))  # the whole glossary, drafts too
    (tmp_path / "all.csv").write_text(text, encoding="utf-8")
    imported(tmp_path / "all.csv", target)
    back, _ = checked(target.project_dir)
    de = back.entries["rechenzentrum"].texts["de"]
    assert de.aliases == ("RZ-Gebäude; Serverraum", "C:\\Rechner\\", "=Datacenter", "Halle \\; \\\\ 3")
    assert de.deprecated == ("Serverfarm; alt",) and de.qualifier == "IT" and de.reviewed == "2026-11-30"
    assert [(s.title, s.url) for s in de.sources][1] == ("BSI; Grundschutz", "https://www.bsi.bund.de/a?b=1&c=2")
    assert [(c.text, c.source) for c in de.context] == [
        ("Das Rechenzentrum in Frankfurt ist ausgefallen.", "https://example.org/news?id=1;x=2"),
        ("Ohne Quelle; mit Semikolon.", None), ("Sie sagte: 3 > 2 und 1 < 2.", "Bericht <2025>")]
    assert "+ Kühlung, siehe [[kuehlung]]\n" in de.body
    assert back.entries["entwurf"].draft  # glossary_all_csv of the whole glossary carries drafts
    assert back.entries["rechenzentrum"].broader == ("infrastruktur",)
    assert "da" not in back.entries["kuehlung"].texts


def test_alias_with_semicolon_in_the_per_language_file(tmp_path: Path) -> None:
    """The issue's case: an alias holding ``;`` came back as two aliases."""
    glossary, settings = checked(FIXTURES / "csv")
    files = exported(glossary, settings, tmp_path / "out")
    assert b'"RZ-Geb\xc3\xa4ude\\; Serverraum; C:\\Rechner\\\\; ' in files["glossary.de.csv"]
    target = empty_project(tmp_path / "project", FIXTURES / "csv")
    imported(tmp_path / "out" / "glossary.de.csv", target, "de")
    back, _ = checked(target.project_dir)
    aliases = glossary.entries["rechenzentrum"].texts["de"].aliases
    assert back.entries["rechenzentrum"].texts["de"].aliases == aliases


def test_german_then_danish_file_gives_both_languages(tmp_path: Path) -> None:
    """Each language's file imported after the other's adds its block to the entries the first
    made; the German bytes of each file stay as the first import wrote them."""
    glossary, settings = checked(ROOT)
    exported(glossary, settings, tmp_path / "out")
    target = empty_project(tmp_path / "project", ROOT)
    imported(tmp_path / "out" / "glossary.de.csv", target)  # the language from the file name
    german = {path.name: path.read_bytes() for path in target.glossary_dir.glob("*.yml")}
    result = imported(tmp_path / "out" / "glossary.da.csv", target)
    assert sorted(result.added) == sorted(glossary.entries) and result.entries == {}
    back, _ = checked(target.project_dir)
    for entry_id, entry in glossary.entries.items():
        assert list(back.entries[entry_id].texts) == ["de", "da"]
        assert back.entries[entry_id].texts["da"].title == entry.texts["da"].title
        assert (target.glossary_dir / f"{entry_id}.yml").read_bytes().startswith(german[f"{entry_id}.yml"])


def test_a_language_the_entry_has_is_a_conflict(tmp_path: Path) -> None:
    glossary, settings = checked(ROOT)
    exported(glossary, settings, tmp_path / "out")
    target = empty_project(tmp_path / "project", ROOT)
    imported(tmp_path / "out" / "glossary.de.csv", target)
    before = {path.name: path.read_bytes() for path in target.glossary_dir.glob("*.yml")}
    result = import_csv(tmp_path / "out" / "glossary.de.csv", None, target)
    assert result.added == {} and result.entries == {}
    assert sorted(result.conflicts) == sorted(glossary.entries)
    assert [f.message.split(":")[0] for f in result.errors] == [
        f"the entry '{entry_id}' exists already, with a 'de' text" for entry_id in glossary.entries]
    assert {path.name: path.read_bytes() for path in target.glossary_dir.glob("*.yml")} == before


def test_glossary_csv_into_its_own_glossary_is_one_conflict_a_row(tmp_path: Path) -> None:
    glossary, settings = checked(FIXTURES / "csv")
    exported(glossary, settings, tmp_path / "out")
    result = import_csv(tmp_path / "out" / "glossary.csv", None, settings)
    assert result.entries == {} and result.added == {}
    assert [(f.line, f.message.split(":")[0]) for f in result.errors] == [
        (2, "the entry 'infrastruktur' exists already, with 'de' and 'da' texts"),
        (3, "the entry 'kuehlung' exists already, with a 'de' text"),
        (4, "the entry 'rechenzentrum' exists already, with 'de' and 'da' texts")]


def test_a_row_adds_only_what_is_missing(tmp_path: Path) -> None:
    """glossary.csv into a glossary with German-only entries: Danish added, German a conflict,
    one finding each; the entry's own tags are kept (a note says the row's differ)."""
    target = empty_project(tmp_path / "project", FIXTURES / "csv")
    entry = "tags: [it]\nde:  # German, by hand\n  title: Kühlung\n  summary: Führt Wärme ab.\n"
    (target.glossary_dir / "kuehlung.yml").write_text(entry, encoding="utf-8")
    source = tmp_path / "rows.csv"
    source.write_text("id,tags,de.title,de.summary,da.title,da.summary\r\n"
                      "kuehlung,betrieb,Kühlung,Anders.,køling,Fører varmen væk.\r\n", encoding="utf-8")
    result = import_csv(source, None, target)
    messages = [f"{f.line}:{f.severity.value}: {f.message}" for f in result.findings]
    conflict = "2:error: the entry 'kuehlung' exists already, with a 'de' text"
    assert any(m.startswith(conflict) for m in messages)
    assert any(m.startswith("2:note: the entry 'kuehlung' exists: its tags stay") for m in messages)
    write_added(result.added, target)
    text = (target.glossary_dir / "kuehlung.yml").read_text(encoding="utf-8")
    assert text.startswith(entry) and "da:\n  title: køling\n" in text


def test_added_language_keeps_bom_line_ends_and_comments(tmp_path: Path) -> None:
    target = empty_project(tmp_path / "project", FIXTURES / "csv")
    entry = "\ufeff# hand\r\nde:\r\n  title: Kühlung  # the word\r\n  summary: Führt Wärme ab.\r\n".encode()
    (target.glossary_dir / "kuehlung.yml").write_bytes(entry)
    source = tmp_path / "glossary.da.csv"
    source.write_bytes("id;title;summary\r\nkuehlung;køling;Fører varmen væk.\r\n".encode())
    result = import_csv(source, None, target)
    assert not result.errors and list(result.added) == ["kuehlung"]
    write_added(result.added, target)
    data = (target.glossary_dir / "kuehlung.yml").read_bytes()
    assert data == entry + "da:\r\n  title: køling\r\n  summary: >-\r\n    Fører varmen væk.\r\n".encode()


def test_cli_import_and_export_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    """``--lang`` is optional, one line per entry a language was added to; ``--delimiter``."""
    root = tmp_path / "project"
    empty_project(root, ROOT)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    glossary, settings = checked(ROOT)
    exported(glossary, settings, root / "in")
    monkeypatch.chdir(root)
    assert main(["import-csv", "in/glossary.de.csv"]) == 0
    assert main(["import-csv", "in/glossary.da.csv", "--lang", "da"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line for line in out if line.startswith("added")] == [
        f"added da to glossary/{entry_id}.yml" for entry_id in glossary.entries]
    assert main(["export", "out", "--delimiter", "tab"]) == 0
    assert (root / "out" / "glossary.csv").read_bytes().startswith(b"\xef\xbb\xbfid\ttags\trelated\t")
    assert (root / "out" / "glossary.da.csv").read_bytes().startswith(b"\xef\xbb\xbfid\ttitle\t")
    assert main(["export", "comma"]) == 0
    assert (root / "comma" / "glossary.csv").read_bytes().startswith(b"\xef\xbb\xbfid,tags,related,")
    with pytest.raises(SystemExit):
        main(["export", "x", "--delimiter", "|"])


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    glossary, settings = checked(ROOT)
    exported(glossary, settings, tmp_path / "out")
    target = empty_project(tmp_path / "project", ROOT)
    imported(tmp_path / "out" / "glossary.de.csv", target)
    before = {path.name: path.read_bytes() for path in target.glossary_dir.glob("*.yml")}

    class Out(list):
        write = list.append

    out = Out()
    assert run_import_csv(target, tmp_path / "out" / "glossary.da.csv", None, dry_run=True, out=out) == 0
    assert "dry run: would add languages to 3 entries; nothing written\n" in out
    assert {path.name: path.read_bytes() for path in target.glossary_dir.glob("*.yml")} == before

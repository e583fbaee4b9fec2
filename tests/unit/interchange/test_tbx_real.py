"""``lexicon import-tbx`` on termbases as people have them (issue 16, point 1): the LTAC
samples in DCA and DCT style, files in the shapes of the Microsoft Terminology Collection,
SDL MultiTerm, TBX-Core DCT, Translate Toolkit and CRITI, and a generated file of several
hundred concepts written on one line (``tests/fixtures/termbases/``, README there).

Each imports with every concept accounted for in the summary line; two have golden findings
(``LEXIKON_REGEN=1`` rewrites them, see ``tests/support/golden.py``). Then the rules one by
one: language tags and ``--map``, definitions at concept, language and term level, drafts,
homonyms, merged ids, findings that name the concept at its line and column, in source order.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from lexikon.check.pipeline import run
from lexikon.core.model import Severity
from lexikon.interchange.languages import MapProblem, language_map
from lexikon.interchange.tbx import import_tbx, run_import_tbx
from lexikon.interchange.tbx.languages import Languages
from lexikon.interchange.term_files import write_terms
from tests.support.constants import FIXTURES, ROOT
from tests.support.exports import settings_for
from tests.support.golden import golden_text

TERMBASES = FIXTURES / "termbases"
MAPS = {
    "Example_Astronomy_DCA_VALID.tbx": {"en": "de", "es": "da"},
    "Example_Astronomy_DCT_VALID.tbx": {"en": "de", "es": "da"},
    "microsoft-collection.tbx": {"en-us": "de"},
}
SUMMARY = re.compile(
    r"^(?P<concepts>\d+) concepts: (?P<written>\d+) entries (?:written|to write) \((?P<drafts>\d+) drafts\), "
    r"(?P<merged>\d+) merged, (?P<skipped>\d+) skipped(?: \((?P<reasons>[^)]*)\))?; "
    r"(?P<languages>\d+) language section\(s\) left out$")
ENTRY = re.compile(rb"<(?:[\w-]+:)?(?:termEntry|conceptEntry)[\s>]")
FILES = sorted(path.name for path in TERMBASES.glob("*.tbx"))
ONE_LINE = TERMBASES / "generated-one-line.tbx"


def project(folder: Path, tags: bool = False) -> Path:
    """An empty glossary (with the site's tags, ``tags``) in ``folder``."""
    (folder / "glossary").mkdir(parents=True)
    if tags:
        shutil.copy(ROOT / "glossary" / "_tags.yml", folder / "glossary" / "_tags.yml")
    return folder


def imported(name: str, folder: Path, dry_run: bool = True, tags: bool = False) -> tuple[int, list[str]]:
    """``import-tbx`` of a fixture into an empty project: exit code and output lines."""
    settings = settings_for(project(folder, tags))
    out = io.StringIO()
    code = run_import_tbx(settings, TERMBASES / name, dry_run=dry_run, out=out, maps=MAPS.get(name))
    return code, out.getvalue().splitlines()


def summary(lines: list[str]) -> dict[str, int | str]:
    match = SUMMARY.match(lines[-1])
    assert match, f"the last line is not the summary: {lines[-1]!r}"
    return {key: (value if key == "reasons" else int(value)) for key, value in match.groupdict("").items()}


@pytest.mark.parametrize("name", FILES)
def test_every_concept_is_accounted_for(name: str, tmp_path: Path) -> None:
    code, lines = imported(name, tmp_path)
    counts = summary(lines)
    assert counts["concepts"] == len(ENTRY.findall((TERMBASES / name).read_bytes()))
    assert counts["concepts"] == counts["written"] + counts["merged"] + counts["skipped"]
    files = [line for line in lines if line.startswith("--- glossary/") and "_tags" not in line]
    assert counts["written"] == len(files)
    assert counts["written"] > counts["concepts"] // 2
    assert "Traceback" not in "\n".join(lines) and code in (0, 1)


@pytest.mark.parametrize("name", ["Example_Astronomy_DCA_VALID.tbx", "multiterm.tbx"])
def test_golden_findings(name: str, tmp_path: Path) -> None:
    _, lines = imported(name, tmp_path)
    shown = [line.replace(str(TERMBASES) + "/", "") for line in lines
             if not line.startswith(("---", " ", "#")) and not re.match(r"^[\w-]+:( |$)", line)]
    expected = TERMBASES / name.replace(".tbx", ".expected.txt")
    assert "\n".join(shown) + "\n" == golden_text(expected, "\n".join(shown) + "\n")


def test_dca_and_dct_styles_give_the_same_entries(tmp_path: Path) -> None:
    names = [f"Example_Astronomy_{style}_VALID.tbx" for style in ("DCA", "DCT")]
    results = [import_tbx(TERMBASES / name, settings_for(project(tmp_path / name)), MAPS[name])
               for name in names]
    assert len(results[0].entries) > 30 and results[0].entries == results[1].entries
    open_cluster = yaml.safe_load(results[1].entries["open-cluster"])
    assert open_cluster["de"]["summary"] == "A group of stars formed together in the spiral arms of a galaxy."
    assert open_cluster["de"]["pos"] == "noun" and open_cluster["de"]["context"]
    assert open_cluster["tags"] == ["general"]


@pytest.mark.parametrize(("tag", "lang"), [("de-DE", "de"), ("de_AT", "de"), ("DE-de", "de"), ("da-DK", "da"),
                                           ("DA", "da"), ("en-US", None), ("", None)])
def test_language_tags_count_by_their_primary_subtag(tag: str, lang: str | None) -> None:
    assert Languages(("de", "da")).resolve(tag) == lang


def test_map_relabels_a_language_or_one_region_of_it() -> None:
    languages = Languages(("de", "da"), language_map(["en=de", "es-ES=da"], ["de", "da"]))
    assert [languages.resolve(tag) for tag in ("en", "en-GB", "EN_us", "es-ES", "es-MX")] == [
        "de", "de", "de", "da", None]
    for bad in ("en", "en=fr", "=de"):
        with pytest.raises(MapProblem, match="--map"):
            language_map([bad], ["de", "da"])


def test_map_on_the_command_line(tmp_path: Path) -> None:
    folder = project(tmp_path / "p")
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    command = [sys.executable, "-m", "lexikon.cli", "import-tbx",
               str(TERMBASES / "microsoft-collection.tbx"), "--dry-run"]
    done = subprocess.run([*command, "--map", "en-US=de"], cwd=folder, capture_output=True, text=True)
    assert done.returncode == 0 and "7 concepts: 7 entries to write" in done.stdout, done.stderr
    bad = subprocess.run([*command, "--map", "en-US=fr"], cwd=folder, capture_output=True, text=True)
    assert bad.returncode == 2 and "--map 'en-US=fr': 'fr' is not a language of the site" in bad.stderr
    unmapped = subprocess.run(command, cwd=folder, capture_output=True, text=True)
    assert unmapped.stdout.count("language 'en-US' is not one of the site's") == 1
    assert "left out of 7 concept(s) (the first: concept 'MS-1001' (line 14)); map it to one with " \
           "--map en-US=de" in unmapped.stdout


def test_an_unmapped_language_is_one_finding_with_its_count(tmp_path: Path) -> None:
    _, lines = imported("criti-like.tbx", tmp_path)
    left_out = [line for line in lines if "is not one of the site's" in line]
    assert [line.split(": warning: ")[1].split(":")[0] for line in left_out] == [
        f"language '{tag}' is not one of the site's (de, da)" for tag in ("fr-BE", "nl-BE", "en")]
    assert "left out of 3 concept(s)" in left_out[0] and "left out of 2 concept(s)" in left_out[1]
    assert summary(lines)["languages"] == 6


def entries_of(name: str, folder: Path) -> dict[str, dict]:
    result = import_tbx(TERMBASES / name, settings_for(project(folder)), MAPS.get(name))
    return {entry_id: yaml.safe_load(text) for entry_id, text in result.entries.items()}


def test_definitions_of_the_whole_concept_go_to_their_language(tmp_path: Path) -> None:
    dct = entries_of("core-dct.tbx", tmp_path / "dct")
    assert dct["firewall"]["de"]["summary"].startswith("Definition des ganzen")  # the file's language
    assert dct["firewall"]["da"]["summary"] == "Et filter for netværkstrafik."  # its own stays
    criti = entries_of("criti-like.tbx", tmp_path / "criti")
    assert criti["genehmigung"]["de"]["summary"].startswith("Handlung, mit der")  # xml:lang="de" on it
    assert "summary" not in criti["erlass"]["de"] and criti["erlass"]["draft"] is True  # French: not taken


def test_a_definition_without_any_language_goes_to_every_language_without_one(tmp_path: Path) -> None:
    source = tmp_path / "x.tbx"
    source.write_text('<martif><text><body><termEntry id="c1"><descrip type="definition">Für alle.</descrip>'
                      '<langSet xml:lang="de"><tig><term>Alle</term></tig></langSet>'
                      '<langSet xml:lang="da"><descrip type="definition">Egen.</descrip>'
                      "<tig><term>alle</term></tig></langSet></termEntry></body></text></martif>",
                      encoding="utf-8")
    result = import_tbx(source, settings_for(project(tmp_path / "p")))
    entry = yaml.safe_load(result.entries["alle"])
    assert (entry["de"]["summary"], entry["da"]["summary"]) == ("Für alle.", "Egen.") and "draft" not in entry
    assert any("no language given: every language without a definition of its own" in f.message
               for f in result.findings)


def test_term_level_definitions_become_the_summary_once(tmp_path: Path) -> None:
    entries = entries_of("multiterm.tbx", tmp_path)
    assert entries["bank-moebel"]["de"]["summary"] == "Ein Sitzmöbel für mehrere Personen."
    assert entries["bank-finanzen"]["da"]["summary"] == "En virksomhed, der opbevarer og låner penge ud."
    assert entries["bank-finanzen"]["de"]["summary"].startswith("Ein Unternehmen")  # the language's own first
    _, lines = imported("multiterm.tbx", tmp_path / "again")
    second = "left out a second definition in 'de' (given with the term 'Sitzbank')"
    assert any(second in line for line in lines)


def test_concepts_without_a_definition_come_in_as_drafts_and_pass_the_check(tmp_path: Path) -> None:
    settings = settings_for(project(tmp_path))
    result = import_tbx(TERMBASES / "translate-toolkit.tbx", settings)
    assert sorted(result.entries) == ["datei-1", "datei-5", "drucker", "ordner", "speichern"]
    assert all("draft: true\n" in text and "summary" not in text for text in result.entries.values())
    assert result.counts.drafts == 5
    written, problems = write_terms(result, settings)
    assert problems == [] and len(written) == 5
    back = run(settings, cache=False)
    assert not back.errors and all(entry.draft for entry in back.glossary.entries.values())


def test_a_draft_is_not_a_refusal(tmp_path: Path) -> None:
    code, lines = imported("microsoft-collection.tbx", tmp_path)
    assert code == 0 and summary(lines)["drafts"] == 7


def test_languages_and_concepts_without_a_term(tmp_path: Path) -> None:
    code, lines = imported("core-dct.tbx", tmp_path)
    assert any(":45:9: warning: concept 'c3' (line 44): no term in 'de': the language is left out" in line
               for line in lines)
    assert any(":44:7: error: concept 'c3' (line 44): no term in any of the site's languages" in line
               for line in lines)
    assert code == 1 and summary(lines)["reasons"] == "1 without a term"


def test_homonyms_get_distinct_ids_and_qualifiers_and_pass_the_check(tmp_path: Path) -> None:
    settings = settings_for(project(tmp_path))
    result = import_tbx(TERMBASES / "multiterm.tbx", settings)
    finance, furniture = (yaml.safe_load(result.entries[i]) for i in ("bank-finanzen", "bank-moebel"))
    assert (finance["de"]["qualifier"], furniture["de"]["qualifier"]) == ("Finanzen", "Möbel")
    assert "qualifier" not in finance["da"]  # "bank" and "bænk": not shared
    write_terms(result, settings)
    back = run(settings, cache=False)
    assert not back.errors and not [f for f in back.findings if "is also the title of" in f.message]


def test_homonyms_without_a_subject_field_are_told_apart_by_their_source_ids(tmp_path: Path) -> None:
    entries = entries_of("microsoft-collection.tbx", tmp_path)
    qualifiers = {entries[i]["de"]["qualifier"] for i in ("window-ms-1006", "window-ms-1007")}
    assert qualifiers == {"MS-1006", "MS-1007"}


def test_a_concept_id_written_twice_is_merged(tmp_path: Path) -> None:
    entries = entries_of("multiterm.tbx", tmp_path / "a")
    assert (entries["zins"]["de"]["title"], entries["zins"]["da"]["title"]) == ("Zins", "rente")
    assert entries["zins"]["de"]["gender"] == "m"
    _, lines = imported("multiterm.tbx", tmp_path / "b")
    assert summary(lines)["merged"] == 1
    assert any(":53:7: note: concept '_3' (line 53): the id comes again (first at line 41, column 7)" in line
               for line in lines)


def test_findings_of_a_one_line_file_are_located_and_in_source_order(tmp_path: Path) -> None:
    text = ONE_LINE.read_text(encoding="utf-8")
    assert "\n" not in text
    result = import_tbx(ONE_LINE, settings_for(project(tmp_path, tags=True)))
    ours = [f for f in result.findings if f.path == str(ONE_LINE)]
    assert len(ours) > 50 and {f.line for f in ours} == {1}
    assert [(f.line, f.col) for f in ours] == sorted((f.line, f.col) for f in ours)
    assert len({f.col for f in ours if f.message.startswith("concept ")}) > 40
    for finding in ours:  # each at its element, naming its concept
        assert text[finding.col - 1] == "<", finding
        assert "concept '" in finding.message, finding
    merged = [f for f in ours if "the id comes again" in f.message]
    assert merged and all(text[f.col - 1:].startswith('<termEntry id="') for f in merged)
    assert all(f"concept '{text[f.col + 14:f.col + 20]}'" in f.message for f in merged)


def test_the_one_line_file_is_what_its_generator_writes() -> None:
    sys.path.insert(0, str(TERMBASES))
    try:
        import generate  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(TERMBASES))
    text, count = generate.document()
    assert text == ONE_LINE.read_text(encoding="utf-8") and 300 <= count < 1000
    assert len(text.encode()) < 300_000


def test_the_one_line_file_accounts_for_homonyms_drafts_merges_and_skips(tmp_path: Path) -> None:
    code, lines = imported("generated-one-line.tbx", tmp_path, tags=True)
    counts = summary(lines)
    assert counts["merged"] == 6 and counts["reasons"] == "4 without a term"
    assert counts["drafts"] > 50 and counts["languages"] > 300
    assert code == 1  # the English-only concepts were refused
    assert sum("2 concepts have the id" in line for line in lines) == 24
    assert not [line for line in lines if ": error: " in line and "no term in any" not in line]
    assert all(f.severity is not Severity.ERROR or "no term" in f.message
               for f in import_tbx(ONE_LINE, settings_for(project(tmp_path / "again", True))).findings)


def test_a_qualifier_from_a_subject_field_is_its_tag_label_in_each_language(tmp_path: Path) -> None:
    result = import_tbx(ONE_LINE, settings_for(project(tmp_path, tags=True)))
    strategy = yaml.safe_load(result.entries["datenvertrag-strategie"])
    business = yaml.safe_load(result.entries["datenvertrag-betriebswirtschaft"])
    assert (strategy["de"]["qualifier"], strategy["da"]["qualifier"]) == ("Strategie", "Strategi")
    assert (business["de"]["qualifier"], business["da"]["qualifier"]) == ("Betriebswirtschaft", "Erhverv")
    assert strategy["tags"] == ["strategy"] and business["tags"] == ["business"]

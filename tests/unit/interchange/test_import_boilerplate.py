"""``lexicon import`` (issue 16, point 4): boilerplate known by its shape with each language's
phrases in the locale files, the real title behind a page's title for search engines, a
summary that is never the title, and ``##Højdepunkter`` in plain text.

The two pages of the issue are here as they were tried: a German Markdown page and a Danish
plain-text page saved from the web.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from lexikon.check.pipeline import run
from lexikon.core.locale import load_locale
from lexikon.core.model import Severity
from lexikon.core.settings import make_settings
from lexikon.interchange.article import ImportResult, import_article, write_import
from lexikon.interchange.article import boilerplate as boilerplate_module
from lexikon.interchange.article.boilerplate import Boilerplate
from tests.support.constants import FIXTURES, LANGS, LANGUAGES, ROOT
from tests.support.project import copy_project

GERMAN_PAGE = """\
---
title: "Offshoring – Definition, Vorteile & Nachteile | IT-Lexikon"
---
Startseite › Lexikon › O › Offshoring

# Offshoring

Lesezeit: 4 Minuten

Offshoring ist die Verlagerung von Aufgaben in ein weit entferntes Land. Ziel sind meist geringere Kosten.

Anzeige

## Das könnte Sie auch interessieren:

Das könnte Sie auch interessieren: [Nearshoring](/lexikon/nearshoring), [Outsourcing](/lexikon/outsourcing)

## Vorteile

Die Personalkosten sinken deutlich, und Fachkräfte sind leichter zu finden.

Teilen: LinkedIn | XING

Jetzt zum Newsletter anmelden und nichts verpassen!

Wir verwenden Cookies, um unsere Website für Sie zu verbessern.
"""

DANISH_PAGE = """\
Offshoring – Definition og eksempler | Erhvervsordbogen
Forside > Ordbog > Offshoring
Offshoring
Offshoring er, når en virksomhed flytter opgaver til et land langt væk for at spare penge.
3 min. læsetid
Læs også: Outsourcing, Nearshoring
Del på Facebook
Tilmeld dig vores nyhedsbrev
Vi bruger cookies for at give dig en bedre oplevelse.
Annonce
##Højdepunkter
- Opgaverne flyttes til et fjernt land.
- Det sparer lønomkostninger.
"""


def _glossary(tmp_path: Path) -> Path:
    glossary = tmp_path / "project" / "glossary"
    if not glossary.exists():
        shutil.copytree(FIXTURES / "import" / "glossary", glossary)
    return glossary


def _import(text: str, name: str, lang: str, tmp_path: Path) -> ImportResult:
    return import_article(text, name, lang, glossary_dir=_glossary(tmp_path), languages=LANGS)


def _written(result: ImportResult) -> str:
    block = result.block
    return "\n".join([block["title"], block.get("summary", ""), block.get("body", ""),
                      *block.get("highlights", ())])


@pytest.mark.parametrize(("text", "name", "lang"), [(GERMAN_PAGE, "offshoring.md", "de"),
                                                    (DANISH_PAGE, "offshoring.txt", "da")])
def test_the_pages_of_the_issue(text: str, name: str, lang: str, tmp_path: Path) -> None:
    result = _import(text, name, lang, tmp_path)
    assert (result.entry_id, result.block["title"]) == ("offshoring", "Offshoring")
    written = _written(result)
    for debris in ("Startseite", "Forside", "Lesezeit", "læsetid", "Anzeige", "Annonce",
                   "interessieren", "Læs også", "Teilen", "Del på", "Newsletter", "nyhedsbrev",
                   "Cookies", "cookies", "Lexikon", "Erhvervsordbogen", "# Offshoring", "Definition"):
        assert debris not in written, debris
    assert result.block["summary"].startswith("Offshoring ")
    assert result.block["summary"] != result.block["title"]
    # each removal is reported, one line each, on its own input line
    removals = [c for c in result.changes if c.removed]
    assert len({c.line for c in removals}) == len(removals) or lang == "de"
    assert all("\n" not in c.message for c in result.changes)


def test_the_danish_page_keeps_its_highlights(tmp_path: Path) -> None:
    result = _import(DANISH_PAGE, "offshoring.txt", "da", tmp_path)
    assert result.block["highlights"] == ["Opgaverne flyttes til et fjernt land.",
                                          "Det sparer lønomkostninger."]
    assert "Højdepunkter" not in result.block.get("body", "")


@pytest.mark.parametrize(("lang", "line", "kind"), [
    ("de", "Startseite › Lexikon › O › Offshoring", "a breadcrumb"),
    ("de", "Home » Lexikon » Cloud-Servicemodelle", "a breadcrumb"),
    ("de", "Startseite / Lexikon / B / Backsourcing", "a breadcrumb"),
    ("da", "Forside > Ordbog > Offshoring", "a breadcrumb"),
    ("de", "Lesezeit: 4 Minuten", "a reading time line"),
    ("de", "Von Peter Schmitt · 2 Min. Lesezeit", "a reading time line"),
    ("da", "Opdateret 14. januar 2025 · 3 min. læsetid", "a reading time line"),
    ("de", "Teilen: LinkedIn | XING", "a share or follow line"),
    ("de", "Folgen Sie uns auf Twitter, LinkedIn und XING", "a share or follow line"),
    ("da", "Del på Facebook", "a share or follow line"),
    ("da", "Følg os: Facebook · LinkedIn · Instagram", "a share or follow line"),
    ("de", "Jetzt zum Newsletter anmelden und jeden Freitag die News erhalten.", "a newsletter line"),
    ("da", "Tilmeld dig vores nyhedsbrev", "a newsletter line"),
    ("da", "Vi bruger cookies for at give dig den bedste oplevelse.", "a cookie notice"),
    ("de", "Wir verwenden Cookies, um Ihnen die bestmögliche Erfahrung zu bieten.", "a cookie notice"),
    ("de", "Werbung", "an ad label"),
    ("de", "Sponsored", "an ad label"),
    ("da", "Reklame", "an ad label"),
    ("de", "Das könnte Sie auch interessieren: Nearshoring, Outsourcing", "a 'see also' line"),
    ("de", "Lesen Sie auch: Outsourcing · Insourcing", "a 'see also' line"),
    ("da", "Læs også: Outsourcing, Nearshoring", "a 'see also' line"),
    ("da", "Se også: Offshoring og Outsourcing", "a 'see also' line"),
    ("de", "Jetzt beraten lassen", "a call to action"),
])
def test_each_shape_is_removed_and_reported(lang: str, line: str, kind: str, tmp_path: Path) -> None:
    text = f"# Begriff\n\nDer Begriff wird hier in einem Satz erklärt, mit einer Zusammenfassung.\n\n{line}\n"
    result = _import(text, "x.md", lang, tmp_path)
    assert line.split()[0] not in result.block.get("body", "")
    reports = [c for c in result.changes if c.line == 5]
    assert len(reports) == 1, reports
    assert reports[0].message.startswith("removed ")
    assert kind in reports[0].message or "site chrome" in reports[0].message
    assert reports[0].removed == line


@pytest.mark.parametrize(("lang", "heading"), [("de", "## Das könnte Sie auch interessieren:"),
                                               ("de", "### Mehr zum Thema"),
                                               ("da", "### Tilmeld dig vores nyhedsbrev"),
                                               ("da", "## Se også")])
def test_a_heading_made_only_of_boilerplate_goes(lang: str, heading: str, tmp_path: Path) -> None:
    text = f"# Begriff\n\nDer Begriff wird hier in einem Satz erklärt.\n\n{heading}\n\nEin zweiter Absatz.\n"
    body = _import(text, "x.md", lang, tmp_path).block.get("body", "")
    assert "#" not in body and body.strip() == "Ein zweiter Absatz."


@pytest.mark.parametrize(("lang", "line"), [
    ("de", "Die Startseite einer Website ist die erste Seite, die Besucher sehen."),
    ("de", "Startseite und Lexikon sind zwei Bereiche einer Website, die oft verwechselt werden."),
    ("de", "Start / Stop"),
    ("de", "Teilen Sie Aufgaben im Team auf, statt sie auszulagern."),
    ("de", "Werbung finanziert viele Lexika im Netz, doch sie lenkt vom Inhalt ab."),
    ("de", "Siehe auch den Abschnitt über Nearshoring, der die Unterschiede erklärt."),
    ("da", "Del opgaverne mellem leverandøren og jeres egen it-afdeling."),
    ("da", "Læs også kontrakten grundigt, før I flytter opgaver til udlandet."),
    ("da", "Forside og ordbog er ord, som en ordbog selv kan forklare."),
])
def test_sentences_that_only_use_the_words_stay(lang: str, line: str, tmp_path: Path) -> None:
    text = f"# Begriff\n\nDer Begriff wird hier in einem Satz erklärt.\n\n{line}\n"
    assert line in _import(text, "x.md", lang, tmp_path).block["body"]


def test_the_phrases_are_data_in_the_locale_files(monkeypatch: pytest.MonkeyPatch) -> None:
    source = Path(boilerplate_module.__file__).read_text(encoding="utf-8")
    for code in LANGS:
        phrases = load_locale(code).import_boilerplate
        assert {"home", "reading_time", "share", "networks", "newsletter", "cookies", "ads",
                "see_also"} <= set(phrases), code
        for key in ("home", "ads"):
            for phrase in phrases[key]:
                assert f'"{phrase}"' not in source and f"'{phrase}'" not in source, phrase
    # a phrase added to a locale is a phrase the import knows
    locale = load_locale("de")
    extended = {**locale.import_boilerplate, "ads": (*locale.import_boilerplate["ads"], "Reklamehinweis")}
    monkeypatch.setattr(boilerplate_module, "load_locale",
                        lambda code: type(locale)(**{**locale.__dict__, "import_boilerplate": extended}))
    assert Boilerplate("de").kind("Reklamehinweis") == "an ad label"
    assert Boilerplate("de").kind("Startseite › Lexikon") == "a breadcrumb"


# -- the title -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "name"), [
    ('---\ntitle: "Offshoring – Definition, Vorteile & Nachteile | IT-Lexikon"\n---\n# Offshoring\n\n'
     "Offshoring ist die Verlagerung von Aufgaben ins ferne Ausland.\n", "x.md"),
    ("Offshoring – Definition, Vorteile & Nachteile | IT-Lexikon\n\n# Offshoring\n\n"
     "Offshoring ist die Verlagerung von Aufgaben ins ferne Ausland.\n", "x.md"),
    ("Offshoring – Definition, Vorteile & Nachteile | IT-Lexikon\nOffshoring\n"
     "Offshoring ist die Verlagerung von Aufgaben ins ferne Ausland.\n", "x.txt"),
    ('---\ntitle: "Offshoring :: IT-Lexikon"\n---\n'
     "Offshoring ist die Verlagerung von Aufgaben ins ferne Ausland.\n", "x.md"),
])
def test_the_real_title_not_the_title_for_search_engines(text: str, name: str, tmp_path: Path) -> None:
    result = _import(text, name, "de", tmp_path)
    assert (result.entry_id, result.block["title"]) == ("offshoring", "Offshoring")
    assert "Offshoring" not in result.block.get("body", "").replace("Offshoring ist", "")
    assert "IT-Lexikon" not in result.yaml_text
    assert result.block["summary"] == "Offshoring ist die Verlagerung von Aufgaben ins ferne Ausland."


def test_a_title_with_a_dash_of_its_own_stays_without_a_site_name(tmp_path: Path) -> None:
    result = _import("# Time-to-Market\n\nDie Zeit von der Idee bis zum Verkauf.\n", "x.md", "de", tmp_path)
    assert result.block["title"] == "Time-to-Market"


# -- the summary ---------------------------------------------------------------------------------
def test_the_summary_is_never_the_title(tmp_path: Path) -> None:
    text = ("---\ntitle: Nearshoring\n---\nNearshoring\nDefinition\n"
            "Nearshoring verlagert Aufgaben ins nahe Ausland.\n")
    result = _import(text, "x.txt", "de", tmp_path)
    assert result.block["summary"] == "Nearshoring verlagert Aufgaben ins nahe Ausland."
    assert any(c.message.startswith("removed a paragraph that repeats the title") for c in result.changes)


def test_a_description_equal_to_the_title_is_not_the_summary(tmp_path: Path) -> None:
    paragraph = "Nearshoring verlagert Aufgaben ins nahe Ausland."
    text = f"---\ntitle: Nearshoring\ndescription: Nearshoring.\n---\n{paragraph}\n"
    assert _import(text, "x.md", "de", tmp_path).block["summary"] == paragraph


def test_without_a_paragraph_the_entry_is_a_draft_with_a_note(tmp_path: Path) -> None:
    text = ("---\ntitle: Nearshoring\n---\nNearshoring\nNearshoring.\n"
            "## Vorteile\n- Kurze Wege\n- Gleiche Zeitzone\n")
    result = _import(text, "nearshoring.txt", "de", tmp_path)
    assert "summary" not in result.block
    data = yaml.safe_load(result.yaml_text)
    assert data["draft"] is True
    assert any("draft" in c.message for c in result.changes)
    glossary = _glossary(tmp_path)
    write_import(result, glossary)
    checked = run(make_settings(glossary.parent, LANGUAGES, None))
    assert checked.errors == ()
    assert any(f.path.endswith("nearshoring.yml") and f.severity is Severity.NOTE and "draft" in f.message
               for f in checked.findings)


def test_the_check_warns_on_a_summary_that_repeats_the_title(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site", {"offshoring.yml": """\
        de:
          title: Offshoring
          summary: Offshoring.
        da:
          title: Offshoring
          summary: Offshoring er, når opgaver flyttes til et land langt væk.
        """})
    result = project.lexicon("check", "--strict")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "glossary/offshoring.yml:3:12: warning: the 'de' summary only repeats the title" in result.stdout
    assert project.lexicon("check").returncode == 0
    assert ROOT.exists()

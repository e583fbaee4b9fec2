"""Fix round 2 of issue 16 (TBX): what the attack's tests do not pin down. Text elements
inside a definition, a definition that names another language, a language whose only terms
are deprecated: each comes in as the README promises, and what cannot is reported."""

from __future__ import annotations

import re
from pathlib import Path

from tests.support.project import article, copy_project
from tests.unit.interchange.test_attack_16b import _entries, _lexicon, _project, _tbx


def _import(tmp_path: Path, concept: str) -> tuple[dict[str, dict], list[str]]:
    project = _project(tmp_path / "p")
    result = _lexicon(project, "import-tbx", str(_tbx(tmp_path, concept)))
    return _entries(project), result.stdout.splitlines()


def test_inline_elements_keep_their_words_and_others_are_reported_once(tmp_path: Path) -> None:
    entries, lines = _import(tmp_path, '<conceptEntry id="router"><langSec xml:lang="de"><termSec><term>'
                             'Router</term></termSec><descrip type="definition">Ein <hi>Gerät</hi><note>alt'
                             '</note> im <foreign xml:lang="en">network</foreign><note>b</note>.</descrip>'
                             '</langSec></conceptEntry>')
    assert entries["router"]["de"]["summary"] == "Ein Gerät im network."
    assert [line for line in lines if "<note>" in line] == [line for line in lines if "2 × <note>" in line]
    assert len([line for line in lines if "<note>" in line]) == 1


def test_a_definition_naming_another_language_is_that_languages_summary(tmp_path: Path) -> None:
    entries, _ = _import(tmp_path, '<conceptEntry id="bruecke"><langSec xml:lang="de"><termSec><term>Brücke'
                         '</term></termSec><descrip type="definition">Eine Brücke im Netz.</descrip>'
                         '<descrip type="definition" xml:lang="da">En bro i netværket.</descrip></langSec>'
                         '<langSec xml:lang="da"><termSec><term>bro</term></termSec></langSec>'
                         '</conceptEntry>')
    assert entries["bruecke"]["de"]["summary"] == "Eine Brücke im Netz."
    assert entries["bruecke"]["da"]["summary"] == "En bro i netværket."


def test_a_definition_for_a_language_without_terms_says_so(tmp_path: Path) -> None:
    """Not 'the languages have their own': the concept has no Danish term to hang it on."""
    _, lines = _import(tmp_path, '<conceptEntry id="bruecke"><descrip type="definition" xml:lang="da">En bro.'
                       '</descrip><langSec xml:lang="de"><termSec><term>Brücke</term></termSec><descrip '
                       'type="definition">Eine Brücke.</descrip></langSec></conceptEntry>')
    said = [line for line in lines if "left out a definition" in line]
    assert len(said) == 1 and "no term in 'da'" in said[0] and "have their own" not in said[0]


def test_a_deprecated_only_term_is_the_title_with_a_warning_and_the_entry_checks(tmp_path: Path) -> None:
    project = _project(tmp_path / "p")
    source = _tbx(tmp_path, '<conceptEntry id="rechner"><langSec xml:lang="de"><termSec><term>Rechner</term>'
                            '</termSec><descrip type="definition">Eine Maschine.</descrip></langSec><langSec '
                            'xml:lang="da"><termSec><term>regnemaskine</term><termNote type="administrative'
                            'Status">deprecatedTerm-admn-sts</termNote></termSec><descrip type="definition">'
                            'En maskine.</descrip></langSec></conceptEntry>')
    result = _lexicon(project, "import-tbx", str(source))
    warned = [line for line in result.stdout.splitlines() if "regnemaskine" in line]
    assert len(warned) == 1 and ": warning: " in warned[0] and "deprecated" in warned[0]
    assert _entries(project)["rechner"]["da"]["title"] == "regnemaskine"
    assert _lexicon(project, "check").returncode == 0



def test_a_term_with_angle_brackets_comes_in_and_shows_as_written(tmp_path: Path) -> None:
    """A title is plain text, escaped wherever it is shown: ``List<T>`` is imported as it is,
    checks clean, and the built page's heading reads ``List<T>`` (no element ``<t>``)."""
    entries, lines = _import(tmp_path, '<conceptEntry id="generik"><langSec xml:lang="de"><termSec><term>'
                             'List&lt;T&gt;</term></termSec><termSec><term><![CDATA[Map<K, V>]]></term>'
                             '</termSec><descrip type="definition">Eine Liste.</descrip></langSec>'
                             '<langSec xml:lang="da"><termSec><term>List&lt;T&gt;</term></termSec><descrip '
                             'type="definition">En liste.</descrip></langSec></conceptEntry>')
    assert entries["generik"]["de"]["title"] == "List<T>", lines
    assert entries["generik"]["de"]["aliases"] == ["Map<K, V>"], lines
    text = (tmp_path / "p" / "glossary" / "generik.yml").read_text(encoding="utf-8")
    project = copy_project(tmp_path / "site", {"generik.yml": text})
    built = project.build()
    assert built.returncode == 0, built.stderr
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", article(project.html("terms/generik/")), re.S)
    assert heading and "List&lt;T&gt;" in heading.group(1) and "<t>" not in heading.group(1).lower()


def test_a_known_element_in_a_title_is_still_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "glossary" / "x.yml").write_text("de:\n  title: Back<wbr>sourcing\n  summary: Ein Satz.\n"
                                                "da:\n  title: List<T>\n  summary: En sætning.\n",
                                                encoding="utf-8")
    result = _lexicon(project, "check")
    assert result.returncode == 1
    assert [line for line in result.stdout.splitlines() if "raw HTML" in line] == [
        line for line in result.stdout.splitlines() if "raw HTML '<wbr>'" in line and "x.yml:2:" in line]

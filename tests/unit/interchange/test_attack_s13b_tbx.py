"""Session 13's attack on ``import-tbx`` with a termbase that marks two terms of one language
as preferred (a merged termbase; a tool that marks every approved term so).

README: an import reports what it does not take as given ("Nothing is dropped without a
line"); ``import-skos`` says of a second ``prefLabel`` that it "is reported and kept as an
alias". The second preferred term of a TBX language section became an alias without a word:
its status was lost silently."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.support.term_imports import TBX_HEAD, TBX_TAIL, empty_project, run_lexicon

CONCEPT = """<conceptEntry id="wolke"><langSec xml:lang="de">
<descrip type="definition">Eine Wolke.</descrip>
<termSec><term>Wolke</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
<termSec><term>Cloud</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
</langSec></conceptEntry>
"""


def test_a_second_preferred_term_is_said_when_it_becomes_an_alias(tmp_path: Path) -> None:
    project = empty_project(tmp_path / "project")
    termbase = tmp_path / "terms.tbx"
    termbase.write_text(TBX_HEAD + CONCEPT + TBX_TAIL, encoding="utf-8")
    result = run_lexicon(project, "import-tbx", str(termbase))
    entry = yaml.safe_load((project / "glossary" / "wolke.yml").read_text(encoding="utf-8"))
    assert (entry["de"]["title"], entry["de"]["aliases"]) == ("Wolke", ["Cloud"])
    said = [line for line in result.stdout.splitlines()
            if line.startswith(f"{termbase}:7:") and "'Cloud'" in line]
    assert len(said) == 1 and "preferred" in said[0], result.stdout

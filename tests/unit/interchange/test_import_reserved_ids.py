"""No import writes an entry the check refuses for its id: an id a generated page reserves
(``index``, the A–Z index at terms/index.md) gets a suffix, whether it came from a title or
from the source's own id; an article given ``--id index`` is refused with what to do."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lexikon.core.schema import unreserved_id
from tests.support.constants import ROOT

TBX = ('<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic" style="dca" xml:lang="de"'
       ' xmlns="urn:iso:std:iso:30042:ed-2">\n<text><body>\n{}</body></text></tbx>\n')
CONCEPT = ('<conceptEntry id="{}"><langSec xml:lang="de"><termSec><term>{}</term></termSec>'
           '<descrip type="definition">{}</descrip></langSec></conceptEntry>\n')


def _project(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "glossary").mkdir()
    shutil.copy(ROOT / "glossary" / "_tags.yml", tmp_path / "glossary" / "_tags.yml")
    return tmp_path


def _lexicon(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lexikon.cli", *args], capture_output=True, text=True,
                          cwd=project, check=False, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")})


def _ids(project: Path) -> list[str]:
    return sorted(p.stem for p in (project / "glossary").glob("*.yml") if not p.name.startswith("_"))


def test_a_reserved_id_gets_a_suffix_and_says_why() -> None:
    reserved = {"index": "the A–Z index (terms/index.md)", "index-1": "x"}
    assert unreserved_id("cache", reserved) == ("cache", "")
    entry_id, why = unreserved_id("index", reserved)
    assert entry_id == "index-2" and "reserved" in why and "terms/index.md" in why


@pytest.mark.parametrize("concept_id,term", [("index", "Verzeichnis"), ("c1", "Index")])
def test_tbx_never_writes_a_reserved_id(tmp_path: Path, concept_id: str, term: str) -> None:
    project = _project(tmp_path)
    source = tmp_path / "terms.tbx"
    source.write_text(TBX.format(CONCEPT.format(concept_id, term, "Ein Verzeichnis zum Suchen.")), "utf-8")
    result = _lexicon(project, "import-tbx", str(source))
    assert result.returncode == 0, result.stdout + result.stderr
    assert _ids(project) == ["index-1"]
    assert "reserved" in result.stdout
    assert _lexicon(project, "check").returncode == 0


def test_article_titled_index_is_written_under_another_id_and_checks(tmp_path: Path) -> None:
    project = _project(tmp_path)
    source = tmp_path / "index.txt"
    source.write_text("Index\n\nEin Index ist ein Verzeichnis. Er hilft beim Suchen.\n", encoding="utf-8")
    result = _lexicon(project, "import", str(source), "--lang", "de")
    assert result.returncode == 0 and _ids(project) == ["index-1"], result.stdout
    assert _lexicon(project, "check").returncode == 0
    refused = _lexicon(project, "import", str(source), "--lang", "de", "--id", "index")
    assert refused.returncode == 1
    assert refused.stdout.startswith(f"{source}:1:1: error: the id 'index' is reserved")
    assert _ids(project) == ["index-1"]

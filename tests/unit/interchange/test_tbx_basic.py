"""``glossary.tbx`` passes the TBX-Basic dialect's own rules, run with the tools from Debian:
the schematron ``TBX-Basic_DCA.sch`` (data categories, their levels and picklists) on
Saxon-HE through SchXslt, and the RELAX NG grammars (TBX 2019 core, the TBX-Basic
integrated one, and TBX-Basic 2008 for ``glossary.martif.tbx``) with jing.

Both glossaries are exported: the site's own and the fixture that uses every terminology
field. The vendored schemas and their sources: ``tests/fixtures/schemas/README.md``.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.support.constants import FIXTURES
from tests.support.exports import PROJECTS, export_to

SCHEMAS = FIXTURES / "schemas"
SAXON = Path("/usr/share/java/Saxon-HE.jar")
JING = Path("/usr/share/java/jing.jar")
FAILED = re.compile(r"<svrl:failed-assert\b.*?</svrl:failed-assert>", re.S)


def java(jar: Path, *arguments: str | Path) -> subprocess.CompletedProcess[str]:
    assert jar.is_file(), f"{jar} is missing: `make test-tools` installs it (Debian libsaxonhe-java, jing)"
    return subprocess.run(["java", "-cp" if jar == SAXON else "-jar", str(jar),
                           *(["net.sf.saxon.Transform"] if jar == SAXON else []), *map(str, arguments)],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def schematron(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``TBX-Basic_DCA.sch`` compiled to XSLT 2 by SchXslt, once."""
    compiled = tmp_path_factory.mktemp("schematron") / "TBX-Basic_DCA.xsl"
    done = java(SAXON, f"-s:{SCHEMAS / 'tbx' / 'TBX-Basic_DCA.sch'}",
                f"-xsl:{SCHEMAS / 'schxslt' / '2.0' / 'pipeline-for-svrl.xsl'}", f"-o:{compiled}")
    assert done.returncode == 0 and compiled.is_file(), done.stderr
    return compiled


def svrl(schematron: Path, document: Path) -> str:
    report = document.with_suffix(".svrl")
    done = java(SAXON, f"-s:{document}", f"-xsl:{schematron}", f"-o:{report}")
    assert done.returncode == 0, done.stderr
    return report.read_text(encoding="utf-8")


@pytest.fixture(scope="module", params=sorted(PROJECTS))
def exported(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return export_to(PROJECTS[request.param], tmp_path_factory.mktemp(f"tbx-{request.param}"))[2]


def test_glossary_tbx_passes_the_tbx_basic_schematron(schematron: Path, exported: dict[str, Path]) -> None:
    report = svrl(schematron, exported["glossary.tbx"])
    assert report.count("<svrl:fired-rule") > 20  # the rules ran on the file's elements
    assert FAILED.findall(report) == []


def test_the_schematron_run_finds_what_breaks_the_rules(schematron: Path, exported: dict[str, Path],
                                                        tmp_path: Path) -> None:
    text = exported["glossary.tbx"].read_text(encoding="utf-8")
    broken = tmp_path / "broken.tbx"
    broken.write_text(text.replace(
        "<termNote type=\"administrativeStatus\">preferredTerm-admn-sts</termNote>",
        "<termNote type=\"administrativeStatus\">preferredTerm-admn-sts</termNote>"
        "<termNote type=\"grammaticalGender\">common</termNote>"
        "<termNote type=\"partOfSpeech\">properNoun</termNote>", 1).replace(
        "<descrip type=\"definition\">", "<descrip type=\"context\">Ein Satz.</descrip>"
        "<descrip type=\"definition\">", 1), encoding="utf-8")
    failed = "\n".join(FAILED.findall(svrl(schematron, broken)))
    assert "/grammaticalGender/ type may be" in failed
    assert "/partOfSpeech/ type may be" in failed
    assert "/context/ may only appear at level(s): termSec" in failed


@pytest.mark.parametrize(("name", "grammar"), [
    ("glossary.tbx", "TBXcoreStructV03.rng"),
    ("glossary.tbx", "TBXcoreStructV03_TBX-Basic_integrated.rng"),
    ("glossary.martif.tbx", "TBXBasicRNGV02.rng"),
])
def test_tbx_files_are_valid_relax_ng(exported: dict[str, Path], name: str, grammar: str,
                                      tmp_path: Path) -> None:
    document = tmp_path / name  # without the DOCTYPE: jing would fetch the DTD it names
    document.write_text(re.sub(r"<!DOCTYPE[^>]*>\n", "", exported[name].read_text(encoding="utf-8")),
                        encoding="utf-8")
    done = java(JING, SCHEMAS / "tbx" / grammar, document)
    assert done.returncode == 0, done.stdout + done.stderr

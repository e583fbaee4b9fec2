"""Session 13's attack on the importers with sources of megabytes (README: TBX up to 50 MB,
articles up to 50 MB are read; an entry file over 1 MiB is an error of the check).

- ``import-tbx`` of one concept with 100,000 terms wrote a 1.6 MB entry ("1 entries written",
  exit 0) that ``lexicon check`` and the build then refuse ("over the limit of 1,048,576"): the
  import's check of the new text never applied the size limit (only the reading of a file did).
- ``lexicon import`` of a 1.5 MB Markdown article ran for over two minutes: each paragraph was
  compared with every earlier one for near repeats (2,000 paragraphs 6.6 CPU-s, 6,000 over
  40), where the check's own search takes candidates from an index; and it then wrote the
  1.6 MB entry the check refuses."""

from __future__ import annotations

import os
import random
import resource
from pathlib import Path

from tests.support.term_imports import TBX_HEAD, TBX_TAIL, empty_project, run_lexicon

WORDS = ("Wolke", "Himmel", "Regen", "Wetter", "Luft", "Wasser", "Tropfen", "hoch", "grau", "weiß")


def test_a_concept_too_large_for_an_entry_file_is_refused_not_written(tmp_path: Path) -> None:
    project = empty_project(tmp_path / "project")
    terms = "".join(f"<termSec><term>Wort{i}</term></termSec>" for i in range(100_000))
    termbase = tmp_path / "big.tbx"
    termbase.write_text(TBX_HEAD + '<conceptEntry id="big"><langSec xml:lang="de"><descrip type="definition">'
                        f"Groß.</descrip>{terms}</langSec></conceptEntry>\n" + TBX_TAIL, encoding="utf-8")
    result = run_lexicon(project, "import-tbx", str(termbase), timeout=300)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert any(line.startswith(f"{termbase}:4:") and "over the limit" in line
               for line in result.stdout.splitlines()), result.stdout[-2000:]
    assert not (project / "glossary" / "big.yml").exists()


def _article(path: Path, paragraphs: int) -> None:
    rng = random.Random(3)
    lines = ["# Wolke", "", "Eine Wolke ist eine Ansammlung von Tröpfchen.", ""]
    for number in range(paragraphs):
        lines += [" ".join(rng.choice(WORDS) for _ in range(40)) + f" Nummer {number}.", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def test_an_article_of_thousands_of_paragraphs_imports_in_linear_time(tmp_path: Path) -> None:
    project = empty_project(tmp_path / "project")
    article = tmp_path / "wolke.de.md"
    _article(article, 3_000)  # 780 KB: 15 CPU-s before (load 10), under 1 now
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = run_lexicon(project, "import", str(article), "--lang", "de", "--dry-run", timeout=300)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    assert seconds < 5, f"{seconds:.1f} CPU-s (load {os.getloadavg()[0]:.1f})"


def test_an_article_too_large_for_an_entry_file_is_refused_in_one_line(tmp_path: Path) -> None:
    project = empty_project(tmp_path / "project")
    article = tmp_path / "wolke.de.md"
    _article(article, 6_000)
    result = run_lexicon(project, "import", str(article), "--lang", "de", timeout=600)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.startswith(f"{article}:1:1: error: ") and "over the limit" in result.stdout
    assert sorted(p.name for p in (project / "glossary").iterdir()) == ["_tags.yml"]

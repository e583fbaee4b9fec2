"""Session 13's attack on ``lexicon import`` onto an entry that has the terminology fields.

README: ``lexicon import`` "adds or replaces that one language block of an existing entry";
"Nothing is dropped without a line in the report"; nothing of an editor's text is lost. An
article brings a title, summary, body, highlights and sources. Importing a fresher copy of the
page onto an entry dropped the block's gender, part of speech, qualifier, deprecated terms,
forms and context sentences (issue 15's fields, which no article carries) and the editor's
comment inside the block, with one line: "replaced the 'de' block"."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.support.term_imports import empty_project, run_lexicon

ENTRY = """\
tags: [it]
de:
  title: Wolke
  # Quelle: Gespräch mit Frau X
  gender: f
  pos: noun
  qualifier: Wetter
  deprecated: [Wölkchen]
  forms: [Wolken]
  reviewed: 2026-11-30
  context:
    - text: Die Wolke zieht vorbei.
      source: https://example.org/satz
  summary: Eine alte Wolke.
  body: |
    ## Alt

    Alter Text.
# zwischen den Blöcken
da:
  title: Sky
  summary: En sky.
"""


def test_an_article_onto_an_entry_keeps_the_fields_it_has_no_word_for(tmp_path: Path) -> None:
    project = empty_project(tmp_path / "project")
    (project / "glossary" / "wolke.yml").write_text(ENTRY, encoding="utf-8")
    article = tmp_path / "wolke.de.md"
    article.write_text("# Wolke\n\nEine Wolke ist eine Ansammlung von Tröpfchen.\n\nMehr Text.\n",
                       encoding="utf-8")
    result = run_lexicon(project, "import", str(article), "--lang", "de")
    assert result.returncode == 0, result.stdout + result.stderr
    text = (project / "glossary" / "wolke.yml").read_text(encoding="utf-8")
    de = yaml.safe_load(text)["de"]
    assert de["summary"] == "Eine Wolke ist eine Ansammlung von Tröpfchen."
    assert (de["gender"], de["pos"], de["qualifier"]) == ("f", "noun", "Wetter")
    assert (de["deprecated"], de["forms"]) == (["Wölkchen"], ["Wolken"])
    assert de["context"] == [{"text": "Die Wolke zieht vorbei.", "source": "https://example.org/satz"}]
    assert "reviewed" not in de and "'reviewed: 2026-11-30'" in result.stdout  # unreviewed: said
    assert "# Quelle: Gespräch mit Frau X" in result.stdout  # said, with its words
    assert "# zwischen den Blöcken" in text and "# zwischen" not in result.stdout
    assert run_lexicon(project, "check").returncode == 0


def test_a_body_the_article_lacks_is_said_when_it_goes(tmp_path: Path) -> None:
    project = empty_project(tmp_path / "project")
    entry = ENTRY.replace("  body: |\n    ## Alt\n\n    Alter Text.\n",
                          "  body: |\n    Alter Text.\n  highlights: [Wichtig.]\n")
    (project / "glossary" / "wolke.yml").write_text(entry, encoding="utf-8")
    article = tmp_path / "wolke.de.md"
    article.write_text("# Wolke\n\nEine Wolke ist eine Ansammlung von Tröpfchen.\n", encoding="utf-8")
    result = run_lexicon(project, "import", str(article), "--lang", "de")
    assert result.returncode == 0, result.stdout + result.stderr
    de = yaml.safe_load((project / "glossary" / "wolke.yml").read_text(encoding="utf-8"))["de"]
    assert "body" not in de and "highlights" not in de
    assert "'Alter Text.'" in result.stdout and "'Wichtig.'" in result.stdout


def test_an_article_onto_an_entry_kept_as_yaml_makes_no_second_file(tmp_path: Path) -> None:
    """``lexicon new`` and ``import-csv`` take ``wolke.yaml`` for the entry ``wolke``; ``lexicon
    import --id wolke`` wrote ``wolke.yml`` beside it ("created", exit 0): two files for one id."""
    project = empty_project(tmp_path / "project")
    (project / "glossary" / "wolke.yaml").write_text("de:\n  title: Wolke\n  summary: Eine Wolke.\n",
                                                     encoding="utf-8")
    article = tmp_path / "sky.da.md"
    article.write_text("# Sky\n\nEn sky er en samling vanddråber i luften.\n", encoding="utf-8")
    result = run_lexicon(project, "import", str(article), "--lang", "da", "--id", "wolke")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.startswith(f"{article}:1:1: error: ") and "wolke.yaml" in result.stdout
    assert sorted(p.name for p in (project / "glossary").iterdir()) == ["_tags.yml", "wolke.yaml"]


@pytest.mark.parametrize("field", ["  gender: 5", "  aliases: Wolkig", "  context: [Satz eins]",
                                   "  deprecated: [1, 2]", "  qualifier: [a]", "  forms: {a: b}"])
def test_a_field_the_check_refuses_stops_the_import_in_one_line(tmp_path: Path, field: str) -> None:
    """Kept fields are written again: one of a shape the check refuses is not guessed at (nor a
    traceback): the import stops, the file stays as it was."""
    project = empty_project(tmp_path / "project")
    entry = project / "glossary" / "wolke.yml"
    text = f"de:\n  title: Wolke\n{field}\n  summary: Alt.\nda:\n  title: Sky\n  summary: En sky.\n"
    entry.write_text(text, encoding="utf-8")
    before = entry.read_bytes()
    article = tmp_path / "wolke.de.md"
    article.write_text("# Wolke\n\nEine Wolke ist eine Ansammlung von Tröpfchen.\n", encoding="utf-8")
    result = run_lexicon(project, "import", str(article), "--lang", "de")
    assert result.returncode == 1 and "Traceback" not in result.stderr and not result.stderr, result.stderr
    assert result.stdout.startswith(f"{article}:1:1: error: "), result.stdout
    assert entry.read_bytes() == before

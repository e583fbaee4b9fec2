"""Fix round 2 (round trips): the one id length limit, ours vs. a tool's counters."""

from __future__ import annotations

from lexikon.core.schema import ID_RULE, MAX_ID_LENGTH, fitting_id
from lexikon.interchange.words import slugify


def test_an_id_made_from_a_long_title_is_cut_at_a_word_to_fit() -> None:
    slug = slugify("Ein sehr langer Begriff " * 20)
    assert len(slug) <= MAX_ID_LENGTH and ID_RULE.match(slug)
    assert slug.endswith("begriff")


def test_one_word_longer_than_an_id_is_cut_hard() -> None:
    assert fitting_id("a" * 300) == "a" * MAX_ID_LENGTH
    assert fitting_id("kurz") == "kurz"


def test_a_deprecated_term_is_deprecated_whichever_label_comes_first() -> None:
    from lexikon.interchange.skos_terms import add_term
    from lexikon.interchange.terms import new_block

    for order in (("forms", "deprecated"), ("deprecated", "forms")):
        block = new_block(1)
        for key in order:
            add_term(block, key, "Out-Sourcing")
        assert (block["forms"], block["deprecated"]) == ([], ["Out-Sourcing"])


def test_the_check_refuses_an_id_longer_than_one_that_names_a_file(tmp_path) -> None:
    import shutil
    import subprocess
    import sys

    from tests.support.constants import ROOT

    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "glossary").mkdir()
    shutil.copy(ROOT / "glossary" / "_tags.yml", tmp_path / "glossary" / "_tags.yml")
    long_id = "a" * (MAX_ID_LENGTH + 1)
    (tmp_path / "glossary" / f"{long_id}.yml").write_text(
        "de:\n  title: Lang\n  summary: Ein Wort.\nda:\n  title: Lang\n  summary: Et ord.\n",
        encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "lexikon.cli", "check"], capture_output=True, text=True,
                            cwd=tmp_path, check=False)
    assert result.returncode == 1
    assert f"at most {MAX_ID_LENGTH}" in result.stdout + result.stderr

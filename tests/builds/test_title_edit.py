"""A title edit remakes the term pages that show the title, not all of them (issue 17,
``engine/mkdocs/term_keys.py``): a term page is keyed by what it shows of other entries and by
the names its body's mentions looked up. Every incremental site here equals a cold build, byte
for byte, after edits that change what other pages show: titles (also to words other bodies
use, which they then link), summaries, links, new entries named like words of other bodies,
deletions and renames."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from tests.bench.synthetic import write_glossary
from tests.builds.test_incremental_identity import _entries, _rename, _retitle, _rewrite
from tests.builds.test_incremental_outputs import _same_as_cold
from tests.builds.test_incremental_s6 import _term_pages as _build
from tests.support.project import Project, copy_project

pytestmark = pytest.mark.slow  # whole builds; in `make test` all the same


def _term_pages(project: Project) -> dict[str, bytes]:
    pages = project.site.glob("**/terms/*/index.html")
    return {str(page.relative_to(project.site)): page.read_bytes() for page in pages}


def _linking(project: Project, entry_id: str) -> list[str]:
    """The other term pages that link to ``entry_id``'s."""
    return [name for name, data in _term_pages(project).items()
            if f'{entry_id}/"'.encode() in data and entry_id not in name]


def _body_phrase(project: Project, rng: random.Random) -> str:
    """Two words that stand side by side in some German body (capitalised, as titles are)."""
    german_body = re.compile(r"^de:\n(?:  .*\n)*?  body: \|\n((?:    .*\n|\n)+)", re.MULTILINE)
    bodies = [m.group(1) for path in _entries(project) for m in german_body.finditer(path.read_text("utf-8"))]
    titles = {m.group(1).lower() for path in _entries(project)
              for m in re.finditer(r"^  title: (.*)$", path.read_text("utf-8"), re.MULTILINE)}
    words = sorted({f"{first.capitalize()} {second}"
                    for first, second in re.findall(r"\b([a-zäöüß]{6,}) ([a-zäöüß]{6,})\b", " ".join(bodies))
                    if f"{first} {second}" not in titles})
    return rng.choice(words)  # a title no entry has yet (two entries of one title: a warning)


def test_a_title_edit_remakes_only_the_pages_that_show_it(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary"
    ids = write_glossary(glossary, 30, 4)
    project = copy_project(tmp_path / "project", glossary)
    assert _build(project) == (0, 60)
    before = _term_pages(project)
    path = project.glossary / f"{ids[7]}.yml"
    text = path.read_text("utf-8")
    path.write_text(re.sub(r"^(de:\n  title: .*)$", r"\1 Neu", text, count=1, flags=re.MULTILINE), "utf-8")
    hits, total = _build(project)
    changed = [name for name, data in _term_pages(project).items() if before.get(name) != data]
    assert total == 60 and len(changed) <= total - hits, changed  # each changed page was made again
    assert total - hits < total // 2, (hits, total)  # on main: every page made again
    _same_as_cold(project, tmp_path, "title")


def test_a_new_entry_named_as_words_of_a_body_is_linked_there(tmp_path: Path) -> None:
    """Nothing links to the new entry: only the names the other pages' bodies looked up know
    of it (their autolinks). Then its title changes to words no body has, and it is deleted."""
    glossary = tmp_path / "glossary"
    write_glossary(glossary, 12, 5)
    project = copy_project(tmp_path / "project", glossary)
    _build(project)
    rng = random.Random(5)
    phrase = _body_phrase(project, rng)
    project.write("glossary/zz-neu.yml", f"de:\n  title: {phrase}\n  summary: Ein neuer Begriff.\n"
                                         "da:\n  title: Nyt begreb\n  summary: Et nyt begreb.\n")
    hits, total = _build(project)
    assert hits < total - 2
    assert _linking(project, "zz-neu"), "the body that uses the words links the new entry"
    _same_as_cold(project, tmp_path, "new")
    path = project.glossary / "zz-neu.yml"
    path.write_text(path.read_text("utf-8").replace(phrase, "Qxyzzy Wort"), "utf-8")
    _build(project)
    assert not _linking(project, "zz-neu")
    _same_as_cold(project, tmp_path, "retitled")
    path.unlink()
    _build(project)
    _same_as_cold(project, tmp_path, "deleted")


def _title_as_body_words(project: Project, rng: random.Random, step: str) -> None:
    path = rng.choice(_entries(project))
    text = path.read_text("utf-8")
    phrase = _body_phrase(project, rng)
    title = re.compile(r"^de:\n  title: .*$", re.MULTILINE)
    path.write_text(title.sub(f"de:\n  title: {phrase}", text, count=1), "utf-8")


def _new_named_as_body_words(project: Project, rng: random.Random, step: str) -> None:
    phrase = _body_phrase(project, rng)
    link = rng.choice(_entries(project)).stem
    project.write(f"glossary/neu-{step.lower()}.yml",
                  f"de:\n  title: {phrase}\n  summary: Neu, wie [[{link}]].\n"
                  f"da:\n  title: Nyt {step}\n  summary: Nyt.\n")


def _link(project: Project, rng: random.Random, step: str) -> None:
    source, target = rng.sample(_entries(project), 2)
    text = source.read_text("utf-8")
    source.write_text(text.replace("body: |\n    ", f"body: |\n    Siehe [[{target.stem}]]. ", 1), "utf-8")


def _summary_link(project: Project, rng: random.Random, step: str) -> None:
    """A summary that links: the tooltips of the pages linking to it name the target."""
    source, target = rng.sample(_entries(project), 2)
    text = source.read_text("utf-8")
    summary = "summary: >-\n    "
    source.write_text(text.replace(summary, f"{summary}Wie [[{target.stem}]]: ", 1), "utf-8")


STEPS = [_retitle, _title_as_body_words, _new_named_as_body_words, _rewrite, _link, _summary_link, _rename,
         _retitle]


@pytest.mark.parametrize("seed", [11, 12])
def test_sites_after_edits_others_show_equal_cold_builds(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    glossary = tmp_path / "glossary"
    write_glossary(glossary, 12, seed)
    project = copy_project(tmp_path / "project", glossary)
    _build(project)
    for number, edit in enumerate(rng.sample(STEPS, len(STEPS))):
        edit(project, rng, f"S{seed}N{number}")
        _build(project)
        _same_as_cold(project, tmp_path, f"{number}-{edit.__name__}")

"""A build that takes unchanged pages from ``.cache/`` makes the same site, byte for byte, as a
cold build: after random edits (titles that other pages show, summaries, bodies, new,
deleted and renamed entries, a hand-written page of docs/), every file of ``site/`` is
compared, search bundles and exports included. The incremental build takes converted
pages, templated frames and (where unchanged) search bundles and exports from the cache."""

from __future__ import annotations

import filecmp
import random
import re
import shutil
from pathlib import Path

import pytest

from tests.bench.synthetic import write_glossary
from tests.support.project import Project, copy_project

pytestmark = pytest.mark.slow  # whole builds; in `make test` all the same
SIZE = 10
NEW_ENTRY = """\
tags: [business]
de:
  title: {title}
  summary: {title} ist ein neuer Begriff, der mit [[{link}]] zusammenhängt.
  body: |
    ## Überblick

    {title} ergänzt [[{link}]] um einen weiteren Blickwinkel.
da:
  title: {title_da}
  summary: {title_da} er et nyt begreb, der hænger sammen med [[{link}]].
"""


def _entries(project: Project) -> list[Path]:
    return sorted(p for p in project.glossary.glob("*.yml") if not p.name.startswith("_"))


def _unreferenced(project: Project) -> list[Path]:
    """Entries no other file names (deleting or renaming one leaves every link good)."""
    texts = {path: path.read_text("utf-8") for path in _entries(project)}
    return [path for path in texts
            if not any(path.stem in text for other, text in texts.items() if other != path)]


def _retitle(project: Project, rng: random.Random, step: str) -> None:
    path = rng.choice(_entries(project))
    lang = rng.choice(["de", "da"])
    text = path.read_text("utf-8")
    pattern = re.compile(rf"^{lang}:\n  title: (.*)$", re.MULTILINE)
    path.write_text(pattern.sub(lambda m: f"{lang}:\n  title: {m.group(1)} {step}", text, count=1), "utf-8")


def _rewrite(project: Project, rng: random.Random, step: str) -> None:
    path = rng.choice(_entries(project))
    text = path.read_text("utf-8")
    field = rng.choice(["summary: >-\n    ", "body: |\n    "])
    path.write_text(text.replace(field, f"{field}Geändert {step}. ", 1), "utf-8")


def _add(project: Project, rng: random.Random, step: str) -> None:
    link = rng.choice(_entries(project)).stem
    name = f"begriff-{step.lower()}"
    project.write(f"glossary/{name}.yml", NEW_ENTRY.format(
        title=f"Begriff {step}", title_da=f"Begreb {step}", link=link))


def _delete(project: Project, rng: random.Random, step: str) -> None:
    free = _unreferenced(project)
    if free:
        rng.choice(free).unlink()


def _rename(project: Project, rng: random.Random, step: str) -> None:
    free = _unreferenced(project)
    if free:
        path = rng.choice(free)
        path.rename(path.with_name(f"umbenannt-{step.lower()}.yml"))


def _edit_docs(project: Project, rng: random.Random, step: str) -> None:
    """A hand-written page: the guide in either language (its frame and search text change)."""
    path = rng.choice([project.root / "docs" / "guide.md", project.root / "docs" / "guide.da.md"])
    text = path.read_text("utf-8")
    path.write_text(text.replace("\n\n", f"\n\nGeändert {step}.\n\n", 1), "utf-8")


STEPS = [[_retitle, _rewrite, _add], [_delete, _rename, _retitle, _rewrite, _edit_docs]]
"""Every kind of edit in each sequence; which entries, which language and the order are random."""


def _build(project: Project) -> str:
    result = project.build(strict=True)
    assert result.returncode == 0, result.stderr
    return result.stderr


def _differences(left: Path, right: Path) -> list[str]:
    files = sorted({p.relative_to(left) for p in left.rglob("*") if p.is_file()}
                   | {p.relative_to(right) for p in right.rglob("*") if p.is_file()})
    return [str(name) for name in files
            if not (left / name).is_file() or not (right / name).is_file()
            or not filecmp.cmp(left / name, right / name, shallow=False)]


@pytest.mark.parametrize(("seed", "parallel_from"), [(1, 0), (2, 4)])
def test_incremental_builds_after_random_edits_equal_cold_builds(tmp_path: Path, seed: int,
                                                                 parallel_from: int) -> None:
    """With ``parallel_from: 4`` the pages not in the cache go half to the second process."""
    rng = random.Random(seed)
    glossary = tmp_path / "glossary"
    write_glossary(glossary, SIZE, seed)
    project = copy_project(tmp_path / "project", glossary)
    config = project.root / "mkdocs.yml"
    text = config.read_text("utf-8")
    setting = f"    search: pagefind\n    parallel_from: {parallel_from}\n"
    config.write_text(text.replace("    search: pagefind\n", setting, 1), "utf-8")
    assert f"parallel_from: {parallel_from}" in config.read_text("utf-8")
    _build(project)  # fills the cache
    for number, edits in enumerate(STEPS):
        for edit in rng.sample(edits, len(edits)):
            edit(project, rng, f"S{seed}E{number}{edit.__name__.strip('_')[:3]}")
        log = _build(project)
        for what in ("generated pages", "pages' frames"):
            taken = [(int(a), int(b)) for a, b in re.findall(rf"(\d+) of (\d+) {what} from the cache", log)]
            assert len(taken) == 2, "one line per language pass"
            assert all(0 < hits < total for hits, total in taken), f"{what}: {taken}"
        incremental = tmp_path / f"incremental-{number}"
        shutil.copytree(project.site, incremental)
        shutil.rmtree(project.root / ".cache" / "lexikon")  # the trash beside it empties itself
        _build(project)  # cold: no cache at all
        assert _differences(incremental, project.site) == []

"""Session 11's attacker on term pages keyed by what they show of other entries and by the names
their bodies looked up (``engine/mkdocs/term_keys.py``, ``render_memo.py``; issue 17): after
edits that change only what a page shows of *other* entries, an incremental site equals a cold
build of the same files, byte for byte, while unchanged pages still come from the cache.

Each case is an edit that the page itself does not see in its own file: a new longer name that
takes over a mention across a line break (in a term's body and in an article, whose term
pages list it), a name in upper case or with a capital sharp s (``STRAẞE``), two entries
declaring the same form (the first one keeps it: a new entry sorting first takes the
mention), a mentioned entry becoming a draft, and the second hop of tooltips reached through
backlinks and related lists (the linker's summary links a term that is renamed, loses a
language or gets a qualifier). Nothing here broke on t17-title7; the cases stay as guards."""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from pathlib import Path

import pytest

from tests.builds.test_incremental_identity import _differences
from tests.support.git_history import git
from tests.support.project import Project, copy_project

pytestmark = pytest.mark.slow  # whole builds; in `make test` all the same


def _entry(de: tuple[str, str, str] | None, da: tuple[str, str, str] | None = None, top: str = "",
           de_extra: str = "") -> str:
    """An entry's YAML: per language (title, summary, body); ``top`` and ``de_extra`` as written."""
    text = top
    for lang, block, extra in (("de", de, de_extra), ("da", da, "")):
        if block is None:
            continue
        title, summary, body = block
        text += f"{lang}:\n  title: {json.dumps(title, ensure_ascii=False)}\n"
        text += f"  summary: {json.dumps(summary, ensure_ascii=False)}\n"
        if body:
            text += "  body: |\n" + textwrap.indent(body.strip("\n"), "    ") + "\n"
        text += extra
    return text


def _article(title: str, body: str) -> str:
    front = f"title: {json.dumps(title, ensure_ascii=False)}\ndescription: Worum es geht.\n"
    return f"---\n{front}---\n\n{body}\n"


ALPHA = _entry(("Alpha", "Alpha ist A und nennt [[gamma]].",
                "Alpha erwähnt Beta\nGamma, STRAẞE und Delta hier, dann Omega Zwei."),
               ("Alfa", "Alfa er A og [[gamma]].", "Alfa nævner Beta Gamma og Delta her."),
               top="related: [delta]\n")
BASE = {
    "glossary/alpha.yml": ALPHA,
    "glossary/beta.yml": _entry(("Beta", "Beta ist B.", "Nichts."), ("Beta", "Beta er B.", "")),
    "glossary/gamma.yml": _entry(("Gamma", "Gamma ist G.", "Nichts."), ("Gammå", "Gamma er G.", "")),
    "glossary/delta.yml": _entry(("Delta", "Delta ist D.", "Nichts."), ("Delta", "Delta er D.", "")),
    "glossary/xylo.yml": _entry(("Xylo", "Xylo ist X.", "Nichts."), ("Xylo", "Xylo er X.", ""),
                                de_extra="  forms: [Omega Zwei]\n"),
    "glossary/ypsilon.yml": _entry(("Ypsilon", "Ypsilon ist Y.", "Nichts."), ("Ypsilon", "Ypsilon er Y.", ""),
                                   de_extra="  forms: [Omega Zwei]\n"),
    "docs/artikel.md": _article("Ein Artikel", "Hier geht es um Beta\nGamma und Delta."),
    "docs/artikel.da.md": _article("En artikel", "Her handler det om Beta Gamma og Delta."),
}
NEW_BETA_GAMMA = {"glossary/beta-gamma.yml": _entry(("Beta Gamma", "BG ist neu.", "x"),
                                                    ("Beta Gamma", "BG er ny.", ""))}
EDITS: dict[str, list[dict[str, str | None]]] = {
    # a longer name takes the mention from "Beta" (body and article): Beta's page loses the article
    "longer-name": [NEW_BETA_GAMMA],
    "longer-name-and-back": [NEW_BETA_GAMMA, {"glossary/beta-gamma.yml": None}, NEW_BETA_GAMMA],
    "sharp-s": [{"glossary/strasse.yml": _entry(("Straße", "S.", "x"), ("Gade", "G.", ""))}],
    "upper-case-title": [{"glossary/delta.yml": _entry(("DELTA", "Delta ist D.", "Nichts."),
                                                       ("DELTA", "Delta er D.", ""))}],
    # two entries declare the form "Omega Zwei": the first keeps it, and a new first one takes it
    "shared-form": [{"glossary/aaa.yml": _entry(("Aaa", "Aaa ist neu.", "x"), ("Aaa", "Aaa er ny.", ""),
                                                de_extra="  forms: [Omega Zwei]\n")}],
    "shared-form-dropped": [{"glossary/xylo.yml": _entry(("Xylo", "Xylo ist X.", "Nichts."),
                                                         ("Xylo", "Xylo er X.", ""))}],
    "mentioned-draft": [{"glossary/beta.yml": "draft: true\n" + BASE["glossary/beta.yml"]}],
    # the second hop: Alpha's summary names Gamma; Delta's page shows Alpha's summary (related)
    "hop-renamed": [{"glossary/gamma.yml": _entry(("Gammax", "Gamma ist G.", "Nichts."),
                                                  ("Gammåx", "Gamma er G.", ""))}],
    "hop-language-gone": [{"glossary/gamma.yml": _entry(("Gamma", "Gamma ist G.", "Nichts."))}],
    "article-retitled": [{"docs/artikel.md": _article("Ein neuer Titel",
                                                      "Hier geht es um Beta\nGamma und Delta.")}],
}


def _build(project: Project) -> tuple[int, int]:
    """The build's term pages taken from the cache, of all."""
    result = project.build(strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    ((hits, total),) = re.findall(r"(\d+) of (\d+) term pages from the cache", result.stderr)
    return int(hits), int(total)


def _commit(project: Project, files: dict[str, str | None], message: str) -> None:
    for name, text in files.items():
        path = project.root / name
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-qm", message, date="2026-02-01T10:00:00+00:00")


@pytest.mark.parametrize("case", sorted(EDITS))
def test_edits_only_other_pages_show_leave_a_site_equal_to_a_cold_build(tmp_path: Path, case: str) -> None:
    project = copy_project(tmp_path / "project", {})
    (project.root / ".gitignore").write_text(".cache/\nsite/\n", encoding="utf-8")
    git(project.root, "init", "-q", "-b", "main")
    _commit(project, BASE, "first")
    _build(project)
    for number, files in enumerate(EDITS[case]):
        _commit(project, files, f"edit {number}")
        hits, total = _build(project)
        assert 0 < hits < total, (hits, total)  # the cache was used, and the edit remade pages
    cold = copy_project(tmp_path / "cold", {})
    shutil.rmtree(cold.glossary)
    shutil.rmtree(cold.root / "docs")
    shutil.copytree(project.glossary, cold.glossary)
    shutil.copytree(project.root / "docs", cold.root / "docs")
    shutil.copytree(project.root / ".git", cold.root / ".git")
    _build(cold)
    assert _differences(project.site, cold.site) == []

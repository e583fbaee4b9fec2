"""Session 10's attacker on the stores kept by content (``engine/mkdocs/history_memo.py``,
``whole_memo.py``): an incremental build writes the site a cold build writes, whatever git did
in between, and a store that cannot be written is one located line, never a traceback.

What broke: the git history is kept under the commit checked out, but what ``git log`` shows of
one commit also followed ``git replace`` (now not followed: a clone has no replace refs) and a
grafts file (now part of the key), and the repository's own settings
(``log.showRoot``, ``log.diffMerges``) changed what the history read from the same commits;
and a store file of the check (reports, entries) that is a folder or a link stopped the build
with a traceback."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.bench.run import change_entry
from tests.builds.test_incremental_outputs import _same_as_cold
from tests.support.git_history import committed_project, git
from tests.support.project import Project, copy_project

pytestmark = pytest.mark.slow  # whole builds; in `make test` all the same


def _project(tmp_path: Path) -> tuple[Project, list[str]]:
    """A small committed project: a first commit, then two commits each editing one entry."""
    project, ids = committed_project(tmp_path)
    for number, day in enumerate(("2026-02-01", "2026-03-01"), start=1):
        change_entry(project.glossary / f"{ids[number]}.yml", f"Stand {number}")
        git(project.root, "commit", "-qam", f"edit {number}", date=f"{day}T10:00:00+00:00")
    return project, ids


def _built(project: Project) -> None:
    result = project.build(strict=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr


def test_a_replaced_commit_and_a_graft_are_in_the_history_as_a_cold_build_reads_it(tmp_path: Path) -> None:
    project, _ = _project(tmp_path)
    _built(project)
    # `git replace`: the middle commit shown with another date; HEAD is the same commit
    middle = git(project.root, "rev-parse", "HEAD~1").strip()
    text = git(project.root, "cat-file", "commit", middle)
    redated = text.replace(" 1769940000 +0000", " 1772000000 +0000")
    assert redated != text
    path = tmp_path / "redated"
    path.write_text(redated, encoding="utf-8")
    replacement = git(project.root, "hash-object", "-t", "commit", "-w", str(path)).strip()
    feed = (project.site / "feed.xml").read_bytes()
    git(project.root, "replace", middle, replacement)
    _built(project)
    _same_as_cold(project, tmp_path, "replaced")
    assert (project.site / "feed.xml").read_bytes() == feed  # not followed: a clone has no replace refs
    git(project.root, "config", "core.useReplaceRefs", "false")
    _built(project)
    _same_as_cold(project, tmp_path, "replacements-off")
    git(project.root, "config", "--unset", "core.useReplaceRefs")
    git(project.root, "replace", "-d", middle)
    _built(project)
    _same_as_cold(project, tmp_path, "unreplaced")

    # A grafts file: the newest commit's parent is the first, the middle one is gone
    head, first = (git(project.root, "rev-parse", name).strip() for name in ("HEAD", "HEAD~2"))
    grafts = project.root / ".git" / "info" / "grafts"
    grafts.parent.mkdir(exist_ok=True)
    grafts.write_text(f"{head} {first}\n", encoding="utf-8")
    _built(project)
    _same_as_cold(project, tmp_path, "grafted")
    grafts.unlink()
    _built(project)
    _same_as_cold(project, tmp_path, "ungrafted")


def test_the_history_is_the_commits_whatever_the_repository_settings_say(tmp_path: Path) -> None:
    """``log.showRoot`` and ``log.diffMerges`` change what ``git log -m --raw`` prints of the
    same commits: the first commit without its files, a merge without its changes. The history
    read then was another (every entry added by no commit), and a store read before the setting
    changed gave a site a cold build does not make."""
    project, ids = _project(tmp_path)
    git(project.root, "checkout", "-q", "-b", "side", "HEAD~1")
    change_entry(project.glossary / f"{ids[4]}.yml", "Zweig")
    git(project.root, "commit", "-qam", "side", date="2026-02-15T10:00:00+00:00")
    git(project.root, "checkout", "-q", "main")
    git(project.root, "merge", "-q", "--no-ff", "side", "-m", "merge", date="2026-04-01T10:00:00+00:00")
    _built(project)
    plain = {path.relative_to(project.site): path.read_bytes() for path in project.site.rglob("*.xml")}
    for name, value in (("log.showRoot", "false"), ("log.diffMerges", "combined")):
        git(project.root, "config", name, value)
        _built(project)
        _same_as_cold(project, tmp_path, f"{name}={value}")
        assert {path.relative_to(project.site): path.read_bytes()
                for path in project.site.rglob("*.xml")} == plain, name
        git(project.root, "config", "--unset", name)


@pytest.mark.parametrize("store", ["reports", "entries", "history"])
@pytest.mark.parametrize("kind", ["folder", "link"])
def test_a_store_file_that_is_a_folder_or_a_link_stops_the_build_with_one_line(
        tmp_path: Path, store: str, kind: str) -> None:
    project, ids = _project(tmp_path)
    _built(project)
    cache = project.root / ".cache" / "lexikon"
    files = sorted(cache.glob(f"{store}-*.json"))
    assert files
    outside = tmp_path / "outside.json"
    outside.write_text("{}", encoding="utf-8")
    for path in files:
        path.unlink()
        if kind == "folder":
            path.mkdir()
        else:
            path.symlink_to(outside)
    # every shard of the store a folder or a link: whatever the build writes meets one
    for shard in range(16):
        path = cache / f"{files[0].name[:-7]}{shard:02d}.json"
        if not path.exists() and not path.is_symlink():
            path.mkdir() if kind == "folder" else path.symlink_to(outside)
    change_entry(project.glossary / f"{ids[5]}.yml", "Neu")
    git(project.root, "commit", "-qam", "another", date="2026-05-01T10:00:00+00:00")
    result = project.build(strict=True)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    if result.returncode != 0:
        assert f".cache/lexikon/{store}-" in result.stdout + result.stderr
    assert outside.read_text(encoding="utf-8") == "{}"  # nothing written through the link
    shutil.rmtree(cache)
    os.makedirs(cache)


def test_a_blobless_clone_keeps_no_history_it_could_not_read_whole(tmp_path: Path) -> None:
    """A blobless clone (``--filter=blob:none``, as CI checkouts may be) lacks the older
    versions, which the history does not fetch: it has no stale-translation notices. Any git
    command that fetches them (``git log -p``, a checkout of an older commit) leaves the same
    commit checked out, and a cold build then shows the notices: the history read without them
    was kept under that commit, and the incremental build showed none."""
    source, _ = _project(tmp_path)
    git(source.root, "config", "uploadpack.allowFilter", "true")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--filter=blob:none", source.root.resolve().as_uri(), str(clone))
    project = Project(clone)
    _built(project)
    git(clone, "log", "-p", "--", "glossary")  # the older versions fetched
    _built(project)
    _same_as_cold(project, tmp_path, "fetched")


def test_an_article_named_in_other_letters_than_ascii_has_its_history(tmp_path: Path) -> None:
    """``git log`` quotes such a name (``core.quotePath``, on by default): the article had no
    history (not in the list of changes nor the feed), and a repository that turned the setting
    off had one that a build kept from before did not show."""
    project = copy_project(tmp_path / "project")  # the site's own glossary and articles
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-qm", "first", date="2026-01-10T10:00:00+00:00")
    _built(project)
    for suffix in (".md", ".da.md"):
        article = (project.root / f"docs/articles/sourcing-entscheiden{suffix}").read_text("utf-8")
        title = article.split("\n", 2)[1]
        (project.root / f"docs/articles/größe-wählen{suffix}").write_text(
            article.replace(title, 'title: "Die richtige Größe"', 1), "utf-8")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-qm", "article", date="2026-02-10T10:00:00+00:00")
    _built(project)
    changes = project.html("changes")
    assert "10.02.2026" in changes and "Die richtige Größe" in changes
    git(project.root, "config", "core.quotePath", "false")
    _built(project)
    _same_as_cold(project, tmp_path, "unquoted")

"""The replaced site's folders kept for the next build (:mod:`lexikon.publish.spare`): files
and links go, never what a link points to; a spare holding anything but folders brings
nothing into the site; empty folders are pruned, no other."""

from __future__ import annotations

from pathlib import Path

from lexikon.publish import building, spare


def _old_site(root: Path) -> Path:
    site = root / "old"
    (site / "terms" / "a").mkdir(parents=True)
    (site / "terms" / "b").mkdir()
    (site / "da" / "terms" / "a").mkdir(parents=True)
    (site / "terms" / "a" / "index.html").write_text("a")
    (site / "index.html").write_text("home")
    (root / "victim").mkdir()
    (root / "victim" / "keep.txt").write_text("keep")
    (site / "terms" / "link").symlink_to(root / "victim")
    return site


def _tree(root: Path) -> list[str]:
    return sorted(path.relative_to(root).as_posix() + ("/" if path.is_dir() else "")
                  for path in root.rglob("*"))


def test_the_replaced_sites_folders_are_the_next_builds(tmp_path: Path) -> None:
    trash = tmp_path / "trash"
    trash.mkdir()
    assert spare.keep_folders(_old_site(tmp_path), trash)
    (kept,) = trash.iterdir()
    assert spare.is_spare(kept.name)
    assert _tree(kept) == ["da/", "da/terms/", "da/terms/a/", "terms/", "terms/a/", "terms/b/"]
    assert (tmp_path / "victim" / "keep.txt").read_text() == "keep"  # the link went, not its target

    folder = tmp_path / ".site.building"
    assert spare.take(trash, folder) == []
    assert list(trash.iterdir()) == []
    (folder / "terms").mkdir()  # already there: the spare's folder stays out
    assert spare.move_in(folder) == 6
    assert _tree(folder) == ["da/", "da/terms/", "da/terms/a/", "terms/"]
    (folder / "da" / "terms" / "a" / "index.html").write_text("a")
    spare.prune(folder)
    assert _tree(folder) == ["da/", "da/terms/", "da/terms/a/", "da/terms/a/index.html"]


def test_a_spare_holding_a_file_or_a_link_brings_nothing(tmp_path: Path) -> None:
    for name, make in (("file", lambda p: p.write_text("stale")),
                       ("link", lambda p: p.symlink_to(tmp_path))):
        trash, folder = tmp_path / f"trash-{name}", tmp_path / f"building-{name}"
        (trash / "spare-1" / "terms" / "a").mkdir(parents=True)
        make(trash / "spare-1" / "terms" / "a" / "index.html")
        spare.take(trash, folder)
        assert spare.move_in(folder) == 0
        assert list(folder.iterdir()) == []


def test_a_link_named_like_a_spare_is_never_taken(tmp_path: Path) -> None:
    trash, folder = tmp_path / "trash", tmp_path / "building"
    (tmp_path / "victim" / "terms").mkdir(parents=True)
    trash.mkdir()
    (trash / "spare-0").symlink_to(tmp_path / "victim")
    assert spare.take(trash, folder) == [trash / "spare-0"]
    assert spare.move_in(folder) == 0
    assert (tmp_path / "victim" / "terms").is_dir()


def test_prune_keeps_folders_with_files_and_links(tmp_path: Path) -> None:
    (tmp_path / "a" / "b" / "c").mkdir(parents=True)
    (tmp_path / "d" / "e").mkdir(parents=True)
    (tmp_path / "d" / "e" / "f.html").write_text("f")
    (tmp_path / "g").mkdir()
    (tmp_path / "g" / "to-d").symlink_to(tmp_path / "d")
    spare.prune(tmp_path)
    assert _tree(tmp_path) == ["d/", "d/e/", "d/e/f.html", "g/", "g/to-d/"]


def test_a_swap_keeps_the_old_sites_folders_and_the_next_begin_takes_them(tmp_path: Path) -> None:
    project, site = tmp_path / "project", tmp_path / "project" / "site"
    (site / "terms" / "a").mkdir(parents=True)
    (site / "terms" / "a" / "index.html").write_text("old")
    first = building.begin(site, project)
    (first.folder / "terms" / "a").mkdir(parents=True)
    (first.folder / "terms" / "a" / "index.html").write_text("new")
    (first.folder / "empty").mkdir()
    first.finish()
    assert _tree(site) == ["terms/", "terms/a/", "terms/a/index.html"]  # no empty folder
    assert (site / "terms" / "a" / "index.html").read_text() == "new"
    spares = [entry for entry in (project / building.TRASH).iterdir() if spare.is_spare(entry.name)]
    assert len(spares) == 1 and _tree(spares[0]) == ["terms/", "terms/a/"]

    second = building.begin(site, project)
    assert spare.move_in(second.folder) == 2
    assert _tree(second.folder) == ["terms/", "terms/a/"]
    second.discard()
    assert (site / "terms" / "a" / "index.html").read_text() == "new"


def test_a_build_failing_before_it_used_its_spare_gives_it_back(tmp_path: Path) -> None:
    project, site = tmp_path / "project", tmp_path / "project" / "site"
    (site / "terms" / "a").mkdir(parents=True)
    first = building.begin(site, project)
    (first.folder / "terms" / "a").mkdir(parents=True)  # a spare keeps the folders the new site has
    (first.folder / "terms" / "a" / "index.html").write_text("page")
    first.finish()  # the first site's folders: a spare
    failed = building.begin(site, project)
    assert (failed.folder / spare.HIDDEN / "terms" / "a").is_dir()
    failed.discard()  # a check error: no on_nav, the spare untouched
    assert not failed.folder.exists()
    (kept,) = (entry for entry in (project / building.TRASH).iterdir() if spare.is_spare(entry.name))
    assert _tree(kept) == ["terms/", "terms/a/"]


def test_a_spare_folder_where_the_build_writes_a_file_goes(tmp_path: Path) -> None:
    """A replaced site's ``extra/`` (a docs folder then) where this build copies a file ``extra``
    (MkDocs copies a file onto a folder into it: ``extra/extra``)."""
    trash, folder = tmp_path / "trash", tmp_path / "building"
    (trash / "spare-site-1" / "extra" / "deeper").mkdir(parents=True)
    (trash / "spare-site-1" / "terms" / "a").mkdir(parents=True)
    spare.take(trash, folder)
    (folder / "kept").mkdir()
    (folder / "kept" / "page.html").write_text("written by an earlier pass")
    spare.settle(folder, ["extra", "kept", "terms/a/index.html"])
    assert _tree(folder) == ["kept/", "kept/page.html", "terms/", "terms/a/"]

"""Each language's Pagefind page list walks that language's tree only (issue 17: each of the two
bundles walked the whole site, ~2,000 folders, every build): the same pages, in the same order,
as the whole site's walk filtered by language, with no folder of another tree or of a
``pagefind/`` bundle walked."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from lexikon.publish import pagefind

ROOTS = {"de": "", "da": "da/", "sv": "da/sv/"}


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    names = ["index.html", "a/index.html", "a/b.html", "da.html", "dax/index.html", "pagefind/x.html",
             "a/pagefind/index.html", "da/index.html", "da/terms/x/index.html", "da/pagefind/f.html",
             "da/sv/index.html", "da/sv/pagefind/g.html", "da/svx/index.html", ".hidden/y.html", "b.HTML"]
    for name in names:
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(f"<main data-pagefind-body>{name}</main>")
    os.symlink(site / "a", site / "link.html")  # a link to a folder: named, not followed
    return site


def _layout() -> SimpleNamespace:
    return SimpleNamespace(settings=SimpleNamespace(codes=list(ROOTS)), use_directory_urls=True,
                           root=ROOTS.__getitem__)


def _expected(site: Path, only: set[str]) -> dict[str, list[tuple[str, Path]]]:
    """The whole site walked and sorted into languages, as each bundle's list was made."""
    roots = sorted(ROOTS.items(), key=lambda pair: -len(pair[1]))
    pages: dict[str, list[tuple[str, Path]]] = {code: [] for code in ROOTS if code in only}
    for relative in pagefind._html_files(str(site)):
        code, root = next((c, r) for c, r in roots if relative.startswith(r))
        inside = relative[len(root):]
        if code not in pages or inside.split("/", 1)[0] == pagefind.PAGEFIND_DIR:
            continue
        pages[code].append(("/" + inside.removesuffix("index.html"), site / relative))
    return pages


@pytest.mark.parametrize("only", [{"de"}, {"da"}, {"sv"}, {"de", "da", "sv"}])
def test_each_language_walks_its_tree_only(tmp_path: Path, only: set[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site(tmp_path)
    (site / "link.html").unlink()  # a folder named *.html is read as a page by both (an error)
    expected = _expected(site, only)
    walked: list[str] = []
    real_walk = os.walk

    def walk(top: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        for step in real_walk(top, *args, **kwargs):  # type: ignore[arg-type]
            walked.append(os.path.relpath(step[0], site))
            yield step
    monkeypatch.setattr(os, "walk", walk)
    assert pagefind.pagefind_pages(site, _layout(), only=only) == expected  # type: ignore[arg-type]
    assert expected[sorted(only)[0]]
    trees = {ROOTS[code].rstrip("/") or "." for code in only}
    for folder in walked:
        tree = max((root.rstrip("/") or "." for root in ROOTS.values()
                    if root == "" or folder == root.rstrip("/") or folder.startswith(root)), key=len)
        assert tree in trees, folder  # main walked every folder of the site for each language
        assert "pagefind" not in folder.split(os.sep)[len(tree.split("/")) - (tree == "."):][:1], folder


def test_a_linked_language_tree_is_not_walked(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "link.html").unlink()
    elsewhere = tmp_path / "elsewhere"
    (site / "da").rename(elsewhere)
    os.symlink(elsewhere, site / "da")
    assert pagefind.pagefind_pages(site, _layout(), only={"da", "sv"}) == {"da": [], "sv": []}  # type: ignore[arg-type]
    assert pagefind.pagefind_pages(site, _layout(), only={"de"}) == _expected(site, {"de"})  # type: ignore[arg-type]

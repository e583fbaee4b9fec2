"""Pagefind's page list walks the site with ``os.walk`` and strings (no Path per file: ~2,000
folders every build); the order and the names must stay ``sorted(Path.rglob("*.html"))``'s,
which the bundle's key and its staging follow."""

from __future__ import annotations

import os
from pathlib import Path

from lexikon.publish.pagefind import _html_files


def test_the_walk_is_rglobs_order_and_names(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for folder in ("a", "a-b", "a.html", ".hidden", "da/terms/x", "da/pagefind/fragment"):
        (site / folder).mkdir(parents=True)
    for name in ("a/x.html", "a-b/x.html", "a.html/z.html", ".html", ".hidden/y.html", "b.HTML",
                 "index.html", "da/index.html", "da/terms/x/index.html", "da/pagefind/fragment/f.pf"):
        (site / name).write_text("x")
    os.symlink(site / "a", site / "link.html")  # a link to a folder: named, not followed
    os.symlink(site / "da", site / "linked")
    expected = [path.relative_to(site).as_posix() for path in sorted(site.rglob("*.html"))]
    assert "a/x.html" in expected and "linked/index.html" not in expected
    assert _html_files(str(site)) == expected
    assert _html_files(str(site) + "/") == expected

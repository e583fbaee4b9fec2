"""The built site as a whole: every internal link resolves, and the same input builds the
same bytes."""

from __future__ import annotations

import hashlib
import os
import posixpath
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.support.project import Project


class _Page(HTMLParser):
    """Links out of a page and the anchors it offers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.anchors.add(values["id"])  # type: ignore[arg-type]
        if tag == "a" and values.get("name"):
            self.anchors.add(values["name"])  # type: ignore[arg-type]
        attribute = {"a": "href", "link": "href", "script": "src", "img": "src"}.get(tag)
        if attribute and values.get(attribute):
            if tag == "link" and values.get("rel") in ("canonical",):
                return
            self.links.append(values[attribute])  # type: ignore[arg-type]


def _read(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8"))
    return page


def _target(site: Path, page: Path, link: str) -> tuple[Path, str] | None:
    """The file and anchor an internal link points at (None for links that leave)."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:")):
        return None
    if parts.path.startswith("/"):  # the 404 page links from the root
        base = site
        path = parts.path.lstrip("/")
    else:
        base = page.parent
        path = parts.path
    target = (base / unquote(path)) if path else page
    target = Path(posixpath.normpath(target.as_posix()))
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)


def test_every_internal_link_and_anchor_resolves(built_site: Project) -> None:
    site = built_site.site
    pages = {path: _read(path) for path in site.rglob("*.html")}
    broken = []
    for page, parsed in pages.items():
        for link in parsed.links:
            resolved = _target(site, page, link)
            if resolved is None:
                continue
            target, anchor = resolved
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {link} (no {target.relative_to(site)})")
            elif anchor and target.suffix == ".html":
                anchors = (pages.get(target) or _read(target)).anchors
                if anchor not in anchors:
                    broken.append(f"{page.relative_to(site)}: {link} (no #{anchor})")
    assert len(pages) > 20
    assert broken == []


def _digest(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_two_builds_of_the_same_input_are_byte_identical(make_project) -> None:
    project: Project = make_project()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://lexikon.example/",
           "SOURCE_DATE_EPOCH": "1764000000"}
    digests = []
    for name in ("one", "two"):
        target = project.root / name
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(target)],
                                cwd=project.root, env=env, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        digests.append(_digest(target))
    assert "sitemap.xml" in digests[0]
    assert digests[0] == digests[1]

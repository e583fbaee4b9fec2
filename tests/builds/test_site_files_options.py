"""Real builds with MkDocs' ``exclude_docs`` and ``use_directory_urls: false``: the docs/ check
(:mod:`lexikon.check.site_files`) lets through what MkDocs never copies, the site has the
right files, and the refusals still happen where a file really is in the way. Unit cases:
``tests/unit/check/test_site_files_options.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

from lexikon.core.settings import settings_from_file
from lexikon.core.site_files import copied_to, own_files
from tests.builds.test_attack_s12a import PROBES, _project
from tests.support.project import Project

pytestmark = pytest.mark.slow  # whole builds; in `make test` all the same

EXCLUDED = ("feed.de.xml", "glossary.json", "da/404.html", "drafts/print/index.html", "sitemap.xml/a.bak",
            "search.old/search_index.da.json", "notes.tmp", "k3/README.da.html")
"""Each lands on one of the build's files, or inside one, unless left out."""
EXCLUDE_DOCS = "/feed.de.xml\n/glossary.json\nda/404.html\ndrafts/\n*.bak\n*.old/\n*.tmp\n!keep.tmp\nk3/\n"


def _configure(project: Project, extra: str) -> None:
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "strict: false\n" in text
    config.write_text(text.replace("strict: false\n", f"strict: false\n{extra}"), encoding="utf-8")


def _landed(project: Project, probes: tuple[str, ...]) -> dict[str, list[str]]:
    landed: dict[str, list[str]] = {probe: [] for probe in probes}
    for path in project.site.rglob("*"):
        if path.is_file() and path.stat().st_size < 200 and path.read_bytes().startswith(b"PROBE "):
            landed[path.read_text(encoding="utf-8")[6:].strip()].append(path.relative_to(project.site).as_posix())
    return landed


def _expected(project: Project, probes: tuple[str, ...]) -> dict[str, list[str]]:
    settings = settings_from_file(project.root / "mkdocs.yml")
    lands = {probe: copied_to(probe, settings) for probe in probes}
    return {probe: [] if there is None else [there] for probe, there in lands.items()}


def test_what_exclude_docs_leaves_out_is_not_refused_and_not_copied(tmp_path: Path) -> None:
    project = _project(tmp_path)
    _configure(project, "exclude_docs: |\n" + "".join(f"  {line}\n" for line in EXCLUDE_DOCS.splitlines()))
    probes = (*PROBES, *EXCLUDED, "keep.tmp")
    for probe in probes:
        project.write(f"docs/{probe}", f"PROBE {probe}\n")
    checked = project.lexicon("check")
    assert "docs/" not in checked.stdout, checked.stdout
    result = project.build()
    assert result.returncode == 0, result.stderr[-3000:]
    landed = _landed(project, probes)
    assert landed == _expected(project, probes)
    assert landed["keep.tmp"] == ["keep.tmp"] and not any(landed[name] for name in EXCLUDED)
    assert (project.site / "feed.xml").read_text(encoding="utf-8").startswith("<?xml")  # ours
    assert (project.site / "glossary.json").read_text(encoding="utf-8").startswith("{")
    project.write("docs/da/feed.de.xml", "PROBE da/feed.de.xml\n")  # lands on da/feed.xml: not excluded
    refused = project.build()
    assert refused.returncode != 0
    assert "docs/da/feed.de.xml:1:1: error: the build writes its Atom feed at da/feed.xml" in refused.stderr


def test_without_directory_urls_files_land_where_the_check_says(tmp_path: Path) -> None:
    """The pages are ``x.html`` files and static-i18n keeps a folder's suffix: each probe lands
    where ``copied_to`` says; each generated page's file the check lists is in the site."""
    project = _project(tmp_path)
    _configure(project, "use_directory_urls: false\n")
    probes = (*PROBES, "x.da/index.da.html", "terms.da/y.da.txt", "print/index.html", "terms/z/index.html")
    for probe in probes:
        project.write(f"docs/{probe}", f"PROBE {probe}\n")
    result = project.build(strict=False)  # MkDocs warns in this mode (links to folders)
    assert result.returncode == 0, result.stderr[-3000:]
    assert _landed(project, probes) == _expected(project, probes)
    settings = settings_from_file(project.root / "mkdocs.yml")
    for path in own_files(settings):
        if path.endswith(".html") and "404" not in path:
            assert (project.site / path).is_file(), path
    term = sorted(path.stem for path in project.glossary.glob("*.yml") if not path.name.startswith("_"))[0]
    assert (project.site / "terms" / f"{term}.html").is_file()
    assert (project.site / "da" / "print.html").is_file()
    project.write(f"docs/terms/{term}.da.html", "an editor's page\n")  # on the Danish term page
    refused = project.build(strict=False)
    assert refused.returncode != 0
    said = f"docs/terms/{term}.da.html:1:1: error: the build writes a term page at da/terms/{term}.html"
    assert said in refused.stdout + refused.stderr
    assert said in project.lexicon("check").stdout  # lexicon check reads the mode from mkdocs.yml


def test_lexicon_render_out_leaves_out_what_exclude_docs_leaves_out(tmp_path: Path) -> None:
    """The check lets an excluded ``docs/glossary.json/`` through; ``lexicon render --out``
    copied it all the same, and stopped on its copy (``out/de/docs/glossary.json: error: is a
    folder``). It copies ``docs/`` as MkDocs does now: without what ``exclude_docs`` leaves out."""
    project = _project(tmp_path)
    _configure(project, "exclude_docs: |\n  /glossary.json/\n  /feed.xml\n")
    project.write("docs/glossary.json/x.txt", "an editor's notes\n")
    project.write("docs/feed.xml", "an editor's draft\n")
    project.write("docs/kept.txt", "kept\n")
    result = project.lexicon("render", "--out", "out")
    assert result.returncode == 0, result.stdout + result.stderr
    out = project.root / "out" / "de" / "docs"
    assert (out / "glossary.json").is_file() and (out / "kept.txt").read_text(encoding="utf-8") == "kept\n"
    assert (out / "feed.xml").read_text(encoding="utf-8").startswith("<?xml")
    assert (project.root / "docs" / "feed.xml").read_text(encoding="utf-8") == "an editor's draft\n"


def test_an_article_exclude_docs_leaves_out_is_not_listed(tmp_path: Path) -> None:
    """MkDocs never builds a page ``exclude_docs`` leaves out, yet the article reader took it:
    the articles index linked to ``drafts/x/``, a page that is not there (strict build green)."""
    project = _project(tmp_path)
    _configure(project, "exclude_docs: |\n  drafts/\n")
    for suffix, text in (("", "Ein Entwurf von Hand."), (".da", "Et udkast i hånden.")):
        project.write(f"docs/drafts/x{suffix}.md", f"---\ntitle: Entwurf von Hand\n---\n\n{text}\n")
        project.write(f"docs/kept/y{suffix}.md", f"---\ntitle: Behalten\n---\n\n{text}\n")
    result = project.build()
    assert result.returncode == 0, result.stderr[-3000:]
    assert not (project.site / "drafts").exists() and (project.site / "kept" / "y" / "index.html").is_file()
    for index in ("articles/index.html", "da/articles/index.html"):
        listed = (project.site / index).read_text(encoding="utf-8")
        assert "kept/y/" in listed and "drafts/x" not in listed and "Entwurf von Hand" not in listed
    assert "drafts/x" not in (project.site / "glossary.json").read_text(encoding="utf-8")

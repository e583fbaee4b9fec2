"""The theme's files and static-i18n's per-pass files, made with less work (issue 17: ~0.4 CPU-s
of a build with no change at 1,000 terms), are exactly what MkDocs and static-i18n make: the
same theme files, and i18n files whose every attribute is the original's."""

from __future__ import annotations

import copy
import itertools
import os
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest
from mkdocs.structure.files import File, Files, InclusionLevel

from lexikon.engine.mkdocs import file_listing

file_listing.install()
ORIGINAL_THEME = file_listing._ORIGINAL["theme"]
ORIGINAL_I18N = file_listing._ORIGINAL["i18n"]


def _theme(tmp_path: Path) -> list[str]:
    """Two theme folders with what MkDocs' filter keeps and drops, a dot folder of many files."""
    first, second = tmp_path / "custom", tmp_path / "theme"
    names = {first: ["main.html", "assets/x.css", ".hidden.css", "a./b.js", "partials/.cache/z.js",
                     "README.md", "img/readme.png", "x.py"],
             second: ["assets/x.css", "assets/y.js", "404.html", "mkdocs_theme.yml", "locales/de.yml",
                      "fonts/f.woff2", "dir.with.dots/f.svg", "a/b/c/d.txt", "a/.git/e.txt"]
             + [f".icons/set{n // 50}/icon{n}.svg" for n in range(300)]}
    for folder, files in names.items():
        for name in files:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(name)
    (second / "linked").symlink_to(second / "fonts")
    return [str(first), str(second)]


def _config(dirs: list[str], tmp_path: Path) -> SimpleNamespace:
    return SimpleNamespace(theme=SimpleNamespace(dirs=dirs, static_templates=["404.html", "sitemap.xml"]),
                           site_dir=str(tmp_path / "site"), use_directory_urls=True)


def test_the_theme_files_are_mkdocs_own_without_walking_dot_folders(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    dirs = _theme(tmp_path)
    config = _config(dirs, tmp_path)
    docs = File("assets/y.js", str(tmp_path / "docs"), config.site_dir, True)  # docs win over the theme
    made = {}
    for name, add in (("mkdocs", ORIGINAL_THEME), ("ours", Files.add_files_from_theme)):
        files = Files([copy.copy(docs)])
        add(files, jinja2.Environment(loader=jinja2.FileSystemLoader(dirs)), config)
        made[name] = [(f.src_uri, f.abs_src_path, f.dest_uri, f.url) for f in files]
    assert made["ours"] == made["mkdocs"]
    assert ("fonts/f.woff2", os.path.join(dirs[1], "fonts/f.woff2"), "fonts/f.woff2", "fonts/f.woff2") \
        in made["ours"]
    walked: list[str] = []
    real_walk = os.walk

    def walk(top: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        for step in real_walk(top, *args, **kwargs):  # type: ignore[arg-type]
            walked.append(step[0])
            yield step
    monkeypatch.setattr(os, "walk", walk)
    Files.add_files_from_theme(Files([]), jinja2.Environment(loader=jinja2.FileSystemLoader(dirs)), config)
    assert walked and not [folder for folder in walked if "/." in folder]  # 6 .icons folders on main


def test_a_loader_or_filter_it_cannot_vouch_for_gets_jinjas_own_listing(tmp_path: Path) -> None:
    dirs = _theme(tmp_path)
    choice = jinja2.Environment(loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(dirs)]))
    listing = file_listing._Listing(choice)
    assert listing.list_templates(filter_func=lambda name: True) == choice.list_templates()
    plain = jinja2.Environment(loader=jinja2.FileSystemLoader(dirs))
    names = file_listing._Listing(plain).list_templates(filter_func=lambda name: "icon" in name)
    assert len(names) == 300  # a filter not MkDocs': dot folders walked

    def filter(name: str) -> bool:  # named as MkDocs' own, but keeps a dotted name
        return not name.startswith(".")
    filter.__qualname__ = file_listing._MKDOCS_FILTER
    assert file_listing._Listing(plain).list_templates(filter_func=filter) == plain.list_templates(
        filter_func=filter)


LANGUAGES = ["de", "da", "en"]
NAMES = ["index.md", "README.md", "README.da.md", "index.da.md", "terms/x.md", "terms/x.da.md",
         "terms/x.y.da.md", "terms/x.fr.md", "terms/x.xx.md", "a/README.da.md", "a/index.da.md",
         "a.da/b.da.md", "a.b/c.md", "img/p.da.png", "img/p.png", "x..da.md", "x.da..md", "x.md.da",
         ".hidden.md", "a/.b/c.da.md", "n/README.html", "n/README.da.html", "n/x.README.da.md",
         "deep/er/than/that.da.md", "Name With Space.da.md", "ümlaut/straße.da.md", "x.DA.md", "x.de-CH.md"]


def _state(file: File) -> dict:
    """Every attribute, the alternates by their keys (each holds the file itself)."""
    state = dict(vars(file))
    alternates = state.pop("alternates", None)
    return {**state, "alternates": None if alternates is None else {key: value is file
                                                                     for key, value in alternates.items()}}


@pytest.mark.parametrize("directory_urls", [True, False])
def test_i18n_files_are_static_i18ns_own(tmp_path: Path, directory_urls: bool,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    config = SimpleNamespace(docs_dir=str(tmp_path / "docs"), site_dir=str(tmp_path / "site"),
                             use_directory_urls=directory_urls)
    originals = []

    def counted(*args: object) -> File:
        originals.append(args[0])
        return ORIGINAL_I18N(*args)
    monkeypatch.setitem(file_listing._ORIGINAL, "i18n", counted)
    for name, current, inclusion in itertools.product(NAMES, ["de", "da"], [InclusionLevel.INCLUDED,
                                                                             InclusionLevel.NOT_IN_NAV]):
        source = File(name, config.docs_dir, config.site_dir, directory_urls, inclusion=inclusion)
        theirs, ours = copy.copy(source), copy.copy(source)
        made = ORIGINAL_I18N(theirs, current, "de", LANGUAGES, config)
        mine = file_listing.create_i18n_file(ours, current, "de", LANGUAGES, config)
        assert _state(mine) == _state(made), name
        assert _state(ours) == _state(theirs), name  # the file it was made from, as the original leaves it
    assert not originals  # each, with pathlib, on main; the odd ones take core.i18n_suffix's pathlib steps


def test_with_debug_logging_static_i18ns_own_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs_static_i18n import suffix

    config = SimpleNamespace(docs_dir=str(tmp_path), site_dir=str(tmp_path / "site"), use_directory_urls=True)
    called = []
    monkeypatch.setitem(file_listing._ORIGINAL, "i18n", lambda *args: called.append(args) or "original")
    monkeypatch.setattr(suffix.log, "isEnabledFor", lambda level: True)
    assert file_listing.create_i18n_file(File("x.da.md", str(tmp_path), "site", True), "da", "de",
                                         LANGUAGES, config) == "original"
    assert called

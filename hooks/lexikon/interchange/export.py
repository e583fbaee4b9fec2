"""Exports of the checked glossary for other tools: every format of
:data:`lexikon.core.formats.EXPORT_FORMATS`, written by its module (:mod:`.json_export`,
:mod:`.csv_format`, :mod:`.tbx`, :mod:`.skos`).

Pure functions from a checked :class:`~lexikon.core.model.Glossary` to file contents; only
:func:`write_exports` touches the disk. Nothing here imports MkDocs: the build hook and
``lexicon export`` call the same functions. Every output is reproducible: no timestamps,
keys sorted, entries in id order, languages in the configured order (the default first).
All files are UTF-8, in Unicode NFC: every import composes what it reads (``é``, not ``e`` and
a combining accent; the check compares names in NFC too), so an entry written decomposed
comes out as it comes back, and export, import, export again gives the same files.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import IO

from lexikon.core import formats
from lexikon.core.articles import Article
from lexikon.core.layout import SiteLayout
from lexikon.core.model import Glossary
from lexikon.core.queries import published
from lexikon.core.safe_write import WriteRefused, checked, make_folder, shown, write_bytes
from lexikon.core.settings import Settings, stable_iri
from lexikon.interchange.csv_format import glossary_all_csv, glossary_csv
from lexikon.interchange.export_text import UrlOf
from lexikon.interchange.json_articles import ArticleUrl
from lexikon.interchange.json_export import glossary_json, glossary_schema_json
from lexikon.interchange.skos import SiteTexts, glossary_jsonld, glossary_turtle
from lexikon.interchange.table_csv import table_csv
from lexikon.interchange.tbx import glossary_martif, glossary_tbx
from lexikon.interchange.vale import vale_rule

Knowledge = tuple[Sequence[Article], ArticleUrl | None]
"""The knowledge base's articles and their pages' addresses, for ``glossary.json``."""


def page_url_of(settings: Settings, base_url: str = "", use_directory_urls: bool = True) -> UrlOf:
    """Page URLs without MkDocs (for ``lexicon export``), laid out as the site lays them out.

    ``base_url`` is the site's address (``SITE_URL``); without it the URLs are relative to
    the site's root, where the exports are written.
    """
    layout = SiteLayout(settings, use_directory_urls, base_url or None)

    def url_of(lang: str, entry_id: str) -> str:
        return layout.absolute_url(lang, layout.term(entry_id))

    return url_of


def _writers(glossary: Glossary, settings: Settings, url_of: UrlOf, scheme_iri: str,
             texts: tuple[SiteTexts, SiteTexts], delimiter: str = ",",
             knowledge: Knowledge = ((), None)) -> dict[str, Callable[[str], str]]:
    """Each format's writer by its stable name; it takes the language (per-language formats),
    or the two (per pair). ``texts``: the site's name and description (SKOS has them per
    language, TBX the name in the default language); ``delimiter`` separates the CSV cells."""
    names, description = texts
    title = names if isinstance(names, str) else names.get(settings.default_language, "Lexikon")
    return {
        formats.CSV_ALL.name: lambda _: glossary_all_csv(glossary, url_of, delimiter),
        formats.JSON.name: lambda _: glossary_json(glossary, settings, url_of, *knowledge),
        formats.JSON_SCHEMA.name: lambda _: glossary_schema_json(glossary),
        formats.CSV.name: lambda lang: glossary_csv(glossary, lang, url_of, delimiter),
        formats.TABLE_CSV.name: lambda lang, other: table_csv(glossary, (lang, other), url_of, delimiter),
        formats.TBX.name: lambda _: glossary_tbx(glossary, settings, url_of, title=title),
        formats.MARTIF.name: lambda _: glossary_martif(glossary, settings, url_of, title=title),
        formats.TURTLE.name: lambda _: glossary_turtle(glossary, url_of, scheme_iri=scheme_iri, title=names,
                                                       description=description),
        formats.JSONLD.name: lambda _: glossary_jsonld(glossary, url_of, scheme_iri=scheme_iri, title=names,
                                                       description=description),
        formats.VALE.name: lambda lang: vale_rule(glossary, lang),
    }


def export_files(glossary: Glossary, settings: Settings, url_of: UrlOf, *, scheme_iri: str = "./",
                 title: SiteTexts = "Lexikon", description: SiteTexts = "",
                 delimiter: str = ",", knowledge: Knowledge = ((), None),
                 only: Collection[str] | None = None) -> dict[str, str]:
    """Every export file's name and text, sorted by name; drafts left out (as from the pages).
    ``title`` and ``description``: the site's, per language (``site_texts``) or one string;
    ``only``: these formats' files (by name), not all."""
    writers = _writers(published(glossary), settings, url_of, scheme_iri, (title, description), delimiter,
                       knowledge)
    files = {}
    for fmt in (f for f in formats.EXPORT_FORMATS if only is None or f.name in only):
        for name, languages in fmt.files(glossary.languages):
            files[name] = unicodedata.normalize("NFC", writers[fmt.name](*(languages or ("",))))
    return dict(sorted(files.items()))


def write_exports(glossary: Glossary, settings: Settings, url_of: UrlOf, target_dir: Path, *,
                  scheme_iri: str = "./", title: SiteTexts = "Lexikon", description: SiteTexts = "",
                  root: Path | None = None, delimiter: str = ",", knowledge: Knowledge = ((), None),
                  only: Collection[str] | None = None) -> list[Path]:
    """Write every export into ``target_dir`` (made if missing); the paths written, sorted.

    Nothing is written outside ``root`` (default: ``target_dir`` itself) or through a link.
    """
    root = root or target_dir
    make_folder(target_dir, root)
    written = []
    for name, text in export_files(glossary, settings, url_of, scheme_iri=scheme_iri,
                                   title=title, description=description, delimiter=delimiter,
                                   knowledge=knowledge, only=only).items():
        written.append(write_bytes(target_dir / name, text.encode("utf-8"), root))
    return written


def run_export(settings: Settings, target_dir: Path, *, out: IO[str] | None = None,
               base_url: str | None = None, title: SiteTexts = "Lexikon", description: SiteTexts = "",
               delimiter: str = ",", articles: Callable[[Glossary], Sequence[Article]] | None = None,
               identity: str = "Lexikon") -> int:
    """``lexicon export DIR``: check the glossary, then write the exports; the exit code.

    Page URLs are absolute when ``base_url`` (default: the ``SITE_URL`` environment
    variable, as for the site) is set, else relative to ``DIR``, and the SKOS concepts are then
    named as the site names them (``urn:uuid:`` from ``identity``, its repository or name: a
    relative IRI has no base in a file on disk). The CSV files' cells are
    separated by ``delimiter`` (``,``, ``;`` or a tab). ``articles`` reads the knowledge base's
    articles (with their terms) for ``glossary.json``.
    """
    from lexikon.check.pipeline import run  # the stages; imported here so that the hook's import stays light

    out = out or sys.stdout
    target = checked(target_dir, settings.project_dir)  # refused before the glossary is read
    if target.exists() and not target.is_dir():
        raise WriteRefused(shown(target, settings.project_dir), "exists and is not a folder: name a "
                           "folder to export into (it is made if missing)")
    result = run(settings)
    if result.errors:
        for finding in result.errors:
            out.write(f"{finding}\n")
        out.write(f"lexicon export: {len(result.errors)} error(s) in the glossary: nothing written\n")
        return 1
    base = os.environ.get("SITE_URL", "") if base_url is None else base_url
    url_of = page_url_of(settings, base)
    pages = SiteLayout(settings, True, base or None)
    knowledge = (articles(result.glossary) if articles else (), pages.absolute_url)
    scheme_iri = base.rstrip("/") + "/" if base else stable_iri(identity, "concept-scheme")
    paths = write_exports(result.glossary, settings, url_of, target_dir, scheme_iri=scheme_iri, title=title,
                          description=description, root=settings.project_dir, delimiter=delimiter,
                          knowledge=knowledge)
    for path in paths:
        out.write(f"wrote {shown(path, settings.project_dir)}\n")
    if not base:
        out.write("note: no SITE_URL (or --site-url): page addresses are relative to the folder, the "
                  "SKOS concepts are named by urn:uuid IRIs as on the site; give the address for both\n")
    return 0


__all__ = ["UrlOf", "export_files", "page_url_of", "run_export", "write_exports"]

"""The commands that bring terms in from other tools and write them out for them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lexikon.cli.arguments import CODES, DRY_RUN, EXIT_USAGE, arg
from lexikon.core.settings import Settings, read_config, site_texts

# Each command's module is imported where it runs (see main.py).


def _import(args: argparse.Namespace, settings: Settings) -> int:
    from lexikon.interchange.article import run_import

    if not args.file.is_file():
        print(f"lexicon import: {args.file} not found", file=sys.stderr)
        return EXIT_USAGE
    if _is_rdf(args.file):
        print(f"lexicon import: {args.file} is a SKOS/RDF file, not an article: use "
              f"'lexicon import-skos {args.file}'", file=sys.stderr)
        return EXIT_USAGE
    return run_import(settings, args.file, args.lang, entry_id=args.entry_id, dry_run=args.dry_run,
                      out=sys.stdout)


def _import_tbx(args: argparse.Namespace, settings: Settings) -> int:
    from lexikon.interchange.languages import MapProblem, language_map
    from lexikon.interchange.tbx import run_import_tbx

    if not args.file.is_file():
        print(f"lexicon import-tbx: {args.file} not found", file=sys.stderr)
        return EXIT_USAGE
    try:
        maps = language_map(args.map or (), settings.codes)
    except MapProblem as err:
        print(f"lexicon import-tbx: {err}", file=sys.stderr)
        return EXIT_USAGE
    return run_import_tbx(settings, args.file, dry_run=args.dry_run, out=sys.stdout, maps=maps)


def _import_csv(args: argparse.Namespace, settings: Settings) -> int:
    from lexikon.interchange.csv_format import run_import_csv

    if not args.file.is_file():
        print(f"lexicon import-csv: {args.file} not found", file=sys.stderr)
        return EXIT_USAGE
    return run_import_csv(settings, args.file, args.lang, dry_run=args.dry_run, out=sys.stdout)


def _is_rdf(path: Path) -> bool:
    from lexikon.interchange.skos_source import rdf_format

    with path.open("rb") as stream:
        return rdf_format(path.name, stream.read(2000).decode("utf-8", "replace")) is not None


def _import_skos(args: argparse.Namespace, settings: Settings) -> int:
    from lexikon.interchange.languages import MapProblem, language_map
    from lexikon.interchange.skos_read import run_import_skos

    if not args.file.is_file():
        print(f"lexicon import-skos: {args.file} not found", file=sys.stderr)
        return EXIT_USAGE
    try:
        mapping = language_map(args.map, settings.codes)
    except MapProblem as err:
        print(f"lexicon import-skos: {err}", file=sys.stderr)
        return EXIT_USAGE
    return run_import_skos(settings, args.file, mapping=mapping, dry_run=args.dry_run, out=sys.stdout)


def _delimiter(value: str) -> str:
    """``--delimiter``: ``,``, ``;``, or ``tab`` (or a tab character)."""
    from lexikon.interchange.csv_write import DELIMITERS

    if value not in DELIMITERS:
        raise argparse.ArgumentTypeError(f"'{value}' is not one of , ; tab")
    return DELIMITERS[value]


# export -----------------------------------------------------------------------
def _export(args: argparse.Namespace, settings: Settings) -> int:
    from lexikon.cli.stats import knowledge_base
    from lexikon.interchange.export import run_export

    return run_export(settings, args.dir, out=sys.stdout, base_url=args.site_url, delimiter=args.delimiter,
                      title=site_texts(args.config_file, "site_name") or "Lexikon",
                      description=site_texts(args.config_file, "site_description"),
                      articles=lambda glossary: knowledge_base(glossary, settings),
                      identity=_identity(args.config_file))


def _identity(config_file: Path) -> str:
    """What names the site without an address, as the build says (its repository, else its name)."""
    config = read_config(config_file) if config_file.is_file() else {}
    return str(config.get("repo_url") or config.get("site_name") or "Lexikon")


INTERCHANGE_COMMANDS = [  # as in main.py's table
    ("import", "turn a scraped article into an entry, or into one language block of one", _import, [
        arg("file", type=Path, help="the article: plain text, Markdown or a saved web page (HTML)"),
        arg("--lang", required=True, choices=CODES, help="the article's language"),
        arg("--id", dest="entry_id", help="the entry's id (default: from the title)"),
        arg("--dry-run", action="store_true", help="show the entry, write nothing")]),
    ("export", "write glossary.json, CSV, TBX and SKOS files into DIR", _export, [
        arg("dir", type=Path),
        arg("--site-url", help="absolute addresses from this URL (default: $SITE_URL; "
            "else relative to DIR)"),
        arg("--delimiter", type=_delimiter, default=",", help="between the CSV files' cells: ',' "
            "(default), ';' (German and Danish Excel) or 'tab'")]),
    ("import-tbx", "new entries from a TBX termbase: TBX 2019 (DCA or DCT style) or 2008 martif, "
     "as MultiTerm and the Microsoft Terminology Collection write it (never overwrites)", _import_tbx, [
        arg("file", type=Path),
        arg("--map", action="append", metavar="SOURCE=LANG", help="read the source's language SOURCE "
            "(en, en-US…) as the site's LANG; repeatable. de-DE, de_AT… count as de without it"),
        DRY_RUN]),
    ("import-csv", "new entries, or languages the entries lack, from a spreadsheet", _import_csv, [
        arg("file", type=Path), arg("--lang", choices=CODES, help="the language of columns without "
            "a prefix ('title', not 'de.title'; default: from a file name like glossary.da.csv)"),
        DRY_RUN]),
    ("import-skos", "new entries from a SKOS vocabulary (Turtle, RDF/XML, JSON-LD; never overwrites)",
     _import_skos, [
        arg("file", type=Path),
        arg("--map", action="append", default=[], metavar="FROM=TO",
            help="read language FROM as the site's TO (en=de; repeatable)"), DRY_RUN]),
]

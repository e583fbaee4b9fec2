"""The commands that bring terms in from other tools and write them out for them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lexikon.cli.arguments import CODES, DRY_RUN, EXIT_USAGE, arg
from lexikon.core.settings import Settings

# Each command's module is imported where it runs (see main.py).


def _import(args: argparse.Namespace, settings: Settings) -> int:
    from lexikon.interchange.article import run_import

    if not args.file.is_file():
        print(f"lexicon import: {args.file} not found", file=sys.stderr)
        return EXIT_USAGE
    return run_import(settings, args.file, args.lang, entry_id=args.entry_id, dry_run=args.dry_run,
                      out=sys.stdout)


def _import_tbx(args: argparse.Namespace, settings: Settings) -> int:
    from lexikon.interchange.tbx import run_import_tbx

    if not args.file.is_file():
        print(f"lexicon import-tbx: {args.file} not found", file=sys.stderr)
        return EXIT_USAGE
    return run_import_tbx(settings, args.file, dry_run=args.dry_run, out=sys.stdout)


def _import_csv(args: argparse.Namespace, settings: Settings) -> int:
    from lexikon.interchange.csv_format import run_import_csv

    if not args.file.is_file():
        print(f"lexicon import-csv: {args.file} not found", file=sys.stderr)
        return EXIT_USAGE
    return run_import_csv(settings, args.file, args.lang, dry_run=args.dry_run, out=sys.stdout)


# export -----------------------------------------------------------------------
def _export(args: argparse.Namespace, settings: Settings) -> int:
    from lexikon.interchange.export import run_export

    return run_export(settings, args.dir, out=sys.stdout, base_url=args.site_url)


INTERCHANGE_COMMANDS = [  # as in main.py's table
    ("import", "turn a scraped article into an entry, or into one language block of one", _import, [
        arg("file", type=Path, help="the article: plain text, Markdown or a saved web page (HTML)"),
        arg("--lang", required=True, choices=CODES, help="the article's language"),
        arg("--id", dest="entry_id", help="the entry's id (default: from the title)"),
        arg("--dry-run", action="store_true", help="show the entry, write nothing")]),
    ("export", "write glossary.json, CSV, TBX and SKOS files into DIR", _export, [
        arg("dir", type=Path),
        arg("--site-url", help="absolute addresses from this URL (default: $SITE_URL; "
            "else relative to DIR)")]),
    ("import-tbx", "new entries from a TBX termbase (never overwrites)", _import_tbx, [
        arg("file", type=Path), DRY_RUN]),
    ("import-csv", "new entries in one language from a spreadsheet", _import_csv, [
        arg("file", type=Path), arg("--lang", required=True, choices=CODES), DRY_RUN]),
]

"""The ``lexicon`` command: the hook's checks and the editors' tools, without a build."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from lexikon.check.articles import docs_findings
from lexikon.check.cache import FOLDER
from lexikon.check.pipeline import check_only, run
from lexikon.cli.arguments import CODES as _CODES
from lexikon.cli.arguments import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from lexikon.cli.arguments import arg as _arg
from lexikon.cli.interchange import INTERCHANGE_COMMANDS
from lexikon.cli.report import FORMATTERS, json_document
from lexikon.core.model import Finding, Severity
from lexikon.core.paths import shown
from lexikon.core.safe_write import checked, write_text
from lexikon.core.settings import Settings, settings_from_file
from lexikon.interchange.entry_yaml import SCHEMA_FILE

# The other commands' modules are imported where they run: `lexicon check` after an edit
# should take a fraction of a second, most of it the interpreter's start.



def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    config_file = _config_file(argv)
    try:
        settings = settings_from_file(config_file) if config_file.is_file() else None
    except Exception as error:  # an unreadable or broken mkdocs.yml
        return _failed(error, config_file.absolute().parent, "--debug" in argv)
    parser = _parser(settings)
    args = parser.parse_args(argv)
    if settings is None:
        parser.exit(EXIT_USAGE, f"lexicon: {config_file} not found: run in the project folder "
                    "or pass --config-file\n")
    try:
        return args.run(args, settings)
    except Exception as error:
        return _failed(error, settings.project_dir, args.debug)


def _failed(error: Exception, project_dir: Path, debug: bool) -> int:
    """Every failure a sentence (see :mod:`.failures`); the traceback only when asked for."""
    if debug:
        raise error
    from lexikon.core.failures import describe

    print(describe(error, project_dir), file=sys.stderr)
    return EXIT_FAILED


def _config_file(argv: list[str]) -> Path:
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    known, _ = early.parse_known_args(argv)
    return known.config_file


def _parser(settings: Settings | None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lexicon", description=__doc__)
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                        help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    parser.add_argument("--debug", action="store_true",
                        help="on an unexpected failure, show Python's traceback as well")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    codes = settings.codes if settings else None
    for name, help_text, run_it, arguments in _COMMANDS:
        command = commands.add_parser(name, help=help_text)
        for argument in arguments:
            for flags, options in argument(settings) if callable(argument) else [argument]:
                command.add_argument(*flags, **{key: codes if value is _CODES else value
                                                for key, value in options.items()})
        command.set_defaults(run=run_it)
    return parser


def _titles(settings: Settings | None) -> list:
    """``lexicon new``'s ``--title-<code>``, one per language of the site."""
    return [_arg(f"--title-{language.code}", metavar="TITLE", help=f"the title in {language.name}")
            for language in (settings.languages if settings else ())]


# check ------------------------------------------------------------------------
def _check(args: argparse.Namespace, settings: Settings) -> int:
    stale = args.stale or args.strict_stale
    result = (run if stale else check_only)(settings, cache=not args.no_cache)
    findings = list(result.findings)
    complete = len(result.glossary.entries) == result.entry_count  # else it came from the cache without them
    findings += docs_findings(settings, result.glossary if complete else None)  # docs/: the articles
    if stale:  # stale translations (issue 15): notes, or warnings that --strict fails on
        from lexikon.cli.stale import stale_findings

        findings += stale_findings(result.glossary, settings, Severity.WARNING if args.strict_stale
                                   else Severity.NOTE, shown(args.config_file, settings.project_dir))
    if args.files:
        wanted = {shown(path, settings.project_dir) for path in args.files}
        findings = [f for f in findings if f.path in wanted or f.path.endswith("mkdocs.yml")]
        findings += [Finding(shown(path, settings.project_dir), 1, 1, Severity.ERROR,
                             "no such file: check the path (nothing was checked in its place)")
                     for path in args.files if not os.path.lexists(path)]
        findings += _not_checked(args.files, settings, {f.path for f in findings})
    failed = any(f.severity is Severity.ERROR or (args.strict and f.severity is Severity.WARNING)
                 for f in findings)
    sys.stdout.write(FORMATTERS[args.format](findings, result))
    return EXIT_FAILED if failed else EXIT_OK


def _not_checked(files: Sequence[Path], settings: Settings, named: set[str]) -> list[Finding]:
    """An error for each FILE that exists and that the check does not read (``/etc/passwd``,
    ``glossary/sub/x.yml``, a page outside ``docs/``): "0 errors" would say it was checked."""
    from lexikon.check.glossary_files import list_glossary
    from lexikon.core.paths import is_inside

    listing = list_glossary(settings.glossary_dir, settings.project_dir)
    files_read = (*listing.entries, *listing.others, *filter(None, [listing.tags]))
    read = {os.path.abspath(item) for item, _ in files_read}
    return [Finding(display, 1, 1, Severity.ERROR, "the check does not read this file (entries are "
                    f"{shown(settings.glossary_dir, settings.project_dir)}/<id>.yml, articles Markdown files "
                    "in the docs folder): nothing was checked")
            for display, path in ((shown(path, settings.project_dir), path) for path in files)
            if os.path.lexists(path) and os.path.abspath(path) not in read and display not in named
            and not (os.fspath(path).endswith(".md") and is_inside(Path(path), settings.docs_dir))
            and not display.endswith("mkdocs.yml")]


# new --------------------------------------------------------------------------
def _new(args: argparse.Namespace, settings: Settings) -> int:
    from lexikon.core.schema import ID_RULE
    from lexikon.interchange.entry_yaml import new_entry_text

    if not ID_RULE.match(args.id):
        print(f"lexicon new: '{args.id}' is not a valid id: use lowercase ASCII letters, digits "
              "and single hyphens, e.g. 'competitive-advantage'", file=sys.stderr)
        return EXIT_USAGE
    path = settings.glossary_dir / f"{args.id}.yml"
    if path.exists() or path.with_suffix(".yaml").exists():
        print(f"lexicon new: {shown(path, settings.project_dir)} exists already: edit it, or "
              "choose another id", file=sys.stderr)
        return EXIT_FAILED
    titles = {code: getattr(args, f"title_{code.replace('-', '_')}", None) for code in settings.codes}
    text = new_entry_text(settings, {k: v for k, v in titles.items() if v})
    write_text(path, text, settings.project_dir, exclusive=True)
    print(f"created {shown(path, settings.project_dir)}: fill in each title and summary, then "
          "run 'lexicon check'")
    return EXIT_OK


def _new_article(args: argparse.Namespace, settings: Settings) -> int:
    from lexikon.cli.new_article import new_article

    return new_article(args, settings)


# stats ------------------------------------------------------------------------
def _stats(args: argparse.Namespace, settings: Settings) -> int:
    from lexikon.cli.stats import compute_stats, knowledge_base

    glossary = run(settings).glossary
    stats = compute_stats(glossary, settings, knowledge_base(glossary, settings))
    if args.format == "json":
        document = dataclasses.asdict(stats)
        for key in ("coverage", "article_coverage"):
            for item, coverage in zip(document[key], getattr(stats, key), strict=True):
                item["percent"] = round(coverage.percent, 1)
        print(json_document(document))
        return EXIT_OK
    print(f"Entries: {stats.entries}\n")
    print(f"{'Language':<20} {'Entries':>8} {'Coverage':>9}")
    for c in stats.coverage:
        print(f"{c.lang + ' (' + c.name + ')':<20} {c.entries:>8} {c.percent:>8.0f}%")
    print()
    _print_list("Missing translations", [f"{i}: {', '.join(codes)}" for i, codes in stats.missing.items()])
    _print_list("Broken links", [f"{source} → {target}" for source, target in stats.broken_links])
    _print_list("Orphans (no links in or out)", list(stats.orphans))
    unknown = "" if stats.stale_known else " (unknown: history is shallow; fetch with --unshallow)"
    _print_list(f"Stale translations{unknown}", [str(pair) for pair in stats.stale])
    _print_list("Drafts (checked, not published)", list(stats.drafts))
    print(f"\nArticles: {stats.articles}\n")
    print(f"{'Language':<20} {'Articles':>8} {'Coverage':>9}")
    for c in stats.article_coverage:
        print(f"{c.lang + ' (' + c.name + ')':<20} {c.entries:>8} {c.percent:>8.0f}%")
    print()
    lacking = [f"{key}: {', '.join(codes)}" for key, codes in stats.articles_missing.items()]
    _print_list("Articles missing a language", lacking)
    _print_list("Terms no article explains yet", list(stats.unexplained))
    return EXIT_OK


def _print_list(title: str, items: list[str]) -> None:
    print(f"{title}: {len(items) if items else 'none'}")
    for item in items:
        print(f"  {item}")


# render -----------------------------------------------------------------------
def _render(args: argparse.Namespace, settings: Settings) -> int:
    import os

    from lexikon.publish.folder import run_render

    report: list[str] = []
    site_url = os.environ.get("SITE_URL", "") if args.site_url is None else args.site_url
    code = run_render(settings, args.config_file, args.out, args.lang, site_url, report)
    sys.stdout.write("".join(f"{line}\n" for line in report))
    return code


# schema -----------------------------------------------------------------------
def _schema(args: argparse.Namespace, settings: Settings) -> int:
    from lexikon.core.schema import json_schema

    path = settings.glossary_dir / SCHEMA_FILE
    text = json.dumps(json_schema(settings.codes), ensure_ascii=False, indent=2) + "\n"
    checked(path, settings.project_dir)  # a linked schema file is neither read nor written
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    name = shown(path, settings.project_dir)
    if args.check:
        if current != text:
            print(f"{name} is out of date: run 'lexicon schema'", file=sys.stderr)
            return EXIT_FAILED
        print(f"{name} is up to date")
        return EXIT_OK
    write_text(path, text, settings.project_dir)
    print(f"wrote {name}")
    return EXIT_OK


# lint -------------------------------------------------------------------------
def _lint(args: argparse.Namespace, settings: Settings) -> int:
    from lexikon.cli.lint import lint_files
    from lexikon.core.model import Glossary, Result

    findings = sorted(lint_files(args.files, settings, args.lang))
    result = Result(Glossary({}, {}, settings.codes), tuple(findings), len(args.files))
    sys.stdout.write(FORMATTERS[args.format](findings, result, "files"))
    return EXIT_FAILED if findings else EXIT_OK


# the commands -----------------------------------------------------------------
_COMMANDS = [  # name, help, what runs it, its arguments (a callable gives them from the settings)
    ("check", "check the glossary and the articles in docs/ without building the site", _check, [
        _arg("--strict", action="store_true", help="fail on warnings too"),
        _arg("--format", choices=("text", "github", "json"), default="text",
             help="text for people, github for workflow annotations, json for tools"),
        _arg("files", nargs="*", type=Path,
             help="report only on these entry files (links still resolve against all)"),
        _arg("--no-cache", action="store_true",
             help=f"read every file again, ignoring and not updating {FOLDER}/"),
        _arg("--stale", action="store_true",
             help="also note texts older than another language's last change (from git)"),
        _arg("--strict-stale", action="store_true", help="the same as warnings (--strict fails on them)")]),
    ("lint", "look for the lexicon's deprecated terms in any Markdown or text files", _lint, [
        _arg("files", nargs="+", type=Path, help="the files to read (anywhere: they are only read)"),
        _arg("--lang", choices=_CODES, help="their language (default: from the file's name, as in "
             "guide.da.md, or its front matter's 'lang:', else the site's default language)"),
        _arg("--format", choices=("text", "github", "json"), default="text",
             help="text for people, github for workflow annotations, json for tools")]),
    ("new", "start a new entry with a block per language", _new, [
        _arg("id", help="the new term's id: lowercase letters, digits, single hyphens"), _titles]),
    ("new-article", "start a knowledge-base article in docs/, a file per language", _new_article, [
        _arg("slug", help="its name in docs/: lowercase letters, digits, single hyphens; folders "
             "with '/' (articles/sourcing writes docs/articles/sourcing.md and its translations)"),
        _titles]),
    ("stats", "entries, coverage per language, gaps, orphans", _stats, [
        _arg("--format", choices=("text", "json"), default="text")]),
    *INTERCHANGE_COMMANDS,
    ("schema", f"write glossary/{SCHEMA_FILE} for editors", _schema, [
        _arg("--check", action="store_true", help="only check that the file is up to date (exit 1 if not)")]),
    ("render", "write the generated pages as plain Markdown folders, one project per language, "
     "for an engine without hooks", _render, [
        _arg("--out", type=Path, required=True, help="the folder to write into"),
        _arg("--lang", action="append", choices=_CODES, help="only this language (repeatable; default: all)"),
        _arg("--site-url", default=None, help="the published address (default: $SITE_URL)")]),
]


if __name__ == "__main__":
    raise SystemExit(main())

"""The ``lexicon`` command: the hook's checks without a build, for editors and CI."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from .model import Finding, Result, Severity
from .pipeline import run
from .settings import settings_from_file

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="lexicon", description=__doc__)
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                        help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser("check", help="check the glossary without building the site")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--format", choices=("text", "github", "json"), default="text",
                       help="text for people, github for workflow annotations, json for tools")
    check.add_argument("files", nargs="*", type=Path,
                       help="report only on these entry files (links still resolve against all)")
    args = parser.parse_args(argv)
    if not args.config_file.is_file():
        parser.exit(EXIT_USAGE, f"lexicon: {args.config_file} not found: run in the project "
                    "folder or pass --config-file\n")
    return _check(args)


def _check(args: argparse.Namespace) -> int:
    settings = settings_from_file(args.config_file)
    result = run(settings)
    findings = list(result.findings)
    if args.files:
        wanted = {_relative(path, settings.project_dir) for path in args.files}
        findings = [f for f in findings if f.path in wanted or f.path.endswith("mkdocs.yml")]
    failed = any(f.severity is Severity.ERROR or (args.strict and f.severity is Severity.WARNING)
                 for f in findings)
    sys.stdout.write(FORMATTERS[args.format](findings, result))
    return EXIT_FAILED if failed else EXIT_OK


def _relative(path: Path, project_dir: Path) -> str:
    try:
        return path.resolve().relative_to(project_dir.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _summary(findings: list[Finding], result: Result) -> str:
    counts = Counter(f.severity for f in findings)
    return (f"{len(result.glossary.entries)} entries checked: {counts[Severity.ERROR]} error(s), "
            f"{counts[Severity.WARNING]} warning(s), {counts[Severity.NOTE]} note(s)")


def format_text(findings: list[Finding], result: Result) -> str:
    lines = [str(f) for f in findings]
    lines.append(_summary(findings, result))
    return "\n".join(lines) + "\n"


def format_github(findings: list[Finding], result: Result) -> str:
    """Workflow commands: GitHub shows each on the changed line of a pull request."""
    kinds = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}
    lines = []
    for f in findings:
        message = f.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        lines.append(f"::{kinds[f.severity]} file={f.path},line={f.line},col={f.col},"
                     f"title=lexicon {f.severity.value}::{message}")
    lines.append(_summary(findings, result))
    return "\n".join(lines) + "\n"


def format_json(findings: list[Finding], result: Result) -> str:
    counts = Counter(f.severity.value for f in findings)
    document = {
        "entries": len(result.glossary.entries),
        "counts": {s.value: counts[s.value] for s in Severity},
        "findings": [
            {"path": f.path, "line": f.line, "col": f.col, "severity": f.severity.value,
             "message": f.message} for f in findings
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}

if __name__ == "__main__":
    raise SystemExit(main())

"""How ``lexicon check`` tells its findings: lines for people, workflow commands for GitHub,
JSON for tools; each ends with the counts."""

from __future__ import annotations

import json
import re
from collections import Counter

from lexikon.core.escape import github_data, github_property, terminal
from lexikon.core.model import Finding, Result, Severity

_SINGULAR = {"entries": "entry", "files": "file"}


def _summary(findings: list[Finding], result: Result, what: str = "entries") -> str:
    counts = Counter(f.severity for f in findings)
    if result.entry_count == 1:
        what = _SINGULAR.get(what, what)
    return (f"{result.entry_count} {what} checked: {counts[Severity.ERROR]} error(s), "
            f"{counts[Severity.WARNING]} warning(s), {counts[Severity.NOTE]} note(s)")


def format_text(findings: list[Finding], result: Result, what: str = "entries") -> str:
    lines = [str(f) for f in findings]
    lines.append(_summary(findings, result, what))
    return "\n".join(lines) + "\n"


def format_github(findings: list[Finding], result: Result, what: str = "entries") -> str:
    """Workflow commands: GitHub shows each on the changed line of a pull request."""
    kinds = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}
    lines = []
    for f in findings:
        lines.append(f"::{kinds[f.severity]} file={terminal(github_property(f.path))},line={f.line},"
                     f"col={f.col},title=lexicon {f.severity.value}::{terminal(github_data(f.message))}")
    lines.append(_summary(findings, result, what))
    return "\n".join(lines) + "\n"


def format_json(findings: list[Finding], result: Result, what: str = "entries") -> str:
    counts = Counter(f.severity.value for f in findings)
    document = {
        what: result.entry_count,
        "counts": {s.value: counts[s.value] for s in Severity},
        "findings": [
            {"path": f.path, "line": f.line, "col": f.col, "severity": f.severity.value,
             "message": f.message} for f in findings
        ],
    }
    return json_document(document) + "\n"


def json_document(document: object) -> str:
    """A JSON document to print: UTF-8 text, but a file name's undecodable byte (a lone
    surrogate, which stdout would write back as that byte) as an escape: valid UTF-8 JSON."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return _SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}

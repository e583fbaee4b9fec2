"""Where a YAML node stands and what it holds, in the words findings use.

The readers of entry files and of the tag file judge the same node trees: they place
findings and name YAML's types alike, from here.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

import yaml
from rapidfuzz import process
from rapidfuzz.distance import Indel

from lexikon.check.load import LoadedFile
from lexikon.core.model import Finding, Severity, Span

STR_TAG = "tag:yaml.org,2002:str"
NULL_TAG = "tag:yaml.org,2002:null"
TYPE_NAMES = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "a yes/no value",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:null": "nothing",
}


def reserved_message(what: str, folder: str, name: str, reserved: Mapping[str, str], advice: str) -> str:
    return (f"{what} is reserved: its page {folder}/{name}.md would replace {reserved[name]}, "
            f"which the site generates; {advice}")


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when one choice is close to ``word``, else nothing."""
    choices = list(choices)
    if len(choices) > 100:  # difflib's ratio is at most the Indel similarity: a bound at C speed first
        # (below the cut-off: rapidfuzz's own cut-off rounds)
        choices = [choice for choice, _, _ in process.extract(
            word, choices, scorer=Indel.normalized_similarity, score_cutoff=0.5, limit=None)]
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def span_of(file: LoadedFile, node: yaml.Node) -> Span:
    """Where ``node`` stands in ``file``, with its raw text to find words inside it."""
    raw = file.source[node.start_mark.index : node.end_mark.index]
    return Span(file.path, node.start_mark.line + 1, node.start_mark.column + 1, raw)


def finding_at(path: str, node: yaml.Node, severity: Severity, message: str) -> Finding:
    return Finding(path, node.start_mark.line + 1, node.start_mark.column + 1, severity, message)


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:].rstrip(".")

"""The "nothing lost" check of `lexicon import`, shared by its example and property tests.

Every sentence of the input must stand in the entry, or be named in a change's report
as removed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path

import yaml

from lexikon.interchange.article import ImportResult

_TAG = re.compile(r"<!--.*?-->|<[^<>]+>", re.S)


def _strip_markup(line: str) -> str:
    line = re.sub(r"^\s*(?:#{1,6}\s*|>\s*|(?:[-*+•–]|\d+[.)])\s+)", "", line)
    line = re.sub(r"!?\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\([^)]*\)", r"\1", line)
    return html.unescape(line).replace("\u00a0", " ")


def input_sentences(text: str) -> list[tuple[int, str]]:
    """(line, sentence) of the input: markup stripped, split at . ! ? before white space."""
    text = _TAG.sub(lambda m: " " if m.group(0).lower().startswith("<br") else
                    "\n" * m.group(0).count("\n"), text)
    lines = text.split("\n")
    front_end = 0
    if lines[0] == "---" and "---" in lines[1:]:
        front_end = lines.index("---", 1) + 1
    sentences: list[tuple[int, str]] = []
    for number, line in enumerate(lines, 1):
        if number <= front_end:
            if line == "---":
                continue
            value = line.split(":", 1)[1] if ":" in line else line
            pieces = list(re.split(r"[,\[\]]", value))
        else:
            pieces = re.split(r"(?<=[.!?])\s+", _strip_markup(line))
        sentences += [(number, " ".join(p.split())) for p in pieces if p.strip()]
    return sentences


def entry_text(result: ImportResult, glossary_dir: Path) -> str:
    """The entry's words as a reader sees them (cross-links by their label or title)."""
    block = result.block

    def label(match: re.Match[str]) -> str:
        if match.group(2):
            return match.group(2)
        data = yaml.safe_load((glossary_dir / f"{match.group(1)}.yml").read_text(encoding="utf-8"))
        return data[result.lang]["title"]

    parts = [block["title"], block.get("summary", ""), block.get("body", ""), *block.get("highlights", ()),
             *(f"{s['title']} {s['url']}" for s in block.get("sources", ()))]
    text = re.sub(r"\[\[([^|\]]+)(?:\|([^\]]+))?\]\]", label, " ".join(parts))
    text = re.sub(r"\[([^\]]*)\]\((?:https?|mailto):[^)]*\)", r"\1", text)  # kept links: their label
    return " ".join(text.split())


def lost_sentences(article: str, result: ImportResult, glossary_dir: Path,
                   tag_words: Iterable[str] = ()) -> list[str]:
    """``line: sentence`` of each input sentence that is neither in the entry nor reported."""
    entry = entry_text(result, glossary_dir)
    removed: dict[int, list[str]] = {}
    for change in result.changes:
        if change.removed:
            removed.setdefault(change.line, []).append(change.removed)
    everything_removed = " | ".join(" ".join(r.split()) for rs in removed.values() for r in rs)
    keywords = {word.casefold() for word in tag_words}
    lost = []
    for line, sentence in input_sentences(article):
        candidates = [sentence]
        for fragment in removed.get(line, []):
            if len(fragment) == 1:  # a character removed wherever it stood
                candidates.append(" ".join(candidates[-1].replace(fragment, "").split()))
            else:
                candidates.append(" ".join(candidates[-1].replace(" ".join(fragment.split()), "", 1).split()))
        if any(c in entry for c in candidates if c) or sentence in everything_removed:
            continue
        if sentence.casefold() in keywords:
            continue  # a keyword that became a tag
        lost.append(f"{line}: {sentence}")
    return lost

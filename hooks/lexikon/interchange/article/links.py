"""Links into the scraped site become cross-links, or their text.

``[label](/slug)`` becomes ``[[slug|label]]`` (``[[slug]]`` when the label is the target's
title) when ``glossary/<slug>.yml`` exists, plain ``label`` otherwise; punctuation at the
end of the label moves behind the link; images go; http(s) and mailto links stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from lexikon.check.glossary_files import existing_entry_bytes
from lexikon.interchange.article.findings import Changes
from lexikon.interchange.article.page import Block
from lexikon.interchange.entry_yaml import plain_yaml
from lexikon.interchange.words import slugify

LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*+)\]"  # ![image] or [label], then (url "title")
                  r"\(\s*+<?([^)\s>]*+)>?(?:\s++(?:\"[^\"]*+\"|'[^']*+'))?\s*+\)")
"""Possessive: a run of spaces inside ``( )`` is not split every way before the link fails."""
_LABEL_TRAILING = re.compile(r"(?<![\s,.;:!?])[\s,.;:!?]+$")
_ADDRESS = re.compile(r"(?i)^(https?|mailto):")
_QUERY = re.compile(r"[?#]")
_PAGE_SUFFIX = re.compile(r"\.(html?|php|aspx?)$", re.I)


@dataclass(frozen=True)
class Links:
    """Converts the links of one article, whose entry is ``entry_id`` in ``lang``."""

    glossary_dir: Path
    lang: str
    entry_id: str
    changes: Changes

    def in_text(self, text: str, line: int) -> str:
        return LINK.sub(lambda m: self.link(m, line), text)

    def in_blocks(self, blocks: list[Block]) -> list[Block]:
        """Blocks with links converted; a block left empty (it held only an image) goes."""
        kept: list[Block] = []
        for block in blocks:
            if block.kind != "code":
                for line in block.lines:
                    line.text = self.in_text(line.text, line.no)
                block.lines = [line for line in block.lines if line.text.strip()]
            if block.lines:
                kept.append(block)
        return kept

    def link(self, match: re.Match[str], line: int) -> str:
        image, label, url = match.group(1), match.group(2), match.group(3)
        if image:
            self.changes.add(line, f"removed the image '{url}' (entries hold text only)", label)
            return ""
        if _ADDRESS.match(url):
            return match.group(0)
        text = label.strip()
        trailing = _LABEL_TRAILING.search(text)
        after = ""
        if trailing:
            after, text = text[trailing.start():].strip(), text[: trailing.start()]
        if not text:
            self.changes.add(line, f"removed a link without text to '{url}'", url)
            return after
        target = _link_target(url)
        if target and target != self.entry_id and (self.glossary_dir / f"{target}.yml").is_file():
            title = _entry_title(self.glossary_dir / f"{target}.yml", self.lang)
            written = f"[[{target}]]" if title == text else f"[[{target}|{text}]]"
            self.changes.add(line, f"made the site link '{url}' the cross-link {written}")
            return written + after
        why = ("it points at this entry" if target == self.entry_id else
               f"no entry '{target}'" if target else "not a link to an entry")
        self.changes.add(line, f"made the link '{url}' plain text '{text}' ({why})", url)
        return text + after


def _link_target(url: str) -> str:
    """The entry id a link into the scraped site names: its last path segment."""
    path = _QUERY.split(url, maxsplit=1)[0]
    segment = path.rstrip("/").rsplit("/", 1)[-1]
    segment = _PAGE_SUFFIX.sub("", segment)
    return slugify(segment.replace("_", "-"))


def _entry_title(path: Path, lang: str) -> str | None:
    try:
        data = plain_yaml(existing_entry_bytes(path).decode("utf-8-sig"))
        return str(data[lang]["title"])
    except (OSError, ValueError, yaml.YAMLError, KeyError, TypeError):  # a link: ValueError, never read
        return None

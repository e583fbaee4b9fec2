"""``lexicon import`` onto an entry that exists: its file read as the check reads it, and its
language block replaced by the article's without losing what the article has no word for.

The article brings a title, summary, body, highlights and sources; the editors' fields of the
block (aliases, gender, pos, qualifier, abbreviations, deprecated, forms, context) stay, each
said; the ``reviewed`` date goes, said (the text it vouched for is new); a comment inside the
replaced block cannot be placed again and is reported with its words.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from lexikon.check.glossary_files import MAX_FILE_BYTES, existing_entry_bytes
from lexikon.interchange.article.findings import Changes, ImportProblem, flat
from lexikon.interchange.entry_yaml import plain_yaml, render_block, splice_block


def entry_path(glossary_dir: Path, entry_id: str) -> Path:
    """The entry file an import writes: ``ID.yml``; an entry kept as ``ID.yaml`` is that entry,
    refused as the check refuses it (a second file for one id would be two entries)."""
    path = glossary_dir / f"{entry_id}.yml"
    if not os.path.lexists(path) and os.path.lexists(path.with_suffix(".yaml")):
        raise ImportProblem(f"the entry '{entry_id}' exists as '{entry_id}.yaml': rename it to "
                            f"'{entry_id}.yml' (entry files end in '.yml'), then import again")
    return path


def within_limit(yaml_text: str) -> None:
    """An entry the check would refuse for its size is not written (a page of megabytes)."""
    size = len(yaml_text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        raise ImportProblem(f"the entry would be {size:,} bytes, over the limit of {MAX_FILE_BYTES:,} the "
                            "check allows: import the part of the page that explains the term")


def existing_bytes(path: Path) -> bytes:
    """The entry's bytes, read as the check reads them (never through a link: a dry run prints them)."""
    try:
        return existing_entry_bytes(path)
    except ValueError as err:
        raise ImportProblem(f"{path.name}: {err}") from None


_EDITORS_FIELDS = ("aliases", "gender", "pos", "qualifier", "abbreviations", "deprecated", "forms", "context")
"""A language block's fields no article carries: the editors' (issue 15's terminology)."""


def replaced_text(text: str, lang: str, block: dict[str, Any], languages: Sequence[str],
                  changes: Changes) -> str:
    """The entry's text with its ``lang`` block replaced by ``block``; what the old block held
    and the new one does not is kept (:func:`_keep_editors_fields`) or said: its comments."""
    _keep_editors_fields(text, lang, block, changes)
    replaced = splice_block(text, lang, render_block(lang, block), languages)
    left = Counter(_comments(replaced))
    for comment in _comments(text):
        if left[comment] > 0:
            left[comment] -= 1
        else:
            changes.add(1, "removed a comment of the replaced block: put it back if it still holds", comment)
    return replaced


def _comments(text: str) -> list[str]:
    """The YAML comments of ``text``, each stripped: a ``#`` line inside a text (a body's
    ``## heading``) is no comment."""
    try:
        stack = [yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))]
    except yaml.YAMLError:
        return []
    inside: set[int] = set()
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            end = node.end_mark.line - (node.end_mark.column == 0)  # a block scalar ends at the next line
            inside.update(range(node.start_mark.line, end + 1))
        elif isinstance(node, yaml.MappingNode):
            stack += [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    return [line.strip() for number, line in enumerate(text.splitlines())
            if number not in inside and line.lstrip().startswith("#")]


def _keep_editors_fields(text: str, lang: str, block: dict[str, Any], changes: Changes) -> None:
    """The replaced block's fields the article has no word for stay, each said; its
    ``reviewed`` date goes, said: the text it vouched for is new."""
    try:
        old = plain_yaml(text).get(lang)
    except (ValueError, AttributeError, yaml.YAMLError):
        return  # splice_block says what is wrong with the file
    if not isinstance(old, dict):
        return
    for key in _EDITORS_FIELDS:
        if old.get(key) not in (None, "", []) and key not in block:
            if not _plain(key, old[key]):
                raise ImportProblem(f"the entry's '{key}' in '{lang}' is not what the check accepts, so it "
                                    "cannot be kept: fix it with 'lexicon check', then import again")
            block[key] = old[key]
            changes.add(1, f"kept the entry's '{key}' (the article has none)")
    for key in ("body", "highlights", "sources"):
        if old.get(key) not in (None, "", []) and key not in block:
            changes.add(1, f"left out the entry's '{key}': the article has none to replace it with",
                        flat(old[key]))
    if old.get("reviewed"):
        changes.add(1, f"left out the entry's 'reviewed: {old['reviewed']}': the text it vouched for is "
                    "new; set it again once you have compared it with the other languages")


def _plain(key: str, value: Any) -> bool:
    """The shape a kept field reads back in once written again: text (gender, pos, qualifier),
    a list of mappings of texts (context), else a list of texts."""
    if key in ("gender", "pos", "qualifier"):
        return isinstance(value, str)
    if key == "context":
        return isinstance(value, list) and all(isinstance(item, dict) and item and all(
            isinstance(k, str) and isinstance(v, str) for k, v in item.items()) for item in value)
    return isinstance(value, list) and all(isinstance(item, str) for item in value)

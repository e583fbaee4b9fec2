"""The tag file, ``glossary/_tags.yml``: each tag id with its label per language.

The one reader of that file: the check reads it with every problem placed
(:func:`read_tags`); importers, which match words to tags, ask :func:`read_tag_file` and
:func:`tag_names`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

import yaml

from lexikon.check.characters import invisible_characters, invisible_message
from lexikon.check.glossary_files import tag_file
from lexikon.check.load import LoadedFile, load_file
from lexikon.check.yaml_nodes import NULL_TAG, STR_TAG, finding_at, reserved_message, span_of
from lexikon.core import links
from lexikon.core.layout import reserved_ids
from lexikon.core.model import Finding, Severity, Tag
from lexikon.core.schema import ID_RULE
from lexikon.core.settings import Settings


def read_tag_file(settings: Settings) -> dict[str, Tag] | None:
    """The tags of ``glossary/_tags.yml`` as the check reads them (a tag or label it refuses is
    left out: an entry could not use it); None when there is no such file."""
    path = tag_file(settings.glossary_dir)
    if path is None:
        return None
    file, problems = load_file(path, settings.project_dir)
    return read_tags(file, settings, problems)


def tag_key(word: str) -> str:
    """The form in which a word and a tag's id or label are compared: NFC, white space
    collapsed, case-folded (a keyword ``strategie`` names the tag labelled ``Strategie``)."""
    return " ".join(unicodedata.normalize("NFC", word).split()).casefold()


def tag_names(tags: Mapping[str, Tag]) -> dict[str, str]:
    """Each tag id and label as :func:`tag_key` reads it → the tag id: how an importer finds
    the tag a word names. A tag's id wins over another tag's label that reads the same, as
    the id is what an entry writes; between labels, the first tag in the file wins."""
    names = {tag_key(tag_id): tag_id for tag_id in tags}
    for tag_id, tag in tags.items():
        for label in tag.labels.values():
            names.setdefault(tag_key(label), tag_id)
    return names


def read_tags(file: LoadedFile | None, settings: Settings, findings: list[Finding]) -> dict[str, Tag]:
    """``_tags.yml``: each tag id with a label per language (the id stands in for a missing one)."""
    if file is None or file.root is None:
        return {}
    root = file.root
    if root.tag == NULL_TAG:
        return {}
    if not isinstance(root, yaml.MappingNode):
        findings.append(finding_at(file.path, root, Severity.ERROR,
                                   "the tag file maps each tag id to its labels, e.g. it: {de: IT, da: IT}"))
        return {}
    tags: dict[str, Tag] = {}
    reserved = reserved_ids(settings, settings.tags_path)
    for key, value in root.value:
        if not isinstance(key, yaml.ScalarNode) or not ID_RULE.fullmatch(str(key.value)):
            findings.append(finding_at(file.path, key, Severity.ERROR, f"'{key.value}' is not a tag id "
                                       "(lowercase letters, digits, single hyphens)"))
            continue
        if key.value in reserved:
            findings.append(finding_at(file.path, key, Severity.ERROR, reserved_message(
                f"the tag id '{key.value}'", settings.tags_path, key.value, reserved, "choose another id")))
        if not isinstance(value, yaml.MappingNode):
            findings.append(finding_at(file.path, value, Severity.ERROR,
                                       f"tag '{key.value}' needs its labels, e.g. {{de: IT, da: IT}}"))
            continue
        labels, rejected = _labels(file, value, settings, findings)
        for code in settings.codes:
            if code not in labels and code not in rejected:
                findings.append(finding_at(file.path, key, Severity.WARNING,
                                           f"tag '{key.value}' has no '{code}' label: add one"))
        tags[key.value] = Tag(key.value, labels)
    return tags


def _labels(file: LoadedFile, node: yaml.MappingNode, settings: Settings,
            findings: list[Finding]) -> tuple[dict[str, str], set[str]]:
    """One tag's labels by language, and the languages whose label was refused."""
    labels: dict[str, str] = {}
    rejected: set[str] = set()
    for lang, label in node.value:
        if lang.value not in settings.codes:
            findings.append(finding_at(file.path, lang, Severity.ERROR,
                                       f"language '{lang.value}' is not configured (the site has "
                                       f"{', '.join(settings.codes)})"))
        elif not isinstance(label, yaml.ScalarNode) or label.tag != STR_TAG or not label.value.strip():
            findings.append(finding_at(file.path, label, Severity.ERROR,
                                       "a tag label must be text: put it in quotes"))
        else:
            problems = list(links.markup_problems(label.value)) + [
                (char, invisible_message(char, "the tag label"))
                for char in invisible_characters(label.value)]
            span = span_of(file, label)
            for written, message in problems:
                findings.append(span.finding(Severity.ERROR, message, written))
            if problems:
                rejected.add(lang.value)
            else:
                labels[lang.value] = label.value.strip()
    return labels, rejected

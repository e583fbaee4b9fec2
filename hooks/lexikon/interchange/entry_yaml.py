"""A new entry file, ready to fill in: every configured language, each field explained."""

from __future__ import annotations

import json
from collections.abc import Mapping

from lexikon.core.schema import ENTRY_FIELDS, TEXT_FIELDS, Kind
from lexikon.core.settings import Settings

SCHEMA_FILE = "_entry.schema.json"
"""The editor schema, beside the entries, named in each entry's first line."""
MODELINE = f"# yaml-language-server: $schema={SCHEMA_FILE}"


def new_entry_text(settings: Settings, titles: Mapping[str, str] | None = None) -> str:
    """The text of a new entry; fields left empty make ``lexicon check`` say what to fill."""
    titles = titles or {}
    lines = [
        MODELINE,
        "# A glossary entry: one term, one block per language. The format: README.md,",
        "# 'The entry format'. Check your work with: lexicon check",
    ]
    for spec in ENTRY_FIELDS:
        lines.append(f"{spec.name}: []  # {spec.doc}")
    for language in settings.languages:
        lines.append(f"{language.code}:  # {language.name}")
        for spec in TEXT_FIELDS:
            if spec.name == "title":
                value = json.dumps(titles.get(language.code, ""), ensure_ascii=False)
                lines.append(f"  title: {value}  # {spec.doc}")
            elif spec.name == "summary":
                lines.append(f'  summary: ""  # {spec.doc}')
            elif spec.name == "body":
                lines.append(f"  # {spec.name}: {spec.doc} Use [[id]] to link another term.")
                lines.append("  body: |")
                lines.append("")
            elif spec.kind in (Kind.LINES, Kind.INLINES, Kind.SOURCES):
                lines.append(f"  {spec.name}: []  # {spec.doc}")
    return "\n".join(lines) + "\n"

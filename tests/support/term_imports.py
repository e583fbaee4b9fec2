"""Running the term imports as a person does, in a fresh project: the helpers the attack tests
of issue 16 and the CSV tests share."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from lexikon.core.settings import Settings, make_settings
from tests.support.constants import FIXTURES, LANGUAGES, ROOT

TBX_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic" style="dca" xml:lang="de"'
            ' xmlns="urn:iso:std:iso:30042:ed-2">\n<text><body>\n')
TBX_TAIL = "</body></text></tbx>\n"
"""A TBX-Basic file around the concepts a test writes inline: TBX_HEAD + concepts + TBX_TAIL."""


def empty_project(folder: Path) -> Path:
    """The site's ``mkdocs.yml`` and an empty glossary (only ``_tags.yml``) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    (folder / "glossary").mkdir()
    shutil.copy(ROOT / "glossary" / "_tags.yml", folder / "glossary" / "_tags.yml")
    return folder


def run_lexicon(project: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``lexicon ARGS`` in the project folder, as a person runs it (stdout and stderr apart)."""
    return subprocess.run([sys.executable, "-m", "lexikon.cli", *args], capture_output=True, text=True,
                          cwd=project, check=False, timeout=timeout,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")})


def entries_of(project: Path) -> dict[str, dict]:
    """Every entry file of the project, loaded: id → its YAML."""
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((project / "glossary").glob("*.yml")) if not p.name.startswith("_")}


def csv_settings(tmp_path: Path) -> Settings:
    """The settings of an empty project whose glossary has only the CSV fixture's ``_tags.yml``."""
    (tmp_path / "project" / "glossary").mkdir(parents=True)
    shutil.copy(FIXTURES / "csv" / "glossary" / "_tags.yml", tmp_path / "project" / "glossary" / "_tags.yml")
    return make_settings(tmp_path / "project", LANGUAGES, None)


def source_file(tmp_path: Path, data: bytes, name: str = "sheet.csv") -> Path:
    """``data`` written as a source file ``name`` in ``tmp_path``."""
    path = tmp_path / name
    path.write_bytes(data)
    return path

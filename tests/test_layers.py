"""The core does not depend on MkDocs: only the hook file and lexikon.site may import it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "hooks" / "lexikon"


def test_only_the_site_adapter_imports_mkdocs() -> None:
    importers = set()
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(name == "mkdocs" or name.startswith("mkdocs.") for name in names):
                importers.add(path.name)
    assert importers == {"site.py"}


def test_the_command_line_runs_without_loading_mkdocs() -> None:
    code = ("import sys, lexikon.cli, lexikon.export, lexikon.importer, lexikon.tbx_import; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={"PYTHONPATH": str(ROOT / "hooks")})
    assert result.stdout.strip() == "[]"

"""The shape of ``hooks/``: layers that import one way, small modules and functions, nothing twice.

The folders under ``hooks/lexikon/`` are the design (README, "How it works"): ``core`` is what
every stage shares, ``check`` reads and checks files, ``render`` makes pages, ``interchange``
reads and writes other formats, ``publish`` handles the built output, ``engine`` adapts one
site generator and ``cli`` is the command line. These tests keep that shape as the code grows.
"""

from __future__ import annotations

import ast
import io
import keyword
import re
import subprocess
import sys
import tokenize
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOOKS = ROOT / "hooks"
PACKAGE = HOOKS / "lexikon"
LAYERS = ("core", "check", "render", "interchange", "publish", "engine", "cli")
# Which of our packages each package may import (besides itself).
ALLOWED = {
    "core": set(),
    "check": {"core"},
    "render": {"core", "check"},
    "interchange": {"core", "check"},
    "publish": {"core", "check", "render", "interchange"},
    "engine": {"core", "check", "render", "interchange", "publish"},
    "cli": {"core", "check", "render", "interchange", "publish"},
}
ENGINE_LIBRARIES = ("mkdocs", "material", "mkdocs_static_i18n", "properdocs")
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 60
RUN_LINES = 6
# Layers still being reshaped (issue 14): their shape tests are expected to fail until then.
UNFINISHED: set[str] = set()


def _by_layer(layers: tuple[str, ...] = (*LAYERS, "hook")) -> list:
    return [pytest.param(layer, marks=pytest.mark.xfail(reason="issue 14: being reshaped"))
            if layer in UNFINISHED else layer for layer in layers]


def _modules(layer: str | None = None) -> list[Path]:
    if layer == "hook":
        return [HOOKS / "lexikon_hook.py"]
    return sorted((PACKAGE / layer if layer else PACKAGE).rglob("*.py"))


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                raise AssertionError(f"{where}: use absolute imports (lexikon.…)")
            names.append(node.module or "")
    return names


def _layer(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0]


def test_every_module_lives_in_a_layer() -> None:
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert not loose, "modules belong in one of " + ", ".join(LAYERS)
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"} == set(LAYERS)


@pytest.mark.parametrize("layer", _by_layer(LAYERS))
def test_layers_import_one_way(layer: str) -> None:
    wrong = []
    for path in _modules(layer):
        layer = _layer(path)
        for name in _imports(path):
            parts = name.split(".")
            other = parts[1] if parts[0] == "lexikon" and len(parts) > 1 else layer
            if other != layer and other not in ALLOWED[layer]:
                wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not wrong


def test_only_the_engine_adapter_imports_the_engine() -> None:
    wrong = [f"{path.relative_to(ROOT)} imports {name}" for path in _modules() if _layer(path) != "engine"
             for name in _imports(path) if name.split(".")[0] in ENGINE_LIBRARIES]
    assert not wrong


@pytest.mark.parametrize("layer", _by_layer(("hook",)))
def test_the_hook_file_only_forwards(layer: str) -> None:
    """No logic and no state in the hook: each event handler is one call to the build object."""
    tree = ast.parse((HOOKS / "lexikon_hook.py").read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            body = [s for s in node.body
                    if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]  # docstrings
            assert len(body) == 1 and isinstance(body[0], ast.Return), f"{node.name} does more than forward"
        else:
            assert isinstance(node, (ast.Import, ast.ImportFrom, ast.Expr, ast.Assign)), ast.dump(node)[:80]


def test_the_command_line_runs_without_loading_mkdocs() -> None:
    code = ("import sys, pkgutil, importlib; "
            "[importlib.import_module(m.name) for m in pkgutil.walk_packages(['hooks/lexikon'], 'lexikon.') "
            "if '.engine' not in m.name and not m.name.endswith('__main__')]; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            f"{ENGINE_LIBRARIES!r}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=ROOT, env={"PYTHONPATH": str(HOOKS)})
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("layer", _by_layer(LAYERS))
def test_modules_stay_small(layer: str) -> None:
    long = {str(p.relative_to(PACKAGE)): n for p in _modules(layer)
            if (n := len(p.read_text("utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not long, f"split these modules (over {MAX_MODULE_LINES} lines)"


@pytest.mark.parametrize("layer", _by_layer())
def test_functions_stay_small(layer: str) -> None:
    long = []
    for path in _modules(layer):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                size = node.end_lineno - node.lineno + 1
                if size > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({size} lines)")
    assert not long, f"split these functions (over {MAX_FUNCTION_LINES} lines)"


# --- nothing written twice ---------------------------------------------------------------------
_FIELD = re.compile(r"^N: [N\[\]|., ]+( = .*)?$")  # a dataclass field: lists of them look alike
_CONSTANT = re.compile(r"^N = ([S0]|N \. N \( S \))$")  # a named constant or compiled pattern: tables of them


def _shapes(path: Path) -> list[tuple[int, str]]:
    """Each line of code as its shape: names ``N``, strings ``S``, numbers ``0``; keywords kept.

    Blank lines, comments, docstrings, imports, lone punctuation and dataclass fields are left
    out, as they repeat without being logic written twice."""
    lines: dict[int, list[str]] = defaultdict(list)
    for token in tokenize.generate_tokens(io.StringIO(path.read_text("utf-8")).readline):
        kind, text = token.type, token.string
        if kind in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
                    tokenize.ENDMARKER):
            continue
        shape = {tokenize.STRING: "S", tokenize.NUMBER: "0"}.get(kind)
        if shape is None:
            shape = text if kind != tokenize.NAME or keyword.iskeyword(text) else "N"
        lines[token.start[0]].append(shape)
    imports = {line for node in ast.walk(ast.parse(path.read_text("utf-8")))
               if isinstance(node, (ast.Import, ast.ImportFrom))
               for line in range(node.lineno, node.end_lineno + 1)}
    kept = []
    for number, tokens in sorted(lines.items()):
        shape = " ".join(tokens).replace(" :", ":").replace(" ,", ",")
        if (number in imports or tokens[0] == "@" or all(t in "S()[]{},:;." for t in tokens)
                or _FIELD.match(shape) or _CONSTANT.match(shape)):
            continue
        kept.append((number, shape))
    return kept


def find_repeats(paths: list[Path], run: int = RUN_LINES, too_common: int = 8) -> list[str]:
    """Places where ``run`` lines of code stand again, alike to the letter or but for names:
    one row per repeated stretch, at its first line in each place."""
    shapes = {path: _shapes(path) for path in paths}
    places: dict[str, list[tuple[Path, int]]] = defaultdict(list)
    for path, lines in shapes.items():
        for start in range(len(lines) - run + 1):
            places["\n".join(shape for _, shape in lines[start:start + run])].append((path, start))
    pairs = set()
    for spots in places.values():
        if len(spots) <= too_common:
            pairs |= {(a, b) for i, a in enumerate(spots) for b in spots[i + 1:]
                      if a[0] != b[0] or b[1] - a[1] >= run}
    rows = []
    for (path_a, a), (path_b, b) in sorted(pairs):
        if ((path_a, a - 1), (path_b, b - 1)) not in pairs:  # not the middle of a longer stretch
            rows.append(f"{path_a.relative_to(ROOT)}:{shapes[path_a][a][0]}"
                        f" ~ {path_b.relative_to(ROOT)}:{shapes[path_b][b][0]}")
    return rows


@pytest.mark.xfail(bool(UNFINISHED), reason="issue 14: being reshaped")
def test_nothing_is_written_twice() -> None:
    repeats = find_repeats([*_modules(), HOOKS / "lexikon_hook.py"])
    assert not repeats, "one home for each idea:\n" + "\n".join(repeats)


def test_the_repeat_finder_sees_renamed_copies(tmp_path: Path) -> None:
    body = """
def total(items, factor):
    result = 0
    for item in items:
        if item.price > 10:
            result += item.price * factor
        else:
            result -= 1
    return result
"""
    renamed = body.replace("total", "summe").replace("items", "rows").replace("10", "20")
    first, second, other = tmp_path / "a.py", tmp_path / "b.py", tmp_path / "c.py"
    first.write_text(body)
    second.write_text("import os\n" + renamed)
    other.write_text("def f(x):\n    return x\n")
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        assert find_repeats([first, second, other]) == ["a.py:2 ~ b.py:3"]
    finally:
        ROOT = saved

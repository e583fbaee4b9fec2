"""Every regular expression ``lexicon import`` runs on an article takes time linear in the
line, whatever the line holds (issue 16's attack: one line of 20,000 spaces took minutes).

The patterns are collected, not listed: each module of ``interchange/article`` keeps its
patterns as compiled module constants (a test below holds that no call compiles a literal
on the fly), and the locale files' phrases are compiled by :class:`Patterns` and
:class:`Boilerplate`. Each one runs (``finditer``, ``match``, ``fullmatch``) on strings of
50,000 characters made to make a backtracking engine try every split of a run.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time
from pathlib import Path

import pytest

import lexikon.interchange.article as article
from lexikon.interchange.article import debris
from lexikon.interchange.article.boilerplate import Boilerplate
from lexikon.interchange.article.page import Patterns
from tests.support.constants import LANGS

LENGTH = 50_000
BOUND = 3.0
"""Seconds one pattern may take on one adversarial string: a linear scan takes milliseconds, one
that tries every split of a run of 50,000 characters tens of seconds or more. Generous, so that
a busy CI machine does not fail a linear pattern (0.5 s did once, under load)."""
RUNS = (" ", "\t", "#", "*", "a", "1", ".", "[", "-", "> ", " / ", "›", "<", "a ", "_", "|", "(", ":",
        "](", "{.", "\\")
PREFIXES = ("# ", "a:", "[a](", "<a", "{.", "Lesezeit", "1 Min", "Was ist ", "Hvad er ", "Startseite",
            "- ", "Titel |", "Teilen", "Das könnte Sie auch interessieren:", "x (", "<!--", "<script>")
ADVERSARIAL = tuple(dict.fromkeys(
    [run * (LENGTH // len(run)) + end for run in RUNS for end in ("x", "?")]
    + [prefix + run * (LENGTH // len(run)) + "x" for prefix in PREFIXES for run in (" ", "1")]))


def _modules() -> list[object]:
    return [importlib.import_module(f"{article.__name__}.{info.name}")
            for info in pkgutil.iter_modules(article.__path__)]


def _patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    for module in _modules():
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found[f"{module.__name__.rsplit('.', 1)[-1]}.{name}"] = value
    found["debris._glued_number()"] = debris._glued_number()
    for lang in LANGS:
        patterns = Patterns(lang)
        for key in ("chrome", "highlight_headings", "questions"):
            for index, pattern in enumerate(getattr(patterns, key)):
                found[f"{lang}.{key}[{index}]"] = pattern
        for key, value in vars(Boilerplate(lang)).items():
            if isinstance(value, re.Pattern):
                found[f"{lang}.boilerplate.{key}"] = value
        for what, pattern in Boilerplate(lang).starts:
            if pattern is not None:
                found[f"{lang}.boilerplate.{what}"] = pattern
    return found


PATTERNS = _patterns()


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_each_pattern_takes_linear_time_on_adversarial_lines(name: str) -> None:
    pattern = PATTERNS[name]
    for text in ADVERSARIAL:
        start = time.process_time()  # CPU time: the bound holds on a busy machine too
        list(pattern.finditer(text))
        pattern.match(text)
        pattern.fullmatch(text)
        assert time.process_time() - start < BOUND, f"{name} {pattern.pattern!r} on {text[:20]!r}…"


def test_the_patterns_are_all_collected() -> None:
    """No call compiles a pattern literal on the fly (it would escape the test above)."""
    inline = re.compile(r"\bre\.(?:sub|match|search|split|findall|fullmatch|finditer|subn)\(\s*r?[\"']")
    for module in _modules():
        source = Path(module.__file__).read_text(encoding="utf-8")
        assert not inline.search(source), f"{module.__name__}: {inline.search(source).group(0)}"
    assert len(PATTERNS) > 40


def test_the_line_of_the_attack_imports_in_bounded_time(tmp_path: Path) -> None:
    """The whole import of a line of 50,000 spaces, in process."""
    from lexikon.interchange.article import import_article

    (tmp_path / "glossary").mkdir()
    body = f"Ein Leerzeichen trennt Wörter. Es ist unsichtbar.\n\nlinks{' ' * LENGTH}rechts\n"
    for name, text in (("leer.txt", f"Leerzeichen\n\n{body}"), ("leer.md", f"# Leerzeichen\n\n{body}"),
                       ("leer.html", f"<html><body><h1>Leerzeichen</h1><p>{body}</p></body></html>")):
        start = time.process_time()  # CPU time: the bound holds on a busy machine too
        result = import_article(text, name, "de", glossary_dir=tmp_path / "glossary", languages=LANGS)
        assert time.process_time() - start < 10, name  # quadratic: 30,000 spaces took > 60 s
        assert "rechts" in result.block["summary"] + result.block.get("body", "")

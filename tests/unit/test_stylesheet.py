"""Our stylesheet parses: one rule left open (a merge that cut a rule in two) silently drops
every rule after it in the browser, and no page test notices until someone looks."""

from __future__ import annotations

import tinycss2

from tests.support.constants import ROOT

STYLESHEETS = sorted((ROOT / "docs" / "assets").glob("*.css"))


def _errors(rules: list) -> list[str]:
    found = []
    for rule in rules:
        if rule.type == "error":
            found.append(f"{rule.source_line}:{rule.source_column}: {rule.message}")
        elif rule.type == "qualified-rule":
            found += [f"{item.source_line}:{item.source_column}: {item.message}"
                      for item in tinycss2.parse_declaration_list(rule.content, skip_whitespace=True)
                      if item.type == "error"]
        elif rule.type == "at-rule" and rule.content is not None and rule.at_keyword in ("media", "supports"):
            found += _errors(tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True))
    return found


def test_every_stylesheet_parses_rule_by_rule() -> None:
    assert STYLESHEETS
    for path in STYLESHEETS:
        rules = tinycss2.parse_stylesheet(path.read_text("utf-8"), skip_whitespace=True, skip_comments=True)
        assert not _errors(rules), f"{path.name}: " + "; ".join(_errors(rules))


def test_a_rule_left_open_is_found() -> None:
    broken = ".a { color: red;\n/* next */\n.b { color: blue; }\n"
    assert _errors(tinycss2.parse_stylesheet(broken, skip_whitespace=True, skip_comments=True))

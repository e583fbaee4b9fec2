"""Proposing a term: the issue form GitHub reads, and the link's address the pages carry."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from lexikon.core.locale import load_locale
from lexikon.render.propose import ISSUE_FORM, LANGUAGE_OPTIONS, issue_form_url, script_attributes
from tests.support.constants import ROOT

TEMPLATES = ROOT / ".github" / "ISSUE_TEMPLATE"
FORM = TEMPLATES / ISSUE_FORM
BIN = Path(sys.executable).parent


def _form() -> dict:
    return yaml.safe_load(FORM.read_text("utf-8"))


@pytest.mark.parametrize(("path", "schema"), [(FORM, "vendor.github-issue-forms"),
                                               (TEMPLATES / "config.yml", "vendor.github-issue-config")])
def test_the_issue_templates_match_githubs_schemas(path: Path, schema: str) -> None:
    result = subprocess.run([BIN / "check-jsonschema", "--builtin-schema", schema, path],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_form_has_what_github_requires_and_asks_for_term_language_definition_source() -> None:
    form = _form()
    assert form["name"] == "Begriff vorschlagen / Foreslå et begreb" and form["description"].strip()
    fields = [item for item in form["body"] if item["type"] != "markdown"]
    assert all(item.get("id") and item["attributes"]["label"].strip() for item in fields)
    ids = [item["id"] for item in fields]
    assert ids == ["term", "language", "definition", "source"] and len(set(ids)) == len(ids)
    required = {item["id"] for item in fields if (item.get("validations") or {}).get("required")}
    assert required == {"term", "language", "definition"}


def test_the_language_options_are_the_labels_the_site_sends() -> None:
    # GitHub selects a dropdown option only by its exact label
    language = next(item for item in _form()["body"] if item.get("id") == "language")
    assert language["type"] == "dropdown"
    assert language["attributes"]["options"] == list(LANGUAGE_OPTIONS.values())


@pytest.mark.parametrize(("repo_url", "owner_repo"), [
    ("https://github.com/example-org/lexikon", "example-org/lexikon"),
    ("https://github.com/example-org/lexikon/", "example-org/lexikon"),
    ("https://github.com/example-org/lexikon.git", "example-org/lexikon"),
    ("http://www.GitHub.com/a/b.c", "a/b.c"),
])
def test_a_github_repository_has_a_form(repo_url: str, owner_repo: str) -> None:
    assert issue_form_url(repo_url) == f"https://github.com/{owner_repo}/issues/new?template={ISSUE_FORM}"


@pytest.mark.parametrize("repo_url", [
    None, "", "https://gitlab.com/example-org/lexikon", "https://github.com/example-org",
    "https://github.com/example-org/lexikon/tree/main", "https://github.com.evil.example/a/b",
    "https://evil.example/github.com/a/b", "javascript:alert(1)//github.com/a/b",
    "https://github.com/a/b?x=1", "https://github.com/a/..", "https://github.com/a/b\"><x>",
])
def test_anything_else_has_none(repo_url: str | None) -> None:
    assert issue_form_url(repo_url) is None
    assert script_attributes(repo_url, "de") == ""


def test_the_script_attributes_are_escaped_and_in_the_pages_language() -> None:
    attributes = script_attributes("https://github.com/example-org/lexikon", "da")
    form = "https://github.com/example-org/lexikon/issues/new?template=propose-term.yml"
    assert f'data-propose-form="{form}"' in attributes
    assert 'data-propose-lang="da"' in attributes and 'data-propose-language="Dansk (da)"' in attributes
    assert f'data-propose-label="{load_locale("da")("propose_term")}"' in attributes
    assert "<" not in attributes and attributes.count('"') == 8

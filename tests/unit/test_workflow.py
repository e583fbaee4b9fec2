"""The GitHub workflow: valid, safe for pull requests from forks, and in step with the README."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from tests.support.constants import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
BIN = Path(sys.executable).parent


def _workflow() -> dict:
    return yaml.load(WORKFLOW.read_text("utf-8"), Loader=yaml.BaseLoader)  # "on" stays a string


def _steps() -> list[dict]:
    return [step for job in _workflow()["jobs"].values() for step in job.get("steps", [])]


def test_workflow_matches_githubs_schema() -> None:
    result = subprocess.run([BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows",
                             WORKFLOW], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_passes_a_security_audit() -> None:
    result = subprocess.run([BIN / "zizmor", "--offline", "--no-progress", WORKFLOW],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_runs_only_what_the_readme_shows() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    shown = {line.split("#")[0].strip() for block in re.findall(r"```sh\n(.*?)```", readme, re.S)
             for line in block.splitlines()}
    commands = [step["run"].strip() for step in _steps() if "run" in step]
    assert commands, "the workflow runs something"
    assert [c for c in commands if c not in shown] == []
    assert "make test" in commands and "make site" in commands
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "make test" in ci


def test_actions_are_pinned_to_commits() -> None:
    for step in _steps():
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step["uses"]), step["uses"]


def test_pull_requests_get_no_secrets_and_no_write_access() -> None:
    workflow = _workflow()
    assert "pull_request_target" not in workflow["on"]
    assert workflow["permissions"] == {}
    text = WORKFLOW.read_text("utf-8")
    # One secret only: the build cache's key (issue 17), given to the two steps that read and
    # write the cache, never to the job (a fork's pull request gets none: GitHub's rule).
    assert re.findall(r"secrets\.\w+", text) == ["secrets.LEXIKON_CACHE_KEY"] * 2
    keyed = [step["run"] for step in _steps() if "LEXIKON_CACHE_KEY" in step.get("env", {})]
    assert keyed == ["make check FORMAT=github", "make site"]
    assert all("LEXIKON_CACHE_KEY" not in job.get("env", {}) for job in workflow["jobs"].values())
    check = workflow["jobs"]["check"]
    assert check["permissions"] == {"contents": "read"}
    deploy = workflow["jobs"]["deploy"]
    assert "push" in deploy["if"] and "refs/heads/main" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_the_build_cache_is_keyed_by_its_format_version_and_the_lock_file() -> None:
    """A cache of another format or other locked versions is never restored (issue 17)."""
    from lexikon.check.cache import FOLDER, VERSION

    cached = [step["with"] for step in _steps() if step.get("with", {}).get("path") == FOLDER.as_posix()]
    assert len(cached) == 1
    assert cached[0]["key"].startswith(f"lexikon-cache-v{VERSION}-")
    assert "hashFiles('constraints.txt')" in cached[0]["key"]
    assert cached[0]["restore-keys"].strip() == cached[0]["key"].rsplit("-${{", 1)[0] + "-"

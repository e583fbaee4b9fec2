"""The check cache is plain data: nothing in ``.cache/lexikon/`` can run code, and anything
there that this version did not write reads as a miss (issue 12, point 4)."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from lexikon.check import cache
from lexikon.check.pipeline import run
from lexikon.core.model import Entry, FileReport
from lexikon.core.settings import settings_from_file
from tests.support.project import ROOT, Project


class _Payload:
    """Unpickled, it creates a file: proof that a cache file ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def _plant(folder: Path, fingerprint: str, marker: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    data = pickle.dumps({b"x" * 20: _Payload(marker)})
    for store in ("reports", "entries"):
        for shard in range(cache.SHARDS):
            for suffix in (".pickle", ".json"):
                (folder / f"{store}-{fingerprint}-{shard:02d}{suffix}").write_bytes(data)


def test_a_planted_pickle_runs_nothing(make_project: Callable[..., Project], tmp_path: Path) -> None:
    project = make_project()
    settings = settings_from_file(project.root / "mkdocs.yml")
    marker = tmp_path / "ran"
    _plant(project.root / cache.FOLDER, cache.fingerprint(settings), marker)
    cached = project.lexicon("check")
    assert not marker.exists(), "a pickle in the cache ran"
    fresh = project.lexicon("check", "--no-cache")
    assert (cached.returncode, cached.stdout) == (fresh.returncode, fresh.stdout)
    assert project.build().returncode == 0
    assert not marker.exists()


def test_the_cache_holds_only_json_this_version_wrote(make_project: Callable[..., Project]) -> None:
    project = make_project()
    assert project.lexicon("check").returncode == 0
    files = sorted((project.root / cache.FOLDER).iterdir())
    assert files
    for path in files:
        signature, _, data = path.read_bytes().partition(b"\n")
        assert re.fullmatch(rb"[0-9a-f]{64}", signature)
        document = json.loads(data)
        assert document["format"] == "lexikon-cache" and document["version"] == cache.VERSION


def _corruptions(text: str) -> dict[str, str]:
    document = json.loads(text)
    wrong_types = json.loads(text)
    for value in wrong_types["items"].values():
        value[3] = "not a list of findings"
    wrong_field = json.loads(text)
    for value in wrong_field["items"].values():
        value[5] = ["link", 1, 2, 3, 4]  # a reference whose target is a number
    return {
        "truncated": text[: len(text) // 2],
        "foreign version": json.dumps({**document, "version": 999}),
        "wrong store": json.dumps({**document, "store": "entries"}),
        "wrong types": json.dumps(wrong_types),
        "wrong field": json.dumps(wrong_field),
        "not an object": "[1, 2, 3]",
        "nesting": "[" * 100_000 + "]" * 100_000,
    }


@pytest.mark.parametrize("kind", ["truncated", "foreign version", "wrong store", "wrong types",
                                  "wrong field", "not an object", "nesting"])
def test_anything_unexpected_reads_as_a_miss(kind: str, make_project: Callable[..., Project]) -> None:
    project = make_project({"bad.yml": "de:\n  title: Schlecht\n  summary: Ein <b>Satz</b>.\n",
                            "gut.yml": "de:\n  title: Gut\n  summary: Ein Satz.\n"})
    fresh = project.lexicon("check", "--no-cache")
    assert project.lexicon("check").stdout == fresh.stdout
    folder = project.root / cache.FOLDER
    assert list(folder.glob("reports-*.json"))
    key = cache.machine_key()
    assert key is not None
    for path in folder.glob("reports-*.json"):
        _, _, data = path.read_bytes().partition(b"\n")
        damaged = _corruptions(data.decode("utf-8"))[kind].encode("utf-8")
        path.write_bytes(_sign(damaged, key) + b"\n" + damaged)  # signed as ours: the shape is checked
    again = project.lexicon("check")
    assert "Traceback" not in again.stderr
    assert (again.returncode, again.stdout) == (fresh.returncode, fresh.stdout)


def _sign(data: bytes, key: bytes) -> bytes:
    return hashlib.blake2b(data, key=key, digest_size=32).hexdigest().encode()


def test_a_cache_signed_elsewhere_is_not_believed(make_project: Callable[..., Project],
                                                  tmp_path: Path) -> None:
    """A pull request commits a well-formed cache that calls a bad file clean: made with
    another machine's key, it is a miss, and the check finds the error."""
    project = make_project({"bad.yml": "de:\n  title: Schlecht\n  summary: Ein <b>Satz</b>.\n"})
    fresh = project.lexicon("check", "--no-cache")
    assert fresh.returncode == 1
    elsewhere = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "attacker")}
    command = [sys.executable, "-m", "lexikon.cli", "check"]
    subprocess.run(command, cwd=project.root, env=elsewhere, capture_output=True, check=False)
    key = (tmp_path / "attacker" / "lexikon" / "cache-key").read_bytes()
    for path in (project.root / cache.FOLDER).glob("reports-*.json"):
        _, _, data = path.read_bytes().partition(b"\n")
        document = json.loads(data)
        for value in document["items"].values():
            value[3] = []  # no findings
        forged = json.dumps(document).encode()
        path.write_bytes(_sign(forged, key) + b"\n" + forged)
    fooled = subprocess.run(command, cwd=project.root, env=elsewhere, capture_output=True, check=False)
    assert fooled.returncode == 0  # the forgery works only where its key is
    here = project.lexicon("check")
    assert (here.returncode, here.stdout) == (fresh.returncode, fresh.stdout)


def test_records_round_trip_and_refuse_other_shapes() -> None:
    from lexikon.check import cache_codec

    settings = settings_from_file(ROOT / "mkdocs.yml")
    result = run(settings, cache=False)
    cache_codec.check_records()
    for entry in result.glossary.entries.values():
        back = cache_codec.decode(Entry, json.loads(json.dumps(cache_codec.encode(entry))))
        assert back == entry and back.spans == entry.spans
        assert all(back.texts[lang].spans == text.spans for lang, text in entry.texts.items())
    report = FileReport("glossary/x.yml", "x", None, (), False, (("link", "y", 1, 2, "[[y]]"),),
                        (("de", "x", "X", 1, 1, ""),), (("deprecated", "de", "y", "Y", 2, 3),))
    encoded = cache_codec.encode(report)
    assert cache_codec.decode(FileReport, encoded) == report
    bad_reference = [*encoded[:5], ["link", "y", "1", 2, ""], *encoded[6:]]
    short_reference = [*encoded[:5], ["link", "y", 1, 2], *encoded[6:]]
    bad_name = [*encoded[:7], ["deprecated", "de", "y", "Y", 2, "3"]]
    bad_severity = [*encoded[:3], [["p", 1, 1, "fatal", "m"]], *encoded[4:]]
    for bad in (None, [], "x", {"a": 1}, [*encoded[:-1]], [*encoded[:4], 1, *encoded[5:]], bad_reference,
                short_reference, bad_severity, bad_name):
        assert cache_codec.decode(FileReport, bad) is None, bad


def test_no_pickle_in_the_package() -> None:
    """Only the second build process (second_process.py) pickles, over a pipe between our own forked
    processes: nothing read from disk."""
    for path in sorted((ROOT / "hooks").rglob("*.py")):
        if path.name == "second_process.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from) (c?pickle|marshal|shelve|dill)\b|\bpickle\.load",
                             text, re.M), path

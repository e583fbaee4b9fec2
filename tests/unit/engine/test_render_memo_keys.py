"""The term-page memo's key is the same in every process: the languages of an edit in the
history are a frozenset, whose ``repr`` follows the strings' hashes (different per process),
so every term page missed the cache in the next build (found 2026-12-01: 0 of 6 after a build
without any change)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.support.constants import ROOT

SCRIPT = """
import json
from datetime import datetime, timezone
from lexikon.core.history import EntryDates
from lexikon.core.language_history import Edit
from lexikon.engine.mkdocs.render_memo import _canonical
when = datetime(2026, 11, 30, tzinfo=timezone.utc)
edit = Edit("0a41", when, frozenset({"da", "de", "en", "sv", "nb", "fi"}))
history = {"backsourcing": EntryDates("backsourcing", when, when, (edit,))}
print(repr(edit.langs))
print(json.dumps(_canonical(history)))
"""


def _run(seed: int) -> tuple[str, str]:
    env = {**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(ROOT / "hooks")}
    out = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True)
    raw, canonical = out.stdout.splitlines()
    return raw, canonical


def test_the_history_key_is_the_same_whatever_the_hash_seed() -> None:
    runs = [_run(seed) for seed in range(1, 7)]
    assert len({raw for raw, _ in runs}) > 1, "the seeds should order the set differently"
    assert len({canonical for _, canonical in runs}) == 1

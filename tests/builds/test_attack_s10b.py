"""Session 10's second attacker on Pagefind in parts (``publish/pagefind_index.py``): a build
stopped while a language's parts are indexed leaves nothing of it running, as a build stopped
while Pagefind indexes a language in one part does.

What broke: the parts' chain ran in a session of its own, so Ctrl-C in the terminal (SIGINT to
the build's process group) or a CI job cancelled (SIGTERM to the group) ended the build but not
the chain: it went on indexing every remaining part (a Pagefind process of ~500 MiB each at
10,000 terms) for a build that was gone. Below the threshold, Pagefind is in the build's group
and ends with it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.git_history import committed_project

pytestmark = pytest.mark.slow  # whole builds; in `make test` all the same

_BUILD = """\
import os, sys
from lexikon.publish import pagefind_index
pagefind_index.PART_PAGES = int(sys.argv[1])
real = pagefind_index.Indexer._command
def slow(self, folder, output):  # each part starts after a pause: the build is stopped meanwhile
    pause = 'sleep 60; exec "$0" "$@"  # ' + os.environ["PART_MARKER"]
    return ["/bin/sh", "-c", pause, *real(self, folder, output)]
pagefind_index.Indexer._command = slow
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build", "-q"]
cli()
"""


def _as_in_a_terminal() -> None:
    """In the child before it runs: Ctrl-C as a terminal's shell leaves it for a job it starts."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _marked(marker: str) -> list[int]:
    """The processes whose command line holds ``marker`` (the parts' chain names it too)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if marker.encode() in command:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="processes found by /proc")
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
@pytest.mark.parametrize("part_pages", [3, 100_000])  # parts, and one part (as before)
def test_a_build_stopped_while_parts_are_indexed_leaves_no_indexer_running(
        tmp_path: Path, stop: signal.Signals, part_pages: int) -> None:
    project, _ = committed_project(tmp_path, 6, 7)
    marker = f"attack-s10b-{tmp_path.name}"
    # a terminal's job (or a CI step): the build in a process group of its own, the signal to the
    # group, Ctrl-C not ignored (a test run started in the background inherits it ignored)
    build = subprocess.Popen([sys.executable, "-c", _BUILD, str(part_pages)], cwd=project.root,
                             env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PART_MARKER": marker,
                                  "PYTHONPATH": str(project.root / "hooks")},
                             start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             preexec_fn=_as_in_a_terminal)
    try:
        deadline = time.monotonic() + 120
        while not _marked(marker) and build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _marked(marker), build.communicate()[1][-2000:]
        os.killpg(build.pid, stop)
        build.communicate(timeout=60)
        time.sleep(1)
        assert _marked(marker) == []
        assert not (project.site / "index.html").exists()  # no site was swapped in
    finally:
        for pid in _marked(marker):
            os.kill(pid, signal.SIGKILL)
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
        build.wait()
        build.stderr.close()

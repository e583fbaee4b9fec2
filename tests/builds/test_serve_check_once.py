"""Serve's build reads the glossary once (issue 17, point 2: an edit on screen in a second).

The fast path keeps every file's report in memory (``KeptCheck``). It was made after each build,
in a thread beside serve, by reading and checking every file again: 2 s of CPU at 10,000 entries,
4.5 s on a busy machine, and the first edit saved in that time waited for it (4.5 s to screen
against 0.3 s for the next ones). Now the build's own check is the kept one: here a serve-mode
build runs in a child Python, counting how often the glossary's files are listed and reported.
The first edit also made every entry's links and every name mentions match (2.0 s at 10,000
terms after the check was fixed): they are made with the build now; the edit counts them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from tests.support.project import Project

DRIVER = textwrap.dedent("""
    import json
    from pathlib import Path
    from lexikon.check import pipeline
    from lexikon.engine.mkdocs import build as engine_build, live_check, live_settle
    from lexikon.render import autolink

    calls, made = [], []
    real_reports, original_init = pipeline.file_reports, engine_build.LexikonBuild.__init__

    def counting(*args, **kwargs):
        calls.append(1)
        return real_reports(*args, **kwargs)

    def init(self):
        original_init(self)
        made.append(self)

    pipeline.file_reports = live_check.file_reports = counting
    engine_build.LexikonBuild.__init__ = init

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config("mkdocs.yml", site_dir="site")
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/")
    live = made[0].live
    kept = live.check
    checked = kept.first if kept is not None else None
    full = pipeline.run(made[0].rendered.settings)
    reads = len(calls) - 1  # the last: run() above

    linked, names = [], []
    real_linked, real_names = live_settle.linked_ids, autolink.mention_names
    live_settle.linked_ids = lambda entry: linked.append(entry.id) or real_linked(entry)
    autolink.mention_names = lambda *args: names.append(args[1]) or real_names(*args)
    live.served, live.reload = Path("site").resolve(), lambda: None
    live._settle = lambda generation: None  # step 1 only: the edited entry's own pages
    entry = Path("glossary/outsourcing.yml")
    entry.write_text(entry.read_text("utf-8").replace("summary: ", "summary: Neu. ", 1), "utf-8")
    shown = live._fast({entry.resolve()})
    print(json.dumps({
        "reads": reads,
        "first edit": [shown.split(":")[0], linked, names],
        "ready": kept is not None,
        "same": checked is not None and checked.findings == full.findings
                and list(checked.glossary.entries) == list(full.glossary.entries),
    }))
""")


def test_serve_keeps_the_builds_own_check_and_reads_the_files_once(make_project) -> None:
    project: Project = make_project()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-c", DRIVER], cwd=project.root, env=env,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {"reads": 1, "ready": True, "same": True,
                    # only what the edit changed: the other entries' links and the names were made
                    # after the build (else the first edit waited for them: 2 s at 10,000 terms)
                    "first edit": ["2 page(s) of outsourcing", ["outsourcing"], []]}

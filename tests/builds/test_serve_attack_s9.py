"""Session 9's attacker on serve's fast path, whose check is now the first build's own
(``Live.check_for_build``): an edit saved during the first build, after its check read the
files, is neither in that build nor seen by a watcher (serve starts watching after it). The
check made after the build used to read it, and the background step of the next edit showed
it; the build's own check kept the file's report from before the edit, and every later edit
of other entries was rechecked against it: what serve served never became the cold build.
Now serving begins by reading again the files saved since the check read them.

The driver (a child Python, as ``test_serve_fast_path_after_cached_build``) saves the edit
right after the first build's check, begins serving (``on_serve``, no watcher thread), then
edits another entry through the fast path, each background step run to its end: no timing."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.support.project import Project
from tests.support.serve_driver import CAPTURE_BUILDS, SERVE_CONFIG, cold_build, page, run_driver

DRIVER = CAPTURE_BUILDS + textwrap.dedent("""
    import threading, types
    from lexikon.engine.mkdocs import live_check, live_watch

    checks, real_check = [], live_check.KeptCheck.__init__
    def check(self, settings):
        real_check(self, settings)
        checks.append(1)
        if len(checks) == 1:  # saved during the first build, after its check read the files
            entry = Path("glossary/insourcing.yml")
            text = entry.read_text("utf-8")
            entry.write_text(text.replace("  title: Insourcing\\n", "  title: Insourcing mittendrin\\n", 1),
                             "utf-8")
    live_check.KeptCheck.__init__ = check
""") + SERVE_CONFIG + textwrap.dedent("""
    config = config()
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url=url)
    live = made[0].live
    live.reload = lambda: None
    pending, settle = [], live._settle
    live._settle = pending.append  # run below, to its end
    live_watch.Watcher.start = lambda watcher: None  # edits are shown below, not by a thread
    conditions = {name: threading.Condition() for name in ("_rebuild_cond", "_epoch_cond")}
    server = types.SimpleNamespace(root=str(site), builder=lambda: None, _want_rebuild=False,
                                   _visible_epoch=0, _wanted_epoch=0, **conditions)
    live.serve(server, config, None)  # as on_serve: serving begins
    while pending:
        settle(pending.pop())
    entry = Path("glossary/outsourcing.yml")
    entry.write_text(entry.read_text("utf-8").replace("  title: Outsourcing\\n",
                                                      "  title: Outsourcing danach\\n", 1), "utf-8")
    print(live._fast({entry.resolve()}))
    settle(pending[-1])
""")


def test_an_edit_saved_during_the_first_build_is_served_after_the_next_edit(
        make_project, tmp_path: Path) -> None:
    project: Project = make_project()
    served = tmp_path / "served"
    shown = run_driver(DRIVER, project.root, served)
    assert shown.strip().splitlines()[-1].startswith("2 page(s) of outsourcing"), shown
    cold = cold_build(project.root, tmp_path / "cold")
    assert "Outsourcing danach" in page(served, "terms/outsourcing/index.html")
    for relative in ("terms/insourcing/index.html", "da/terms/insourcing/index.html", "terms/index.html"):
        assert page(served, relative) == page(cold, relative), f"{relative} differs from a cold build"

"""Serve's fast path driven in a child Python, without a server or timing, and the cold build
its pages are compared with.

Several serve tests need the same frame: a serve-mode build (``on_startup(command="serve")``,
the site address serve gives), the hook's build object captured to reach its ``live`` state,
then the fast path called directly. Each test adds its own patches before
:data:`CAPTURE_BUILDS` and its own steps after :data:`SERVE_CONFIG`; the driver reads the site
folder and the address from ``sys.argv``."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

URL = "http://127.0.0.1:8000/"
_ENV = {"NO_MKDOCS_2_WARNING": "1"}
_LIVERELOAD = re.compile(rb"<script>\s*var livereload = .*?</script>", re.S)

CAPTURE_BUILDS = textwrap.dedent("""
    import sys
    from pathlib import Path
    from lexikon.engine.mkdocs import build as engine_build

    made, original_init = [], engine_build.LexikonBuild.__init__

    def init(self):
        original_init(self)
        made.append(self)

    engine_build.LexikonBuild.__init__ = init
""")

SERVE_CONFIG = textwrap.dedent("""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site, url = Path(sys.argv[1]).resolve(), sys.argv[2]

    def config():
        loaded = load_config("mkdocs.yml", site_dir=str(site))
        loaded.site_url = url
        return loaded
""")


def run_driver(script: str, project_root: Path, site: Path) -> str:
    """Run ``script`` in a child Python in the project; its standard output (it must succeed)."""
    done = subprocess.run([sys.executable, "-c", script, str(site), URL], cwd=project_root,
                          env={**os.environ, **_ENV}, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def cold_build(project_root: Path, target: Path, url: str = URL) -> Path:
    """A cold ``mkdocs build`` of the project as it is now, with the address serve gives it."""
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(project_root / "mkdocs.yml"), "-d", str(target)],
        cwd=project_root, capture_output=True, text=True, check=False,
        env={**os.environ, **_ENV, "SITE_URL": url},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return target


def without_livereload(relative: str, body: bytes) -> bytes:
    """A served file as a build writes it: serve adds its livereload script to every page."""
    return _LIVERELOAD.sub(b"", body) if relative.endswith(".html") else body


def page(site: Path, relative: str) -> str:
    """One page of a site folder, without serve's livereload script."""
    return without_livereload(relative, (site / relative).read_bytes()).decode("utf-8")

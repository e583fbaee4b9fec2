"""Headless Chromium and a static server for built sites: what the browser tests, the page
audits and ``python -m tests.screenshots`` share."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler

import pytest
from playwright.sync_api import Browser

from tests.bench.search import serve as serve_folder
from tests.bench.search import shared_browser
from tests.support.project import Project

CHROMIUM = os.environ.get("LEXIKON_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


class QuietHandler(SimpleHTTPRequestHandler):
    """A static file server that keeps the test output clean, and answers a missing
    address with the site's 404.html, as GitHub Pages and most static hosts do."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = os.path.join(self.directory, "404.html")
        if code != 404 or not os.path.isfile(page):
            super().send_error(code, message, explain)
            return
        with open(page, "rb") as stream:
            body = stream.read()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve_site(project: Project) -> Iterator[str]:
    """``http://127.0.0.1:<free port>`` serving the project's built site until closed."""
    with serve_folder(project.site, QuietHandler) as url:
        yield url


def built_and_served(project: Project, *, strict: bool = True) -> Iterator[str]:
    """The project built (it must build) and served as :func:`serve_site`, for a module's fixture."""
    result = project.build(strict=strict)
    assert result.returncode == 0, result.stderr[-3000:]
    yield from serve_site(project)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """Headless Chromium; a missing browser is a failure, never a silent skip."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(f"Chromium not found at {CHROMIUM!r}: install it (`make test-tools`, i.e. "
                    "`apt-get install chromium`) or point LEXIKON_CHROMIUM at the binary", pytrace=False)
    yield shared_browser(CHROMIUM)   # one per process: the search-engine tests drive it too

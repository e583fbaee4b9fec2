"""A static server for a built site that compresses text with gzip, as GitHub Pages does.

Lighthouse scores what a reader downloads: served without compression the site loses its
"text compression" audit and the simulated load times grow with the raw sizes, so the
scores would measure our test server, not the site. Only 127.0.0.1 is ever bound.
Usable as ``python -m tests.support.serve_gzip SITE_DIR [PORT]`` to look at a build by hand.
"""

from __future__ import annotations

import gzip
import os
import sys
import threading
from contextlib import AbstractContextManager
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

from tests.bench.search import serve as serve_folder

# What a static host compresses: text, never images or archives that are compressed already.
_COMPRESSED = ("text/", "application/javascript", "application/json", "application/xml",
               "application/atom+xml", "image/svg+xml")


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves files like ``SimpleHTTPRequestHandler``, gzipped when the client accepts it,
    and a missing address with the site's ``404.html`` (GitHub Pages' convention)."""

    protocol_version = "HTTP/1.1"   # keep-alive, as every real host: no new connection per file
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map, ".js": "application/javascript",
        ".mjs": "application/javascript", ".json": "application/json", ".svg": "image/svg+xml",
        ".xml": "application/xml", ".webmanifest": "application/json"}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                super().do_GET()   # the redirect to the folder's address
                return
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            self._send(404, os.path.join(self.directory, "404.html"))
            return
        self._send(200, path)

    def _send(self, status: int, path: str) -> None:
        if not os.path.isfile(path):
            self.send_error(status)
            return
        body = Path(path).read_bytes()
        kind = self.guess_type(path)
        headers = {"Content-Type": kind + ("; charset=utf-8" if kind.startswith("text/") else ""),
                   "Cache-Control": "max-age=600"}   # what GitHub Pages sends
        if kind.startswith(_COMPRESSED) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6)
            headers["Content-Encoding"] = "gzip"
            headers["Vary"] = "Accept-Encoding"
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(site: Path, port: int = 0) -> AbstractContextManager[str]:
    """``http://127.0.0.1:<port>`` serving ``site`` with gzip until the block ends."""
    return serve_folder(site, GzipHandler, port)


if __name__ == "__main__":
    with serve(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 8000) as url:
        print(url, flush=True)
        threading.Event().wait()

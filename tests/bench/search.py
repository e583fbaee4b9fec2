"""A reader's first search, measured in headless Chromium: time to the first result, bytes.

:func:`measure_search` serves a built site on a local port, and for each query opens the
given page in a fresh browser context (empty cache: every query is a first search), waits
until the page has loaded, types the query into Material's search box and clocks the time
until the first result shows; it counts the bytes of every response the page and its
workers received from focusing the box until then, and reports whether the expected page
is among the results. It works for both engines (``extra.lexikon.search``): the caller
builds one site per engine.
"""

from __future__ import annotations

import atexit
import functools
import os
import re
import shutil
import statistics
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

SEARCH_BOX = "input[data-md-component=search-query]"
RESULT_LINKS = ".md-search-result__list a.md-search-result__link"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    """A browser context closed mid-download (the worker's second answer) is no error."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(site_dir: Path, handler: type[SimpleHTTPRequestHandler] = _Quiet, port: int = 0) -> Iterator[str]:
    """``http://127.0.0.1:<port>`` (a free one by default) serving ``site_dir`` as a static host
    would, with ``handler``: the one local server of the benchmark, the browser tests and the
    gzip server of the Lighthouse tests."""
    server = _Server(("127.0.0.1", port), functools.partial(handler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, name="lexikon-http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def find_chromium(chromium: str | None = None) -> str:
    """The browser to drive: the argument, ``LEXIKON_CHROMIUM``, or Debian's ``chromium``."""
    path = chromium or os.environ.get("LEXIKON_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise FileNotFoundError(f"Chromium not found at {path!r} (make chromium, or LEXIKON_CHROMIUM)")
    return path


_SHARED: dict = {}


def shared_browser(chromium: str | None = None):
    """One Playwright and one headless Chromium for the whole process, stopped at exit.

    Playwright's sync API runs one instance per thread at a time: test modules that each
    started their own would fail as soon as two of them ran in one pytest process.
    """
    if "browser" not in _SHARED:
        from playwright.sync_api import sync_playwright

        executable = find_chromium(chromium)
        playwright = sync_playwright().start()
        _SHARED["playwright"] = playwright
        _SHARED["browser"] = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        atexit.register(_stop_shared)
    return _SHARED["browser"]


def _stop_shared() -> None:
    browser, playwright = _SHARED.pop("browser", None), _SHARED.pop("playwright", None)
    try:
        if browser is not None:
            browser.close()
    finally:
        if playwright is not None:
            playwright.stop()


_CLOCK = """
window.__lexikonShown = null; window.__lexikonKeyup = null;
addEventListener("keyup", () => { window.__lexikonKeyup = performance.now(); }, true);
new MutationObserver(() => {
  if (window.__lexikonShown === null && document.querySelector(".md-search-result__item"))
    window.__lexikonShown = performance.now();
}).observe(document, {subtree: true, childList: true});
"""
"""The page's own clock (installed before its scripts run): when the last key went up and
when the first result was in the document, in ms since navigation started. Playwright's
round trips (the key press, polling for the result) would add 80–150 ms that no reader
waits for."""

_ENGINE = """() => {
  const search = JSON.parse(document.getElementById("__config").textContent).search || "";
  return search.includes("lexikon-search-worker") ? "pagefind" : "lunr";
}"""


def measure_search(site_dir: Path, queries: dict[str, list[tuple[str, str]]],
                   chromium: str | None = None, timeout_s: float = 60.0) -> dict:
    """Each query as a reader's first search on a page of the built site.

    ``queries`` maps the page to open (a site path such as ``/terms/x/`` or
    ``/da/terms/x/``, typically a term page per language) to ``(query, expected path)``
    pairs, e.g. ``("hjemtagningen", "/da/terms/backsourcing/")``. Per query the result
    holds ``first_result_ms`` (from the last key typed to the first result shown, by the
    page's own clock; ``first_result_ms_playwright`` adds Playwright's round trips; Material
    only asks once the box holds the whole query), ``bytes``/``requests`` (responses from
    focusing the box until then), ``load_bytes`` (the page load before it), ``found`` and
    ``rank`` (the expected page's place among the result pages, 1-based, or None), and
    ``foreign`` (requests to any other host: there should be none). ``summary`` has the
    medians and maxima; ``engine`` is read from the page (``pagefind`` or ``lunr``).
    """
    rows: list[dict] = []
    engine = None
    browser = shared_browser(chromium)
    with serve(site_dir) as base:
        for page_path, pairs in queries.items():
            for query, expected in pairs:
                row, engine = _one_search(browser, base, page_path, query, expected, timeout_s)
                rows.append(row)
    return {"engine": engine, "site": str(site_dir), "queries": rows, "summary": _summary(rows)}


def search_on_open(site_dir: Path, queries: dict[str, list[tuple[str, str]]],
                   chromium: str | None = None, timeout_s: float = 120.0) -> dict:
    """A reader who opens a page and searches at once: from the start of navigation to the
    first result, typing as soon as the search box is there (the first query of each page).

    Unlike :func:`measure_search`, nothing is loaded beforehand: an engine that must fetch
    and index everything before its first answer (lunr) pays for it here.
    """
    rows = []
    browser = shared_browser(chromium)
    with serve(site_dir) as base:
        for page_path, pairs in queries.items():
            query, _ = pairs[0]
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.set_default_timeout(timeout_s * 1000)
            started: list = []
            # A function of our own, not the list's bound append: Playwright reads its handler's code.
            context.on("request", lambda request, started=started: started.append(request))
            context.add_init_script(_CLOCK)
            try:
                page = context.new_page()
                page.goto(base + page_path, wait_until="commit")
                box = page.locator(SEARCH_BOX)
                box.wait_for(state="attached")
                box.focus()
                box.fill(query)
                box.press("End")
                page.wait_for_selector(".md-search-result__item", state="attached")
                shown = page.evaluate("() => window.__lexikonShown")
                page.wait_for_load_state("networkidle")
                rows.append({"page": page_path, "query": query,
                             "open_to_result_ms": round(shown, 1),
                             "bytes": sum(_body_size(request) for request in started)})
            finally:
                context.close()
    return {"queries": rows,
            "open_to_result_ms_max": max((row["open_to_result_ms"] for row in rows), default=None),
            "bytes_max": max((row["bytes"] for row in rows), default=None)}


def _one_search(browser, base: str, page_path: str, query: str, expected: str,
                timeout_s: float) -> tuple[dict, str]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(timeout_s * 1000)
    # Requests are counted by when they were made, not by when Playwright got round to
    # telling us they finished: that news can arrive after the result is on screen, and a
    # window on finish times then saw 0 bytes for a search that fetched its chunks.
    started: list[tuple[float, object]] = []   # (clock, request)
    context.on("request", lambda request: started.append((time.perf_counter(), request)))
    context.add_init_script(_CLOCK)
    try:
        page = context.new_page()
        page.goto(base + page_path)
        page.wait_for_load_state("networkidle")
        engine = page.evaluate(_ENGINE)
        box = page.locator(SEARCH_BOX)
        focused = time.perf_counter()
        box.focus()
        box.fill(query)
        typed = time.perf_counter()
        box.press("End")   # the keyup Material reads the box on, with the whole query in it
        page.wait_for_selector(".md-search-result__item", state="attached", timeout=timeout_s * 1000)
        shown = time.perf_counter()
        keyup, appeared = page.evaluate("() => [window.__lexikonKeyup, window.__lexikonShown]")
        paths = _settled_paths(page, expected)
        page.wait_for_load_state("networkidle")
        load_bytes = sum(_body_size(request) for clock, request in started if clock < focused)
        during = [(request.url, _body_size(request)) for clock, request in started
                  if focused <= clock <= shown]
        host = urlsplit(base).netloc
        urls = [request.url for _, request in started]
        foreign = sorted({url for url in urls
                          if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != host})
        row = {
            "page": page_path, "query": query, "expected": expected,
            "first_result_ms": round(appeared - keyup, 1),
            "first_result_ms_playwright": round(1000 * (shown - typed), 1),
            "bytes": sum(size for _, size in during), "requests": len(during),
            "load_bytes": load_bytes,
            "found": expected in paths,
            "rank": paths.index(expected) + 1 if expected in paths else None,
            "results": len(paths), "foreign": foreign,
        }
        return row, engine
    finally:
        context.close()


def _body_size(request) -> int:
    """The response body's bytes, 0 for a request that failed or whose sizes are gone."""
    try:
        return max(request.sizes()["responseBodySize"], 0)
    except Exception:
        return 0


def _settled_paths(page, expected: str, settle_s: float = 2.0) -> list[str]:
    """The result pages (paths, in order) once the list stops changing or shows ``expected``."""
    deadline = time.perf_counter() + settle_s
    last: list[str] = []
    while time.perf_counter() < deadline:
        links = page.eval_on_selector_all(
            ".md-search-result__item > a.md-search-result__link:first-child", "as => as.map(a => a.href)")
        paths = list(dict.fromkeys(urlsplit(link).path for link in links))
        if expected in paths:
            return paths
        last = paths
        page.wait_for_timeout(100)
    return last


def _summary(rows: list[dict]) -> dict:
    if not rows:
        return {}
    times = [row["first_result_ms"] for row in rows]
    sizes = [row["bytes"] for row in rows]
    return {
        "queries": len(rows),
        "found": sum(row["found"] for row in rows),
        "first_result_ms_median": statistics.median(times),
        "first_result_ms_max": max(times),
        "bytes_median": statistics.median(sizes),
        "bytes_max": max(sizes),
        "load_bytes_median": statistics.median(row["load_bytes"] for row in rows),
        "foreign_requests": sum(len(row["foreign"]) for row in rows),
    }


def use_engine(project_root: Path, engine: str) -> None:
    """Set ``extra.lexikon.search`` in the project's ``mkdocs.yml`` (``pagefind`` or ``lunr``).

    Textual, as the file carries tags a YAML round trip would lose; it expects the
    ``extra:``/``lexikon:`` block this project's mkdocs.yml has.
    """
    config = project_root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if re.search(r"^    search: .*$", text, flags=re.M):
        text = re.sub(r"^    search: .*$", f"    search: {engine}", text, count=1, flags=re.M)
    else:
        text, count = re.subn(r"^  lexikon:\n", f"  lexikon:\n    search: {engine}\n", text,
                              count=1, flags=re.M)
        if not count:
            raise ValueError(f"{config} has no extra.lexikon block to set the search engine in")
    config.write_text(text, encoding="utf-8")


def search_cases(project_root: Path, term_id: str, languages: dict[str, str] | None = None
                 ) -> dict[str, list[tuple[str, str]]]:
    """The hidden cases for one entry, as :func:`measure_search` takes them.

    Per language (code → tree, default ``{"de": "", "da": "da/"}``) the entry's term page
    is opened and searched for: its title's last word (a literal word), a declared form or
    else the title inflected (German genitive ``-s``, Danish definite ``-en``), its first
    alias, and its title in the other language; each should find that language's page.
    """
    import yaml

    languages = languages or {"de": "", "da": "da/"}
    entry = yaml.safe_load((project_root / "glossary" / f"{term_id}.yml").read_text(encoding="utf-8"))
    cases: dict[str, list[tuple[str, str]]] = {}
    for code, root in languages.items():
        text = entry.get(code)
        if not text:
            continue
        page = f"/{root}terms/{term_id}/"
        title = str(text["title"])
        suffix = "en" if code == "da" else "s"
        queries = [title.split()[-1], (text.get("forms") or [title.split()[-1] + suffix])[0]]
        if text.get("aliases"):
            queries.append(str(text["aliases"][0]))
        queries += [str(other["title"]) for other_code, other in entry.items()
                    if other_code in languages and other_code != code and isinstance(other, dict)][:1]
        cases[page] = [(query, page) for query in queries]
    return cases

"""One language's Pagefind run: begun when its pages are written, waited for when the bundle is due.

The default language's pages are final once its pass is written, while the other languages'
passes still run: its indexer (a process of its own, in Rust) can work on the other core
meanwhile instead of after the last pass (issue 17: an edit in the default language leaves
only that bundle to make again). :class:`Indexer` is that run; :func:`start_bundle` begins it,
or takes the last build's bundle where the language's pages are unchanged.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lexikon.publish.building import delete_later, trash_folder
from lexikon.publish.kept import link_or_copy

PAGEFIND_EXCLUDE = (".headerlink", ".md-content__button", ".lexikon-figure")
"""Not words of the page: permalink signs, the edit button, the graphs' node labels (the
neighbours' titles, which would make every neighbour a hit)."""


class IndexFailed(RuntimeError):
    """Pagefind made no bundle (its process failed, or its folder went: a ``.cache`` emptied
    while it indexed); the build says so in one line (:func:`lexikon.engine.mkdocs.finish.finish_site`)."""


_BODY, _META, _END = b" data-pagefind-body>", b" data-pagefind-meta=", b"></div>"
_RAW_TEXT = re.compile(rb"<(/?)(script|style|textarea|title|xmp|iframe|noembed|noframes|noscript)[\s/>]",
                       re.IGNORECASE)
"""Elements whose text runs to their end tag alone: left open in the part, the whole page's
would run on into the footer and scripts (raw HTML of a site's own page can leave one open)."""


def searched_part(page: bytes) -> bytes | None:
    """What Pagefind reads of one of our pages: the ``data-pagefind-body`` article and the hidden
    ``data-pagefind-meta`` element after it (``hooks/overrides/main.html``), in a bare document
    of the page's language. The bundle is byte for byte the one made of the whole page (with
    the body marked, nothing outside it is indexed), and Pagefind parses a fifth of the bytes:
    a fifth less of its time. None (index the page as it is) when the page is not laid out so,
    or holds another Pagefind attribute outside those parts."""
    body = page.find(_BODY)
    start = page.rfind(b"<article", 0, body)
    meta = page.find(_META, body)
    end = page.find(_END, meta) + len(_END)
    html = page.find(b"<html")
    if min(body, start, meta, html) < 0 or end < len(_END) or page.find(b"</article>", body, meta) < 0:
        return None
    if b"data-pagefind-" in page[:start] or b"data-pagefind-" in page[end:] or _left_open(page[start:end]):
        return None
    opening = page[html:page.index(b">", html) + 1]
    return (b'<!doctype html>' + opening + b'<head><meta charset="utf-8"></head><body>'
            + page[start:end] + b"</body></html>")


def _left_open(part: bytes) -> bool:
    """Whether ``part`` leaves open a comment, ``<plaintext>`` or an element whose text only its
    end tag ends: cut there, it would be indexed otherwise than in the whole page."""
    if part.count(b"<!--") != part.count(b"-->") or b"<plaintext" in part.lower():
        return True
    balance: dict[bytes, int] = {}
    for match in _RAW_TEXT.finditer(part):
        name = match.group(2).lower()
        balance[name] = balance.get(name, 0) + (-1 if match.group(1) else 1)
    return any(balance.values())


class Indexer:
    """Pagefind indexing one language's pages (linked into a folder laid out as their tree, in
    the trash, deleted in the background afterwards: thousands of links) into ``target``."""

    def __init__(self, code: str, found: list[tuple[str, Path]], site_dir: Path, target: Path,
                 project_dir: Path) -> None:
        self.code, self.target = code, target
        self.staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.pagefind-{os.getpid()}-",
                                             dir=trash_folder(project_dir) or site_dir.parent))
        self.output = self.staging.with_name(self.staging.name + ".bundle")
        """Where Pagefind writes (made by it: its usual modes); moved to ``target`` when complete,
        so an indexer left running by a killed build never writes into a later build's site."""
        try:
            for url, path in found:
                name = url.lstrip("/")
                staged = self.staging / (name + "index.html" if name.endswith("/") or not name else name)
                staged.parent.mkdir(parents=True, exist_ok=True)
                searched = searched_part(path.read_bytes())
                if searched is None:
                    link_or_copy(path, staged)
                else:
                    staged.write_bytes(searched)
            command = [sys.executable, "-m", "pagefind", "--site", str(self.staging), "--output-path",
                       str(self.output), "--force-language", code, "--silent"]
            for selector in PAGEFIND_EXCLUDE:
                command += ["--exclude-selectors", selector]
            # A file, not a pipe: nobody reads while it runs. Closed in wait().
            self.errors = tempfile.TemporaryFile()  # noqa: SIM115
            self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                            stderr=self.errors)
        except BaseException:
            delete_later(self.staging)
            raise

    def wait(self) -> None:
        """Until the bundle is written; raises with Pagefind's own words if it was not."""
        try:
            returncode = self.process.wait()
            self.errors.seek(0)
            stderr = self.errors.read()[-2000:].decode(errors="replace")
            entry = self.output / "pagefind-entry.json"
            if returncode != 0 or not entry.is_file() or not entry.stat().st_size:
                raise IndexFailed(f"Pagefind could not index the '{self.code}' pages:\n{stderr}")
            shutil.rmtree(self.target, ignore_errors=True)
            self.target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(self.output, self.target)  # a rename; copied across file systems
        finally:
            self.stop()

    def stop(self) -> None:
        """The indexer ended (killed if still running), its staging folder on its way out."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.errors.close()
        for folder in (self.staging, self.output):
            if folder.exists():
                delete_later(folder)


@dataclass
class Started:
    """A language's bundle begun before the build's end: its inputs (for the store), its pages
    and, unless the last build's bundle was taken, its indexer."""

    code: str
    inputs: str
    pages: int
    indexer: Indexer | None


"""One language's Pagefind run: begun when its pages are written, waited for when the bundle is due.

The default language's pages are final once its pass is written, while the other languages'
passes still run: its indexer (a process of its own, in Rust) can work on the other core
meanwhile instead of after the last pass (issue 17: an edit in the default language leaves
only that bundle to make again). :class:`Indexer` is that run; :func:`start_bundle` begins it,
or takes the last build's bundle where the language's pages are unchanged.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from lexikon.publish import spare
from lexikon.publish.building import delete_later, trash_folder
from lexikon.publish.kept import link_or_copy

PAGEFIND_EXCLUDE = (".headerlink", ".md-content__button", ".lexikon-figure")
"""Not words of the page: permalink signs, the edit button, the graphs' node labels (the
neighbours' titles, which would make every neighbour a hit)."""


PART_PAGES = 6000
"""A language with more pages than this is indexed in parts of at most this many pages, each
by a Pagefind process of its own, one after the other: Pagefind holds every page it indexes
(~115 MiB per 1,000 of our term pages, 1.1 GiB for one language of a 10,000-term glossary),
so its peak is a part's. The first part is the bundle (``<root>pagefind/``), the others lie in
it (``part-2/``, ...) and the reader's search merges them (``lexikon-search-worker.js``)."""
PARTS_EXPORT = "lexikonParts"
"""What the first part's ``pagefind.js`` exports, appended by us: the other parts' folders,
relative to it. A bundle in one part has no such export: its files are Pagefind's own."""
_PART_KEEPS = re.compile(r"pagefind-entry\.json|.*\.pf_meta")
"""A part's own files a merged index reads (besides its folders): the script, the WebAssembly
and the UIs come from the first part."""
ALLOCATOR = "dirty_decay_ms:0,muzzy_decay_ms:0"
"""Pagefind's allocator (jemalloc, ``_RJEM_MALLOC_CONF``) handing freed pages back at once:
the same bundle, a sixth less peak memory (1,168 -> 996 MiB for 10,014 pages)."""
_CHAIN = ("import json, signal, subprocess, sys\n"
          "signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))\n"
          "STOP = {signal.SIGTERM, signal.SIGINT}\n"
          "def unblock():\n"
          "    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP)\n"
          "for command in json.loads(sys.argv[1]):\n"
          "    signal.pthread_sigmask(signal.SIG_BLOCK, STOP)\n"
          "    part = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,\n"
          "                            preexec_fn=unblock)\n"
          "    try:\n"
          "        unblock()\n"
          "        code = part.wait()\n"
          "    finally:\n"
          "        if part.poll() is None:\n"
          "            part.kill()\n"
          "            part.wait()\n"
          "    if code:\n"
          "        sys.exit(code)\n")
"""Runs a language's parts one after the other in a process of their own (the build goes on).
In the build's process group, as a single Pagefind run is: Ctrl-C or a signal to the group (a CI
job cancelled) reaches it and the part running. Told to stop (SIGTERM, or SIGINT from the
terminal), it ends and kills the part it waits for. The signals wait while a part is being
started (the part gets them as usual): one arriving between the fork and the part's process
object left the part running on its own (``subprocess.call`` had not taken it yet)."""


def split_pages(found: list[tuple[str, Path]]) -> list[list[tuple[str, Path]]]:
    """``found`` in as few parts of at most :data:`PART_PAGES` pages as can be, dealt out in
    turn (page 1 to part 1, page 2 to part 2, ...): each part a sample of the whole, so that a
    word is about as rare in each as in all (Pagefind ranks by a word's rarity in its own index;
    parts of neighbouring pages, all "Agile ..." in one, ranked a sixth of the queries otherwise)."""
    parts = max(1, -(-len(found) // PART_PAGES))
    return [found[start::parts] for start in range(parts)]


def part_folder(number: int) -> str:
    """The folder of part ``number`` (2, 3, ...) inside the first part's bundle."""
    return f"part-{number}/"


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
    the trash, deleted in the background afterwards: thousands of links) into ``target``; above
    :data:`PART_PAGES` pages, in parts (a folder and a Pagefind run each, one after the other)."""

    def __init__(self, code: str, found: list[tuple[str, Path]], site_dir: Path, target: Path,
                 project_dir: Path) -> None:
        self.code, self.target = code, target
        self.trash = trash_folder(project_dir)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.pagefind-{os.getpid()}-",
                                             dir=self.trash or site_dir.parent))
        parts = split_pages(found)
        if len(parts) == 1:  # a folder per page is dear: a replaced site's or staging's, if one waits
            spare.take(self.trash, self.staging, "pagefind")
            spare.move_in(self.staging, "a replaced site for Pagefind's pages")
            spare.clear_way(self.staging, (_staged(url) for url, _ in found))  # as the site's passes do
        self.outputs = [self.staging.with_name(self.staging.name + ".bundle" + (str(n) if n > 1 else ""))
                        for n in range(1, len(parts) + 1)]
        """Where Pagefind writes (made by it: its usual modes); moved to ``target`` when complete,
        so an indexer left running by a killed build never writes into a later build's site."""
        try:
            commands = []
            for number, (part, output) in enumerate(zip(parts, self.outputs, strict=True), 1):
                folder = self.staging / str(number) if len(parts) > 1 else self.staging
                _stage(part, folder)
                commands.append(self._command(folder, output))
            # A file, not a pipe: nobody reads while it runs. Closed in wait().
            self.errors = tempfile.TemporaryFile()  # noqa: SIM115
            self.process = _start(commands, self.errors)
        except BaseException:
            delete_later(self.staging)
            raise

    def _command(self, folder: Path, output: Path) -> list[str]:
        command = [sys.executable, "-m", "pagefind", "--site", str(folder), "--output-path",
                   str(output), "--force-language", self.code, "--silent"]
        for selector in PAGEFIND_EXCLUDE:
            command += ["--exclude-selectors", selector]
        return command

    def wait(self) -> None:
        """Until the bundle is written; raises with Pagefind's own words if it was not."""
        try:
            returncode = self.process.wait()
            self.errors.seek(0)
            stderr = self.errors.read()[-2000:].decode(errors="replace")
            if returncode != 0 or not all(_complete(output) for output in self.outputs):
                raise IndexFailed(f"Pagefind could not index the '{self.code}' pages:\n{stderr}")
            shutil.rmtree(self.target, ignore_errors=True)
            self.target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(self.outputs[0], self.target)  # a rename; copied across file systems
            for number, output in enumerate(self.outputs[1:], 2):
                _only_the_index(output)
                shutil.move(output, self.target / part_folder(number))
            if len(self.outputs) > 1:
                folders = [part_folder(number) for number in range(2, len(self.outputs) + 1)]
                with (self.target / "pagefind.js").open("a", encoding="utf-8") as script:
                    script.write(f"\nexport const {PARTS_EXPORT} = {json.dumps(folders)};\n")
        finally:
            self.stop()

    def stop(self) -> None:
        """The indexer ended (killed if still running), its staging folder on its way out."""
        if self.process.poll() is None:
            if len(self.outputs) > 1:
                self.process.terminate()  # the chain ends the part running, then itself
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.process.kill()
            else:
                self.process.kill()
            self.process.wait()
        self.errors.close()
        if self.staging.exists() and not self._spared():
            delete_later(self.staging)
        for folder in self.outputs:
            if folder.exists():
                delete_later(folder)

    def _spared(self) -> bool:
        """The staging's folders kept for the next staging or build (see :mod:`.spare`; one part
        only: the parts' folders are not laid out as a tree)."""
        if self.trash is None or len(self.outputs) != 1:
            return False
        return spare.keep_folders(self.staging, self.trash, "pagefind")


def _start(commands: list[list[str]], errors: IO[bytes]) -> subprocess.Popen:
    """One Pagefind run, or a process running each part's in turn (:data:`_CHAIN`: not a group
    or session of its own, which a stopped build's terminal or CI runner would not reach)."""
    environment = {"_RJEM_MALLOC_CONF": ALLOCATOR, **os.environ}
    if len(commands) == 1:
        return subprocess.Popen(commands[0], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=errors, env=environment)
    return subprocess.Popen([sys.executable, "-c", _CHAIN, json.dumps(commands)], stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=errors, env=environment)


def _stage(found: list[tuple[str, Path]], folder: Path) -> None:
    """``found``'s searched parts (or pages) laid out in ``folder`` as in their tree."""
    for url, path in found:
        staged = folder / _staged(url)
        staged.parent.mkdir(parents=True, exist_ok=True)
        searched = searched_part(path.read_bytes())
        if searched is None:
            link_or_copy(path, staged)
        else:
            staged.write_bytes(searched)


def _staged(url: str) -> str:
    """Where a page of ``url`` is staged, relative to the staging folder."""
    name = url.lstrip("/")
    return name + "index.html" if name.endswith("/") or not name else name


def _complete(output: Path) -> bool:
    entry = output / "pagefind-entry.json"
    return entry.is_file() and entry.stat().st_size > 0


def _only_the_index(bundle: Path) -> None:
    """A part's bundle without the files only the first part's are read of."""
    for path in bundle.iterdir():
        if path.is_file() and not _PART_KEEPS.fullmatch(path.name):
            path.unlink()


@dataclass
class Started:
    """A language's bundle begun before the build's end: its inputs (for the store), its pages
    and, unless the last build's bundle was taken, its indexer."""

    code: str
    inputs: str
    pages: int
    indexer: Indexer | None


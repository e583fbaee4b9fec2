"""Generated pages' converted HTML, kept by content between builds: an unchanged page is not
converted again.

Markdown conversion is the largest part of a build (issue 17's profile: about 40 %). A
generated page's conversion depends only on its Markdown (our render writes every linked
term's title and summary into it, so a renamed term changes the pages linking to it), the
page's own address, the addresses of all files of the language pass (relative links), the
config and the code and library versions. The key is a hash of exactly those, never a time
stamp. What the conversion left on the page (HTML after every plugin's ``on_page_content``,
TOC, meta, title, anchors, links to check, log records; not the Markdown, which no event
after the conversion reads in this site's config) is stored as plain JSON through
:class:`lexikon.check.cache.ReportCache` (signed with this machine's key: a committed cache
is never trusted) and set back on the page instead of converting it, the way
:mod:`.second_process` hands back a page converted elsewhere. The templated page, the
editors' texts and the whole-site outputs have stores of their own (:mod:`.caches`).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import importlib.metadata
import json
import logging
import zlib
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import AnchorLink, get_toc

from lexikon.check.cache import FOLDER, ReportCache, fingerprint, machine_key
from lexikon.core.settings import Settings
from lexikon.engine.mkdocs import outside
from lexikon.engine.mkdocs.pages import Rendered, markdown_key

log = logging.getLogger("mkdocs.hooks.lexikon")
STORE = "pages"
_LIBRARIES = ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material", "mkdocs-static-i18n")


def _versions() -> str:
    versions = []
    for name in _LIBRARIES:
        try:
            versions.append(f"{name}={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{name}=-")
    return ",".join(versions)


class _Records(logging.Handler):
    """What MkDocs and the plugins log while a page is converted (replayed on a hit)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[list[object]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append([record.name, record.levelno, record.getMessage()])


def converted_elsewhere(page: MkDocsPage) -> None:
    """Skip MkDocs' conversion of a page whose HTML comes from the store or the second process.

    It would convert the empty source such a page gets, and even that costs a Markdown
    instance with every extension per page (a tenth of a build whose pages are all stored).
    What it would leave is set instead: no HTML, no TOC, no title, no anchors, no links;
    the stored or sent state replaces them in ``on_page_content``."""

    def render(config: MkDocsConfig, files: Files) -> None:
        del page.render  # the class's own again
        page.content, page.toc, page._title_from_render = "", get_toc([]), None
        page.present_anchor_ids, page.links_to_anchors = set(), {}

    page.render = render  # type: ignore[method-assign]


def _where(file: File | None) -> list[str] | None:
    """What a conversion learns from looking a file up: its address and inclusion, or nothing."""
    return None if file is None else [file.url, file.inclusion.name]


def toc_tokens(links: list[AnchorLink]) -> list[dict]:
    return [{"name": link.title, "id": link.id, "level": link.level, "children": toc_tokens(link.children)}
            for link in links]


class PageCache:
    """The stored pages of one build (all its language passes), and this pass's keys and hits."""

    def __init__(self, store: ReportCache, fingerprint: str) -> None:
        self.store = store
        self.fingerprint = fingerprint
        self.keys: dict[str, bytes] = {}
        """This pass's generated pages, by source path: their keys."""
        self.hits: dict[str, dict] = {}
        self.kept = store.spill()
        """What this build's pages stored (hits and new ones): what the store holds after it; the
        new ones on disk as they are converted (see :mod:`lexikon.check.cache_spill`)."""
        self.records = _Records()
        self.mark = 0
        self.files: Files | None = None
        self.files_digest = ""
        """This pass's files as a conversion may look them up (see :func:`files_digest`)."""

    @classmethod
    def open(cls, config: MkDocsConfig, settings: Settings) -> PageCache | None:
        """This project's page store, or None where no cache can be signed."""
        key = machine_key()
        if key is None:
            return None
        project = settings.project_dir
        digest = hashlib.blake2b(digest_size=12)
        digest.update(fingerprint(settings).encode() + _versions().encode())
        digest.update(Path(config.config_file_path).read_bytes())
        digest.update(config_fingerprint(config).encode())
        store = ReportCache(project / FOLDER, digest.hexdigest(), project, key)
        return cls(store, digest.hexdigest())

    def begin_pass(self, files: Files, config: MkDocsConfig, rendered: Rendered, lang: str) -> None:
        """The keys of this language pass's generated pages, and which of them are stored.

        A stored page counts only if every file its conversion looked up (its relative
        links) is found again at the same address, or still missing: a new or removed entry
        changes the pages linking to it, not every page."""
        context = hashlib.blake2b(digest_size=20)
        context.update(repr((self.fingerprint, lang, config.site_url, config.use_directory_urls,
                             config.theme.get("language"), config.docs_dir)).encode())
        graph = rendered.graphs.get(lang, "")
        self.keys, self.hits = {}, {}
        self.files_digest = files_digest(files)
        answers: dict[str, object] = {}  # each address asked once: most pages look up the same ones

        def answer(path: str) -> object:
            if path not in answers:
                answers[path] = _where(files.get_file_from_path(path))
            return answers[path]
        strange = outside.strangers(config, outside.READING)  # they convert every page, as a cold build
        for file in files.documentation_pages():
            generated = rendered.pages.get(file.src_uri)
            if generated is None or strange:
                continue
            page_key = context.copy()
            page_key.update(f"{file.src_uri}\0{file.url}\0{file.inclusion.name}\0".encode())
            markdown, graphed = markdown_key(rendered, file.src_uri)  # not unpacked (issue 17's floor)
            page_key.update(markdown + (b"\0graph\0" + graph.encode() if graphed else b""))
            key = page_key.digest()
            self.keys[file.src_uri] = key
            stored = self.store.item(STORE, key)
            if not isinstance(stored, dict) or "packed" not in stored:  # an older store's: converted
                continue
            if stored.get("files") == self.files_digest:  # every address as when it was converted
                self.kept.hold(key, stored)
            elif all(answer(path) == found for path, found in stored["lookups"].items()):
                stored = {**stored, "files": self.files_digest}  # the next build need not ask again
                self.kept[key] = stored
            else:
                continue
            self.hits[file.src_uri] = stored
        self._watch(files, config)
        logging.getLogger("mkdocs").addHandler(self.records)

    def _watch(self, files: Files, config: MkDocsConfig) -> None:
        """Record on the page being converted each file it looks up (in the second process too:
        the record travels back with the page's other ``lexikon_`` attributes)."""
        original = files.get_file_from_path

        def lookup(path: str) -> File | None:
            found = original(path)
            page = getattr(config, "_current_page", None)
            if page is not None:
                page.__dict__.setdefault("lexikon_lookups", {})[path] = _where(found)
            return found

        files.get_file_from_path = lookup  # type: ignore[method-assign]
        self.files = files

    def end_pass(self) -> None:
        """After the pass's pages are converted: say how many came from the store, and forget
        which: a key and a hit hold for the pass's Markdown only. ``mkdocs serve``'s fast path
        converts pages after the build through the same events; with the last pass's hits
        still held, a page was taken from the store by its path alone after an edit changed
        its Markdown (a twin's new title: tests/builds/test_serve_fast_path_after_cached_build.py)."""
        logging.getLogger("mkdocs").removeHandler(self.records)
        if self.files is not None:
            del self.files.get_file_from_path  # the class's own again
            self.files = None
        self.records.records, self.mark = [], 0
        log.info(f"lexikon: {len(self.hits)} of {len(self.keys)} generated pages from the cache")
        self.keys, self.hits = {}, {}

    def owns(self, page: MkDocsPage) -> bool:
        """Whether the page's conversion is stored: it gets an empty source, then :meth:`take`."""
        return page.file.src_uri in self.hits

    def begin_page(self) -> None:
        self.mark = len(self.records.records)

    def take(self, page: MkDocsPage, files: Files) -> str:
        """The stored HTML; the TOC, meta, title, anchors and links set on the page, the log replayed."""
        return unpacked(self.restore(page, files))

    def restore(self, page: MkDocsPage, files: Files) -> str:
        """As :meth:`take`, the HTML still packed (:func:`unpacked`): a page whose file is then
        taken from the last site (:mod:`.kept_pages`) never needs it."""
        state = self.hits[page.file.src_uri]
        for name, level, message in state["records"]:
            logging.getLogger(name).log(level, "%s", message)
        page.markdown = ""  # read by nobody after conversion (the title is set): not stored, half the size
        page.toc = get_toc(state["toc"])
        page.meta = json.loads(state["meta"])  # the page's own copy: later events change it
        page._title_from_render = state["title"]
        page.present_anchor_ids = set(state["anchors"])
        for name, value in json.loads(state["lexikon"]).items():
            setattr(page, name, value)
        page.links_to_anchors = {files.get_file_from_path(target): anchors
                                 for target, anchors in state["links"].items()} or None
        return state["packed"]

    def put(self, page: MkDocsPage, content: str) -> str | None:
        """Store a generated page just converted (with every plugin's changes) under its key;
        its HTML as stored (:func:`_packed`), or None where it is not stored."""
        key = self.keys.get(page.file.src_uri)
        lexikon = {k: v for k, v in vars(page).items() if k.startswith("lexikon_")}
        lookups = lexikon.pop("lexikon_lookups", {})
        try:  # as text: a copy now (later events change the page's), and exactly what comes back
            meta, own = json.dumps(page.meta, sort_keys=True), json.dumps(lexikon, sort_keys=True)
        except (TypeError, ValueError):
            return None  # a value JSON does not hold (a date in the front matter): converted each time
        if key is None or json.loads(meta) != page.meta or json.loads(own) != lexikon:
            return None
        state = {
            "packed": _packed(content),
            "toc": toc_tokens(list(page.toc)),
            "meta": meta,
            "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()),
            "lexikon": own,
            "links": {target.src_uri: anchors for target, anchors in (page.links_to_anchors or {}).items()},
            "records": self.records.records[self.mark:],
            "lookups": lookups,
            "files": self.files_digest,
        }
        self.kept[key] = state
        return state["packed"]

    def finish(self) -> None:
        """After a good build: the store holds this build's pages, no others (written where changed)."""
        self.store.keep_items(STORE, self.kept)


def files_digest(files: Files) -> str:
    """Every file's addresses and inclusion: all a page's conversion (its relative links) and
    its frame (its twins, the nav) may learn of the other files. A page stored under the same
    digest looked up nothing that changed since."""
    text = "\n".join(f"{f.src_uri}\0{f.dest_uri}\0{f.url}\0{f.inclusion.name}" for f in files)
    return hashlib.blake2b(text.encode(), digest_size=20).hexdigest()


def _packed(html: str) -> str:
    """A page's HTML compressed (~1/6 as JSON text): the store holds every converted page, and
    a 10,000-term site's HTML is ~0.5 GB as text."""
    return base64.b64encode(zlib.compress(html.encode(), 1)).decode("ascii")


def unpacked(packed: str) -> str:
    return zlib.decompress(base64.b64decode(packed)).decode()


def config_fingerprint(config: MkDocsConfig) -> str:
    """What shapes a page's conversion beyond ``mkdocs.yml``'s own bytes: the Markdown options
    as loaded (a file it ``INHERIT``s, an ``!ENV`` value) and the source of every hook it lists
    (another hook's ``on_page_markdown`` is in the converted HTML)."""
    hooks = sorted((name, Path(getattr(module, "__file__", "") or "").read_bytes()
                    if getattr(module, "__file__", None) else b"") for name, module in config.hooks.items())
    loaded = json.dumps([config.markdown_extensions, config.mdx_configs], sort_keys=True, default=_stable)
    return hashlib.blake2b(repr((loaded, hooks)).encode(), digest_size=16).hexdigest()


def _stable(value: object) -> str:
    """A function's name and the plain values it closes over (``slugify(case="lower")``), not
    its address, which changes with every process."""
    if isinstance(value, functools.partial):
        return f"{_stable(value.func)}{value.args!r}{sorted(value.keywords.items())!r}"
    cells = [cell.cell_contents for cell in getattr(value, "__closure__", None) or ()]
    plain = [cell for cell in cells if isinstance(cell, (str, int, float, bool, type(None)))]
    name = getattr(value, "__qualname__", type(value).__qualname__)
    return f"{getattr(value, '__module__', type(value).__module__)}.{name}{plain!r}"

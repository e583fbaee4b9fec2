"""Pagefind: one search bundle per language, and what the pages carry for it (``search: pagefind``).

Needs only the built folder and the settings: after the engine has written every page, each
language's pages are indexed into ``<language root>/pagefind/``; while pages are written,
these helpers keep them out of the engine's own index, mark what Pagefind should skip or
weigh, and point Material's search box at our worker.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import importlib.metadata
import json
import os
import re
import shutil
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path

from lexikon.core import escape
from lexikon.core.layout import SiteLayout, href
from lexikon.core.processes import give_back_free_memory
from lexikon.publish.kept import KeptOutputs, bytes_digest, file_digest
from lexikon.publish.pagefind_index import PAGEFIND_EXCLUDE, PART_PAGES, Indexer, Started

SEARCH_WORKER = "assets/javascripts/lexikon-search-worker.js"
"""Our worker behind Material's search box (from ``hooks/overrides``): Material's protocol,
Pagefind's answers. One file for every language; ``?root=`` names the language's tree."""
PAGEFIND_DIR = "pagefind"
SEARCH_TERMS_ID = "lexikon-search-terms"
"""The hidden heading over a term page's search terms: the worker drops hits under it from
the excerpts it shows (the words are there to be found, not read)."""
SEARCH_TERMS_WEIGHT = 7
"""Pagefind's weight of an ``h1`` (the title): an alias or word form counts as much as the
title, far above a mention in a body (weight 1; Pagefind squares weights)."""
INDEXED = b"data-pagefind-body"
"""What marks a page Pagefind indexes (our template's article; see :func:`pagefind_pages`)."""
_PAGEFIND_UI_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
                      "pagefind-modular-ui.css", "pagefind-component-ui.js",
                      "pagefind-component-ui.css", "pagefind-highlight.js", "pagefind-worker.js")
"""Pagefind's own UIs and its page-side worker: the search box is Material's, and our
worker runs Pagefind inside itself."""


def take_over_search(meta: dict) -> bool:
    """Whether Pagefind is to index a page; the page leaves Material's lunr index either way.

    Material's search plugin parses every page it indexes (a fifth of a build); with
    Pagefind that index would only be fetched by nobody. Pages that opted out of search
    (``search: {exclude: true}``: the printable lexicon, the change list) stay out of both.
    """
    searched = not (meta.get("search") or {}).get("exclude")
    meta["search"] = {**(meta.get("search") or {}), "exclude": True}
    return searched


def search_terms_html(terms: Iterable[str]) -> str:
    """A term page's search terms as Pagefind reads them and no reader sees or hears.

    Aliases, declared and inflected forms, the other languages' titles: weighted like the
    title, hidden (Pagefind reads the HTML, not the CSS), under a heading of their own, which
    the reader's worker never shows. The heading has a character: Pagefind makes no section of
    an empty heading, and the terms then stood in the teaser of the page's last section.
    """
    words = " ".join(f"<span>{escape.html_text(term)}</span>" for term in terms)
    if not words:
        return ""
    return (f'<div class="lexikon-search-terms" hidden aria-hidden="true" '
            f'data-pagefind-weight="{SEARCH_TERMS_WEIGHT}">'
            f'<h2 id="{SEARCH_TERMS_ID}">·</h2><p>{words}</p></div>')


_CODE_BLOCK = re.compile(r"<pre\b(?![^>]*data-pagefind-ignore)")


def code_out_of_search(page_html: str) -> str:
    """Code blocks kept out of Pagefind's index: the guide's YAML examples are no answer to
    a reader's search, and their raw text made odd result excerpts."""
    return _CODE_BLOCK.sub("<pre data-pagefind-ignore", page_html)


_CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def use_search_worker(page_html: str, worker_url: str) -> str:
    """Point Material's search box at our worker (``search`` in the page's ``__config``).

    By ``str.replace`` of the script, not ``re.sub``: the substitution copies the whole page
    before the script into a piece of its own first, a third copy of the printable lexicon
    (30 million characters at 10,000 terms) beside the page and the result."""
    match = _CONFIG_SCRIPT.search(page_html)
    if match is None:
        return page_html
    script = match.group(1) + _with_worker(match.group(2), worker_url) + match.group(3)
    return page_html.replace(match.group(0), script, 1)  # its first place is the match's


@functools.lru_cache(maxsize=64)
def _with_worker(config_text: str, worker_url: str) -> str:
    """Material's configuration with our worker, as the script holds it: the same few texts
    on every page of a language at one depth (read and written once, not on 2,000 pages)."""
    config = json.loads(config_text)
    config["search"] = worker_url
    return escape.json_script(config, separators=(", ", ": "))


def search_worker_url(layout: SiteLayout, lang: str, page_url: str | None = None) -> str:
    """The worker's address from the page at ``page_url`` (relative), or without a page its
    absolute path (the 404 page, served at any depth); it searches ``lang``'s tree."""
    if page_url is None:
        return layout.file_path(SEARCH_WORKER) + "?root=" + layout.root(lang)
    return href(page_url, layout.file_url(SEARCH_WORKER)) + "?root=" + layout.root(lang)


def pagefind_pages(site_dir: Path, layout: SiteLayout, digests: dict[Path, str] | None = None,
                   only: Collection[str] | None = None,
                   known: Mapping[str, tuple[str, bool]] | None = None) -> dict[str, list[tuple[str, Path]]]:
    """Per language, each page Pagefind indexes: its URL within the language's tree, its file.

    A page belongs to the language whose tree it is in (the longest root that holds it);
    only pages our template marked ``data-pagefind-body`` count, so the 404 page, redirects
    and pages that opted out of search stay out, and no bundle holds another language.
    ``digests`` gets each such page's digest (its bytes are read here once); ``only``: these
    languages' pages (the others' are not read). ``known``: pages whose bytes this build
    already read, by absolute path (another spelling of the folder: read again), their digest
    and whether they are marked: not read again (see :attr:`.kept.KeptOutputs.pages`).
    """
    codes = layout.settings.codes if only is None else [c for c in layout.settings.codes if c in only]
    roots = sorted(((c, layout.root(c)) for c in layout.settings.codes), key=lambda pair: -len(pair[1]))
    pages: dict[str, list[tuple[str, Path]]] = {code: [] for code in codes}
    known, top = known or {}, str(site_dir)
    for relative in _language_files(top, [(c, r) for c, r in roots if c in pages], [r for _, r in roots]):
        code, root = next((c, r) for c, r in roots if relative.startswith(r))
        inside = relative[len(root):]
        if code not in pages or inside.split("/", 1)[0] == PAGEFIND_DIR:
            continue
        path = site_dir / relative
        digest, indexed = known.get(os.path.join(top, relative)) or _read(path)
        if not indexed:
            continue
        if digests is not None:
            digests[path] = digest
        if layout.use_directory_urls and (inside == "index.html" or inside.endswith("/index.html")):
            inside = inside.removesuffix("index.html")
        pages[code].append(("/" + inside, path))
    return pages


def _html_files(top: str, skip: Collection[str] = (), inner: Collection[str] = ()) -> list[str]:
    """Every ``*.html`` under ``top`` (files or not, links to folders not followed), relative, in
    the order of ``sorted(Path(top).rglob("*.html"))`` (by parts: the bundle's key and staging
    follow it), without a Path per file: a site is ~2,000 folders, walked in every build. Not
    into ``skip`` (names of folders in ``top``) nor ``inner`` (folders as ``"a/b/"``)."""
    top = os.path.normpath(top)
    found, start = [], len(top.rstrip(os.sep)) + 1
    for folder, folders, files in os.walk(top):
        inside = folder[start:].replace(os.sep, "/") + "/" if folder != top else ""
        found.extend(inside + name for names in (folders, files) for name in names if name.endswith(".html"))
        if skip or inner:
            folders[:] = [name for name in folders
                          if not (inside == "" and name in skip) and inside + name + "/" not in inner]
    return sorted(found, key=lambda relative: relative.split("/"))


def _language_files(top: str, wanted: list[tuple[str, str]], roots: list[str]) -> list[str]:
    """What :func:`_html_files` lists of the ``wanted`` languages' trees (code, root), each walked
    alone: not into another language's tree nor a tree's own ``pagefind/`` folder, whose files
    :func:`pagefind_pages` leaves out (each language's bundle walked the whole site)."""
    found: list[str] = []
    for _, root in wanted:
        parts = root.rstrip("/").split("/") if root else []
        folder = os.path.join(top, *parts)
        if any(os.path.islink(os.path.join(top, *parts[:n])) for n in range(1, len(parts) + 1)) \
                or not os.path.isdir(folder):
            continue  # the whole site's walk does not enter a linked folder either
        inner = [other[len(root):] for other in roots if other != root and other.startswith(root)]
        found.extend(root + name for name in _html_files(folder, {PAGEFIND_DIR}, inner))
    return sorted(found, key=lambda relative: relative.split("/"))


def _read(path: Path) -> tuple[str, bool]:
    """A page's digest and whether Pagefind indexes it, from its bytes."""
    data = path.read_bytes()
    return bytes_digest(data), INDEXED in data


def _inputs(code: str, found: list[tuple[str, Path]], digests: dict[Path, str]) -> str:
    """What a language's bundle is made of: its pages' addresses and bytes, Pagefind's version
    and our options."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(repr((code, importlib.metadata.version("pagefind"), PAGEFIND_EXCLUDE,
                        _PAGEFIND_UI_FILES, PART_PAGES)).encode())
    for url, path in found:
        digest.update(url.encode() + b"\0" + (digests.get(path) or file_digest(path)).encode())
    return digest.hexdigest()


def write_pagefind_bundles(site_dir: Path, layout: SiteLayout, kept: KeptOutputs | None = None,
                           meanwhile: Callable[[], None] | None = None,
                           started: dict[str, Started] | None = None,
                           into: Path | None = None) -> dict[str, int]:
    """One Pagefind bundle per language, in ``<language root>/pagefind/``.

    A reader's worker loads only their language's bundle, whose words are stemmed by that
    language's Snowball stemmer (``--force-language``). Each language's pages are linked
    (hard links: no copies) into a folder of their own, laid out as in their tree, and
    Pagefind indexes that folder. Result URLs are relative to the language's tree; the
    browser side prefixes them with the folder holding the bundle. With ``kept``, a language
    whose pages did not change takes the last build's bundle (see :mod:`.kept`).
    ``meanwhile`` (the exports) runs once, while the first indexer works (its own process:
    the other core), or at the end when no language is indexed. ``started``: the languages
    whose bundles :func:`start_bundle` began earlier (their indexers are waited for here).
    ``into``: the folder the bundles go to, laid out as the site (``site_dir`` itself by default).
    """
    started = dict(started or {})
    gc.collect()  # the indexer's memory comes on top of the build's
    give_back_free_memory()
    # One language after the other: each indexer holds every page of its language
    # (600 MB at 5000 terms), beside the build's own memory. Pagefind's command, not
    # its Python API: the API's service, stopped as soon as it answers, could leave a
    # bundle's last file empty on a large site.
    rest = [code for code in layout.settings.codes if code not in started]
    for code in rest:
        started[code] = begun = start_bundle(site_dir, layout, code, kept, into)
        if begun.indexer is not None:
            meanwhile = _finish_bundle(begun, kept, meanwhile)
    for begun in started.values():
        meanwhile = _finish_bundle(begun, kept, meanwhile)
    if meanwhile is not None:
        meanwhile()
    return {code: started[code].pages for code in layout.settings.codes}


def start_bundle(site_dir: Path, layout: SiteLayout, code: str, kept: KeptOutputs | None = None,
                 into: Path | None = None) -> Started:
    """Begin ``code``'s bundle now that its pages are written (the build goes on meanwhile), or
    take the last build's where they did not change; into ``into`` (the site by default)."""
    digests: dict[Path, str] = {}
    found = pagefind_pages(site_dir, layout, digests, (code,), kept.pages if kept is not None else None)[code]
    target = (into or site_dir) / layout.root(code) / PAGEFIND_DIR
    shutil.rmtree(target, ignore_errors=True)
    inputs = _inputs(code, found, digests) if kept is not None else ""
    if kept is not None and kept.reuse(f"pagefind-{code}", inputs, layout.root(code) + PAGEFIND_DIR, target):
        return Started(code, inputs, len(found), None)
    indexer = Indexer(code, found, site_dir, target, layout.settings.project_dir)
    return Started(code, inputs, len(found), indexer)


def _finish_bundle(begun: Started, kept: KeptOutputs | None,
                   meanwhile: Callable[[], None] | None) -> Callable[[], None] | None:
    """Wait for a begun bundle (``meanwhile`` runs first, while it indexes); None: meanwhile is done."""
    indexer, begun.indexer = begun.indexer, None
    if indexer is None:
        return meanwhile
    try:
        if meanwhile is not None:
            meanwhile()
        indexer.wait()
    finally:
        indexer.stop()
    for name in _PAGEFIND_UI_FILES:
        (indexer.target / name).unlink(missing_ok=True)
    if kept is not None:
        kept.record(f"pagefind-{begun.code}", begun.inputs, indexer.target,
                    (p for p in indexer.target.rglob("*") if p.is_file()))
    return None


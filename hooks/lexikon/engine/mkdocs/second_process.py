"""A second process for half of the Markdown: MkDocs' own page steps, forked onto the other core."""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import pickle
import traceback
from collections.abc import Collection

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page as MkDocsPage

from lexikon.core.processes import can_fork
from lexikon.engine.mkdocs import held_html
from lexikon.engine.mkdocs.pages import Rendered

_PAGE_STATE = ("markdown", "content", "toc", "meta", "_title_from_render", "present_anchor_ids")
"""What MkDocs' page steps leave on a page (besides links, which name File objects)."""


class _Records(logging.Handler):
    """Log records of the second process, to be told again by the first (strict counts them)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args, record.exc_info = record.getMessage(), None, None
        self.records.append(record)


class SecondProcess:
    """Half of a language pass's generated pages, through MkDocs' own page steps, in a fork.

    Markdown is half of a build, and generated term pages are nearly all of it. After the
    nav is made, a copy of the build process (forked: it starts with every object the
    build has) reads, converts and post-processes every second generated page with the
    same plugins and events, and sends each result back in order. The build gives those
    pages an empty source and takes the result where it would have converted them: the
    HTML is the same, made on the other core. Only where forking is safe (no other
    thread, as in ``mkdocs serve``) and worth it (``parallel_from`` pages).
    """

    def __init__(self, pages: list[MkDocsPage], config: MkDocsConfig, files: Files) -> None:
        self.share = {page.file.src_uri for page in pages}
        self.results: dict[str, tuple[dict, dict, list[logging.LogRecord]]] = {}
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(read)
            _render_in_child(pages, config, files, write)  # never returns
        os.close(write)
        self.reader = os.fdopen(read, "rb")

    @classmethod
    def start(cls, files: Files, config: MkDocsConfig, rendered: Rendered,
              done: Collection[str] = ()) -> SecondProcess | None:
        """The second process for this pass's generated pages not ``done`` (cached), if it helps."""
        pages = [file.page for file in files.documentation_pages()
                 if file.page is not None and file.src_uri in rendered.pages and file.src_uri not in done]
        threshold = rendered.settings.parallel_from
        if not threshold or len(pages) < threshold or not can_fork():
            return None
        return cls(pages[1::2], config, files)

    def owns(self, page: MkDocsPage) -> bool:
        return page.file.src_uri in self.share

    def take(self, page: MkDocsPage, files: Files) -> str:
        """The page's HTML from the second process; its TOC, meta and anchors set on it."""
        uri = page.file.src_uri
        while uri not in self.results:
            try:
                # Pickle, between our own forked processes over an anonymous pipe: nothing
                # read from disk or written by anyone else (the cache is JSON; see cache.py).
                got, state, links, records = pickle.load(self.reader)
            except EOFError:
                raise RuntimeError(f"the second build process ended before rendering {uri}") from None
            if got is None:
                raise RuntimeError(f"the second build process failed:\n{state}")
            self.results[got] = (state, links, records)
        state, links, records = self.results.pop(uri)
        for record in records:
            logging.getLogger(record.name).handle(record)
        content = state.pop("content")
        for name, value in state.items():
            setattr(page, name, value)
        page.links_to_anchors = {files.get_file_from_path(target): anchors  # type: ignore[misc]
                                 for target, anchors in links.items()} or None
        return content

    def close(self) -> None:
        """Wait for the second process (all its pages were taken, or the build failed)."""
        self.reader.close()  # a process still writing gets a broken pipe, and ends
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)



def _render_in_child(pages: list[MkDocsPage], config: MkDocsConfig, files: Files, write: int) -> None:
    """The second process: each page through MkDocs' steps, sent back; then away, at once."""
    gc.freeze()  # the inherited objects are the build's: never walk (and so copy) them
    held_html.never_in_this_process()
    code = 0
    records = _Records()
    for name in ("", "mkdocs"):
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
    logging.getLogger("mkdocs").addHandler(records)
    out = os.fdopen(write, "wb")
    try:
        for page in pages:
            records.records = []
            _populate_page(page, config, files)
            state = {name: getattr(page, name) for name in _PAGE_STATE}
            state.update({k: v for k, v in vars(page).items() if k.startswith("lexikon_")})
            links = {target.src_uri: anchors for target, anchors in (page.links_to_anchors or {}).items()}
            pickle.dump((page.file.src_uri, state, links, records.records), out, pickle.HIGHEST_PROTOCOL)
            page.markdown = page.content = None  # sent: free it
    except BaseException:
        code = 1
        with contextlib.suppress(BaseException):
            pickle.dump((None, traceback.format_exc(), {}, []), out)
    finally:
        with contextlib.suppress(BaseException):
            out.flush()
        os._exit(code)


def _populate_page(page: MkDocsPage, config: MkDocsConfig, files: Files) -> None:
    """MkDocs 1.6's steps for one page, as in ``mkdocs.commands.build._populate_page``."""
    config._current_page = page
    try:
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        page.render(config, files)
        page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
    finally:
        config._current_page = None

"""Search that failed to load (a request lost on a flaky network) loads again at the next
query. The worker imports Pagefind once; Pagefind's module keeps one instance per page, and
an index that failed to load stays in it (a part that failed stays merged: every later search
throws). So the worker imports a fresh copy of the module after a failure: a reader who types
again finds what a reader with a good connection finds, in one bundle as across parts."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.bench.search import _Quiet, serve
from tests.browser.test_search_engines import Reader, _reader, browser, type_and_wait  # noqa: F401
from tests.browser.test_search_parts import parted  # noqa: F401
from tests.support.project import Project

pytestmark = pytest.mark.browser


class _LosesFirst(_Quiet):
    """Answers the first request whose path matches ``lost`` with a 503, as a flaky network or
    host would (a dedicated worker's requests are not Playwright's to intercept)."""

    def __init__(self, *args, lost: re.Pattern[str], failed: list[str], **kwargs) -> None:
        self.lost, self.failed = lost, failed
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        if not self.failed and self.lost.search(self.path):
            self.failed.append(self.path)
            self.send_error(503)
            return
        super().do_GET()


def _search_fails_then_finds(browser: Browser, site: Path, lost: str, tree: str, word: str,  # noqa: F811
                             target: str) -> None:
    failed: list[str] = []
    handler = functools.partial(_LosesFirst, lost=re.compile(lost), failed=failed)
    with serve(site, handler) as url:
        reader_runs = _reader(browser, url)
        reader: Reader = next(reader_runs)
        try:
            reader.open("/" + tree)
            box = reader.page.locator("input.md-search__input")
            box.click()
            box.press_sequentially("zzzz", delay=15)   # the first query meets the lost request
            reader.page.wait_for_timeout(500)
            assert failed, f"{lost} was never requested"
            box.fill("")
            assert target in type_and_wait(reader, word, target).pages
        finally:
            reader_runs.close()


@pytest.mark.parametrize("lost", [r"/pagefind/part-2/pagefind-entry\.json(?:\?|$)",
                                  r"/pagefind/part-3/pagefind\..*\.pf_meta(?:\?|$)"])
def test_a_part_lost_once_is_merged_at_the_next_query(browser: Browser, parted: tuple[str, Path],  # noqa: F811
                                                      lost: str) -> None:
    _search_fails_then_finds(browser, parted[1], lost, "", "Backsourcing", "/terms/backsourcing/")


@pytest.mark.parametrize("lost", [r"/da/pagefind/pagefind-entry\.json(?:\?|$)",
                                  r"/da/pagefind/pagefind\.js$"])
def test_a_bundle_lost_once_loads_at_the_next_query(browser: Browser, built_site: Project, lost: str) -> None:  # noqa: F811
    _search_fails_then_finds(browser, built_site.site, lost, "da/", "hjemtagning", "/da/terms/backsourcing/")

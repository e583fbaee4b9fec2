"""The stale notice on a term page, rendered from a history given in memory: its sentence in
the page's language, the date in the locale's format, the commit link from ``repo_url``."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from lexikon.core.history import EntryDates
from lexikon.core.language_history import Edit
from lexikon.core.layout import SiteLayout, commit_url
from lexikon.core.locale import load_locale
from lexikon.core.model import Entry, Glossary, Text
from lexikon.core.settings import make_settings
from lexikon.render.stale_notice import stale_notices
from lexikon.render.view import View
from tests.support.constants import LANGUAGES

CREATED = datetime(2026, 3, 1, 10, tzinfo=timezone.utc)
CHANGED = datetime(2026, 3, 12, 23, 30, tzinfo=timezone.utc)


def _view(lang: str, languages: tuple[str, ...] = ("de", "da"), repo_url: str | None = None,
          reviewed: str | None = None) -> tuple[View, Entry]:
    texts = {code: Text(code, "Wort", "Text", reviewed=reviewed if code == lang else None)
             for code in languages}
    entry = Entry("wort", "glossary/wort.yml", texts=texts)
    history = {"wort": EntryDates("wort", CREATED, CHANGED, (
        Edit("b" * 40, CHANGED, frozenset(languages[1:] if lang == languages[0] else languages[:1])),
        Edit("a" * 40, CREATED, frozenset(languages))))}
    settings = make_settings(Path("."), LANGUAGES, None)
    layout = SiteLayout(settings, True, None, repo_url)
    return View(Glossary({"wort": entry}, {}, languages), layout, load_locale(lang), history=history), entry


@pytest.mark.parametrize(("lang", "sentence"), [
    ("de", "Die deutsche Fassung ist älter als die dänische (geändert am 12.03.2026)."),
    ("da", "Den danske version er ældre end den tyske (ændret den 12.03.2026)."),
])
def test_notice_in_the_page_language(lang: str, sentence: str) -> None:
    (notice,) = stale_notices(*_view(lang))
    assert f"<p>{sentence}</p>" in notice and "href" not in notice


def test_date_links_to_the_commit_with_repo_url() -> None:
    (notice,) = stale_notices(*_view("da", repo_url="https://github.com/example/lexikon/"))
    link = f'<a href="https://github.com/example/lexikon/commit/{"b" * 40}">12.03.2026</a>'
    assert f"(ændret den {link})" in notice


def test_reviewed_the_day_of_the_change_shows_nothing() -> None:
    assert stale_notices(*_view("da", reviewed="2026-03-12")) == []
    assert len(stale_notices(*_view("da", reviewed="2026-03-11"))) == 1


def test_a_language_the_locale_has_no_adjective_for_is_named() -> None:
    (notice,) = stale_notices(*_view("de", ("de", "en")))
    assert "Diese Fassung ist älter als die auf en (geändert am 12.03.2026)." in notice


@pytest.mark.parametrize(("repo", "url"), [
    ("https://github.com/o/r", "https://github.com/o/r/commit/abc"),
    ("https://github.com/o/r.git", "https://github.com/o/r/commit/abc"),
    ("https://gitlab.com/g/r/", "https://gitlab.com/g/r/-/commit/abc"),
    ("https://bitbucket.org/o/r", "https://bitbucket.org/o/r/commits/abc"),
    ("https://codeberg.org/o/r", "https://codeberg.org/o/r/commit/abc"),
])
def test_commit_url_per_host(repo: str, url: str) -> None:
    assert commit_url(repo, "abc") == url

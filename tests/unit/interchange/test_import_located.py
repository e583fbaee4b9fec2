"""Every `lexicon import` error names the file, a line and a column (issue 16's leftover):
a problem of the whole article is shown at its start, a byte that is not UTF-8 where it stands."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from lexikon.core.settings import make_settings
from lexikon.interchange.article import run_import
from tests.support.constants import LANGUAGES

LOCATED = re.compile(r"^(?P<path>[^\n]+):(?P<line>\d+):(?P<col>\d+): error: [^\n]+\n$")


def _import(tmp_path: Path, name: str, data: bytes) -> tuple[int, str]:
    (tmp_path / "glossary").mkdir(exist_ok=True)
    settings = make_settings(tmp_path, LANGUAGES, None)
    source = tmp_path / name
    source.write_bytes(data)
    out = io.StringIO()
    return run_import(settings, source, "de", out=out), out.getvalue()


@pytest.mark.parametrize(("name", "data"), [
    ("leer.txt", b""),                                   # no text
    ("nur-leerzeilen.md", b"\n\n   \n"),
    ("ohne-titel.html", b"<html><body><p></p></body></html>"),
])
def test_a_problem_of_the_whole_article_is_shown_at_its_start(tmp_path: Path, name: str, data: bytes) -> None:
    code, printed = _import(tmp_path, name, data)
    assert code == 1
    located = LOCATED.match(printed)
    assert located, printed
    assert located["path"].endswith(name) and (located["line"], located["col"]) == ("1", "1")
    assert not list((tmp_path / "glossary").iterdir()), "nothing written"


def test_a_byte_that_is_not_utf8_is_shown_where_it_stands(tmp_path: Path) -> None:
    code, printed = _import(tmp_path, "groesse.txt", "Größe\nDie Größe zählt.\n".encode("iso-8859-1"))
    assert code == 1
    located = LOCATED.match(printed)
    assert located and (located["line"], located["col"]) == ("1", "3"), printed
    code, printed = _import(tmp_path, "zwei.txt", "Titel\nab\xf8c\n".encode("iso-8859-1"))
    located = LOCATED.match(printed)
    assert located and (located["line"], located["col"]) == ("2", "3"), printed

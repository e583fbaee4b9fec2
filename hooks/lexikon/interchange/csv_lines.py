"""A CSV file's text and its rows, as :mod:`.csv_read` reads them: the encoding (UTF-8, or
what a byte order mark names), the delimiter, and each row with the line it starts on, a row
the csv module cannot read being an error about that row (not the end of the import).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from typing import Any

from lexikon.core.model import Severity
from lexikon.interchange.terms import problem

_DELIMITERS = ",;\t"
_SNIFFED = 4096
"""The longest header line ``csv.Sniffer`` is asked about (its time grows with the square)."""
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
"""Byte order marks that name their encoding beyond doubt (Excel's 'Unicode Text' is UTF-16)."""


def decode(data: bytes) -> str:
    """The file's text; anything but UTF-8 is refused where its first foreign byte stands.

    UTF-16 and UTF-32 with a byte order mark are read too: the mark names the encoding, nothing
    is guessed (Excel's "Unicode Text" saves UTF-16)."""
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):  # a zip (.xlsx, .ods) or OLE (.xls) file
        raise problem("this is a spreadsheet workbook (.xlsx, .ods or .xls), not CSV: open it and save "
                      "the sheet as 'CSV UTF-8' (Excel) or 'Text CSV' in UTF-8, then import that file")
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if encoding is not None:
        try:
            return data.decode(encoding).lstrip("\ufeff")
        except UnicodeDecodeError as err:
            raise problem(f"the file starts as {encoding.upper()} and is not ({err.reason} at byte "
                          f"{err.start}): save it as 'CSV UTF-8' (Excel) or with UTF-8 encoding") from err
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        before = data[:err.start]
        line_start = before.rfind(b"\n") + 1
        col = len(before[line_start:].decode("utf-8", "replace").lstrip("\ufeff")) + 1
        raise problem(f"the file is not UTF-8 (byte 0x{data[err.start]:02X}; Excel's 'CSV' is Windows-1252): "
                      "save it as 'CSV UTF-8' (Excel) or with UTF-8 encoding", before.count(b"\n") + 1,
                      col) from err
    nul = text.find("\x00", 0, text.find("\n"))
    if nul >= 0:  # a header holding NUL (UTF-8 allows it) is UTF-16 whose byte order mark was lost
        raise problem("the first line holds NUL bytes, as UTF-16 without its byte order mark does: save "
                      "the file as 'CSV UTF-8' (Excel) or with UTF-8 encoding", 1, nul + 1)
    return text


def declared(text: str) -> str | None:
    """The delimiter a first line ``sep=;`` names (Excel writes and reads it, so do files made
    for Excel), or None: then the header is the first line and the delimiter is sniffed."""
    found = re.match(r'"?sep=([^\r\n"])"?[ \t]*\r?(?:\n|\r|$)', text, re.IGNORECASE)
    return found.group(1) if found else None


def sniff(text: str) -> str:
    """The delimiter of the header line: comma, semicolon or tab.

    ``csv.Sniffer`` restricted to these three guesses (it looks at quotes first, so a quoted
    header cell holding another separator does not fool it). Its guess is checked: of the
    delimiters that split the header without breaking a quoted cell (no ``"`` left inside a
    cell), the one giving the most cells wins; a tie goes to the guess, else to the comma.
    (Without quotes the sniffer prefers the comma even in ``id;title;Notiz, intern``.)"""
    header = re.split(r"[\r\n]", text, maxsplit=1)[0]
    try:  # the sniffer's patterns take quadratic time: a real header is far shorter than this
        guess = csv.Sniffer().sniff(header[:_SNIFFED], delimiters=_DELIMITERS).delimiter
    except csv.Error:
        guess = ","
    split = {d: _cells(header, d) for d in _DELIMITERS}
    cells = {d: len(row) for d, row in split.items() if not any('"' in cell for cell in row)} or \
        {d: len(row) for d, row in split.items()}
    most = max(cells.values())
    return guess if cells.get(guess) == most else next(d for d in _DELIMITERS if cells.get(d) == most)


def _cells(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:  # a cell over the csv module's limit: the reading proper reports it
        return []


def records(text: str, delimiter: str) -> Iterator[tuple[int, Any, Any]]:
    """The rows of ``text``, as :func:`_records` gives them."""
    # strict: a quote left open runs to the end of the file, and is an error, not one huge cell
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    return _records(reader, io.StringIO(text, newline="").readlines(), delimiter)


def _records(reader: Any, lines: list[str], delimiter: str) -> Iterator[tuple[int, Any, Any]]:
    """Each row with the line it starts on, or (row None) the reader's error about it: the
    column and the message.

    After an error the reader starts afresh at the next line: a quote closed in the middle of
    a cell costs that row only. A quote never closed (or a cell over the csv module's 128 KB
    limit) ends the reading: what follows it cannot be told apart from the cell."""
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            last = len(lines) if "end of data" in str(err) else reader.line_num
            span = f"lines {line}-{last}" if last > line else f"line {line}"
            if "end of data" in str(err):
                at, col = _open_quote(lines, line, delimiter)
                yield at, None, (col, Severity.ERROR, f"the quote opened in column {col} is never closed: "
                                 f"{span} are not read (all of it would be one cell); close the quote, and "
                                 'write a quote inside a cell as two ("")')
                return
            if "expected after" not in str(err):
                yield line, None, (1, Severity.ERROR, f"this row cannot be read ({err}): a cell this long "
                                   "is not a term; fix the row (or a quote left open above it): "
                                   f"{span} and what follows are not read")
                return
            yield line, None, (1, Severity.ERROR, f"a quote ends in the middle of a cell ({err}): {span} "
                               "not read; put the whole cell in quotes and write a quote inside it as "
                               'two ("")')
            line = reader.line_num + 1
            continue
        start, line = line, reader.line_num + 1
        yield start, row, None


def _open_quote(lines: list[str], line: int, delimiter: str) -> tuple[int, int]:
    """The line and column (cell number) of the quote the row starting at ``line`` leaves open."""
    opened, cell, field_start, quoted = (line, 1), 1, True, False
    for number, text in enumerate(lines[line - 1:], line):
        index = 0
        while index < len(text):
            char = text[index]
            if quoted and char == '"':
                doubled = text.startswith('"', index + 1)
                index += 1 if doubled else 0
                quoted = doubled
            elif not quoted and field_start and char == '"':
                quoted, opened = True, (number, cell)
            elif not quoted and char == delimiter:
                cell += 1
            field_start = not quoted and char == delimiter
            index += 1
    return opened

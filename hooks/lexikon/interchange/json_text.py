"""The exports' JSON text (sorted keys, two-space indent), made without the pure-Python encoder.

``json.dumps(…, indent=2)`` never uses CPython's C encoder (it has no indent): it runs
``json.encoder._make_iterencode``, a generator per list and object and a ``yield`` per
piece, 0.1 CPU-s for ``glossary.json`` alone at 1,000 terms and as much again for
``glossary.jsonld``. :func:`indented` writes the same bytes (the same rules, in the same
order: :mod:`tests.unit.interchange.test_json_text` holds it to ``json.dumps`` on random
documents) with one function call per list or object, and strings through the C encoder's
own string function.
"""

from __future__ import annotations

from json.encoder import INFINITY, encode_basestring

_INDENT = "  "


def _float(value: float) -> str:
    """As ``json``'s ``floatstr`` with ``allow_nan`` (its default)."""
    if value != value:
        return "NaN"
    if value == INFINITY:
        return "Infinity"
    if value == -INFINITY:
        return "-Infinity"
    return float.__repr__(value)


def _key(key: object) -> str:
    """An object's key as ``json`` writes it (str, float, bool, None, int; anything else refused)."""
    if isinstance(key, str):
        return key
    written = _scalar(key)
    if written is None:
        raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")
    return written


def _scalar(value: object) -> str | None:
    """A value that is no list or object, as ``json`` writes it; None for the others."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    return None


def _text(value: object, level: int) -> str:
    if isinstance(value, str):
        return encode_basestring(value)
    written = _scalar(value)
    if written is not None:
        return written
    if isinstance(value, (list, tuple)):
        return _list(value, level)
    if isinstance(value, dict):
        return _object(value, level)
    raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


def _list(values: list | tuple, level: int) -> str:
    if not values:
        return "[]"
    newline = _NEWLINES[level + 1] if level + 1 < len(_NEWLINES) else "\n" + _INDENT * (level + 1)
    inner = level + 1
    items = [encode_basestring(value) if type(value) is str else _text(value, inner) for value in values]
    return "[" + newline + ("," + newline).join(items) + newline[:-2] + "]"


def _object(values: dict, level: int) -> str:
    if not values:
        return "{}"
    newline = _NEWLINES[level + 1] if level + 1 < len(_NEWLINES) else "\n" + _INDENT * (level + 1)
    inner = level + 1
    items = [encode_basestring(key if type(key) is str else _key(key)) + ": "
             + (encode_basestring(value) if type(value) is str else _text(value, inner))
             for key, value in sorted(values.items())]
    return "{" + newline + ("," + newline).join(items) + newline[:-2] + "}"


_NEWLINES = tuple("\n" + _INDENT * level for level in range(32))


def indented(document: object) -> str:
    """``json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)``, the same text."""
    return _text(document, 0)

"""The cache's records as plain JSON values and back, accepting only the declared types.

Each record type (a dataclass or named tuple of :mod:`.model`) is written as the list of
its fields, in order (a tuple of small named tuples as one flat list of their fields).
Reading rebuilds it field by field from the annotations the record
declares (``str``, ``int``, ``tuple[X, ...]``, ``Mapping[str, X]``, ``X | None``, another
record): a value of any other shape is refused, so what the cache holds can only ever
become the data it stood for, never an object of another kind.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import itertools
import re
from collections.abc import Callable
from typing import Any, TypeVar

from lexikon.core import model

T = TypeVar("T")
_Decoder = Callable[[Any], Any]


class Invalid(ValueError):
    """A stored value that is not what the record declares."""


def encode(value: Any) -> Any:
    """``value`` as JSON data: records as lists of their fields, enums as their values."""
    if isinstance(value, str | int | float | bool) or value is None:
        return value.value if isinstance(value, enum.Enum) else value
    if dataclasses.is_dataclass(value):
        return [flat(getattr(value, name)) for name, flat in _field_encoders(type(value))]
    if isinstance(value, tuple | list):
        return [encode(item) for item in value]
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(key): encode(item) for key, item in value.items()}
    raise TypeError(f"the cache cannot hold a {type(value).__name__}")


def encode_light(report: model.FileReport) -> list:
    """``encode(light(report))`` (:func:`lexikon.check.cache.light`: the report without its
    entry) without making the light report first: the same list, as every report of a check
    is written so (a dataclass copied field by field, 10,000 times, cost as much as the JSON)."""
    return [None if name == "entry" else flat(getattr(report, name))
            for name, flat in _field_encoders(model.FileReport)]


@functools.cache
def _field_encoders(record: type) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """Per field: a tuple of plain named tuples (a report's references) as one flat list,
    which JSON reads four times faster than a list of lists; a tuple of texts (a report's
    link targets, an entry's tags and aliases) as the list of them, at C speed, not one
    :func:`encode` call per text; anything else as it is."""
    encoders = []
    for f in dataclasses.fields(record):
        match = re.fullmatch(r"tuple\[(\w+), \.\.\.\]", f.type if isinstance(f.type, str) else "")
        if match and match.group(1) == "str":
            encoders.append((f.name, list))
            continue
        encoders.append((f.name, _flatten if match and _plain_types(match.group(1)) else encode))
    return tuple(encoders)


def _flatten(items: Any) -> list:
    return list(itertools.chain.from_iterable(items))  # at C speed: 3 million values at 10,000 entries


def decode(record: type[T], data: Any) -> T | None:
    """``data`` rebuilt as ``record``; None if it is missing or not exactly of its shape."""
    if data is None:
        return None
    try:
        return _decoder(record.__name__)(data)
    except (Invalid, ValueError, TypeError, RecursionError):
        return None


def _need(condition: bool) -> None:
    if not condition:
        raise Invalid


def _str(value: Any) -> str:
    _need(type(value) is str)
    return value


def _int(value: Any) -> int:
    _need(type(value) is int)
    return value


def _bool(value: Any) -> bool:
    _need(type(value) is bool)
    return value


_RECORDS: dict[str, type] = {
    "Entry": model.Entry, "Text": model.Text, "Span": model.Span, "Source": model.Source,
    "Context": model.Context,
    "Finding": model.Finding, "FileReport": model.FileReport,
    "Reference": model.Reference, "TitleUse": model.TitleUse, "NameUse": model.NameUse,
}
_DECODERS: dict[str, _Decoder] = {"str": _str, "int": _int, "bool": _bool, "Severity": model.Severity}


def _decoder(annotation: str) -> _Decoder:
    """The decoder for one annotation, made once."""
    found = _DECODERS.get(annotation)
    if found is None:
        found = _DECODERS[annotation] = _make(annotation.strip())
    return found


def _make(annotation: str) -> _Decoder:
    if annotation.endswith("| None"):
        inner = _decoder(annotation.removesuffix("| None").strip())
        return lambda value: None if value is None else inner(value)
    if match := re.fullmatch(r"tuple\[(\w+), \.\.\.\]", annotation):
        if _plain_types(match.group(1)):
            return _plain_tuples(_plain_types(match.group(1)))
        item = _decoder(match.group(1))

        def sequence(value: Any) -> tuple:
            _need(type(value) is list)
            return tuple(map(item, value))
        return sequence
    if match := re.fullmatch(r"Mapping\[str, (\w+)\]", annotation):
        item = _decoder(match.group(1))

        def mapping(value: Any) -> dict:
            _need(type(value) is dict)
            return {key: item(v) for key, v in value.items()}  # JSON keys are always str
        return mapping
    record = _RECORDS.get(annotation)
    if record is None:
        raise TypeError(f"the cache has no decoder for '{annotation}': add it to cache_codec")
    return _record(record)


def _record(record: type) -> _Decoder:
    if dataclasses.is_dataclass(record):
        names = [(f.name, f.type) for f in dataclasses.fields(record)]
        build: Callable[..., Any] = _filler(record, [name for name, _ in names])
    else:  # a named tuple: the cache keeps plain tuples (see cache.light)
        names = list(record.__annotations__.items())
        build = _plain_tuple
    fields = [_decoder(annotation if isinstance(annotation, str) else annotation.__forward_arg__)
              for _, annotation in names]
    count = len(fields)

    def rebuild(value: Any) -> Any:
        _need(type(value) is list and len(value) == count)
        return build(*[decode_field(item) for decode_field, item in zip(fields, value, strict=True)])
    return rebuild


def _filler(record: type, names: list[str]) -> Callable[..., Any]:
    """A maker of ``record`` from its field values, without its ``__init__`` (a frozen
    dataclass sets each field through ``object.__setattr__``: the slowest part of a warm
    check). The values are checked already; the records have no ``__post_init__``."""
    if getattr(record, "__slots__", None) or hasattr(record, "__post_init__"):
        return record
    new = object.__new__

    def fill(*values: Any) -> Any:
        made = new(record)
        made.__dict__.update(zip(names, values, strict=True))
        return made
    return fill


def _plain_tuple(*values: Any) -> tuple:
    return values


_PLAIN = {"str": str, "int": int}


def _plain_types(name: str) -> tuple[type, ...] | None:
    """The field types of a named tuple whose fields are all ``str`` or ``int``, else None."""
    record = _RECORDS.get(name)
    if record is None or dataclasses.is_dataclass(record):
        return None
    types = tuple(_PLAIN.get(a if isinstance(a, str) else a.__forward_arg__)
                  for a in record.__annotations__.values())
    return None if None in types else types


def _plain_tuples(types: tuple[type, ...]) -> _Decoder:
    """Many small tuples of str and int (a report's references), stored as one flat list:
    checked at C speed, each field's values by one slice (tens of thousands of them in a
    warm check)."""
    size = len(types)
    allowed = [{kind} for kind in types]

    def rebuild(value: Any) -> tuple:
        _need(type(value) is list and len(value) % size == 0)
        for position, kinds in enumerate(allowed):
            _need(set(map(type, value[position::size])) <= kinds)
        return tuple(zip(*[iter(value)] * size, strict=True))  # stored flat: see _field_encoders
    return rebuild


def check_records() -> None:
    """Make every decoder now: a record field of a type not handled here fails at once (tests)."""
    for name in _RECORDS:
        _decoder(name)

"""The check's frozen records (:mod:`lexikon.core.model`) copied with a change, without
``dataclasses.replace``.

``dataclasses.replace`` walks the record's fields in Python, then calls the frozen ``__init__``:
7.5 µs for a :class:`~lexikon.core.model.Text` of 16 fields, 1.4 µs here. A check copies a
text, its entry and its report for each body that loses a paragraph, and every report once
more without its entry (:func:`lexikon.check.cache.light`): tens of thousands of copies at
10,000 entries. The copy's ``__dict__`` is the original's with the changes; the record is the
same (equal, hashed, pickled and encoded alike: all of these read the attributes). Only for
records with no ``__post_init__``, no ``__slots__`` and no ``init=False`` field (checked once
per type); otherwise, and for a name that is no field, ``dataclasses.replace`` is asked.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any, TypeVar

R = TypeVar("R")

_new = object.__new__


@functools.cache
def _fields(record: type) -> frozenset[str] | None:
    """The field names of ``record`` if a copy of its ``__dict__`` is a copy of it, else None."""
    fields = dataclasses.fields(record)
    if (hasattr(record, "__post_init__") or getattr(record, "__slots__", None)
            or not all(field.init for field in fields)):
        return None
    return frozenset(field.name for field in fields)


def replaced(instance: R, **changes: Any) -> R:
    """``dataclasses.replace(instance, **changes)``, for the check's records (see above); one
    that holds anything besides its fields (a cached value) is copied by ``dataclasses``."""
    names = _fields(type(instance))
    state = instance.__dict__
    if names is None or len(state) != len(names) or not changes.keys() <= names:
        return dataclasses.replace(instance, **changes)  # type: ignore[type-var]
    copy = _new(type(instance))
    copy.__dict__.update(state)
    copy.__dict__.update(changes)
    return copy

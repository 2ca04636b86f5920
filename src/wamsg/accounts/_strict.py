"""Strict readers for the caller's own configuration: every mistake names its field."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import TypeVar

from wamsg._internal.fields import MAX_COUNT, opt_of
from wamsg._internal.json import Json, is_text, require_aware
from wamsg._internal.strict import at_key as _at
from wamsg.errors import ValidationError
from wamsg.events import LimitTier

__all__ = [
    "choice",
    "count",
    "member",
    "moments",
    "opt_member",
    "tier",
    "tier_of",
    "word",
    "words",
]

_E = TypeVar("_E", bound=enum.Enum)
_M = TypeVar("_M")
_Strict = Callable[[object, str], _M]


def tier(value: Json, field: str) -> LimitTier | None:
    """A messaging-limit tier (``"TIER_2K"`` or ``2000``), or None for null; unknown refused."""
    return None if value is None else LimitTier.strict(value, field)


def member(strict: _Strict[_M], data: Mapping[str, Json], key: str, field: str) -> _M:
    """The required enumeration value under ``key``, read by ``strict`` (``X.strict``)."""
    if data.get(key) is None:
        raise ValidationError("is required", field=_at(field, key))
    return strict(data.get(key), _at(field, key))


def opt_member(strict: _Strict[_M], data: Mapping[str, Json], key: str, field: str) -> _M | None:
    """The enumeration value under ``key``, or None when missing; unknown refused."""
    value = data.get(key)
    return None if value is None else strict(value, _at(field, key))


def choice(kind: type[_E], value: Json, field: str) -> _E:
    """A member of a plain string enumeration by its value (any case)."""
    text = value.strip().upper() if isinstance(value, str) else None
    for item in kind:
        if item.value == text:
            return item
    allowed = ", ".join(str(item.value) for item in kind)
    raise ValidationError(f"unknown value (one of {allowed})", field=field, value=value)


# -- the arguments of the decisions (``of`` and ``opt_of``: wamsg._internal.fields) -----


def count(value: object, field: str) -> int:
    """``value`` if it is a count: an integer from 0 to :data:`MAX_COUNT`."""
    if type(value) is int and 0 <= value <= MAX_COUNT:
        return value
    reason = f"must be a count (an integer from 0 to {MAX_COUNT})"
    raise ValidationError(reason, field=field, value=value)


def word(value: object, field: str) -> str:
    """``value`` if it is non-empty text (no lone surrogate)."""
    if isinstance(value, str) and value and is_text(value):
        return value
    raise ValidationError("must be a non-empty string", field=field, value=value)


def words(values: object, field: str) -> frozenset[str]:
    """A collection of non-empty texts (not one text, which would read as its letters)."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise ValidationError("must be a list of strings", field=field, value=values)
    return frozenset(word(value, field) for value in values)


def moments(values: object, field: str) -> list[datetime]:
    """A collection of timezone-aware datetimes, in UTC."""
    if isinstance(values, (str, bytes, datetime)) or not isinstance(values, Iterable):
        raise ValidationError("must be a list of datetimes", field=field, value=values)
    return [require_aware(value, field) for value in values]


def tier_of(value: object, field: str = "tier") -> LimitTier | None:
    """``value`` if it is a :class:`~wamsg.events.LimitTier` or None."""
    return opt_of(value, LimitTier, field)

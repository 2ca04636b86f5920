"""JSON value types and the small readers every ``from_dict`` uses.

The readers turn a foreign mapping into checked Python values and raise
:class:`~wamsg.errors.ValidationError` naming the key that was wrong, so no
``KeyError`` or ``TypeError`` ever escapes a public parser.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import TypeAlias

from wamsg.errors import ValidationError

__all__ = [
    "Json",
    "JsonObject",
    "format_time",
    "int_as_text",
    "opt_bool",
    "opt_float",
    "opt_str",
    "parse_time",
    "req_mapping",
    "req_str",
    "require_aware",
]

Json: TypeAlias = bool | int | float | str | list["Json"] | dict[str, "Json"] | None
"""Any value that :func:`json.loads` can produce."""

JsonObject: TypeAlias = dict[str, Json]
"""A JSON object, as :func:`json.loads` produces it."""

UTC = timezone.utc
_ZERO = timedelta(0)


def require_aware(value: object, field: str) -> datetime:
    """Return ``value`` in UTC, or raise if it is not a timezone-aware datetime."""
    if type(value) is datetime and value.tzinfo is UTC:
        return value  # the hot path: a stdlib datetime already in UTC
    if not isinstance(value, datetime):
        raise ValidationError("must be a timezone-aware datetime", field=field, value=value)
    offset = value.utcoffset()
    if offset is None:
        raise ValidationError(
            "naive datetime: pass a timezone-aware datetime (wamsg never guesses a zone)",
            field=field,
            value=value,
        )
    if offset == _ZERO and value.tzinfo is UTC:
        return value
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValidationError(
            "outside the range of UTC datetimes", field=field, value=value
        ) from None


# Python 3.10's fromisoformat reads only 3 or 6 fraction digits after a dot and
# no ``±hhmm`` offset; 3.11 reads any number of digits (keeping six), a comma,
# and ``±hhmm``. Providers send such times (Sunshine: ``09:00:02.5Z``), so a time
# fromisoformat refuses is written in 3.10's form and read again: every
# supported Python reads these forms alike. (3.11 also reads ISO 8601's compact
# and week forms, which 3.10 still refuses; no provider sends them.)
_FULL_TIME = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2})"
    r"(?:[.,]([0-9]+))?([+-][0-9]{2}):?([0-9]{2})"
)


def parse_time(value: object, field: str) -> datetime:
    """Read an ISO 8601 time with a zone (``...Z``, ``+hh:mm`` or ``+hhmm``) into UTC."""
    if not isinstance(value, str):
        raise ValidationError("must be an ISO 8601 string", field=field, value=value)
    text = value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parsed = _reread(text, field, value)
    return require_aware(parsed, field)


def _reread(text: str, field: str, value: str) -> datetime:
    """``text`` in the form Python 3.10 reads, read; else a :class:`ValidationError`."""
    full = _FULL_TIME.fullmatch(text)
    if full is not None:
        clock, fraction, hours, minutes = full.groups()
        try:
            return datetime.fromisoformat(f"{clock}.{(fraction or '')[:6]:0<6}{hours}:{minutes}")
        except ValueError:
            pass
    raise ValidationError("not an ISO 8601 time", field=field, value=value)


def format_time(value: datetime) -> str:
    """Write a UTC datetime as ISO 8601 with a ``Z`` suffix (``2026-11-02T02:00:00Z``)."""
    return value.astimezone(UTC).replace(tzinfo=None).isoformat() + "Z"


def int_as_text(value: Json) -> Json:
    """An integer code or id as text (providers send both); any other value unchanged.

    An integer too long to write as text (beyond ``sys.get_int_max_str_digits()``)
    is left as it is, for the caller's type check to reject.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return str(value)
        except ValueError:
            return value
    return value


def req_mapping(data: object, field: str) -> Mapping[str, Json]:
    """Return ``data`` if it is a JSON object, else raise naming ``field``."""
    if not isinstance(data, Mapping):
        raise ValidationError("must be a JSON object", field=field, value=data)
    return data


def req_str(data: Mapping[str, Json], key: str, field: str) -> str:
    """Return the non-empty string under ``key``."""
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise ValidationError("must be a non-empty string", field=f"{field}.{key}", value=value)
    return value


def opt_str(data: Mapping[str, Json], key: str, field: str) -> str | None:
    """Return the string under ``key``, or None when it is missing or null."""
    value = data.get(key)
    if value is None or isinstance(value, str):
        return value
    raise ValidationError("must be a string or null", field=f"{field}.{key}", value=value)


def opt_bool(data: Mapping[str, Json], key: str, field: str, default: bool = False) -> bool:
    """Return the boolean under ``key``, ``default`` when missing or null."""
    value = data.get(key)
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    raise ValidationError("must be true or false", field=f"{field}.{key}", value=value)


def opt_float(data: Mapping[str, Json], key: str, field: str) -> float | None:
    """Return the number under ``key`` as a float, or None when missing or null."""
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, float):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:
            raise ValidationError(
                "too large for a number", field=f"{field}.{key}", value=value
            ) from None
    raise ValidationError("must be a number or null", field=f"{field}.{key}", value=value)

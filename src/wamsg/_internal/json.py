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
    "UTC",
    "ZERO",
    "Json",
    "JsonObject",
    "format_optional_time",
    "format_time",
    "int_as_text",
    "is_text",
    "opt_bool",
    "opt_float",
    "opt_str",
    "parse_time",
    "req_mapping",
    "req_str",
    "require_aware",
    "saturated",
]

Json: TypeAlias = bool | int | float | str | list["Json"] | dict[str, "Json"] | None
"""Any value that :func:`json.loads` can produce."""

JsonObject: TypeAlias = dict[str, Json]
"""A JSON object, as :func:`json.loads` produces it."""

UTC = timezone.utc
"""The UTC zone, the one wamsg keeps every time in (``tzinfo is UTC`` is the fast check)."""

ZERO = timedelta(0)
"""The zero duration: UTC's offset, and the default safety margin of the windows."""


EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
"""The earliest time wamsg accepts: the Unix epoch, before any provider's timestamps."""

LATEST = datetime(2200, 1, 1, tzinfo=UTC)
"""The first time wamsg refuses: far past any rule or rate card, and far enough from
``datetime.max`` that adding a window, a month or a margin can never overflow."""

UNIX_LATEST = 7258118400
""":data:`LATEST` as unix seconds."""

LAST_MOMENT = LATEST - timedelta(microseconds=1)
"""The last time wamsg represents: where a computed time past :data:`LATEST` stops."""


def saturated(value: datetime) -> datetime:
    """A computed time (a deadline: an accepted time plus a delay) kept in range.

    From :data:`LATEST` on it reads :data:`LAST_MOMENT`, so an answer about a time
    just before 2200 never holds a time wamsg itself would refuse. Compare with the
    time before saturating it, so that the answer stays right at the last moment.
    """
    return value if value < LATEST else LAST_MOMENT


def _out_of_range(value: datetime, field: str) -> ValidationError:
    return ValidationError(
        "outside the supported times, 1970-01-01 to 2200-01-01 UTC", field=field, value=value
    )


def require_aware(value: object, field: str) -> datetime:
    """Return ``value`` in UTC, or raise if it is not a timezone-aware datetime.

    Times before :data:`EARLIEST` or from :data:`LATEST` on are refused too. The result
    is always a plain :class:`datetime` (a pendulum ``DateTime`` becomes one: its
    ``+ timedelta`` drops a stdlib zone, so wamsg's arithmetic would change with it).
    """
    if type(value) is datetime and value.tzinfo is UTC:
        if EARLIEST <= value < LATEST:
            return value  # the hot path: a stdlib datetime already in UTC
        raise _out_of_range(value, field)
    if not isinstance(value, datetime):
        raise ValidationError("must be a timezone-aware datetime", field=field, value=value)
    offset = value.utcoffset()
    if offset is None:
        raise ValidationError(
            "naive datetime: pass a timezone-aware datetime (wamsg never guesses a zone)",
            field=field,
            value=value,
        )
    try:
        utc = value if offset == ZERO and value.tzinfo is UTC else value.astimezone(UTC)
    except OverflowError:
        raise _out_of_range(value, field) from None
    if not EARLIEST <= utc < LATEST:
        raise _out_of_range(value, field)
    if type(utc) is not datetime:  # a subclass (pendulum's): its arithmetic differs
        utc = datetime(
            utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second, utc.microsecond, UTC
        )
    return utc


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
    if parsed.tzinfo is None:
        reason = "no time zone: add Z or an offset such as +02:00 (wamsg never guesses a zone)"
        raise ValidationError(reason, field=field, value=value)
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


def format_optional_time(value: datetime | None) -> str | None:
    """:func:`format_time` of ``value``, or None for no time (a window that never opened)."""
    return None if value is None else format_time(value)


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
    if type(field) is not str:
        raise ValidationError("a field label must be a string", field="field")
    if not isinstance(data, Mapping):
        raise ValidationError("must be a JSON object", field=field, value=data)
    return data


def is_text(value: str) -> bool:
    """True unless ``value`` holds a lone surrogate (a string no UTF-8 writer can encode)."""
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _text(value: str, field: str) -> str:
    if not is_text(value):
        raise ValidationError("holds a lone surrogate, which is not text", field=field)
    return value


def req_str(data: Mapping[str, Json], key: str, field: str) -> str:
    """Return the non-empty string under ``key`` (text: no lone surrogate)."""
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise ValidationError("must be a non-empty string", field=f"{field}.{key}", value=value)
    return _text(value, f"{field}.{key}")


def opt_str(data: Mapping[str, Json], key: str, field: str) -> str | None:
    """Return the string under ``key`` (text: no lone surrogate), or None when missing or null."""
    value = data.get(key)
    if value is None:
        return value
    if isinstance(value, str):
        return _text(value, f"{field}.{key}")
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

"""The checks of the public value classes' fields: attrs validators and converters.

Every public constructor declares, in each field, what it takes (``text``,
``opt_text``, ``flag``, ``instance(Media)``, ``tuple_of(ListRow)``, ``json_object``
…), so that a wrong type, a lone surrogate, a non-finite number or deep nesting is a
:class:`~wamsg.errors.ValidationError` naming the field, at construction, never a
``TypeError`` or ``UnicodeEncodeError`` later. The checks are plain functions with a
fast first test (``type(value) is str``): the webhook parsers build many of these
values.

JSON kept whole (``raw``, ``extra``): :func:`raw_json` and :func:`extra_json` walk the
value with :func:`~wamsg._internal.decode.require_strict` in every constructor, also
when a parser has just decoded it strictly: a constructor does not trust where its
argument came from. That walk is the largest part of the checks' cost on the parse path.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar

import attrs

from wamsg._internal.decode import MAX_INT_DIGITS, require_strict
from wamsg._internal.json import (
    EARLIEST,
    LATEST,
    UNIX_LATEST,
    UTC,
    Json,
    JsonObject,
    is_text,
    require_aware,
)
from wamsg.errors import ValidationError

__all__ = [
    "any_text",
    "argument",
    "as_tuple",
    "boolean",
    "calendar_date",
    "count",
    "dict_of",
    "duration",
    "extra_json",
    "finite",
    "flag",
    "instance",
    "integer",
    "iterable",
    "json_object",
    "json_value",
    "moment",
    "of",
    "opt_argument",
    "opt_flag",
    "opt_instance",
    "opt_integer",
    "opt_moment",
    "opt_of",
    "opt_text",
    "opt_text_or_int",
    "opt_time_of",
    "price",
    "raw_json",
    "text",
    "text_of",
    "tuple_of",
    "under",
    "unix_time",
    "within",
]

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]
_T = TypeVar("_T")


def _refuse(reason: str, attribute: attrs.Attribute[Any], value: object) -> ValidationError:
    return ValidationError(reason, field=attribute.name, value=value)


# -- texts -----------------------------------------------------------------------------


def text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a non-empty string, with no lone surrogate."""
    if type(value) is str and value and (value.isascii() or is_text(value)):
        return
    if isinstance(value, str) and value and is_text(value):
        return  # a str subclass
    if isinstance(value, str) and value:
        raise _refuse("holds a lone surrogate, which is not text", attribute, value)
    raise _refuse("must be a non-empty string", attribute, value)


def any_text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a string (empty allowed), with no lone surrogate."""
    if type(value) is str and (value.isascii() or is_text(value)):
        return
    if not isinstance(value, str):
        raise _refuse("must be a string", attribute, value)
    if not is_text(value):
        raise _refuse("holds a lone surrogate, which is not text", attribute, value)


def opt_text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: None or a string (empty allowed), with no lone surrogate."""
    if value is None or (type(value) is str and value.isascii()):
        return
    if not isinstance(value, str):
        raise _refuse("must be a string or None", attribute, value)
    if not is_text(value):
        raise _refuse("holds a lone surrogate, which is not text", attribute, value)


# -- flags, numbers, instances ---------------------------------------------------------


def flag(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: ``True`` or ``False`` (not 0, 1 or "yes")."""
    if value is not True and value is not False:
        raise _refuse("must be true or false", attribute, value)


def opt_flag(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: None, ``True`` or ``False``."""
    if value is not None and value is not True and value is not False:
        raise _refuse("must be true, false or None", attribute, value)


def finite(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a finite ``float`` or an ``int`` a float holds (not a bool)."""
    if type(value) is float:
        if math.isfinite(value):
            return
    elif isinstance(value, int) and not isinstance(value, bool) and -(2**53) <= value <= 2**53:
        return
    raise _refuse("must be a finite number", attribute, value)


def within(low: float, high: float) -> Validator:
    """Validator: a number (``float``, or ``int`` but not bool) from ``low`` to ``high``."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if (type(value) is float or type(value) is int) and low <= value <= high:
            return
        if (
            isinstance(value, (int, float))
            and not isinstance(value, bool)
            and low <= value <= high
        ):
            return
        span = f"±{high:g}" if low == -high else f"{low:g} to {high:g}"
        raise _refuse(f"{attribute.name} must be within {span}", attribute, value)

    return check


MAX_PRICE_EXPONENT = MAX_INT_DIGITS
"""How large (or small) a price may be: within 10**±4000, as JSON integers are."""


def price(value: Decimal, field: str) -> Decimal:
    """``value`` if a finite decimal within 10**±:data:`MAX_PRICE_EXPONENT`."""
    if value.is_finite() and (not value or abs(value.adjusted()) <= MAX_PRICE_EXPONENT):
        return value
    raise ValidationError("must be a finite price", field=field, value=value)


def integer(low: int, high: int) -> Validator:
    """Validator: an ``int`` (not a bool) from ``low`` to ``high``."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is int and low <= value <= high:
            return
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return
        raise _refuse(f"must be an integer from {low} to {high}", attribute, value)

    return check


def opt_integer(low: int, high: int) -> Validator:
    """Validator: None or an ``int`` (not a bool) from ``low`` to ``high``."""
    required = integer(low, high)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            required(instance, attribute, value)

    return check


MAX_COUNT = 10**9
"""The largest count (of users, sends, bytes in a limit …) a count field takes."""

_INT_LIMIT = 10**MAX_INT_DIGITS
MAX_JSON_INT = 2**63 - 1
"""The largest integer a code or a limit read from a provider may be (a JSON int64)."""


def opt_text_or_int(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: None, text (no lone surrogate) or an integer JSON holds (not a bool), as a
    provider writes a limit or an expiration."""
    if value is None or (type(value) is str and is_text(value)):
        return
    if type(value) is int and -_INT_LIMIT < value < _INT_LIMIT:
        return
    raise _refuse("must be a string, an integer or None", attribute, value)


def under(prefix: str, validator: Validator) -> Validator:
    """``validator``, its errors' field put under ``prefix`` (``content.body``)."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        try:
            validator(instance, attribute, value)
        except ValidationError as error:
            raise error.within(prefix) from None

    return check


def _kind_name(kind: type | tuple[type, ...]) -> str:
    return kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)


def instance(kind: type | tuple[type, ...]) -> Validator:
    """Validator: an instance of ``kind``."""
    name = _kind_name(kind)

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            raise _refuse(f"must be a {name}", attribute, value)

    return check


def opt_instance(kind: type | tuple[type, ...]) -> Validator:
    """Validator: None or an instance of ``kind``."""
    name = _kind_name(kind)

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None and not isinstance(value, kind):
            raise _refuse(f"must be a {name} or None", attribute, value)

    return check


def as_tuple(value: Any) -> Any:
    """Converter body: a list or other iterable as a tuple; anything else unchanged.

    A string, bytes or a mapping is left as it is too: the field's :func:`tuple_of`
    validator then refuses it, naming the field.
    """
    if type(value) is tuple:
        return value
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        return value
    return tuple(value)


def tuple_of(kind: type | tuple[type, ...]) -> Validator:
    """Validator: a tuple of instances of ``kind``."""
    name = _kind_name(kind)

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not tuple:
            raise _refuse(f"must be a tuple of {name}", attribute, value)
        for item in value:
            if not isinstance(item, kind):
                raise _refuse(f"must hold only {name} values", attribute, item)

    return check


def dict_of(kind: type | tuple[type, ...]) -> Validator:
    """Validator: a ``dict`` from texts (ids) to instances of ``kind``."""
    name = _kind_name(kind)

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not dict:
            raise _refuse(f"must be a dict of {name} by id", attribute, value)
        for key, item in value.items():
            if type(key) is not str or not is_text(key):
                raise _refuse("must have text keys", attribute, key)
            if not isinstance(item, kind):
                raise _refuse(f"must hold only {name} values", attribute, item)

    return check


_COLLECTIONS = frozenset({list, tuple, set, frozenset})


def iterable(value: object, field: str) -> None:
    """Refuse what a loop cannot take as a collection of items: a non-iterable, a text."""
    if type(value) in _COLLECTIONS:  # the usual case, without the abstract-class checks
        return
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise ValidationError("must be a collection (a list, a tuple …)", field=field, value=value)


# -- arguments of functions and methods ------------------------------------------------


def argument(value: object, kind: type | tuple[type, ...], field: str) -> None:
    """Refuse a function's argument that is not an instance of ``kind``."""
    if not isinstance(value, kind):
        raise ValidationError(f"must be a {_kind_name(kind)}", field=field, value=value)


def opt_argument(value: object, kind: type | tuple[type, ...], field: str) -> None:
    """Refuse a function's argument that is neither None nor an instance of ``kind``."""
    if value is not None and not isinstance(value, kind):
        raise ValidationError(f"must be a {_kind_name(kind)} or None", field=field, value=value)


def of(value: object, kind: type[_T], field: str) -> _T:
    """:func:`argument`, typed: ``value`` if it is a ``kind`` (``x = of(x, Kind, "x")``)."""
    argument(value, kind, field)
    return value  # type: ignore[return-value]  # argument() checked it


def opt_of(value: object, kind: type[_T], field: str) -> _T | None:
    """:func:`opt_argument`, typed: ``value`` if it is a ``kind`` or None."""
    opt_argument(value, kind, field)
    return value  # type: ignore[return-value]


def text_of(value: object, field: str, *, empty: bool = False) -> str:
    """A function's text argument: a string (non-empty unless ``empty``), no lone surrogate."""
    if type(value) is str and (value or empty) and (value.isascii() or is_text(value)):
        return value
    if not isinstance(value, str) or not (value or empty):
        wanted = "a string" if empty else "a non-empty string"
        raise ValidationError(f"must be {wanted}", field=field, value=value)
    if not is_text(value):
        raise ValidationError("holds a lone surrogate, which is not text", field=field)
    return value


def boolean(value: object, field: str) -> bool:
    """A function's flag: ``True`` or ``False`` (not 0, 1 or "yes")."""
    if value is True or value is False:
        return value
    raise ValidationError("must be true or false", field=field, value=value)


def calendar_date(value: object, field: str) -> date:
    """A calendar date: a :class:`~datetime.date` that is not a datetime."""
    if type(value) is date or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    raise ValidationError("must be a date (not a datetime)", field=field, value=value)


def count(value: object, field: str) -> int:
    """A count: an ``int`` (not a bool) from 0 to :data:`MAX_JSON_INT`."""
    if type(value) is int and 0 <= value <= MAX_JSON_INT:
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_JSON_INT:
        return int(value)
    raise ValidationError(f"must be an integer from 0 to {MAX_JSON_INT}", field=field, value=value)


def unix_time(value: object, field: str) -> float:
    """A UTC timestamp in seconds (a number, not a bool) from 1970 to 2200."""
    if (type(value) is float or type(value) is int) and 0 <= value < UNIX_LATEST:
        return value
    if (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and 0 <= value < UNIX_LATEST
    ):
        return float(value)
    raise ValidationError(
        "must be a unix timestamp from 1970 to 2200 (seconds)", field=field, value=value
    )


# -- times -----------------------------------------------------------------------------


def opt_time_of(value: datetime | None, field: str) -> datetime | None:
    """An optional time in UTC; a naive or out-of-range datetime is a ValidationError."""
    if value is None or (
        type(value) is datetime and value.tzinfo is UTC and EARLIEST <= value < LATEST
    ):
        return value  # the hot path of webhook parsing: already a UTC stdlib datetime
    return require_aware(value, field)


def moment(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a timezone-aware datetime from 1970 to 2200 (see ``require_aware``)."""
    if not (type(value) is datetime and value.tzinfo is UTC and EARLIEST <= value < LATEST):
        require_aware(value, attribute.name)


def opt_moment(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: None or a timezone-aware datetime from 1970 to 2200."""
    if value is not None:
        moment(instance, attribute, value)


MAX_DURATION = timedelta(days=366)
"""The longest duration a policy takes (a pacing interval, a back-off, a cap)."""


def duration(high: timedelta = MAX_DURATION) -> Validator:
    """Validator: a positive ``timedelta`` of at most ``high``."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if isinstance(value, timedelta) and timedelta(0) < value <= high:
            return
        raise _refuse(f"must be a positive timedelta of at most {high}", attribute, value)

    return check


# -- JSON kept whole -------------------------------------------------------------------


def json_value(value: object, field: str) -> Json:
    """``value`` if it is strict JSON, else a :class:`ValidationError` naming ``field``.

    Every value is walked, also one a parser has just decoded strictly: a constructor
    cannot tell where its argument came from, so it never trusts it.
    """
    require_strict(value, field)
    return value  # type: ignore[return-value]


def raw_json(value: Json) -> Json:
    """Converter of ``raw``: strict JSON."""
    return json_value(value, "raw")


def extra_json(value: JsonObject) -> JsonObject:
    """Converter of ``extra``: a strict JSON object."""
    kept = json_value(value, "extra")
    if type(kept) is not dict:
        raise ValidationError("must be a JSON object", field="extra", value=kept)
    return kept


def json_object(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a ``dict`` that is strict JSON (text keys, finite numbers, ≤ 500 deep)."""
    if type(value) is not dict:
        raise _refuse("must be a JSON object", attribute, value)
    if value:
        require_strict(value, attribute.name)

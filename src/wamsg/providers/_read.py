"""Small lenient readers shared by the adapters' parsers."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import TypeVar

from wamsg._internal.json import UNIX_LATEST, UTC, Json, JsonObject
from wamsg.errors import ValidationError
from wamsg.events import Event, UnknownEvent
from wamsg.identity import BusinessScopedUserId, Customer, PhoneNumber

__all__ = [
    "as_list",
    "as_object",
    "as_text",
    "customer_of",
    "guarded",
    "invalid",
    "number",
    "phone_or_none",
    "text",
    "unix_time",
]

_from_timestamp = datetime.fromtimestamp
_K = TypeVar("_K")
_V = TypeVar("_V")
_MAX_UNIX = UNIX_LATEST  # 2200-01-01, the end of the times wamsg accepts


def as_object(value: Json, field: str) -> JsonObject:
    """``value`` if it is a JSON object, else a :class:`ValidationError` naming ``field``."""
    if type(value) is dict:
        return value
    raise ValidationError("must be a JSON object", field=field, value=value)


def as_list(value: Json, field: str) -> list[Json]:
    """``value`` if it is a list, ``[]`` when missing, else a :class:`ValidationError`."""
    if type(value) is list:
        return value
    if value is None:
        return []
    raise ValidationError("must be a list", field=field, value=value)


def text(data: Mapping[str, Json], key: str) -> str | None:
    """The string under ``key``; numbers are written as text; anything else is None."""
    value = data.get(key)
    if value is None or type(value) is str:  # the usual cases, checked first
        return value
    return as_text(value)


def as_text(value: Json) -> str | None:
    """``value`` if it is a string, a number written as text, anything else None."""
    if isinstance(value, str):
        return str(value)  # a str subclass becomes a plain str
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def number(value: Json, field: str) -> float:
    """A JSON number as a float; text, booleans and ints too large for a float are refused."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:
            pass
    raise ValidationError("must be a number", field=field, value=value)


def unix_time(value: Json, field: str) -> datetime | None:
    """A unix-seconds timestamp (string or number) as an aware UTC datetime."""
    if type(value) is str and value.isdigit() and value.isascii() and len(value) < 12:
        seconds = int(value)  # Meta's way: a string of digits
    elif value is None:
        return None
    elif isinstance(value, int) and not isinstance(value, bool):
        seconds = value
    else:
        raise ValidationError("must be unix seconds", field=field, value=value)
    if not 0 <= seconds < _MAX_UNIX:
        raise ValidationError("unix seconds out of range", field=field, value=value)
    return _from_timestamp(seconds, UTC)


# Identities repeat: every webhook names the same few business numbers, and a
# batch or a busy conversation the same customers. They are immutable values,
# so they are shared through bounded memos (pure functions of their text).
# Only short text is remembered: a memo never keeps large foreign strings alive.
_MEMO_SIZE = 4096
_MEMO_TEXT = 256


def phone_or_none(value: str | None) -> PhoneNumber | None:
    """A phone number, or None when absent or not a number at all.

    Meta's ``wa_id`` digits without ``+`` read as E.164 [rule meta.phone.wa-id]; the
    provider's id is the authority, so a number wamsg's own checks refuse is kept
    unchecked (:meth:`~wamsg.identity.PhoneNumber.from_provider`).
    """
    found = _phones.get(value, _MISSING)
    if found is _MISSING:
        found = _phone(value) if value else None
        _remember(_phones, value, found, len(value or ""))
    return found  # type: ignore[return-value]  # a PhoneNumber or None


def _phone(value: str) -> PhoneNumber | None:
    try:
        return PhoneNumber.from_provider(value)
    except ValidationError:
        return None


def _user_id_or_none(value: str | None) -> BusinessScopedUserId | None:
    if not value:
        return None
    try:
        return BusinessScopedUserId(value)
    except ValidationError:
        return None


def customer_of(
    phone: str | None,
    user_id: str | None = None,
    name: str | None = None,
    username: str | None = None,
) -> Customer | None:
    """A customer from whatever identifies them; None when nothing valid does."""
    key = (phone, user_id, name, username)
    found = _customers.get(key, _MISSING)
    if found is not _MISSING:
        return found  # type: ignore[return-value]  # a Customer or None
    customer = _customer(phone, user_id, name, username)
    size = len(phone or "") + len(user_id or "") + len(name or "") + len(username or "")
    _remember(_customers, key, customer, size)
    return customer


def _remember(memo: dict[_K, _V], key: _K, value: _V, size: int) -> None:
    """Keep ``value`` under ``key`` if its text is short; a full memo starts afresh."""
    if size <= _MEMO_TEXT:
        if len(memo) >= _MEMO_SIZE:
            memo.clear()  # bounded: start afresh rather than grow
        memo[key] = value


def _customer(
    phone: str | None, user_id: str | None, name: str | None, username: str | None
) -> Customer | None:
    number = phone_or_none(phone)
    scoped = _user_id_or_none(user_id)
    if number is None and scoped is None:
        return None
    return Customer(phone=number, user_id=scoped, name=name, username=username)


# Looked up first: a hit costs one dict lookup; text lengths are measured on a miss only.
_phones: dict[str | None, PhoneNumber | None] = {}
_customers: dict[tuple[str | None, str | None, str | None, str | None], Customer | None] = {}
_MISSING = object()


def invalid(provider: str, kind: str, item: Json, error: ValidationError) -> UnknownEvent:
    """A malformed item kept whole, as ``<kind>.invalid`` with the error in ``extra``."""
    extra: JsonObject = {"error": str(error)}
    return UnknownEvent(provider=provider, kind=f"{kind}.invalid", raw=item, extra=extra)


def guarded(
    provider: str, kind: str, item: Json, read: Callable[[], Iterator[Event]]
) -> Iterator[Event]:
    """Run ``read``; if the item is malformed keep it whole as an :class:`UnknownEvent`.

    One bad item never loses the rest of a batch, and never raises.
    """
    try:
        events = list(read())
    except ValidationError as error:
        yield invalid(provider, kind, item, error)
        return
    yield from events

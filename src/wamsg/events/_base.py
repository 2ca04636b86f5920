"""What every event's canonical JSON form shares: the head, the tail, the times.

Shared by the modules of :mod:`wamsg.events` (:mod:`~wamsg.events.model`,
:mod:`~wamsg.events.calls`); not for users.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from wamsg._internal.json import EARLIEST, LATEST, UTC, Json, JsonObject, format_time, opt_bool
from wamsg._internal.json import require_aware as _require_aware
from wamsg.errors import ValidationError
from wamsg.identity import Customer, PhoneNumber

__all__ = ["aware_time", "business_of", "head", "keep_unknown", "opt_time", "opt_time_of", "tail"]


def aware_time(value: datetime) -> datetime:
    """``occurred_at`` in UTC; a naive or out-of-range datetime is a ValidationError."""
    return _require_aware(value, "occurred_at")


def opt_time(value: datetime | None) -> datetime | None:
    """``occurred_at`` in UTC, or None."""
    return opt_time_of(value, "occurred_at")


def opt_time_of(value: datetime | None, field: str) -> datetime | None:
    """An optional time in UTC; a naive or out-of-range datetime is a ValidationError."""
    if value is None or (
        type(value) is datetime and value.tzinfo is UTC and EARLIEST <= value < LATEST
    ):
        return value  # the hot path of webhook parsing: already a UTC stdlib datetime
    return _require_aware(value, field)


def head(
    event_type: str,
    provider: str,
    business: PhoneNumber | None,
    customer: Customer | None,
    occurred_at: datetime | None,
) -> JsonObject:
    """The keys every event writes first: type, provider, business, customer, occurred_at.

    A business number the provider sent unchecked (:attr:`PhoneNumber.checked` false)
    adds ``"business_checked": false``, so that :func:`business_of` reads it back.
    """
    out: JsonObject = {
        "type": event_type,
        "provider": provider,
        "business": None if business is None else business.e164,
        "customer": None if customer is None else customer.to_dict(),
        "occurred_at": None if occurred_at is None else format_time(occurred_at),
    }  # fmt: skip
    if business is not None and not business.checked:
        out["business_checked"] = False
    return out


def business_of(data: Mapping[str, Json]) -> PhoneNumber | None:
    """The ``business`` number of an event object: checked, unless ``business_checked``
    is false (a number the provider sent that :meth:`PhoneNumber.parse` refuses)."""
    value = data.get("business")
    if value is None:
        return None
    checked = opt_bool(data, "business_checked", "event", default=True)
    try:
        return PhoneNumber.parse(value) if checked else PhoneNumber.from_provider(value)
    except ValidationError as error:
        raise ValidationError(error.reason, field="business", value=value) from None


def tail(out: JsonObject, extra: JsonObject, raw: Json, include_raw: bool) -> JsonObject:
    """``out`` with the unknown keys of ``extra`` put back and ``raw`` last."""
    if extra:
        keep_unknown(out, extra)
    if include_raw and raw is not None:
        out["raw"] = raw
    return out


def keep_unknown(out: JsonObject, extra: JsonObject) -> None:
    """Put the unknown keys of ``extra`` back into ``out``, nested objects and list items included.

    A key ``out`` already has is never overwritten; where both hold an object,
    the unknown keys go inside it (``extra = {"customer": {"vip": true}}`` lands
    in ``out["customer"]``).
    """
    for key, value in extra.items():
        present = out.get(key)
        if isinstance(present, dict) and isinstance(value, dict):
            keep_unknown(present, value)
        elif isinstance(present, list) and isinstance(value, list):
            _keep_unknown_items(present, value)
        elif key not in out:
            out[key] = value


def _keep_unknown_items(out: list[Json], extra: list[Json]) -> None:
    """Unknown keys of list items back into the items (lists of the same length only)."""
    if len(out) != len(extra):
        return
    for index, (item, unknown) in enumerate(zip(out, extra, strict=True)):
        if isinstance(item, dict) and isinstance(unknown, dict) and unknown:
            merged = dict(item)  # the written item may be shared: copy before adding
            keep_unknown(merged, unknown)
            out[index] = merged

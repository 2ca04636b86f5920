"""Reading a :class:`~wamsg.events.CallEvent` from its canonical JSON form.

:func:`~wamsg.events.event_from_dict` reads the keys every event shares and
passes them in; this module reads the rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from wamsg._internal.json import Json, JsonObject, opt_str, parse_time, req_mapping, req_str
from wamsg.delivery import errors_from
from wamsg.errors import ValidationError
from wamsg.events.calls import CallEvent, CallSession
from wamsg.identity import Customer, PhoneNumber

__all__ = ["CALL_KEYS", "call_from_dict"]

CALL_KEYS = frozenset(
    {
        "call_id",
        "event",
        "direction",
        "status",
        "started_at",
        "ended_at",
        "duration_seconds",
        "callback_data",
        "session",
        "errors",
    }
)
"""The keys of a call event beyond the ones every event has."""

_Header = tuple[str, PhoneNumber | None, Customer | None, datetime | None]


def _time(data: Mapping[str, Json], key: str) -> datetime | None:
    value = data.get(key)
    return None if value is None else parse_time(value, key)


def _duration(data: Mapping[str, Json]) -> int | None:
    value = data.get("duration_seconds")
    if value is None or (type(value) is int):
        return value
    raise ValidationError("must be an integer or null", field="duration_seconds", value=value)


def _session(value: Json) -> CallSession | None:
    if value is None:
        return None
    session = req_mapping(value, "session")
    return CallSession(
        sdp_type=opt_str(session, "sdp_type", "session"),
        sdp=opt_str(session, "sdp", "session"),
    )


def call_from_dict(data: Mapping[str, Json], header: _Header, extra: JsonObject) -> CallEvent:
    """The call event of ``data``, whose shared keys were read as ``header``."""
    provider, business, customer, occurred = header
    return CallEvent(
        provider=provider,
        call_id=req_str(data, "call_id", "event"),
        event=req_str(data, "event", "event"),
        business=business,
        customer=customer,
        occurred_at=occurred,
        direction=opt_str(data, "direction", "event"),
        status=opt_str(data, "status", "event"),
        started_at=_time(data, "started_at"),
        ended_at=_time(data, "ended_at"),
        duration_seconds=_duration(data),
        callback_data=opt_str(data, "callback_data", "event"),
        session=_session(data.get("session")),
        errors=errors_from(data, "event"),
        raw=data.get("raw"),
        extra=extra,
    )

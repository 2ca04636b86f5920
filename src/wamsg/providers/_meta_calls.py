"""The items of a Cloud API ``calls`` change → :class:`~wamsg.events.CallEvent`.

Shapes [rule meta.webhook.calls]: ``calls[]`` holds ``connect`` and ``terminate``
webhooks (``id`` the ``wacid``, ``from``, ``to``, ``direction``, ``timestamp``, the
``session`` SDP; a terminate adds ``status``, ``start_time``, ``end_time``,
``duration``), ``statuses[]`` the ``RINGING``/``ACCEPTED``/``REJECTED`` reports of a
business-initiated call (``type: "call"``, ``recipient_id``), and ``errors[]`` what
went wrong; ``contacts`` names the WhatsApp user as for messages
[rule meta.bsuid.phone-optional]. The customer is the caller of a user-initiated
call and the callee of a business-initiated one; the user's call opens the customer
service window [rule meta.csw.user-call], which :mod:`wamsg.window` reads off the
event.

Each item is its own event; a malformed one is kept whole as ``call.invalid`` or
``call_status.invalid`` (its error naming the field: ``calls[1].timestamp``), a
malformed list as ``<key>.invalid``, a malformed error as ``error.invalid``; the
items beside them are kept. The change's errors are attached to each of its calls;
a change of errors only gives one ``meta.error`` event per error, as a ``messages``
change does. Keys of an item wamsg does not read are kept in the event's ``extra``.
"""

from __future__ import annotations

from collections.abc import Mapping

from wamsg._internal.json import UNIX_LATEST, Json, JsonObject
from wamsg.delivery import ErrorDetail
from wamsg.errors import ValidationError
from wamsg.events import CallDirection, CallEvent, CallSession, Event, UnknownEvent
from wamsg.identity import Customer, PhoneNumber
from wamsg.providers._meta_items import _NO_CONTACT, _Contact, _contacts, _error, _errors, _only
from wamsg.providers._read import (
    as_object,
    as_text,
    customer_of,
    invalid,
    phone_or_none,
    unix_time,
)

__all__ = ["call_events"]

_CALL_KEYS = frozenset(
    {"id", "from", "to", "from_user_id", "to_user_id", "event", "timestamp", "direction",
     "session", "status", "start_time", "end_time", "duration", "biz_opaque_callback_data"}
)  # fmt: skip
_STATUS_KEYS = frozenset(
    {"id", "timestamp", "type", "status", "recipient_id", "recipient_user_id",
     "biz_opaque_callback_data", "errors"}
)  # fmt: skip
# Keys of the canonical form: an item's key of that name is never copied to ``extra``.
_WRITTEN = frozenset(
    {"type", "provider", "business", "customer", "occurred_at", "raw", "call_id", "event",
     "direction", "status", "started_at", "ended_at", "duration_seconds", "callback_data",
     "session", "errors", "phone_number_id"}
)  # fmt: skip
_USER, _BUSINESS = CallDirection.USER_INITIATED, CallDirection.BUSINESS_INITIATED
_MAX_DIGITS = 11  # whole seconds written as text: more digits than any duration has


def call_events(value: Mapping[str, Json], provider: str, events: list[Event]) -> bool:
    """Append the events of a ``calls`` change; False when it holds no call, status or error."""
    start = len(events)
    calls = _sibling(value.get("calls"), "calls", provider, events)
    statuses = _sibling(value.get("statuses"), "statuses", provider, events)
    errors = _sibling(value.get("errors"), "errors", provider, events)
    change = _Calls(value, provider, events)
    if not calls and not statuses:
        for item in errors:
            error = UnknownEvent(
                provider=provider,
                kind="meta.error",
                business=change.business,
                raw=item,
                extra=change.extra.copy(),
            )
            events.append(error)
        return len(events) > start
    change.read_errors(errors, events)
    for key, kind, items, read in (
        ("calls", "call", calls, change.call),
        ("statuses", "call_status", statuses, change.status),
    ):
        for index, item in enumerate(items):
            try:
                events.append(read(item))
            except ValidationError as error:
                events.append(invalid(provider, kind, item, error.within(f"{key}[{index}]")))
    return True


def _sibling(items: Json, key: str, provider: str, events: list[Event]) -> list[Json]:
    """The list under ``key`` (empty if absent); anything else is kept as ``<key>.invalid``."""
    if type(items) is list:
        return items
    if items is not None:
        error = ValidationError("must be a list", field=key, value=items)
        events.append(invalid(provider, key, items, error))
    return []


def _text(data: Mapping[str, Json], key: str) -> str | None:
    """The string under ``key`` (a number written as text); another type is an error."""
    value = data.get(key)
    if value is None or type(value) is str:
        return value
    found = as_text(value)
    if found is None:
        raise ValidationError("must be a string", field=key, value=value)
    return found


def _required(data: Mapping[str, Json], key: str) -> str:
    found = _text(data, key)
    if not found:
        raise ValidationError("is required", field=key, value=data.get(key))
    return found


def _duration(data: Mapping[str, Json]) -> int | None:
    value = data.get("duration")
    if type(value) is str and value.isascii() and value.isdigit() and len(value) <= _MAX_DIGITS:
        value = int(value)
    if value is None or (type(value) is int and 0 <= value <= UNIX_LATEST):
        return value
    raise ValidationError("must be whole seconds", field="duration", value=value)


def _session(value: Json) -> CallSession | None:
    if value is None:
        return None
    session = as_object(value, "session")
    try:
        return CallSession(sdp_type=_text(session, "sdp_type"), sdp=_text(session, "sdp"))
    except ValidationError as error:
        raise error.within("session") from None


class _Calls:
    """What the items of one ``calls`` change share: business, contacts, errors, extra."""

    __slots__ = ("business", "contacts", "errors", "extra", "only", "provider")

    def __init__(self, value: Mapping[str, Json], provider: str, events: list[Event]) -> None:
        self.provider = provider
        metadata = value.get("metadata")
        if type(metadata) is not dict:
            metadata = {}
        number_id = as_text(metadata.get("phone_number_id"))
        self.extra: JsonObject = {} if number_id is None else {"phone_number_id": number_id}
        self.business = phone_or_none(as_text(metadata.get("display_phone_number")))
        contacts = _sibling(value.get("contacts"), "contacts", provider, events)
        self.contacts = _contacts(contacts) if contacts else {}
        self.only = _only(self.contacts) if self.contacts else None
        self.errors: tuple[ErrorDetail, ...] = ()

    def read_errors(self, items: list[Json], events: list[Event]) -> None:
        """The change's errors, shared by its calls; a malformed one is ``error.invalid``."""
        found = []
        for index, item in enumerate(items):
            try:
                found.append(_error(item, f"errors[{index}]"))
            except ValidationError as error:
                events.append(invalid(self.provider, "error", item, error))
        self.errors = tuple(found)

    def _contact(self, phone: str | None, user_id: str | None) -> _Contact | None:
        contacts = self.contacts
        return contacts.get(phone or "") or contacts.get(user_id or "")

    def _customer(self, phone: str | None, user_id: str | None) -> Customer | None:
        """The WhatsApp user, named by the change's ``contacts`` (or its single contact)."""
        contact = self._contact(phone, user_id) or self.only
        wa_id, contact_id, name, username = contact or _NO_CONTACT
        return customer_of(phone or wa_id, user_id or contact_id, name, username)

    def _is_business(self, phone: str | None) -> bool:
        return self.business is not None and phone_or_none(phone) == self.business

    def _parties(
        self, data: Mapping[str, Json], direction: str | None
    ) -> tuple[Customer | None, PhoneNumber | None]:
        """(the WhatsApp user, the business number) of a ``calls[]`` item."""
        caller = (_text(data, "from"), _text(data, "from_user_id"), "from")
        callee = (_text(data, "to"), _text(data, "to_user_id"), "to")
        initiated = None if direction is None else CallDirection.parse(direction)
        if initiated is _USER or initiated is _BUSINESS:
            user, other = (caller, callee) if initiated is _USER else (callee, caller)
            customer = self._customer(user[0], user[1])
            if customer is None:
                raise ValidationError("no phone number or user id for the customer", field=user[2])
            return customer, self.business or phone_or_none(other[0])
        # No direction wamsg knows: the user is the party that is not the business.
        if self._is_business(caller[0]) or self._is_business(callee[0]):
            user = callee if self._is_business(caller[0]) else caller
        elif self._contact(caller[0], caller[1]) is not None:
            user = caller
        elif self._contact(callee[0], callee[1]) is not None:
            user = callee
        else:
            return None, self.business
        return self._customer(user[0], user[1]), self.business

    def _extra(self, data: Mapping[str, Json], known: frozenset[str]) -> JsonObject:
        extra = self.extra.copy()
        for key, found in data.items():
            if key not in known and key not in _WRITTEN:
                extra[key] = found
        return extra

    def call(self, item: Json) -> Event:
        """One ``calls[]`` item (error fields relative to the item)."""
        data = as_object(item, "")
        direction = _text(data, "direction")
        customer, business = self._parties(data, direction)
        return CallEvent(
            provider=self.provider,
            call_id=_required(data, "id"),
            event=_required(data, "event"),
            business=business,
            customer=customer,
            occurred_at=unix_time(data.get("timestamp"), "timestamp"),
            direction=direction,
            status=_text(data, "status"),
            started_at=unix_time(data.get("start_time"), "start_time"),
            ended_at=unix_time(data.get("end_time"), "end_time"),
            duration_seconds=_duration(data),
            callback_data=_text(data, "biz_opaque_callback_data"),
            session=_session(data.get("session")),
            errors=self.errors,
            raw=item,
            extra=self._extra(data, _CALL_KEYS),
        )

    def status(self, item: Json) -> Event:
        """One ``statuses[]`` item of a business-initiated call (``RINGING`` …)."""
        data = as_object(item, "")
        raw_errors = data.get("errors")
        errors = () if raw_errors is None else _errors(raw_errors)
        return CallEvent(
            provider=self.provider,
            call_id=_required(data, "id"),
            event="status",
            business=self.business,
            customer=self._customer(_text(data, "recipient_id"), _text(data, "recipient_user_id")),
            occurred_at=unix_time(data.get("timestamp"), "timestamp"),
            status=_required(data, "status"),
            callback_data=_text(data, "biz_opaque_callback_data"),
            errors=errors + self.errors,
            raw=item,
            extra=self._extra(data, _STATUS_KEYS),
        )

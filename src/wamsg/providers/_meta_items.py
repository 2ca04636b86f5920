"""The items of a Cloud API ``messages`` change: messages, statuses, errors, echoes.

Shapes: [rule meta.webhook.envelope] [rule meta.message.types] (messages),
[rule meta.status.values] (statuses), [rule meta.bsuid.phone-optional] (contacts).
This is the hot path of webhook parsing (aims: a one-message webhook in at
most 2x the time of ``json.loads`` of its body, a 100-status batch in 3x), so
items are read by plain loops, the usual shapes are tested inline before any
checking call, and the immutable values a batch repeats are built once and
shared: the timestamps, pricings and recipients of a change's statuses, and
business numbers and customers through the bounded memos of ``_read``. Events
are built by their own constructors, so their checks always run. A malformed
item becomes an :class:`~wamsg.UnknownEvent` keeping the item, its error
naming the field inside the batch (``statuses[3].timestamp``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from wamsg._internal.json import Json, JsonObject
from wamsg.delivery import DeliveryStatus, ErrorDetail, Pricing
from wamsg.errors import ValidationError
from wamsg.events import Event, MessageReceived, MessageSent, MessageStatus, UnknownEvent
from wamsg.identity import Customer
from wamsg.messages import EMPTY_CONTEXT as _NO_CONTEXT
from wamsg.messages import Direction, Message
from wamsg.providers._meta_content import meta_content, meta_context
from wamsg.providers._read import (
    as_list,
    as_object,
    as_text,
    customer_of,
    invalid,
    phone_or_none,
    text,
    unix_time,
)

__all__ = ["echo_events", "message_events"]

_STATUSES = {status.value: status for status in DeliveryStatus}
# Status keys kept in the event's ``extra`` [rule meta.status.values].
_STATUS_EXTRA = ("conversation", "biz_opaque_callback_data", "recipient_type")
_Contact = tuple[str | None, str | None, str | None, str | None]  # wa_id, user_id, name, username
_NO_CONTACT: _Contact = (None, None, None, None)
_STR_OR_NONE = (str, type(None))
# A pricing as read: model, type, category, billable (numbers already written as text).
_PricingKey = tuple[str | None, str | None, str | None, bool | None]
# Read once: in Python 3.11 reading a member off its enum class is a descriptor call.
_INBOUND, _OUTBOUND = Direction.INBOUND, Direction.OUTBOUND


def message_events(value: Mapping[str, Json], provider: str, events: list[Event]) -> None:
    """Append the events of a ``messages`` change: every message, status and error."""
    change = _Change(value, provider)
    # Each list is read on its own: a malformed one becomes its own invalid event
    # (raw value and path kept) and the valid items beside it are kept. Lists, the
    # usual case, are taken inline; ``sibling`` reads anything else.
    contacts, messages = value.get("contacts"), value.get("messages")
    statuses, errors = value.get("statuses"), value.get("errors")
    if type(contacts) is not list:
        contacts = change.sibling(contacts, "contacts", events)
    if type(messages) is not list:
        messages = change.sibling(messages, "messages", events)
    if type(statuses) is not list:
        statuses = change.sibling(statuses, "statuses", events)
    if type(errors) is not list:
        errors = change.sibling(errors, "errors", events)
    if contacts:
        # they name the senders of the messages; in a change of statuses only, the recipients
        change.contacts = _contacts(contacts)
        change.names_recipients = not messages
    if messages:
        change.errors = errors
        change.read_all(events, "message", "messages", messages, change.message)
    if statuses:
        change.read_statuses(events, statuses)
    for item in errors:
        events.append(
            UnknownEvent(
                provider=provider,
                kind="meta.error",
                business=change.business,
                raw=item,
                extra=change.extra.copy(),
            )
        )


def echo_events(value: Mapping[str, Json], provider: str, events: list[Event]) -> None:
    """Append the events of an ``smb_message_echoes`` change (sent from the Business app)."""
    change = _Change(value, provider)
    echoes = as_list(value.get("message_echoes"), "message_echoes")
    change.read_all(events, "echo", "message_echoes", echoes, change.echo)


_UNKNOWN = object()


def _only(contacts: dict[str, _Contact]) -> _Contact | None:
    """The contact of a change that names a single one (the sender of every message)."""
    distinct = set(contacts.values())
    return distinct.pop() if len(distinct) == 1 else None


def _contacts(items: list[Json]) -> dict[str, _Contact]:
    """The ``contacts`` by wa_id and by user id."""
    found: dict[str, _Contact] = {}
    for item in items:
        if type(item) is not dict:
            continue
        profile = item.get("profile")
        if type(profile) is not dict:
            profile = {}
        wa_id, user_id = item.get("wa_id"), item.get("user_id")
        name, username = profile.get("name"), profile.get("username")
        # Strings or nothing, the usual case, are taken as they are; as_text reads the rest.
        if (
            type(wa_id) in _STR_OR_NONE
            and type(user_id) in _STR_OR_NONE
            and type(name) in _STR_OR_NONE
            and type(username) in _STR_OR_NONE
        ):
            contact: _Contact = (wa_id, user_id, name, username)  # type: ignore[assignment]
        else:
            contact = (as_text(wa_id), as_text(user_id), as_text(name), as_text(username))
        if contact[0]:
            found[contact[0]] = contact
        if contact[1]:
            found[contact[1]] = contact
    return found


def _error(item: Json, field: str) -> ErrorDetail:
    data = as_object(item, field)
    code = text(data, "code")
    if code is None:
        raise ValidationError("is required", field=f"{field}.code")
    details = data.get("error_data")
    detail = text(details, "details") if isinstance(details, dict) else None
    title = text(data, "title") or text(data, "message")
    return ErrorDetail(code=code, title=title, detail=detail or text(data, "message"))


def _errors(raw: Json) -> tuple[ErrorDetail, ...]:
    items = as_list(raw, "errors")
    return tuple(_error(item, f"errors[{index}]") for index, item in enumerate(items))


class _Change:
    """What the items of one change share: provider, business number, extra, memos.

    The status memos (times, pricings, recipients) are made by
    :meth:`read_statuses`, the only caller of :meth:`status`.
    """

    __slots__ = (
        "_pricings",
        "_recipients",
        "_times",
        "business",
        "contacts",
        "errors",
        "extra",
        "names_recipients",
        "only",
        "provider",
    )

    def __init__(self, value: Mapping[str, Json], provider: str) -> None:
        self.provider = provider
        metadata = value.get("metadata")
        if type(metadata) is not dict:
            metadata = {}
        number_id, number = metadata.get("phone_number_id"), metadata.get("display_phone_number")
        if number_id is not None and type(number_id) is not str:
            number_id = text(metadata, "phone_number_id")
        if number is not None and type(number) is not str:
            number = text(metadata, "display_phone_number")
        self.extra: JsonObject = {} if number_id is None else {"phone_number_id": number_id}
        self.business = phone_or_none(number)
        self.contacts: dict[str, _Contact] = {}  # filled by message_events for messages
        self.only: _Contact | object | None = _UNKNOWN  # the single contact, if one
        self.names_recipients = False  # whether the contacts name the statuses' recipients
        self.errors: list[Json] = []  # the change's errors, shown with content it lacks

    def _recipient(self, phone: str | None, user_id: str | None) -> Customer | None:
        """A status's recipient, named as the change's ``contacts`` name them."""
        contacts = self.contacts if self.names_recipients else {}
        contact = contacts.get(phone or "") or contacts.get(user_id or "")
        if contact is None:
            return customer_of(phone, user_id)
        return customer_of(phone or contact[0], user_id or contact[1], contact[2], contact[3])

    def sibling(self, items: Json, key: str, events: list[Event]) -> list[Json]:
        """The list ``items`` under ``key`` (empty if absent); else ``<key>.invalid``."""
        if type(items) is list:
            return items
        if items is not None:
            error = ValidationError("must be a list", field=key, value=items)
            events.append(invalid(self.provider, key, items, error))
        return []

    def read_statuses(self, events: list[Event], items: list[Json]) -> None:
        """Append the event of every status, sharing the pricings and recipients they repeat."""
        self._times: dict[str, datetime | None] = {}
        self._pricings: dict[_PricingKey, Pricing] = {}
        self._recipients: dict[tuple[str | None, str | None], Customer | None] = {}
        self.read_all(events, "status", "statuses", items, self.status)

    def read_all(
        self,
        events: list[Event],
        kind: str,
        key: str,
        items: list[Json],
        read: Callable[[Json], Event],
    ) -> None:
        """Append the event of every item; a malformed item is kept as ``<kind>.invalid``.

        ``read(item)`` may name fields relative to the item (``"id"``):
        the error is then placed under ``<key>[<index>]``.
        """
        for index, item in enumerate(items):
            try:
                events.append(read(item))
            except ValidationError as error:
                error = error.within(f"{key}[{index}]")
                events.append(invalid(self.provider, kind, item, error))

    def time(self, value: Json, field: str) -> datetime | None:
        """A unix timestamp as a UTC datetime, built once per distinct string."""
        if type(value) is not str:
            return unix_time(value, field)
        at = self._times.get(value)
        if at is None:
            at = self._times[value] = unix_time(value, field)
        return at

    def pricing(self, raw: Json) -> Pricing:
        """A status's ``pricing`` object, shared with the statuses that repeat it."""
        if type(raw) is not dict:
            raise ValidationError("must be a JSON object", field="pricing", value=raw)
        model, kind = raw.get("pricing_model"), raw.get("type")
        category, billable = raw.get("category"), raw.get("billable")
        if type(model) is not str:
            model = text(raw, "pricing_model")
        if type(kind) is not str:
            kind = text(raw, "type")
        if type(category) is not str:
            category = text(raw, "category")
        if type(billable) is not bool:
            billable = None
        key = (model, kind, category, billable)
        pricing = self._pricings.get(key)
        if pricing is None:
            pricing = Pricing(model=model, type=kind, category=category, billable=billable)
            self._pricings[key] = pricing
        return pricing

    def message(self, item: Json) -> Event:
        """One inbound ``messages[]`` item (error fields relative to the item)."""
        data = item if isinstance(item, dict) else as_object(item, "")
        sender, sender_id = data.get("from"), data.get("from_user_id")
        if type(sender) is not str:
            sender = text(data, "from")
        if type(sender_id) is not str:
            sender_id = text(data, "from_user_id")
        contacts = self.contacts
        contact = contacts.get(sender or "") or contacts.get(sender_id or "")
        if contact is None and contacts:
            if self.only is _UNKNOWN:  # computed once per change, when first needed
                self.only = _only(contacts)
            contact = self.only  # type: ignore[assignment]
        wa_id, user_id, name, username = contact or _NO_CONTACT
        customer = customer_of(sender or wa_id, sender_id or user_id, name, username)
        if customer is None:
            raise ValidationError("no phone number or user id for the sender", field="from")
        message_id = data.get("id")
        if not message_id or type(message_id) is not str:
            message_id = _message_id(data)
        message = Message(
            id=message_id,
            direction=_INBOUND,
            business=self.business,
            customer=customer,
            sent_at=unix_time(data.get("timestamp"), "timestamp"),
            content=meta_content(data, self.errors),
            context=meta_context(data) if "context" in data or "referral" in data else _NO_CONTEXT,
        )
        return MessageReceived(
            provider=self.provider,
            message=message,
            raw=item,
            extra=self.extra.copy(),
        )

    def status(self, item: Json) -> Event:
        """One ``statuses[]`` item; a status wamsg does not know is kept as unknown.

        The hot path of a status batch: fields are named relative to the item.
        """
        if type(item) is not dict:
            raise ValidationError("must be a JSON object", field="", value=item)
        data = item
        # Strings are taken as they are (the usual case); ``text`` reads anything else.
        message_id, name = data.get("id"), data.get("status")
        phone, user_id = data.get("recipient_id"), data.get("recipient_user_id")
        if type(message_id) is not str:
            message_id = text(data, "id")
        if type(name) is not str:
            name = text(data, "status")
        if type(phone) is not str:
            phone = text(data, "recipient_id")
        if type(user_id) is not str:
            user_id = text(data, "recipient_user_id")
        name = name or "unknown"
        if not message_id:
            raise ValidationError("is required", field="id")
        recipient = (phone, user_id)
        customer = self._recipients.get(recipient)
        if customer is None:
            customer = self._recipients[recipient] = self._recipient(phone, user_id)
        at = self.time(data.get("timestamp"), "timestamp")
        status = _STATUSES.get(name)
        extra = self.extra.copy()
        if status is None:
            return UnknownEvent(
                provider=self.provider,
                kind=f"meta.status.{name}",
                business=self.business,
                customer=customer,
                occurred_at=at,
                raw=item,
                extra=extra,
            )
        raw_errors, raw_pricing = data.get("errors"), data.get("pricing")
        errors = () if raw_errors is None else _errors(raw_errors)
        pricing = None if raw_pricing is None else self.pricing(raw_pricing)
        for key in _STATUS_EXTRA:
            found = data.get(key)
            if found is not None:
                extra[key] = found
        return MessageStatus(
            provider=self.provider,
            message_id=message_id,
            status=status,
            business=self.business,
            customer=customer,
            occurred_at=at,
            pricing=pricing,
            errors=errors,
            raw=item,
            extra=extra,
        )

    def echo(self, item: Json) -> Event:
        """One ``message_echoes[]`` item: a message the business sent from the app."""
        data = as_object(item, "")
        customer: Customer | None = customer_of(text(data, "to"), text(data, "to_user_id"))
        if customer is None:
            raise ValidationError("no phone number or user id for the recipient", field="to")
        message = Message(
            id=_message_id(data),
            direction=_OUTBOUND,
            business=phone_or_none(text(data, "from")) or self.business,
            customer=customer,
            sent_at=unix_time(data.get("timestamp"), "timestamp"),
            content=meta_content(data),
            context=meta_context(data),
        )
        return MessageSent(
            provider=self.provider,
            message=message,
            raw=item,
            extra=self.extra.copy(),
        )


def _message_id(data: Mapping[str, Json]) -> str:
    found = data.get("id")
    if type(found) is not str:
        found = text(data, "id")
    if not found:
        raise ValidationError("is required", field="id")
    return found

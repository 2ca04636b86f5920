"""Reading events from their canonical JSON form (the inverse of ``to_dict``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

import attrs

from wamsg._internal.decode import require_strict
from wamsg._internal.json import Json, JsonObject, opt_str, parse_time, req_mapping, req_str
from wamsg.content import Content, content_from_dict
from wamsg.delivery import DeliveryStatus, Pricing, errors_from
from wamsg.errors import ValidationError
from wamsg.events._account_readers import ACCOUNT_KEYS, ACCOUNT_READERS
from wamsg.events._base import business_of
from wamsg.events._call_readers import CALL_KEYS, call_from_dict
from wamsg.events.model import (
    AccountUpdate,
    ConversationRead,
    Event,
    MessageReceived,
    MessageSent,
    MessageStatus,
    TemplateCategoryChanged,
    TemplateComponentButton,
    TemplateComponentsChanged,
    TemplateIdentity,
    TemplateQualityChanged,
    TemplateStatusChanged,
    UnknownEvent,
)
from wamsg.identity import Customer, PhoneNumber
from wamsg.messages import Context, Direction, Message, context_from

__all__ = ["MAX_DEPTH", "event_from_dict", "read_event_header", "unknown_parts"]

MAX_DEPTH = 32
"""How deep :func:`unknown_parts` looks for unknown keys (canonical forms are far shallower)."""


def read_event_header(
    data: Mapping[str, Json],
) -> tuple[str, PhoneNumber | None, Customer | None, datetime | None]:
    """Read the keys every event shares: provider, business, customer, occurred_at."""
    provider = req_str(data, "provider", "event")
    customer = data.get("customer")
    occurred = data.get("occurred_at")
    return (
        provider,
        business_of(data),
        None if customer is None else Customer.from_dict(customer),
        None if occurred is None else parse_time(occurred, "occurred_at"),
    )


def _need_customer(customer: Customer | None) -> Customer:
    if customer is None:
        raise ValidationError("a message event needs a customer", field="customer")
    return customer


def _message(data: Mapping[str, Json], direction: Direction, context: Context) -> Message:
    _, business, customer, occurred = read_event_header(data)
    content: Content = content_from_dict(data.get("content"))
    return Message(
        id=req_str(data, "id", "event"),
        direction=direction,
        business=business,
        customer=_need_customer(customer),
        sent_at=occurred,
        content=content,
        context=context,
    )


_HEAD_KEYS = (
    "type", "provider", "business", "business_checked", "customer", "occurred_at", "raw"
)  # fmt: skip
_ACCOUNT_KEYS = (*_HEAD_KEYS, "account", "template")
_KNOWN_KEYS: dict[str, frozenset[str]] = {
    "message.received": frozenset((*_HEAD_KEYS, "id", "content", "context")),
    "message.sent": frozenset((*_HEAD_KEYS, "id", "content", "operator", "reply_to")),
    "message.status": frozenset((*_HEAD_KEYS, "message_id", "status", "errors", "pricing")),
    "conversation.read": frozenset((*_HEAD_KEYS, "reader", "operator")),
    "template.status": frozenset((*_ACCOUNT_KEYS, "status", "reason", "category")),
    "template.quality": frozenset((*_ACCOUNT_KEYS, "previous", "new")),
    "template.category": frozenset((*_ACCOUNT_KEYS, "previous", "new", "correct")),
    "template.components": frozenset((*_ACCOUNT_KEYS, "header", "body", "footer", "buttons")),
    "call": frozenset((*_HEAD_KEYS, *CALL_KEYS)),
    "account.update": frozenset((*_HEAD_KEYS, "account", "event", "details")),
    "unknown": frozenset((*_HEAD_KEYS, "kind")),
    **ACCOUNT_KEYS,
}


def _extra_keys(data: Mapping[str, Json], event_type: str) -> JsonObject:
    """The keys this event type does not read: kept in ``extra`` and written back."""
    known = _KNOWN_KEYS[event_type]
    return {k: v for k, v in data.items() if k not in known}


def _received(d: Mapping[str, Json]) -> Event:
    return MessageReceived(
        provider=req_str(d, "provider", "event"),
        message=_message(d, Direction.INBOUND, context_from(d, "")),
        raw=d.get("raw"),
        extra=_extra_keys(d, "message.received"),
    )


def _sent(d: Mapping[str, Json]) -> Event:
    reply_to = opt_str(d, "reply_to", "event")
    return MessageSent(
        provider=req_str(d, "provider", "event"),
        message=_message(d, Direction.OUTBOUND, Context(reply_to=reply_to)),
        operator=opt_str(d, "operator", "event"),
        raw=d.get("raw"),
        extra=_extra_keys(d, "message.sent"),
    )


def _status(d: Mapping[str, Json]) -> Event:
    provider, business, customer, occurred = read_event_header(d)
    raw_status = d.get("status")
    try:
        status = DeliveryStatus(raw_status)
    except ValueError:
        raise ValidationError(
            "unknown delivery status; expected one of "
            + ", ".join(s.value for s in DeliveryStatus),
            field="status",
            value=raw_status,
        ) from None
    pricing = d.get("pricing")
    return MessageStatus(
        provider=provider,
        message_id=req_str(d, "message_id", "event"),
        status=status,
        business=business,
        customer=customer,
        occurred_at=occurred,
        errors=errors_from(d, "event"),
        pricing=None if pricing is None else Pricing.from_dict(pricing),
        raw=d.get("raw"),
        extra=_extra_keys(d, "message.status"),
    )


def _read(d: Mapping[str, Json]) -> Event:
    provider, business, customer, occurred = read_event_header(d)
    if occurred is None:
        raise ValidationError("a read event needs occurred_at", field="occurred_at")
    return ConversationRead(
        provider=provider,
        business=business,
        customer=_need_customer(customer),
        occurred_at=occurred,
        reader=opt_str(d, "reader", "event") or "business",
        operator=opt_str(d, "operator", "event"),
        raw=d.get("raw"),
        extra=_extra_keys(d, "conversation.read"),
    )


def _account_fields(d: Mapping[str, Json]) -> tuple[str, str | None, datetime | None]:
    provider, _, _, occurred = read_event_header(d)
    return provider, opt_str(d, "account", "event"), occurred


def _template_status(d: Mapping[str, Json]) -> Event:
    provider, account, occurred = _account_fields(d)
    return TemplateStatusChanged(
        template=TemplateIdentity.from_dict(d.get("template")),
        status=req_str(d, "status", "event"),
        reason=opt_str(d, "reason", "event"),
        category=opt_str(d, "category", "event"),
        provider=provider,
        account=account,
        occurred_at=occurred,
        raw=d.get("raw"),
        extra=_extra_keys(d, "template.status"),
    )


def _template_quality(d: Mapping[str, Json]) -> Event:
    provider, account, occurred = _account_fields(d)
    return TemplateQualityChanged(
        template=TemplateIdentity.from_dict(d.get("template")),
        new=req_str(d, "new", "event"),
        previous=opt_str(d, "previous", "event"),
        provider=provider,
        account=account,
        occurred_at=occurred,
        raw=d.get("raw"),
        extra=_extra_keys(d, "template.quality"),
    )


def _template_category(d: Mapping[str, Json]) -> Event:
    provider, account, occurred = _account_fields(d)
    return TemplateCategoryChanged(
        template=TemplateIdentity.from_dict(d.get("template")),
        new=req_str(d, "new", "event"),
        previous=opt_str(d, "previous", "event"),
        correct=opt_str(d, "correct", "event"),
        provider=provider,
        account=account,
        occurred_at=occurred,
        raw=d.get("raw"),
        extra=_extra_keys(d, "template.category"),
    )


def _buttons(d: Mapping[str, Json]) -> tuple[TemplateComponentButton, ...]:
    items = d.get("buttons")
    if items is None:
        return ()
    if not isinstance(items, list):
        raise ValidationError("must be a list", field="buttons", value=items)
    buttons = []
    for index, item in enumerate(items):
        field = f"buttons[{index}]"
        button = req_mapping(item, field)
        buttons.append(
            TemplateComponentButton(
                type=req_str(button, "type", field),
                text=opt_str(button, "text", field),
                url=opt_str(button, "url", field),
                phone_number=opt_str(button, "phone_number", field),
            )
        )
    return tuple(buttons)


def _template_components(d: Mapping[str, Json]) -> Event:
    provider, account, occurred = _account_fields(d)
    return TemplateComponentsChanged(
        template=TemplateIdentity.from_dict(d.get("template")),
        header=opt_str(d, "header", "event"),
        body=opt_str(d, "body", "event"),
        footer=opt_str(d, "footer", "event"),
        buttons=_buttons(d),
        provider=provider,
        account=account,
        occurred_at=occurred,
        raw=d.get("raw"),
        extra=_extra_keys(d, "template.components"),
    )


def _call(d: Mapping[str, Json]) -> Event:
    return call_from_dict(d, read_event_header(d), _extra_keys(d, "call"))


def _account_update(d: Mapping[str, Json]) -> Event:
    provider, account, occurred = _account_fields(d)
    details = d.get("details")
    return AccountUpdate(
        event=req_str(d, "event", "event"),
        details=dict(req_mapping(details, "details")) if details is not None else {},
        provider=provider,
        account=account,
        occurred_at=occurred,
        raw=d.get("raw"),
        extra=_extra_keys(d, "account.update"),
    )


def _unknown(d: Mapping[str, Json]) -> Event:
    provider, business, customer, occurred = read_event_header(d)
    kind = d.get("kind")
    event_type = d.get("type")
    return UnknownEvent(
        provider=provider,
        kind=kind if isinstance(kind, str) else str(event_type),
        business=business,
        customer=customer,
        occurred_at=occurred,
        raw=d.get("raw") if event_type == "unknown" else dict(d),
        extra=_extra_keys(d, "unknown"),
    )


_READERS: dict[str, Callable[[Mapping[str, Json]], Event]] = {
    "message.received": _received,
    "message.sent": _sent,
    "message.status": _status,
    "conversation.read": _read,
    "template.status": _template_status,
    "template.quality": _template_quality,
    "template.category": _template_category,
    "template.components": _template_components,
    "account.update": _account_update,
    "call": _call,
    **ACCOUNT_READERS,
}


def event_from_dict(data: object) -> Event:
    """Read one event in canonical JSON form.

    An unknown ``type`` becomes an :class:`UnknownEvent` whose ``raw`` is the
    whole object. Bad input raises :class:`~wamsg.errors.ValidationError`
    naming the key.
    """
    mapping = req_mapping(data, "event")
    require_strict(mapping, "event")
    event_type = mapping.get("type")
    if not isinstance(event_type, str):
        raise ValidationError("must name the event type", field="type", value=event_type)
    event = _READERS.get(event_type, _unknown)(mapping)
    nested = unknown_parts(mapping, event.to_dict(include_raw=False))
    nested.pop("raw", None)
    if not nested:
        return event
    # ``mapping`` passed require_strict above; the constructors walk its parts again.
    extra = {**event.extra, **nested}
    return attrs.evolve(event, raw=event.raw, extra=extra)


def unknown_parts(
    original: Mapping[str, Json], written: Mapping[str, Json], depth: int = 0
) -> JsonObject:
    """What ``original`` has that ``written`` lacks, nested objects and list items included.

    The reader keeps this as the event's ``extra`` so that writing the event back
    restores every key it did not understand, at any depth: inside objects, and
    inside the items of a list that the event writes with as many items (an
    item with nothing unknown is ``{}``). The walk stops at :data:`MAX_DEPTH`
    levels (deeper than any canonical form goes), so no input can exhaust the stack.
    """
    lost: JsonObject = {}
    for key, value in original.items():
        if key not in written:
            lost[key] = value
            continue
        if depth >= MAX_DEPTH:
            continue
        inner = _unknown_in(value, written[key], depth + 1)
        if inner:
            lost[key] = inner
    return lost


def _unknown_in(value: Json, mine: Json, depth: int) -> Json:
    """The unknown parts of one value (an object or a list of objects), or None."""
    if isinstance(value, Mapping) and isinstance(mine, Mapping):
        return unknown_parts(value, mine, depth) or None
    if isinstance(value, list) and isinstance(mine, list) and len(value) == len(mine):
        items: list[Json] = [
            unknown_parts(item, written, depth)
            if isinstance(item, Mapping) and isinstance(written, Mapping)
            else {}
            for item, written in zip(value, mine, strict=True)
        ]
        return items if any(items) else None
    return None

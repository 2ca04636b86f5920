"""Canonical event dicts (docs/events.md) for the billing tests."""

from __future__ import annotations

from datetime import datetime, timedelta

from wamsg import Event, event_from_dict
from wamsg._internal.json import JsonObject, format_time

BUSINESS = "+15550783881"
CUSTOMER = "+16505551234"


def received(
    message_id: str, when: datetime, *, ad: bool = False, customer: str = CUSTOMER
) -> JsonObject:
    """A customer's text message (from an ad when ``ad``)."""
    referral: JsonObject | None = (
        {"source_type": "ad", "source_id": "1202", "ctwa_clid": "ARAk"} if ad else None
    )
    return {
        "type": "message.received",
        "provider": "meta",
        "id": message_id,
        "business": BUSINESS,
        "customer": {"phone": customer, "user_id": None, "name": None},
        "occurred_at": format_time(when),
        "content": {"kind": "text", "body": "hi"},
        "context": {
            "reply_to": None,
            "forwarded": False,
            "frequently_forwarded": False,
            "referral": referral,
        },
    }


def sent(
    message_id: str,
    when: datetime,
    category: str | None,
    *,
    customer: str | None = CUSTOMER,
    user_id: str | None = None,
) -> JsonObject:
    """A business message: a template of ``category``, or a text when None."""
    content: JsonObject = (
        {"kind": "text", "body": "hello"}
        if category is None
        else {
            "kind": "template",
            "template": {"name": "t", "language": "en_US", "category": category},
        }
    )
    return {
        "type": "message.sent",
        "provider": "meta",
        "id": message_id,
        "business": BUSINESS,
        "customer": {"phone": customer, "user_id": user_id, "name": None},
        "occurred_at": format_time(when),
        "operator": "agent-7",
        "reply_to": None,
        "content": content,
    }


def status(
    message_id: str, when: datetime, value: str, pricing: JsonObject | None = None
) -> JsonObject:
    """A status report, with ``pricing`` when given."""
    return {
        "type": "message.status",
        "provider": "meta",
        "message_id": message_id,
        "business": BUSINESS,
        "customer": None,
        "occurred_at": format_time(when),
        "status": value,
        "errors": [],
        "pricing": pricing,
    }


def pricing(type_: str, category: str, billable: bool, model: str = "PMP") -> JsonObject:
    """A ``pricing`` object as Meta sends it."""
    return {"model": model, "type": type_, "category": category, "billable": billable}


def delivered_send(
    message_id: str, when: datetime, category: str | None, **pricing_fields: object
) -> list[JsonObject]:
    """A send with its sent and delivered statuses."""
    return [
        sent(message_id, when, category),
        status(message_id, when + timedelta(seconds=1), "sent"),
        status(message_id, when + timedelta(seconds=2), "delivered"),
    ]


def events(dicts: list[JsonObject]) -> list[Event]:
    """Read canonical dicts into events."""
    return [event_from_dict(d) for d in dicts]

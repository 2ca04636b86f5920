"""Vonage Messages API webhooks → events.

A webhook is one flat JSON object: an inbound message (``message_type``) or a
status (``status``). In an inbound message the business is ``to`` and the
customer ``from``; in a status it is the other way round. Numbers come without
``+`` ([rule vonage.webhook.shape]). Statuses: submitted → sent, delivered, read,
rejected/undeliverable → failed (the ``error`` object kept,
[rule vonage.status.mapping]).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from wamsg._internal.json import Json, JsonObject, parse_time
from wamsg.content import (
    Audio,
    ButtonReply,
    Content,
    Document,
    Image,
    InteractiveReply,
    Location,
    Media,
    Reaction,
    Sticker,
    Text,
    Unsupported,
    Video,
)
from wamsg.delivery import DeliveryStatus, ErrorDetail, Pricing
from wamsg.errors import ValidationError
from wamsg.events import Event, MessageReceived, MessageStatus, UnknownEvent
from wamsg.messages import Context, Direction, Message, Referral, ReferredProduct
from wamsg.providers._read import customer_of, guarded, number, phone_or_none, text
from wamsg.providers.base import load_object

__all__ = ["parse_vonage"]

_STATUSES = {
    "submitted": DeliveryStatus.SENT,
    "delivered": DeliveryStatus.DELIVERED,
    "read": DeliveryStatus.READ,
    "rejected": DeliveryStatus.FAILED,
    "undeliverable": DeliveryStatus.FAILED,
}


def parse_vonage(body: bytes, provider: str) -> tuple[Event, ...]:
    """The event of one webhook body."""
    data = load_object(body)
    return tuple(guarded(provider, "webhook", data, lambda: iter((_webhook(data, provider),))))


def _object(data: Mapping[str, Json], key: str) -> Mapping[str, Json]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _webhook(data: JsonObject, provider: str) -> Event:
    message_id = text(data, "message_uuid")
    if not message_id:
        raise ValidationError("is required", field="message_uuid")
    at = None if data.get("timestamp") is None else parse_time(data["timestamp"], "timestamp")
    if "status" in data:
        return _status(data, message_id, provider, at)
    return _inbound(data, message_id, provider, at)


def _error(data: Mapping[str, Json]) -> tuple[ErrorDetail, ...]:
    error = _object(data, "error")
    if not error:
        return ()
    kind = text(error, "type") or ""
    code = text(error, "title") or kind.rpartition("#")[2] or "unknown"
    return (ErrorDetail(code=code, title=text(error, "title"), detail=text(error, "detail")),)


def _status(data: JsonObject, message_id: str, provider: str, at: datetime | None) -> Event:
    name = text(data, "status") or "unknown"
    business, customer = phone_or_none(text(data, "from")), customer_of(text(data, "to"))
    status = _STATUSES.get(name)
    if status is None:
        return UnknownEvent(
            provider=provider,
            kind=f"vonage.status.{name}",
            business=business,
            customer=customer,
            occurred_at=at,
            raw=data,
        )
    whatsapp = _object(data, "whatsapp")
    pricing_data = _object(whatsapp, "pricing")
    pricing = None
    if pricing_data:
        pricing = Pricing(
            model=text(pricing_data, "pricing_model"),
            type=text(pricing_data, "type"),
            category=text(pricing_data, "category"),
        )
    extra: JsonObject = {"provider_status": name}
    if whatsapp.get("conversation") is not None:
        extra["conversation"] = whatsapp["conversation"]
    return MessageStatus(
        provider=provider,
        message_id=message_id,
        status=status,
        business=business,
        customer=customer,
        occurred_at=at,
        errors=_error(data),
        pricing=pricing,
        raw=data,
        extra=extra,
    )


def _media(data: Mapping[str, Json], key: str) -> Media:
    media = _object(data, key)
    return Media(url=text(media, "url"), caption=text(media, "caption"))


def _content(data: Mapping[str, Json], kind: str) -> Content:
    if kind == "text":
        return Text(text(data, "text") or "")
    if kind == "image":
        return Image(_media(data, kind))
    if kind == "video":
        return Video(_media(data, kind))
    if kind == "audio":
        return Audio(media=_media(data, kind))
    if kind == "file":
        return Document(media=_media(data, kind), filename=text(_object(data, "file"), "name"))
    if kind == "sticker":
        return Sticker(media=_media(data, kind))
    if kind == "location":
        place = _object(data, "location")
        return Location(
            latitude=number(place.get("lat"), "location.lat"),
            longitude=number(place.get("long"), "location.long"),
            name=text(place, "name"),
            address=text(place, "address"),
        )
    if kind == "reply":
        reply = _object(data, "reply")
        reply_type = "list" if reply.get("description") is not None else "button"
        return InteractiveReply(
            reply_type=reply_type,
            id=text(reply, "id"),
            title=text(reply, "title"),
            description=text(reply, "description"),
        )
    if kind == "button":
        button = _object(data, "button")
        return ButtonReply(text=text(button, "text") or "", payload=text(button, "payload"))
    if kind == "reaction":
        message_id = text(_object(data, "context"), "message_uuid")
        if message_id is None:
            raise ValidationError("a reaction needs context.message_uuid", field="context")
        emoji = text(_object(data, "reaction"), "emoji")
        return Reaction(message_id=message_id, emoji=emoji or None)
    payload = data.get(kind)
    return Unsupported(type=kind, data=dict(payload) if isinstance(payload, dict) else {})


def _context(data: Mapping[str, Json]) -> Context:
    context, whatsapp = _object(data, "context"), _object(data, "whatsapp")
    # Vonage documents the referred product in two places [rule vonage.inbound.referred-product]
    product = _object(context, "whatsapp_referred_product") or _object(
        whatsapp, "whatsapp_referred_product"
    )
    referred = None
    if text(product, "catalog_id") and text(product, "product_retailer_id"):
        referred = ReferredProduct(
            catalog_id=text(product, "catalog_id") or "",
            product_retailer_id=text(product, "product_retailer_id") or "",
        )
    referral_data = whatsapp.get("referral")
    referral = None if referral_data is None else Referral.from_dict(referral_data, "referral")
    reply_to = text(context, "message_uuid") if text(data, "message_type") != "reaction" else None
    return Context(reply_to=reply_to, referral=referral, referred_product=referred)


def _inbound(data: JsonObject, message_id: str, provider: str, at: datetime | None) -> Event:
    kind = text(data, "message_type") or "unknown"
    customer = customer_of(text(data, "from"), None, text(_object(data, "profile"), "name"))
    if customer is None:
        raise ValidationError("no customer phone number", field="from", value=data.get("from"))
    message = Message(
        id=message_id,
        direction=Direction.INBOUND,
        business=phone_or_none(text(data, "to")),
        customer=customer,
        sent_at=at,
        content=_content(data, kind),
        context=_context(data),
    )
    extra: JsonObject = {}
    if text(data, "channel"):
        extra["channel"] = text(data, "channel")
    return MessageReceived(provider=provider, message=message, raw=data, extra=extra)

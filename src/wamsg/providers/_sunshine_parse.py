"""Sunshine Conversations v2 webhooks → events ([rule sunshine.webhook.events]).

One POST carries several events, possibly from different conversations; each
becomes an event keeping its item as ``raw`` and its ``id`` as ``event_id``
(the key to de-duplicate retries on). Only ``author.type == "user"`` messages
are inbound. The customer's WhatsApp number is read from the client
(``source.client.externalId``), which Sunshine includes only when the webhook
was created with ``includeFullSource``; without it the customer is known by
Sunshine's ``userId`` (``Customer.provider_user_id``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from functools import partial

from wamsg._internal.json import Json, JsonObject, parse_time
from wamsg.content import Content, Document, Image, InteractiveReply, Location, Media, Text
from wamsg.content.model import Unsupported as UnsupportedContent
from wamsg.delivery import DeliveryStatus, ErrorDetail
from wamsg.errors import ValidationError
from wamsg.events import ConversationRead, Event, MessageReceived, MessageStatus, UnknownEvent
from wamsg.identity import Customer
from wamsg.messages import EMPTY_CONTEXT, Context, Direction, Message
from wamsg.providers._read import as_list, as_object, customer_of, guarded, number, text
from wamsg.providers.base import load_object

__all__ = ["parse_sunshine"]

# Delivery triggers: channel → sent, user → delivered, failure → failed
# [rule sunshine.status.delivery].
_DELIVERY = {
    "conversation:message:delivery:channel": DeliveryStatus.SENT,
    "conversation:message:delivery:user": DeliveryStatus.DELIVERED,
    "conversation:message:delivery:failure": DeliveryStatus.FAILED,
}


def parse_sunshine(body: bytes, provider: str) -> tuple[Event, ...]:
    """Every event of a v2 webhook body."""
    envelope = load_object(body)
    events: list[Event] = []
    for index, item in enumerate(as_list(envelope.get("events"), "events")):
        events.extend(guarded(provider, "event", item, partial(_event, item, index, provider)))
    return tuple(events)


def _object(data: Mapping[str, Json], key: str) -> Mapping[str, Json]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _event(item: Json, index: int, provider: str) -> Iterator[Event]:
    data = as_object(item, f"events[{index}]")
    kind = text(data, "type") or "unknown"
    payload = as_object(data.get("payload"), f"events[{index}].payload")
    created = data.get("createdAt")
    # No createdAt (the API's own examples leave it out): the event is kept without a
    # time, like Twilio's inbound webhook; a message still has its own ``received``.
    at = None if created is None else parse_time(created, f"events[{index}].createdAt")
    extra: JsonObject = {"event_id": text(data, "id")}
    conversation_id = text(_object(payload, "conversation"), "id")
    if conversation_id is not None:
        extra["conversation_id"] = conversation_id
    if kind == "conversation:message":
        yield _message(payload, provider, at, item, extra)
    elif kind in _DELIVERY:
        yield _delivery(payload, _DELIVERY[kind], provider, at, item, extra)
    elif kind == "conversation:read":
        yield _read(payload, provider, at, item, extra)
    else:
        yield UnknownEvent(
            provider=provider, kind=f"sunshine.{kind}", occurred_at=at, raw=item, extra=extra
        )


def _customer(source: Mapping[str, Json], author: Mapping[str, Json]) -> Customer:
    client = _object(source, "client")
    phone = text(client, "externalId") or text(client, "displayName")
    name = text(author, "displayName")
    customer = customer_of(phone, None, name)
    if customer is not None:
        return customer
    user_id = text(author, "userId")
    if user_id is None:
        raise ValidationError(
            "names neither the customer's WhatsApp number (source.client.externalId, sent "
            "with includeFullSource) nor a userId",
            field="author.userId",
        )
    return Customer(provider_user_id=user_id, name=name)


def _content(data: Mapping[str, Json]) -> Content:
    kind = text(data, "type") or "unknown"
    if kind == "text" and text(data, "payload") is not None:
        return InteractiveReply(
            reply_type="button", id=text(data, "payload"), title=text(data, "text")
        )
    if kind == "text":
        return Text(text(data, "text") or "")
    if kind in ("image", "file"):
        media = Media(
            url=text(data, "mediaUrl"),
            mime_type=text(data, "mediaType"),
            caption=text(data, "text"),
        )
        return (
            Image(media)
            if kind == "image"
            else Document(media=media, filename=text(data, "altText"))
        )
    if kind == "location":
        coordinates, place = _object(data, "coordinates"), _object(data, "location")
        return Location(
            latitude=number(coordinates.get("lat"), "content.coordinates.lat"),
            longitude=number(coordinates.get("long"), "content.coordinates.long"),
            name=text(place, "name"),
            address=text(place, "address"),
        )
    return UnsupportedContent(type=kind, data=dict(data))


def _reply_to(message: Mapping[str, Json]) -> Context:
    quoted = _object(message, "quotedMessage")
    reply_to = text(_object(quoted, "message"), "id") or text(quoted, "externalMessageId")
    return EMPTY_CONTEXT if reply_to is None else Context(reply_to=reply_to)


def _message(
    payload: Mapping[str, Json], provider: str, at: datetime | None, raw: Json, extra: JsonObject
) -> Event:
    message = as_object(payload.get("message"), "payload.message")
    author, source = _object(message, "author"), _object(message, "source")
    if text(author, "type") != "user":
        return UnknownEvent(
            provider=provider,
            kind="sunshine.message.business",
            occurred_at=at,
            raw=raw,
            extra=extra,
        )
    message_id = text(message, "id")
    if not message_id:
        raise ValidationError("is required", field="payload.message.id")
    received = message.get("received")
    sent_at = at if received is None else parse_time(received, "payload.message.received")
    for key, name in (("userId", "user_id"),):
        if text(author, key):
            extra[f"sunshine_{name}"] = text(author, key)
    # the channel's own id of the message (WhatsApp's wamid), under its Sunshine name
    for key, name in (
        ("integrationId", "integration_id"),
        ("originalMessageId", "original_message_id"),
        ("type", "channel"),
    ):
        if text(source, key):
            extra[name] = text(source, key)
    content = as_object(message.get("content"), "payload.message.content")
    event = Message(
        id=message_id,
        direction=Direction.INBOUND,
        business=None,
        customer=_customer(source, author),
        sent_at=sent_at,
        content=_content(content),
        context=_reply_to(message),
    )
    return MessageReceived(provider=provider, message=event, raw=raw, extra=extra)


def _delivery(
    payload: Mapping[str, Json],
    status: DeliveryStatus,
    provider: str,
    at: datetime | None,
    raw: Json,
    extra: JsonObject,
) -> Event:
    message_id = text(_object(payload, "message"), "id")
    if not message_id:
        raise ValidationError("is required", field="payload.message.id")
    error = _object(payload, "error")
    errors: tuple[ErrorDetail, ...] = ()
    if error:
        errors = (
            ErrorDetail(code=text(error, "code") or "unknown", detail=text(error, "message")),
        )
    external = [
        text(e, "id")
        for e in as_list(payload.get("externalMessages"), "externalMessages")
        if isinstance(e, dict)
    ]
    extra["external_ids"] = [e for e in external if e]
    destination = _object(payload, "destination")
    if text(destination, "type"):
        extra["channel"] = text(destination, "type")
    user_id = text(_object(payload, "user"), "id")  # externalId is the business's own id
    customer = None if user_id is None else Customer(provider_user_id=user_id)
    return MessageStatus(
        provider=provider,
        message_id=message_id,
        status=status,
        customer=customer,
        occurred_at=at,
        errors=errors,
        raw=raw,
        extra=extra,
    )


def _read(
    payload: Mapping[str, Json], provider: str, at: datetime | None, raw: Json, extra: JsonObject
) -> Event:
    if at is None:
        raise ValidationError("is required for a read", field="createdAt")
    activity = _object(payload, "activity")
    author, source = _object(activity, "author"), _object(activity, "source")
    if text(author, "type") not in (None, "user"):
        return UnknownEvent(
            provider=provider, kind="sunshine.read.business", occurred_at=at, raw=raw, extra=extra
        )
    return ConversationRead(
        provider=provider,
        business=None,
        customer=_customer(source, author),
        occurred_at=at,
        reader="customer",
        raw=raw,
        extra=extra,
    )

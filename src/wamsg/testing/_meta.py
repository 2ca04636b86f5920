"""Realistic Meta Cloud API webhook payloads, built from wamsg events.

The inverse of the Meta adapter's parser: :func:`meta_payload` renders
:class:`~wamsg.MessageReceived` and :class:`~wamsg.MessageStatus` events as the
envelope Meta posts ([rule meta.webhook.envelope]), so a test (or the
demo) can start from canonical events and exercise the real parsing path.
Events that are not webhooks (the helpdesk's own sends, reads) are skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from wamsg._internal import fields as check
from wamsg._internal.decode import MAX_DEPTH, nested_deeper_than
from wamsg._internal.json import Json, JsonObject
from wamsg.content import (
    Audio,
    ButtonReply,
    Contacts,
    Content,
    Document,
    Image,
    InteractiveReply,
    Location,
    Media,
    Order,
    Reaction,
    Sticker,
    System,
    TemplateRef,
    Text,
    Unsupported,
    Video,
)
from wamsg.delivery import ErrorDetail
from wamsg.errors import ValidationError
from wamsg.events import Event, MessageReceived, MessageStatus
from wamsg.identity import Customer, PhoneNumber
from wamsg.messages import Context
from wamsg.providers import WebhookRequest, meta_signature

__all__ = [
    "DEFAULT_PHONE_NUMBER_ID",
    "DEFAULT_WABA_ID",
    "json_bytes",
    "meta_body",
    "meta_content",
    "meta_payload",
    "signed_meta_request",
]

DEFAULT_PHONE_NUMBER_ID = "106540352242922"
"""The Meta phone number id of the webhook builders when none is given."""
DEFAULT_WABA_ID = "102290129340398"
"""The WhatsApp Business Account id of the Meta webhook builders when none is given."""
META_URL = "https://helpdesk.example/webhooks/meta"


def _media(media: Media) -> JsonObject:
    out: JsonObject = {}
    for key in ("id", "mime_type", "sha256", "caption", "url"):
        value = getattr(media, key)
        if value is not None:
            out[key] = value
    return out


def _interactive(content: InteractiveReply) -> JsonObject:
    if content.reply_type in ("button", "list"):
        reply: JsonObject = {"id": content.id, "title": content.title}
        if content.description is not None:
            reply["description"] = content.description
        return {"type": f"{content.reply_type}_reply", f"{content.reply_type}_reply": reply}
    if content.response_json is not None or content.title is not None:
        nfm: JsonObject = {
            "name": content.reply_type,
            "body": content.title,
            "response_json": content.response_json,
        }
        return {"type": "nfm_reply", "nfm_reply": nfm}
    return {"type": content.reply_type}


def _order(content: Order) -> JsonObject:
    items: list[Json] = []
    for item in content.items:
        line: JsonObject = {
            "product_retailer_id": item.product_retailer_id,
            "quantity": item.quantity,
        }
        if item.item_price is not None:
            line["item_price"] = float(item.item_price)
        if item.currency is not None:
            line["currency"] = item.currency
        items.append(line)
    return {"catalog_id": content.catalog_id, "text": content.text, "product_items": items}


def _unsupported(content: Unsupported) -> JsonObject:
    if "unsupported" in content.data:
        return {"type": "unsupported", **content.data}
    return {"type": content.type, **content.data}


def meta_content(content: Content) -> JsonObject:
    """The type keys of a Meta inbound message object for ``content``."""
    if isinstance(content, Text):
        return {"type": "text", "text": {"body": content.body}}
    if isinstance(content, (Image, Video)):
        return {"type": content.kind, content.kind: _media(content.media)}
    if isinstance(content, Audio):
        return {"type": "audio", "audio": {**_media(content.media), "voice": content.voice}}
    if isinstance(content, Document):
        document = _media(content.media)
        if content.filename is not None:
            document["filename"] = content.filename
        return {"type": "document", "document": document}
    if isinstance(content, Sticker):
        return {
            "type": "sticker",
            "sticker": {**_media(content.media), "animated": content.animated},
        }
    if isinstance(content, Location):
        place = {
            k: v for k in ("name", "address", "url") if (v := getattr(content, k)) is not None
        }
        return {
            "type": "location",
            "location": {"latitude": content.latitude, "longitude": content.longitude, **place},
        }
    if isinstance(content, Contacts):
        return {"type": "contacts", "contacts": [dict(card.data) for card in content.cards]}
    if isinstance(content, Reaction):
        reaction: JsonObject = {"message_id": content.message_id}
        if content.emoji is not None:
            reaction["emoji"] = content.emoji
        return {"type": "reaction", "reaction": reaction}
    if isinstance(content, InteractiveReply):
        return {"type": "interactive", "interactive": _interactive(content)}
    if isinstance(content, ButtonReply):
        return {"type": "button", "button": {"text": content.text, "payload": content.payload}}
    if isinstance(content, Order):
        return {"type": "order", "order": _order(content)}
    if isinstance(content, System):
        return {
            "type": "system",
            "system": {
                "type": content.system_type,
                "body": content.body,
                "wa_id": content.new_wa_id,
            },
        }
    if isinstance(content, TemplateRef):
        return {"type": "unsupported", "unsupported": {"type": "hsm"}}
    if isinstance(content, Unsupported):
        return _unsupported(content)
    # a business's interactive message never arrives as an inbound one
    return {"type": "unsupported", "unsupported": {"type": "interactive"}}


def _context(context: Context, business: PhoneNumber | None) -> JsonObject:
    out: JsonObject = {}
    inner: JsonObject = {}
    if context.reply_to is not None:
        inner.update({"from": business.digits if business else None, "id": context.reply_to})
    if context.forwarded:
        inner["forwarded"] = True
    if context.frequently_forwarded:
        inner["frequently_forwarded"] = True
    if context.referred_product is not None:
        inner["referred_product"] = context.referred_product.to_dict()
    if inner:
        out["context"] = inner
    if context.referral is not None:
        out["referral"] = context.referral.to_dict()
    return out


def _seconds(at: datetime | None) -> JsonObject:
    return {} if at is None else {"timestamp": str(int(at.timestamp()))}


def _who(customer: Customer | None, phone_key: str, id_key: str) -> JsonObject:
    out: JsonObject = {}
    if customer is not None and customer.phone is not None:
        out[phone_key] = customer.phone.digits
    if customer is not None and customer.user_id is not None:
        out[id_key] = customer.user_id.value
    return out


def _contact(customer: Customer) -> JsonObject:
    contact = _who(customer, "wa_id", "user_id")
    profile: JsonObject = {}
    if customer.name is not None:
        profile["name"] = customer.name
    if customer.username is not None:
        profile["username"] = customer.username
    contact["profile"] = profile
    return contact


def _message(event: MessageReceived) -> JsonObject:
    message = event.message
    item: JsonObject = {
        **_who(message.customer, "from", "from_user_id"),
        "id": message.id,
        **_seconds(message.sent_at),
    }
    item.update(meta_content(message.content))
    item.update(_context(message.context, message.business))
    return item


def _error(error: ErrorDetail) -> JsonObject:
    code: Json = int(error.code) if error.code.isdigit() else error.code
    out: JsonObject = {"code": code}
    if error.title is not None:
        out["title"] = error.title
    if error.detail is not None:
        out["error_data"] = {"details": error.detail}
    return out


def _status(event: MessageStatus) -> JsonObject:
    item: JsonObject = {
        "id": event.message_id,
        "status": event.status.value,
        **_seconds(event.occurred_at),
        **_who(event.customer, "recipient_id", "recipient_user_id"),
    }
    if event.errors:
        item["errors"] = [_error(error) for error in event.errors]
    if event.pricing is not None:
        pricing: JsonObject = {
            "pricing_model": event.pricing.model,
            "type": event.pricing.type,
            "category": event.pricing.category,
        }
        if event.pricing.billable is not None:
            pricing["billable"] = event.pricing.billable
        item["pricing"] = {k: v for k, v in pricing.items() if v is not None}
    for key in ("conversation", "biz_opaque_callback_data"):
        if key in event.extra:
            item[key] = event.extra[key]
    return item


def meta_payload(
    events: Iterable[Event],
    *,
    waba_id: str = DEFAULT_WABA_ID,
    phone_number_id: str = DEFAULT_PHONE_NUMBER_ID,
) -> JsonObject:
    """The Cloud API webhook envelope carrying ``events`` (received messages, statuses).

    One change per business number, in first-seen order; each change's
    ``value`` holds its ``contacts``, ``messages`` and ``statuses`` in event
    order. ``phone_number_id`` is used unless an event carries its own in
    ``extra["phone_number_id"]``.
    """
    check.iterable(events, "events")
    check.text_of(waba_id, "waba_id")
    check.text_of(phone_number_id, "phone_number_id")
    values: dict[tuple[str | None, str], JsonObject] = {}
    for event in events:
        if not isinstance(event, (MessageReceived, MessageStatus)):
            continue
        business = event.business.digits if event.business is not None else None
        number_id = event.extra.get("phone_number_id", phone_number_id)
        key = (business, number_id if isinstance(number_id, str) else phone_number_id)
        value = values.setdefault(key, _value(*key))
        if isinstance(event, MessageReceived):
            _append(value, "contacts", _contact(event.customer), unique=True)
            _append(value, "messages", _message(event))
        else:
            _append(value, "statuses", _status(event))
    changes: list[Json] = [{"field": "messages", "value": value} for value in values.values()]
    return {"object": "whatsapp_business_account", "entry": [{"id": waba_id, "changes": changes}]}


def _value(business: str | None, phone_number_id: str) -> JsonObject:
    metadata: JsonObject = {"phone_number_id": phone_number_id}
    if business is not None:
        metadata["display_phone_number"] = business
    return {"messaging_product": "whatsapp", "metadata": metadata}


def _append(value: JsonObject, key: str, item: JsonObject, *, unique: bool = False) -> None:
    items = value.setdefault(key, [])
    assert isinstance(items, list)
    if not unique or item not in items:
        items.append(item)


def meta_body(payload: JsonObject) -> bytes:
    """The bytes Meta sends: compact JSON with non-ASCII escaped (``\\u00e4``)."""
    return json_bytes(payload, separators=(",", ":"))


def json_bytes(payload: object, separators: tuple[str, str] | None = None) -> bytes:
    """``payload`` as JSON text (non-ASCII escaped); a :class:`ValidationError` if it has none.

    NaN and lone surrogates are written as Python writes them (escaped), so that tests
    can build the bodies an attacker sends; what JSON cannot write at all (other types,
    integers beyond ``str()``'s digits, nesting deeper than wamsg reads) is refused.
    """
    if nested_deeper_than(payload, MAX_DEPTH):
        raise ValidationError(f"nested more than {MAX_DEPTH} levels deep", field="payload")
    try:
        return json.dumps(payload, ensure_ascii=True, separators=separators).encode("ascii")
    except (TypeError, ValueError, RecursionError) as error:
        reason = f"cannot be written as JSON ({type(error).__name__})"
        raise ValidationError(reason, field="payload") from None


def signed_meta_request(
    payload: JsonObject | bytes, app_secret: str, *, url: str = META_URL
) -> WebhookRequest:
    """A POST as Meta sends it: escaped-unicode body signed with ``X-Hub-Signature-256``."""
    body = payload if isinstance(payload, bytes) else meta_body(payload)
    headers = (
        ("Content-Type", "application/json"),
        ("X-Hub-Signature-256", meta_signature(body, app_secret)),
    )
    return WebhookRequest(method="POST", url=url, headers=headers, body=body)

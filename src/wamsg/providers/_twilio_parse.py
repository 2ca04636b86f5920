"""Twilio form parameters → one event.

[rule twilio.webhook.form] [rule twilio.address.whatsapp]
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from wamsg._internal.json import Json, JsonObject
from wamsg.content import (
    Audio,
    ButtonReply,
    ContactCard,
    Contacts,
    Content,
    Document,
    Image,
    Location,
    Media,
    Text,
    Unsupported,
    Video,
)
from wamsg.delivery import DeliveryStatus, ErrorDetail
from wamsg.errors import ValidationError
from wamsg.events import Event, MessageReceived, MessageStatus, UnknownEvent
from wamsg.messages import EMPTY_CONTEXT, Context, Direction, Message, Referral
from wamsg.providers._read import customer_of, phone_or_none

__all__ = ["parse_twilio_params"]

_P = DeliveryStatus
# Message status enum of the Message resource (twilio-python) [rule twilio.status.mapping].
_STATUSES = {
    "accepted": _P.PENDING,
    "scheduled": _P.PENDING,
    "queued": _P.PENDING,
    "sending": _P.PENDING,
    "sent": _P.SENT,
    "delivered": _P.DELIVERED,
    "read": _P.READ,
    "failed": _P.FAILED,
    "undelivered": _P.FAILED,
    "canceled": _P.FAILED,
}
_INBOUND = frozenset({"received", "receiving"})
_REFERRAL_KEYS = {
    "ReferralSourceType": "source_type",
    "ReferralSourceId": "source_id",
    "ReferralCtwaClid": "ctwa_clid",
    "ReferralSourceUrl": "source_url",
    "ReferralBody": "body",
    "ReferralHeadline": "headline",
    "ReferralMediaUrl": "media_url",
    "ReferralMediaId": "media_id",
    "ReferralMediaContentType": "media_type",
}
_WHATSAPP = "whatsapp:"


def _strip(address: str | None) -> str | None:
    if address is None:
        return None
    return address[len(_WHATSAPP) :] if address.lower().startswith(_WHATSAPP) else address


def parse_twilio_params(
    params: Sequence[tuple[str, str]], provider: str, received_at: datetime | None
) -> tuple[Event, ...]:
    """The event a Twilio webhook's parameters describe."""
    first: dict[str, str] = {}
    raw: JsonObject = {}
    for key, value in params:
        first.setdefault(key, value)
        kept = raw.get(key)
        if kept is None:
            raw[key] = value
        elif isinstance(kept, list):
            kept.append(value)
        else:
            raw[key] = [kept, value]
    sid = first.get("MessageSid") or first.get("SmsMessageSid") or first.get("SmsSid")
    if not sid:
        raise ValidationError("a Twilio webhook carries MessageSid", field="MessageSid")
    status = first.get("MessageStatus") or first.get("SmsStatus")
    if status is not None and status not in _INBOUND:
        return (_status(first, sid, status, provider, received_at, raw),)
    try:
        return (_inbound(first, sid, provider, received_at, raw),)
    except ValidationError as error:
        extra: JsonObject = {"error": str(error)}
        return (UnknownEvent(provider=provider, kind="message.invalid", raw=raw, extra=extra),)


def _status(
    p: dict[str, str], sid: str, name: str, provider: str, at: datetime | None, raw: JsonObject
) -> Event:
    business = phone_or_none(_strip(p.get("From")))
    customer = customer_of(_strip(p.get("To")))
    status = _STATUSES.get(name)
    if status is None:
        return UnknownEvent(
            provider=provider,
            kind=f"twilio.status.{name}",
            business=business,
            customer=customer,
            occurred_at=at,
            raw=raw,
        )
    errors: tuple[ErrorDetail, ...] = ()
    if p.get("ErrorCode"):
        errors = (
            ErrorDetail(
                code=p["ErrorCode"],
                title=p.get("ErrorMessage"),
                detail=p.get("ChannelStatusMessage"),
            ),
        )
    extra: JsonObject = {"provider_status": name}
    if p.get("EventType"):
        extra["event_type"] = p["EventType"]
    return MessageStatus(
        provider=provider,
        message_id=sid,
        status=status,
        business=business,
        customer=customer,
        occurred_at=at,
        errors=errors,
        raw=raw,
        extra=extra,
    )


def _media_content(p: dict[str, str]) -> Content:
    mime = p.get("MediaContentType0") or ""
    url = p.get("MediaUrl0")
    if not url:
        raise ValidationError("NumMedia > 0 without MediaUrl0", field="MediaUrl0")
    if p.get("MessageType") == "contacts" or mime in _VCARD_TYPES:
        # a shared contact arrives as a link to its vCard file [rule twilio.inbound.contacts]
        return Contacts((ContactCard({"vcard": {"url": url, "mime_type": mime or None}}),))
    media = Media(url=url, mime_type=mime or None, caption=p.get("Body") or None)
    major = mime.partition("/")[0]
    if major == "image":
        return Image(media)
    if major == "video":
        return Video(media)
    if major == "audio":
        return Audio(media=media, voice="ogg" in mime)
    return Document(media=media)


_VCARD_TYPES = frozenset({"text/vcard", "text/x-vcard", "text/directory"})


def _float(p: dict[str, str], key: str) -> float:
    try:
        return float(p[key])
    except (KeyError, ValueError):
        raise ValidationError("must be a number", field=key, value=p.get(key)) from None


def _content(p: dict[str, str]) -> Content:
    if p.get("NumMedia", "0") not in ("", "0"):
        return _media_content(p)
    if p.get("ButtonText") or p.get("ButtonPayload"):
        return ButtonReply(
            text=p.get("ButtonText") or p.get("Body") or "", payload=p.get("ButtonPayload")
        )
    if p.get("Latitude") or p.get("Longitude"):
        return Location(
            latitude=_float(p, "Latitude"),
            longitude=_float(p, "Longitude"),
            name=p.get("Label"),
            address=p.get("Address"),
        )
    if p.get("Body"):
        return Text(p["Body"])
    data: JsonObject = {key: value for key, value in p.items() if key.startswith("Message")}
    return Unsupported(type=p.get("MessageType") or "empty", data=data)


def _context(p: dict[str, str]) -> Context:
    referral = None
    if p.get("ReferralCtwaClid") or p.get("ReferralSourceId"):
        data: dict[str, Json] = {_REFERRAL_KEYS[k]: v for k, v in p.items() if k in _REFERRAL_KEYS}
        referral = Referral.from_dict(data)
    reply_to = p.get("OriginalRepliedMessageSid") or None
    forwarded = p.get("Forwarded") == "true"
    frequently = p.get("FrequentlyForwarded") == "true"
    if referral is None and reply_to is None and not forwarded and not frequently:
        return EMPTY_CONTEXT
    return Context(
        reply_to=reply_to, forwarded=forwarded, frequently_forwarded=frequently, referral=referral
    )


def _inbound(
    p: dict[str, str], sid: str, provider: str, at: datetime | None, raw: JsonObject
) -> Event:
    sender = _strip(p.get("From"))
    wa_id = p.get("WaId")
    user_id, name = _strip(p.get("ExternalUserId")), p.get("ProfileName")
    customer = customer_of(sender, user_id, name) or customer_of(wa_id, user_id, name)
    if customer is None:
        raise ValidationError("no customer phone number or user id", field="From", value=sender)
    message = Message(
        id=sid,
        direction=Direction.INBOUND,
        business=phone_or_none(_strip(p.get("To"))),
        customer=customer,
        sent_at=at,
        content=_content(p),
        context=_context(p),
    )
    extra: JsonObject = {}
    if p.get("AccountSid"):
        extra["account_sid"] = p["AccountSid"]
    return MessageReceived(provider=provider, message=message, raw=raw, extra=extra)

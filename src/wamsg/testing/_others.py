"""Realistic, correctly signed webhook requests for 360dialog, Twilio, Sunshine and Vonage.

Shapes follow the providers' rows of ``docs/rules.md`` (Twilio
[rule twilio.webhook.form], Sunshine [rule sunshine.webhook.events], 360dialog
[rule dialog360.webhook.meta-envelope], Vonage [rule vonage.webhook.shape]). Nothing
here reads a clock or draws random numbers: times and ids are arguments with fixed
defaults.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import datetime
from urllib.parse import urlencode

from wamsg._internal import fields as check
from wamsg._internal.json import Json, JsonObject, format_time, require_aware
from wamsg._internal.jwt import encode_hs256
from wamsg.errors import ValidationError
from wamsg.providers import WebhookRequest, dialog360_signature, twilio_signature
from wamsg.testing._meta import json_bytes, meta_body

__all__ = [
    "signed_dialog360_request",
    "signed_sunshine_request",
    "signed_twilio_json_request",
    "signed_twilio_request",
    "signed_vonage_request",
    "sunshine_message_event",
    "sunshine_payload",
    "twilio_inbound_params",
    "twilio_status_params",
    "vonage_inbound_text",
    "vonage_status",
]

TWILIO_URL = "https://helpdesk.example/webhooks/twilio"
TWILIO_ACCOUNT = "AC" + "0" * 32
_FORM = "application/x-www-form-urlencoded"


def _texts(**values: object) -> None:
    """Refuse an argument that is not non-empty text, naming it."""
    for field, value in values.items():
        check.text_of(value, field)


def _pairs(value: Iterable[tuple[str, str]], field: str) -> tuple[tuple[str, str], ...]:
    """Form parameters: (name, value) pairs of text."""
    check.iterable(value, field)
    pairs = tuple(value)
    for index, pair in enumerate(pairs):
        where = f"{field}[{index}]"
        if type(pair) is not tuple or len(pair) != 2:
            raise ValidationError("must be a (name, value) pair", field=where, value=pair)
        check.text_of(pair[0], f"{where}.name", empty=True)
        check.text_of(pair[1], f"{where}.value", empty=True)
    return pairs


def signed_dialog360_request(
    payload: JsonObject | bytes, secret: str, *, url: str = "https://helpdesk.example/360"
) -> WebhookRequest:
    """A 360dialog POST (Meta's envelope) with ``x-360dialog-signature`` (hex)."""
    body = payload if isinstance(payload, bytes) else meta_body(payload)
    headers = (
        ("Content-Type", "application/json"),
        ("x-360dialog-signature", dialog360_signature(body, secret)),
    )
    return WebhookRequest(method="POST", url=url, headers=headers, body=body)


def twilio_inbound_params(
    *,
    sid: str = "SM" + "1" * 32,
    customer: str = "+14155550100",
    business: str = "+14155238886",
    body: str = "Hello",
    profile_name: str | None = "Ada",
    extra: Sequence[tuple[str, str]] = (),
) -> tuple[tuple[str, str], ...]:
    """The form parameters of an inbound WhatsApp text message to Twilio."""
    _texts(sid=sid, customer=customer, business=business)
    check.text_of(body, "body", empty=True)
    if profile_name is not None:
        check.text_of(profile_name, "profile_name", empty=True)
    extra = _pairs(extra, "extra")
    params = [
        ("SmsMessageSid", sid),
        ("NumMedia", "0"),
        ("SmsSid", sid),
        ("SmsStatus", "received"),
        ("Body", body),
        ("To", f"whatsapp:{business}"),
        ("NumSegments", "1"),
        ("MessageSid", sid),
        ("AccountSid", TWILIO_ACCOUNT),
        ("From", f"whatsapp:{customer}"),
        ("WaId", customer.lstrip("+")),
        ("ApiVersion", "2010-04-01"),
        ("MessageType", "text"),
    ]
    if profile_name is not None:
        params.append(("ProfileName", profile_name))
    params.extend(extra)
    return tuple(params)


def twilio_status_params(
    *,
    sid: str = "SM" + "2" * 32,
    status: str = "delivered",
    customer: str = "+14155550100",
    business: str = "+14155238886",
    error_code: str | None = None,
) -> tuple[tuple[str, str], ...]:
    """The form parameters of a WhatsApp status callback (business in ``From``)."""
    _texts(sid=sid, status=status, customer=customer, business=business)
    if error_code is not None:
        check.text_of(error_code, "error_code")
    params = [
        ("SmsSid", sid),
        ("SmsStatus", status),
        ("MessageStatus", status),
        ("ChannelToAddress", customer[:-4] + "XXXX"),
        ("To", f"whatsapp:{customer}"),
        ("ChannelPrefix", "whatsapp"),
        ("MessageSid", sid),
        ("AccountSid", TWILIO_ACCOUNT),
        ("From", f"whatsapp:{business}"),
        ("ApiVersion", "2010-04-01"),
    ]
    if status == "read":
        params.insert(0, ("EventType", "READ"))
    if error_code is not None:
        params.append(("ErrorCode", error_code))
    return tuple(params)


def signed_twilio_request(
    params: Iterable[tuple[str, str]], auth_token: str, *, url: str = TWILIO_URL
) -> WebhookRequest:
    """A form POST as Twilio sends it, with ``X-Twilio-Signature``."""
    pairs = _pairs(params, "params")
    headers = (
        ("Content-Type", _FORM),
        ("User-Agent", "TwilioProxy/1.1"),
        ("X-Twilio-Signature", twilio_signature(url, pairs, auth_token)),
    )
    return WebhookRequest(
        method="POST", url=url, headers=headers, body=urlencode(pairs).encode("ascii")
    )


def signed_twilio_json_request(
    body: bytes, auth_token: str, *, url: str = TWILIO_URL
) -> WebhookRequest:
    """A JSON POST signed the ``bodySHA256`` way (the hash in the URL, the URL signed)."""
    check.argument(body, bytes, "body")
    check.text_of(url, "url")
    joiner = "&" if "?" in url else "?"
    signed_url = f"{url}{joiner}bodySHA256={hashlib.sha256(body).hexdigest()}"
    headers = (
        ("Content-Type", "application/json"),
        ("X-Twilio-Signature", twilio_signature(signed_url, (), auth_token)),
    )
    return WebhookRequest(method="POST", url=signed_url, headers=headers, body=body)


def sunshine_message_event(
    *,
    event_id: str = "5f74a0d52b5315fc007e798a",
    message_id: str = "5f74c7d84a146f3abd72af1d",
    text: str = "hello",
    phone: str | None = "15145550123",
    at: datetime | None = None,
    conversation_id: str = "f52b01137aa6c250bc7251fa",
) -> JsonObject:
    """One ``conversation:message`` event from a WhatsApp user (v2 webhook)."""
    _texts(event_id=event_id, message_id=message_id, conversation_id=conversation_id)
    check.text_of(text, "text", empty=True)
    if phone is not None:
        check.text_of(phone, "phone")
    when = format_time(require_aware(at, "at")) if at is not None else "2026-11-20T09:00:00Z"
    source: JsonObject = {
        "type": "whatsapp",
        "integrationId": "5ec69c6e12dda33be985cb1a",
        "originalMessageId": "wamid.sunco1",
        "originalMessageTimestamp": when,
    }
    if phone is not None:
        source["client"] = {"type": "whatsapp", "externalId": phone, "displayName": f"+{phone}"}
    message: JsonObject = {
        "id": message_id,
        "received": when,
        "author": {
            "type": "user",
            "userId": "26508c10541a4b0ff472e5e2",
            "displayName": "Steve Rogers",
        },
        "content": {"type": "text", "text": text},
        "source": source,
    }
    payload: JsonObject = {
        "conversation": {"id": conversation_id, "type": "personal"},
        "message": message,
        "recentNotifications": [],
    }
    return {"id": event_id, "createdAt": when, "type": "conversation:message", "payload": payload}


def sunshine_payload(events: Iterable[JsonObject]) -> JsonObject:
    """The v2 webhook envelope around ``events``."""
    check.iterable(events, "events")
    items: list[Json] = []
    for index, event in enumerate(events):
        field = f"events[{index}]"
        if type(event) is not dict:
            raise ValidationError("must be a JSON object", field=field, value=event)
        items.append(check.json_value(event, field))
    return {
        "app": {"id": "5ebee0975ac5304b664a12fa"},
        "webhook": {"id": "5f4eaef81e3dcc117c7ba48a", "version": "v2"},
        "events": items,
    }


def signed_sunshine_request(
    payload: JsonObject | bytes, secret: str, *, url: str = "https://helpdesk.example/sunco"
) -> WebhookRequest:
    """A Sunshine POST carrying the webhook secret in ``X-API-Key``."""
    body = payload if isinstance(payload, bytes) else json_bytes(payload)
    headers = (("Content-Type", "application/json"), ("X-API-Key", secret))
    return WebhookRequest(method="POST", url=url, headers=headers, body=body)


def vonage_inbound_text(
    *,
    message_uuid: str = "52afe398-e31a-4362-8c42-beb0c3b1d098",
    customer: str = "447700900001",
    business: str = "447700900000",
    text: str = "Hello",
    at: str = "2026-11-20T09:00:00Z",
) -> JsonObject:
    """An inbound WhatsApp text webhook of the Messages API."""
    _texts(message_uuid=message_uuid, customer=customer, business=business, at=at)
    check.text_of(text, "text", empty=True)
    return {
        "channel": "whatsapp",
        "message_uuid": message_uuid,
        "to": business,
        "from": customer,
        "timestamp": at,
        "profile": {"name": "Jane Smith"},
        "message_type": "text",
        "text": text,
    }


def vonage_status(
    *,
    message_uuid: str = "aaaaaaaa-bbbb-cccc-dddd-0123456789ab",
    status: str = "delivered",
    customer: str = "447700900001",
    business: str = "447700900000",
    at: str = "2026-11-20T09:00:05Z",
) -> JsonObject:
    """A status webhook for an outbound WhatsApp message (customer in ``to``)."""
    _texts(message_uuid=message_uuid, status=status, customer=customer, business=business, at=at)
    return {
        "message_uuid": message_uuid,
        "to": customer,
        "from": business,
        "timestamp": at,
        "status": status,
        "channel": "whatsapp",
    }


def signed_vonage_request(
    payload: JsonObject | bytes,
    signature_secret: str,
    *,
    issued_at: datetime,
    api_key: str = "abcd1234",
    url: str = "https://helpdesk.example/vonage",
) -> WebhookRequest:
    """A Vonage POST with ``Authorization: Bearer <HS256 JWT>`` and its ``payload_hash``."""
    check.argument(signature_secret, str, "signature_secret")
    check.text_of(api_key, "api_key")
    body = payload if isinstance(payload, bytes) else json_bytes(payload)
    digest = hashlib.sha256(body).hexdigest()
    claims: JsonObject = {
        "iat": int(require_aware(issued_at, "issued_at").timestamp()),
        "jti": digest[:32],
        "iss": "Vonage",
        "api_key": api_key,
        "payload_hash": digest,
    }
    try:
        secret = signature_secret.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(
            "holds a lone surrogate", field="signature_secret", value="***", secret=True
        ) from None
    token = encode_hs256(claims, secret)
    headers = (("Content-Type", "application/json"), ("Authorization", f"Bearer {token}"))
    return WebhookRequest(method="POST", url=url, headers=headers, body=body)

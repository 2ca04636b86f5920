"""Vonage Messages API adapter.

- Signed webhooks carry ``Authorization: Bearer <JWT>``, HS256 with the
  account's signature secret; the claim ``payload_hash`` is the SHA-256 (hex)
  of the raw body and is checked too: the JWT proves the sender, the hash the
  body ([rule vonage.jwt.hs256]). An unsigned webhook (Vonage sends some on
  internal errors) fails verification: answer 5xx so that Vonage retries
  ([rule vonage.webhook.unsigned]). ``iat`` is not checked
  (no clock in wamsg); read it with :func:`vonage_claims` to judge staleness.
- Sends go to ``POST https://api.nexmo.com/v1/messages`` with basic auth
  (``api_key:api_secret``) or a bearer application JWT the caller signs.
  Text and media use Vonage's own message types; location, contacts,
  reactions, interactive messages and templates go as ``custom`` carrying
  Meta's native object (Meta components pass through unchanged)
  ([rule vonage.send.api]).
- Mark as read: ``PATCH /v1/messages/{message_uuid}`` with ``{"status": "read"}``
  (the path is believed, not verified, [rule vonage.send.mark-read]).
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import ClassVar

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import JsonObject
from wamsg._internal.jwt import decode_hs256
from wamsg.content import Audio, Document, Image, Media, Sticker, Text, Video
from wamsg.delivery import ErrorDetail
from wamsg.errors import SignatureError, ValidationError
from wamsg.events import Event
from wamsg.outgoing import Outgoing
from wamsg.providers._checks import http_status
from wamsg.providers._meta_send import content_payload
from wamsg.providers._read import text
from wamsg.providers._vonage_parse import parse_vonage
from wamsg.providers.base import (
    HttpRequest,
    SendResult,
    WebhookRequest,
    basic_auth,
    dump_json,
    load_json,
    path_segment,
    require_secret,
)
from wamsg.providers.base import same_secret as _same
from wamsg.providers.errors import ErrorKind, vonage_error_kind

__all__ = ["VonageProvider", "vonage_claims"]

_BEARER = "bearer "


def vonage_claims(request: WebhookRequest, secret: str) -> JsonObject:
    """The verified JWT claims of a signed webhook (``api_key``, ``iat``, ``payload_hash`` …)."""
    check.argument(request, WebhookRequest, "request")
    given = request.header("Authorization")
    if given is None:
        raise SignatureError("missing Authorization header (an unsigned Vonage webhook)")
    if not given.lower().startswith(_BEARER):
        raise SignatureError("Authorization must be 'Bearer <JWT>'")
    claims = decode_hs256(given[len(_BEARER) :].strip(), require_secret(secret))
    payload_hash = claims.get("payload_hash")
    if not isinstance(payload_hash, str):
        raise SignatureError("the JWT has no payload_hash claim")
    if not _same(payload_hash.lower(), hashlib.sha256(request.body).hexdigest()):
        raise SignatureError("payload_hash does not match the body (the body was changed)")
    return claims


def _media_kind(content: Image | Video | Audio | Document | Sticker) -> str:
    return "file" if isinstance(content, Document) else content.kind


def _media(media: Media, caption: bool) -> JsonObject:
    if media.url is None:
        raise ValidationError("Vonage sends media by URL", field="content.url")
    out: JsonObject = {"url": media.url}
    if caption and media.caption is not None:
        out["caption"] = media.caption
    return out


@attrs.frozen(kw_only=True)
class VonageProvider:
    """The Vonage adapter; ``api_key`` + ``api_secret`` or ``bearer_token`` are needed to send."""

    name: ClassVar[str] = "vonage"
    signature_header: ClassVar[str] = "Authorization"
    api_key: str | None = attrs.field(default=None, validator=check.opt_text)
    api_secret: str | None = attrs.field(default=None, repr=False, validator=check.opt_text)
    bearer_token: str | None = attrs.field(default=None, repr=False, validator=check.opt_text)
    base_url: str = attrs.field(default="https://api.nexmo.com", validator=check.text)

    def verify(self, request: WebhookRequest, secret: str) -> None:
        """Check the HS256 JWT and its ``payload_hash`` against the raw body."""
        vonage_claims(request, secret)

    def parse(
        self, request: WebhookRequest, *, received_at: datetime | None = None
    ) -> tuple[Event, ...]:
        """The inbound message or status of the webhook."""
        check.argument(request, WebhookRequest, "request")
        return parse_vonage(request.body, self.name)

    def _headers(self) -> tuple[tuple[str, str], ...]:
        if self.bearer_token:
            auth = f"Bearer {self.bearer_token}"
        elif self.api_key and self.api_secret:
            auth = basic_auth(self.api_key, self.api_secret)
        else:
            raise ValidationError("needed to send", field="api_key/api_secret or bearer_token")
        return (
            ("Authorization", auth),
            ("Content-Type", "application/json"),
            ("Accept", "application/json"),
        )

    def _body(self, outgoing: Outgoing) -> JsonObject:
        if outgoing.customer.phone is None:
            raise ValidationError("Vonage sends to phone numbers only", field="customer.phone")
        if outgoing.business is None:
            raise ValidationError("needed as the sender", field="business")
        body: JsonObject = {
            "channel": "whatsapp",
            "to": outgoing.customer.phone.digits,
            "from": outgoing.business.digits,
        }
        content = outgoing.content
        if isinstance(content, Text):
            body.update(message_type="text", text=content.body)
        elif isinstance(content, (Image, Video, Audio, Document, Sticker)):
            kind = _media_kind(content)
            caption = isinstance(content, (Image, Video, Document))
            body.update({"message_type": kind, kind: _media(content.media, caption)})
        else:
            body.update(message_type="custom", custom=content_payload(content))
        if outgoing.reply_to is not None:
            body["context"] = {"message_uuid": outgoing.reply_to}
        return body

    def build_send(self, outgoing: Outgoing, *, conversation_id: str | None = None) -> HttpRequest:
        """``POST /v1/messages`` for ``outgoing``."""
        check.argument(outgoing, Outgoing, "outgoing")
        headers = self._headers()
        return HttpRequest(
            method="POST",
            url=f"{self.base_url}/v1/messages",
            headers=headers,
            body=dump_json(self._body(outgoing)),
        )

    def build_mark_read(self, message_id: str, *, typing: bool = False) -> HttpRequest:
        """``PATCH /v1/messages/{uuid}`` with ``{"status": "read"}`` (blue ticks)."""
        if not isinstance(message_id, str) or not message_id:
            raise ValidationError("must be a message id", field="message_id", value=message_id)
        return HttpRequest(
            method="PATCH",
            url=f"{self.base_url}/v1/messages/{path_segment(message_id, 'message_id')}",
            headers=self._headers(),
            body=dump_json({"status": "read"}),
        )

    def parse_send_response(self, status: int, body: bytes) -> SendResult:
        """Read ``{"message_uuid"}`` or an RFC 7807 error (``type``, ``title``, ``detail``)."""
        status = http_status(status)
        data = load_json(body)
        if not isinstance(data, dict):
            raise ValidationError("the response must be a JSON object", field="body")
        if 200 <= status < 300 and text(data, "message_uuid"):
            return SendResult(accepted=True, message_id=text(data, "message_uuid"), raw=data)
        kind_url = text(data, "type") or ""
        code = kind_url.rpartition("#")[2] or text(data, "title") or str(status)
        detail = text(data, "detail")
        return SendResult(
            accepted=False,
            raw=data,
            kind=vonage_error_kind(code, detail),
            error=ErrorDetail(code=code, title=text(data, "title"), detail=detail),
        )

    def map_error(self, code: str | int) -> ErrorKind:
        """Classify a Vonage error code (1340 outside the window …)."""
        return vonage_error_kind(code, code if isinstance(code, str) else None)

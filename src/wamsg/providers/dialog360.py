"""360dialog adapter: Meta's Cloud API shapes behind 360dialog's own host and key.

Sends go to ``POST https://waba-v2.360dialog.io/messages`` with the ``D360-API-KEY``
header, the only auth method ([rule dialog360.send.api]); webhooks carry Meta's
envelope unchanged ([rule dialog360.webhook.meta-envelope]). The optional
partner-level ``x-360dialog-signature`` is the HMAC-SHA256 of the raw body keyed
with the platform secret; its encoding is not stated in the docs wamsg could read,
so both lowercase hex and base64 are accepted (each compared in constant time,
[rule dialog360.signature.hmac-sha256]).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import datetime
from typing import ClassVar

import attrs

from wamsg._internal import fields as check
from wamsg.errors import SignatureError, ValidationError
from wamsg.events import Event
from wamsg.outgoing import Outgoing
from wamsg.providers._checks import raw_body
from wamsg.providers._meta_parse import parse_meta
from wamsg.providers._meta_send import mark_read_payload, message_payload, parse_meta_response
from wamsg.providers.base import (
    HttpRequest,
    SendResult,
    WebhookRequest,
    dump_json,
    require_secret,
    same_secret,
)
from wamsg.providers.errors import ErrorKind, meta_error_kind

__all__ = ["Dialog360Provider", "dialog360_signature"]


def dialog360_signature(body: bytes, secret: str) -> str:
    """The ``x-360dialog-signature`` value (hex) for ``body``."""
    return hmac.new(require_secret(secret), raw_body(body), hashlib.sha256).hexdigest()


@attrs.frozen(kw_only=True)
class Dialog360Provider:
    """The 360dialog adapter; ``api_key`` is needed to send."""

    name: ClassVar[str] = "360dialog"
    signature_header: ClassVar[str] = "x-360dialog-signature"
    api_key: str | None = attrs.field(default=None, repr=False, validator=check.opt_text)
    base_url: str = attrs.field(default="https://waba-v2.360dialog.io", validator=check.text)

    def verify(self, request: WebhookRequest, secret: str) -> None:
        """Check ``x-360dialog-signature`` (hex or base64 HMAC-SHA256 of the raw body)."""
        check.argument(request, WebhookRequest, "request")
        digest = hmac.new(require_secret(secret), request.body, hashlib.sha256).digest()
        given = request.header(self.signature_header)
        if given is None:
            raise SignatureError(f"missing {self.signature_header} header")
        as_hex, as_b64 = digest.hex(), base64.b64encode(digest).decode("ascii")
        if not (same_secret(given.strip().lower(), as_hex) | same_secret(given.strip(), as_b64)):
            raise SignatureError(f"{self.signature_header} does not match the body")

    def parse(
        self, request: WebhookRequest, *, received_at: datetime | None = None
    ) -> tuple[Event, ...]:
        """Every event of the webhook (Meta's envelope)."""
        check.argument(request, WebhookRequest, "request")
        return parse_meta(request.body, self.name)

    def _headers(self) -> tuple[tuple[str, str], ...]:
        if not self.api_key:
            raise ValidationError("needed to send", field="api_key")
        return (("D360-API-KEY", self.api_key), ("Content-Type", "application/json"))

    def build_send(self, outgoing: Outgoing, *, conversation_id: str | None = None) -> HttpRequest:
        """``POST /messages`` with Meta's body."""
        check.argument(outgoing, Outgoing, "outgoing")
        return HttpRequest(
            method="POST",
            url=f"{self.base_url}/messages",
            headers=self._headers(),
            body=dump_json(message_payload(outgoing)),
        )

    def build_mark_read(self, message_id: str, *, typing: bool = False) -> HttpRequest:
        """``POST /messages`` with ``{"status": "read", "message_id"}``."""
        body = dump_json(mark_read_payload(message_id, typing=typing))
        return HttpRequest(
            method="POST", url=f"{self.base_url}/messages", headers=self._headers(), body=body
        )

    def parse_send_response(self, status: int, body: bytes) -> SendResult:
        """Read the response (Meta's shape)."""
        return parse_meta_response(status, body)

    def map_error(self, code: str | int) -> ErrorKind:
        """Classify an error code (Meta's codes pass through 360dialog)."""
        return meta_error_kind(code)

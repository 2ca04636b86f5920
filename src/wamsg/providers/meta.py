"""Meta WhatsApp Cloud API adapter.

- Webhooks are verified with ``X-Hub-Signature-256: sha256=<hex>``, the
  HMAC-SHA256 of the **raw body bytes** keyed with the app secret, compared in
  constant time ([rule meta.webhook.x-hub-signature-256]). Meta signs the
  escaped-unicode bytes it sent; a body re-serialised from its JSON does not
  verify, by design.
- The GET verification handshake is answered by :meth:`MetaProvider.challenge`
  ([rule meta.webhook.verification]).
- Sends go to ``POST https://graph.facebook.com/{version}/{phone_number_id}/messages``
  with a bearer token ([rule meta.send.endpoint]); read receipts and the typing
  indicator too ([rule meta.send.mark-read]).
"""

from __future__ import annotations

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
    path_segment,
    require_secret,
    same_secret,
)
from wamsg.providers.errors import ErrorKind, meta_error_kind

__all__ = ["MetaProvider", "meta_signature"]

# Graph API version used in Meta's 2026 WhatsApp docs (v23.0 to v25.0) [rule meta.send.endpoint].
_DEFAULT_API_VERSION = "v23.0"
_PREFIX = "sha256="


def meta_signature(body: bytes, app_secret: str) -> str:
    """The ``X-Hub-Signature-256`` value Meta would send for ``body``."""
    digest = hmac.new(require_secret(app_secret), raw_body(body), hashlib.sha256).hexdigest()
    return _PREFIX + digest


def _verify_hub_signature(request: WebhookRequest, secret: str, header: str) -> None:
    """Check a ``sha256=<hex>`` HMAC header over the raw body."""
    expected = meta_signature(request.body, secret)
    given = request.header(header)
    if given is None:
        raise SignatureError(f"missing {header} header")
    if not given.startswith(_PREFIX):
        raise SignatureError(f"{header} must start with {_PREFIX!r}")
    if not same_secret(_PREFIX + given[len(_PREFIX) :].lower(), expected):
        raise SignatureError(f"{header} does not match the body (wrong secret or changed body)")


def _is_handshake(request: WebhookRequest) -> bool:
    return request.method.upper() == "GET" and request.query_value("hub.mode") is not None


@attrs.frozen(kw_only=True)
class MetaProvider:
    """The Cloud API adapter; ``phone_number_id`` and ``access_token`` are needed to send."""

    name: ClassVar[str] = "meta"
    signature_header: ClassVar[str] = "X-Hub-Signature-256"
    phone_number_id: str | None = attrs.field(default=None, validator=check.opt_text)
    access_token: str | None = attrs.field(default=None, repr=False, validator=check.opt_text)
    api_version: str = attrs.field(default=_DEFAULT_API_VERSION, validator=check.text)
    base_url: str = attrs.field(default="https://graph.facebook.com", validator=check.text)

    def verify(self, request: WebhookRequest, secret: str) -> None:
        """Check ``X-Hub-Signature-256`` against the app secret."""
        check.argument(request, WebhookRequest, "request")
        _verify_hub_signature(request, secret, self.signature_header)

    def challenge(self, request: WebhookRequest, verify_token: str) -> str:
        """Answer the GET handshake: the ``hub.challenge`` to echo with status 200.

        Raises :class:`~wamsg.SignatureError` unless ``hub.mode`` is
        ``subscribe`` and ``hub.verify_token`` equals ``verify_token``.
        """
        check.argument(request, WebhookRequest, "request")
        require_secret(verify_token)
        if request.query_value("hub.mode") != "subscribe":
            raise SignatureError("hub.mode must be 'subscribe'")
        if not same_secret(request.query_value("hub.verify_token"), verify_token):
            raise SignatureError("hub.verify_token does not match")
        return request.query_value("hub.challenge") or ""

    def parse(
        self, request: WebhookRequest, *, received_at: datetime | None = None
    ) -> tuple[Event, ...]:
        """Every event of the webhook; the GET handshake carries none."""
        check.argument(request, WebhookRequest, "request")
        if request.method != "POST" and _is_handshake(request):
            return ()
        return parse_meta(request.body, self.name)

    def _endpoint(self) -> tuple[str, tuple[tuple[str, str], ...]]:
        if not self.phone_number_id:
            raise ValidationError("needed to send", field="phone_number_id")
        if not self.access_token:
            raise ValidationError("needed to send", field="access_token")
        version = path_segment(self.api_version, "api_version")
        number = path_segment(self.phone_number_id, "phone_number_id")
        url = f"{self.base_url}/{version}/{number}/messages"
        headers = (
            ("Authorization", f"Bearer {self.access_token}"),
            ("Content-Type", "application/json"),
        )
        return url, headers

    def build_send(self, outgoing: Outgoing, *, conversation_id: str | None = None) -> HttpRequest:
        """``POST …/messages`` for ``outgoing`` (``conversation_id`` is not used by Meta)."""
        check.argument(outgoing, Outgoing, "outgoing")
        url, headers = self._endpoint()
        return HttpRequest(
            method="POST", url=url, headers=headers, body=dump_json(message_payload(outgoing))
        )

    def build_mark_read(self, message_id: str, *, typing: bool = False) -> HttpRequest:
        """Mark an inbound message (and the earlier ones) read; ``typing`` shows the indicator."""
        url, headers = self._endpoint()
        return HttpRequest(
            method="POST",
            url=url,
            headers=headers,
            body=dump_json(mark_read_payload(message_id, typing=typing)),
        )

    def parse_send_response(self, status: int, body: bytes) -> SendResult:
        """Read ``{"messages": [{"id"}]}`` or ``{"error": {"code", …}}``."""
        return parse_meta_response(status, body)

    def map_error(self, code: str | int) -> ErrorKind:
        """Classify a Meta error code (the ``meta.error.*`` rows of ``docs/rules.md``)."""
        return meta_error_kind(code)

"""Zendesk Sunshine Conversations adapter.

- Webhooks carry the webhook's shared secret in ``X-API-Key`` (no HMAC over the
  body): it is compared in constant time. A changed body cannot be detected
  ([rule sunshine.webhook.x-api-key]).
- Sends use HTTP basic auth (API key id : secret). A message goes to a
  conversation (``POST /v2/apps/{app}/conversations/{id}/messages``); a
  WhatsApp template to a bare phone number goes through the Notification API,
  which is **v1.1** (``POST /v1.1/apps/{app}/notifications``), not v2
  ([rule sunshine.send.api]).
- Sunshine has no per-message read receipt, only ``conversation:read``
  ([rule sunshine.status.delivery]).
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import JsonObject
from wamsg.content import (
    Audio,
    Document,
    Image,
    Location,
    Media,
    ReplyButtons,
    TemplateRef,
    Text,
    Video,
)
from wamsg.delivery import ErrorDetail
from wamsg.errors import SignatureError, ValidationError
from wamsg.events import Event
from wamsg.outgoing import Outgoing, OutgoingContent
from wamsg.providers._checks import http_status
from wamsg.providers._read import text
from wamsg.providers._sunshine_parse import parse_sunshine
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
from wamsg.providers.errors import ErrorKind, sunshine_error_kind

__all__ = ["SunshineProvider"]


def _media(kind: str, media: Media) -> JsonObject:
    if media.url is None:
        raise ValidationError("Sunshine sends media by URL", field="content.url")
    out: JsonObject = {"type": kind, "mediaUrl": media.url}
    if media.caption is not None:
        out["text"] = media.caption
    return out


def _content(content: OutgoingContent, namespace: str | None) -> JsonObject:
    if isinstance(content, Text):
        return {"type": "text", "text": content.body}
    if isinstance(content, Image):
        return _media("image", content.media)
    if isinstance(content, (Video, Audio, Document)):
        return _media("file", content.media)
    if isinstance(content, Location):
        place = {k: v for k in ("name", "address") if (v := getattr(content, k)) is not None}
        return {
            "type": "location",
            "location": place,
            "coordinates": {"lat": content.latitude, "long": content.longitude},
        }
    if isinstance(content, ReplyButtons):
        actions: list[JsonObject] = [
            {"type": "reply", "text": b.title, "payload": b.id} for b in content.buttons
        ]
        return {"type": "text", "text": content.body, "actions": list(actions)}
    if isinstance(content, TemplateRef):
        return {"type": "template", "template": _template(content, namespace)}
    raise ValidationError(
        f"a {content.kind!r} message cannot be sent through Sunshine", field="content.kind"
    )


def _template(content: TemplateRef, namespace: str | None) -> JsonObject:
    template: JsonObject = {
        "name": content.name,
        "language": {"policy": "deterministic", "code": content.language},
    }
    if namespace is not None:
        template["namespace"] = namespace
    if content.components:
        template["components"] = [dict(c) for c in content.components]
    return template


@attrs.frozen(kw_only=True)
class SunshineProvider:
    """The Sunshine Conversations adapter; ``app_id``, ``key_id`` and ``key_secret`` send.

    ``integration_id`` (the WhatsApp integration) and ``template_namespace`` are
    used for template notifications. ``base_url`` is ``https://api.smooch.io``
    (US), ``https://api.eu-1.smooch.io`` (EU) or ``https://{subdomain}.zendesk.com/sc``.
    """

    name: ClassVar[str] = "sunshine"
    signature_header: ClassVar[str] = "X-API-Key"
    app_id: str | None = attrs.field(default=None, validator=check.opt_text)
    key_id: str | None = attrs.field(default=None, validator=check.opt_text)
    key_secret: str | None = attrs.field(default=None, repr=False, validator=check.opt_text)
    integration_id: str | None = attrs.field(default=None, validator=check.opt_text)
    template_namespace: str | None = attrs.field(default=None, validator=check.opt_text)
    base_url: str = attrs.field(default="https://api.smooch.io", validator=check.text)

    def verify(self, request: WebhookRequest, secret: str) -> None:
        """Compare ``X-API-Key`` with the webhook secret in constant time."""
        check.argument(request, WebhookRequest, "request")
        require_secret(secret)
        given = request.header(self.signature_header)
        if given is None:
            raise SignatureError(f"missing {self.signature_header} header")
        if not _same(given, secret):
            raise SignatureError(f"{self.signature_header} does not match the webhook secret")

    def parse(
        self, request: WebhookRequest, *, received_at: datetime | None = None
    ) -> tuple[Event, ...]:
        """Every event of the webhook body."""
        check.argument(request, WebhookRequest, "request")
        return parse_sunshine(request.body, self.name)

    def _headers(self) -> tuple[tuple[str, str], ...]:
        if not (self.app_id and self.key_id and self.key_secret):
            raise ValidationError("needed to send", field="app_id/key_id/key_secret")
        auth = basic_auth(self.key_id, self.key_secret)
        return (("Authorization", auth), ("Content-Type", "application/json"))

    def build_send(self, outgoing: Outgoing, *, conversation_id: str | None = None) -> HttpRequest:
        """Post to the conversation; a template without a conversation is a notification."""
        check.argument(outgoing, Outgoing, "outgoing")
        if conversation_id is None:
            if isinstance(outgoing.content, TemplateRef):
                return self.build_notification(outgoing)
            raise ValidationError(
                "Sunshine sends to a conversation: pass conversation_id", field="conversation_id"
            )
        headers = self._headers()
        author: JsonObject = {"type": "business"}
        if outgoing.operator is not None:
            author["displayName"] = outgoing.operator
        body: JsonObject = {
            "author": author,
            "content": _content(outgoing.content, self.template_namespace),
        }
        if isinstance(outgoing.content, TemplateRef):
            body["schema"] = "whatsapp"
        app = path_segment(self.app_id, "app_id")
        conversation = path_segment(conversation_id, "conversation_id")
        url = f"{self.base_url}/v2/apps/{app}/conversations/{conversation}/messages"
        return HttpRequest(method="POST", url=url, headers=headers, body=dump_json(body))

    def build_notification(self, outgoing: Outgoing) -> HttpRequest:
        """A WhatsApp template to the customer's phone via the v1.1 Notification API."""
        check.argument(outgoing, Outgoing, "outgoing")
        headers = self._headers()
        if not isinstance(outgoing.content, TemplateRef):
            raise ValidationError("notifications are templates", field="content.kind")
        if not self.integration_id:
            raise ValidationError("needed for notifications", field="integration_id")
        if outgoing.customer.phone is None:
            raise ValidationError("notifications need a phone number", field="customer.phone")
        body: JsonObject = {
            "destination": {
                "integrationId": self.integration_id,
                "destinationId": outgoing.customer.phone.e164,
            },
            "author": {"role": "appMaker"},
            "messageSchema": "whatsapp",
            "message": {
                "type": "template",
                "template": _template(outgoing.content, self.template_namespace),
            },
        }
        url = f"{self.base_url}/v1.1/apps/{path_segment(self.app_id, 'app_id')}/notifications"
        return HttpRequest(method="POST", url=url, headers=headers, body=dump_json(body))

    def build_mark_read(self, message_id: str, *, typing: bool = False) -> HttpRequest | None:
        """Sunshine has no per-message read call: None."""
        return None

    def parse_send_response(self, status: int, body: bytes) -> SendResult:
        """Read ``{"messages": [{"id"}]}``, a notification, or ``{"errors": [{"code"}]}``."""
        status = http_status(status)
        data = load_json(body)
        if not isinstance(data, dict):
            raise ValidationError("the response must be a JSON object", field="body")
        errors = data.get("errors")
        legacy = data.get("error")
        first = errors[0] if isinstance(errors, list) and errors else legacy
        if isinstance(first, dict) or not 200 <= status < 300:
            first = first if isinstance(first, dict) else {}
            code = text(first, "code") or str(status)
            title = text(first, "title") or text(first, "description")
            return SendResult(
                accepted=False,
                raw=data,
                kind=sunshine_error_kind(code, title),
                error=ErrorDetail(code=code, title=title),
            )
        messages = data.get("messages")
        message = messages[0] if isinstance(messages, list) and messages else None
        notification = data.get("notification")
        found = message if isinstance(message, dict) else notification
        found = found if isinstance(found, dict) else {}
        return SendResult(
            accepted=True, message_id=text(found, "id") or text(found, "_id"), raw=data
        )

    def map_error(self, code: str | int) -> ErrorKind:
        """Classify a Sunshine error code (or a Meta code quoted in it)."""
        quoted = code if isinstance(code, str) else None
        if type(code) is int and -(10**18) < code < 10**18:  # a number, quoted as text
            quoted = str(code)
        return sunshine_error_kind(code, quoted)

"""Twilio Programmable Messaging (WhatsApp) adapter.

- Inbound messages and status callbacks are form-encoded; Twilio adds
  parameters without notice, so unknown ones are kept (in ``raw``)
  ([rule twilio.webhook.form]); the signature is checked as in
  :mod:`wamsg.providers._twilio_signature`.
- Inbound messages carry **no timestamp**: pass ``received_at`` to
  :meth:`TwilioProvider.parse` (it becomes ``occurred_at``), or get ``None``.
- In an inbound message the business is ``To`` and the customer ``From``; in a
  status callback it is the other way round. ``ChannelToAddress`` is masked and
  never used.
- Statuses: queued/sending/accepted/scheduled → pending, sent, delivered, read,
  failed/undelivered/canceled → failed (``ErrorCode`` kept); ``EventType`` kept.
- Templates are sent by ``ContentSid`` + ``ContentVariables`` (a JSON string,
  [rule twilio.content.variables]): since 2025-04-01 a template written in ``Body``
  fails with 63016 outside the window ([rule twilio.content.body-template]), so
  wamsg refuses a :class:`~wamsg.TemplateRef` without ``content_sid``.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import ClassVar
from urllib.parse import urlencode

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import require_aware
from wamsg.content import Audio, Document, Image, Location, Sticker, TemplateRef, Text, Video
from wamsg.delivery import ErrorDetail
from wamsg.errors import ValidationError
from wamsg.events import Event
from wamsg.outgoing import Outgoing
from wamsg.providers._checks import http_status
from wamsg.providers._read import text
from wamsg.providers._twilio_parse import parse_twilio_params
from wamsg.providers._twilio_signature import verify_twilio
from wamsg.providers.base import (
    HttpRequest,
    SendResult,
    WebhookRequest,
    _masked_url,
    _opt_url,
    basic_auth,
    load_form,
    load_json,
    path_segment,
)
from wamsg.providers.errors import ErrorKind, twilio_error_kind

__all__ = ["TwilioProvider"]

# Twilio Messages resource limits (twilio-python _create): Body ≤ 1600 characters, at
# most 10 MediaUrl values [rule twilio.send.limits].
_BODY_MAX = 1600
_MEDIA_MAX = 10


def _address(phone: str) -> str:
    return f"whatsapp:{phone}"


def _form(fields: list[tuple[str, str]]) -> bytes:
    """The form body; a value that is not text (a lone surrogate) is a ValidationError."""
    try:
        return urlencode(fields).encode("ascii")
    except UnicodeEncodeError:
        raise ValidationError(
            "holds a lone surrogate, which is not text", field="content"
        ) from None


@attrs.frozen(kw_only=True)
class TwilioProvider:
    """The Twilio adapter; ``account_sid`` and ``auth_token`` are needed to send.

    ``messaging_service_sid`` (``MG…``) replaces ``From`` when given;
    ``status_callback`` is sent as ``StatusCallback``.
    """

    name: ClassVar[str] = "twilio"
    signature_header: ClassVar[str] = "X-Twilio-Signature"
    account_sid: str | None = attrs.field(default=None, validator=check.opt_text)
    auth_token: str | None = attrs.field(default=None, repr=False, validator=check.opt_text)
    messaging_service_sid: str | None = attrs.field(default=None, validator=check.opt_text)
    status_callback: str | None = attrs.field(default=None, repr=_masked_url, validator=_opt_url)
    base_url: str = attrs.field(default="https://api.twilio.com", validator=check.text)

    def verify(self, request: WebhookRequest, secret: str) -> None:
        """Check ``X-Twilio-Signature`` with the auth token (port quirk, bodySHA256 too)."""
        check.argument(request, WebhookRequest, "request")
        verify_twilio(request, secret, self.signature_header)

    def parse(
        self, request: WebhookRequest, *, received_at: datetime | None = None
    ) -> tuple[Event, ...]:
        """One event: the inbound message or the status callback."""
        check.argument(request, WebhookRequest, "request")
        at = None if received_at is None else require_aware(received_at, "received_at")
        params = request.query if request.method.upper() == "GET" else load_form(request.body)
        return parse_twilio_params(params, self.name, at)

    def _fields(self, outgoing: Outgoing) -> list[tuple[str, str]]:
        content = outgoing.content
        if isinstance(content, Text):
            if len(content.body) > _BODY_MAX:
                raise ValidationError(f"at most {_BODY_MAX} characters", field="content.body")
            return [("Body", content.body)]
        if isinstance(content, (Image, Video, Audio, Document, Sticker)):
            if content.media.url is None:
                raise ValidationError(
                    "Twilio sends media by URL, not by media id", field="content.url"
                )
            fields = [("MediaUrl", content.media.url)]
            caption = content.media.caption
            return fields if caption is None else [("Body", caption), *fields]
        if isinstance(content, Location):
            label = content.name or content.address or ""
            geo = f"geo:{content.latitude},{content.longitude}"
            return [("Body", label or geo), ("PersistentAction", f"{geo}|{label}")]
        if isinstance(content, TemplateRef):
            if not content.content_sid:
                raise ValidationError(
                    "Twilio sends templates by ContentSid (HX…): a template in "
                    "Body fails with 63016 outside the window since 2025-04-01",
                    field="content.content_sid",
                )
            fields = [("ContentSid", content.content_sid)]
            if content.variables:
                variables = json.dumps(dict(content.variables), ensure_ascii=False)
                fields.append(("ContentVariables", variables))
            return fields
        raise ValidationError(
            f"a {content.kind!r} message cannot be sent through Twilio's "
            "Messages API; use a Content template",
            field="content.kind",
        )

    def build_send(self, outgoing: Outgoing, *, conversation_id: str | None = None) -> HttpRequest:
        """``POST /2010-04-01/Accounts/{sid}/Messages.json``, form-encoded, basic auth.

        Twilio has no quoted replies: ``reply_to`` is not sent.
        """
        check.argument(outgoing, Outgoing, "outgoing")
        if not self.account_sid or not self.auth_token:
            raise ValidationError("needed to send", field="account_sid/auth_token")
        if outgoing.customer.phone is None:
            raise ValidationError("Twilio sends to phone numbers only", field="customer.phone")
        fields = [("To", _address(outgoing.customer.phone.e164))]
        if self.messaging_service_sid:
            fields.append(("MessagingServiceSid", self.messaging_service_sid))
        elif outgoing.business is not None:
            fields.append(("From", _address(outgoing.business.e164)))
        else:
            raise ValidationError("needed without a messaging service", field="business")
        fields.extend(self._fields(outgoing))
        if self.status_callback:
            fields.append(("StatusCallback", self.status_callback))
        account = path_segment(self.account_sid, "account_sid")
        url = f"{self.base_url}/2010-04-01/Accounts/{account}/Messages.json"
        headers = (
            ("Authorization", basic_auth(self.account_sid or "", self.auth_token or "")),
            ("Accept", "application/json"),
            ("Content-Type", "application/x-www-form-urlencoded"),
        )
        return HttpRequest(method="POST", url=url, headers=headers, body=_form(fields))

    def build_mark_read(self, message_id: str, *, typing: bool = False) -> HttpRequest | None:
        """Twilio's Messages API has no read receipt for inbound messages: None."""
        return None

    def parse_send_response(self, status: int, body: bytes) -> SendResult:
        """Read a Message resource (``sid``, ``status``) or an error (``code``, ``message``)."""
        status = http_status(status)
        data = load_json(body)
        if not isinstance(data, dict):
            raise ValidationError("the response must be a JSON object", field="body")
        if 200 <= status < 300 and text(data, "sid"):
            return SendResult(
                accepted=True, message_id=text(data, "sid"), status=text(data, "status"), raw=data
            )
        code = text(data, "code") or text(data, "error_code") or str(status)
        message = text(data, "message") or text(data, "error_message")
        return SendResult(
            accepted=False,
            raw=data,
            kind=twilio_error_kind(code),
            error=ErrorDetail(code=code, title=message, detail=text(data, "more_info")),
        )

    def map_error(self, code: str | int) -> ErrorKind:
        """Classify a Twilio error code (63016 → outside the window …)."""
        return twilio_error_kind(code)

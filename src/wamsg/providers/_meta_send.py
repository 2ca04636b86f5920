"""Meta Cloud API send bodies ([rule meta.send.endpoint] [rule meta.send.mark-read]).

The BSUID trap: from May 2026 a message can go to a business-scoped user id,
but it goes in ``recipient``, never in ``to`` (``to`` is a phone number; Meta
would prepend the business's country code to anything else). When the phone
number is known it is used, because OTP authentication templates need one
([rule meta.bsuid.send-recipient]).
"""

from __future__ import annotations

from wamsg._internal.json import Json, JsonObject
from wamsg.content import (
    Audio,
    Contacts,
    Document,
    Image,
    ListMessage,
    Location,
    Media,
    Reaction,
    ReplyButtons,
    Sticker,
    TemplateRef,
    Text,
    Video,
)
from wamsg.delivery import ErrorDetail
from wamsg.errors import ValidationError
from wamsg.identity import Customer
from wamsg.outgoing import Outgoing, OutgoingContent
from wamsg.providers._checks import http_status
from wamsg.providers._read import text
from wamsg.providers.base import SendResult, load_json
from wamsg.providers.errors import meta_error_kind

__all__ = ["content_payload", "mark_read_payload", "message_payload", "parse_meta_response"]

# Meta text and caption limits (Cloud API send reference, 2026).
TEXT_MAX = 4096  # [rule meta.text.4096]
CAPTION_MAX = 1024  # [rule meta.media.caption-1024]
# Contacts messages carry 1 to 5 cards per the Cloud API OpenAPI spec.
CONTACTS_MAX = 5  # [rule meta.contacts.1-5]


def _check(value: str, limit: int, field: str) -> None:
    if len(value) > limit:
        raise ValidationError(f"at most {limit} characters, got {len(value)}", field=field)


def _media(media: Media, *, caption: bool = True) -> JsonObject:
    out: JsonObject = {"id": media.id} if media.id is not None else {"link": media.url}
    if caption and media.caption is not None:
        _check(media.caption, CAPTION_MAX, "content.caption")
        out["caption"] = media.caption
    return out


def _frame(out: JsonObject, header: str | None, footer: str | None) -> JsonObject:
    if header is not None:
        out["header"] = {"type": "text", "text": header}
    if footer is not None:
        out["footer"] = {"text": footer}
    return out


def _buttons(content: ReplyButtons) -> JsonObject:
    buttons: list[Json] = [{"type": "reply", "reply": b.to_dict()} for b in content.buttons]
    out: JsonObject = {
        "type": "button",
        "body": {"text": content.body},
        "action": {"buttons": buttons},
    }
    return _frame(out, content.header, content.footer)


def _list(content: ListMessage) -> JsonObject:
    sections: list[Json] = [section.to_dict() for section in content.sections]
    out: JsonObject = {
        "type": "list",
        "body": {"text": content.body},
        "action": {"button": content.button, "sections": sections},
    }
    return _frame(out, content.header, content.footer)


def _template(content: TemplateRef) -> JsonObject:
    out: JsonObject = {
        "name": content.name,
        "language": {"policy": "deterministic", "code": content.language},
    }
    if content.components:
        out["components"] = [dict(component) for component in content.components]
    return out


def content_payload(content: OutgoingContent) -> JsonObject:
    """``{"type": …, <type>: {…}}`` for one content kind; refuses inbound-only kinds."""
    if isinstance(content, Text):
        _check(content.body, TEXT_MAX, "content.body")
        return {
            "type": "text",
            "text": {"body": content.body, "preview_url": "http" in content.body},
        }
    if isinstance(content, (Image, Video)):
        return {"type": content.kind, content.kind: _media(content.media)}
    if isinstance(content, (Audio, Sticker)):
        return {"type": content.kind, content.kind: _media(content.media, caption=False)}
    if isinstance(content, Document):
        document = _media(content.media)
        if content.filename is not None:
            document["filename"] = content.filename
        return {"type": "document", "document": document}
    if isinstance(content, Location):
        location: JsonObject = {"latitude": content.latitude, "longitude": content.longitude}
        for key in ("name", "address"):
            if getattr(content, key) is not None:
                location[key] = getattr(content, key)
        return {"type": "location", "location": location}
    if isinstance(content, Contacts):
        if not 1 <= len(content.cards) <= CONTACTS_MAX:
            raise ValidationError(f"1 to {CONTACTS_MAX} contact cards", field="content.contacts")
        return {"type": "contacts", "contacts": [dict(card.data) for card in content.cards]}
    if isinstance(content, Reaction):
        return {
            "type": "reaction",
            "reaction": {"message_id": content.message_id, "emoji": content.emoji or ""},
        }
    if isinstance(content, ReplyButtons):
        return {"type": "interactive", "interactive": _buttons(content)}
    if isinstance(content, ListMessage):
        return {"type": "interactive", "interactive": _list(content)}
    if isinstance(content, TemplateRef):
        return {"type": "template", "template": _template(content)}
    raise ValidationError(
        f"a {content.kind!r} message cannot be sent", field="content.kind", value=content.kind
    )


def _recipient(outgoing: Outgoing) -> JsonObject:
    customer: Customer = outgoing.customer
    if customer.phone is not None:
        return {"to": customer.phone.e164}
    if outgoing.template_category == "authentication":
        raise ValidationError(
            "authentication templates need the customer's phone number", field="customer.phone"
        )
    if customer.user_id is None:
        raise ValidationError(
            "Meta sends to a phone number or a business-scoped user id; this customer has "
            "only another provider's user id",
            field="customer",
            value=customer.provider_user_id,
        )
    return {"recipient": customer.user_id.value}  # never in "to" [rule meta.bsuid.send-recipient]


def message_payload(outgoing: Outgoing) -> JsonObject:
    """The JSON body of ``POST /{phone_number_id}/messages`` for ``outgoing``."""
    out: JsonObject = {"messaging_product": "whatsapp", "recipient_type": "individual"}
    out.update(_recipient(outgoing))
    if outgoing.reply_to is not None:
        out["context"] = {"message_id": outgoing.reply_to}
    out.update(content_payload(outgoing.content))
    return out


def mark_read_payload(message_id: str, *, typing: bool = False) -> JsonObject:
    """Mark ``message_id`` read, optionally showing the typing indicator (25 s)."""
    if not isinstance(message_id, str) or not message_id:
        raise ValidationError("must be a message id", field="message_id", value=message_id)
    out: JsonObject = {"messaging_product": "whatsapp", "status": "read", "message_id": message_id}
    if typing:
        out["typing_indicator"] = {"type": "text"}
    return out


def parse_meta_response(status: int, body: bytes) -> SendResult:
    """Read a Cloud API send response (success or ``{"error": {…}}``)."""
    status = http_status(status)
    data = load_json(body)
    if not isinstance(data, dict):
        raise ValidationError("the response must be a JSON object", field="body")
    error = data.get("error")
    if isinstance(error, dict) or not 200 <= status < 300:
        error = error if isinstance(error, dict) else {}
        code = text(error, "code") or str(status)
        details = error.get("error_data")
        detail = text(details, "details") if isinstance(details, dict) else None
        return SendResult(
            accepted=False,
            raw=data,
            kind=meta_error_kind(code),
            error=ErrorDetail(code=code, title=text(error, "message"), detail=detail),
        )
    messages = data.get("messages")
    first = messages[0] if isinstance(messages, list) and messages else None
    first = first if isinstance(first, dict) else {}
    if "success" in data and not messages:
        return SendResult(accepted=data.get("success") is True, raw=data)
    return SendResult(
        accepted=True, message_id=text(first, "id"), status=text(first, "message_status"), raw=data
    )

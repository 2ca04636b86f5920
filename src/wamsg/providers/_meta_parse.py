"""Meta Cloud API webhooks → events, every item of every change of every entry.

Shapes: ``reference/meta-platform.md`` §6 (envelope §6.1, messages §6.2,
statuses §6.3, template and account fields §6.5). A malformed item becomes an
:class:`~wamsg.UnknownEvent` keeping the item, so one bad item never loses
the rest of a batch (pywa and Chatwoot read only the first item).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from functools import partial

from .._json import Json, JsonObject
from ..delivery import DeliveryStatus, ErrorDetail, Pricing
from ..errors import ValidationError
from ..events import (
    AccountUpdate,
    Event,
    MessageReceived,
    MessageSent,
    MessageStatus,
    TemplateCategoryChanged,
    TemplateIdentity,
    TemplateQualityChanged,
    TemplateStatusChanged,
    UnknownEvent,
)
from ..identity import PhoneNumber
from ..messages import Direction, Message
from ._meta_content import meta_content, meta_context
from ._read import as_list, as_object, customer_of, guarded, phone_or_none, text, unix_time
from .base import load_object

__all__ = ["parse_meta"]

_STATUSES = {status.value: status for status in DeliveryStatus}
# Fields carrying account-level notices (meta-platform.md §6.1 and §6.5).
_ACCOUNT_FIELDS = frozenset(
    {
        "account_alerts",
        "account_review_update",
        "account_update",
        "business_capability_update",
        "partner_solutions",
        "payment_configuration_update",
        "phone_number_name_update",
        "phone_number_quality_update",
        "security",
        "user_preferences",
    }
)
_Contact = tuple[str | None, str | None, str | None, str | None]  # wa_id, user_id, name, username


def parse_meta(body: bytes, provider: str) -> tuple[Event, ...]:
    """Every event of a Cloud API webhook body (also 360dialog's, which is the same)."""
    envelope = load_object(body)
    events: list[Event] = []
    for index, entry in enumerate(as_list(envelope.get("entry"), "entry")):
        events.extend(guarded(provider, "entry", entry, partial(_entry, entry, index, provider)))
    return tuple(events)


def _safe_time(value: Json) -> datetime | None:
    try:
        return unix_time(value, "time")
    except ValidationError:
        return None


def _entry(entry: Json, index: int, provider: str) -> Iterator[Event]:
    data = as_object(entry, f"entry[{index}]")
    account, at = text(data, "id"), _safe_time(data.get("time"))
    for number, change in enumerate(as_list(data.get("changes"), f"entry[{index}].changes")):
        read = partial(_change, change, f"entry[{index}].changes[{number}]", provider, account, at)
        yield from guarded(provider, "change", change, read)


def _change(
    change: Json, field: str, provider: str, account: str | None, at: datetime | None
) -> Iterator[Event]:
    data = as_object(change, field)
    name = text(data, "field") or "unknown"
    value = as_object(data.get("value"), f"{field}.value")
    if name == "messages":
        yield from _messages_value(value, provider)
    elif name == "smb_message_echoes":
        yield from _echoes(value, provider)
    elif name in _TEMPLATE_READERS:
        yield _TEMPLATE_READERS[name](value, provider, account, at, change)
    elif name in _ACCOUNT_FIELDS:
        event = text(value, "event") or name.upper()
        yield AccountUpdate(
            provider=provider,
            event=event,
            account=account,
            occurred_at=at,
            details=dict(value),
            raw=change,
            extra={"field": name},
        )
    else:
        yield UnknownEvent(provider=provider, kind=f"meta.{name}", occurred_at=at, raw=change)


def _contacts(value: Mapping[str, Json]) -> dict[str, _Contact]:
    found: dict[str, _Contact] = {}
    for item in as_list(value.get("contacts"), "contacts"):
        if not isinstance(item, dict):
            continue
        profile = item.get("profile")
        profile = profile if isinstance(profile, dict) else {}
        contact = (
            text(item, "wa_id"),
            text(item, "user_id"),
            text(profile, "name"),
            text(profile, "username"),
        )
        for key in contact[:2]:
            if key:
                found[key] = contact
    return found


def _metadata(value: Mapping[str, Json]) -> tuple[PhoneNumber | None, JsonObject]:
    raw = value.get("metadata")
    metadata = raw if isinstance(raw, dict) else {}
    number_id = text(metadata, "phone_number_id")
    extra: JsonObject = {} if number_id is None else {"phone_number_id": number_id}
    return phone_or_none(text(metadata, "display_phone_number")), extra


def _messages_value(value: Mapping[str, Json], provider: str) -> Iterator[Event]:
    business, extra = _metadata(value)
    contacts = _contacts(value)
    only = next(iter(contacts.values())) if len(set(contacts.values())) == 1 else None
    for index, item in enumerate(as_list(value.get("messages"), "messages")):
        read = partial(
            _message, item, f"messages[{index}]", provider, business, extra, contacts, only
        )
        yield from guarded(provider, "message", item, read)
    for index, item in enumerate(as_list(value.get("statuses"), "statuses")):
        read = partial(_status, item, f"statuses[{index}]", provider, business, extra)
        yield from guarded(provider, "status", item, read)
    for item in as_list(value.get("errors"), "errors"):
        yield UnknownEvent(
            provider=provider, kind="meta.error", business=business, raw=item, extra=dict(extra)
        )


def _message(
    item: Json,
    field: str,
    provider: str,
    business: PhoneNumber | None,
    extra: JsonObject,
    contacts: dict[str, _Contact],
    only: _Contact | None,
) -> Iterator[Event]:
    data = as_object(item, field)
    sender, sender_id = text(data, "from"), text(data, "from_user_id")
    contact = contacts.get(sender or "") or contacts.get(sender_id or "") or only
    wa_id, user_id, name, username = contact or (None, None, None, None)
    customer = customer_of(sender or wa_id, sender_id or user_id, name, username)
    if customer is None:
        raise ValidationError("no phone number or user id for the sender", field=f"{field}.from")
    message_id = text(data, "id")
    if not message_id:
        raise ValidationError("is required", field=f"{field}.id")
    message = Message(
        id=message_id,
        direction=Direction.INBOUND,
        business=business,
        customer=customer,
        sent_at=unix_time(data.get("timestamp"), field),
        content=meta_content(data, field),
        context=meta_context(data, field),
    )
    yield MessageReceived(provider=provider, message=message, raw=item, extra=dict(extra))


def _error(item: Json, field: str) -> ErrorDetail:
    data = as_object(item, field)
    code = text(data, "code")
    if code is None:
        raise ValidationError("is required", field=f"{field}.code")
    details = data.get("error_data")
    detail = text(details, "details") if isinstance(details, dict) else None
    title = text(data, "title") or text(data, "message")
    return ErrorDetail(code=code, title=title, detail=detail or text(data, "message"))


def _pricing(raw: Json, field: str) -> Pricing | None:
    if raw is None:
        return None
    data = as_object(raw, field)
    billable = data.get("billable")
    return Pricing(
        model=text(data, "pricing_model"),
        type=text(data, "type"),
        category=text(data, "category"),
        billable=billable if isinstance(billable, bool) else None,
    )


def _status(
    item: Json, field: str, provider: str, business: PhoneNumber | None, extra: JsonObject
) -> Iterator[Event]:
    data = as_object(item, field)
    message_id, name = text(data, "id"), text(data, "status") or "unknown"
    if not message_id:
        raise ValidationError("is required", field=f"{field}.id")
    customer = customer_of(text(data, "recipient_id"), text(data, "recipient_user_id"))
    at = unix_time(data.get("timestamp"), f"{field}.timestamp")
    status = _STATUSES.get(name)
    if status is None:
        yield UnknownEvent(
            provider=provider,
            kind=f"meta.status.{name}",
            business=business,
            customer=customer,
            occurred_at=at,
            raw=item,
            extra=dict(extra),
        )
        return
    errors = as_list(data.get("errors"), f"{field}.errors")
    more = dict(extra)
    for key in ("conversation", "biz_opaque_callback_data", "recipient_type"):
        if data.get(key) is not None:
            more[key] = data[key]
    yield MessageStatus(
        provider=provider,
        message_id=message_id,
        status=status,
        business=business,
        customer=customer,
        occurred_at=at,
        pricing=_pricing(data.get("pricing"), field),
        errors=tuple(_error(e, f"{field}.errors[{i}]") for i, e in enumerate(errors)),
        raw=item,
        extra=more,
    )


def _echoes(value: Mapping[str, Json], provider: str) -> Iterator[Event]:
    business, extra = _metadata(value)
    for index, item in enumerate(as_list(value.get("message_echoes"), "message_echoes")):
        yield from guarded(
            provider,
            "echo",
            item,
            partial(_echo, item, f"message_echoes[{index}]", provider, business, extra),
        )


def _echo(
    item: Json, field: str, provider: str, business: PhoneNumber | None, extra: JsonObject
) -> Iterator[Event]:
    data = as_object(item, field)
    customer = customer_of(text(data, "to"), text(data, "to_user_id"))
    if customer is None:
        raise ValidationError("no phone number or user id for the recipient", field=f"{field}.to")
    message_id = text(data, "id")
    if not message_id:
        raise ValidationError("is required", field=f"{field}.id")
    message = Message(
        id=message_id,
        direction=Direction.OUTBOUND,
        business=phone_or_none(text(data, "from")) or business,
        customer=customer,
        sent_at=unix_time(data.get("timestamp"), field),
        content=meta_content(data, field),
        context=meta_context(data, field),
    )
    yield MessageSent(provider=provider, message=message, raw=item, extra=dict(extra))


def _template(value: Mapping[str, Json]) -> TemplateIdentity:
    return TemplateIdentity(
        id=text(value, "message_template_id"),
        name=text(value, "message_template_name"),
        language=text(value, "message_template_language"),
    )


def _need(value: Mapping[str, Json], key: str) -> str:
    found = text(value, key)
    if not found:
        raise ValidationError("is required", field=f"value.{key}", value=value.get(key))
    return found


def _template_status(
    value: Mapping[str, Json], provider: str, account: str | None, at: datetime | None, raw: Json
) -> Event:
    return TemplateStatusChanged(
        provider=provider,
        template=_template(value),
        status=_need(value, "event"),
        account=account,
        occurred_at=at,
        reason=text(value, "reason"),
        category=text(value, "message_template_category"),
        raw=raw,
    )


def _template_quality(
    value: Mapping[str, Json], provider: str, account: str | None, at: datetime | None, raw: Json
) -> Event:
    return TemplateQualityChanged(
        provider=provider,
        template=_template(value),
        new=_need(value, "new_quality_score"),
        previous=text(value, "previous_quality_score"),
        account=account,
        occurred_at=at,
        raw=raw,
    )


def _template_category(
    value: Mapping[str, Json], provider: str, account: str | None, at: datetime | None, raw: Json
) -> Event:
    return TemplateCategoryChanged(
        provider=provider,
        template=_template(value),
        new=_need(value, "new_category"),
        previous=text(value, "previous_category"),
        correct=text(value, "correct_category"),
        account=account,
        occurred_at=at,
        raw=raw,
    )


_TEMPLATE_READERS = {
    "message_template_status_update": _template_status,
    "message_template_quality_update": _template_quality,
    "template_category_update": _template_category,
}

"""Meta Cloud API webhooks → events, every item of every change of every entry.

Shapes: the envelope ([rule meta.webhook.envelope]), messages and statuses (see
:mod:`wamsg.providers._meta_items`), calls (:mod:`wamsg.providers._meta_calls`),
template fields ([rule meta.webhook.template-components] for an edited template's
texts) and account fields ([rule meta.webhook.account-fields]). A malformed item becomes an
:class:`~wamsg.UnknownEvent` keeping the item, so one bad item never loses
the rest of a batch (pywa and Chatwoot read only the first item).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from wamsg._internal.json import Json, JsonObject
from wamsg.errors import ValidationError
from wamsg.events import (
    AccountUpdate,
    Event,
    TemplateCategoryChanged,
    TemplateComponentButton,
    TemplateComponentsChanged,
    TemplateIdentity,
    TemplateQualityChanged,
    TemplateStatusChanged,
    UnknownEvent,
)
from wamsg.providers._meta_account import ACCOUNT_EVENT_READERS
from wamsg.providers._meta_calls import call_events
from wamsg.providers._meta_items import echo_events, message_events
from wamsg.providers._read import as_list, as_object, invalid, text, unix_time
from wamsg.providers.base import load_object

__all__ = ["parse_meta"]

# Fields carrying account-level notices [rule meta.webhook.account-fields] that have no
# typed event (those that do are read by ``_meta_account``).
_ACCOUNT_FIELDS = frozenset(
    {
        "account_review_update",
        "partner_solutions",
        "payment_configuration_update",
        "security",
        "user_preferences",
    }
)


def parse_meta(body: bytes, provider: str) -> tuple[Event, ...]:
    """Every event of a Cloud API webhook body (also 360dialog's, which is the same)."""
    envelope = load_object(body)
    events: list[Event] = []
    entries = envelope.get("entry")
    if not isinstance(entries, list):
        entries = as_list(entries, "entry")
    for index, entry in enumerate(entries):
        # The usual shapes are tested inline: a checking call costs more than the test.
        try:
            data = entry if isinstance(entry, dict) else as_object(entry, "")
            changes = data.get("changes")
            if not isinstance(changes, list):
                changes = as_list(changes, "changes")
        except ValidationError as error:
            events.append(invalid(provider, "entry", entry, error.within(f"entry[{index}]")))
            continue
        for number, change in enumerate(changes):
            start = len(events)
            try:
                _change(change, provider, data, events)
            except ValidationError as error:
                del events[start:]  # the change is kept whole, as one invalid event
                error = error.within(f"entry[{index}].changes[{number}]")
                events.append(invalid(provider, "change", change, error))
    return tuple(events)


def _safe_time(value: Json) -> datetime | None:
    if value is None:
        return None
    try:
        return unix_time(value, "time")
    except ValidationError:
        return None


def _change(change: Json, provider: str, entry: Mapping[str, Json], events: list[Event]) -> None:
    """Append the events of one change; a malformed change raises :class:`ValidationError`.

    Events of the change may have been appended before it raises: the caller
    removes them and keeps the change whole, as one ``change.invalid`` event.

    The entry's ``id`` (the account) and ``time`` are read only for the
    account-level fields that use them: message changes carry their own.
    """
    data = change if isinstance(change, dict) else as_object(change, "")
    name, value = data.get("field"), data.get("value")
    if not name or type(name) is not str:
        name = text(data, "field") or "unknown"
    if not isinstance(value, dict):
        value = as_object(value, "value")
    if name == "messages":
        message_events(value, provider, events)
        return
    if name == "smb_message_echoes":
        echo_events(value, provider, events)
        return
    account, at = text(entry, "id"), _safe_time(entry.get("time"))
    if name == "calls":
        if not call_events(value, provider, events):
            kept = UnknownEvent(provider=provider, kind="meta.calls", occurred_at=at, raw=change)
            events.append(kept)
    elif name in ACCOUNT_EVENT_READERS:
        events.append(ACCOUNT_EVENT_READERS[name](value, provider, account, at, change))
    elif name in _TEMPLATE_READERS:
        events.append(_TEMPLATE_READERS[name](value, provider, account, at, change))
    elif name in _ACCOUNT_FIELDS:
        event = text(value, "event") or name.upper()
        update = AccountUpdate(
            provider=provider,
            event=event,
            account=account,
            occurred_at=at,
            details=dict(value),
            raw=change,
            extra={"field": name},
        )
        events.append(update)
    else:
        events.append(
            UnknownEvent(provider=provider, kind=f"meta.{name}", occurred_at=at, raw=change)
        )


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


_COMPONENT_KEYS = frozenset(
    {"message_template_id", "message_template_name", "message_template_language",
     "message_template_element", "message_template_title", "message_template_footer",
     "message_template_buttons"}
)  # fmt: skip
_BUTTON = "message_template_button_"
_BUTTON_KEYS = tuple(_BUTTON + key for key in ("type", "text", "url", "phone_number"))


def _strict(value: Mapping[str, Json], key: str, field: str) -> str | None:
    found = text(value, key)
    if found is None and value.get(key) is not None:
        raise ValidationError("must be a string", field=f"{field}.{key}", value=value.get(key))
    return found


def _components(
    value: Mapping[str, Json], provider: str, account: str | None, at: datetime | None, raw: Json
) -> Event:
    """An edited template's texts [rule meta.webhook.template-components]; other keys kept."""
    extra: JsonObject = {k: v for k, v in value.items() if k not in _COMPONENT_KEYS}
    buttons, unknown = [], []
    items = as_list(value.get("message_template_buttons"), "value.message_template_buttons")
    for index, item in enumerate(items):
        field = f"value.message_template_buttons[{index}]"
        button = as_object(item, field)
        kind, label, url, phone = (_strict(button, key, field) for key in _BUTTON_KEYS)
        if not kind:
            raise ValidationError("is required", field=f"{field}.{_BUTTON}type")
        buttons.append(TemplateComponentButton(type=kind, text=label, url=url, phone_number=phone))
        unknown.append({k: v for k, v in button.items() if k not in _BUTTON_KEYS})
    if any(unknown):
        extra["buttons"] = list(unknown)
    return TemplateComponentsChanged(
        provider=provider,
        template=_template(value),
        account=account,
        occurred_at=at,
        body=_strict(value, "message_template_element", "value"),
        header=_strict(value, "message_template_title", "value"),
        footer=_strict(value, "message_template_footer", "value"),
        buttons=tuple(buttons),
        raw=raw,
        extra=extra,
    )


_TEMPLATE_READERS = {
    "message_template_status_update": _template_status,
    "message_template_quality_update": _template_quality,
    "template_category_update": _template_category,
    "message_template_components_update": _components,
    "template_components_update": _components,  # the name some SDKs and guides use
}

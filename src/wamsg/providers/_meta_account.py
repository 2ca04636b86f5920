"""Meta's account-level webhook values → typed account events.

``business_capability_update``, ``phone_number_quality_update``,
``phone_number_name_update``, ``account_update`` and ``account_alerts``
([rule meta.webhook.business-capability] [rule meta.webhook.phone-number-quality]
[rule meta.webhook.phone-number-name] [rule meta.webhook.account-update]
[rule meta.webhook.account-alerts]). The readers are lenient: a value of an
unexpected type is left out of the typed fields (the change stays whole in
``raw``), never an error; every string is kept as Meta sent it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from wamsg._internal.json import Json, JsonObject
from wamsg.events import (
    AccountAlert,
    AccountEvent,
    CapabilityUpdate,
    LimitValue,
    NumberNameUpdate,
    NumberQualityUpdate,
    Restriction,
    WabaUpdate,
)
from wamsg.providers._read import phone_or_none, text

__all__ = ["ACCOUNT_EVENT_READERS"]

_Reader = Callable[[Mapping[str, Json], str, str | None, datetime | None, Json], AccountEvent]


def _limit(value: Json) -> LimitValue:
    """A limit (or a time) as Meta wrote it: a string or an integer; anything else None."""
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    return None


def _count(value: Json) -> int | None:
    """A count Meta sends as an integer or a string of digits; else None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 10:
        return int(value)
    return None


def _object(value: Mapping[str, Json], key: str) -> Mapping[str, Json]:
    found = value.get(key)
    return found if isinstance(found, dict) else {}


def _capability(
    value: Mapping[str, Json], provider: str, account: str | None, at: datetime | None, raw: Json
) -> AccountEvent:
    return CapabilityUpdate(
        provider=provider,
        account=account,
        occurred_at=at,
        limit_raw=_limit(value.get("max_daily_conversations_per_business")),
        phone_limit_raw=_limit(value.get("max_daily_conversation_per_phone")),
        max_numbers_per_business=_count(value.get("max_phone_numbers_per_business")),
        max_numbers_per_waba=_count(value.get("max_phone_numbers_per_waba")),
        raw=raw,
    )


def _quality(
    value: Mapping[str, Json], provider: str, account: str | None, at: datetime | None, raw: Json
) -> AccountEvent:
    return NumberQualityUpdate(
        provider=provider,
        account=account,
        occurred_at=at,
        business=phone_or_none(text(value, "display_phone_number")),
        event_raw=text(value, "event"),
        limit_raw=_limit(value.get("max_daily_conversations_per_business")),
        current_limit_raw=_limit(value.get("current_limit")),
        old_limit_raw=_limit(value.get("old_limit")),
        raw=raw,
    )


def _name(
    value: Mapping[str, Json], provider: str, account: str | None, at: datetime | None, raw: Json
) -> AccountEvent:
    return NumberNameUpdate(
        provider=provider,
        account=account,
        occurred_at=at,
        business=phone_or_none(text(value, "display_phone_number")),
        decision_raw=text(value, "decision"),
        requested_name=text(value, "requested_verified_name"),
        rejection_reason_raw=text(value, "rejection_reason"),
        raw=raw,
    )


def _restrictions(value: Mapping[str, Json]) -> tuple[Restriction, ...]:
    items = value.get("restriction_info")
    found = []
    for item in items if isinstance(items, list) else ():
        kind = text(item, "restriction_type") if isinstance(item, dict) else None
        if isinstance(item, dict) and kind is not None:
            found.append(
                Restriction(
                    type_raw=kind,
                    expiration=_limit(item.get("expiration")),
                    remediation=text(item, "remediation"),
                )
            )
    return tuple(found)


# The keys of each object of an ``account_update`` value that the typed fields hold;
# the object's other keys (and every other key of the value) stay in ``details``.
_READ = {
    "ban_info": ("waba_ban_state", "waba_ban_date"),
    "violation_info": ("violation_type",),
    "disconnection_info": ("reason", "initiated_by"),
}


def _details(value: Mapping[str, Json], phone_read: bool) -> JsonObject:
    details: JsonObject = {}
    for key, item in value.items():
        if key == "event" or (key == "phone_number" and phone_read):
            continue
        if key == "restriction_info" and isinstance(item, list):
            continue
        if key in _READ and isinstance(item, dict):
            rest = {k: v for k, v in item.items() if k not in _READ[key]}
            if rest:
                details[key] = rest
            continue
        details[key] = item
    return details


def _waba(
    value: Mapping[str, Json], provider: str, account: str | None, at: datetime | None, raw: Json
) -> AccountEvent:
    phone = phone_or_none(text(value, "phone_number"))
    ban, violation = _object(value, "ban_info"), _object(value, "violation_info")
    disconnection = _object(value, "disconnection_info")
    return WabaUpdate(
        provider=provider,
        account=account,
        occurred_at=at,
        business=phone,
        event_raw=text(value, "event"),
        restrictions=_restrictions(value),
        ban_state_raw=text(ban, "waba_ban_state"),
        ban_date=text(ban, "waba_ban_date"),
        violation_type=text(violation, "violation_type"),
        disconnection_reason_raw=text(disconnection, "reason"),
        initiated_by=text(disconnection, "initiated_by"),
        details=_details(value, phone is not None),
        raw=raw,
    )


def _alert(
    value: Mapping[str, Json], provider: str, account: str | None, at: datetime | None, raw: Json
) -> AccountEvent:
    info = _object(value, "alert_info") or value  # nested today; flat in older examples
    return AccountAlert(
        provider=provider,
        account=account,
        occurred_at=at,
        alert_type_raw=text(info, "alert_type"),
        entity_type_raw=text(value, "entity_type"),
        entity_id=text(value, "entity_id"),
        severity_raw=text(info, "alert_severity"),
        status_raw=text(info, "alert_status"),
        description=text(info, "alert_description"),
        raw=raw,
    )


ACCOUNT_EVENT_READERS: dict[str, _Reader] = {
    "business_capability_update": _capability,
    "phone_number_quality_update": _quality,
    "phone_number_name_update": _name,
    "account_update": _waba,
    "account_alerts": _alert,
}
"""The reader of each account field that has a typed event, by the change's ``field``."""

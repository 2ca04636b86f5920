"""Reading the typed account events back from their canonical JSON form.

:mod:`wamsg.events._readers` registers :data:`ACCOUNT_READERS` and
:data:`ACCOUNT_KEYS`; ``event_from_dict`` keeps the keys a reader does not know.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TypedDict

from wamsg._internal.json import Json, JsonObject, opt_str, parse_time, req_mapping, req_str
from wamsg.errors import ValidationError
from wamsg.events.account import (
    AccountAlert,
    AccountEvent,
    CapabilityUpdate,
    LimitValue,
    NumberNameUpdate,
    NumberQualityUpdate,
    Restriction,
    WabaUpdate,
)
from wamsg.identity import PhoneNumber

__all__ = ["ACCOUNT_KEYS", "ACCOUNT_READERS"]

_HEAD = (
    "type", "provider", "business", "business_checked", "customer", "occurred_at", "raw",
    "account",
)  # fmt: skip

ACCOUNT_KEYS: dict[str, frozenset[str]] = {
    "account.capability": frozenset(
        (*_HEAD, "limit", "phone_limit", "max_numbers_per_business", "max_numbers_per_waba")
    ),
    "account.quality": frozenset((*_HEAD, "event", "limit", "current_limit", "old_limit")),
    "account.name": frozenset((*_HEAD, "decision", "requested_name", "rejection_reason")),
    "account.waba": frozenset(
        (
            *_HEAD,
            "event",
            "restrictions",
            "ban_state",
            "ban_date",
            "violation_type",
            "disconnection_reason",
            "initiated_by",
            "details",
        )
    ),
    "account.alert": frozenset(
        (*_HEAD, "alert_type", "entity_type", "entity_id", "severity", "status", "description")
    ),
}
"""The keys each typed account event reads; any other key is kept in ``extra``."""


class _Common(TypedDict):
    provider: str
    account: str | None
    occurred_at: datetime | None
    raw: Json
    extra: JsonObject


def _common(d: Mapping[str, Json], event_type: str) -> _Common:
    """``provider``, ``account``, ``occurred_at``, ``raw`` and ``extra``, checked."""
    occurred = d.get("occurred_at")
    known = ACCOUNT_KEYS[event_type]
    return {
        "provider": req_str(d, "provider", "event"),
        "account": opt_str(d, "account", "event"),
        "occurred_at": None if occurred is None else parse_time(occurred, "occurred_at"),
        "raw": d.get("raw"),
        "extra": {k: v for k, v in d.items() if k not in known},
    }


def _business(d: Mapping[str, Json]) -> PhoneNumber | None:
    value = d.get("business")
    if value is None:
        return None
    try:
        return PhoneNumber.from_provider(value)  # as the webhook named it, maybe unchecked
    except ValidationError as error:
        raise ValidationError(error.reason, field="business", value=value) from None


def _limit(d: Mapping[str, Json], key: str) -> LimitValue:
    value = d.get(key)
    if value is None or isinstance(value, str) or (type(value) is int):
        return value
    raise ValidationError("must be a tier name, an integer or null", field=key, value=value)


def _count(d: Mapping[str, Json], key: str) -> int | None:
    value = d.get(key)
    if value is None or type(value) is int:
        return value
    raise ValidationError("must be an integer or null", field=key, value=value)


def _capability(d: Mapping[str, Json]) -> AccountEvent:
    return CapabilityUpdate(
        limit_raw=_limit(d, "limit"),
        phone_limit_raw=_limit(d, "phone_limit"),
        max_numbers_per_business=_count(d, "max_numbers_per_business"),
        max_numbers_per_waba=_count(d, "max_numbers_per_waba"),
        **_common(d, "account.capability"),
    )


def _quality(d: Mapping[str, Json]) -> AccountEvent:
    return NumberQualityUpdate(
        business=_business(d),
        event_raw=opt_str(d, "event", "event"),
        limit_raw=_limit(d, "limit"),
        current_limit_raw=_limit(d, "current_limit"),
        old_limit_raw=_limit(d, "old_limit"),
        **_common(d, "account.quality"),
    )


def _name(d: Mapping[str, Json]) -> AccountEvent:
    return NumberNameUpdate(
        business=_business(d),
        decision_raw=opt_str(d, "decision", "event"),
        requested_name=opt_str(d, "requested_name", "event"),
        rejection_reason_raw=opt_str(d, "rejection_reason", "event"),
        **_common(d, "account.name"),
    )


def _restriction(item: Json, index: int) -> Restriction:
    field = f"restrictions[{index}]"
    mapping = req_mapping(item, field)
    expiration = mapping.get("expiration")
    if not (expiration is None or isinstance(expiration, str) or type(expiration) is int):
        reason = "must be a string, an integer or null"
        raise ValidationError(reason, field=f"{field}.expiration", value=expiration)
    return Restriction(
        type_raw=req_str(mapping, "type", field),
        expiration=expiration,
        remediation=opt_str(mapping, "remediation", field),
    )


def _restrictions(d: Mapping[str, Json]) -> tuple[Restriction, ...]:
    items = d.get("restrictions")
    if items is None:
        return ()
    if not isinstance(items, list):
        raise ValidationError("must be a list", field="restrictions", value=items)
    return tuple(_restriction(item, index) for index, item in enumerate(items))


def _waba(d: Mapping[str, Json]) -> AccountEvent:
    details = d.get("details")
    return WabaUpdate(
        business=_business(d),
        event_raw=opt_str(d, "event", "event"),
        restrictions=_restrictions(d),
        ban_state_raw=opt_str(d, "ban_state", "event"),
        ban_date=opt_str(d, "ban_date", "event"),
        violation_type=opt_str(d, "violation_type", "event"),
        disconnection_reason_raw=opt_str(d, "disconnection_reason", "event"),
        initiated_by=opt_str(d, "initiated_by", "event"),
        details={} if details is None else dict(req_mapping(details, "details")),
        **_common(d, "account.waba"),
    )


def _alert(d: Mapping[str, Json]) -> AccountEvent:
    return AccountAlert(
        alert_type_raw=opt_str(d, "alert_type", "event"),
        entity_type_raw=opt_str(d, "entity_type", "event"),
        entity_id=opt_str(d, "entity_id", "event"),
        severity_raw=opt_str(d, "severity", "event"),
        status_raw=opt_str(d, "status", "event"),
        description=opt_str(d, "description", "event"),
        **_common(d, "account.alert"),
    )


ACCOUNT_READERS: dict[str, Callable[[Mapping[str, Json]], AccountEvent]] = {
    "account.capability": _capability,
    "account.quality": _quality,
    "account.name": _name,
    "account.waba": _waba,
    "account.alert": _alert,
}
"""The reader of each typed account event's canonical form."""

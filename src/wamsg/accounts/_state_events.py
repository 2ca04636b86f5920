"""What each account event sets in an :class:`~wamsg.accounts.AccountState`: its slots."""

from __future__ import annotations

from wamsg.accounts.config import AccountConfig
from wamsg.accounts.model import BusinessNumber
from wamsg.events import (
    AccountAlert,
    AlertEntity,
    CapabilityUpdate,
    Event,
    LimitTier,
    NameDecision,
    NameStatus,
    NumberQualityUpdate,
    NumberStatus,
    QualityEvent,
    QualityRating,
    ThroughputLevel,
    WabaEvent,
    WabaUpdate,
)
from wamsg.events import NumberNameUpdate as _NameUpdate

__all__ = ["NUMBER_SLOTS", "Slot", "updates"]

Slot = tuple[str, str]
"""What a value is (``"tier"``, ``"status"`` …) and whose (a WABA or phone-number id, or "")."""

NUMBER_SLOTS = {
    "status": ("status", "status"),
    "quality": ("quality", "quality"),
    "tier": ("number_tier", "messaging_limit"),
    "throughput": ("throughput", "throughput"),
    "name_status": ("name_status", "name_status"),
}
"""A number's readings: the reading's name → (its slot, the :class:`BusinessNumber` field)."""

_Updates = list[tuple[Slot, object]]
_NAME = {NameDecision.APPROVED: NameStatus.APPROVED, NameDecision.REJECTED: NameStatus.DECLINED}
_FLAGS = {
    QualityEvent.FLAGGED: NumberStatus.FLAGGED,
    QualityEvent.UNFLAGGED: NumberStatus.CONNECTED,
}


def _tier(found: _Updates, slot: Slot, tier: LimitTier | None) -> None:
    if tier is not None and tier is not LimitTier.TIER_NOT_SET:
        found.append((slot, tier))


def _capability(event: CapabilityUpdate) -> _Updates:
    found: _Updates = []
    _tier(found, ("tier", ""), event.limit)
    if event.max_numbers_per_business is not None:
        found.append((("number_cap", ""), event.max_numbers_per_business))
    if event.max_numbers_per_waba is not None and event.account is not None:
        found.append((("waba_cap", event.account), event.max_numbers_per_waba))
    return found


def _number(
    event: NumberQualityUpdate | _NameUpdate, config: AccountConfig
) -> BusinessNumber | None:
    business = event.business
    number = None if business is None else config.number(business)
    return number if number is not None and number.waba == event.account else None


def _quality(event: NumberQualityUpdate, config: AccountConfig) -> _Updates:
    found: _Updates = []
    _tier(found, ("tier", ""), event.limit)
    number = _number(event, config)
    if number is None:
        return found
    own, kind = number.phone_number_id, event.event
    if kind is QualityEvent.THROUGHPUT_UPGRADE:
        found.append((("throughput", own), ThroughputLevel.HIGH))
    else:
        _tier(found, ("number_tier", own), event.current_limit)
    if kind in _FLAGS:
        found.append((("status", own), _FLAGS[kind]))
    if kind is QualityEvent.FLAGGED:
        found.append((("quality", own), QualityRating.RED))
    return found


def _name(event: _NameUpdate, config: AccountConfig) -> _Updates:
    number = _number(event, config)
    status = _NAME.get(event.decision)
    if number is None or status is None:
        return []
    return [(("name_status", number.phone_number_id), status)]


def _waba(event: WabaUpdate, config: AccountConfig) -> _Updates:
    waba = event.waba_id if event.waba_id in config.waba_ids else event.account
    found: _Updates = []
    if waba is None:
        return found
    if event.event is WabaEvent.ACCOUNT_RESTRICTION:
        found.append((("restrictions", waba), event.restrictions))
    if event.ban_state is not None:
        found.append((("ban", waba), event.ban_state))
    return found


def _alert(event: AccountAlert, config: AccountConfig) -> _Updates:
    entity = event.entity_type
    about = event.entity_id or ""
    if entity is AlertEntity.PHONE_NUMBER and config.number(about) is None:
        return []
    if entity is AlertEntity.BUSINESS and about and about != config.portfolio.id:
        return []
    return [(("alert", f"{about}:{event.alert_type_raw or ''}"), event)]


def _matches(event: Event, config: AccountConfig) -> bool:
    account = getattr(event, "account", None)
    if account in config.waba_ids:
        return True
    if isinstance(event, WabaUpdate):
        return event.waba_id in config.waba_ids
    if isinstance(event, AccountAlert):
        return event.entity_type is AlertEntity.BUSINESS and event.entity_id == config.portfolio.id
    return False


def updates(event: Event, config: AccountConfig) -> _Updates:
    """The slots ``event`` sets for an account of ``config``: none when it is another's."""
    if not _matches(event, config):
        return []
    if isinstance(event, CapabilityUpdate):
        return _capability(event)
    if isinstance(event, NumberQualityUpdate):
        return _quality(event, config)
    if isinstance(event, _NameUpdate):
        return _name(event, config)
    if isinstance(event, WabaUpdate):
        return _waba(event, config)
    if isinstance(event, AccountAlert):
        return _alert(event, config)
    return []

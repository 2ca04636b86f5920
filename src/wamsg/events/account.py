"""Typed account events: limits, number quality and names, WABA notices, alerts.

Meta's account-level webhooks become these events (the other account fields stay
the generic :class:`~wamsg.events.AccountUpdate`):

========================================  ============================  ======================
webhook field                             event                         canonical ``type``
========================================  ============================  ======================
``business_capability_update``            :class:`CapabilityUpdate`     ``account.capability``
``phone_number_quality_update``           :class:`NumberQualityUpdate`  ``account.quality``
``phone_number_name_update``              :class:`NumberNameUpdate`     ``account.name``
``account_update``                        :class:`WabaUpdate`           ``account.waba``
``account_alerts``                        :class:`AccountAlert`         ``account.alert``
========================================  ============================  ======================

``account`` is the webhook entry's id (the WhatsApp Business Account) and
``occurred_at`` the entry's time. Every string Meta sends is kept as sent (the
``*_raw`` fields, written back as they came); the properties without ``_raw`` read
it into an enumeration, ``UNKNOWN`` for a value wamsg does not know. A messaging
limit is kept in either spelling Meta uses (``"TIER_2K"`` or ``2000``, ``-1`` for
unlimited) and read by :meth:`~wamsg.events.account_values.LimitTier.parse`
[rule meta.limits.tiers]. ``raw`` is the provider's change, untouched; ``extra``
keeps the keys of a canonical form this version does not read.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import ClassVar, TypeAlias

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import UNIX_LATEST, UTC, Json, JsonObject, parse_time
from wamsg.errors import ValidationError
from wamsg.events._account_enums import (
    AlertEntity,
    AlertSeverity,
    AlertStatus,
    AlertType,
    BanState,
    DisconnectionReason,
    NameRejectionReason,
    QualityEvent,
    RestrictionType,
    WabaEvent,
)
from wamsg.events._base import head, opt_time, tail
from wamsg.events.account_values import LimitTier, NameDecision
from wamsg.identity import PhoneNumber

__all__ = [
    "AccountAlert",
    "AccountEvent",
    "CapabilityUpdate",
    "LimitValue",
    "NumberNameUpdate",
    "NumberQualityUpdate",
    "Restriction",
    "WabaUpdate",
]

LimitValue: TypeAlias = str | int | None
"""A messaging limit as Meta wrote it: ``"TIER_2K"``, ``2000``, ``-1``, or absent."""


def _tier(value: LimitValue) -> LimitTier | None:
    return None if value is None else LimitTier.parse(value)


@attrs.frozen(kw_only=True)
class _AccountEventBase:
    """What every account event has: the provider, the account, when, and the rest."""

    type: ClassVar[str]
    provider: str = attrs.field(validator=check.text)
    account: str | None = attrs.field(default=None, validator=check.opt_text)
    occurred_at: datetime | None = attrs.field(default=None, converter=opt_time)
    raw: Json = attrs.field(default=None, eq=False, repr=False, converter=check.raw_json)
    extra: JsonObject = attrs.field(
        factory=dict, hash=False, repr=False, converter=check.extra_json
    )

    def _json(self, include_raw: bool, business: PhoneNumber | None, **fields: Json) -> JsonObject:
        out = head(self.type, self.provider, business, None, self.occurred_at)
        out["account"] = self.account
        out.update(fields)
        return tail(out, self.extra, self.raw, include_raw)


@attrs.frozen(kw_only=True)
class CapabilityUpdate(_AccountEventBase):
    """The portfolio's capabilities changed (``business_capability_update``).

    ``limit_raw`` is ``max_daily_conversations_per_business`` (the portfolio's
    messaging limit, v24+), ``phone_limit_raw`` the older
    ``max_daily_conversation_per_phone`` (removed in February 2026);
    ``max_numbers_per_business`` is sent only while the limit is 250,
    ``max_numbers_per_waba`` only when it is not. [rule meta.webhook.business-capability]
    """

    type: ClassVar[str] = "account.capability"
    limit_raw: LimitValue = attrs.field(default=None, validator=check.opt_text_or_int)
    phone_limit_raw: LimitValue = attrs.field(default=None, validator=check.opt_text_or_int)
    max_numbers_per_business: int | None = attrs.field(
        default=None, validator=check.opt_integer(0, check.MAX_JSON_INT)
    )
    max_numbers_per_waba: int | None = attrs.field(
        default=None, validator=check.opt_integer(0, check.MAX_JSON_INT)
    )

    @property
    def limit(self) -> LimitTier | None:
        """The messaging limit: the per-business field, else the older per-phone one."""
        return _tier(self.limit_raw if self.limit_raw is not None else self.phone_limit_raw)

    def to_dict(self, *, include_raw: bool = True) -> JsonObject:
        """The canonical JSON form."""
        return self._json(
            include_raw,
            None,
            limit=self.limit_raw,
            phone_limit=self.phone_limit_raw,
            max_numbers_per_business=self.max_numbers_per_business,
            max_numbers_per_waba=self.max_numbers_per_waba,
        )


@attrs.frozen(kw_only=True)
class NumberQualityUpdate(_AccountEventBase):
    """A number's throughput or (before 2025-10-07) its limit changed.

    Meta's ``phone_number_quality_update``.

    ``limit_raw`` is ``max_daily_conversations_per_business``; ``current_limit_raw``
    and ``old_limit_raw`` the older fields (removed in February 2026): a number's
    own limit for ``UPGRADE``/``DOWNGRADE``/``FLAGGED``/``UNFLAGGED``, while
    ``TIER_UNLIMITED`` with ``THROUGHPUT_UPGRADE`` means the higher throughput.
    [rule meta.webhook.phone-number-quality]
    """

    type: ClassVar[str] = "account.quality"
    business: PhoneNumber | None = attrs.field(
        default=None, validator=check.opt_instance(PhoneNumber)
    )
    event_raw: str | None = attrs.field(default=None, validator=check.opt_text)
    limit_raw: LimitValue = attrs.field(default=None, validator=check.opt_text_or_int)
    current_limit_raw: LimitValue = attrs.field(default=None, validator=check.opt_text_or_int)
    old_limit_raw: LimitValue = attrs.field(default=None, validator=check.opt_text_or_int)

    @property
    def event(self) -> QualityEvent:
        """What changed; ``UNKNOWN`` for a value wamsg does not know (or none)."""
        return QualityEvent.parse(self.event_raw)

    @property
    def limit(self) -> LimitTier | None:
        """The portfolio's limit the webhook states (``max_daily_conversations_per_business``)."""
        return _tier(self.limit_raw)

    @property
    def current_limit(self) -> LimitTier | None:
        """The number's limit after the change (legacy field)."""
        return _tier(self.current_limit_raw)

    @property
    def old_limit(self) -> LimitTier | None:
        """The number's limit before the change (legacy field)."""
        return _tier(self.old_limit_raw)

    def to_dict(self, *, include_raw: bool = True) -> JsonObject:
        """The canonical JSON form."""
        return self._json(
            include_raw,
            self.business,
            event=self.event_raw,
            limit=self.limit_raw,
            current_limit=self.current_limit_raw,
            old_limit=self.old_limit_raw,
        )


@attrs.frozen(kw_only=True)
class NumberNameUpdate(_AccountEventBase):
    """The review of a number's display name decided (``phone_number_name_update``).

    ``APPROVED`` makes the name status ``APPROVED``, ``REJECTED`` makes it
    ``DECLINED``; ``DEFERRED`` and ``PENDING`` change nothing yet.
    [rule meta.webhook.phone-number-name] [rule meta.number.display-name]
    """

    type: ClassVar[str] = "account.name"
    business: PhoneNumber | None = attrs.field(
        default=None, validator=check.opt_instance(PhoneNumber)
    )
    decision_raw: str | None = attrs.field(default=None, validator=check.opt_text)
    requested_name: str | None = attrs.field(default=None, validator=check.opt_text)
    rejection_reason_raw: str | None = attrs.field(default=None, validator=check.opt_text)

    @property
    def decision(self) -> NameDecision:
        """The review's outcome."""
        return NameDecision.parse(self.decision_raw)

    @property
    def rejection_reason(self) -> NameRejectionReason | None:
        """Why the name was rejected, or None (no reason given)."""
        raw = self.rejection_reason_raw
        return None if raw is None else NameRejectionReason.parse(raw)

    def to_dict(self, *, include_raw: bool = True) -> JsonObject:
        """The canonical JSON form."""
        return self._json(
            include_raw,
            self.business,
            decision=self.decision_raw,
            requested_name=self.requested_name,
            rejection_reason=self.rejection_reason_raw,
        )


@attrs.frozen(kw_only=True)
class Restriction:
    """One restriction of a WABA: its type, when it ends, what to do.

    ``expiration`` is kept as Meta wrote it (unix seconds, a numeric string or an
    ISO 8601 time); :attr:`expires_at` reads it, None when it cannot be read.
    """

    type_raw: str = attrs.field(validator=check.text)
    expiration: str | int | None = attrs.field(default=None, validator=check.opt_text_or_int)
    remediation: str | None = attrs.field(default=None, validator=check.opt_text)

    @property
    def type(self) -> RestrictionType:
        """What is restricted."""
        return RestrictionType.parse(self.type_raw)

    @property
    def expires_at(self) -> datetime | None:
        """When the restriction ends, or None (not given, or not a time)."""
        value = self.expiration
        if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 12:
            value = int(value)
        if type(value) is int:
            return datetime.fromtimestamp(value, UTC) if 0 <= value < UNIX_LATEST else None
        try:
            return None if value is None else parse_time(value, "expiration")
        except ValidationError:
            return None

    def to_dict(self) -> JsonObject:
        """Canonical JSON: ``{type, expiration, remediation}``."""
        return {
            "type": self.type_raw,
            "expiration": self.expiration,
            "remediation": self.remediation,
        }


def _restrictions(value: Iterable[Restriction]) -> tuple[Restriction, ...]:
    return check.as_tuple(value)  # type: ignore[no-any-return]


@attrs.frozen(kw_only=True)
class WabaUpdate(_AccountEventBase):
    """Something happened to the WhatsApp Business Account (``account_update``).

    Restricted (``restrictions``), scheduled for disabling or disabled
    (``ban_state_raw``, ``ban_date`` as Meta's text), in violation
    (``violation_type``), a partner added or removed (for a coexistence number
    with ``disconnection_reason_raw`` and ``initiated_by``), deleted …;
    ``business`` is the number the notice names, if any. ``details`` keeps the
    rest of Meta's value (``waba_info``, ``volume_tier_info`` …).
    [rule meta.webhook.account-update]
    """

    type: ClassVar[str] = "account.waba"
    business: PhoneNumber | None = attrs.field(
        default=None, validator=check.opt_instance(PhoneNumber)
    )
    event_raw: str | None = attrs.field(default=None, validator=check.opt_text)
    restrictions: tuple[Restriction, ...] = attrs.field(
        default=(), converter=_restrictions, validator=check.tuple_of(Restriction)
    )
    ban_state_raw: str | None = attrs.field(default=None, validator=check.opt_text)
    ban_date: str | None = attrs.field(default=None, validator=check.opt_text)
    violation_type: str | None = attrs.field(default=None, validator=check.opt_text)
    disconnection_reason_raw: str | None = attrs.field(default=None, validator=check.opt_text)
    initiated_by: str | None = attrs.field(default=None, validator=check.opt_text)
    details: JsonObject = attrs.field(factory=dict, hash=False, validator=check.json_object)

    @property
    def event(self) -> WabaEvent:
        """What happened."""
        return WabaEvent.parse(self.event_raw)

    @property
    def ban_state(self) -> BanState | None:
        """The WABA's ban state, or None when the notice carries none."""
        return None if self.ban_state_raw is None else BanState.parse(self.ban_state_raw)

    @property
    def disconnection_reason(self) -> DisconnectionReason | None:
        """Why a coexistence number was disconnected, or None."""
        raw = self.disconnection_reason_raw
        return None if raw is None else DisconnectionReason.parse(raw)

    @property
    def waba_id(self) -> str | None:
        """The WABA a partner notice is about (``waba_info.waba_id``), else None."""
        info = self.details.get("waba_info")
        found = info.get("waba_id") if isinstance(info, dict) else None
        return found if isinstance(found, str) else None

    def to_dict(self, *, include_raw: bool = True) -> JsonObject:
        """The canonical JSON form."""
        return self._json(
            include_raw,
            self.business,
            event=self.event_raw,
            restrictions=[restriction.to_dict() for restriction in self.restrictions],
            ban_state=self.ban_state_raw,
            ban_date=self.ban_date,
            violation_type=self.violation_type,
            disconnection_reason=self.disconnection_reason_raw,
            initiated_by=self.initiated_by,
            details=dict(self.details),
        )


@attrs.frozen(kw_only=True)
class AccountAlert(_AccountEventBase):
    """An alert about the portfolio, a number or a profile (``account_alerts``).

    A denied or deferred messaging-limit increase
    (``INCREASED_CAPABILITIES_ELIGIBILITY_*``), an Official Business Account
    decision, a lost profile picture. ``entity_id`` is a portfolio id or a
    phone-number id, as ``entity_type_raw`` says. [rule meta.webhook.account-alerts]
    """

    type: ClassVar[str] = "account.alert"
    alert_type_raw: str | None = attrs.field(default=None, validator=check.opt_text)
    entity_type_raw: str | None = attrs.field(default=None, validator=check.opt_text)
    entity_id: str | None = attrs.field(default=None, validator=check.opt_text)
    severity_raw: str | None = attrs.field(default=None, validator=check.opt_text)
    status_raw: str | None = attrs.field(default=None, validator=check.opt_text)
    description: str | None = attrs.field(default=None, validator=check.opt_text)

    @property
    def alert_type(self) -> AlertType:
        """What the alert says."""
        return AlertType.parse(self.alert_type_raw)

    @property
    def entity_type(self) -> AlertEntity:
        """What the alert is about."""
        return AlertEntity.parse(self.entity_type_raw)

    @property
    def severity(self) -> AlertSeverity:
        """How serious it is."""
        return AlertSeverity.parse(self.severity_raw)

    @property
    def status(self) -> AlertStatus:
        """Whether the alert is active."""
        return AlertStatus.parse(self.status_raw)

    def to_dict(self, *, include_raw: bool = True) -> JsonObject:
        """The canonical JSON form."""
        return self._json(
            include_raw,
            None,
            alert_type=self.alert_type_raw,
            entity_type=self.entity_type_raw,
            entity_id=self.entity_id,
            severity=self.severity_raw,
            status=self.status_raw,
            description=self.description,
        )


AccountEvent: TypeAlias = (
    CapabilityUpdate | NumberQualityUpdate | NumberNameUpdate | WabaUpdate | AccountAlert
)
"""The typed account events (part of the closed :data:`~wamsg.events.Event` union)."""

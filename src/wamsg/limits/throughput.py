"""How fast a number may send: messages per second by kind and level, and the 1,000 mps upgrade.

- A number sends **80 messages per second** by default, inbound and outbound of every
  type counted together [rule meta.throughput.default]; a coexistence number (the
  WhatsApp Business app and the Cloud API on one number) is fixed at **20**
  [rule meta.coexistence.limits]; after the upgrade, **1,000** [rule meta.throughput.high].
- The upgrade to 1,000 mps is automatic, **within 12 hours** of meeting the criteria.
  From 2025-10-07: the portfolio's limit is unlimited, the number messaged at least
  100,000 unique users outside windows in a moving 24 h, and its quality is at least
  ``YELLOW``. Before: the number was on the unlimited tier with quality medium or high.
  1,000 mps exists since 2023-05-09. Exceeding the throughput is error 130429.
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import JsonObject, format_optional_time, require_aware, saturated
from wamsg.accounts.dates import PORTFOLIO_LIMITS_FROM
from wamsg.errors import ValidationError
from wamsg.events.account_values import LimitTier, NumberKind, QualityRating, ThroughputLevel
from wamsg.limits.dates import HIGH_THROUGHPUT_FROM

__all__ = [
    "COEXISTENCE_MPS",
    "HIGH_MPS",
    "HIGH_THROUGHPUT_UNIQUE_USERS",
    "STANDARD_MPS",
    "THROUGHPUT_UPGRADE_DELAY",
    "ThroughputReason",
    "ThroughputUpgrade",
    "throughput_mps",
    "throughput_upgrade",
]

STANDARD_MPS = 80  # [rule meta.throughput.default]
"""Messages per second of a number by default (since 2022-02-01)."""
HIGH_MPS = 1_000  # [rule meta.throughput.high]
"""Messages per second after the automatic upgrade (since 2023-05-09)."""
COEXISTENCE_MPS = 20  # [rule meta.coexistence.limits]
"""Messages per second of a coexistence number, fixed."""
HIGH_THROUGHPUT_UNIQUE_USERS = 100_000  # [rule meta.throughput.high]
"""Unique users outside windows in 24 h a number needs for 1,000 mps (from 2025-10-07)."""
THROUGHPUT_UPGRADE_DELAY = timedelta(hours=12)  # [rule meta.throughput.high]
"""The upgrade takes effect within this long after the criteria are met."""


def throughput_mps(kind: NumberKind, level: ThroughputLevel) -> int:
    """A number's messages per second: 20 for coexistence, else 80 or 1,000 by level.

    An ``UNKNOWN`` level (a value wamsg does not know, kept raw by the account model)
    is read as the default level, 80; an ``UNKNOWN`` kind as an API number.
    """
    if not isinstance(kind, NumberKind):
        raise ValidationError("must be a NumberKind", field="kind", value=kind)
    if not isinstance(level, ThroughputLevel):
        raise ValidationError("must be a ThroughputLevel", field="level", value=level)
    if kind is NumberKind.COEXISTENCE:
        return COEXISTENCE_MPS
    return HIGH_MPS if level is ThroughputLevel.HIGH else STANDARD_MPS


class ThroughputReason(str, enum.Enum):
    """Why a number will or will not be upgraded to 1,000 mps (stable codes)."""

    ELIGIBLE = "eligible"
    ALREADY_HIGH = "already_high"
    COEXISTENCE = "coexistence"
    NOT_AVAILABLE = "not_available"
    NOT_UNLIMITED = "not_unlimited"
    NOT_ENOUGH_USERS = "not_enough_users"
    QUALITY_TOO_LOW = "quality_too_low"


@attrs.frozen(kw_only=True)
class ThroughputUpgrade:
    """The answer of :func:`throughput_upgrade`; ``due_by`` is 12 h after the criteria were met."""

    eligible: bool = attrs.field(validator=check.flag)
    reason: ThroughputReason = attrs.field(validator=check.instance(ThroughputReason))
    due_by: datetime | None = attrs.field(validator=check.opt_moment)
    message: str = attrs.field(validator=check.text)

    def to_dict(self) -> JsonObject:
        """JSON form, times in ISO 8601 UTC."""
        return {
            "eligible": self.eligible,
            "reason": self.reason.value,
            "due_by": format_optional_time(self.due_by),
            "message": self.message,
        }


_SENTENCES = {
    ThroughputReason.ELIGIBLE: "The number is upgraded to 1,000 messages per second",
    ThroughputReason.ALREADY_HIGH: "The number already sends 1,000 messages per second.",
    ThroughputReason.COEXISTENCE: "A coexistence number is fixed at 20 messages per second.",
    ThroughputReason.NOT_AVAILABLE: "1,000 messages per second exist only since 2023-05-09.",
    ThroughputReason.NOT_UNLIMITED: "1,000 messages per second need an unlimited messaging limit.",
    ThroughputReason.NOT_ENOUGH_USERS: "1,000 messages per second need 100,000 unique users "
    "outside windows in 24 hours.",
    ThroughputReason.QUALITY_TOO_LOW: "1,000 messages per second need a quality rating of at "
    "least YELLOW.",
}


def throughput_upgrade(
    at: datetime,
    *,
    kind: NumberKind,
    level: ThroughputLevel,
    tier: LimitTier,
    unique_24h: int,
    quality: QualityRating,
    criteria_met_at: datetime | None = None,
) -> ThroughputUpgrade:
    """Whether the number is upgraded to 1,000 mps at ``at``, and by when.

    ``tier`` is the portfolio's limit from 2025-10-07 (the number's before);
    ``unique_24h`` the unique users the number reached outside windows in the last
    24 h (``len(book.first_deliveries(at - 24 h, at, number=...))``), read from
    2025-10-07 only.
    """
    at = require_aware(at, "at")
    mps = throughput_mps(kind, level)
    for value, kind_of, field in ((tier, LimitTier, "tier"), (quality, QualityRating, "quality")):
        if not isinstance(value, kind_of):
            raise ValidationError(f"must be a {kind_of.__name__}", field=field, value=value)
    if type(unique_24h) is not int or unique_24h < 0:
        raise ValidationError(
            "must be a non-negative integer", field="unique_24h", value=unique_24h
        )
    met = None if criteria_met_at is None else require_aware(criteria_met_at, "criteria_met_at")
    reason = _reason(at, kind, mps, tier, unique_24h, quality)
    due = met + THROUGHPUT_UPGRADE_DELAY if reason is ThroughputReason.ELIGIBLE and met else None
    message = _SENTENCES[reason]
    if reason is ThroughputReason.ELIGIBLE:
        message += f" by {format_optional_time(due)}." if due else " within 12 hours."
    due = None if due is None else saturated(due)  # the message tells a time past 2200
    return ThroughputUpgrade(
        eligible=reason is ThroughputReason.ELIGIBLE, reason=reason, due_by=due, message=message
    )


def _reason(
    at: datetime,
    kind: NumberKind,
    mps: int,
    tier: LimitTier,
    unique: int,
    quality: QualityRating,
) -> ThroughputReason:
    if kind is NumberKind.COEXISTENCE:
        return ThroughputReason.COEXISTENCE
    if mps == HIGH_MPS:
        return ThroughputReason.ALREADY_HIGH
    if at < HIGH_THROUGHPUT_FROM:
        return ThroughputReason.NOT_AVAILABLE
    if tier is not LimitTier.TIER_UNLIMITED:
        return ThroughputReason.NOT_UNLIMITED
    if at >= PORTFOLIO_LIMITS_FROM and unique < HIGH_THROUGHPUT_UNIQUE_USERS:
        return ThroughputReason.NOT_ENOUGH_USERS
    if not quality.at_least(QualityRating.YELLOW):
        return ThroughputReason.QUALITY_TOO_LOW
    return ThroughputReason.ELIGIBLE

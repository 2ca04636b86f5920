"""How a messaging limit grows (and, before 2025-10-07, shrinks), era by era.

- **Scaling path** to the first tier that scales automatically
  (:func:`scaling_path_status`): from 2025-10-07, to 2,000 by business verification,
  partner-led verification, or 2,000 delivered unique users outside windows in 30 days
  with high-quality templates, then Meta's quality review [rule meta.limits.scaling-path];
  2023-11-01 → 2025-10-06, to 1K by verification or 1,000 in 30 days
  [rule meta.limits.volume-path-1k]; before, by verification only.
- **Automatic scaling** (:func:`auto_scale`), by the rule of the moment
  (:func:`upgrade_rule`): from 2025-10-07, quality and at least half the limit in the
  last 7 days → one level up within 6 h [rule meta.limits.auto-scale-6h]; before,
  a connected number with quality at least medium and half the limit → one level 24 h
  later [rule meta.limits.auto-scale-24h]; in the earliest era, twice the limit in 7
  days, quality not low, and at least 48 h at the tier [rule meta.limits.e1-double].
  "In the last 7 days" counts cumulative unique users (:class:`UpgradePolicy`).
- **Downgrades** (:func:`downgrade`): a number flagged for 7 days and still low drops
  one level, until 2025-10-06 [rule meta.limits.flagged-downgrade]; none since
  [rule meta.limits.no-downgrade].
- :func:`upgrade` answers from a :class:`~wamsg.limits.LimitBook`: eligible, the next
  tier and when it is due.

Review outcomes and Meta's own decisions are inputs (``verified``, the tier), never
predictions.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import datetime, timedelta

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import JsonObject, format_optional_time, require_aware, saturated
from wamsg.errors import ValidationError
from wamsg.events.account_values import LimitTier, QualityRating
from wamsg.limits.eras import LimitEra, LimitScope, era_at
from wamsg.limits.policy import DEFAULT_POLICY, LimitsPolicy

__all__ = [
    "AUTO_FLOOR",
    "ScalingPathStatus",
    "ScalingRoute",
    "UpgradeAnswer",
    "UpgradeReason",
    "UpgradeRule",
    "auto_scale",
    "downgrade",
    "scaling_path_status",
    "upgrade_rule",
    "users_needed",
]

_SIX_HOURS = timedelta(hours=6)  # [rule meta.limits.auto-scale-6h]
_ONE_DAY = timedelta(hours=24)  # [rule meta.limits.auto-scale-24h]
_TWO_DAYS = timedelta(hours=48)  # [rule meta.limits.e1-double]
_FLAGGED_FOR = timedelta(days=7)  # [rule meta.limits.flagged-downgrade]


class UpgradeRule(str, enum.Enum):
    """The automatic-scaling rule in force at a moment."""

    DOUBLE_48H = "double_48h"
    """Until :attr:`~wamsg.limits.EraPolicy.half_rule_from`: 2× the limit in 7 days,
    quality not low, at least 48 h at the tier; then raised at once."""
    HALF_24H = "half_24h"
    """Until 2025-10-06: connected, quality medium or high, half the limit in 7 days;
    raised 24 h after."""
    HALF_6H = "half_6h"
    """From 2025-10-07: high quality across the portfolio, half the limit in 7 days;
    raised within 6 h."""


def upgrade_rule(at: datetime, *, policy: LimitsPolicy = DEFAULT_POLICY) -> UpgradeRule:
    """The automatic-scaling rule in force at ``at``."""
    era = era_at(require_aware(at, "at"), policy=policy)
    if era.scope is LimitScope.PORTFOLIO:
        return UpgradeRule.HALF_6H
    return UpgradeRule.DOUBLE_48H if at < policy.eras.half_rule_from else UpgradeRule.HALF_24H


class ScalingRoute(str, enum.Enum):
    """How a business completed the scaling path."""

    BUSINESS_VERIFICATION = "business_verification"
    PARTNER_VERIFICATION = "partner_verification"
    VOLUME = "volume"


@attrs.frozen(kw_only=True)
class ScalingPathStatus:
    """Whether the business completed a scaling path to ``target`` (then Meta reviews).

    ``needed`` is the unique users the volume path asks for in 30 days (None in eras
    without one); ``reached`` those the caller counted.
    """

    complete: bool = attrs.field(validator=check.flag)
    route: ScalingRoute | None = attrs.field(validator=check.opt_instance(ScalingRoute))
    target: LimitTier = attrs.field(validator=check.instance(LimitTier))
    needed: int | None = attrs.field(validator=check.opt_integer(0, check.MAX_COUNT))
    reached: int = attrs.field(validator=check.integer(0, check.MAX_JSON_INT))
    message: str = attrs.field(validator=check.text)


_VOLUME = {
    LimitEra.E5_PORTFOLIO: 2_000,
    LimitEra.E6_ACCOUNT_MODEL: 2_000,
    LimitEra.E4_1K_NO_BV: 1_000,
}


def scaling_path_status(
    at: datetime,
    *,
    verified: bool,
    partner_verified: bool = False,
    unique_30d: int = 0,
    templates_high_quality: bool = False,
    policy: LimitsPolicy = DEFAULT_POLICY,
) -> ScalingPathStatus:
    """Whether a scaling path is complete at ``at`` (see the module docs for each era).

    ``unique_30d`` is the unique users delivered to outside windows in the last 30 days
    (``len(book.first_deliveries(at - 30 days, at))``).
    """
    era = era_at(require_aware(at, "at"), policy=policy)
    verified = check.boolean(verified, "verified")
    partner = check.boolean(partner_verified, "partner_verified")
    reached = check.count(unique_30d, "unique_30d")
    quality = check.boolean(templates_high_quality, "templates_high_quality")
    portfolio = era.scope is LimitScope.PORTFOLIO
    target = LimitTier.TIER_2K if portfolio else LimitTier.TIER_1K
    needed = _VOLUME.get(era)
    route = None
    if verified:
        route = ScalingRoute.BUSINESS_VERIFICATION
    elif partner and portfolio:
        route = ScalingRoute.PARTNER_VERIFICATION
    elif needed is not None and reached >= needed and (quality or not portfolio):
        route = ScalingRoute.VOLUME
    message = (
        f"The scaling path to {target.value} is complete ({route.value}); Meta reviews "
        "message quality before raising the limit."
        if route is not None
        else f"No scaling path to {target.value} is complete yet"
        + ("." if needed is None else f" ({reached} of {needed} unique users in 30 days).")
    )
    return ScalingPathStatus(
        complete=route is not None,
        route=route,
        target=target,
        needed=needed,
        reached=reached,
        message=message,
    )


class UpgradeReason(str, enum.Enum):
    """Why a limit will or will not rise (stable codes)."""

    ELIGIBLE = "eligible"
    SCALING_PATH_COMPLETE = "scaling_path_complete"
    SCALING_PATH_REQUIRED = "scaling_path_required"
    NOT_ENOUGH_USERS = "not_enough_users"
    QUALITY_TOO_LOW = "quality_too_low"
    NOT_CONNECTED = "not_connected"
    TOP_TIER = "top_tier"
    UNKNOWN_TIER = "unknown_tier"


@attrs.frozen(kw_only=True)
class UpgradeAnswer:
    """Whether the limit will rise one level, to which tier and by when.

    ``due_by`` is when the raise is due: 6 h (from 2025-10-07) or 24 h after
    ``criteria_met_at``, or the end of the 48 h at the tier in the earliest era; None
    when not eligible, when Meta's review decides (scaling path), or when the moment
    the criteria were met is not known.
    """

    eligible: bool = attrs.field(validator=check.flag)
    reason: UpgradeReason = attrs.field(validator=check.instance(UpgradeReason))
    tier: LimitTier = attrs.field(validator=check.instance(LimitTier))
    next_tier: LimitTier | None = attrs.field(validator=check.opt_instance(LimitTier))
    due_by: datetime | None = attrs.field(validator=check.opt_moment)
    criteria_met_at: datetime | None = attrs.field(validator=check.opt_moment)
    message: str = attrs.field(validator=check.text)

    def to_dict(self) -> JsonObject:
        """``{"eligible", "next_tier", "due_by"}`` and the rest, times in ISO 8601 UTC."""
        return {
            "eligible": self.eligible,
            "next_tier": None if self.next_tier is None else self.next_tier.value,
            "due_by": format_optional_time(self.due_by),
            "reason": self.reason.value,
            "tier": self.tier.value,
            "criteria_met_at": format_optional_time(self.criteria_met_at),
            "message": self.message,
        }


def _passes(ratings: list[QualityRating], least: QualityRating, unrated: bool) -> bool:
    if not ratings:
        return False
    return all(r.at_least(least) or (unrated and r in _UNRATED) for r in ratings)


_UNRATED = frozenset({QualityRating.NA, QualityRating.UNKNOWN})
AUTO_FLOOR = {UpgradeRule.HALF_6H: LimitTier.TIER_2K}
"""The lowest tier that scales automatically under a rule (``TIER_1K`` unless listed)."""


def _ratings(qualities: Iterable[QualityRating]) -> list[QualityRating]:
    if isinstance(qualities, str) or not isinstance(qualities, Iterable):
        raise ValidationError(
            "must be a collection of QualityRating", field="qualities", value=qualities
        )
    found = list(qualities)
    for rating in found:
        if not isinstance(rating, QualityRating):
            raise ValidationError("must be a QualityRating", field="qualities[]", value=rating)
    return found


def users_needed(rule: UpgradeRule, tier: LimitTier) -> int:
    """Unique users in 7 days the rule asks for at ``tier``: half its limit, or twice it."""
    rule, tier = check.of(rule, UpgradeRule, "rule"), check.of(tier, LimitTier, "tier")
    limit = tier.limit or 0
    return 2 * limit if rule is UpgradeRule.DOUBLE_48H else (limit + 1) // 2


def auto_scale(
    at: datetime,
    tier: LimitTier,
    *,
    unique_7d: int,
    qualities: Iterable[QualityRating],
    connected: bool = True,
    tier_since: datetime | None = None,
    criteria_met_at: datetime | None = None,
    policy: LimitsPolicy = DEFAULT_POLICY,
) -> UpgradeAnswer:
    """Whether ``tier`` scales up automatically at ``at`` (:func:`upgrade_rule` picks the rule).

    ``unique_7d`` is the cumulative unique users of the last 7 days; ``qualities`` the
    ratings that must pass (every number of the portfolio from 2025-10-07, the
    number's own before); ``connected`` the number's status (2023 → 2025 rule);
    ``tier_since`` when the tier was reached (48 h rule); ``criteria_met_at`` when the
    count reached the threshold (for ``due_by``).
    """
    at = require_aware(at, "at")
    if not isinstance(tier, LimitTier):
        raise ValidationError("must be a LimitTier", field="tier", value=tier)
    unique = check.count(unique_7d, "unique_7d")
    ratings = _ratings(qualities)
    connected = check.boolean(connected, "connected")
    since = None if tier_since is None else require_aware(tier_since, "tier_since")
    met = None if criteria_met_at is None else require_aware(criteria_met_at, "criteria_met_at")
    rule = upgrade_rule(at, policy=policy)
    era = era_at(at, policy=policy)
    nxt = era.ladder.next(tier)
    answer = _Answer(tier, nxt, met)
    if not tier.is_known:
        return answer.no(UpgradeReason.UNKNOWN_TIER, f"{tier.value} is not a tier of the ladder.")
    if nxt is None:
        return answer.no(UpgradeReason.TOP_TIER, "The limit is already unlimited.")
    floor = AUTO_FLOOR.get(rule, LimitTier.TIER_1K)
    if (tier.limit or 0) < (floor.limit or 0):
        text = f"{tier.value} rises only through a scaling path (verification or volume)."
        return answer.no(UpgradeReason.SCALING_PATH_REQUIRED, text)
    return _judge(rule, answer, unique, ratings, connected, since, policy)


@attrs.frozen
class _Answer:
    tier: LimitTier
    next_tier: LimitTier | None
    met: datetime | None

    def no(self, reason: UpgradeReason, message: str) -> UpgradeAnswer:
        return UpgradeAnswer(
            eligible=False,
            reason=reason,
            tier=self.tier,
            next_tier=self.next_tier,
            due_by=None,
            criteria_met_at=None,
            message=message,
        )

    def yes(self, due_by: datetime | None, message: str) -> UpgradeAnswer:
        return UpgradeAnswer(
            eligible=True,
            reason=UpgradeReason.ELIGIBLE,
            tier=self.tier,
            next_tier=self.next_tier,
            due_by=due_by,
            criteria_met_at=self.met,
            message=message,
        )


def _judge(
    rule: UpgradeRule,
    answer: _Answer,
    unique: int,
    ratings: list[QualityRating],
    connected: bool,
    since: datetime | None,
    policy: LimitsPolicy,
) -> UpgradeAnswer:
    needed = users_needed(rule, answer.tier)
    unrated = policy.upgrades.unrated_passes_quality
    if rule is UpgradeRule.HALF_6H:
        least, delay = policy.upgrades.portfolio_min_quality, _SIX_HOURS
    elif rule is UpgradeRule.HALF_24H:
        least, delay = QualityRating.YELLOW, _ONE_DAY
    else:
        least, delay = QualityRating.YELLOW, timedelta(0)
    if rule is UpgradeRule.HALF_24H and not connected:
        return answer.no(UpgradeReason.NOT_CONNECTED, "The number is not connected.")
    if not _passes(ratings, least, unrated):
        text = f"Every quality rating must be at least {least.value}."
        return answer.no(UpgradeReason.QUALITY_TOO_LOW, text)
    if unique < needed:
        text = f"{unique} unique users in the last 7 days; {needed} are needed."
        return answer.no(UpgradeReason.NOT_ENOUGH_USERS, text)
    due = None if answer.met is None else answer.met + delay
    if rule is UpgradeRule.DOUBLE_48H and since is not None:
        earliest = since + _TWO_DAYS
        due = earliest if due is None or due < earliest else due
    nxt = answer.next_tier.value if answer.next_tier is not None else ""
    text = f"The limit rises to {nxt}" + (f" by {format_optional_time(due)}." if due else ".")
    return answer.yes(None if due is None else saturated(due), text)  # the text tells past 2200


def downgrade(
    at: datetime,
    tier: LimitTier,
    *,
    flagged_since: datetime | None,
    quality: QualityRating,
    policy: LimitsPolicy = DEFAULT_POLICY,
) -> LimitTier:
    """The tier after the Flagged rule at ``at``: one level down after 7 days flagged and low.

    Only until 2025-10-06; from 2025-10-07 there is no Flagged state and no downgrade.
    """
    era = era_at(require_aware(at, "at"), policy=policy)
    if not isinstance(tier, LimitTier):
        raise ValidationError("must be a LimitTier", field="tier", value=tier)
    if not isinstance(quality, QualityRating):
        raise ValidationError("must be a QualityRating", field="quality", value=quality)
    if era.scope is LimitScope.PORTFOLIO or flagged_since is None:
        return tier
    if at < require_aware(flagged_since, "flagged_since") + _FLAGGED_FOR:
        return tier
    if quality is not QualityRating.RED:
        return tier
    return era.ladder.prev(tier) or tier

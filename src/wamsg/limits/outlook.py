"""What a :class:`~wamsg.limits.LimitBook` says about the next tier: one upgrade answer.

:func:`upgrade` counts the unique users itself (30 days for a scaling path, 7 days for
automatic scaling, from the book's counted deliveries, not before ``tier_since``) and
finds the moment the criteria were met, so ``due_by`` is 6 h after it from 2025-10-07
(24 h before; the 48 h rule in the earliest era) [rule meta.limits.auto-scale-6h].
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from wamsg._internal import fields as check
from wamsg._internal.json import require_aware
from wamsg.errors import ValidationError
from wamsg.events.account_values import LimitTier, QualityRating
from wamsg.identity import PhoneNumber
from wamsg.limits.book import LimitBook
from wamsg.limits.eras import LimitScope
from wamsg.limits.upgrades import (
    AUTO_FLOOR,
    UpgradeAnswer,
    UpgradeReason,
    auto_scale,
    scaling_path_status,
    upgrade_rule,
    users_needed,
)

__all__ = ["upgrade"]

_WEEK = timedelta(days=7)  # "in the last 7 days" [rule meta.limits.auto-scale-6h]
_TICK = timedelta(microseconds=1)
_MONTH = timedelta(days=30)  # "a 30-day moving period" [rule meta.limits.scaling-path]


def upgrade(
    book: LimitBook,
    at: datetime,
    tier: LimitTier,
    *,
    qualities: Iterable[QualityRating],
    verified: bool = False,
    partner_verified: bool = False,
    templates_high_quality: bool = False,
    connected: bool = True,
    tier_since: datetime | None = None,
    number: PhoneNumber | str | None = None,
) -> UpgradeAnswer:
    """Will ``tier`` rise, to what and by when, given what ``book`` counted up to ``at``.

    At the entry tier (below 2K from 2025-10-07, below 1K before) the answer is the
    scaling path's: eligible once complete, ``next_tier`` the target, ``due_by`` None
    (Meta's review decides). Above it, :func:`~wamsg.limits.auto_scale` with the
    7-day count and the moment the count reached the threshold. Before 2025-10-07
    limits were per number: name it with ``number``.

    ``tier_since`` is when the tier was reached (``AccountState.tier.at``): the
    criteria for a tier can only be met at that tier, so automatic scaling counts the
    users delivered to from ``max(tier_since, at - 7 days)`` and ``due_by`` is 6 h
    (24 h) after the moment that count reached the threshold. The scaling path's
    30-day volume is not cut at ``tier_since``.
    """
    book, at = check.of(book, LimitBook, "book"), require_aware(at, "at")
    tier = check.of(tier, LimitTier, "tier")
    era, policy = book.era(at), book.policy
    if era.scope is LimitScope.NUMBER and number is None:
        reason = "limits were set per phone number before 2025-10-07: name the number"
        raise ValidationError(reason, field="number")
    own = number if era.scope is LimitScope.NUMBER else None  # the portfolio's count since
    rule = upgrade_rule(at, policy=policy)
    floor = AUTO_FLOOR.get(rule, LimitTier.TIER_1K)
    if tier.is_known and tier.limit is not None and tier.limit < (floor.limit or 0):
        reached = len(book.first_deliveries(at - _MONTH, at, number=own))
        path = scaling_path_status(
            at,
            verified=verified,
            partner_verified=partner_verified,
            unique_30d=reached,
            templates_high_quality=templates_high_quality,
            policy=policy,
        )
        return UpgradeAnswer(
            eligible=path.complete,
            reason=UpgradeReason.SCALING_PATH_COMPLETE
            if path.complete
            else UpgradeReason.SCALING_PATH_REQUIRED,
            tier=tier,
            next_tier=path.target,
            due_by=None,
            criteria_met_at=None,
            message=path.message,
        )
    since = None if tier_since is None else require_aware(tier_since, "tier_since")
    start = at - _WEEK if since is None else max(at - _WEEK, since - _TICK)  # (start, at]
    firsts = book.first_deliveries(start, at, number=own)
    needed = users_needed(rule, tier)
    met = firsts[needed - 1] if tier.is_known and 0 < needed <= len(firsts) else None
    return auto_scale(
        at,
        tier,
        unique_7d=len(firsts),
        qualities=qualities,
        connected=connected,
        tier_since=since,
        criteria_met_at=met,
        policy=policy,
    )

"""The eras of Meta's messaging limits: which rule was in force at a moment.

Meta changed what a messaging limit counts, where it lives and how it grows several
times; wamsg picks the rule by the moment asked about (a send's time), never by
today's rule alone [rule meta.limits.eras]:

======  =============================  =========  ===================================
era     from (00:00 UTC)               scope      ladder
======  =============================  =========  ===================================
E0      —  (unverified trial)          number     1K → 10K → 100K → unlimited
E1      2022-01-01 (policy)            number     1K → 10K → 100K → unlimited
E2      2022-05-02                     number     50 → 1K → 10K → 100K → unlimited
E3      2023-01-30                     number     250 → 1K → 10K → 100K → unlimited
E4      2023-11-01                     number     250 → 1K → 10K → 100K → unlimited
E5      2025-10-07                     portfolio  250 → 2K → 10K → 100K → unlimited
E6      the account's move to the      portfolio  as E5 (shared by every partner
        new account model (H2 2026)               serving a number)
======  =============================  =========  ===================================

The E0/E1 boundary and the change of the upgrade rule inside E2 are not dated by any
source: :class:`~wamsg.limits.EraPolicy` holds them. The scope switches to the
portfolio at :data:`wamsg.accounts.PORTFOLIO_LIMITS_FROM` exactly.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import datetime

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import require_aware
from wamsg.accounts.dates import PORTFOLIO_LIMITS_FROM
from wamsg.errors import ValidationError
from wamsg.events.account_values import LimitTier
from wamsg.limits.dates import (
    UNVERIFIED_250_FROM,
    UNVERIFIED_MESSAGING_FROM,
    VOLUME_PATH_1K_FROM,
)
from wamsg.limits.policy import DEFAULT_POLICY, LimitsPolicy

__all__ = [
    "CountedEvent",
    "Ladder",
    "LimitEra",
    "LimitScope",
    "era_at",
    "portfolio_tier_after_migration",
    "unverified_starting_tier",
]


class LimitScope(str, enum.Enum):
    """Where a messaging limit lives: on each phone number, or on the business portfolio."""

    NUMBER = "number"
    PORTFOLIO = "portfolio"


class CountedEvent(str, enum.Enum):
    """What fills one slot of the limit in an era (always one unique user per slot)."""

    UNIQUE_CUSTOMER_NOTIFIED = "unique_customer_notified"
    """E0–E1: a unique customer reached by a business-initiated message."""
    BUSINESS_INITIATED_CONVERSATION = "business_initiated_conversation"
    """E2–E4: a business-initiated conversation with a unique customer, 24 h from its
    first delivered message (a template inside it opens no new slot)."""
    DELIVERED_OUTSIDE_WINDOW = "delivered_outside_window"
    """E5+: a unique user delivered to outside a customer service window."""


class LimitEra(str, enum.Enum):
    """An era of Meta's messaging-limit rules; :func:`era_at` picks one by date."""

    E0_TRIAL = "E0"
    E1_DOUBLE = "E1"
    E2_UNVERIFIED_50 = "E2"
    E3_UNVERIFIED_250 = "E3"
    E4_1K_NO_BV = "E4"
    E5_PORTFOLIO = "E5"
    E6_ACCOUNT_MODEL = "E6"

    @property
    def scope(self) -> LimitScope:
        """Per number before 2025-10-07, per portfolio since [rule meta.limits.portfolio]."""
        return _SCOPES[self]

    @property
    def counted_event(self) -> CountedEvent:
        """What fills a slot in this era [rule meta.limits.conversation-count]."""
        return _COUNTED[self]

    @property
    def ladder(self) -> Ladder:
        """The tiers of this era, lowest first."""
        return _LADDERS[self]

    @property
    def counts_conversations(self) -> bool:
        """True when a slot is a 24 h conversation that later templates do not extend."""
        return _COUNTED[self] is CountedEvent.BUSINESS_INITIATED_CONVERSATION


_VALUES: dict[LimitTier, float] = {
    tier: float("inf") if tier is LimitTier.TIER_UNLIMITED else float(tier.limit or 0)
    for tier in LimitTier
    if tier.is_known
}


def _steps(value: Iterable[LimitTier]) -> tuple[LimitTier, ...]:
    return check.as_tuple(value)  # type: ignore[no-any-return]


@attrs.frozen
class Ladder:
    """The tiers of an era, lowest first; :meth:`next` and :meth:`prev` move one step.

    A tier that is not a step of this ladder (a legacy ``TIER_1K`` after 2025-10-07)
    moves to the nearest step above or below it by its value; ``NOT_SET`` and
    ``UNKNOWN`` have no neighbours (None).
    """

    steps: tuple[LimitTier, ...] = attrs.field(
        converter=_steps, validator=check.tuple_of(LimitTier)
    )

    def __contains__(self, tier: object) -> bool:
        return tier in self.steps

    @property
    def lowest(self) -> LimitTier:
        """The tier a business starts from in this era."""
        return self.steps[0]

    def next(self, tier: LimitTier) -> LimitTier | None:
        """The next tier up, or None at the top (unlimited) or for an unknown tier."""
        value = _VALUES.get(check.of(tier, LimitTier, "tier"))
        if value is None:
            return None
        return next((step for step in self.steps if _VALUES[step] > value), None)

    def prev(self, tier: LimitTier) -> LimitTier | None:
        """The next tier down, or None at the bottom or for an unknown tier."""
        value = _VALUES.get(check.of(tier, LimitTier, "tier"))
        if value is None:
            return None
        below = [step for step in self.steps if _VALUES[step] < value]
        return below[-1] if below else None


_T = LimitTier
_CLASSIC = Ladder((_T.TIER_1K, _T.TIER_10K, _T.TIER_100K, _T.TIER_UNLIMITED))
_LADDERS = {
    LimitEra.E0_TRIAL: _CLASSIC,
    LimitEra.E1_DOUBLE: _CLASSIC,
    LimitEra.E2_UNVERIFIED_50: Ladder((_T.TIER_50, *_CLASSIC.steps)),
    LimitEra.E3_UNVERIFIED_250: Ladder((_T.TIER_250, *_CLASSIC.steps)),
    LimitEra.E4_1K_NO_BV: Ladder((_T.TIER_250, *_CLASSIC.steps)),
    LimitEra.E5_PORTFOLIO: Ladder(
        (_T.TIER_250, _T.TIER_2K, _T.TIER_10K, _T.TIER_100K, _T.TIER_UNLIMITED)
    ),
}  # [rule meta.limits.e1-double] [rule meta.limits.ladder-2k]
_LADDERS[LimitEra.E6_ACCOUNT_MODEL] = _LADDERS[LimitEra.E5_PORTFOLIO]
_SCOPES = dict.fromkeys(LimitEra, LimitScope.NUMBER) | {
    LimitEra.E5_PORTFOLIO: LimitScope.PORTFOLIO,
    LimitEra.E6_ACCOUNT_MODEL: LimitScope.PORTFOLIO,  # [rule meta.limits.account-model]
}
_COUNTED = {
    LimitEra.E0_TRIAL: CountedEvent.UNIQUE_CUSTOMER_NOTIFIED,
    LimitEra.E1_DOUBLE: CountedEvent.UNIQUE_CUSTOMER_NOTIFIED,
    LimitEra.E2_UNVERIFIED_50: CountedEvent.BUSINESS_INITIATED_CONVERSATION,
    LimitEra.E3_UNVERIFIED_250: CountedEvent.BUSINESS_INITIATED_CONVERSATION,
    LimitEra.E4_1K_NO_BV: CountedEvent.BUSINESS_INITIATED_CONVERSATION,
    LimitEra.E5_PORTFOLIO: CountedEvent.DELIVERED_OUTSIDE_WINDOW,
    LimitEra.E6_ACCOUNT_MODEL: CountedEvent.DELIVERED_OUTSIDE_WINDOW,
}
_DATED = (
    (PORTFOLIO_LIMITS_FROM, LimitEra.E5_PORTFOLIO),
    (VOLUME_PATH_1K_FROM, LimitEra.E4_1K_NO_BV),
    (UNVERIFIED_250_FROM, LimitEra.E3_UNVERIFIED_250),
    (UNVERIFIED_MESSAGING_FROM, LimitEra.E2_UNVERIFIED_50),
)


def era_at(
    at: datetime,
    *,
    account_model_from: datetime | None = None,
    policy: LimitsPolicy = DEFAULT_POLICY,
) -> LimitEra:
    """The era whose rules apply at ``at`` (see the module docs for the timeline).

    ``account_model_from`` is when the account moved to Meta's new account model
    (one WhatsApp Business Account per number, one Messaging Account per partner);
    Meta rolls it out per account, so only the caller knows. From then on (and not
    before 2025-10-07) the era is E6. Raises :class:`~wamsg.errors.ValidationError`
    for a naive ``at``.
    """
    at = require_aware(at, "at")
    if account_model_from is not None:
        moved = require_aware(account_model_from, "account_model_from")
        if at >= moved and at >= PORTFOLIO_LIMITS_FROM:
            return LimitEra.E6_ACCOUNT_MODEL
    for start, era in _DATED:
        if at >= start:
            return era
    return LimitEra.E1_DOUBLE if at >= policy.eras.e1_from else LimitEra.E0_TRIAL


def unverified_starting_tier(
    at: datetime, *, policy: LimitsPolicy = DEFAULT_POLICY
) -> LimitTier | None:
    """The limit an unverified business starts with at ``at``.

    ``TIER_50`` from 2022-05-02 (and in E1, "Unverified Trial Tier: 50"), ``TIER_250``
    from 2023-01-30 [rule meta.limits.unverified-50] [rule meta.limits.unverified-250];
    None in the trial era E0, which had no tier: business-initiated messages to 2
    numbers, 10 a day, for 30 days [rule meta.limits.trial].
    """
    era = era_at(at, policy=policy)
    if era is LimitEra.E0_TRIAL:
        return None
    if era in (LimitEra.E1_DOUBLE, LimitEra.E2_UNVERIFIED_50):
        return LimitTier.TIER_50
    return LimitTier.TIER_250


_E5_FLOOR = LimitTier.TIER_250


def portfolio_tier_after_migration(
    number_tiers: Iterable[LimitTier], *, policy: LimitsPolicy = DEFAULT_POLICY
) -> LimitTier:
    """The portfolio's limit on 2025-10-07: the highest limit among its numbers.

    [rule meta.limits.migration] Each number's tier is first read on the new ladder:
    ``TIER_1K`` becomes :attr:`~wamsg.limits.UpgradePolicy.migrated_1k_tier`
    (``TIER_2K`` by default; Meta does not say), ``TIER_50`` the new floor
    ``TIER_250``; ``NOT_SET`` and ``UNKNOWN`` are skipped. A portfolio with no known
    tier starts at ``TIER_250``, like a new one.
    """
    check.iterable(number_tiers, "number_tiers")
    policy = check.of(policy, LimitsPolicy, "policy")
    best: LimitTier = _E5_FLOOR
    for tier in number_tiers:
        if not isinstance(tier, LimitTier):
            raise ValidationError("must be a LimitTier", field="number_tiers[]", value=tier)
        mapped = _on_new_ladder(tier, policy)
        if mapped is not None and _VALUES[mapped] > _VALUES[best]:
            best = mapped
    return best


def _on_new_ladder(tier: LimitTier, policy: LimitsPolicy) -> LimitTier | None:
    if tier is LimitTier.TIER_1K:
        return policy.upgrades.migrated_1k_tier
    if tier is LimitTier.TIER_50:
        return _E5_FLOOR
    return tier if tier.is_known else None

"""Every parameter of :mod:`wamsg.limits` that no source states, named, with its default.

Meta publishes the rules; where it leaves a gap (an undated change, an unstated
formula, an ambiguous count) wamsg fills it with a documented choice, never a silent
constant. Each area has its policy object; :class:`LimitsPolicy` bundles them, and
every function of :mod:`wamsg.limits` that depends on one takes ``policy=``
(:data:`DEFAULT_POLICY` by default). A policy is the caller's own configuration, so a
bad value is a :class:`~wamsg.errors.ValidationError` naming the field.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import attrs
import pendulum

from wamsg._internal import fields as check
from wamsg._internal.json import require_aware
from wamsg.accounts.dates import PORTFOLIO_LIMITS_FROM
from wamsg.errors import ValidationError
from wamsg.events.account_values import LimitTier, QualityRating
from wamsg.limits.dates import UNVERIFIED_MESSAGING_FROM
from wamsg.limits.regions import MARKETING_CAP_EXEMPT_CALLING_CODES

__all__ = [
    "DEFAULT_POLICY",
    "CountingPolicy",
    "EraPolicy",
    "LimitsPolicy",
    "MarketingPolicy",
    "PairRatePolicy",
    "QuotaPolicy",
    "RetryPolicy",
    "UpgradePolicy",
]

_UTC = timezone.utc

_MAX_BURST = 10_000
"""The largest pair-rate burst (far beyond Meta's 45): ``interval × burst`` stays a
duration ``datetime`` arithmetic takes."""


def _e1_from(value: object) -> datetime:
    return require_aware(value, "eras.e1_from")


def _half_rule_from(value: object) -> datetime:
    return require_aware(value, "eras.half_rule_from")


@attrs.frozen(kw_only=True)
class EraPolicy:
    """The two era boundaries that no source dates [rule meta.limits.eras].

    - ``e1_from``: the end of Meta's unverified *trial* (E0) and start of the
      quality-based tiers (E1). The trial is documented for 2020–21 and the tiers'
      pages for 2022, so the default is 2022-01-01T00:00Z.
    - ``half_rule_from``: when the upgrade rule changed from "2× the limit in 7 days,
      48 h at the tier" to "half the limit in 7 days, +1 within 24 h". Not dated by
      any source; the E1 rule is taken as valid up to 2022-12-31, so the default is
      2023-01-01T00:00Z.
    """

    e1_from: datetime = attrs.field(default=datetime(2022, 1, 1, tzinfo=_UTC), converter=_e1_from)
    half_rule_from: datetime = attrs.field(
        default=datetime(2023, 1, 1, tzinfo=_UTC), converter=_half_rule_from
    )

    def __attrs_post_init__(self) -> None:
        if self.e1_from > UNVERIFIED_MESSAGING_FROM:
            raise ValidationError(
                "the trial era ends at the latest when unverified messaging began, 2022-05-02",
                field="eras.e1_from",
                value=self.e1_from,
            )
        if not self.e1_from <= self.half_rule_from <= PORTFOLIO_LIMITS_FROM:
            raise ValidationError(
                "must lie between e1_from and 2025-10-07",
                field="eras.half_rule_from",
                value=self.half_rule_from,
            )


@attrs.frozen(kw_only=True)
class CountingPolicy:
    """What fills a slot of the limit where Meta does not say [rule meta.limits.counting].

    - ``count_user_once_per_portfolio`` (default True): a user reached from two
      numbers of one portfolio is one unique user (Meta counts "unique WhatsApp user
      phone numbers" at the portfolio level); False counts each (number, user) pair.
    - ``pending_holds_slot`` (default True): a send with no delivery status yet
      holds its user's slot from the send time until it fails (a delivery then
      moves the slot to the delivery time). False counts deliveries only.
    """

    count_user_once_per_portfolio: bool = attrs.field(
        default=True, validator=check.under("counting", check.flag)
    )
    pending_holds_slot: bool = attrs.field(
        default=True, validator=check.under("counting", check.flag)
    )


def _quality(value: object) -> QualityRating:
    if isinstance(value, QualityRating) and value is not QualityRating.UNKNOWN:
        return value
    return QualityRating.strict(value, "upgrades.portfolio_min_quality")


def _tier(value: object) -> LimitTier:
    field = "upgrades.migrated_1k_tier"
    tier = value if isinstance(value, LimitTier) else LimitTier.strict(value, field)
    if not tier.is_known:
        raise ValidationError("must be a tier of the ladder", field=field, value=value)
    return tier


@attrs.frozen(kw_only=True)
class UpgradePolicy:
    """Readings of the upgrade and migration rules [rule meta.limits.auto-scale-6h].

    - ``portfolio_min_quality`` (default ``GREEN``): the rating every number needs
      for Meta's "high-quality messages across all of your business phone numbers"
      (from 2025-10-07; Meta's "high" is ``GREEN``).
    - ``unrated_passes_quality`` (default False): whether a number not yet rated
      (``NA``/``UNKNOWN``) passes a quality gate.
    - ``migrated_1k_tier`` (default ``TIER_2K``): what a per-number ``TIER_1K``
      became at the 2025-10-07 migration (not stated by Meta; a provider's sample shows
      a ``TIER_1K`` number in a ``TIER_2K`` portfolio) [rule meta.limits.migration].

    "Half of the current limit in the last 7 days" is read as cumulative unique users
    over the 7 days (the 2023–25 texts say so), not a peak day.
    """

    portfolio_min_quality: QualityRating = attrs.field(
        default=QualityRating.GREEN, converter=_quality
    )
    unrated_passes_quality: bool = attrs.field(
        default=False, validator=check.under("upgrades", check.flag)
    )
    migrated_1k_tier: LimitTier = attrs.field(default=LimitTier.TIER_2K, converter=_tier)


@attrs.frozen(kw_only=True)
class PairRatePolicy:
    """The pair rate (one number, one user) as a virtual clock [rule meta.pair-rate.limit].

    Meta's figures: one message every 6 s (``interval``), bursts of up to 45
    (``burst``) that borrow against later quota. Meta gives no formula; wamsg paces
    with a GCRA clock: a send at ``t`` is allowed while ``max(v, t) − t <
    interval × burst`` and moves ``v`` to ``max(v, t) + interval``. A conservative
    client-side pacing, not a prediction of when Meta answers 131056.
    """

    interval: timedelta = attrs.field(
        default=timedelta(seconds=6), validator=check.under("pair_rate", check.duration())
    )
    burst: int = attrs.field(
        default=45, validator=check.under("pair_rate", check.integer(1, _MAX_BURST))
    )

    @property
    def ceiling(self) -> timedelta:
        """How far the virtual clock may run ahead of the present: ``interval × burst``."""
        return self.interval * self.burst


@attrs.frozen(kw_only=True)
class RetryPolicy:
    """The waits Meta does not state exactly.

    [rule meta.throughput.retry] [rule meta.pair-rate.retry]

    - 130429 (throughput exceeded): Meta says "retry with backoff" without a formula;
      wamsg waits ``throughput_base × throughput_factor ** attempt``, at most
      ``throughput_cap`` (1 s, 2 s, 4 s … 64 s by default).
    - 131056 (pair rate): Meta's 4^attempt seconds, at most ``pair_rate_cap``
      (default 24 h, far beyond the 270 s a pair's burst takes to refill).
    """

    throughput_base: timedelta = attrs.field(
        default=timedelta(seconds=1), validator=check.under("retry", check.duration())
    )
    throughput_factor: int = attrs.field(
        default=2, validator=check.under("retry", check.integer(1, check.MAX_COUNT))
    )
    throughput_cap: timedelta = attrs.field(
        default=timedelta(seconds=64), validator=check.under("retry", check.duration())
    )
    pair_rate_cap: timedelta = attrs.field(
        default=timedelta(hours=24), validator=check.under("retry", check.duration())
    )


def _codes(value: object) -> frozenset[str]:
    field = "marketing.exempt_calling_codes"
    if isinstance(value, str) or not isinstance(value, (set, frozenset, tuple, list)):
        raise ValidationError("must be a set of calling codes", field=field, value=value)
    for code in value:
        if type(code) is not str or not code.isdigit() or not 1 <= len(code) <= 3:
            raise ValidationError(
                "must be calling codes of 1 to 3 digits", field=field, value=code
            )
    return frozenset(value)


@attrs.frozen(kw_only=True)
class MarketingPolicy:
    """Readings of Meta's marketing rules.

    [rule meta.marketing.exempt-regions] [rule meta.marketing.us-pause]

    - ``exempt_calling_codes``: where the business number or the user must be for the
      per-user cap not to apply (:data:`~wamsg.limits.regions.MARKETING_CAP_EXEMPT_CALLING_CODES`:
      EEA, UK, JP, KR, matched on the country calling code).
    - ``us_territories_paused`` (default True): whether the US marketing pause covers
      the US territories' area codes (PR, GU, VI, AS, MP). They are US area codes in
      the NANP; Meta's pricing puts Puerto Rico in "Rest of Latin America", so set
      False to read "US area code" as the fifty states and DC only.
    """

    exempt_calling_codes: frozenset[str] = attrs.field(
        default=MARKETING_CAP_EXEMPT_CALLING_CODES, converter=_codes
    )
    us_territories_paused: bool = attrs.field(
        default=True, validator=check.under("marketing", check.flag)
    )


def _zone(value: object) -> str:
    if type(value) is not str or not value:
        raise ValidationError(
            "must be an IANA time zone name", field="quotas.time_zone", value=value
        )
    try:
        pendulum.timezone(value)
    except Exception:  # pendulum raises its own InvalidTimezone
        raise ValidationError(
            "unknown IANA time zone", field="quotas.time_zone", value=value
        ) from None
    return value


@attrs.frozen(kw_only=True)
class QuotaPolicy:
    """Provider quotas that depend on the plan [rule sunshine.quota.mau].

    - ``time_zone`` (default ``"UTC"``): where Sunshine Conversations' calendar month
      starts (Zendesk does not say).
    - ``included_monthly_active_users`` and ``included_notifications`` (1,000 each):
      what Zendesk Suite Professional and above include per month (a Zendesk staff
      answer; check your plan).
    """

    time_zone: str = attrs.field(default="UTC", converter=_zone)
    included_monthly_active_users: int = attrs.field(
        default=1_000, validator=check.under("quotas", check.integer(0, check.MAX_COUNT))
    )
    included_notifications: int = attrs.field(
        default=1_000, validator=check.under("quotas", check.integer(0, check.MAX_COUNT))
    )


@attrs.frozen(kw_only=True)
class LimitsPolicy:
    """Every inferred parameter of :mod:`wamsg.limits`, by area, with documented defaults."""

    eras: EraPolicy = attrs.field(factory=EraPolicy, validator=check.instance(EraPolicy))
    counting: CountingPolicy = attrs.field(
        factory=CountingPolicy, validator=check.instance(CountingPolicy)
    )
    upgrades: UpgradePolicy = attrs.field(
        factory=UpgradePolicy, validator=check.instance(UpgradePolicy)
    )
    pair_rate: PairRatePolicy = attrs.field(
        factory=PairRatePolicy, validator=check.instance(PairRatePolicy)
    )
    retry: RetryPolicy = attrs.field(factory=RetryPolicy, validator=check.instance(RetryPolicy))
    marketing: MarketingPolicy = attrs.field(
        factory=MarketingPolicy, validator=check.instance(MarketingPolicy)
    )
    quotas: QuotaPolicy = attrs.field(factory=QuotaPolicy, validator=check.instance(QuotaPolicy))


DEFAULT_POLICY = LimitsPolicy()
"""The policy every function of :mod:`wamsg.limits` uses unless given another."""

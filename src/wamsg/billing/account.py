"""The billed account: its time zone, currency and the configurable, dated rules.

Meta switches rules, moves markets and resets monthly counters at **00:00 in the
WABA's time zone** ([rule meta.pricing.waba-midnight]). A :class:`BillingAccount`
turns those local dates into UTC instants once, so that pricing a message is an int
comparison, not a time-zone conversion.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from datetime import date, datetime

import attrs
import pendulum

from wamsg._internal import fields as check
from wamsg._internal.json import UNIX_LATEST, UTC, require_aware
from wamsg._internal.zones import time_zone
from wamsg.billing.charges import Period
from wamsg.billing.markets import market_changes, market_table
from wamsg.errors import ValidationError

__all__ = ["BillingAccount", "ServiceFreeTier", "parse_month"]

# Rule dates, each at 00:00 WABA time [rule meta.pricing.waba-midnight], in order:
# [rule meta.pricing.cbp.2022-02-01] [rule meta.pricing.cbp.2023-06-01]
# [rule meta.pricing.cbp.service-free] [rule meta.pricing.pmp.2025-07-01]
# [rule meta.pricing.pmp.2026-10-01].
_CBP_START = date(2022, 2, 1)  # conversation-based pricing replaces notifications
_CBP_CATEGORIES = date(2023, 6, 1)  # marketing / utility / authentication / service
_SERVICE_FREE = date(2024, 11, 1)  # service conversations free and unlimited
_PMP_START = date(2025, 7, 1)  # per-message pricing; in-window utility free
_SERVICE_CHARGED = date(2026, 10, 1)  # service and in-window utility charged

_PERIOD_STARTS = (
    (_CBP_START, Period.CBP_2022),
    (_CBP_CATEGORIES, Period.CBP_2023),
    (_SERVICE_FREE, Period.CBP_2024),
    (_PMP_START, Period.PMP_2025),
    (_SERVICE_CHARGED, Period.PMP_2026),
)

# 1,000 free service messages per business phone number per calendar month from
# 2026-10-01: reported from Meta's pricing page of 2026-09-30 by most sources; Meta's
# non-template page of 2026-09-11 does not mention it and one source says per WABA
# (disputed, so configurable) [rule meta.pricing.service-free-tier].
_SERVICE_FREE_LIMIT = 1000
# 1,000 free conversations per WABA per month under CBP, 2022-02-01 … 2024-10-31: any
# conversation before 2023-06-01, service only after [rule meta.pricing.cbp.free-tier.any]
# [rule meta.pricing.cbp.free-tier.service].
_CBP_FREE_LIMIT = 1000


def _first_of_month(_instance: object, _attribute: object, value: object) -> None:
    if not isinstance(value, date) or isinstance(value, datetime) or value.day != 1:
        raise ValidationError(
            "must be the first day of a month (allowances count per month)",
            field="effective",
            value=value,
        )


def _positive(_instance: object, _attribute: object, value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValidationError("must be a non-negative integer", field="limit", value=value)


def _scope(_instance: object, _attribute: object, value: object) -> None:
    if value not in ("number", "waba"):
        raise ValidationError("must be 'number' or 'waba'", field="per", value=value)


@attrs.frozen(kw_only=True)
class ServiceFreeTier:
    """The free allowance of service messages per month from ``effective`` (PMP only).

    Default: 1,000 delivered service messages per business phone number per
    month from 2026-10-01 ([rule meta.pricing.service-free-tier], disputed: see the
    module source).
    ``per="waba"`` counts across all the WABA's numbers instead.
    """

    limit: int = attrs.field(default=_SERVICE_FREE_LIMIT, validator=_positive)
    per: str = attrs.field(default="number", validator=_scope)
    effective: date = attrs.field(default=_SERVICE_CHARGED, validator=_first_of_month)


def _time_zone(_instance: object, _attribute: object, value: object) -> None:
    time_zone(value, "time_zone")


def _currency(_instance: object, _attribute: object, value: object) -> None:
    if not (isinstance(value, str) and len(value) == 3 and value.isalpha() and value.isupper()):
        raise ValidationError(
            "must be an ISO 4217 code such as 'USD'", field="currency", value=value
        )


def _auth_intl(value: Mapping[str, datetime]) -> Mapping[str, float]:
    if not isinstance(value, Mapping):
        raise ValidationError(
            "must map market names to start times",
            field="authentication_international",
            value=value,
        )
    out: dict[str, float] = {}
    for market, start in value.items():
        if not isinstance(market, str):
            raise ValidationError(
                "keys must be market names", field="authentication_international", value=market
            )
        out[market] = require_aware(start, f"authentication_international[{market}]").timestamp()
    return out


@attrs.frozen(kw_only=True)
class BillingAccount:
    """A WABA as billing sees it.

    - ``time_zone``: the WABA's IANA time zone; rules switch and months reset at
      00:00 there.
    - ``currency``: the WABA's billing currency (selects the rate card).
    - ``service_free_tier``: the dated free allowance of service messages, or
      None to disable it.
    - ``business_country`` and ``authentication_international``: the business's
      primary location (ISO region) and, per market, the start time of its
      authentication-international rate (WABA field
      ``auth_international_rate_eligibility``; [rule meta.pricing.auth-international]).
      Authentication templates to a recipient in another country, on or after
      the start, are priced as ``authentication_international``.
    """

    time_zone: str = attrs.field(default="UTC", validator=_time_zone)
    currency: str = attrs.field(default="USD", validator=_currency)
    service_free_tier: ServiceFreeTier | None = attrs.field(
        default=ServiceFreeTier(), validator=check.opt_instance(ServiceFreeTier)
    )
    business_country: str | None = attrs.field(default=None, validator=check.opt_text)
    authentication_international: Mapping[str, float] = attrs.field(
        factory=dict, converter=_auth_intl, hash=False
    )
    _period_instants: tuple[float, ...] = attrs.field(init=False, eq=False, repr=False)
    _market_instants: tuple[float, ...] = attrs.field(init=False, eq=False, repr=False)
    _market_tables: tuple[Mapping[str, str], ...] = attrs.field(init=False, eq=False, repr=False)
    _service_free_from: float = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        periods = tuple(self.instant(day) for day, _period in _PERIOD_STARTS)
        days = market_changes()
        tables = (market_table(_CBP_START), *(market_table(day) for day in days))
        object.__setattr__(self, "_period_instants", periods)
        object.__setattr__(self, "_market_instants", tuple(self.instant(d) for d in days))
        object.__setattr__(self, "_market_tables", tables)
        tier = self.service_free_tier
        start = float(UNIX_LATEST) if tier is None else self.instant(tier.effective)
        object.__setattr__(self, "_service_free_from", start)

    def instant(self, day: date) -> float:
        """The UTC timestamp of 00:00 on ``day`` in the WABA's time zone."""
        check.argument(day, date, "day")
        zone = pendulum.timezone(self.time_zone)
        return datetime(day.year, day.month, day.day, tzinfo=zone).timestamp()

    def local_date(self, at: datetime) -> date:
        """The WABA-local calendar date of ``at``."""
        moment = require_aware(at, "at")
        return pendulum.instance(moment).in_timezone(self.time_zone).date()

    def period_at(self, timestamp: float) -> Period:
        """The pricing period in force at a UTC timestamp."""
        timestamp = check.unix_time(timestamp, "timestamp")
        index = bisect_right(self._period_instants, timestamp)
        if index == 0:
            raise ValidationError(
                "before 2022-02-01 WhatsApp used notification-based pricing, "
                "which wamsg does not model",
                field="at",
                value=datetime.fromtimestamp(timestamp, UTC),
            )
        return _PERIOD_STARTS[index - 1][1]

    def market_table_at(self, timestamp: float) -> Mapping[str, str]:
        """The region → market table in force at a UTC timestamp."""
        timestamp = check.unix_time(timestamp, "timestamp")
        return self._market_tables[bisect_right(self._market_instants, timestamp)]

    def month_bounds(self, month: str) -> tuple[float, float]:
        """UTC timestamps ``[start, end)`` of the WABA-local month ``"YYYY-MM"``."""
        first = parse_month(month)
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return self.instant(first), self.instant(following)

    def month_at(self, timestamp: float) -> str:
        """The WABA-local month ``"YYYY-MM"`` of a UTC timestamp."""
        timestamp = check.unix_time(timestamp, "timestamp")
        moment = datetime.fromtimestamp(timestamp, pendulum.timezone(self.time_zone))
        return f"{moment.year:04d}-{moment.month:02d}"

    def free_allowance(self, period: Period, timestamp: float) -> tuple[int, str] | None:
        """The monthly free allowance ``(limit, per)`` at a timestamp, None when none.

        - conversation-based, before 2023-06-01: 1,000 conversations of any kind
          per WABA per month [rule meta.pricing.cbp.free-tier.any];
        - 2023-06-01 … 2024-10-31: 1,000 *service* conversations per WABA per
          month [rule meta.pricing.cbp.free-tier.service] (the caller counts only
          service conversations);
        - per-message, from :attr:`service_free_tier` ``.effective``: that tier.
        """
        check.argument(period, Period, "period")
        timestamp = check.unix_time(timestamp, "timestamp")
        if period is Period.CBP_2022 or period is Period.CBP_2023:
            return _CBP_FREE_LIMIT, "waba"
        tier = self.service_free_tier
        if period is not Period.PMP_2026 or tier is None or timestamp < self._service_free_from:
            return None
        return tier.limit, tier.per

    def authentication_international_from(self, market: str) -> float | None:
        """Start timestamp of the authentication-international rate for ``market``."""
        check.argument(market, str, "market")
        return self.authentication_international.get(market)


def parse_month(month: object) -> date:
    """Read ``"YYYY-MM"`` into the first day of that month."""
    if not isinstance(month, str) or len(month) != 7 or month[4] != "-":
        raise ValidationError("must be a month 'YYYY-MM'", field="month", value=month)
    try:
        return date(int(month[:4]), int(month[5:]), 1)
    except ValueError:
        raise ValidationError("must be a month 'YYYY-MM'", field="month", value=month) from None

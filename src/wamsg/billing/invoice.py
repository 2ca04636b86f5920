"""What a month costs: ledger counts priced with a rate card.

Lines are per market × category (the portfolio-level aggregation of volume
tiers, [rule meta.pricing.volume-tiers]), billable messages only. Volume tiers apply
to utility, authentication and authentication-international under per-message
pricing; authentication-international continues the authentication count
("tiers carry over", [rule meta.pricing.volume-tiers.carry-over]). Service messages
have no tiers ([rule meta.pricing.service-rate]). An unknown
rate makes the line's amount :data:`~wamsg.billing.UNKNOWN`; the total is the
sum of the known lines, and :attr:`Invoice.complete` says whether that is all.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import attrs

from wamsg.billing.charges import Period, Reason
from wamsg.billing.rate_cards import UNKNOWN, Rate, RateCard

__all__ = ["TIERED", "Invoice", "Line"]

# Volume tiers: utility and authentication only, per-message pricing only
# (from 2025-07-01) [rule meta.pricing.volume-tiers]; never service
# [rule meta.pricing.service-rate].
TIERED = ("utility", "authentication", "authentication_international")
"""The categories priced by monthly volume tiers (per-message pricing only)."""


@attrs.frozen(kw_only=True)
class Line:
    """Billable messages of one market × category in the month, and their price."""

    market: str
    category: str
    count: int
    amount: Rate
    rate: Rate


@attrs.frozen(kw_only=True)
class Invoice:
    """A month priced in one currency.

    ``lines`` are the billable lines (those with an unknown amount included),
    ``free`` the free messages per reason, ``by_number`` the settled counts per
    (business number, market, category, reason), ``total`` the sum of the known
    amounts and ``unknown`` the lines whose rate is unknown.
    """

    month: str
    currency: str
    card: str | None
    unit: str
    lines: tuple[Line, ...]
    free: tuple[tuple[str, int], ...]
    by_number: tuple[tuple[str, str, str, str, int], ...]
    total: Decimal

    @property
    def unknown(self) -> tuple[Line, ...]:
        """The lines whose amount is unknown (their rate is missing from the card)."""
        return tuple(line for line in self.lines if line.amount is UNKNOWN)

    @property
    def complete(self) -> bool:
        """True when every billable line has a known amount."""
        return not self.unknown

    @property
    def billable(self) -> int:
        """How many messages (or conversations) are charged."""
        return sum(line.count for line in self.lines)


def invoice_of(
    month: str,
    period: Period,
    settled: Mapping[tuple[str, str, str, Reason], int],
    card: RateCard | None,
    currency: str | None,
) -> Invoice:
    """Price settled ledger counts (see :meth:`MonthLedger.invoice`)."""
    billable: dict[tuple[str, str], int] = {}
    free: dict[str, int] = {}
    for (_business, market, category, reason), count in settled.items():
        if reason is Reason.REGULAR:
            billable[(market, category)] = billable.get((market, category), 0) + count
        else:
            free[reason.value] = free.get(reason.value, 0) + count
    tiered = period.model == "PMP"
    lines = tuple(_line(card, key, billable, tiered) for key in sorted(billable))
    total = sum((line.amount for line in lines if isinstance(line.amount, Decimal)), Decimal(0))
    return Invoice(
        month=month,
        currency=card.currency if card is not None else (currency or "USD"),
        card=None if card is None else card.name,
        unit="message" if tiered else "conversation",
        lines=lines,
        free=tuple(sorted(free.items())),
        by_number=tuple(sorted((b, m, c, r.value, n) for (b, m, c, r), n in settled.items())),
        total=total,
    )


def _line(
    card: RateCard | None,
    key: tuple[str, str],
    billable: Mapping[tuple[str, str], int],
    tiered: bool,
) -> Line:
    market, category = key
    count = billable[key]
    if card is None:
        return Line(market=market, category=category, count=count, amount=UNKNOWN, rate=UNKNOWN)
    before = 0
    if category == "authentication_international":
        # [rule meta.pricing.volume-tiers.carry-over]
        before = billable.get((market, "authentication"), 0)
    if tiered and category in TIERED:
        amount = card.cost(market, category, count, before=before)
    else:
        rate = card.rate(market, category)
        amount = UNKNOWN if rate is UNKNOWN else rate * count
    return Line(
        market=market,
        category=category,
        count=count,
        amount=amount,
        rate=card.rate(market, category),
    )

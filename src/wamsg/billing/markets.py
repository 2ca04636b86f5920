"""Pricing markets: which rate-card row a recipient's number is priced at.

Meta prices a message by the recipient's country calling code, "plus the network
prefix where relevant" ([rule meta.pricing.market]): the
standalone countries, North America, six "Rest of …" regions and "Other".
North-American (+1) numbers are matched on the area code: the Dominican Republic
(809, 829, 849), Jamaica (658, 876) and Puerto Rico (787, 939) are *Rest of Latin
America*; other Caribbean +1 countries are *Other*. :attr:`PhoneNumber.region`
already resolves the area code, so the table maps regions to markets.

The table is dated (packaged data ``data/markets.json``):

- 2025-10-01: Zimbabwe moves from Other to Rest of Africa
  [rule meta.pricing.market.zw.2025-10-01];
- 2026-07-01: Qatar becomes standalone [rule meta.pricing.market.qa.2026-07-01];
- 2026-10-01: Bangladesh, Iraq, Nepal, Sri Lanka, Kazakhstan, Kuwait, Morocco,
  Oman and Ukraine become standalone [rule meta.pricing.market.nine.2026-10-01].

A move takes effect at 00:00 in the WABA's time zone, so the functions here take
the WABA-local calendar ``date``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import cache
from typing import cast

from wamsg._internal import data as _data
from wamsg._internal import fields as check
from wamsg._internal.json import JsonObject
from wamsg.errors import ValidationError
from wamsg.identity import PhoneNumber

__all__ = ["OTHER", "market_changes", "market_of", "market_table", "markets_on"]

OTHER = "Other"
"""The market of every region that no other market lists."""


@cache
def _base() -> tuple[dict[str, str], tuple[tuple[date, str, str], ...]]:
    data = cast(JsonObject, _data.load_json("markets.json"))
    table: dict[str, str] = {}
    for market, regions in cast(dict[str, list[str]], data["markets"]).items():
        for region in regions:
            table[region] = market
    changes = tuple(
        sorted(
            (date.fromisoformat(str(c["effective"])), str(c["region"]), str(c["market"]))
            for c in cast(list[dict[str, str]], data["changes"])
        )
    )
    return table, changes


def market_changes() -> tuple[date, ...]:
    """The dates on which some region changes market, ascending and distinct."""
    return tuple(sorted({when for when, _region, _market in _base()[1]}))


def market_table(on: date) -> Mapping[str, str]:
    """The region → market table in force on the WABA-local date ``on``.

    Regions missing from it are in :data:`OTHER`. Cached per date: callers on a
    hot path look regions up in the returned mapping directly.
    """
    return _market_table(check.calendar_date(on, "on"))


@cache
def _market_table(on: date) -> Mapping[str, str]:
    base, changes = _base()
    table = dict(base)
    for when, region, market in changes:
        if when <= on:
            table[region] = market
    return table


def market_of(recipient: PhoneNumber, on: date) -> str:
    """The pricing market of ``recipient`` on the WABA-local date ``on``.

    >>> from datetime import date
    >>> market_of(PhoneNumber.parse("+18095550100"), date(2026, 11, 2))
    'Rest of Latin America'
    """
    if not isinstance(recipient, PhoneNumber):
        raise ValidationError("must be a PhoneNumber", field="recipient", value=recipient)
    region = recipient.region
    if region is None:
        return OTHER
    return market_table(on).get(region, OTHER)


def markets_on(on: date) -> frozenset[str]:
    """Every market name in force on ``on`` (including :data:`OTHER`)."""
    return frozenset(market_table(on).values()) | {OTHER}

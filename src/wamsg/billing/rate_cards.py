"""Rate cards: dated prices per market × category, as packaged data or the caller's own.

One JSON document per card (``wamsg/data/rate_cards/*.json``)::

    {"name": "meta-usd-2026-01-01", "currency": "USD", "effective": "2026-01-01",
     "unit": "message", "source": "…", "provenance": "transcribed", "note": "…",
     "rates": {"Brazil": {"marketing": "0.0625", "utility": "0.0068", …},
               "Argentina": "unknown", …},
     "tiers": {"India": {"utility": [{"from": 25000001, "to": 50000000,
                                      "rate": "unknown"}]}}}

- Money is :class:`~decimal.Decimal`, written as a string; never a float.
- A rate nobody has read is the string ``"unknown"`` (a whole market may be
  ``"unknown"``): a price is never invented, and an unknown rate is not 0.
  A market or category the card does not list is unknown too.
- ``provenance`` says where the figures come from (``"transcribed"``: copied
  from a third-party transcription of Meta's CSV; ``"inferred"``: derived from
  Meta's list of changes; ``"carried_forward"``: the previous card's figure,
  because the new card was not read; ``"official"``). A market object may carry
  its own ``"provenance"``.
- ``tiers`` lists volume tiers per market × category (graduated: the k-th
  charged message of the month is priced at the tier containing k; before the
  first listed tier, the card's rate applies; [rule meta.pricing.volume-tiers]).
- ``service`` falls back to the ``utility`` rate (from 2026-10-01 "rates for
  service messages are the same as the rates for utility and authentication",
  [rule meta.pricing.service-rate]); ``marketing_lite`` to ``marketing``
  ([rule meta.pricing.marketing-lite]).
- The card in force is the latest one effective on or before the day
  ([rule meta.pricing.rate-cards]); each packaged card cites its own rule
  (``meta.rates.…``) in its ``source``.

Packaged cards are read lazily, on first use, and cached.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import TypeAlias

import attrs

from wamsg._internal import data as _data
from wamsg._internal import fields as check
from wamsg._internal.decode import require_strict
from wamsg._internal.json import Json, req_mapping, req_str
from wamsg.errors import ValidationError

__all__ = ["UNKNOWN", "Rate", "RateCard", "RateCards", "Tier", "Unknown", "packaged_cards"]


class Unknown(enum.Enum):
    """The explicit "nobody knows this rate" value (never 0)."""

    UNKNOWN = "unknown"

    def __str__(self) -> str:
        return "unknown"


UNKNOWN = Unknown.UNKNOWN
"""An unknown rate or amount."""

Rate: TypeAlias = "Decimal | Unknown"
"""A price: a :class:`~decimal.Decimal` in the card's currency, or :data:`UNKNOWN`."""

_FALLBACK = {"service": "utility", "marketing_lite": "marketing"}
_PROVENANCES = frozenset({"official", "transcribed", "inferred", "carried_forward"})


def _rate(value: Json, field: str) -> Rate:
    if value == "unknown" or value is None:
        return UNKNOWN
    if not isinstance(value, str):
        raise ValidationError(
            "must be a decimal string such as '0.0250' or 'unknown' (never a float)",
            field=field,
            value=value,
        )
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise ValidationError("not a decimal number", field=field, value=value) from None
    if not amount.is_finite() or amount < 0:
        raise ValidationError("must be a finite, non-negative amount", field=field, value=value)
    return amount


@attrs.frozen(order=True)
class Tier:
    """A volume tier: messages number ``first`` … ``last`` (inclusive) of the month."""

    first: int
    last: int | None
    rate: Rate = attrs.field(order=False)


def _positive_int(value: Json, field: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValidationError("must be a positive integer", field=field, value=value)
    return value


def _tiers(value: Json, field: str) -> tuple[Tier, ...]:
    if not isinstance(value, list):
        raise ValidationError("must be a list of tiers", field=field, value=value)
    out = []
    for index, item in enumerate(value):
        where = f"{field}[{index}]"
        tier = req_mapping(item, where)
        last = tier.get("to")
        out.append(
            Tier(
                first=_positive_int(tier.get("from"), f"{where}.from"),
                last=None if last is None else _positive_int(last, f"{where}.to"),
                rate=_rate(tier.get("rate"), f"{where}.rate"),
            )
        )
    return tuple(sorted(out))


@attrs.frozen(kw_only=True)
class RateCard:
    """One dated rate card in one currency (see the module docs for the JSON form)."""

    name: str
    currency: str
    effective: date
    unit: str
    source: str
    provenance: str
    note: str = ""
    rates: Mapping[tuple[str, str], Rate] = attrs.field(factory=dict, hash=False)
    market_provenance: Mapping[str, str] = attrs.field(factory=dict, hash=False)
    tiers: Mapping[tuple[str, str], tuple[Tier, ...]] = attrs.field(factory=dict, hash=False)

    def rate(self, market: str, category: str) -> Rate:
        """The rate of one message (or conversation) of ``category`` in ``market``."""
        check.argument(market, str, "market")
        check.argument(category, str, "category")
        found = self.rates.get((market, category))
        if found is None and category in _FALLBACK:
            found = self.rates.get((market, _FALLBACK[category]))
        return UNKNOWN if found is None else found

    def provenance_of(self, market: str) -> str:
        """Where ``market``'s figures come from."""
        check.argument(market, str, "market")
        return self.market_provenance.get(market, self.provenance)

    def cost(self, market: str, category: str, count: int, *, before: int = 0) -> Rate:
        """The price of ``count`` charged messages after ``before`` others this month.

        Volume tiers are graduated: each message is priced at the tier that its
        position in the month falls in. Unknown as soon as one position is.
        """
        check.count(count, "count")
        check.count(before, "before")
        if count == 0:
            return Decimal(0)
        base = self.rate(market, category)
        tiers = self.tiers.get((market, category), ())
        total = Decimal(0)
        for first, last, rate in _segments(base, tiers):
            low = max(first, before + 1)
            high = before + count if last is None else min(last, before + count)
            if high < low:
                continue
            if rate is UNKNOWN:
                return UNKNOWN
            total += rate * (high - low + 1)
        return total

    @classmethod
    def from_dict(cls, data: object, field: str = "rate_card") -> RateCard:
        """Read a card's JSON form; raises :class:`ValidationError` naming the field."""
        mapping = req_mapping(data, field)
        require_strict(mapping, field)  # a dict built in Python: strict JSON only
        effective_text = req_str(mapping, "effective", field)
        try:
            effective = date.fromisoformat(effective_text)
        except ValueError:
            raise ValidationError(
                "must be a date YYYY-MM-DD", field=f"{field}.effective", value=effective_text
            ) from None
        provenance = mapping.get("provenance", "official")
        _check_provenance(provenance, f"{field}.provenance")
        rates, market_provenance = _read_rates(mapping.get("rates"), f"{field}.rates")
        return cls(
            name=req_str(mapping, "name", field),
            currency=req_str(mapping, "currency", field).upper(),
            effective=effective,
            unit=str(mapping.get("unit") or "message"),
            source=req_str(mapping, "source", field),
            provenance=str(provenance),
            note=str(mapping.get("note") or ""),
            rates=rates,
            market_provenance=market_provenance,
            tiers=_read_tiers(mapping.get("tiers"), f"{field}.tiers"),
        )


def _segments(base: Rate, tiers: tuple[Tier, ...]) -> Iterable[tuple[int, int | None, Rate]]:
    position = 1
    for tier in tiers:
        if tier.first > position:
            yield position, tier.first - 1, base
        yield tier.first, tier.last, tier.rate
        if tier.last is None:
            return
        position = tier.last + 1
    yield position, None, base


def _check_provenance(value: object, field: str) -> None:
    if not isinstance(value, str) or value not in _PROVENANCES:
        raise ValidationError(f"must be one of {sorted(_PROVENANCES)}", field=field, value=value)


def _read_rates(value: Json, field: str) -> tuple[dict[tuple[str, str], Rate], dict[str, str]]:
    markets = req_mapping(value, field)
    rates: dict[tuple[str, str], Rate] = {}
    provenance: dict[str, str] = {}
    for market, row in markets.items():
        where = f"{field}.{market}"
        if row == "unknown":
            continue
        for category, figure in req_mapping(row, where).items():
            if category == "provenance":
                _check_provenance(figure, f"{where}.provenance")
                provenance[market] = str(figure)
            else:
                rates[(market, category.replace("-", "_"))] = _rate(figure, f"{where}.{category}")
    return rates, provenance


def _read_tiers(value: Json, field: str) -> dict[tuple[str, str], tuple[Tier, ...]]:
    if value is None:
        return {}
    out: dict[tuple[str, str], tuple[Tier, ...]] = {}
    for market, row in req_mapping(value, field).items():
        for category, tiers in req_mapping(row, f"{field}.{market}").items():
            out[(market, category)] = _tiers(tiers, f"{field}.{market}.{category}")
    return out


def _card_tuple(cards: Iterable[RateCard]) -> tuple[RateCard, ...]:
    out = tuple(cards)
    for card in out:
        if not isinstance(card, RateCard):
            raise ValidationError("must be RateCard values", field="cards", value=card)
    return out


@attrs.frozen
class RateCards:
    """A set of cards; :meth:`select` picks the one in force for a currency and date."""

    cards: tuple[RateCard, ...] = attrs.field(converter=_card_tuple)

    def select(self, currency: str, on: date) -> RateCard | None:
        """The latest card in ``currency`` effective on or before ``on``, or None."""
        check.argument(currency, str, "currency")
        on = check.calendar_date(on, "on")
        code = currency.upper()
        best: RateCard | None = None
        for card in self.cards:
            if card.currency != code or card.effective > on:
                continue
            if best is None or card.effective >= best.effective:
                best = card
        return best

    def with_cards(self, extra: Iterable[RateCard]) -> RateCards:
        """These cards plus ``extra`` (a caller's card wins a tie on date and currency)."""
        check.iterable(extra, "extra")
        return RateCards([*self.cards, *extra])


@cache
def packaged_cards() -> RateCards:
    """The cards shipped with wamsg (read on first call, then cached)."""
    return RateCards(
        RateCard.from_dict(_data.load_json(f"rate_cards/{name}"), name)
        for name in _data.package_files("rate_cards")
    )

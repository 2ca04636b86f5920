"""The monthly ledger: a mergeable fold of charges into counts per number × market × category.

A :class:`MonthLedger` holds, for one WABA-local month, how many delivered
messages (or opened conversations) fell under each (business number, market,
category, reason). It is a commutative monoid: :meth:`MonthLedger.merge` is
associative and commutative with :meth:`MonthLedger.empty` as identity, so a
month can be split anywhere, the parts folded on different workers and merged
into exactly the single-pass result. It is not idempotent: it counts, so a
ledger merged with itself counts every charge twice. Its size depends on the number of distinct
keys, never on the number of messages, so a merge costs the same for 10,000 or
1,000,000 messages.

Monthly free allowances cover the *first* messages of the month (1,000 service
messages per number from 2026-10-01, [rule meta.pricing.service-free-tier]; 1,000
conversations per WABA under conversation-based pricing,
[rule meta.pricing.cbp.free-tier.any] [rule meta.pricing.cbp.free-tier.service]).
The ledger keeps, per allowance, only the earliest ``limit`` candidates (time,
message id): merging keeps the earliest ``limit`` of both, so which messages are
free is settled exactly, in bounded space.

Amounts are not stored: :meth:`MonthLedger.invoice` prices the counts with a
rate card (volume tiers graduated over the month's charged messages per market
× category, [rule meta.pricing.volume-tiers]).
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

from wamsg._internal import fields as check
from wamsg.billing.account import BillingAccount
from wamsg.billing.charges import Charge, Period, Reason, Send
from wamsg.billing.invoice import Invoice, invoice_of
from wamsg.billing.markets import OTHER
from wamsg.billing.pricing import decide
from wamsg.billing.rate_cards import RateCard
from wamsg.errors import ValidationError
from wamsg.events import Accumulator, AccumulatorBase, FoldedBase

__all__ = ["MonthLedger"]

Candidate = tuple[float, str, str, str, str]
"""A free-allowance candidate: (UTC timestamp, message id, business, market, category)."""

CountKey = tuple[str, str, str, Reason]
"""(business number, market, category, reason)."""

_REGULAR = Reason.REGULAR
_PMP = frozenset({Period.PMP_2025, Period.PMP_2026})


@attrs.frozen(kw_only=True)
class MonthLedger(FoldedBase[Charge]):
    """Counts of one WABA-local month, mergeable (see the module docs).

    A :class:`~wamsg.events.Folded` state of charges: :meth:`empty`, then
    ``apply``/``fold`` (a charge of another month is a ValidationError). It counts
    every charge it is given, in any order: a duplicate is counted twice, so remove
    duplicate events before pricing (:func:`~wamsg.billing.bill_events` does).
    ``bounds`` are the month's UTC timestamps ``[start, end)`` (None on a ledger not
    made by :meth:`empty`, which cannot fold).
    """

    month: str
    period: Period
    free_limit: int
    counts: Mapping[CountKey, int] = attrs.field(factory=dict, hash=False)
    first_free: Mapping[str, tuple[Candidate, ...]] = attrs.field(factory=dict, hash=False)
    bounds: tuple[float, float] | None = attrs.field(default=None, eq=False, repr=False)

    @classmethod
    def empty(cls, month: str, account: BillingAccount) -> MonthLedger:
        """The ledger of a month with nothing in it (the identity of :meth:`merge`)."""
        check.argument(account, BillingAccount, "account")
        bounds = account.month_bounds(month)
        period = account.period_at(bounds[0])
        allowance = account.free_allowance(period, bounds[0])
        limit = 0 if allowance is None else allowance[0]
        return cls(month=month, period=period, free_limit=limit, bounds=bounds)

    @classmethod
    def of(cls, charges: Iterable[Charge], *, month: str, account: BillingAccount) -> MonthLedger:
        """Fold charges of ``month`` (a charge of another month is a ValidationError)."""
        return cls.empty(month, account).fold(charges)

    def accumulator(self) -> Accumulator[Charge, MonthLedger]:
        """A fold of charges from this ledger."""
        return _LedgerAccumulator(self)

    @classmethod
    def of_sends(
        cls, sends: Iterable[Send], *, month: str, account: BillingAccount
    ) -> MonthLedger:
        """Price delivered sends of ``month`` (in time order per user) and fold them.

        The fast path: the period, market table and allowance are computed once
        for the month; the result equals ``of(Pricer(account).price(s) …)``.
        """
        check.iterable(sends, "sends")
        ledger = cls.empty(month, account)
        start, end = account.month_bounds(month)
        period, limit = ledger.period, ledger.free_limit
        allowance = account.free_allowance(period, start)
        table = account.market_table_at(start)
        stateless = period in _PMP and month != "2025-07"
        shared: dict[str, float] = {}
        states: dict[tuple[str, str], dict[str, float]] = {}
        markets: dict[str, tuple[str, str | None]] = {}
        counts: dict[CountKey, int] = {}
        first: dict[str, list[Candidate]] = {}
        for send in sends:
            if type(send) is not Send:
                check.argument(send, Send, "sends")
            timestamp = send.at.timestamp()
            if timestamp < start or timestamp >= end:
                raise ValidationError(
                    f"send is not in {month} (WABA time)", field="sends", value=send.message_id
                )
            recipient = send.recipient.e164
            found = markets.get(recipient)
            if found is None:
                region = send.recipient.region
                found = markets[recipient] = (
                    OTHER if region is None else table.get(region, OTHER),
                    region,
                )
            market, region = found
            business = send.business
            state = shared if stateless else states.setdefault((business, recipient), {})
            reason, category, free_key = decide(
                account,
                period,
                market,
                region,
                allowance,
                state,
                business,
                timestamp,
                send.template_category,
                send.customer_service_window_open,
                send.free_entry_point_open,
            )
            key = (business, market, category, reason)
            counts[key] = counts.get(key, 0) + 1
            if free_key is not None and limit:
                _offer(
                    first,
                    free_key,
                    limit,
                    (timestamp, send.message_id, business, market, category),
                )
        return ledger._with(counts, first)

    def _with(self, counts: dict[CountKey, int], first: dict[str, list[Candidate]]) -> MonthLedger:
        return attrs.evolve(
            self, counts=counts, first_free={k: tuple(v) for k, v in first.items()}
        )

    def merge(self, other: MonthLedger) -> MonthLedger:
        """The sum of two ledgers of the same month.

        ``fold(a).merge(fold(b)) == fold(a + b)`` for any charges; associative and
        commutative, with :meth:`empty` as identity. Not idempotent: the ledger
        *counts*, so ``l.merge(l)`` counts every charge twice (merge the ledgers of
        disjoint parts of a stream, as a fold of the whole counts each charge once).
        A ledger of another month or allowance rule is a ValidationError naming
        ``other`` (``docs/merging.md``).
        """
        if not isinstance(other, MonthLedger):
            raise ValidationError("must be a MonthLedger", field="other", value=other)
        if (other.month, other.period, other.free_limit) != (
            self.month,
            self.period,
            self.free_limit,
        ):
            raise ValidationError(
                f"cannot merge ledgers of {self.month} and {other.month} "
                "(or of different allowance rules)",
                field="other",
                value=other.month,
            )
        counts = dict(self.counts)
        for key, count in other.counts.items():
            counts[key] = counts.get(key, 0) + count
        first = dict(self.first_free)
        for free_key, theirs in other.first_free.items():
            mine = first.get(free_key)
            first[free_key] = theirs if mine is None else _earliest(mine, theirs, self.free_limit)
        return attrs.evolve(self, counts=counts, first_free=first)

    @property
    def messages(self) -> int:
        """How many delivered messages the ledger counts."""
        return sum(self.counts.values())

    def free_tier_ids(self) -> frozenset[str]:
        """Ids of the messages that fall inside a monthly free allowance."""
        return frozenset(c[1] for candidates in self.first_free.values() for c in candidates)

    def settled(self) -> dict[CountKey, int]:
        """Counts with the free allowance applied (``REGULAR`` → ``FREE_TIER``)."""
        counts = dict(self.counts)
        for candidates in self.first_free.values():
            for _at, _id, business, market, category in candidates:
                regular = (business, market, category, _REGULAR)
                counts[regular] -= 1
                free = (business, market, category, Reason.FREE_TIER)
                counts[free] = counts.get(free, 0) + 1
        return {key: count for key, count in counts.items() if count}

    def invoice(self, card: RateCard | None, *, currency: str | None = None) -> Invoice:
        """Price the month with ``card`` (None: every rate unknown, in ``currency``)."""
        check.opt_argument(card, RateCard, "card")
        check.opt_argument(currency, str, "currency")
        return invoice_of(self.month, self.period, self.settled(), card, currency)

    def total(self, card: RateCard) -> Decimal:
        """The month's known total with ``card`` (see :attr:`Invoice.complete`)."""
        check.argument(card, RateCard, "card")
        return self.invoice(card).total


class _LedgerAccumulator(AccumulatorBase[Charge, MonthLedger]):
    """The ledger's accumulator: mutable counts and free-allowance candidates."""

    __slots__ = ("counts", "first", "ledger")

    def __init__(self, ledger: MonthLedger) -> None:
        if ledger.bounds is None:
            raise ValidationError(
                "a ledger not made by MonthLedger.empty cannot fold charges",
                field="ledger",
                value=ledger.month,
            )
        self.ledger = ledger
        self.counts: dict[CountKey, int] = dict(ledger.counts)
        self.first = {key: list(kept) for key, kept in ledger.first_free.items()}

    def add(self, item: Charge) -> None:
        self.extend((item,))

    def extend(self, items: Iterable[Charge]) -> None:
        check.iterable(items, "charges")
        ledger, counts, first = self.ledger, self.counts, self.first
        assert ledger.bounds is not None
        start, end = ledger.bounds
        limit = ledger.free_limit
        for charge in items:
            if type(charge) is not Charge:
                check.argument(charge, Charge, "charges")
            timestamp = charge.at.timestamp()
            if not start <= timestamp < end:
                raise ValidationError(
                    f"charge is not in {ledger.month} (WABA time)",
                    field="charges",
                    value=charge.message_id,
                )
            key = (charge.business, charge.market, charge.category, charge.reason)
            counts[key] = counts.get(key, 0) + 1
            if charge.free_tier_key is not None and limit:
                _offer(
                    first, charge.free_tier_key, limit, (timestamp, charge.message_id, *key[:3])
                )

    def result(self) -> MonthLedger:
        return self.ledger._with(dict(self.counts), self.first)


def _earliest(
    mine: tuple[Candidate, ...], theirs: tuple[Candidate, ...], limit: int
) -> tuple[Candidate, ...]:
    if len(mine) >= limit and theirs[0] > mine[-1]:
        return mine
    if len(theirs) >= limit and mine[0] > theirs[-1]:
        return theirs
    return tuple(sorted(mine + theirs)[:limit])


def _offer(first: dict[str, list[Candidate]], key: str, limit: int, candidate: Candidate) -> None:
    kept = first.get(key)
    if kept is None:
        first[key] = [candidate]
    elif len(kept) < limit:
        insort(kept, candidate)
    elif candidate < kept[-1]:
        insort(kept, candidate)
        kept.pop()

"""The steps of :class:`wamsg.beam.BillMonth`, each the part of ``bill_events`` it distributes.

Private to :mod:`wamsg.beam`. ``bill_events`` (``wamsg.billing.bill``) does, on one
process: (1) per message id, keep one ``message.sent`` record (the first by
:func:`~wamsg.events.record_key`), the earliest time of its records, and whether a
``delivered``/``read``/``played`` status came; (2) fold the window book; (3) price the
delivered sends in time order; (4) fold the month's charges into a ledger, price it and
list each message's charge. Here (1) is a combine per message id, (2) a combine per
pair, (3) a group per pair (the :class:`~wamsg.billing.Pricer` keeps its state per
business number and user, so each pair's sends priced in time order give the charges a
global time order gives), and (4) a combine of ledgers per account plus one sorted pass
over the month's charges, which the per-message amounts need (volume tiers count the
messages before each one).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from itertools import chain
from typing import Any

from wamsg.billing import (
    Bill,
    BillingAccount,
    Charge,
    MonthLedger,
    Pricer,
    RateCards,
    bill_of,
    parse_month,
    send_to_price,
)
from wamsg.events import Event, MessageSent, MessageStatus, earlier_record
from wamsg.identity import PairKey, PhoneNumber, pair_key
from wamsg.window import WindowState

__all__ = ["DELIVERED", "Facts", "Setup", "assemble", "facts_add", "facts_merge", "price_pair"]

DELIVERED = True
"""What a delivered status of a message contributes to its facts (its id is the key)."""

Facts = list[Any]
"""Per message id: ``[kept send record or None, earliest send time or None, delivered]``."""


class Setup:
    """The accounts a bill is made for, which number bills to which, and the rate cards.

    ``numbers`` maps a business number (E.164) to its account id; None bills every
    number to the one account ``""``.
    """

    __slots__ = ("accounts", "bounds", "cards", "numbers")

    def __init__(
        self,
        accounts: Mapping[str, BillingAccount],
        numbers: Mapping[str, str] | None,
        cards: RateCards,
    ) -> None:
        self.accounts = dict(accounts)
        self.numbers = None if numbers is None else dict(numbers)
        self.cards = cards
        self.bounds: dict[tuple[str, str], tuple[float, float]] = {}

    def __getstate__(self) -> tuple[Any, ...]:
        return (self.accounts, self.numbers, self.cards)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.accounts, self.numbers, self.cards = state
        self.bounds = {}

    def account_of(self, business: PhoneNumber | None) -> str | None:
        """The account a business number bills to (None: not one of the accounts')."""
        if self.numbers is None:
            return ""
        return None if business is None else self.numbers.get(business.e164)

    def month_bounds(self, account: str, month: str) -> tuple[float, float]:
        """The account's month ``[start, end)`` in UTC timestamps, computed once."""
        found = self.bounds.get((account, month))
        if found is None:
            found = self.bounds[account, month] = self.accounts[account].month_bounds(month)
        return found

    def empty_ledger(self, key: tuple[str, str]) -> MonthLedger:
        """The empty ledger of ``(account, month)``."""
        return MonthLedger.empty(key[1], self.accounts[key[0]])


def facts_inputs(event: Event) -> Iterator[tuple[str, Any]]:
    """``(message id, record)`` for a send record, ``(message id, DELIVERED)`` for a delivery."""
    if type(event) is MessageSent:
        yield event.message.id, event
    elif type(event) is MessageStatus and event.status.is_delivered:
        yield event.message_id, DELIVERED


def facts_add(facts: Facts, item: Any) -> Facts:
    """Fold a send record or a delivery into a message's facts."""
    if item is DELIVERED:
        facts[2] = True
        return facts
    kept, first = facts[0], facts[1]
    facts[0] = item if kept is None else earlier_record(kept, item)
    at = item.message.sent_at
    if at is not None:
        stamp = at.timestamp()
        facts[1] = stamp if first is None else min(first, stamp)
    return facts


def facts_merge(many: Iterable[Facts]) -> Facts:
    """The facts of one message from several parts."""
    merged: Facts = [None, None, False]
    for kept, first, delivered in many:
        if kept is not None:
            merged[0] = kept if merged[0] is None else earlier_record(merged[0], kept)
        if first is not None:
            merged[1] = first if merged[1] is None else min(merged[1], first)
        merged[2] = merged[2] or delivered
    return merged


def classify(item: tuple[str, Facts], month: str, setup: Setup) -> Iterator[tuple[str, Any]]:
    """``("sends", (pair, record))``, ``("undelivered", (account, id))`` or ``("unpriced", …)``.

    As ``bill_events``: a send never reported delivered is undelivered; a delivered one
    without a time or a phone number cannot be priced; both are listed when their
    earliest record falls in the month (or none has a time).
    """
    message_id, (kept, first, delivered) = item
    if kept is None:
        return
    message = kept.message
    account = setup.account_of(message.business)
    if account is None:
        return
    if delivered and message.sent_at is not None and message.customer.phone is not None:
        yield "sends", (pair_key(message.business, message.customer), kept)
        return
    start, end = setup.month_bounds(account, month)
    if first is None or start <= first < end:
        yield ("unpriced" if delivered else "undelivered"), (account, message_id)


def price_pair(
    item: tuple[PairKey, Mapping[str, Iterable[Any]]], month: str, setup: Setup
) -> Iterator[tuple[tuple[str, str], Charge]]:
    """Price one pair's delivered sends in time order; the month's charges by account."""
    _, parts = item
    sends: list[MessageSent] = sorted(
        parts["sends"], key=lambda e: (e.message.sent_at, e.message.id)
    )
    if not sends:
        return
    first = sends[0].message
    account = setup.account_of(first.business)
    if account is None:  # pragma: no cover - classify let only the accounts' sends through
        return
    states = list(parts["windows"])
    state = states[0] if states else WindowState.empty(first.business, first.customer)
    pricer = Pricer(setup.accounts[account])
    start, end = setup.month_bounds(account, month)
    for event in sends:
        charge = pricer.price(send_to_price(event, state))
        if start <= charge.at.timestamp() < end:
            yield (account, month), charge


def assemble(
    item: tuple[str, Mapping[str, Iterable[Any]]], month: str, setup: Setup
) -> tuple[str, Bill]:
    """One account's bill from its ledger, its month's charges and its unbilled ids."""
    account_id, parts = item
    account = setup.accounts[account_id]
    ledgers = list(parts["ledger"])
    ledger = ledgers[0] if ledgers else MonthLedger.empty(month, account)
    card = setup.cards.select(account.currency, parse_month(month))
    return account_id, bill_of(
        ledger,
        chain.from_iterable(parts["charges"]),
        card,
        currency=account.currency,
        undelivered=chain.from_iterable(parts["undelivered"]),
        unpriced=chain.from_iterable(parts["unpriced"]),
    )

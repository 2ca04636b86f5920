"""A month's bill from canonical events: sends, statuses and the customer's messages.

:func:`bill_events` is the pure function behind ``wamsg bill`` (and the demo):

1. every ``message.sent`` is joined with the ``message.status`` events of its
   id; it is *delivered* when a ``delivered``, ``read`` or ``played`` status is
   in the input. Only delivered messages are priced, and each once, however many
   statuses carry ``pricing`` ([rule meta.pricing.status-pricing]: ``pricing`` arrives
   on ``sent`` and on one of ``delivered``/``read``). A failed or undelivered
   template is not charged;
2. the customer service and free entry point windows at each send are learned
   with the window fold (:class:`wamsg.window.WindowBook`, as of the send time);
3. the sends are priced in time order (:class:`~wamsg.billing.Pricer`), folded
   into a :class:`~wamsg.billing.MonthLedger` and priced with the rate card in
   force on the month's first day in the account's currency.

A message is billed in the month of its send time (WABA time).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import get_args

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import JsonObject
from wamsg.billing.account import BillingAccount, parse_month
from wamsg.billing.charges import Charge, Reason, Send
from wamsg.billing.invoice import TIERED, Invoice
from wamsg.billing.ledger import MonthLedger
from wamsg.billing.pricing import Pricer
from wamsg.billing.rate_cards import UNKNOWN, Rate, RateCard, RateCards, packaged_cards
from wamsg.content import TemplateRef
from wamsg.errors import ValidationError
from wamsg.events import Event, MessageSent, MessageStatus
from wamsg.events.order import earlier_record
from wamsg.window import WindowBook, WindowState

__all__ = [
    "Bill",
    "BilledMessage",
    "bill_events",
    "bill_of",
    "latest_month",
    "send_to_price",
    "sends_from_events",
]

_TIER_GROUP = {"authentication_international": "authentication"}
_EVENT_TYPES: tuple[type, ...] = get_args(Event)


@attrs.frozen(kw_only=True)
class BilledMessage:
    """One delivered message of the month: its charge, settled reason and amount."""

    charge: Charge
    reason: Reason
    amount: Rate

    def to_dict(self) -> JsonObject:
        """``{"message_id", "market", "category", "reason", "amount"}`` (amount as text)."""
        return {
            "message_id": self.charge.message_id,
            "business": self.charge.business,
            "recipient": self.charge.recipient,
            "market": self.charge.market,
            "category": self.charge.category,
            "reason": self.reason.value,
            "amount": str(self.amount),
        }


@attrs.frozen(kw_only=True)
class Bill:
    """The month's ledger, its invoice and the per-message charges.

    ``undelivered`` lists sends of the input never reported delivered (not
    charged); ``unpriced`` those that cannot be priced (no time, or a customer
    known only by a business-scoped user id, whose market is unknown).
    """

    month: str
    ledger: MonthLedger
    invoice: Invoice
    charges: tuple[BilledMessage, ...]
    undelivered: tuple[str, ...] = ()
    unpriced: tuple[str, ...] = ()

    def to_dict(self) -> JsonObject:
        """The ``wamsg bill --json`` form; amounts are decimal strings or ``"unknown"``."""
        invoice = self.invoice
        return {
            "month": self.month,
            "currency": invoice.currency,
            "rate_card": invoice.card,
            "unit": invoice.unit,
            "total": str(invoice.total),
            "complete": invoice.complete,
            "charges": [message.to_dict() for message in self.charges],
            "lines": [
                {
                    "market": line.market,
                    "category": line.category,
                    "count": line.count,
                    "rate": str(line.rate),
                    "amount": str(line.amount),
                }
                for line in invoice.lines
            ],
            "free": [{"reason": reason, "count": count} for reason, count in invoice.free],
            "unknown_rates": [
                {"market": line.market, "category": line.category, "count": line.count}
                for line in invoice.unknown
            ],
            "undelivered": list(self.undelivered),
            "unpriced": list(self.unpriced),
        }


def sends_from_events(
    events: Iterable[Event],
) -> tuple[list[Send], tuple[str, ...], tuple[str, ...]]:
    """Delivered sends with window facts, in time order; and the undelivered/unpriced ids.

    Where two ``message.sent`` records of one id disagree (the helpdesk's own record
    and the provider's echo), the one first in :func:`~wamsg.events.order.record_key`
    is kept, whatever the arrival order.
    """
    check.iterable(events, "events")
    events = list(events)
    sent: dict[str, MessageSent] = {}
    delivered: set[str] = set()
    for event in events:
        if isinstance(event, MessageSent):
            kept = sent.get(event.message.id)
            sent[event.message.id] = event if kept is None else earlier_record(kept, event)
        elif isinstance(event, MessageStatus) and event.status.is_delivered:
            delivered.add(event.message_id)
    undelivered = tuple(sorted(i for i in sent if i not in delivered))
    priceable, unpriced = [], []
    for message_id, event in sent.items():
        if message_id not in delivered:
            continue
        if event.message.sent_at is None or event.message.customer.phone is None:
            unpriced.append(message_id)
        else:
            priceable.append(event)
    priceable.sort(key=lambda e: (e.message.sent_at, e.message.id))
    book = WindowBook().fold(events)
    sends = [_send(event, book) for event in priceable]
    return sends, undelivered, tuple(sorted(unpriced))


def _send(event: MessageSent, book: WindowBook) -> Send:
    return send_to_price(event, book.get(event.message.business, event.message.customer))


def send_to_price(event: MessageSent, state: WindowState) -> Send:
    """The :class:`~wamsg.billing.Send` to price for a recorded send, with its pair's windows.

    ``state`` is the window state of the send's (business, customer) pair folded from the
    events (it is read as of the send time, so later events do not matter). The send must
    have a time and a customer phone number (the pricing needs the market).
    """
    check.argument(event, MessageSent, "event")
    check.argument(state, WindowState, "state")
    message = event.message
    if message.sent_at is None or message.customer.phone is None:
        raise ValidationError(
            "a send to price needs its time and the customer's phone number",
            field="event",
            value=message.id,
        )
    content = message.content
    category = None
    if isinstance(content, TemplateRef):
        category = content.category or "unknown"
    windows = state.as_of(message.sent_at)
    return Send(
        message_id=message.id,
        business="" if message.business is None else message.business.e164,
        recipient=message.customer.phone,
        at=message.sent_at,
        template_category=category,
        customer_service_window_open=windows.customer_service_window_open,
        free_entry_point_open=windows.free_entry_point_open,
    )


def bill_events(
    events: Iterable[Event],
    *,
    account: BillingAccount | None = None,
    month: str | None = None,
    cards: RateCards | None = None,
) -> Bill:
    """Bill one WABA-local month from canonical events (pure).

    ``month`` (``"YYYY-MM"``) defaults to the month of the latest event
    (:func:`latest_month`); every list of the bill holds that month's messages only
    (a send without a time cannot be placed and stays in ``unpriced`` or
    ``undelivered``). ``cards`` default to the packaged ones (:func:`packaged_cards`) and the
    card in force on the month's first day in ``account.currency`` is used.
    """
    check.iterable(events, "events")
    check.opt_argument(account, BillingAccount, "account")
    check.opt_argument(cards, RateCards, "cards")
    account = account or BillingAccount()
    events = list(events)
    sends, undelivered, unpriced = sends_from_events(events)
    if month is None:
        month = latest_month(events, account)
    first_day = parse_month(month)
    start, end = account.month_bounds(month)
    sent_at = _send_times(events)
    undelivered = _in_month(undelivered, sent_at, start, end)
    unpriced = _in_month(unpriced, sent_at, start, end)
    pricer = Pricer(account)
    charges = [pricer.price(send) for send in sends]
    in_month = [c for c in charges if start <= c.at.timestamp() < end]
    ledger = MonthLedger.of(in_month, month=month, account=account)
    card = _card(cards, account.currency, first_day)
    return bill_of(
        ledger,
        in_month,
        card,
        currency=account.currency,
        undelivered=undelivered,
        unpriced=unpriced,
    )


def bill_of(
    ledger: MonthLedger,
    charges: Iterable[Charge],
    card: RateCard | None,
    *,
    currency: str,
    undelivered: Iterable[str] = (),
    unpriced: Iterable[str] = (),
) -> Bill:
    """The month's :class:`Bill` from its ledger and the charges folded into it.

    ``charges`` are the month's charges (any order: they are listed in time order);
    ``card`` prices the invoice and each message (None: every amount unknown) and
    ``currency`` is the account's. ``undelivered`` and ``unpriced`` are message ids
    (listed sorted).
    This is the last step of :func:`bill_events`, and of a bill computed in parts
    (``wamsg.beam``): the same ledger and charges give the same bill.
    """
    check.argument(ledger, MonthLedger, "ledger")
    check.iterable(charges, "charges")
    check.opt_argument(card, RateCard, "card")
    currency = check.text_of(currency, "currency")
    check.iterable(undelivered, "undelivered")
    check.iterable(unpriced, "unpriced")
    listed = sorted(
        (check.of(charge, Charge, "charges") for charge in charges),
        key=lambda charge: (charge.at, charge.message_id),
    )
    if ledger.messages != len(listed):
        raise ValidationError(
            f"the ledger counts {ledger.messages} messages, the charges are {len(listed)}",
            field="charges",
        )
    invoice = ledger.invoice(card, currency=currency)
    return Bill(
        month=ledger.month,
        ledger=ledger,
        invoice=invoice,
        charges=_per_message(listed, ledger, card, invoice.unit == "message"),
        undelivered=tuple(sorted(check.text_of(i, "undelivered") for i in undelivered)),
        unpriced=tuple(sorted(check.text_of(i, "unpriced") for i in unpriced)),
    )


def latest_month(events: Iterable[Event], account: BillingAccount) -> str:
    """The WABA-local month of the latest event that has a time.

    Raises :class:`~wamsg.errors.ValidationError` when no event has a time (then
    there is no month to choose: name one).
    """
    check.iterable(events, "events")
    check.argument(account, BillingAccount, "account")
    latest = None
    for event in events:
        if not isinstance(event, _EVENT_TYPES):
            raise ValidationError("must hold only events", field="events", value=event)
        at = event.occurred_at
        if at is not None and (latest is None or at > latest):
            latest = at
    if latest is None:
        raise ValidationError("no event has a time, so no month can be chosen", field="month")
    return account.month_at(latest.timestamp())


def _send_times(events: Iterable[Event]) -> dict[str, float]:
    """Each send's time: the earliest of its records, the one ``record_key`` keeps."""
    times: dict[str, float] = {}
    for event in events:
        if isinstance(event, MessageSent) and event.message.sent_at is not None:
            at = event.message.sent_at.timestamp()
            known = times.get(event.message.id)
            times[event.message.id] = at if known is None else min(known, at)
    return times


def _in_month(
    ids: tuple[str, ...], sent_at: dict[str, float], start: float, end: float
) -> tuple[str, ...]:
    """The ids sent within ``[start, end)``, and those that have no send time."""
    return tuple(i for i in ids if i not in sent_at or start <= sent_at[i] < end)


def _card(cards: RateCards | None, currency: str, on: date) -> RateCard | None:
    return (cards or packaged_cards()).select(currency, on)


def _per_message(
    charges: list[Charge], ledger: MonthLedger, card: RateCard | None, tiered: bool
) -> tuple[BilledMessage, ...]:
    free_tier = ledger.free_tier_ids()
    position: dict[tuple[str, str], int] = {}
    out = []
    for charge in charges:
        reason = charge.reason
        amount: Rate = Decimal(0)
        if reason is Reason.REGULAR and charge.message_id in free_tier:
            reason = Reason.FREE_TIER
        elif reason is Reason.REGULAR:
            group = (charge.market, _TIER_GROUP.get(charge.category, charge.category))
            before = position.get(group, 0)
            position[group] = before + 1
            amount = _amount(card, charge, before, tiered)
        out.append(BilledMessage(charge=charge, reason=reason, amount=amount))
    return tuple(out)


def _amount(card: RateCard | None, charge: Charge, before: int, tiered: bool) -> Rate:
    if card is None:
        return UNKNOWN
    if tiered and charge.category in TIERED:
        return card.cost(charge.market, charge.category, 1, before=before)
    return card.rate(charge.market, charge.category)

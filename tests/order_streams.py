"""Realistic helpdesk streams and what each fold shows, for the order-independence tests.

:func:`streams` draws the records of a stretch of a helpdesk's day: customer messages
and sends recorded twice with disagreeing content (the helpdesk's record and the
provider's echo, another profile name, username, operator, referral), statuses of every
value stamped up to :data:`~wamsg.inbox.STATUS_SKEW` before every record of their send,
statuses without a time or naming only the message id, and reads. :func:`arrivals`
draws them in any order with duplicates. The ``*_view`` functions turn a folded state
into plain data that shows everything a user sees (names included: ``Customer``
equality compares keys only).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from typing import Any

from hypothesis import strategies as st

from wamsg import (
    Content,
    Customer,
    DeliveryStatus,
    Message,
    MessageReceived,
    MessageSent,
    MessageStatus,
    PhoneNumber,
    TemplateRef,
    Text,
)
from wamsg.billing import BillingAccount, MonthLedger, bill_events, reconcile
from wamsg.delivery import Delivery, ErrorDetail, Pricing
from wamsg.events import ConversationRead, Event
from wamsg.inbox import STATUS_SKEW, Conversation, Inbox
from wamsg.messages import Context, Direction, Referral
from wamsg.window import WindowBook

UTC = timezone.utc
T0 = datetime(2026, 11, 20, 8, tzinfo=UTC)
SKEW = STATUS_SKEW
"""How far a provider's status may be stamped before the helpdesk's record of its send."""

BUSINESSES = (PhoneNumber.parse("+358942411000"), PhoneNumber.parse("+15550783881"))
PHONES = ("+358401234567", "+16505551234", "+4915112345678")
NAMES = (None, "Aino", "Aino V.", "Sheena")
USERNAMES = (None, "aino.v")
USER_IDS = (None, "US.13491208655302741918")
PROVIDERS = ("meta", "360dialog")
OPERATORS = (None, "agent-1", "agent-7")
BODIES = ("hi", "hei", "Where is my parcel?")
OUTBOUND_CONTENTS: tuple[Content, ...] = (
    Text("reply"),
    Text("Your parcel is on its way"),
    TemplateRef(name="order_update", language="en_US", category="utility"),
    TemplateRef(name="promo", language="en_US", category="marketing"),
)
ERRORS = ((), (ErrorDetail(code="131026"),), (ErrorDetail(code="131047", title="Re-engage"),))
PRICINGS = (
    None,
    Pricing(model="PMP", type="regular", category="utility", billable=True),
    Pricing(model="PMP", type="free_customer_service", category="service", billable=False),
)


def moment(seconds: int) -> datetime:
    """``seconds`` after :data:`T0`."""
    return T0 + timedelta(seconds=seconds)


# Times on a coarse grid (half minutes over an hour), so that two records often share a
# time: ties are where an arrival-order tie-break would show.
_grid = st.integers(0, 120).map(lambda half_minutes: 30 * half_minutes)


@st.composite
def _customer(draw: st.DrawFn, phone: str) -> Customer:
    return Customer(
        phone=phone,
        user_id=draw(st.sampled_from(USER_IDS)),
        name=draw(st.sampled_from(NAMES)),
        username=draw(st.sampled_from(USERNAMES)),
    )


Pairs = tuple[tuple[PhoneNumber, ...], tuple[str, ...]]
EVERY_PAIR: Pairs = (BUSINESSES, PHONES)
ONE_PAIR: Pairs = (BUSINESSES[:1], PHONES[:1])


@st.composite
def _pair(draw: st.DrawFn, pairs: Pairs) -> tuple[PhoneNumber, str]:
    return draw(st.sampled_from(pairs[0])), draw(st.sampled_from(pairs[1]))


@st.composite
def _inbound(draw: st.DrawFn, index: int, pairs: Pairs) -> list[Event]:
    """A customer message and, maybe, a second record of it that disagrees."""
    business, phone = draw(_pair(pairs))
    at = draw(_grid)
    records: list[Event] = []
    for copy in range(draw(st.integers(1, 2))):
        shift = 0 if copy == 0 else draw(st.sampled_from([0, 0, 2, 45]))
        ad = draw(st.booleans())  # the records of one message may disagree on the referral
        message = Message(
            id=f"in{index}",
            direction=Direction.INBOUND,
            business=business,
            customer=draw(_customer(phone)),
            sent_at=moment(at + shift),
            content=Text(draw(st.sampled_from(BODIES))),
            context=Context(referral=Referral(source_type="ad") if ad else None),
        )
        records.append(MessageReceived(provider=draw(st.sampled_from(PROVIDERS)), message=message))
    return records


@st.composite
def _outbound(draw: st.DrawFn, index: int, pairs: Pairs, skew: timedelta) -> list[Event]:
    """A business message (recorded, maybe echoed differently) and its statuses."""
    business, phone = draw(_pair(pairs))
    at = draw(_grid)
    message_id = f"out{index}"
    records: list[Event] = []
    latest = at
    for copy in range(draw(st.integers(1, 2))):
        shift = 0 if copy == 0 else draw(st.sampled_from([0, 0, 1, 3]))
        latest = max(latest, at + shift)
        content = draw(st.sampled_from(OUTBOUND_CONTENTS))
        message = Message(
            id=message_id,
            direction=Direction.OUTBOUND,
            business=business,
            customer=draw(_customer(phone)),
            sent_at=moment(at + shift),
            content=content,
        )
        records.append(
            MessageSent(
                provider=draw(st.sampled_from(PROVIDERS)),
                message=message,
                operator=draw(st.sampled_from(OPERATORS)),
            )
        )
    skew_seconds = int(skew.total_seconds())
    for _ in range(draw(st.integers(0, 4))):
        timed = draw(st.integers(0, 9)) > 0
        # up to the skew before every record of the send (the echo is the later one)
        offset = draw(st.integers(latest - at - skew_seconds, 600))
        named = draw(st.booleans())
        records.append(
            MessageStatus(
                provider=draw(st.sampled_from(PROVIDERS)),
                message_id=message_id,
                status=draw(st.sampled_from(list(DeliveryStatus))),
                business=business if named else None,
                customer=Customer(phone=phone) if named else None,
                occurred_at=moment(at + offset) if timed else None,
                errors=draw(st.sampled_from(ERRORS)),
                pricing=draw(st.sampled_from(PRICINGS)),
            )
        )
    return records


@st.composite
def _read(draw: st.DrawFn, pairs: Pairs) -> list[Event]:
    business, phone = draw(_pair(pairs))
    return [
        ConversationRead(
            provider="helpdesk",
            business=business,
            customer=Customer(phone=phone),
            occurred_at=moment(draw(_grid)),
            reader=draw(st.sampled_from(["business", "customer"])),
            operator=draw(st.sampled_from(OPERATORS)),
        )
    ]


@st.composite
def streams(
    draw: st.DrawFn, pairs: Pairs = EVERY_PAIR, skew: timedelta = SKEW, reads: bool = True
) -> list[Event]:
    """The records of a realistic stretch of a helpdesk's day, in no particular order."""
    events: list[Event] = []
    for index in range(draw(st.integers(0, 6))):
        events += draw(_inbound(index, pairs))
    for index in range(draw(st.integers(0, 6))):
        events += draw(_outbound(index, pairs, skew))
    for _ in range(draw(st.integers(0, 2) if reads else st.just(0))):
        events += draw(_read(pairs))
    return events


any_streams = st.one_of(streams(), streams(ONE_PAIR))
"""Streams over every pair, and streams of one pair, where rival records meet often."""


@st.composite
def arrivals(draw: st.DrawFn, events: Sequence[Event]) -> list[Event]:
    """``events`` in any order, some of them delivered twice or three times."""
    shuffled = list(draw(st.permutations(list(events))))
    if shuffled:
        for _ in range(draw(st.integers(0, 4))):
            again = shuffled[draw(st.integers(0, len(shuffled) - 1))]
            shuffled.insert(draw(st.integers(0, len(shuffled))), again)
    return shuffled


# ---------------------------------------------------------------- what a fold shows


def _time(at: datetime | None) -> str | None:
    return None if at is None else at.isoformat()


def _message(message: Message) -> tuple[Any, ...]:
    return (
        message.id,
        message.direction.value,
        None if message.business is None else message.business.e164,
        message.customer.to_dict(),
        _time(message.sent_at),
        message.content.to_dict(),
        message.context.to_dict(),
    )


def _delivery(delivery: Delivery | None) -> tuple[Any, ...] | None:
    if delivery is None:
        return None
    pricing = None if delivery.pricing is None else delivery.pricing.to_dict()
    errors = [error.to_dict() for error in delivery.sorted_errors]
    return (delivery.status.value, _time(delivery.at), errors, pricing)


def conversation_view(state: Conversation) -> dict[str, Any]:
    """Everything an inbox row shows, names and message contents included.

    (``Conversation`` equality compares customers by their key only, so names are
    compared here.)
    """
    last = state.last_message
    return {
        "key": state.key,
        "customer": state.customer.to_dict(),
        "provider": state.provider,
        "created_at": _time(state.created_at),
        "last_message": None if last is None else (_time(last.at), _message(last.message)),
        "last_inbound_at": _time(state.last_inbound_at),
        "last_outbound_at": _time(state.last_outbound_at),
        "last_operator": state.last_operator,
        "read_at": _time(state.read_at),
        "unread": [(mid, _time(at)) for mid, at in state.unread],
        "awaiting_reply": state.awaiting_reply,
        "last_outbound_id": state.last_outbound_id,
        "last_outbound": _delivery(state.last_outbound),
        "ticks": None if state.ticks is None else state.ticks.value,
    }


def inbox_view(inbox: Inbox) -> list[dict[str, Any]]:
    """Every row of the inbox, in key order."""
    keys = sorted(inbox.conversations, key=lambda key: (key[0] or "", key[1]))
    return [conversation_view(inbox.conversations[key]) for key in keys]


def book_view(book: WindowBook) -> list[tuple[Any, ...]]:
    """Every pair's window facts, and which customer record the book keeps."""
    return [
        (
            state.key,
            state.customer.to_dict(),
            [_time(t) for t in state.inbound],
            [_time(t) for t in state.ad_inbound],
            [_time(t) for t in state.outbound],
            [(_time(a), _time(b)) for a, b in state.free_entry_points],
        )
        for state in book
    ]


def ledger_view(ledger: MonthLedger) -> tuple[Any, ...]:
    """The ledger's counts and free-allowance candidates."""
    counts = sorted((key[:3], key[3].value, n) for key, n in ledger.counts.items())
    return (ledger.month, ledger.period.value, counts, sorted(ledger.first_free.items()))


ACCOUNT = BillingAccount()


def bill_view(events: Sequence[Event]) -> tuple[Any, ...]:
    """The bill of November 2026: every line, charge and list, its ledger, its reconciliation."""
    bill = bill_events(events, account=ACCOUNT, month="2026-11")
    statuses = [event for event in events if isinstance(event, MessageStatus)]
    return (bill.to_dict(), ledger_view(bill.ledger), reconcile(bill, statuses))

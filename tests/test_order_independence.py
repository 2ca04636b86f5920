"""Order independence everywhere: which record wins never depends on arrival.

A helpdesk's stream holds the same facts many times and in any order: a webhook is
delivered twice, the helpdesk records its own send and the provider echoes it (with
another provider name, operator or content), a customer's profile name changes between
two webhooks, a status races its send and the provider's clock runs a few minutes
behind the helpdesk's. Every fold must give the same answer for every arrival order
and any number of duplicates of the same records: the inbox (names, last messages,
ticks, unread counts), the window book, the bill and its ledger.

The streams (``tests/order_streams.py``) are realistic: several businesses and
customers (or one pair, so that rival records meet often), every status value,
statuses stamped up to :data:`~wamsg.inbox.STATUS_SKEW` before every record of their
send, records of one message that disagree, statuses that name only the message id,
statuses without a time, reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.order_streams import (
    ACCOUNT,
    BUSINESSES,
    ONE_PAIR,
    PHONES,
    T0,
    any_streams,
    arrivals,
    bill_view,
    book_view,
    conversation_view,
    inbox_view,
    ledger_view,
    moment,
    streams,
)
from wamsg import (
    Customer,
    DeliveryStatus,
    Message,
    MessageReceived,
    MessageSent,
    MessageStatus,
    Text,
    Ticks,
)
from wamsg.billing import MonthLedger, bill_events
from wamsg.billing.charges import Charge
from wamsg.events import ConversationRead, Event
from wamsg.inbox import STATUS_SKEW, Conversation, Inbox
from wamsg.messages import Direction
from wamsg.window import WindowBook

pytestmark = pytest.mark.filterwarnings(
    "ignore:Generating overly large repr:hypothesis.errors.HypothesisWarning"
)


# ---------------------------------------------------------------- the properties


@given(data=st.data(), events=any_streams)
def test_the_inbox_does_not_depend_on_arrival_order_or_duplicates(
    data: st.DataObject, events: list[Event]
) -> None:
    expected = inbox_view(Inbox().fold(events))
    arrived = data.draw(arrivals(events))
    assert inbox_view(Inbox().fold(arrived)) == expected


@given(data=st.data(), events=any_streams)
def test_an_inbox_folded_in_batches_does_not_depend_on_arrival_order(
    data: st.DataObject, events: list[Event]
) -> None:
    expected = inbox_view(Inbox().fold(events))
    arrived = data.draw(arrivals(events))
    cut = data.draw(st.integers(0, len(arrived)))
    assert inbox_view(Inbox().fold(arrived[:cut]).fold(arrived[cut:])) == expected


@given(data=st.data(), events=any_streams)
def test_the_window_book_does_not_depend_on_arrival_order_or_duplicates(
    data: st.DataObject, events: list[Event]
) -> None:
    expected = book_view(WindowBook().fold(events))
    arrived = data.draw(arrivals(events))
    assert book_view(WindowBook().fold(arrived)) == expected


@given(data=st.data(), events=any_streams)
def test_the_bill_does_not_depend_on_arrival_order_or_duplicates(
    data: st.DataObject, events: list[Event]
) -> None:
    expected = bill_view(events)
    arrived = data.draw(arrivals(events))
    assert bill_view(arrived) == expected


def _charges(events: Sequence[Event]) -> list[Charge]:
    bill = bill_events(events, account=ACCOUNT, month="2026-11")
    return [message.charge for message in bill.charges]


@given(data=st.data(), events=any_streams)
def test_the_ledger_does_not_depend_on_the_order_of_its_charges(
    data: st.DataObject, events: list[Event]
) -> None:
    charges = _charges(events)
    empty = MonthLedger.empty("2026-11", ACCOUNT)
    expected = ledger_view(empty.fold(charges))
    shuffled = data.draw(st.permutations(charges))
    cut = data.draw(st.integers(0, len(shuffled)))
    assert ledger_view(empty.fold(shuffled)) == expected
    merged = empty.fold(shuffled[:cut]).merge(empty.fold(shuffled[cut:]))
    assert ledger_view(merged) == expected
    assert ledger_view(empty.fold(shuffled[:cut]).fold(shuffled[cut:])) == expected


@given(data=st.data(), events=streams(ONE_PAIR))
def test_a_conversation_does_not_depend_on_arrival_order_or_duplicates(
    data: st.DataObject, events: list[Event]
) -> None:
    empty = Conversation.empty(BUSINESSES[0], Customer(phone=PHONES[0]))
    expected = conversation_view(empty.fold(events))
    arrived = data.draw(arrivals(events))
    assert conversation_view(empty.fold(arrived)) == expected
    cut = data.draw(st.integers(0, len(arrived)))
    assert conversation_view(empty.fold(arrived[:cut]).fold(arrived[cut:])) == expected


@given(events=streams(reads=False))
def test_the_inbox_and_the_window_book_keep_the_same_customer_record(
    events: list[Event],
) -> None:
    inbox = Inbox().fold(events)
    book = WindowBook().fold(events)
    assert {k: c.customer.to_dict() for k, c in inbox.conversations.items()} == {
        state.key: state.customer.to_dict() for state in book
    }


# ---------------------------------------------------------------- the cases behind them

BUSINESS = BUSINESSES[0]


def _received(mid: str, seconds: int, customer: Customer, provider: str = "meta") -> Event:
    message = Message(
        id=mid,
        direction=Direction.INBOUND,
        business=BUSINESS,
        customer=customer,
        sent_at=moment(seconds),
        content=Text("hi"),
    )
    return MessageReceived(provider=provider, message=message)


def _sent(
    mid: str,
    seconds: int,
    *,
    customer: Customer | None = None,
    provider: str = "meta",
    operator: str | None = None,
    body: str = "reply",
) -> Event:
    message = Message(
        id=mid,
        direction=Direction.OUTBOUND,
        business=BUSINESS,
        customer=customer or Customer(phone=PHONES[0]),
        sent_at=moment(seconds),
        content=Text(body),
    )
    return MessageSent(provider=provider, message=message, operator=operator)


def _status(mid: str, seconds: int, value: DeliveryStatus) -> Event:
    return MessageStatus(
        provider="meta",
        message_id=mid,
        status=value,
        business=BUSINESS,
        customer=Customer(phone=PHONES[0]),
        occurred_at=moment(seconds),
    )


def _both_orders(*events: Event) -> tuple[Conversation, Conversation]:
    forward, backward = Inbox().fold(events), Inbox().fold(events[::-1])
    ((_, first),) = forward.conversations.items()
    ((_, second),) = backward.conversations.items()
    assert conversation_view(first) == conversation_view(second)
    return first, second


def test_of_two_names_at_one_time_the_one_that_sorts_first_is_kept() -> None:
    aino, renamed = Customer(phone=PHONES[0], name="Aino"), Customer(phone=PHONES[0], name="Ai")
    kept, _ = _both_orders(_received("m1", 0, aino), _received("m1", 0, renamed))
    assert kept.customer.name == "Ai"


def test_the_latest_name_wins_and_a_nameless_record_never_hides_it() -> None:
    early, late = Customer(phone=PHONES[0], name="Aino"), Customer(phone=PHONES[0], name="A. V.")
    kept, _ = _both_orders(
        _received("m1", 0, early),
        _received("m2", 60, late),
        _received("m3", 120, Customer(phone=PHONES[0])),
        _sent("o1", 180),
    )
    assert kept.customer.name == "A. V."


def test_a_name_the_business_recorded_is_kept_whatever_arrives_first() -> None:
    named = Customer(phone=PHONES[0], name="Aino")
    read = ConversationRead(
        provider="helpdesk", business=BUSINESS, customer=Customer(phone=PHONES[0]), occurred_at=T0
    )
    kept, _ = _both_orders(_sent("o1", 0, customer=named), read)
    assert kept.customer.name == "Aino"


def test_a_send_and_its_echo_show_the_same_last_message_and_operator_in_any_order() -> None:
    recorded = _sent("o1", 0, provider="helpdesk", operator="agent-7", body="On its way")
    echo = _sent("o1", 0, provider="meta", operator="agent-1", body="On its way!")
    kept, _ = _both_orders(recorded, echo)
    # the echo's canonical JSON sorts first ("On its way!" before "On its way")
    assert (kept.provider, kept.last_operator) == ("meta", "agent-1")


def test_a_status_stamped_minutes_before_its_send_counts_in_any_order() -> None:
    four_minutes_early = _status("o2", 60, DeliveryStatus.READ)
    kept, _ = _both_orders(_sent("o1", 150), four_minutes_early, _sent("o2", 300))
    assert kept.last_outbound_id == "o2"
    assert kept.ticks is Ticks.TWO_BLUE


def test_a_status_older_than_the_skew_before_the_last_send_is_about_an_older_message() -> None:
    stale = _status("o1", 0, DeliveryStatus.FAILED)
    late = int((STATUS_SKEW + timedelta(seconds=1)).total_seconds())
    state = Inbox().fold([_sent("o1", 0), _sent("o2", late), stale])
    ((_, conversation),) = state.conversations.items()
    assert conversation.last_outbound_id == "o2"
    assert conversation.last_outbound is None
    assert conversation.parked == ()

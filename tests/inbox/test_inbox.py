"""The inbox: conversations routed by (business number, customer) and summarised."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from wamsg import Customer, DeliveryStatus, MessageStatus, PhoneNumber, Ticks, ValidationError
from wamsg.events import Event
from wamsg.inbox import Conversation, Inbox
from wamsg.testing import sample_day

from .test_conversation import BUSINESS, CUSTOMER, at, read, received, sent, status

OTHER_BUSINESS = PhoneNumber.parse("+15550783881")


def bare_status(mid: str, minutes: float, value: DeliveryStatus) -> MessageStatus:
    """A status that names only the message (as some providers send it)."""
    return MessageStatus(
        provider="sunshine", message_id=mid, status=value, occurred_at=at(minutes)
    )


def test_each_business_customer_pair_is_its_own_conversation() -> None:
    other = received("x1", 0)
    other = type(other)(
        provider="meta",
        message=type(other.message)(
            id="x1",
            direction=other.message.direction,
            business=OTHER_BUSINESS,
            customer=CUSTOMER,
            sent_at=at(0),
            content=other.message.content,
        ),
    )
    inbox = Inbox().fold([received("m1", 0), other])
    assert len(inbox) == 2


def test_the_inbox_agrees_with_folding_the_conversation_alone() -> None:
    events: list[Event] = [received("m1", 0), sent("o1", 2), status("o1", 3, DeliveryStatus.READ)]
    inbox = Inbox().fold(events)
    alone = Conversation.start(BUSINESS, CUSTOMER).fold(events)
    assert inbox.conversations[alone.key] == alone


def test_folding_in_batches_equals_one_fold() -> None:
    events: list[Event] = [
        received("m1", 0),
        sent("o1", 2),
        status("o1", 3, DeliveryStatus.READ),
        received("m2", 9),
        read(10),
    ]
    whole = Inbox().fold(events)
    batched = Inbox()
    for event in events:
        batched = batched.apply(event)
    assert batched == whole


def test_a_status_without_customer_finds_its_message_by_id() -> None:
    inbox = Inbox().fold([sent("o1", 0)]).fold([bare_status("o1", 1, DeliveryStatus.DELIVERED)])
    (state,) = inbox.conversations.values()
    assert state.ticks is Ticks.TWO_GREY


def test_a_status_for_an_unknown_message_waits_for_it() -> None:
    inbox = Inbox().fold([bare_status("o1", 1, DeliveryStatus.READ)])
    assert len(inbox) == 0
    inbox = inbox.fold([bare_status("o1", 1, DeliveryStatus.DELIVERED), sent("o1", 0)])
    (state,) = inbox.conversations.values()
    assert state.ticks is Ticks.TWO_BLUE
    assert inbox.orphans == ()


def test_a_status_naming_an_unknown_conversation_waits_as_well() -> None:
    inbox = Inbox().fold([status("o9", 1, DeliveryStatus.SENT)])
    assert len(inbox) == 0
    assert [mid for mid, _ in inbox.orphans] == ["o9"]


def test_waiting_lists_longest_waiting_first() -> None:
    other_customer = Customer(phone="+4915112345678")
    early = received("e1", 0)
    early = type(early)(
        provider="meta",
        message=type(early.message)(
            id="e1",
            direction=early.message.direction,
            business=BUSINESS,
            customer=other_customer,
            sent_at=at(-30),
            content=early.message.content,
        ),
    )
    inbox = Inbox().fold([received("m1", 0), early])
    assert [c.customer for c in inbox.waiting()] == [other_customer, CUSTOMER]


def test_rows_are_most_recent_first() -> None:
    inbox = sample_day_inbox()
    times = [row.last_message.at for row in inbox.rows() if row.last_message is not None]
    assert times == sorted(times, reverse=True)


def sample_day_inbox() -> Inbox:
    return Inbox().fold(sample_day().events)


def test_summary_counts_waiting_and_handled_today_per_operator() -> None:
    day = sample_day()
    summary = Inbox().fold(day.events).summary(at=day.at, timezone=day.timezone)
    assert summary.waiting == 3
    assert summary.handled_today == 3
    assert dict(summary.per_operator) == {"agent-2": 1, "agent-7": 1, "reminder-bot": 1}


def test_handled_today_depends_on_the_local_day() -> None:
    inbox = Inbox().fold([sent("o1", -7 * 60)])  # 01:00 UTC = 03:00 in Helsinki
    moment = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)
    assert inbox.summary(at=moment, timezone="Europe/Helsinki").handled_today == 1
    assert inbox.summary(at=moment, timezone="America/New_York").handled_today == 0


def test_anonymous_replies_are_counted_as_automated() -> None:
    inbox = Inbox().fold([sent("o1", 0, None)])
    summary = inbox.summary(at=at(5), timezone="UTC")
    assert summary.per_operator == ((None, 1),)


def test_summary_rejects_a_naive_time() -> None:
    with pytest.raises(ValidationError, match="naive"):
        Inbox().summary(at=datetime(2026, 11, 20, 12, 0), timezone="UTC")


def test_the_sample_day_shows_every_trap_handled() -> None:
    inbox = sample_day_inbox()
    by_name = {c.customer.name: c for c in inbox.conversations.values()}
    assert by_name["Aino Virtanen"].unread_count == 1  # duplicate webhook counted once
    assert by_name["Aino Virtanen"].ticks is Ticks.TWO_BLUE  # read arrived first
    assert by_name["Jonas Weber"].ticks is Ticks.TWO_GREY  # delivered beats failed
    assert by_name["Mika"].unread_count == 0  # read by an agent
    assert by_name["Mika"].awaiting_reply
    assert by_name["Sheena Nelson"].awaiting_reply

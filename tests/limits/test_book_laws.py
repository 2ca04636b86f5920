"""The book's laws: any order and any duplication of the events give the same answers,
and ``used`` is exactly a naive count of the distinct users holding a slot."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.limits.helpers import A, B, free_form, received, status, template, user, utc
from wamsg import DeliveryStatus, Event, MessageReceived, MessageSent, MessageStatus
from wamsg.content import TemplateRef
from wamsg.limits import CountingPolicy, LimitBook, LimitsPolicy

E5 = utc(2026, 3, 2)
E4 = utc(2024, 6, 1)
NUMBERS = (A, B)
STATUSES = [
    DeliveryStatus.DELIVERED,
    DeliveryStatus.READ,
    DeliveryStatus.FAILED,
    DeliveryStatus.SENT,
    DeliveryStatus.PENDING,
]


@st.composite
def streams(draw: st.DrawFn, base: datetime) -> list[Event]:
    """Sends of ids m0…, their reports, and customer messages, over three days."""
    events: list[Event] = []
    for i in range(draw(st.integers(0, 12))):
        at = base + timedelta(minutes=draw(st.integers(0, 72 * 60)))
        customer = user(draw(st.integers(0, 4)))
        business = draw(st.sampled_from(NUMBERS))
        make = template if draw(st.integers(0, 4)) else free_form
        events.append(make(f"m{i}", at, customer, business=business))
        for _ in range(draw(st.integers(0, 2))):
            delay = timedelta(minutes=draw(st.integers(-5, 600)))
            timed = draw(st.integers(0, 6)) > 0
            events.append(
                status(f"m{i}", draw(st.sampled_from(STATUSES)), at + delay if timed else None)
            )
    for _ in range(draw(st.integers(0, 4))):
        at = base + timedelta(minutes=draw(st.integers(0, 72 * 60)))
        events.append(
            received(at, user(draw(st.integers(0, 4))), business=draw(st.sampled_from(NUMBERS)))
        )
    return events


def moments(base: datetime) -> st.SearchStrategy[datetime]:
    return st.integers(0, 100 * 60).map(lambda m: base + timedelta(minutes=m))


def answers(book: LimitBook, at: datetime, number: object) -> tuple[object, ...]:
    return (
        book.used(at, number=number),  # type: ignore[arg-type]
        book.next_slot_at(at, 2, number=number),  # type: ignore[arg-type]
        book.decide(user(0), at, 2, number=A).to_dict(),
        book.first_deliveries(at - timedelta(days=7), at),
    )


@settings(max_examples=150)
@given(data=st.data(), base=st.sampled_from([E5, E4]))
def test_any_order_and_duplication_of_the_events_gives_the_same_book_and_answers(
    data: st.DataObject, base: datetime
) -> None:
    events = data.draw(streams(base), "events")
    order = data.draw(st.permutations(range(len(events))), "order")
    again = data.draw(st.lists(st.sampled_from(events), max_size=6) if events else st.just([]))
    shuffled = [events[i] for i in order] + again
    once = LimitBook.empty(numbers=NUMBERS).fold(events)
    other = LimitBook.empty(numbers=NUMBERS).fold(shuffled)
    assert other == once
    assert once.fold(events) == once
    halves = LimitBook.empty(numbers=NUMBERS).fold(shuffled[:3]).fold(shuffled[3:])
    assert halves == once
    for at in data.draw(st.lists(moments(base), min_size=1, max_size=4), "moments"):
        assert answers(other, at, A) == answers(once, at, A)


def naive_used(events: list[Event], at: datetime, number: object, pending_holds: bool) -> int:
    """Distinct customers with a template sent outside the window holding a slot at ``at``."""
    inbound: list[tuple[object, str, datetime]] = []
    for e in events:
        if isinstance(e, MessageReceived) and e.message.sent_at is not None:
            inbound.append((e.message.business, e.message.customer.key, e.message.sent_at))
    reports = [e for e in events if isinstance(e, MessageStatus)]
    holders = set()
    for send in (e for e in events if isinstance(e, MessageSent)):
        m = send.message
        assert m.sent_at is not None
        if not isinstance(m.content, TemplateRef) or m.sent_at > at:
            continue
        if number is not None and m.business != number:
            continue
        if any(
            b == m.business and c == m.customer.key and r <= m.sent_at < r + timedelta(hours=24)
            for b, c, r in inbound
        ):
            continue  # the window was open
        mine = [
            (r.status, max(r.occurred_at or m.sent_at, m.sent_at))
            for r in reports
            if r.message_id == m.id
        ]
        proofs = [
            t for s, t in mine if s in (DeliveryStatus.DELIVERED, DeliveryStatus.READ) and t <= at
        ]
        failed = [t for s, t in mine if s is DeliveryStatus.FAILED and t <= at]
        if proofs:
            moment = min(proofs)
        elif failed or not pending_holds:
            continue
        else:
            moment = m.sent_at
        if moment > at - timedelta(hours=24):
            holders.add(m.customer.key)
    return len(holders)


@settings(max_examples=200)
@given(data=st.data(), pending_holds=st.booleans())
def test_used_is_the_naive_count_of_distinct_users_holding_a_slot(
    data: st.DataObject, pending_holds: bool
) -> None:
    policy = LimitsPolicy(counting=CountingPolicy(pending_holds_slot=pending_holds))
    events = data.draw(streams(E5), "events")
    book = LimitBook.empty(numbers=NUMBERS, policy=policy).fold(events)
    for at in data.draw(st.lists(moments(E5), min_size=1, max_size=4), "moments"):
        assert book.used(at) == naive_used(events, at, None, pending_holds)
        delivered_only = naive_used(events, at, None, False)
        if not pending_holds:
            assert book.used(at) <= delivered_only


@settings(max_examples=150)
@given(data=st.data())
def test_in_conversation_eras_used_never_exceeds_the_naive_count(data: st.DataObject) -> None:
    events = data.draw(streams(E4), "events")
    book = LimitBook.empty(numbers=NUMBERS).fold(events)
    for at in data.draw(st.lists(moments(E4), min_size=1, max_size=4), "moments"):
        for number in NUMBERS:
            assert book.used(at, number=number) <= naive_used(events, at, number, True)

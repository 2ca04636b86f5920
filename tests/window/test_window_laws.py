"""Laws of the window fold: idempotent, order-insensitive, and "as of" equals "fold up to"."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from wamsg import MessageReceived, MessageSent
from wamsg.events import CallEvent
from wamsg.window import FREE_FORM, WindowBook, WindowState, decide_send

from .helpers import BUSINESS, CUSTOMER, called, hour, received, sent

EMPTY = WindowState.empty(BUSINESS, CUSTOMER)


WindowEvent = MessageReceived | MessageSent | CallEvent


@st.composite
def window_events(draw: st.DrawFn) -> WindowEvent:
    """A customer message, a business message, or a call (by the user or the business)."""
    at = hour(draw(st.integers(0, 200 * 4)) / 4)
    if draw(st.integers(0, 4)) == 0:
        direction = draw(st.sampled_from(["USER_INITIATED", "BUSINESS_INITIATED"]))
        return called(
            at, direction=direction, event=draw(st.sampled_from(["connect", "terminate"]))
        )
    if draw(st.booleans()):
        return received(at, source_type=draw(st.sampled_from([None, "ad", "post"])))
    return sent(at, template=draw(st.sampled_from([None, "utility", "marketing"])))


EVENTS = st.lists(window_events(), max_size=12)
TIMES = st.integers(-4, 220 * 4).map(lambda q: hour(q / 4))
KINDS = st.sampled_from([FREE_FORM, "marketing", "utility"])
MARGINS = st.sampled_from([timedelta(0), timedelta(minutes=2), timedelta(hours=1)])


@given(EVENTS, st.randoms())
def test_fold_is_order_insensitive(events: list[WindowEvent], rnd: object) -> None:
    shuffled = list(events)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert EMPTY.fold(shuffled) == EMPTY.fold(events)
    assert EMPTY.fold(shuffled).free_entry_points == EMPTY.fold(events).free_entry_points


@given(EVENTS)
def test_fold_is_idempotent_under_duplicates(events: list[WindowEvent]) -> None:
    once = EMPTY.fold(events)
    assert EMPTY.fold(events + events) == once
    assert once.fold(events) == once


@given(EVENTS, EVENTS)
def test_folding_in_two_steps_equals_folding_at_once(
    first: list[WindowEvent], second: list[WindowEvent]
) -> None:
    assert EMPTY.fold(first).fold(second) == EMPTY.fold(first + second)
    assert WindowBook().fold(first).fold(second) == WindowBook().fold(second + first)


@given(EVENTS, st.randoms(), TIMES, KINDS, MARGINS)
def test_decision_does_not_depend_on_event_order(
    events: list[WindowEvent],
    rnd: object,
    at: datetime,
    kind: str,
    margin: timedelta,
) -> None:
    shuffled = list(events)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    a = decide_send(EMPTY.fold(events), kind, at=at, margin=margin)
    b = decide_send(EMPTY.fold(shuffled), kind, at=at, margin=margin)
    assert a == b


@given(EVENTS, TIMES, KINDS, MARGINS)
def test_decision_as_of_equals_decision_on_events_up_to_then(
    events: list[WindowEvent], at: datetime, kind: str, margin: timedelta
) -> None:
    upto = [e for e in events if e.occurred_at is not None and e.occurred_at <= at]
    everything = decide_send(EMPTY.fold(events), kind, at=at, margin=margin)
    assert everything == decide_send(EMPTY.fold(upto), kind, at=at, margin=margin)


@given(EVENTS, TIMES, MARGINS)
def test_decision_agrees_with_the_snapshot(
    events: list[WindowEvent], at: datetime, margin: timedelta
) -> None:
    state = EMPTY.fold(events)
    snapshot = state.as_of(at, margin=margin)
    decision = decide_send(state, FREE_FORM, at=at, margin=margin)
    assert decision.allowed == snapshot.customer_service_window_open
    assert decision.free_entry_point == snapshot.free_entry_point_open
    assert decision.closes_at == snapshot.closes_at

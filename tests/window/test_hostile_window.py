"""Regressions of the hostile fuzz (tests/test_hostile_builders.py) for wamsg.window,
wamsg.inbox, wamsg.hours and the event folds' accumulators.

Each case is a public callable given a value of a hostile class (a wrong type, a lone
surrogate, a huge integer, a huge or negative timedelta): every one is a
ValidationError naming the field, never a TypeError, AttributeError or IndexError.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone

import pytest

from wamsg import BusinessHours, Customer, Inbox, PhoneNumber, ValidationError, WindowBook
from wamsg.hours import decide_autoreply
from wamsg.inbox import Conversation, preview
from wamsg.testing import sample_day
from wamsg.window import (
    FollowUpPolicy,
    WindowState,
    decide_send,
    plan_followups,
    window_overview,
)
from wamsg.window.state import DECISION_SLOTS

UTC = timezone.utc
AT = datetime(2026, 11, 20, 12, tzinfo=UTC)
BUSINESS = PhoneNumber.parse("+15550783881")
CUSTOMER = Customer(phone="+16505551234")
STATE = WindowState.empty(BUSINESS, CUSTOMER)
HOURS = BusinessHours.parse("Mon-Fri 08:00-17:00", timezone="Europe/Helsinki")
DAY = sample_day()

Call = Callable[[], object]

CASES: dict[str, tuple[str, Call]] = {
    "policy: huge lead": ("closing_lead", lambda: FollowUpPolicy(closing_lead=timedelta.max)),
    "policy: negative wait": (
        "pending_after",
        lambda: FollowUpPolicy(pending_after=timedelta(microseconds=-1)),
    ),
    "policy: lead of the wrong type": (
        "closing_lead",
        lambda: FollowUpPolicy(closing_lead=AT),  # type: ignore[arg-type]
    ),
    "policy: surrogate category": (
        "pending_category",
        lambda: FollowUpPolicy(pending_category="\ud800"),
    ),
    "policy: reengagement category": (
        "reengagement_category",
        lambda: FollowUpPolicy(reengagement_category=5),  # type: ignore[arg-type]
    ),
    "policy: reminders flag": (
        "pending_reminders",
        lambda: FollowUpPolicy(pending_reminders="yes"),  # type: ignore[arg-type]
    ),
    "state empty: business": (
        "business",
        lambda: WindowState.empty(AT, CUSTOMER),  # type: ignore[arg-type]
    ),
    "state empty: customer": (
        "customer",
        lambda: WindowState.empty(BUSINESS, "+16505551234"),  # type: ignore[arg-type]
    ),
    "recall: None": ("slot", lambda: STATE.recall(None)),  # type: ignore[arg-type]
    "recall: huge": ("slot", lambda: STATE.recall(10**5000)),
    "recall: negative": ("slot", lambda: STATE.recall(-1)),
    "remember: 2**64": ("slot", lambda: STATE.remember(2**64, "x")),
    "remember: past the memo": ("slot", lambda: STATE.remember(DECISION_SLOTS, "x")),
    "decide_send: state": (
        "state",
        lambda: decide_send(None, "free_form", at=AT),  # type: ignore[arg-type]
    ),
    "plan_followups: state": ("state", lambda: plan_followups("x", at=AT)),  # type: ignore[arg-type]
    "plan_followups: hours": (
        "hours",
        lambda: plan_followups(STATE, at=AT, hours="Mon-Fri 08:00-17:00"),  # type: ignore[arg-type]
    ),
    "plan_followups: policy": (
        "policy",
        lambda: plan_followups(STATE, at=AT, policy={}),  # type: ignore[arg-type]
    ),
    "window_overview: book": ("book", lambda: window_overview([STATE], at=AT)),  # type: ignore[arg-type]
    "window_overview: hours": (
        "hours",
        lambda: window_overview(WindowBook(), at=AT, hours=5),  # type: ignore[arg-type]
    ),
    "conversation empty: business": (
        "business",
        lambda: Conversation.empty(object(), CUSTOMER),  # type: ignore[arg-type]
    ),
    "conversation start: customer": (
        "customer",
        lambda: Conversation.start(BUSINESS, None),  # type: ignore[arg-type]
    ),
    "preview: text": ("content", lambda: preview("hello")),  # type: ignore[arg-type]
    "preview: None": ("content", lambda: preview(None)),  # type: ignore[arg-type]
    "inbox accumulator: None": ("events", lambda: Inbox().accumulator().extend(None)),  # type: ignore[arg-type]
    "inbox accumulator: number": ("events", lambda: Inbox().accumulator().extend(7)),  # type: ignore[arg-type]
    "hours_on: text": ("day", lambda: HOURS.hours_on("2026-11-20")),  # type: ignore[arg-type]
    "intervals_on: None": ("day", lambda: HOURS.intervals_on(None)),  # type: ignore[arg-type]
    "decide_autoreply: hours": (
        "hours",
        lambda: decide_autoreply("Mon-Fri", received_at=AT),  # type: ignore[arg-type]
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_hostile_argument_is_a_validation_error_naming_it(case: str) -> None:
    field, call = CASES[case]
    with pytest.raises(ValidationError) as caught:
        call()
    assert caught.value.field.startswith(field), caught.value


def test_the_checks_keep_what_is_valid() -> None:
    policy = FollowUpPolicy(closing_lead=timedelta(hours=3), pending_reminders=False)
    assert policy.closing_lead == timedelta(hours=3)
    STATE.remember(DECISION_SLOTS - 1, "kept")
    assert STATE.recall(DECISION_SLOTS - 1) == "kept"
    assert HOURS.hours_on(date(2026, 11, 20)) == "08:00-17:00"
    assert HOURS.intervals_on(datetime(2026, 11, 21)) == ()  # a datetime is a date
    book = WindowBook().fold(DAY.events)
    assert window_overview(book, at=AT, hours=HOURS, policy=policy)
    accumulator = Inbox().accumulator()
    accumulator.extend(iter(DAY.events))  # any iterable, a generator included
    assert len(accumulator.result()) == len(Inbox().fold(DAY.events))

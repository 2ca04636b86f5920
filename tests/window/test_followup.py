"""Follow-up planning: closing reminders, pending-ticket reminders, re-engagement."""

from __future__ import annotations

from datetime import datetime, timedelta

from wamsg.hours import BusinessHours
from wamsg.window import (
    FollowUpKind,
    FollowUpPolicy,
    WindowBook,
    WindowState,
    plan_followups,
    window_overview,
)

from .helpers import BUSINESS, CUSTOMER, UTC, hour, received, sent

EMPTY = WindowState.empty(BUSINESS, CUSTOMER)
OFFICE = BusinessHours.parse("Mon-Fri 08:00-17:00", timezone="UTC")
SATURDAY_10 = datetime(2026, 11, 7, 10, tzinfo=UTC)


def test_nothing_to_plan_for_an_empty_pair() -> None:
    assert plan_followups(EMPTY, at=hour(1)) == ()


def test_window_closing_reminder_an_hour_before_close() -> None:
    (plan,) = plan_followups(EMPTY.apply(received(hour(2))), at=hour(3))
    assert plan.kind is FollowUpKind.WINDOW_CLOSING_REMINDER
    assert plan.due_at == hour(25)
    assert plan.deadline == hour(26)
    assert plan.free_form
    assert plan.to_dict()["send"] == "free_form"


def test_closing_reminder_due_now_when_less_than_the_lead_is_left() -> None:
    (plan,) = plan_followups(EMPTY.apply(received(hour(2))), at=hour(25.5))
    assert plan.due_at == hour(25.5)


def test_lead_is_the_callers_choice() -> None:
    policy = FollowUpPolicy(closing_lead=timedelta(hours=3))
    (plan,) = plan_followups(EMPTY.apply(received(hour(2))), at=hour(3), policy=policy)
    assert plan.due_at == hour(23)


def test_pending_reminder_24_hours_after_the_agents_last_reply() -> None:
    state = EMPTY.fold([received(hour(2)), sent(hour(3))])
    (plan,) = plan_followups(state, at=hour(4))
    assert plan.kind is FollowUpKind.PENDING_REMINDER
    assert plan.due_at == hour(27)
    assert plan.template_category == "utility"
    assert not plan.free_form


def test_pending_reminder_stops_when_the_customer_answers() -> None:
    state = EMPTY.fold([received(hour(2)), sent(hour(3)), received(hour(10))])
    (plan,) = plan_followups(state, at=hour(11))
    assert plan.kind is FollowUpKind.WINDOW_CLOSING_REMINDER


def test_pending_reminders_can_be_switched_off() -> None:
    state = EMPTY.fold([received(hour(2)), sent(hour(3))])
    assert plan_followups(state, at=hour(4), policy=FollowUpPolicy(pending_reminders=False)) == ()


def test_pending_reminder_waits_for_business_hours() -> None:
    friday_16 = datetime(2026, 11, 6, 16, tzinfo=UTC)
    state = EMPTY.fold([received(friday_16), sent(friday_16 + timedelta(minutes=5))])
    (plan,) = plan_followups(state, at=friday_16 + timedelta(hours=1), hours=OFFICE)
    assert plan.due_at == datetime(2026, 11, 9, 8, tzinfo=UTC)


def test_saturday_message_is_reengaged_with_a_template_at_monday_opening() -> None:
    state = EMPTY.apply(received(SATURDAY_10))
    (plan,) = plan_followups(state, at=SATURDAY_10, hours=OFFICE)
    assert plan.kind is FollowUpKind.REENGAGEMENT
    assert plan.due_at == datetime(2026, 11, 9, 8, tzinfo=UTC)
    assert plan.template_category == "utility"
    assert "when the business opens" in plan.reason


def test_friday_evening_message_gets_a_closing_reminder_if_open_before_close() -> None:
    friday_20 = datetime(2026, 11, 5, 20, tzinfo=UTC)  # Thursday 20:00, opens 08:00 Friday
    (plan,) = plan_followups(EMPTY.apply(received(friday_20)), at=friday_20, hours=OFFICE)
    assert plan.kind is FollowUpKind.WINDOW_CLOSING_REMINDER
    assert plan.due_at == datetime(2026, 11, 6, 19, tzinfo=UTC)


def test_closed_window_without_hours_is_reengaged_now() -> None:
    (plan,) = plan_followups(EMPTY.apply(received(hour(2))), at=hour(30))
    assert plan.kind is FollowUpKind.REENGAGEMENT
    assert plan.due_at == hour(30)


def test_no_plan_when_the_business_never_opens() -> None:
    closed = BusinessHours.parse("Mon-Sun closed", timezone="UTC")
    assert plan_followups(EMPTY.apply(received(hour(2))), at=hour(3), hours=closed) == ()
    replied = EMPTY.fold([received(hour(2)), sent(hour(3))])
    assert plan_followups(replied, at=hour(4), hours=closed) == ()


def test_overview_lists_every_pair_with_windows_and_plans() -> None:
    book = WindowBook().fold(
        [received(hour(10), source_type="ad"), sent(hour(22), template="utility")]
    )
    (row,) = window_overview(book, at=hour(23))
    data = row.to_dict()
    assert data["customer_service_window"] == {
        "open": True,
        "opens_at": "2026-11-02T10:00:00Z",
        "closes_at": "2026-11-03T10:00:00Z",
    }
    assert data["free_entry_point_window"] == {"open": True, "closes_at": "2026-11-05T22:00:00Z"}
    assert row.followups[0].kind.value == "pending_reminder"
    assert data["business"] == "+15550783881"

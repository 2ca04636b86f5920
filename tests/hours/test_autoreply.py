"""The out-of-hours auto-reply: once per closed period, with the next opening time."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from wamsg import ValidationError
from wamsg.hours import AutoReplyReason, BusinessHours, decide_autoreply

UTC = timezone.utc
HOURS = BusinessHours.parse("Mon-Fri 08:00-17:00", timezone="Europe/Helsinki")
SATURDAY = datetime(2026, 11, 7, 10, tzinfo=UTC)
MONDAY_OPEN = datetime(2026, 11, 9, 6, tzinfo=UTC)  # 08:00 EET


def test_message_out_of_hours_gets_the_autoreply_with_the_next_opening() -> None:
    decision = decide_autoreply(HOURS, received_at=SATURDAY)
    assert decision.send
    assert decision.reason is AutoReplyReason.OUT_OF_HOURS
    assert decision.next_open == MONDAY_OPEN
    assert decision.next_open_local is not None
    assert decision.next_open_local.hour == 8
    assert "Monday 08:00" in decision.message


def test_message_during_hours_gets_no_autoreply() -> None:
    decision = decide_autoreply(HOURS, received_at=MONDAY_OPEN)
    assert not decision.send
    assert decision.reason is AutoReplyReason.OPEN


def test_only_one_autoreply_per_closed_period() -> None:
    later = datetime(2026, 11, 8, 12, tzinfo=UTC)
    decision = decide_autoreply(HOURS, received_at=later, last_autoreply_at=SATURDAY)
    assert not decision.send
    assert decision.reason is AutoReplyReason.ALREADY_SENT
    assert "already" in decision.message


def test_a_new_closed_period_gets_a_new_autoreply() -> None:
    monday_evening = datetime(2026, 11, 9, 18, tzinfo=UTC)
    assert decide_autoreply(HOURS, received_at=monday_evening, last_autoreply_at=SATURDAY).send


def test_never_opening_business_sends_once_without_a_time() -> None:
    closed = BusinessHours.parse("Mon-Sun closed", timezone="UTC")
    first = decide_autoreply(closed, received_at=SATURDAY)
    assert first.send
    assert first.next_open is None
    assert first.to_dict()["next_open"] is None
    again = decide_autoreply(closed, received_at=MONDAY_OPEN, last_autoreply_at=SATURDAY)
    assert not again.send


def test_json_form() -> None:
    data = decide_autoreply(HOURS, received_at=SATURDAY).to_dict()
    assert data["next_open"] == "2026-11-09T06:00:00Z"
    assert data["next_open_local"] == "2026-11-09T08:00:00+02:00"
    assert data["reason"] == "out_of_hours"


def test_naive_times_are_rejected() -> None:
    with pytest.raises(ValidationError, match="received_at"):
        decide_autoreply(HOURS, received_at=datetime(2026, 11, 7, 10))
    with pytest.raises(ValidationError, match="last_autoreply_at"):
        decide_autoreply(HOURS, received_at=SATURDAY, last_autoreply_at=datetime(2026, 11, 7))

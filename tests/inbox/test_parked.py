"""Parked delivery reports: kept until their message, forgotten once expired, untimed kept."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from wamsg.delivery import Delivery, DeliveryStatus
from wamsg.inbox._parked import Parked

T0 = datetime(2026, 11, 20, 9, tzinfo=timezone.utc)


def _report(status: DeliveryStatus, at: datetime | None) -> Delivery:
    return Delivery(status=status, at=at)


def test_reports_wait_for_their_message_and_are_taken_once() -> None:
    parked = Parked()
    parked.park("m1", _report(DeliveryStatus.SENT, T0))
    parked.park("m1", _report(DeliveryStatus.DELIVERED, T0 + timedelta(seconds=2)))
    taken = parked.take("m1")
    assert taken is not None
    assert taken.status is DeliveryStatus.DELIVERED
    assert parked.take("m1") is None
    assert not parked


def test_expired_reports_are_forgotten_and_untimed_ones_stay() -> None:
    parked = Parked()
    parked.park("old", _report(DeliveryStatus.SENT, T0))
    parked.park("untimed", _report(DeliveryStatus.SENT, None))
    parked.park("new", _report(DeliveryStatus.SENT, T0 + timedelta(hours=1)))
    parked.forget_before(T0 + timedelta(minutes=30))
    assert [m for m, _ in parked.items()] == ["new", "untimed"]


def test_a_report_merged_to_a_later_time_outlives_its_first_time() -> None:
    parked = Parked()
    parked.park("m1", _report(DeliveryStatus.SENT, T0))
    parked.park("m1", _report(DeliveryStatus.READ, T0 + timedelta(hours=2)))
    parked.forget_before(T0 + timedelta(hours=1))  # pops the stale first entry only
    assert [m for m, _ in parked.items()] == ["m1"]
    parked.forget_before(T0 + timedelta(hours=3))
    assert parked.items() == ()


def test_a_parked_state_is_rebuilt_from_its_items() -> None:
    first = Parked()
    first.park("a", _report(DeliveryStatus.SENT, T0))
    first.park("b", _report(DeliveryStatus.SENT, None))
    again = Parked(first.items())
    again.forget_before(T0 + timedelta(seconds=1))
    assert [m for m, _ in again.items()] == ["b"]

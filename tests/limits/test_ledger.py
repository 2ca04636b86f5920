"""The limit ledger: unique users in the trailing 24 h, fast, in any record order."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.limits.helpers import utc
from wamsg import ValidationError
from wamsg.limits import LimitLedger

T0 = utc(2025, 11, 3, 10)
DAY = timedelta(hours=24)


def filled(count: int, at: datetime = T0) -> LimitLedger:
    ledger = LimitLedger()
    for i in range(count):
        ledger.record(f"u{i}", at)
    return ledger


def test_a_new_user_fits_while_there_is_room_and_then_is_counted() -> None:
    ledger = filled(249)
    assert ledger.can_reach("new", T0, 250)
    ledger.record("new", T0)
    assert ledger.used(T0) == 250
    assert ledger.remaining(T0, 250) == 0
    assert not ledger.can_reach("another", T0, 250)


def test_a_user_already_counted_costs_nothing() -> None:
    ledger = filled(250)
    assert ledger.can_reach("u7", T0 + timedelta(hours=3), 250)
    ledger.record("u7", T0 + timedelta(hours=3))
    assert ledger.used(T0 + timedelta(hours=3)) == 250
    assert ledger.counted("u7", T0 + timedelta(hours=3))


def test_w5_the_window_is_the_24_hours_before_the_moment_asked_exclusive_of_its_start() -> None:
    """Worked example W5: 250 users counted at 10:00 free their slots at 10:00 the next day."""
    ledger = filled(250, utc(2025, 11, 3, 10))
    assert not ledger.can_reach("new", utc(2025, 11, 4, 9, 59, 59), 250)
    assert ledger.can_reach("new", utc(2025, 11, 4, 10, 0, 0), 250)
    assert ledger.can_reach("new", utc(2025, 11, 4, 10, 0, 1), 250)
    assert ledger.used(utc(2025, 11, 4, 10)) == 0


def test_w2_the_next_slot_frees_24_hours_after_the_oldest_counted_user() -> None:
    """Worked example W2."""
    ledger = LimitLedger()
    for i in range(2_000):
        ledger.record(f"u{i}", T0 + timedelta(seconds=i))
    at = T0 + timedelta(hours=5)
    assert not ledger.can_reach("v", at, 2_000)
    assert ledger.next_slot_at(at, 2_000) == T0 + DAY
    assert ledger.next_slot_at(at, 2_001) is None
    assert ledger.next_slot_at(at, 1_999) == T0 + DAY + timedelta(seconds=1)


def test_unlimited_always_reaches_and_has_no_remaining_or_next_slot() -> None:
    ledger = filled(10)
    assert ledger.can_reach("x", T0, None)
    assert ledger.remaining(T0, None) is None
    assert ledger.next_slot_at(T0, None) is None


def test_a_later_record_moves_the_slot_and_an_earlier_one_changes_nothing() -> None:
    ledger = LimitLedger()
    ledger.record("u", T0)
    ledger.record("u", T0 + timedelta(hours=20))
    ledger.record("u", T0 + timedelta(hours=1))
    assert ledger.used(T0 + timedelta(hours=30)) == 1
    assert ledger.used(T0 + timedelta(hours=44)) == 0


def test_records_out_of_order_expire_at_their_own_moment() -> None:
    ledger = LimitLedger()
    ledger.record("late", T0 + timedelta(hours=10))
    ledger.record("early", T0)
    ledger.record("middle", T0 + timedelta(hours=5))
    at = T0 + timedelta(hours=12)
    assert ledger.next_slot_at(at, 3) == T0 + DAY
    assert ledger.next_slot_at(at, 2) == T0 + DAY + timedelta(hours=5)
    assert ledger.used(T0 + DAY) == 2
    assert ledger.used(T0 + DAY + timedelta(hours=5)) == 1
    assert ledger.used(T0 + DAY + timedelta(hours=10)) == 0


def test_conversations_hold_the_slot_from_their_first_delivery() -> None:
    """2022-05-02 → 2025-10-06: a template inside an open conversation opens no new slot."""
    ledger = LimitLedger(conversations=True)
    ledger.record("u", T0)
    ledger.record("u", T0 + timedelta(hours=20))
    assert ledger.used(T0 + DAY) == 0
    ledger.record("u", T0 + DAY + timedelta(hours=1))
    assert ledger.used(T0 + DAY + timedelta(hours=1)) == 1


def test_expired_users_are_dropped_so_the_ledger_holds_only_the_window() -> None:
    ledger = LimitLedger()
    for i in range(5_000):
        ledger.record(f"u{i}", T0 + timedelta(seconds=60 * i))
    end = T0 + timedelta(seconds=60 * 4_999)
    assert ledger.used(end) == 24 * 60
    assert len(ledger) == 24 * 60


def test_a_record_older_than_the_window_already_asked_about_is_ignored() -> None:
    ledger = filled(1)
    assert ledger.used(T0 + 2 * DAY) == 0
    ledger.record("old", T0)
    assert ledger.used(T0 + 2 * DAY) == 0
    assert len(ledger) == 0


def test_a_question_about_an_earlier_moment_is_answered_as_of_the_latest_one() -> None:
    ledger = filled(3)
    assert ledger.used(T0 + 2 * DAY) == 0
    assert ledger.used(T0) == 0


def test_any_aware_datetime_is_accepted_and_the_instant_is_what_counts() -> None:
    ledger = LimitLedger()
    ledger.record("u", pendulum.datetime(2025, 11, 3, 12, tz="Europe/Helsinki"))
    helsinki = datetime(2025, 11, 4, 11, 59, 59, tzinfo=ZoneInfo("Europe/Helsinki"))
    assert ledger.used(helsinki) == 1
    assert ledger.used(utc(2025, 11, 4, 10)) == 0


@pytest.mark.parametrize("limit", [-1, 2.5, "250", True])
def test_a_bad_limit_is_refused_naming_the_field(limit: object) -> None:
    ledger = filled(300)
    with pytest.raises(ValidationError, match=r"^limit:"):
        ledger.can_reach("x", T0, limit)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"^limit:"):
        ledger.remaining(T0, limit)  # type: ignore[arg-type]


def test_naive_moments_and_a_bad_flag_are_refused() -> None:
    ledger = LimitLedger()
    with pytest.raises(ValidationError, match=r"^at:"):
        ledger.record("u", datetime(2025, 11, 3))
    with pytest.raises(ValidationError, match=r"^at:"):
        ledger.can_reach("u", datetime(2025, 11, 3), 10)
    with pytest.raises(ValidationError, match=r"^at:"):
        ledger.used("2025-11-03")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"^conversations:"):
        LimitLedger(conversations=1)  # type: ignore[arg-type]


def test_a_long_stream_compacts_its_queue_and_keeps_counting_right() -> None:
    ledger = LimitLedger()
    for i in range(20_000):
        at = T0 + timedelta(seconds=10 * i)
        assert ledger.can_reach(f"u{i}", at, 10_000)
        ledger.record(f"u{i}", at)
    end = T0 + timedelta(seconds=10 * 19_999)
    assert ledger.used(end) == 8_640
    assert ledger.next_slot_at(end, 8_640) == end - timedelta(seconds=10 * 8_639) + DAY


# -- property: the ledger agrees with a naive count --------------------------

records = st.lists(st.tuples(st.integers(0, 12), st.integers(0, 72 * 60)), min_size=1, max_size=60)


def naive_used(done: list[tuple[int, int]], minute: int) -> int:
    latest: dict[int, int] = {}
    for who, at in done:
        latest[who] = max(at, latest.get(who, at))
    return sum(1 for at in latest.values() if at > minute - 24 * 60)


@given(records, st.lists(st.integers(0, 48 * 60), max_size=5))
def test_in_any_record_order_used_and_next_slot_match_a_naive_count(
    done: list[tuple[int, int]], later: list[int]
) -> None:
    ledger = LimitLedger()
    for who, at in done:
        ledger.record(who, T0 + timedelta(minutes=at))
    start = max(at for _, at in done)
    for step in [0, *sorted(later)]:
        minute = start + step
        moment = T0 + timedelta(minutes=minute)
        expected = naive_used(done, minute)
        assert ledger.used(moment) == expected
        if expected:
            moments = sorted(
                at
                for at in {w: max(a for v, a in done if v == w) for w, _ in done}.values()
                if at > minute - 24 * 60
            )
            assert (
                ledger.next_slot_at(moment, expected) == T0 + timedelta(minutes=moments[0]) + DAY
            )


@given(st.lists(st.tuples(st.integers(0, 12), st.integers(-120, 30)), min_size=1, max_size=80))
def test_streaming_with_jitter_matches_a_naive_count_at_every_step(
    steps: list[tuple[int, int]],
) -> None:
    """Records arrive a little out of order; each question is asked at the latest time seen."""
    ledger = LimitLedger()
    done: list[tuple[int, int]] = []
    now = 0
    for who, jitter in steps:
        now += 17
        at = max(0, now + jitter)
        ledger.record(who, T0 + timedelta(minutes=at))
        done.append((who, at))
        asked = max(a for _, a in done)
        assert ledger.used(T0 + timedelta(minutes=asked)) == naive_used(done, asked)


def test_the_next_slot_skips_users_counted_again_since() -> None:
    ledger = LimitLedger()
    for i in range(4):
        ledger.record(f"u{i}", T0 + timedelta(minutes=i))
    ledger.record("u1", T0 + timedelta(minutes=10))  # u1's first entry is stale now
    ledger.record("u0", T0 + timedelta(minutes=11))
    at = T0 + timedelta(minutes=20)
    assert ledger.next_slot_at(at, 3) == T0 + timedelta(minutes=3) + DAY
    assert ledger.next_slot_at(at, 2) == T0 + timedelta(minutes=10) + DAY
    assert LimitLedger().next_slot_at(at, 0) is None

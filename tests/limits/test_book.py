"""The limit book: the limit's usage folded from events, asked at any moment."""

from __future__ import annotations

from datetime import datetime, timedelta

import attrs
import pytest

from tests.limits.helpers import (
    A,
    B,
    delivered,
    delivered_templates,
    free_form,
    received,
    status,
    template,
    user,
    utc,
)
from wamsg import DeliveryStatus, PhoneNumber, ValidationError
from wamsg.events.account_values import LimitTier
from wamsg.limits import (
    CountingPolicy,
    LimitBook,
    LimitEra,
    LimitReason,
    LimitScope,
    LimitsPolicy,
    limit_of,
)

E5_DAY = utc(2026, 3, 2, 9)
HOUR = timedelta(hours=1)
DAY = timedelta(hours=24)


def book_with(
    *events: object, numbers: tuple[PhoneNumber, ...] | None = None, **kw: object
) -> LimitBook:
    return LimitBook.empty(numbers=numbers, **kw).fold(events)  # type: ignore[arg-type]


def w1_book() -> LimitBook:
    """E5, TIER_2K: 1,999 distinct users counted in the last 24 h."""
    return book_with(*delivered_templates(1_999, E5_DAY - 2 * HOUR))


def test_w1_a_new_user_within_the_limit_is_allowed_and_takes_the_last_slot() -> None:
    """Worked example W1."""
    book = w1_book()
    decision = book.decide(user(5_000), E5_DAY, LimitTier.TIER_2K, number=A)
    assert decision.allowed
    assert decision.reason is LimitReason.WITHIN_LIMIT
    assert decision.counts_against_limit
    assert (decision.used, decision.remaining) == (1_999, 1)
    after = book.fold([template("u", E5_DAY, user(5_000)), delivered("u", E5_DAY)])
    assert after.used(E5_DAY) == 2_000
    assert after.remaining(E5_DAY, LimitTier.TIER_2K) == 0


def test_w2_then_a_further_new_user_is_refused_until_the_oldest_slot_frees() -> None:
    """Worked example W2."""
    book = w1_book().fold([template("u", E5_DAY, user(5_000)), delivered("u", E5_DAY)])
    decision = book.decide(user(5_001), E5_DAY + HOUR, LimitTier.TIER_2K, number=A)
    assert not decision.allowed
    assert decision.reason is LimitReason.LIMIT_REACHED
    oldest = E5_DAY - 2 * HOUR
    assert decision.next_slot_at == oldest + DAY
    assert book.next_slot_at(E5_DAY + HOUR, 2_000) == oldest + DAY
    assert "2026-03-03T07:00:00Z" in decision.message
    assert book.can_reach(user(5_001), oldest + DAY, 2_000)


def test_w3_a_user_counted_3_hours_ago_costs_nothing() -> None:
    """Worked example W3."""
    book = w1_book().fold([template("u", E5_DAY, user(5_000)), delivered("u", E5_DAY)])
    counted = user(17)  # delivered at E5_DAY - 2 h; ask 1 h later: 3 h ago
    decision = book.decide(counted, E5_DAY + HOUR, LimitTier.TIER_2K, number=A)
    assert decision.allowed
    assert decision.reason is LimitReason.ALREADY_COUNTED
    assert not decision.counts_against_limit
    again = book.fold(
        [template("again", E5_DAY + HOUR, counted), delivered("again", E5_DAY + HOUR)]
    )
    assert again.used(E5_DAY + HOUR) == 2_000


def test_w4_a_template_inside_an_open_window_is_allowed_and_not_counted() -> None:
    """Worked example W4."""
    book = book_with(
        *delivered_templates(250, E5_DAY - HOUR), received(E5_DAY - 2 * HOUR, user(900))
    )
    decision = book.decide(user(900), E5_DAY, LimitTier.TIER_250, number=A)
    assert decision.allowed
    assert decision.reason is LimitReason.WINDOW_OPEN
    assert not decision.counts_against_limit
    after = book.fold([template("w", E5_DAY, user(900)), delivered("w", E5_DAY)])
    assert after.used(E5_DAY) == 250


def test_w5_the_slots_counted_at_10_free_at_10_the_next_day() -> None:
    """Worked example W5, on the book."""
    book = book_with(*delivered_templates(250, utc(2025, 11, 3, 10)))
    new = user(1_000)
    assert not book.can_reach(new, utc(2025, 11, 4, 9, 59, 59), LimitTier.TIER_250)
    assert book.can_reach(new, utc(2025, 11, 4, 10, 0, 1), LimitTier.TIER_250)


def test_w6_from_2025_10_07_the_portfolio_s_numbers_share_one_limit() -> None:
    """Worked example W6."""
    book = book_with(*delivered_templates(250, E5_DAY - HOUR, business=A), numbers=(A, B))
    decision = book.decide(user(9_999), E5_DAY, LimitTier.TIER_250, number=B)
    assert not decision.allowed
    assert decision.scope is LimitScope.PORTFOLIO
    assert book.used(E5_DAY, number=B) == book.used(E5_DAY) == 250


def test_w7_before_2025_10_07_each_number_has_its_own_limit() -> None:
    """Worked example W7 (E4, 2024-06-01)."""
    day = utc(2024, 6, 1, 12)
    book = book_with(*delivered_templates(250, day - HOUR, business=A), numbers=(A, B))
    decision = book.decide(user(9_999), day, LimitTier.TIER_250, number=B)
    assert decision.allowed
    assert decision.scope is LimitScope.NUMBER
    assert decision.era is LimitEra.E4_1K_NO_BV
    assert book.used(day, number=A) == 250
    assert book.used(day, number=B) == 0
    assert not book.can_reach(user(9_999), day, 250, number=A)


def test_w8_three_templates_to_one_user_in_24_hours_count_once() -> None:
    """Worked example W8."""
    u = user(1)
    events = []
    for i in range(3):
        at = E5_DAY + i * 5 * HOUR
        events += [template(f"t{i}", at, u), delivered(f"t{i}", at + timedelta(seconds=3))]
    assert book_with(*events).used(E5_DAY + 11 * HOUR) == 1


def test_a_failed_send_does_not_count_and_a_pending_one_holds_a_slot_until_it_fails() -> None:
    u = user(1)
    book = book_with(template("p", E5_DAY, u))
    assert book.used(E5_DAY) == 1
    failed = book.apply(status("p", DeliveryStatus.FAILED, E5_DAY + HOUR, code="131026"))
    assert failed.used(E5_DAY + HOUR) == 0
    assert failed.used(E5_DAY + 30 * 60 * timedelta(seconds=1)) == 1  # before the failure
    only_delivered = LimitsPolicy(counting=CountingPolicy(pending_holds_slot=False))
    assert book_with(template("p", E5_DAY, u), policy=only_delivered).used(E5_DAY) == 0


def test_the_24_hours_run_from_the_delivery() -> None:
    u = user(1)
    book = book_with(template("d", E5_DAY, u), delivered("d", E5_DAY + 2 * HOUR))
    assert book.used(E5_DAY + DAY + HOUR) == 1
    assert book.used(E5_DAY + DAY + 2 * HOUR) == 0
    read_only = book_with(
        template("d", E5_DAY, u), status("d", DeliveryStatus.READ, E5_DAY + HOUR)
    )
    assert read_only.used(E5_DAY + DAY + 30 * timedelta(minutes=1)) == 1


def test_free_form_messages_and_other_numbers_never_count() -> None:
    u = user(1)
    book = book_with(
        free_form("f", E5_DAY, u),
        delivered("f", E5_DAY),
        template("other", E5_DAY, user(2), business=B),
        delivered("other", E5_DAY),
        numbers=(A,),
    )
    assert book.used(E5_DAY) == 0
    assert book.sends.keys() == {"f"}


def test_the_answer_for_a_past_moment_ignores_what_happened_after_it() -> None:
    u = user(1)
    book = book_with(
        template("a", E5_DAY, u),
        delivered("a", E5_DAY + HOUR),
        template("b", E5_DAY + 5 * HOUR, user(2)),
    )
    assert book.used(E5_DAY - HOUR) == 0
    assert book.used(E5_DAY + 30 * timedelta(minutes=1)) == 1  # pending, held from the send
    assert book.used(E5_DAY + 6 * HOUR) == 2


def test_a_user_reached_from_two_numbers_counts_once_unless_the_policy_says_per_number() -> None:
    u = user(1)
    events = [
        template("a", E5_DAY, u, business=A),
        delivered("a", E5_DAY),
        template("b", E5_DAY, u, business=B),
        delivered("b", E5_DAY),
    ]
    assert book_with(*events).used(E5_DAY) == 1
    per_number = LimitsPolicy(counting=CountingPolicy(count_user_once_per_portfolio=False))
    book = book_with(*events, policy=per_number)
    assert book.used(E5_DAY) == 2
    assert book.can_reach(u, E5_DAY, 2, number=A)
    assert book.decide(user(2), E5_DAY, 2, number=A).reason is LimitReason.LIMIT_REACHED
    with pytest.raises(ValidationError, match=r"^number:"):
        book.can_reach(u, E5_DAY, 2)


def test_conversation_eras_hold_the_slot_from_the_conversation_s_first_delivery() -> None:
    day = utc(2024, 6, 1)
    u = user(1)
    book = book_with(
        template("a", day, u),
        delivered("a", day),
        template("b", day + 20 * HOUR, u),
        delivered("b", day + 20 * HOUR),
    )
    assert book.used(day + DAY, number=A) == 0
    assert book.used(day + 20 * HOUR, number=A) == 1


def test_before_2025_10_07_the_number_must_be_named() -> None:
    with pytest.raises(ValidationError, match=r"^number: limits were set per phone number"):
        LimitBook.empty().used(utc(2024, 6, 1))


def test_a_number_outside_the_portfolio_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"^number: is not a number of this portfolio"):
        LimitBook.empty(numbers=[A]).used(E5_DAY, number=B)
    with pytest.raises(ValidationError, match=r"^number:"):
        LimitBook.empty().used(E5_DAY, number="not a number")


def test_unlimited_reaches_everyone_and_still_reports_whether_a_slot_is_taken() -> None:
    book = w1_book()
    decision = book.decide(user(5_000), E5_DAY, LimitTier.TIER_UNLIMITED, number=A)
    assert decision.allowed
    assert decision.reason is LimitReason.UNLIMITED
    assert decision.counts_against_limit
    assert decision.remaining is None
    assert decision.limit is None
    assert not book.decide(user(3), E5_DAY, None, number=A).counts_against_limit
    assert book.remaining(E5_DAY, None) is None
    assert book.next_slot_at(E5_DAY, LimitTier.TIER_UNLIMITED) is None


@pytest.mark.parametrize("bad", [LimitTier.TIER_NOT_SET, LimitTier.UNKNOWN, -1, "250", 2.0])
def test_a_limit_with_no_value_is_refused(bad: object) -> None:
    with pytest.raises(ValidationError, match=r"^limit:"):
        limit_of(bad)
    with pytest.raises(ValidationError, match=r"^limit:"):
        w1_book().can_reach(user(1), E5_DAY, bad)  # type: ignore[arg-type]


def test_bad_construction_arguments_are_refused_naming_the_field() -> None:
    with pytest.raises(ValidationError, match=r"^numbers:"):
        LimitBook.empty(numbers="+15550783881")
    with pytest.raises(ValidationError, match=r"^numbers\[\]:"):
        LimitBook.empty(numbers=["12"])
    with pytest.raises(ValidationError, match=r"^policy:"):
        LimitBook.empty(policy=object())  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"^customer:"):
        w1_book().can_reach("+16505551234", E5_DAY, 10)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"^at:"):
        w1_book().used(datetime(2026, 3, 2))


def test_first_deliveries_lists_each_user_s_first_counted_delivery_in_the_period() -> None:
    u, v = user(1), user(2)
    book = book_with(
        template("a", E5_DAY, u), delivered("a", E5_DAY),
        template("b", E5_DAY + HOUR, u), delivered("b", E5_DAY + HOUR),
        template("c", E5_DAY + 2 * HOUR, v, business=B), delivered("c", E5_DAY + 2 * HOUR),
        template("pending", E5_DAY, user(3)),
    )  # fmt: skip
    end = E5_DAY + 3 * HOUR
    assert book.first_deliveries(E5_DAY - HOUR, end) == (E5_DAY, E5_DAY + 2 * HOUR)
    assert book.first_deliveries(E5_DAY, end) == (E5_DAY + HOUR, E5_DAY + 2 * HOUR)
    assert book.first_deliveries(E5_DAY - HOUR, end, number=B) == (E5_DAY + 2 * HOUR,)


def test_a_ledger_taken_from_the_book_streams_on_with_the_same_count() -> None:
    book = w1_book()
    ledger = book.ledger(E5_DAY)
    assert ledger.used(E5_DAY) == 1_999
    assert ledger.can_reach("+16500005000", E5_DAY, 2_000)
    conversation = book_with(template("a", utc(2024, 6, 1), user(1))).ledger(
        utc(2024, 6, 1, 1), number=A
    )
    assert conversation.used(utc(2024, 6, 1, 1)) == 1


def test_the_decision_reads_as_json() -> None:
    decision = w1_book().decide(user(5_000), E5_DAY, LimitTier.TIER_2K, number=A)
    assert decision.to_dict() == {
        "allowed": True,
        "reason": "within_limit",
        "counts_against_limit": True,
        "era": "E5",
        "scope": "portfolio",
        "limit": 2_000,
        "used": 1_999,
        "remaining": 1,
        "next_slot_at": None,
        "message": decision.message,
    }


def test_an_accumulator_fed_one_by_one_gives_the_fold_and_untimed_sends_are_skipped() -> None:
    events = [*delivered_templates(3, E5_DAY), received(E5_DAY, user(9))]
    accumulator = LimitBook.empty().accumulator()
    for event in events:
        accumulator.add(event)
    assert accumulator.result() == LimitBook.empty().fold(events)
    assert LimitBook.empty().fold([]) == LimitBook.empty()
    untimed = template("x", E5_DAY, user(1))
    untimed = attrs.evolve(untimed, message=attrs.evolve(untimed.message, sent_at=None))
    assert LimitBook.empty().apply(untimed).sends == {}


def test_a_conversation_reopens_24_hours_after_the_last_one_opened() -> None:
    day = utc(2024, 6, 1)
    u = user(1)
    events = []
    for i, hours in enumerate((0, 10, 25, 30)):
        at = day + hours * HOUR
        events += [template(f"c{i}", at, u), delivered(f"c{i}", at)]
    book = book_with(*events)
    assert book.used(day + 48 * HOUR, number=A) == 1  # the conversation opened at 25 h
    assert book.used(day + 49 * HOUR, number=A) == 0


def test_unlimited_can_reach_and_many_past_moments_are_answered_exactly() -> None:
    book = w1_book()
    assert book.can_reach(user(9_999), E5_DAY, None)
    delivered_at = E5_DAY - 2 * HOUR
    for minutes in range(20):  # more past moments than the view memo keeps
        assert book.used(delivered_at - timedelta(minutes=minutes + 1)) == 0
    assert book.used(delivered_at - timedelta(seconds=1)) == 1_999  # sent, pending
    assert book.used(delivered_at) == 1_999
    assert book.ledger(E5_DAY + DAY).used(E5_DAY + DAY) == 0

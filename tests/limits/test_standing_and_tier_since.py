"""A WABA's restrictions and ban in the gate, and upgrades counted from ``tier_since``."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.limits.helpers import A, delivered_templates, user, utc
from wamsg import Customer
from wamsg.accounts import BusinessNumber
from wamsg.events import BanState, Restriction
from wamsg.events.account_values import LimitTier, QualityRating
from wamsg.limits import GateReason, LimitBook, can_send_now, standing, upgrade
from wamsg.window import FREE_FORM, WindowState

E5 = utc(2026, 3, 2, 12)
HOUR = timedelta(hours=1)
BIZ = Restriction(type_raw="RESTRICTED_BIZ_INITIATED_MESSAGING")
CUSTOMER = Restriction(type_raw="RESTRICTED_CUSTOMER_INITIATED_MESSAGING")
CALLING = Restriction(type_raw="RESTRICTED_BUSINESS_INITIATED_CALLING")
COMBINED = Restriction(type_raw="RESTRICTED_BIZ_INITIATED_AND_CUSTOMER_INITIATED_MESSAGING")


def test_standing_by_restriction_and_ban_state() -> None:
    assert not standing([BIZ]).can_send_business_initiated
    assert standing([BIZ]).can_reply
    assert standing([CUSTOMER]).can_send_business_initiated
    assert not standing([CUSTOMER]).can_reply
    both = standing([COMBINED])
    assert not both.can_send_business_initiated
    assert not both.can_reply
    assert standing([CALLING]).can_send_business_initiated
    assert standing([CALLING]).can_reply
    banned = standing(ban_state=BanState.DISABLE)
    assert not banned.can_send_business_initiated
    assert not banned.can_reply
    for state in (BanState.SCHEDULE_FOR_DISABLE, BanState.REINSTATE, None):
        assert standing(ban_state=state).can_send_business_initiated


def _gate(send: str, window: WindowState, **kwargs: object):  # type: ignore[no-untyped-def]
    number = BusinessNumber(phone=A, phone_number_id="1", waba="waba-1")
    customer = Customer(phone=user(1).phone)
    return can_send_now(
        number=number,
        customer=customer,
        at=E5,
        send=send,
        window=window,
        usage=LimitBook.empty(),
        limit=LimitTier.TIER_250,
        **kwargs,  # type: ignore[arg-type]
    )


def _closed() -> WindowState:
    return WindowState(customer=Customer(phone=user(1).phone), business=A)


@pytest.mark.parametrize(
    ("given", "reason"),
    [
        (standing([BIZ]), GateReason.ACCOUNT_RESTRICTED),
        (standing([COMBINED]), GateReason.ACCOUNT_RESTRICTED),
        (standing(ban_state=BanState.DISABLE), GateReason.ACCOUNT_BANNED),
        (standing(ban_state=BanState.SCHEDULE_FOR_DISABLE), GateReason.WITHIN_LIMIT),
        (standing([CUSTOMER]), GateReason.WITHIN_LIMIT),
    ],
)
def test_the_gate_checks_the_account_for_a_template_outside_the_window(
    given: object, reason: GateReason
) -> None:
    decision = _gate("utility", _closed(), standing=given)
    assert decision.reason is reason
    assert decision.allowed is (reason is GateReason.WITHIN_LIMIT)
    assert "ban_state" in decision.facts


def test_a_scheduled_disable_is_a_fact_only() -> None:
    decision = _gate(
        "utility", _closed(), standing=standing(ban_state=BanState.SCHEDULE_FOR_DISABLE)
    )
    assert decision.allowed
    assert decision.facts["ban_state"] == "SCHEDULE_FOR_DISABLE"


def test_a_customer_initiated_restriction_blocks_replies_a_ban_blocks_all() -> None:
    free = _gate(FREE_FORM, _closed(), standing=standing([CUSTOMER]))
    assert free.reason is GateReason.ACCOUNT_RESTRICTED
    banned = _gate(FREE_FORM, _closed(), standing=standing(ban_state=BanState.DISABLE))
    assert banned.reason is GateReason.ACCOUNT_BANNED


def test_upgrade_counts_the_criteria_only_from_tier_since() -> None:
    reached = E5 - 10 * HOUR
    events = delivered_templates(1000, reached - 2 * HOUR) + delivered_templates(
        1000, reached + HOUR, first=1000
    )
    book = LimitBook.empty().fold(events)
    blind = upgrade(book, E5, LimitTier.TIER_2K, qualities=[QualityRating.GREEN])
    assert blind.due_by == reached - 2 * HOUR + timedelta(hours=6)  # before the tier: wrong
    answer = upgrade(
        book, E5, LimitTier.TIER_2K, qualities=[QualityRating.GREEN], tier_since=reached
    )
    assert answer.eligible
    assert answer.criteria_met_at == reached + HOUR
    assert answer.due_by == reached + HOUR + timedelta(hours=6)
    assert answer.due_by is not None
    assert answer.due_by >= reached


def test_upgrade_counts_a_delivery_at_tier_since_itself() -> None:
    reached = E5 - 10 * HOUR
    book = LimitBook.empty().fold(delivered_templates(1000, reached))
    answer = upgrade(
        book, E5, LimitTier.TIER_2K, qualities=[QualityRating.GREEN], tier_since=reached
    )
    assert answer.eligible
    assert answer.due_by == reached + timedelta(hours=6)


def test_upgrade_before_enough_users_at_the_tier_is_not_eligible() -> None:
    reached = E5 - 10 * HOUR
    book = LimitBook.empty().fold(delivered_templates(1000, reached - HOUR))
    answer = upgrade(
        book, E5, LimitTier.TIER_2K, qualities=[QualityRating.GREEN], tier_since=reached
    )
    assert not answer.eligible
    assert answer.due_by is None

"""A deadline computed from a time just before 2200 stays in the supported range.

wamsg accepts times up to (not including) 2200-01-01 (``LATEST``). An answer that
adds a delay to such a time (12 hours, 30 days, 14 days…) holds the last supported
moment instead of a time it would itself refuse, and says "no" as it should.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from wamsg._internal.json import LAST_MOMENT, LATEST, saturated
from wamsg.accounts import (
    AccountReason,
    DeletionChannel,
    can_delete_number,
    name_change_takes_effect,
    register_request_allowed,
    reregister_deadline,
)
from wamsg.events.account_values import LimitTier, NumberKind, QualityRating, ThroughputLevel
from wamsg.limits import ThroughputReason, throughput_upgrade

UTC = timezone.utc
LATE = datetime(2199, 12, 31, 23, tzinfo=UTC)


def test_saturated_keeps_times_in_range() -> None:
    assert saturated(LATE) == LATE
    assert saturated(LATEST) == LAST_MOMENT == LATEST - timedelta(microseconds=1)
    assert saturated(LATEST + timedelta(days=3)) == LAST_MOMENT


def test_a_throughput_upgrade_due_after_2200_is_due_at_the_last_moment() -> None:
    answer = throughput_upgrade(
        LATE,
        kind=NumberKind.API,
        level=ThroughputLevel.STANDARD,
        tier=LimitTier.TIER_UNLIMITED,
        unique_24h=120_000,
        quality=QualityRating.YELLOW,
        criteria_met_at=LATE,
    )
    assert answer.reason is ThroughputReason.ELIGIBLE
    assert answer.due_by == LAST_MOMENT
    assert answer.to_dict()["due_by"] == "2199-12-31T23:59:59.999999Z"
    assert "2200-01-01T11:00:00Z" in answer.message  # the text tells the real time


def test_deleting_a_number_just_before_2200_is_refused_without_an_error() -> None:
    paid = datetime(2199, 12, 20, tzinfo=UTC)
    for at in (datetime(2199, 12, 31, tzinfo=UTC), LAST_MOMENT):
        decision = can_delete_number(
            at=at, last_paid_message_at=paid, via=DeletionChannel.WHATSAPP_MANAGER
        )
        assert decision.reason is AccountReason.DELETION_RECENT_PAID_MESSAGE
        assert decision.facts["earliest"] == LAST_MOMENT


def test_a_register_block_past_2200_ends_at_the_last_moment() -> None:
    blocked = register_request_allowed(at=LATE, requests=(), refusals=(LATE,))
    assert blocked.reason is AccountReason.REGISTER_BLOCKED
    assert blocked.facts["blocked_until"] == LAST_MOMENT
    full = register_request_allowed(at=LATE, requests=(LATE,) * 10)
    assert full.reason is AccountReason.REGISTER_ATTEMPTS
    assert full.facts["blocked_until"] == LAST_MOMENT


def test_a_name_approved_just_before_2200_takes_effect_until_the_last_moment() -> None:
    assert reregister_deadline(LATE) == LAST_MOMENT
    decision = name_change_takes_effect(approved_at=LATE, reregistered_at=LAST_MOMENT)
    assert decision.allowed
    assert decision.facts["deadline"] == LAST_MOMENT

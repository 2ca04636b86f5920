"""No input makes a public function of wamsg.limits raise anything but a ValidationError."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.limits.helpers import user
from wamsg import PhoneNumber, ValidationError
from wamsg.events.account_values import LimitTier, NumberKind, QualityRating, ThroughputLevel
from wamsg.limits import (
    LimitBook,
    LimitLedger,
    PairClock,
    auto_scale,
    downgrade,
    era_at,
    limit_of,
    marketing_deliverable,
    pair_send,
    portfolio_tier_after_migration,
    retry_after,
    scaling_path_status,
    sunshine_usage,
    throughput_mps,
    throughput_upgrade,
    twilio_queue_expired,
    unverified_starting_tier,
    upgrade,
)

junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.datetimes(),
    st.datetimes(timezones=st.just(timezone.utc)),
    st.sampled_from([*LimitTier, *QualityRating, *NumberKind, *ThroughputLevel]),
    st.lists(st.integers(), max_size=3),
    st.timedeltas(),
    st.just(PhoneNumber.parse("+12125550100")),
    st.just(user(1)),
)

CALLS: list[Callable[..., Any]] = [
    lambda a, b, c: era_at(a, account_model_from=b),
    lambda a, b, c: unverified_starting_tier(a),
    lambda a, b, c: portfolio_tier_after_migration([a, b]),
    lambda a, b, c: limit_of(a),
    lambda a, b, c: LimitLedger().can_reach(a, b, c),
    lambda a, b, c: LimitLedger().record("u", a),
    lambda a, b, c: LimitLedger().next_slot_at(a, b),
    lambda a, b, c: LimitBook.empty(numbers=a),
    lambda a, b, c: LimitBook.empty().decide(a, b, c, number="+15550783881"),
    lambda a, b, c: LimitBook.empty().used(a, number=b),
    lambda a, b, c: LimitBook.empty().first_deliveries(a, b, number=c),
    lambda a, b, c: auto_scale(a, b, unique_7d=c, qualities=[a]),
    lambda a, b, c: scaling_path_status(a, verified=b, unique_30d=c),
    lambda a, b, c: downgrade(a, b, flagged_since=c, quality=a),
    lambda a, b, c: upgrade(LimitBook.empty(), a, b, qualities=[c], number=None),
    lambda a, b, c: throughput_mps(a, b),
    lambda a, b, c: throughput_upgrade(a, kind=b, level=c, tier=a, unique_24h=b, quality=c),
    lambda a, b, c: pair_send(PairClock(), a),
    lambda a, b, c: PairClock(a).send(b),
    lambda a, b, c: retry_after(a, b),
    lambda a, b, c: marketing_deliverable(a, b, at=c),
    lambda a, b, c: sunshine_usage(a, active=[(b, c)], notifications=[c]),
    lambda a, b, c: twilio_queue_expired(a, b),
]


@pytest.mark.parametrize("call", CALLS, ids=range(len(CALLS)))
@given(a=junk, b=junk, c=junk)
def test_only_validation_errors_escape(
    call: Callable[..., Any], a: object, b: object, c: object
) -> None:
    with contextlib.suppress(ValidationError):
        call(a, b, c)


def test_the_fuzz_reaches_answers_too() -> None:
    at = datetime(2026, 3, 2, tzinfo=timezone.utc)
    assert CALLS[0](at, None, None) is not None
    assert CALLS[19](131056, 2, None) == timedelta(seconds=16)

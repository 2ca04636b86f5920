"""Throughput per number, the 1,000 mps upgrade, the pair rate clock and retries."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.limits.helpers import utc
from wamsg import ValidationError
from wamsg.events.account_values import LimitTier, NumberKind, QualityRating, ThroughputLevel
from wamsg.limits import (
    LimitsPolicy,
    PairClock,
    PairRatePolicy,
    RetryPolicy,
    ThroughputReason,
    pair_send,
    retry_after,
    throughput_mps,
    throughput_upgrade,
)

E5 = utc(2026, 3, 2, 12)
T0 = utc(2026, 3, 2, 9)
SECOND = timedelta(seconds=1)


def test_w29_coexistence_standard_and_high_numbers_send_20_80_and_1000_per_second() -> None:
    """Worked example W29."""
    assert throughput_mps(NumberKind.COEXISTENCE, ThroughputLevel.HIGH) == 20
    assert throughput_mps(NumberKind.API, ThroughputLevel.STANDARD) == 80
    assert throughput_mps(NumberKind.API, ThroughputLevel.HIGH) == 1_000
    assert throughput_mps(NumberKind.API, ThroughputLevel.UNKNOWN) == 80
    with pytest.raises(ValidationError, match=r"^level:"):
        throughput_mps(NumberKind.API, "HIGH")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"^kind:"):
        throughput_mps("api", ThroughputLevel.HIGH)  # type: ignore[arg-type]


def _upgrade(**changes: object) -> ThroughputReason:
    facts: dict[str, object] = {
        "kind": NumberKind.API,
        "level": ThroughputLevel.STANDARD,
        "tier": LimitTier.TIER_UNLIMITED,
        "unique_24h": 120_000,
        "quality": QualityRating.YELLOW,
    } | changes
    at = facts.pop("at", E5)
    return throughput_upgrade(at, **facts).reason  # type: ignore[arg-type]


def test_w30_an_unlimited_portfolio_and_120000_users_at_yellow_get_1000_mps_within_12_hours() -> (
    None
):
    """Worked example W30."""
    met = E5 - timedelta(hours=1)
    answer = throughput_upgrade(
        E5,
        kind=NumberKind.API,
        level=ThroughputLevel.STANDARD,
        tier=LimitTier.TIER_UNLIMITED,
        unique_24h=120_000,
        quality=QualityRating.YELLOW,
        criteria_met_at=met,
    )
    assert answer.eligible
    assert answer.reason is ThroughputReason.ELIGIBLE
    assert answer.due_by == met + timedelta(hours=12)
    assert answer.to_dict()["due_by"] == "2026-03-02T23:00:00Z"


def test_w31_red_quality_or_a_100k_portfolio_get_no_upgrade() -> None:
    """Worked example W31."""
    assert _upgrade(quality=QualityRating.RED) is ThroughputReason.QUALITY_TOO_LOW
    assert _upgrade(tier=LimitTier.TIER_100K) is ThroughputReason.NOT_UNLIMITED
    assert _upgrade(unique_24h=99_999) is ThroughputReason.NOT_ENOUGH_USERS


def test_the_throughput_upgrade_by_date_and_kind() -> None:
    assert _upgrade(at=utc(2024, 6, 1), unique_24h=0) is ThroughputReason.ELIGIBLE
    assert _upgrade(at=utc(2023, 5, 8)) is ThroughputReason.NOT_AVAILABLE
    assert _upgrade(kind=NumberKind.COEXISTENCE) is ThroughputReason.COEXISTENCE
    assert _upgrade(level=ThroughputLevel.HIGH) is ThroughputReason.ALREADY_HIGH
    with pytest.raises(ValidationError, match=r"^unique_24h:"):
        _upgrade(unique_24h=-5)
    with pytest.raises(ValidationError, match=r"^tier:"):
        _upgrade(tier="TIER_UNLIMITED")


def burst(count: int, at=T0) -> PairClock:  # type: ignore[no-untyped-def]
    clock = PairClock()
    for _ in range(count):
        answer = pair_send(clock, at)
        assert answer.allowed
        clock = answer.clock
    return clock


def test_w32_after_a_burst_of_20_the_21st_send_10_s_later_is_allowed_but_borrows() -> None:
    """Worked example W32."""
    clock = burst(20)
    assert clock.virtual == T0 + 120 * SECOND
    answer = clock.send(T0 + 10 * SECOND)
    assert answer.allowed
    assert answer.borrowing
    assert not answer.over_burst
    assert answer.no_borrow_at == T0 + 120 * SECOND
    assert not clock.send(T0 + 120 * SECOND).borrowing


def test_w33_the_46th_send_of_an_instant_burst_is_refused() -> None:
    """Worked example W33."""
    clock = burst(45)
    answer = pair_send(clock, T0)
    assert not answer.allowed
    assert answer.over_burst
    assert answer.clock == clock
    assert answer.allowed_after == T0
    assert pair_send(clock, T0 + timedelta(microseconds=1)).allowed


def test_a_quiet_pair_sends_without_borrowing_and_the_clock_replays_sends() -> None:
    assert not pair_send(PairClock(), T0).borrowing
    every_six = [T0 + 6 * i * SECOND for i in range(10)]
    assert not any(burst(1, at).send(at + 6 * SECOND).borrowing for at in every_six)
    assert PairClock.replay([T0] * 50) == burst(45)
    slow = LimitsPolicy(pair_rate=PairRatePolicy(interval=timedelta(seconds=60), burst=2))
    assert not PairClock.replay([T0, T0], policy=slow).send(T0, policy=slow).allowed
    assert pair_send(PairClock(), T0).to_dict()["virtual"] == "2026-03-02T09:00:06Z"


def test_the_pair_rate_policy_and_clock_refuse_bad_values() -> None:
    with pytest.raises(ValidationError, match=r"^pair_rate.burst:"):
        PairRatePolicy(burst=0)
    with pytest.raises(ValidationError, match=r"^pair_rate.interval:"):
        PairRatePolicy(interval=timedelta(0))
    with pytest.raises(ValidationError, match=r"^virtual:"):
        PairClock(virtual="soon")


def test_w34_131056_waits_4_to_the_attempt_seconds() -> None:
    """Worked example W34."""
    assert [retry_after(131056, n) for n in range(4)] == [
        SECOND,
        4 * SECOND,
        16 * SECOND,
        64 * SECOND,
    ]
    assert retry_after("131056", 40) == timedelta(hours=24)
    assert retry_after(131056, 10**6) == timedelta(hours=24)


def test_the_other_limit_errors_have_their_waits() -> None:
    assert [retry_after(130429, n) for n in (0, 1, 5, 6, 60)] == [
        SECOND,
        2 * SECOND,
        32 * SECOND,
        64 * SECOND,
        64 * SECOND,
    ]
    assert retry_after(131049) == timedelta(hours=24)
    assert retry_after(133016) == timedelta(hours=72)
    assert retry_after(131057) == timedelta(seconds=60)
    assert retry_after(133015) == timedelta(minutes=5)
    assert retry_after(131064) is None
    assert retry_after(131026) is None
    custom = LimitsPolicy(
        retry=RetryPolicy(throughput_base=timedelta(milliseconds=500), throughput_factor=3)
    )
    assert retry_after(130429, 2, policy=custom) == timedelta(seconds=4.5)
    huge = LimitsPolicy(retry=RetryPolicy(throughput_factor=10**9))
    assert retry_after(130429, 100, policy=huge) == timedelta(seconds=64)


@pytest.mark.parametrize(
    ("code", "attempt", "field"),
    [
        ("abc", 0, "error_code"),
        (None, 0, "error_code"),
        (131056, -1, "attempt"),
        (131056, True, "attempt"),
    ],
)
def test_bad_retry_inputs_are_refused(code: object, attempt: object, field: str) -> None:
    with pytest.raises(ValidationError, match=rf"^{field}:"):
        retry_after(code, attempt)  # type: ignore[arg-type]

"""What counts against the limit, and the policy objects that hold every inferred choice."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.limits.helpers import utc
from wamsg import DeliveryStatus, ValidationError
from wamsg.events.account_values import QualityRating
from wamsg.limits import (
    DEFAULT_POLICY,
    CountingPolicy,
    LimitsPolicy,
    QuotaPolicy,
    RetryPolicy,
    UpgradePolicy,
    counts_against_limit,
)


@pytest.mark.parametrize(
    ("template", "window_open", "status", "counts"),
    [
        (True, False, DeliveryStatus.DELIVERED, True),
        (True, False, DeliveryStatus.READ, True),
        (True, False, DeliveryStatus.DELETED, True),
        (True, False, None, True),
        (True, False, DeliveryStatus.SENT, True),
        (True, False, DeliveryStatus.FAILED, False),
        (True, True, DeliveryStatus.DELIVERED, False),
        (False, False, DeliveryStatus.DELIVERED, False),
    ],
)
def test_a_template_delivered_or_pending_outside_a_window_counts(
    template: bool, window_open: bool, status: DeliveryStatus | None, counts: bool
) -> None:
    assert (
        counts_against_limit(template=template, window_open=window_open, status=status) is counts
    )


def test_without_the_pending_hold_only_deliveries_count() -> None:
    policy = LimitsPolicy(counting=CountingPolicy(pending_holds_slot=False))
    assert not counts_against_limit(template=True, window_open=False, status=None, policy=policy)
    assert counts_against_limit(
        template=True, window_open=False, status=DeliveryStatus.DELIVERED, policy=policy
    )


def test_the_default_policy_holds_the_documented_defaults() -> None:
    policy = DEFAULT_POLICY
    assert policy.eras.e1_from == utc(2022, 1, 1)
    assert policy.eras.half_rule_from == utc(2023, 1, 1)
    assert policy.counting.count_user_once_per_portfolio
    assert policy.counting.pending_holds_slot
    assert policy.upgrades.portfolio_min_quality is QualityRating.GREEN
    assert policy.pair_rate.interval == timedelta(seconds=6)
    assert policy.pair_rate.burst == 45
    assert policy.pair_rate.ceiling == timedelta(seconds=270)
    assert policy.retry.throughput_cap == timedelta(seconds=64)
    assert policy.marketing.us_territories_paused
    assert policy.quotas.time_zone == "UTC"


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (
            lambda: CountingPolicy(pending_holds_slot=1),  # type: ignore[arg-type]
            "counting.pending_holds_slot",
        ),
        (lambda: UpgradePolicy(portfolio_min_quality="PURPLE"), "upgrades.portfolio_min_quality"),
        (
            lambda: UpgradePolicy(unrated_passes_quality=None),  # type: ignore[arg-type]
            "upgrades.unrated_passes_quality",
        ),
        (lambda: RetryPolicy(throughput_factor=0), "retry.throughput_factor"),
        (lambda: RetryPolicy(throughput_cap=timedelta(seconds=-1)), "retry.throughput_cap"),
        (lambda: QuotaPolicy(included_notifications=-1), "quotas.included_notifications"),
        (lambda: QuotaPolicy(time_zone=""), "quotas.time_zone"),
        (
            lambda: LimitsPolicy(retry=CountingPolicy()),  # type: ignore[arg-type]
            "retry",
        ),
    ],
)
def test_a_bad_policy_value_is_refused_naming_the_field(build: object, field: str) -> None:
    with pytest.raises(ValidationError, match=rf"^{field}:"):
        build()  # type: ignore[operator]


def test_a_policy_reads_quality_names_as_the_caller_writes_them() -> None:
    assert (
        UpgradePolicy(portfolio_min_quality="yellow").portfolio_min_quality is QualityRating.YELLOW
    )

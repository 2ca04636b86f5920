"""The eras of messaging limits: chosen by the moment, switching exactly at their dates."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

import pytest

from tests.limits.helpers import UTC, utc
from wamsg import ValidationError
from wamsg.accounts import PORTFOLIO_LIMITS_FROM
from wamsg.events.account_values import LimitTier
from wamsg.limits import (
    UNVERIFIED_250_FROM,
    UNVERIFIED_MESSAGING_FROM,
    VOLUME_PATH_1K_FROM,
    CountedEvent,
    EraPolicy,
    LimitEra,
    LimitScope,
    LimitsPolicy,
    UpgradePolicy,
    era_at,
    portfolio_tier_after_migration,
    unverified_starting_tier,
)

T = LimitTier
TICK = timedelta(microseconds=1)


@pytest.mark.parametrize(
    ("boundary", "before", "after"),
    [
        (UNVERIFIED_MESSAGING_FROM, LimitEra.E1_DOUBLE, LimitEra.E2_UNVERIFIED_50),
        (UNVERIFIED_250_FROM, LimitEra.E2_UNVERIFIED_50, LimitEra.E3_UNVERIFIED_250),
        (VOLUME_PATH_1K_FROM, LimitEra.E3_UNVERIFIED_250, LimitEra.E4_1K_NO_BV),
        (PORTFOLIO_LIMITS_FROM, LimitEra.E4_1K_NO_BV, LimitEra.E5_PORTFOLIO),
        (EraPolicy().e1_from, LimitEra.E0_TRIAL, LimitEra.E1_DOUBLE),
    ],
)
def test_each_era_starts_exactly_at_its_date(
    boundary: datetime, before: LimitEra, after: LimitEra
) -> None:
    assert era_at(boundary - TICK) is before
    assert era_at(boundary) is after


def test_the_dated_boundaries_are_midnight_utc_of_the_published_days() -> None:
    assert utc(2025, 10, 7) == PORTFOLIO_LIMITS_FROM
    assert utc(2022, 5, 2) == UNVERIFIED_MESSAGING_FROM
    assert utc(2023, 1, 30) == UNVERIFIED_250_FROM
    assert utc(2023, 11, 1) == VOLUME_PATH_1K_FROM


def test_the_scope_is_the_number_before_2025_10_07_and_the_portfolio_from_then() -> None:
    assert era_at(PORTFOLIO_LIMITS_FROM - TICK).scope is LimitScope.NUMBER
    assert era_at(PORTFOLIO_LIMITS_FROM).scope is LimitScope.PORTFOLIO
    assert {era.scope for era in LimitEra if era.value < "E5"} == {LimitScope.NUMBER}


def test_a_time_in_another_zone_is_judged_by_its_utc_instant() -> None:
    helsinki = datetime(
        2025, 10, 7, 2, 59, 59, tzinfo=__import__("zoneinfo").ZoneInfo("Europe/Helsinki")
    )
    assert era_at(helsinki) is LimitEra.E4_1K_NO_BV
    assert era_at(helsinki + timedelta(seconds=1)) is LimitEra.E5_PORTFOLIO


def test_the_fuzzy_boundaries_are_policy_parameters() -> None:
    policy = LimitsPolicy(eras=EraPolicy(e1_from=utc(2021, 6, 1)))
    assert era_at(utc(2021, 7, 1), policy=policy) is LimitEra.E1_DOUBLE
    assert era_at(utc(2021, 7, 1)) is LimitEra.E0_TRIAL


def test_the_era_policy_refuses_boundaries_out_of_order() -> None:
    with pytest.raises(ValidationError, match=r"eras.e1_from"):
        EraPolicy(e1_from=utc(2022, 6, 1))
    with pytest.raises(ValidationError, match=r"eras.half_rule_from"):
        EraPolicy(half_rule_from=utc(2026, 1, 1))
    with pytest.raises(ValidationError, match=r"eras.e1_from"):
        EraPolicy(e1_from=datetime(2021, 1, 1))  # naive


def test_the_new_account_model_is_e6_from_the_moment_the_account_moved() -> None:
    moved = utc(2026, 9, 1)
    assert era_at(moved - TICK, account_model_from=moved) is LimitEra.E5_PORTFOLIO
    assert era_at(moved, account_model_from=moved) is LimitEra.E6_ACCOUNT_MODEL
    assert era_at(moved).scope is LimitScope.PORTFOLIO
    assert era_at(utc(2025, 1, 1), account_model_from=utc(2024, 1, 1)) is LimitEra.E4_1K_NO_BV


def test_a_naive_moment_is_refused_naming_the_field() -> None:
    with pytest.raises(ValidationError, match=r"^at: naive"):
        era_at(datetime(2025, 10, 7))


def test_each_era_names_its_counted_event() -> None:
    assert LimitEra.E1_DOUBLE.counted_event is CountedEvent.UNIQUE_CUSTOMER_NOTIFIED
    assert LimitEra.E4_1K_NO_BV.counted_event is CountedEvent.BUSINESS_INITIATED_CONVERSATION
    assert LimitEra.E4_1K_NO_BV.counts_conversations
    assert LimitEra.E5_PORTFOLIO.counted_event is CountedEvent.DELIVERED_OUTSIDE_WINDOW
    assert not LimitEra.E6_ACCOUNT_MODEL.counts_conversations


@pytest.mark.parametrize(
    ("era", "steps"),
    [
        (LimitEra.E1_DOUBLE, (T.TIER_1K, T.TIER_10K, T.TIER_100K, T.TIER_UNLIMITED)),
        (
            LimitEra.E2_UNVERIFIED_50,
            (T.TIER_50, T.TIER_1K, T.TIER_10K, T.TIER_100K, T.TIER_UNLIMITED),
        ),
        (LimitEra.E4_1K_NO_BV, (T.TIER_250, T.TIER_1K, T.TIER_10K, T.TIER_100K, T.TIER_UNLIMITED)),
        (
            LimitEra.E5_PORTFOLIO,
            (T.TIER_250, T.TIER_2K, T.TIER_10K, T.TIER_100K, T.TIER_UNLIMITED),
        ),
    ],
)
def test_each_era_has_its_ladder(era: LimitEra, steps: tuple[LimitTier, ...]) -> None:
    assert era.ladder.steps == steps
    assert era.ladder.lowest is steps[0]
    for lower, higher in itertools.pairwise(steps):
        assert era.ladder.next(lower) is higher
        assert era.ladder.prev(higher) is lower
    assert era.ladder.next(T.TIER_UNLIMITED) is None
    assert era.ladder.prev(steps[0]) is None


def test_a_tier_off_the_ladder_moves_to_the_nearest_step_and_unknown_has_none() -> None:
    ladder = LimitEra.E5_PORTFOLIO.ladder
    assert T.TIER_1K not in ladder
    assert ladder.next(T.TIER_1K) is T.TIER_2K
    assert ladder.prev(T.TIER_1K) is T.TIER_250
    assert ladder.next(T.UNKNOWN) is None
    assert ladder.prev(T.TIER_NOT_SET) is None


def test_w58_an_unverified_business_starts_at_50_in_2022_and_at_250_in_2023() -> None:
    """Worked example W58."""
    assert unverified_starting_tier(utc(2022, 8, 1)) is T.TIER_50
    assert unverified_starting_tier(utc(2023, 3, 1)) is T.TIER_250
    assert unverified_starting_tier(UNVERIFIED_250_FROM - TICK) is T.TIER_50
    assert unverified_starting_tier(utc(2026, 3, 1)) is T.TIER_250


def test_before_tiers_an_unverified_business_was_on_the_trial() -> None:
    assert unverified_starting_tier(utc(2021, 3, 1)) is None


def test_w18_the_migrated_portfolio_takes_the_highest_limit_among_its_numbers() -> None:
    """Worked example W18."""
    assert portfolio_tier_after_migration([T.TIER_1K, T.TIER_10K, T.TIER_100K]) is T.TIER_100K


def test_w19_numbers_at_250_give_a_portfolio_at_250() -> None:
    """Worked example W19."""
    assert portfolio_tier_after_migration([T.TIER_250, T.TIER_250]) is T.TIER_250


def test_a_per_number_1k_becomes_2k_by_policy_and_unknown_tiers_are_skipped() -> None:
    assert portfolio_tier_after_migration([T.TIER_1K, T.TIER_250, T.UNKNOWN]) is T.TIER_2K
    keep = LimitsPolicy(upgrades=UpgradePolicy(migrated_1k_tier=T.TIER_250))
    assert portfolio_tier_after_migration([T.TIER_1K], policy=keep) is T.TIER_250
    assert portfolio_tier_after_migration([T.TIER_50, T.TIER_NOT_SET]) is T.TIER_250
    assert portfolio_tier_after_migration([]) is T.TIER_250
    assert portfolio_tier_after_migration([T.TIER_UNLIMITED, T.TIER_1K]) is T.TIER_UNLIMITED


def test_the_migration_refuses_what_is_not_a_tier() -> None:
    with pytest.raises(ValidationError, match=r"number_tiers\[\]"):
        portfolio_tier_after_migration(["TIER_1K"])  # type: ignore[list-item]
    with pytest.raises(ValidationError, match=r"upgrades.migrated_1k_tier"):
        UpgradePolicy(migrated_1k_tier=T.TIER_NOT_SET)
    assert UpgradePolicy(migrated_1k_tier="tier_10k").migrated_1k_tier is T.TIER_10K
    assert UTC is not None


def test_w57_both_spellings_of_a_limit_read_as_the_same_tier() -> None:
    """Worked example W57 (the account values' reader, used by the limits)."""
    assert T.parse(2000) is T.TIER_2K
    assert T.parse("TIER_2K") is T.TIER_2K
    assert T.parse(-1) is T.TIER_UNLIMITED

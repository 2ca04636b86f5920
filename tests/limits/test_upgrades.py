"""Upgrades, scaling paths and downgrades, era by era (worked examples W9–W17)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.limits.helpers import A, delivered_templates, utc
from wamsg import ValidationError
from wamsg.events.account_values import LimitTier, QualityRating
from wamsg.limits import (
    EraPolicy,
    LimitBook,
    LimitsPolicy,
    ScalingRoute,
    UpgradePolicy,
    UpgradeReason,
    UpgradeRule,
    auto_scale,
    downgrade,
    scaling_path_status,
    upgrade,
    upgrade_rule,
)

T = LimitTier
Q = QualityRating
E5 = utc(2026, 3, 2, 12)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


def test_the_rule_in_force_follows_the_date() -> None:
    assert upgrade_rule(utc(2022, 3, 1)) is UpgradeRule.DOUBLE_48H
    assert upgrade_rule(utc(2022, 12, 31, 23)) is UpgradeRule.DOUBLE_48H
    assert upgrade_rule(utc(2023, 1, 1)) is UpgradeRule.HALF_24H
    assert upgrade_rule(utc(2025, 10, 6, 23)) is UpgradeRule.HALF_24H
    assert upgrade_rule(utc(2025, 10, 7)) is UpgradeRule.HALF_6H
    later = LimitsPolicy(eras=EraPolicy(half_rule_from=utc(2023, 6, 1)))
    assert upgrade_rule(utc(2023, 3, 1), policy=later) is UpgradeRule.DOUBLE_48H


def test_w9_half_the_limit_in_7_days_and_high_quality_rise_one_level_within_6_hours() -> None:
    """Worked example W9."""
    met = E5 - 2 * HOUR
    answer = auto_scale(
        E5, T.TIER_2K, unique_7d=1_000, qualities=[Q.GREEN, Q.GREEN], criteria_met_at=met
    )
    assert answer.eligible
    assert answer.next_tier is T.TIER_10K
    assert answer.due_by == met + 6 * HOUR
    assert answer.to_dict()["due_by"] == "2026-03-02T16:00:00Z"


def test_w10_one_user_short_of_half_is_not_eligible() -> None:
    """Worked example W10."""
    answer = auto_scale(E5, T.TIER_2K, unique_7d=999, qualities=[Q.GREEN])
    assert not answer.eligible
    assert answer.reason is UpgradeReason.NOT_ENOUGH_USERS
    assert answer.due_by is None


def test_w11_an_unverified_250_needs_a_scaling_path_first() -> None:
    """Worked example W11."""
    answer = auto_scale(E5, T.TIER_250, unique_7d=250, qualities=[Q.GREEN])
    assert not answer.eligible
    assert answer.reason is UpgradeReason.SCALING_PATH_REQUIRED
    book = LimitBook.empty().fold(delivered_templates(250, E5 - HOUR))
    via_book = upgrade(book, E5, T.TIER_250, qualities=[Q.GREEN])
    assert not via_book.eligible
    assert via_book.next_tier is T.TIER_2K


def test_w12_the_2000_in_30_days_path_completes_on_day_8_at_250_new_users_a_day() -> None:
    """Worked example W12 (arithmetic: 8 × 250 = 2,000), then Meta reviews."""
    start = utc(2026, 3, 1, 10)
    book = LimitBook.empty()
    for day in range(8):
        at = start + day * DAY
        book = book.fold(delivered_templates(250, at, first=250 * day, prefix=f"d{day}."))
        answer = upgrade(
            book, at + HOUR, T.TIER_250, qualities=[Q.GREEN], templates_high_quality=True
        )
        assert answer.eligible is (day == 7), day
    assert answer.reason is UpgradeReason.SCALING_PATH_COMPLETE
    assert answer.next_tier is T.TIER_2K
    assert answer.due_by is None  # Meta's review decides


def test_the_scaling_paths_of_each_era() -> None:
    assert scaling_path_status(E5, verified=True).route is ScalingRoute.BUSINESS_VERIFICATION
    assert (
        scaling_path_status(E5, verified=False, partner_verified=True).route
        is ScalingRoute.PARTNER_VERIFICATION
    )
    volume = scaling_path_status(E5, verified=False, unique_30d=2_000, templates_high_quality=True)
    assert volume.route is ScalingRoute.VOLUME
    assert volume.target is T.TIER_2K
    assert not scaling_path_status(
        E5, verified=False, unique_30d=2_000
    ).complete  # template quality
    e4 = scaling_path_status(utc(2024, 5, 1), verified=False, unique_30d=1_000)
    assert e4.complete
    assert e4.target is T.TIER_1K
    assert e4.needed == 1_000
    e3 = scaling_path_status(utc(2023, 5, 1), verified=False, unique_30d=5_000)
    assert not e3.complete
    assert e3.needed is None
    assert (
        "(999 of 1000"
        in scaling_path_status(utc(2024, 5, 1), verified=False, unique_30d=999).message
    )


def test_w13_from_2025_10_07_there_is_no_downgrade() -> None:
    """Worked example W13."""
    assert downgrade(E5, T.TIER_100K, flagged_since=E5 - 10 * DAY, quality=Q.RED) is T.TIER_100K


def test_w14_in_2024_the_500th_conversation_at_15_00_raises_1k_to_10k_at_15_00_the_next_day() -> (
    None
):
    """Worked example W14 (E4)."""
    met = utc(2024, 5, 1, 15)
    answer = auto_scale(
        met + HOUR, T.TIER_1K, unique_7d=500, qualities=[Q.YELLOW], criteria_met_at=met
    )
    assert answer.eligible
    assert answer.next_tier is T.TIER_10K
    assert answer.due_by == utc(2024, 5, 2, 15)
    assert (
        auto_scale(met, T.TIER_1K, unique_7d=500, qualities=[Q.YELLOW], connected=False).reason
        is UpgradeReason.NOT_CONNECTED
    )
    assert (
        auto_scale(met, T.TIER_1K, unique_7d=500, qualities=[Q.RED]).reason
        is UpgradeReason.QUALITY_TOO_LOW
    )


def test_w14_from_the_book_the_moment_the_500th_user_was_reached_is_found() -> None:
    day = utc(2024, 4, 29, 15)
    events = []
    for d, count in enumerate((100, 200, 200)):
        events += delivered_templates(count, day + d * DAY, first=1_000 * d, prefix=f"d{d}.")
    book = LimitBook.empty().fold(events)
    answer = upgrade(book, day + 2 * DAY + HOUR, T.TIER_1K, qualities=[Q.YELLOW], number=A)
    assert answer.eligible
    assert answer.criteria_met_at == day + 2 * DAY
    assert answer.due_by == day + 3 * DAY  # "spread over days … the upgrade lands on day 4"
    with pytest.raises(ValidationError, match=r"^number:"):
        upgrade(book, day + 2 * DAY, T.TIER_1K, qualities=[Q.YELLOW])


def test_w15_before_2025_10_07_a_number_flagged_7_days_and_still_red_drops_one_level() -> None:
    """Worked example W15."""
    flagged = utc(2024, 5, 1)
    assert (
        downgrade(utc(2024, 5, 8), T.TIER_10K, flagged_since=flagged, quality=Q.RED) is T.TIER_1K
    )
    assert (
        downgrade(utc(2024, 5, 7, 23), T.TIER_10K, flagged_since=flagged, quality=Q.RED)
        is T.TIER_10K
    )
    assert (
        downgrade(utc(2024, 5, 8), T.TIER_10K, flagged_since=flagged, quality=Q.YELLOW)
        is T.TIER_10K
    )
    assert downgrade(utc(2024, 5, 8), T.TIER_10K, flagged_since=None, quality=Q.RED) is T.TIER_10K
    assert (
        downgrade(utc(2024, 5, 8), T.TIER_250, flagged_since=flagged, quality=Q.RED) is T.TIER_250
    )


def test_w16_in_the_earliest_era_the_48_hour_minimum_puts_the_upgrade_on_day_3() -> None:
    """Worked example W16 (E1, 2022-03-01): 1,000 new users a day at 1K, GREEN."""
    start = utc(2022, 3, 1)
    events = []
    for d in range(3):
        events += delivered_templates(
            1_000, start + d * DAY + HOUR, first=1_000 * d, prefix=f"d{d}."
        )
    book = LimitBook.empty().fold(events)
    day2 = upgrade(
        book, start + DAY + 2 * HOUR, T.TIER_1K, qualities=[Q.GREEN], tier_since=start, number=A
    )
    assert day2.eligible
    assert day2.criteria_met_at == start + DAY + HOUR
    assert day2.due_by == start + 2 * DAY  # not on day 2: 48 h at the tier first


def test_w17_in_the_earliest_era_1999_cumulative_is_not_enough() -> None:
    """Worked example W17."""
    answer = auto_scale(utc(2022, 3, 1), T.TIER_1K, unique_7d=1_999, qualities=[Q.GREEN])
    assert not answer.eligible
    assert answer.reason is UpgradeReason.NOT_ENOUGH_USERS
    assert auto_scale(utc(2022, 3, 1), T.TIER_1K, unique_7d=2_000, qualities=[Q.GREEN]).eligible


def test_the_top_tier_and_unknown_tiers_do_not_rise() -> None:
    assert (
        auto_scale(E5, T.TIER_UNLIMITED, unique_7d=10**6, qualities=[Q.GREEN]).reason
        is UpgradeReason.TOP_TIER
    )
    assert (
        auto_scale(E5, T.UNKNOWN, unique_7d=10, qualities=[Q.GREEN]).reason
        is UpgradeReason.UNKNOWN_TIER
    )


def test_from_2025_10_07_every_number_must_be_high_quality_by_default() -> None:
    assert not auto_scale(E5, T.TIER_2K, unique_7d=1_000, qualities=[Q.GREEN, Q.YELLOW]).eligible
    medium = LimitsPolicy(upgrades=UpgradePolicy(portfolio_min_quality=Q.YELLOW))
    assert auto_scale(
        E5, T.TIER_2K, unique_7d=1_000, qualities=[Q.GREEN, Q.YELLOW], policy=medium
    ).eligible
    assert not auto_scale(E5, T.TIER_2K, unique_7d=1_000, qualities=[Q.NA]).eligible
    assert not auto_scale(E5, T.TIER_2K, unique_7d=1_000, qualities=[]).eligible
    unrated = LimitsPolicy(upgrades=UpgradePolicy(unrated_passes_quality=True))
    assert auto_scale(E5, T.TIER_2K, unique_7d=1_000, qualities=[Q.NA], policy=unrated).eligible


def test_bad_inputs_are_refused_naming_the_field() -> None:
    with pytest.raises(ValidationError, match=r"^tier:"):
        auto_scale(E5, "TIER_2K", unique_7d=1, qualities=[])  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"^unique_7d:"):
        auto_scale(E5, T.TIER_2K, unique_7d=-1, qualities=[])
    with pytest.raises(ValidationError, match=r"^qualities\[\]:"):
        auto_scale(E5, T.TIER_2K, unique_7d=1, qualities=["GREEN"])  # type: ignore[list-item]
    with pytest.raises(ValidationError, match=r"^qualities:"):
        auto_scale(E5, T.TIER_2K, unique_7d=1, qualities="GREEN")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"^verified:"):
        scaling_path_status(E5, verified="yes")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"^tier:"):
        downgrade(E5, "TIER_2K", flagged_since=None, quality=Q.RED)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"^quality:"):
        downgrade(E5, T.TIER_2K, flagged_since=None, quality="RED")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"^tier:"):
        upgrade(LimitBook.empty(), E5, 2000, qualities=[])  # type: ignore[arg-type]

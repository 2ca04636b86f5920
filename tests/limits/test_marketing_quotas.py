"""Per-user marketing limits (W35–W42) and provider quotas (W61, W62)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.limits.helpers import utc
from wamsg import PhoneNumber, ValidationError
from wamsg.limits import (
    EEA_CALLING_CODES,
    LimitsPolicy,
    MarketingPolicy,
    MarketingVerdict,
    QuotaPolicy,
    marketing_deliverable,
    sunshine_usage,
    twilio_queue_expired,
    twilio_queue_expires_at,
)

NEW_YORK = PhoneNumber.parse("+12125550100")
TORONTO = PhoneNumber.parse("+14165550100")
SAN_JUAN = PhoneNumber.parse("+17875550100")
LONDON = PhoneNumber.parse("+442071838750")
BERLIN = PhoneNumber.parse("+4930901820")
MUMBAI = PhoneNumber.parse("+919876543210")
DELHI = PhoneNumber.parse("+911123456789")


def verdict(category: str | None, to: PhoneNumber, **kw: object) -> MarketingVerdict:
    at = kw.pop("at", utc(2025, 5, 1, 12))
    return marketing_deliverable(category, to, at=at, **kw).verdict  # type: ignore[arg-type]


def test_w35_marketing_to_new_york_since_2025_04_01_is_not_delivered() -> None:
    """Worked example W35."""
    decision = marketing_deliverable("marketing", NEW_YORK, at=utc(2025, 5, 1))
    assert decision.verdict is MarketingVerdict.PAUSED_US
    assert not decision.deliverable
    assert decision.to_dict()["verdict"] == "marketing_not_delivered_us"
    assert verdict("MARKETING", NEW_YORK, at=utc(2025, 4, 1)) is MarketingVerdict.PAUSED_US


def test_w36_before_the_pause_it_was_deliverable() -> None:
    """Worked example W36."""
    assert verdict("marketing", NEW_YORK, at=utc(2025, 3, 15)) is MarketingVerdict.DELIVERABLE
    assert (
        verdict("marketing", NEW_YORK, at=utc(2025, 3, 31, 23, 59, 59))
        is MarketingVerdict.DELIVERABLE
    )


def test_w37_toronto_is_not_paused() -> None:
    """Worked example W37 (the pause names US area codes only)."""
    assert verdict("marketing", TORONTO) is MarketingVerdict.DELIVERABLE


def test_us_territories_are_paused_by_policy() -> None:
    assert verdict("marketing", SAN_JUAN) is MarketingVerdict.PAUSED_US
    states_only = LimitsPolicy(marketing=MarketingPolicy(us_territories_paused=False))
    assert verdict("marketing", SAN_JUAN, policy=states_only) is MarketingVerdict.DELIVERABLE


def test_w38_a_utility_template_to_new_york_is_deliverable() -> None:
    """Worked example W38."""
    decision = marketing_deliverable("utility", NEW_YORK, at=utc(2025, 5, 1))
    assert decision.verdict is MarketingVerdict.NOT_MARKETING
    assert decision.deliverable
    assert verdict(None, NEW_YORK) is MarketingVerdict.NOT_MARKETING


def test_w39_a_uk_business_is_exempt_from_the_cap() -> None:
    """Worked example W39."""
    assert verdict("marketing", MUMBAI, business=LONDON) is MarketingVerdict.EXEMPT


def test_w40_a_user_in_the_eea_is_exempt() -> None:
    """Worked example W40."""
    assert verdict("marketing", BERLIN, business=MUMBAI) is MarketingVerdict.EXEMPT
    assert {"49", "33", "354", "423", "47"} <= EEA_CALLING_CODES
    assert "44" not in EEA_CALLING_CODES
    assert "41" not in EEA_CALLING_CODES


def test_w41_marketing_inside_a_window_the_user_opened_is_not_capped() -> None:
    """Worked example W41."""
    decision = marketing_deliverable(
        "marketing", MUMBAI, at=utc(2026, 5, 1), business=DELHI, window_opened_by_user=True
    )
    assert decision.verdict is MarketingVerdict.IN_WINDOW
    assert decision.deliverable
    assert (
        verdict("marketing", MUMBAI, business=DELHI, at=utc(2026, 5, 1))
        is MarketingVerdict.DELIVERABLE
    )


def test_w42_after_131049_the_next_marketing_template_waits_24_hours() -> None:
    """Worked example W42."""
    hit = utc(2026, 5, 1, 10)
    decision = marketing_deliverable(
        "marketing", MUMBAI, at=hit + timedelta(hours=3), business=DELHI, last_131049_at=hit
    )
    assert decision.verdict is MarketingVerdict.COOL_DOWN
    assert decision.until == utc(2026, 5, 2, 10)
    assert not decision.deliverable
    assert (
        verdict("marketing", MUMBAI, at=utc(2026, 5, 2, 10), last_131049_at=hit)
        is MarketingVerdict.DELIVERABLE
    )


def test_before_2024_02_06_there_was_no_per_user_cap() -> None:
    assert verdict("marketing", MUMBAI, at=utc(2024, 2, 5)) is MarketingVerdict.DELIVERABLE
    assert "2024-02-06" in marketing_deliverable("marketing", MUMBAI, at=utc(2024, 2, 5)).message


def test_bad_marketing_inputs_are_refused() -> None:
    with pytest.raises(ValidationError, match=r"^recipient:"):
        marketing_deliverable("marketing", "+12125550100", at=utc(2025, 5, 1))  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"^category:"):
        marketing_deliverable(7, NEW_YORK, at=utc(2025, 5, 1))  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"^window_opened_by_user:"):
        marketing_deliverable("marketing", NEW_YORK, at=utc(2025, 5, 1), window_opened_by_user=1)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"^marketing.exempt_calling_codes:"):
        MarketingPolicy(exempt_calling_codes=frozenset({"+44"}))
    with pytest.raises(ValidationError, match=r"^marketing.exempt_calling_codes:"):
        MarketingPolicy(exempt_calling_codes="44")


def test_w61_a_user_on_whatsapp_and_the_web_widget_is_one_monthly_active_user() -> None:
    """Worked example W61."""
    usage = sunshine_usage(
        "2026-06",
        active=[
            ("user-u", utc(2026, 6, 3)),
            ("user-u", utc(2026, 6, 20)),
            ("user-v", utc(2026, 7, 1)),
        ],
        notifications=[
            utc(2026, 6, 1),
            utc(2026, 6, 2),
            utc(2026, 6, 30, 23, 59),
            utc(2026, 5, 31, 23),
        ],
    )
    assert (usage.monthly_active_users, usage.notifications) == (1, 3)
    assert usage.monthly_active_users_over == usage.notifications_over == 0
    assert usage.to_dict()["included_notifications"] == 1_000


def test_the_sunshine_month_runs_in_the_policy_s_time_zone_and_counts_what_is_over() -> None:
    helsinki = LimitsPolicy(
        quotas=QuotaPolicy(time_zone="Europe/Helsinki", included_notifications=1)
    )
    usage = sunshine_usage(
        "2026-06",
        active=[],
        notifications=[utc(2026, 5, 31, 22), utc(2026, 6, 1)],
        policy=helsinki,
    )
    assert usage.notifications == 2
    assert usage.notifications_over == 1
    with pytest.raises(ValidationError, match=r"^month:"):
        sunshine_usage("2026-13", active=[], notifications=[])
    with pytest.raises(ValidationError, match=r"^quotas.time_zone:"):
        QuotaPolicy(time_zone="Mars/Olympus")
    with pytest.raises(ValidationError, match=r"^active\[\].user_id:"):
        sunshine_usage("2026-06", active=[("", utc(2026, 6, 1))], notifications=[])


def test_w62_twilio_fails_a_message_still_queued_after_4_hours() -> None:
    """Worked example W62."""
    enqueued = utc(2026, 3, 2, 10)
    assert twilio_queue_expires_at(enqueued) == utc(2026, 3, 2, 14)
    assert not twilio_queue_expired(enqueued, utc(2026, 3, 2, 14))
    assert twilio_queue_expired(enqueued, utc(2026, 3, 2, 14, 0, 1))

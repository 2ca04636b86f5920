"""Calling, migration, Official Business Account, onboarding, line types, Messaging Accounts."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from wamsg import ValidationError
from wamsg.accounts import (
    AccountModelPhase,
    AccountReason,
    AppUse,
    LimitTier,
    LineEligibility,
    LineType,
    NameStatus,
    NumberKind,
    OnboardingPath,
    call_permission_request_allowed,
    calling_eligible,
    calling_minimum,
    can_call_business_initiated,
    coexistence_from,
    line_eligibility,
    messaging_account_id_required,
    migration_check,
    oba_eligible,
    onboarding_path,
)
from wamsg.identity import PhoneNumber

UTC = timezone.utc
E5 = datetime(2026, 1, 10, tzinfo=UTC)


def test_w46_a_250_portfolio_cannot_call_but_a_test_number_can() -> None:
    refused = calling_eligible(
        at=E5,
        kind=NumberKind.API,
        tier=LimitTier.TIER_250,
        calling_enabled=True,
        payment_method=True,
    )
    assert refused.reason is AccountReason.CALLING_LIMIT_TOO_LOW
    assert refused.facts["minimum"] == 2000
    test = calling_eligible(
        at=E5,
        kind=NumberKind.TEST,
        tier=LimitTier.TIER_250,
        calling_enabled=True,
        payment_method=False,
    )
    assert test.allowed


def test_w47_a_2k_api_number_with_calling_on_and_payment_may_call_a_coexistence_one_not() -> None:
    ok = calling_eligible(
        at=E5,
        kind=NumberKind.API,
        tier=LimitTier.TIER_2K,
        calling_enabled=True,
        payment_method=True,
    )
    assert ok.allowed
    coexistence = calling_eligible(
        at=E5,
        kind=NumberKind.COEXISTENCE,
        tier=LimitTier.TIER_2K,
        calling_enabled=True,
        payment_method=True,
    )
    assert coexistence.reason is AccountReason.CALLING_COEXISTENCE


def test_every_missing_condition_is_listed() -> None:
    decision = calling_eligible(
        at=datetime(2025, 7, 14, tzinfo=UTC), kind=NumberKind.API, tier=None,
        calling_enabled=False, payment_method=False,
    )  # fmt: skip
    assert decision.reasons == (
        AccountReason.CALLING_NOT_AVAILABLE,
        AccountReason.CALLING_LIMIT_TOO_LOW,
        AccountReason.CALLING_DISABLED,
        AccountReason.CALLING_NO_PAYMENT_METHOD,
    )


def test_before_2025_10_07_the_calling_minimum_is_1k_a_policy_parameter() -> None:
    september = datetime(2025, 9, 1, tzinfo=UTC)
    assert calling_minimum(september) == 1000
    assert calling_minimum(E5) == 2000
    assert calling_minimum(september, before_portfolio_limits=2000) == 2000
    one_k = calling_eligible(
        at=september,
        kind=NumberKind.API,
        tier=LimitTier.TIER_1K,
        calling_enabled=True,
        payment_method=True,
    )
    assert one_k.allowed


@pytest.mark.parametrize(
    "business", ["+12125550100", "+14165550100", "+201001234567", "+84912345678", "+2348031234567"]
)
def test_w48_business_initiated_calls_are_not_available_for_these_country_codes(
    business: str,
) -> None:
    decision = can_call_business_initiated(PhoneNumber.parse(business))
    assert decision.reason is AccountReason.BUSINESS_CALLS_NOT_IN_COUNTRY


def test_w48_other_business_numbers_may_start_calls() -> None:
    decision = can_call_business_initiated(PhoneNumber.parse("+447911123456"))
    assert decision.allowed
    assert decision.facts["calling_code"] == "44"


def test_w49_a_third_call_permission_request_in_7_days_is_refused() -> None:
    at = datetime(2026, 5, 8, 12, tzinfo=UTC)
    decision = call_permission_request_allowed(
        at=at, requests=[at - timedelta(days=6), at - timedelta(days=3)]
    )
    assert decision.reason is AccountReason.CALL_PERMISSION_WEEKLY
    daily = call_permission_request_allowed(at=at, requests=[at - timedelta(hours=5)])
    assert daily.reason is AccountReason.CALL_PERMISSION_DAILY
    assert call_permission_request_allowed(at=at, requests=[at - timedelta(days=7)]).allowed


def test_w55_two_step_verification_and_test_numbers_block_migration() -> None:
    decision = migration_check(
        portfolio_verified=True, two_step_enabled=True, name_status=NameStatus.APPROVED
    )
    assert decision.reasons == (AccountReason.TWO_STEP_ENABLED,)
    test = migration_check(
        portfolio_verified=True, two_step_enabled=False, name_status=NameStatus.APPROVED,
        kind=NumberKind.TEST,
    )  # fmt: skip
    assert test.reasons == (AccountReason.TEST_NUMBER,)
    ok = migration_check(
        portfolio_verified=True, two_step_enabled=False, name_status=NameStatus.APPROVED
    )
    assert ok.allowed


def test_every_migration_blocker_is_listed() -> None:
    decision = migration_check(
        portfolio_verified=False, two_step_enabled=True, name_status=NameStatus.PENDING_REVIEW,
        name_change_pending=True, kind=NumberKind.TEST, destination_cloud_api=False,
    )  # fmt: skip
    assert len(decision.reasons) == 6
    assert "two_step_enabled" in decision.message


def test_w54_oba_needs_30_days_of_registration_and_no_coexistence() -> None:
    at = datetime(2026, 5, 1, tzinfo=UTC)
    base = {
        "portfolio_verified": True,
        "two_step_enabled": True,
        "name_status": NameStatus.APPROVED,
    }
    recent = oba_eligible(at=at, registered_at=at - timedelta(days=20), **base)  # type: ignore[arg-type]
    assert recent.reasons == (AccountReason.REGISTERED_TOO_RECENTLY,)
    old = oba_eligible(at=at, registered_at=at - timedelta(days=30), **base)  # type: ignore[arg-type]
    assert old.allowed
    coexistence = oba_eligible(
        at=at,
        registered_at=at - timedelta(days=90),
        kind=NumberKind.COEXISTENCE,
        **base,  # type: ignore[arg-type]
    )
    assert coexistence.reasons == (AccountReason.COEXISTENCE_NUMBER,)


def test_a_rejected_oba_request_waits_30_days() -> None:
    at = datetime(2026, 5, 1, tzinfo=UTC)
    decision = oba_eligible(
        at=at, portfolio_verified=False, two_step_enabled=False, name_status=NameStatus.NONE,
        registered_at=None, kind=NumberKind.TEST, rejected_at=at - timedelta(days=10),
    )  # fmt: skip
    assert AccountReason.RESUBMIT_TOO_SOON in decision.reasons
    assert decision.facts["resubmit_at"] == at + timedelta(days=20)
    assert len(decision.reasons) == 6


def test_w51_w52_messaging_account_id_from_phase_2_with_several_accounts() -> None:
    for accounts in (1, 2, 5):
        assert not messaging_account_id_required(
            phase=AccountModelPhase.PHASE_1, newest_api_version=True, messaging_accounts=accounts
        )
    assert messaging_account_id_required(
        phase=AccountModelPhase.PHASE_2, newest_api_version=True, messaging_accounts=2
    )
    assert not messaging_account_id_required(
        phase=AccountModelPhase.PHASE_2, newest_api_version=True, messaging_accounts=1
    )
    assert not messaging_account_id_required(
        phase=AccountModelPhase.PHASE_2, newest_api_version=False, messaging_accounts=2
    )
    assert messaging_account_id_required(
        phase=AccountModelPhase.PHASE_3, newest_api_version=False, messaging_accounts=2
    )
    with pytest.raises(ValidationError):
        messaging_account_id_required(
            phase=AccountModelPhase.PHASE_3, newest_api_version=False, messaging_accounts=-1
        )


def test_w60_consumer_app_numbers_are_deleted_first_business_app_numbers_coexist() -> None:
    us = PhoneNumber.parse("+12125550100")
    at = datetime(2026, 1, 1, tzinfo=UTC)
    assert (
        onboarding_path(business=us, in_use=AppUse.CONSUMER_APP, at=at)
        is OnboardingPath.DELETE_FROM_WHATSAPP_FIRST
    )
    assert (
        onboarding_path(business=us, in_use=AppUse.BUSINESS_APP, at=at)
        is OnboardingPath.COEXISTENCE
    )
    assert onboarding_path(business=us, in_use=AppUse.NONE, at=at) is OnboardingPath.REGISTER
    with pytest.raises(ValidationError):
        onboarding_path(business=us, in_use="app", at=at)  # type: ignore[arg-type]


def test_coexistence_reached_each_country_on_its_own_date() -> None:
    assert coexistence_from(PhoneNumber.parse("+12125550100")) == datetime(2025, 2, 11, tzinfo=UTC)
    assert coexistence_from(PhoneNumber.parse("+919812345678")) == datetime(2025, 5, 5, tzinfo=UTC)
    germany = PhoneNumber.parse("+4915112345678")
    assert coexistence_from(germany) == datetime(2025, 10, 23, tzinfo=UTC)
    assert coexistence_from(PhoneNumber.parse("+2348031234567")) == datetime(
        2026, 4, 15, tzinfo=UTC
    )
    before = datetime(2025, 10, 22, tzinfo=UTC)
    assert (
        onboarding_path(business=germany, in_use=AppUse.BUSINESS_APP, at=before)
        is OnboardingPath.DELETE_FROM_WHATSAPP_FIRST
    )


def test_w59_pagers_and_short_codes_are_not_supported_fixed_lines_by_voice_code() -> None:
    assert line_eligibility(LineType.PAGER) is LineEligibility.NOT_SUPPORTED
    assert line_eligibility(LineType.SHORT_CODE) is LineEligibility.NOT_SUPPORTED
    assert line_eligibility(LineType.FIXED_LINE) is LineEligibility.OK_VOICE_OTP_ONLY
    assert line_eligibility(LineType.MOBILE) is LineEligibility.OK
    assert line_eligibility(LineType.M2M) is LineEligibility.NOT_RECOMMENDED
    assert line_eligibility(LineType.M2M).usable
    assert not LineEligibility.NOT_SUPPORTED.usable
    assert all(isinstance(line_eligibility(t), LineEligibility) for t in LineType)
    with pytest.raises(ValidationError):
        line_eligibility("satellite")  # type: ignore[arg-type]

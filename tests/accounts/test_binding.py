"""Cardinalities by date: numbers per portfolio and per account, accounts, partners, businesses."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from wamsg import ValidationError
from wamsg.accounts import (
    PORTFOLIO_LIMITS_FROM,
    AccountModelPhase,
    AccountReason,
    LimitTier,
    can_add_partner,
    can_add_waba,
    can_register_number,
    can_serve_business,
    number_cap,
)

UTC = timezone.utc
E5 = datetime(2026, 1, 10, tzinfo=UTC)
E4 = datetime(2024, 6, 1, tzinfo=UTC)


def test_w20_an_unverified_250_portfolio_with_two_numbers_cannot_register_a_third() -> None:
    decision = can_register_number(
        at=E5, verified=False, tier=LimitTier.TIER_250, portfolio_numbers=2, waba_numbers=2
    )
    assert not decision.allowed
    assert decision.reason is AccountReason.PORTFOLIO_NUMBER_CAP
    assert decision.facts["cap"] == 2
    assert decision.facts["count"] == 2
    assert "cap is 2" in decision.message


def test_w21_once_verified_the_third_number_may_be_registered() -> None:
    decision = can_register_number(
        at=E5, verified=True, tier=LimitTier.TIER_250, portfolio_numbers=2, waba_numbers=2
    )
    assert decision.allowed
    assert decision.reason is AccountReason.ALLOWED
    assert decision.facts["cap"] == 20


def test_w22_an_unverified_portfolio_at_2k_may_have_20_numbers() -> None:
    assert number_cap(at=E5, verified=False, tier=LimitTier.TIER_2K) == 20
    assert number_cap(at=E5, verified=False, tier=LimitTier.TIER_UNLIMITED) == 20
    assert number_cap(at=E5, verified=False, tier=None) == 2


def test_before_2025_10_07_only_verification_raised_the_cap() -> None:
    assert number_cap(at=E4, verified=False, tier=LimitTier.TIER_10K) == 2
    assert number_cap(at=E4, verified=True, tier=LimitTier.TIER_250) == 20
    just_before = PORTFOLIO_LIMITS_FROM - timedelta(microseconds=1)
    assert number_cap(at=just_before, verified=False, tier=LimitTier.TIER_2K) == 2
    assert number_cap(at=PORTFOLIO_LIMITS_FROM, verified=False, tier=LimitTier.TIER_2K) == 20


def test_w23_an_account_with_25_numbers_cannot_take_a_26th() -> None:
    decision = can_register_number(
        at=E5, verified=True, tier=LimitTier.TIER_2K, portfolio_numbers=10, waba_numbers=25
    )
    assert not decision.allowed
    assert decision.reason is AccountReason.WABA_NUMBER_CAP
    assert decision.facts["waba_cap"] == 25


def test_a_coexistence_account_holds_one_number() -> None:
    decision = can_register_number(
        at=E5, verified=True, tier=None, portfolio_numbers=1, waba_numbers=1, coexistence=True
    )
    assert decision.reason is AccountReason.COEXISTENCE_ONE_NUMBER


def test_a_cap_meta_announced_counts_when_higher() -> None:
    decision = can_register_number(
        at=E4, verified=False, tier=None, portfolio_numbers=2, waba_numbers=2, portfolio_cap=20
    )
    assert decision.allowed
    assert decision.facts["cap"] == 20
    lower = can_register_number(
        at=E5, verified=True, tier=None, portfolio_numbers=2, waba_numbers=2, portfolio_cap=2
    )
    assert lower.allowed
    assert lower.facts["cap"] == 20


def test_counts_must_be_counts() -> None:
    with pytest.raises(ValidationError) as caught:
        can_register_number(at=E5, verified=True, tier=None, portfolio_numbers=-1, waba_numbers=0)
    assert caught.value.field == "portfolio_numbers"
    with pytest.raises(ValidationError):
        number_cap(at=datetime(2026, 1, 1), verified=True, tier=None)  # naive


def test_a_portfolio_has_at_most_20_accounts_unless_meta_raised_it() -> None:
    assert not can_add_waba(wabas=20).allowed
    assert can_add_waba(wabas=20).reason is AccountReason.PORTFOLIO_WABA_CAP
    assert can_add_waba(wabas=20, cap=40).allowed
    assert can_add_waba(wabas=19).allowed


def test_w24_a_legacy_account_shared_with_two_partners_cannot_take_a_third() -> None:
    decision = can_add_partner(phase=AccountModelPhase.LEGACY, partners=["a", "b"], partner="c")
    assert not decision.allowed
    assert decision.reason is AccountReason.PARTNER_CAP
    assert can_add_partner(phase=AccountModelPhase.LEGACY, partners=["a"], partner="b").allowed


def test_w25_from_phase_1_a_third_partner_gets_its_own_messaging_account() -> None:
    decision = can_add_partner(phase=AccountModelPhase.PHASE_1, partners=["a", "b"], partner="c")
    assert decision.allowed
    assert "Messaging Account" in decision.message


def test_a_partner_already_on_the_account_is_not_added_twice() -> None:
    decision = can_add_partner(phase=AccountModelPhase.PHASE_2, partners=["a"], partner="a")
    assert decision.reason is AccountReason.PARTNER_ALREADY_SHARED


def test_since_2024_01_15_an_account_serves_one_end_business() -> None:
    after = can_serve_business(
        at=datetime(2024, 1, 15, tzinfo=UTC), businesses=["shop"], business="cafe"
    )
    assert not after.allowed
    assert after.reason is AccountReason.ONE_BUSINESS_PER_WABA
    assert after.facts["businesses"] == ("shop",)
    before = can_serve_business(
        at=datetime(2024, 1, 14, 23, tzinfo=UTC), businesses=["shop"], business="cafe"
    )
    assert before.allowed
    same = can_serve_business(at=E5, businesses=["cafe"], business="cafe")
    assert same.allowed


def test_a_decision_has_a_json_form() -> None:
    decision = can_register_number(
        at=E5, verified=False, tier=LimitTier.TIER_250, portfolio_numbers=2, waba_numbers=0
    )
    assert decision.to_dict() == {
        "allowed": False,
        "reason": "portfolio_number_cap",
        "message": decision.message,
        "reasons": ["portfolio_number_cap"],
        "facts": {"cap": 2, "count": 2, "waba_cap": 25, "waba_count": 0},
    }

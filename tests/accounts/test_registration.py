"""Registering, deregistering, deleting a number; its display name's changes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from wamsg import ValidationError
from wamsg.accounts import (
    AccountReason,
    CodeVerificationStatus,
    DeletionChannel,
    NameStatus,
    NumberKind,
    can_delete_number,
    can_deregister,
    can_register,
    name_change_allowed,
    name_change_takes_effect,
    register_request_allowed,
    register_window,
    reregister_deadline,
)

UTC = timezone.utc
JAN1 = datetime(2026, 1, 1, tzinfo=UTC)
TEN = [JAN1 + timedelta(minutes=m) for m in range(10)]  # 00:00 … 00:09


def test_w26_the_eleventh_request_within_72_hours_gets_133016_and_a_block() -> None:
    at = JAN1 + timedelta(hours=1)
    decision = register_request_allowed(at=at, requests=TEN)
    assert not decision.allowed
    assert decision.reason is AccountReason.REGISTER_ATTEMPTS
    assert decision.facts["blocked_until"] == datetime(2026, 1, 4, 1, tzinfo=UTC)
    assert decision.facts["count"] == 10
    assert decision.facts["window_hours"] == 72


def test_w27_once_the_first_request_leaves_the_window_one_more_is_allowed() -> None:
    at = datetime(2026, 1, 4, 0, 0, 1, tzinfo=UTC)
    decision = register_request_allowed(at=at, requests=TEN)
    assert decision.allowed
    assert decision.facts["count"] == 9


def test_w27_after_a_refused_request_the_block_lasts_72_hours() -> None:
    refused = JAN1 + timedelta(hours=1)
    at = datetime(2026, 1, 4, 0, 0, 1, tzinfo=UTC)
    decision = register_request_allowed(at=at, requests=TEN, refusals=[refused])
    assert decision.reason is AccountReason.REGISTER_BLOCKED
    assert decision.facts["blocked_until"] == datetime(2026, 1, 4, 1, tzinfo=UTC)
    later = register_request_allowed(
        at=datetime(2026, 1, 4, 1, tzinfo=UTC), requests=TEN, refusals=[refused]
    )
    assert later.allowed


def test_w28_before_2024_02_13_the_window_was_a_week() -> None:
    start = datetime(2023, 12, 1, tzinfo=UTC)
    requests = [start + timedelta(minutes=m) for m in range(10)]
    decision = register_request_allowed(at=start + timedelta(days=5), requests=requests)
    assert not decision.allowed
    assert decision.facts["window_hours"] == 168
    assert register_window(datetime(2024, 2, 12, 23, tzinfo=UTC)) == timedelta(days=7)
    assert register_window(datetime(2024, 2, 13, tzinfo=UTC)) == timedelta(hours=72)


def test_requests_after_the_asked_time_do_not_count() -> None:
    decision = register_request_allowed(at=JAN1 - timedelta(seconds=1), requests=TEN)
    assert decision.allowed
    assert decision.facts["count"] == 0


def test_w45_a_name_expired_or_none_cannot_register() -> None:
    for status in (NameStatus.EXPIRED, NameStatus.NONE):
        decision = can_register(
            code_verification=CodeVerificationStatus.VERIFIED, name_status=status
        )
        assert not decision.allowed
        assert decision.reason is AccountReason.NAME_NOT_USABLE


def test_w45_available_without_review_registers_but_is_not_verified() -> None:
    decision = can_register(
        code_verification=CodeVerificationStatus.VERIFIED,
        name_status=NameStatus.AVAILABLE_WITHOUT_REVIEW,
    )
    assert decision.allowed
    assert decision.facts["name_verified"] is False
    approved = can_register(
        code_verification=CodeVerificationStatus.VERIFIED, name_status=NameStatus.APPROVED
    )
    assert approved.facts["name_verified"] is True


def test_only_a_verified_ownership_code_registers() -> None:
    decision = can_register(
        code_verification=CodeVerificationStatus.EXPIRED, name_status=NameStatus.NONE
    )
    assert decision.reasons == (AccountReason.CODE_NOT_VERIFIED, AccountReason.NAME_NOT_USABLE)


def test_w50_a_coexistence_number_is_not_deregistered_by_api() -> None:
    decision = can_deregister(NumberKind.COEXISTENCE)
    assert not decision.allowed
    assert decision.reason is AccountReason.COEXISTENCE_NO_DEREGISTER
    assert can_deregister(NumberKind.API).allowed


def test_w53_deletion_waits_30_days_after_the_last_paid_message_and_uses_whatsapp_manager() -> (
    None
):
    paid = datetime(2026, 6, 20, tzinfo=UTC)
    early = can_delete_number(
        at=datetime(2026, 7, 10, tzinfo=UTC),
        last_paid_message_at=paid,
        via=DeletionChannel.WHATSAPP_MANAGER,
    )
    assert early.reason is AccountReason.DELETION_RECENT_PAID_MESSAGE
    assert early.facts["earliest"] == datetime(2026, 7, 20, tzinfo=UTC)
    manager = can_delete_number(
        at=datetime(2026, 7, 21, tzinfo=UTC),
        last_paid_message_at=paid,
        via=DeletionChannel.WHATSAPP_MANAGER,
    )
    assert manager.allowed
    api = can_delete_number(
        at=datetime(2026, 7, 21, tzinfo=UTC), last_paid_message_at=paid, via=DeletionChannel.API
    )
    assert api.reason is AccountReason.DELETION_NOT_VIA_API


def test_before_2026_06_04_the_api_could_delete() -> None:
    june3 = datetime(2026, 6, 3, tzinfo=UTC)
    decision = can_delete_number(at=june3, last_paid_message_at=None, via="api")  # type: ignore[arg-type]
    assert decision.allowed
    with pytest.raises(ValidationError) as caught:
        can_delete_number(at=JAN1, last_paid_message_at=None, via="fax")  # type: ignore[arg-type]
    assert caught.value.field == "via"


def test_w44_an_eleventh_name_change_in_30_days_is_refused() -> None:
    at = datetime(2026, 3, 31, tzinfo=UTC)
    changes = [at - timedelta(days=d) for d in range(10)]
    decision = name_change_allowed(at=at, changes=changes)
    assert not decision.allowed
    assert decision.reason is AccountReason.NAME_CHANGE_LIMIT
    older = [at - timedelta(days=30), *changes[1:]]
    assert name_change_allowed(at=at, changes=older).allowed


def test_an_official_business_account_changes_its_name_through_support() -> None:
    decision = name_change_allowed(at=JAN1, changes=[], official_business_account=True)
    assert decision.reason is AccountReason.NAME_CHANGE_NEEDS_SUPPORT


def test_w43_an_approved_name_takes_effect_when_re_registered_within_14_days() -> None:
    approved = datetime(2026, 3, 1, tzinfo=UTC)
    assert reregister_deadline(approved) == datetime(2026, 3, 15, tzinfo=UTC)
    in_time = name_change_takes_effect(
        approved_at=approved, reregistered_at=datetime(2026, 3, 14, tzinfo=UTC)
    )
    assert in_time.allowed
    late = name_change_takes_effect(
        approved_at=approved, reregistered_at=datetime(2026, 3, 16, tzinfo=UTC)
    )
    assert late.reason is AccountReason.NAME_REREGISTER_TOO_LATE


def test_re_registering_before_the_approval_has_no_effect() -> None:
    decision = name_change_takes_effect(approved_at=None, reregistered_at=JAN1)
    assert decision.reason is AccountReason.NAME_NOT_APPROVED
    early = name_change_takes_effect(approved_at=JAN1, reregistered_at=JAN1 - timedelta(days=1))
    assert early.reason is AccountReason.NAME_NOT_APPROVED

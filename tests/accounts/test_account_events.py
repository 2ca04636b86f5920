"""Meta's account webhooks become typed account events that keep every string Meta sent."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from hypothesis import given

from tests.accounts.strategies import account_events, limits
from tests.providers._support import SECRET, fixture
from wamsg import ValidationError, event_from_dict
from wamsg.events import (
    AccountAlert,
    AccountEvent,
    AccountUpdate,
    AlertEntity,
    AlertSeverity,
    AlertStatus,
    AlertType,
    BanState,
    CapabilityUpdate,
    DisconnectionReason,
    LimitTier,
    NameDecision,
    NameRejectionReason,
    NumberNameUpdate,
    NumberQualityUpdate,
    QualityEvent,
    RestrictionType,
    WabaEvent,
    WabaUpdate,
)
from wamsg.identity import PhoneNumber
from wamsg.providers import MetaProvider
from wamsg.testing import signed_meta_request

UTC = timezone.utc
META = MetaProvider(phone_number_id="106540352242922", access_token="token")
BUSINESS = PhoneNumber("+15550783881")
WABA = "104996122399160"


def _notices() -> tuple[object, ...]:
    return META.parse(signed_meta_request(fixture("meta/account_notices.json"), SECRET))


def _change(field: str, value: object, time: int = 1759831200) -> tuple[object, ...]:
    body = {
        "object": "whatsapp_business_account",
        "entry": [{"id": WABA, "time": time, "changes": [{"field": field, "value": value}]}],
    }
    return META.parse(signed_meta_request(json.dumps(body).encode(), SECRET))


def test_every_account_field_of_the_batch_becomes_a_typed_event() -> None:
    kinds = [type(event).__name__ for event in _notices()]
    assert kinds == [
        "CapabilityUpdate",
        "NumberQualityUpdate",
        "NumberNameUpdate",
        "WabaUpdate",
        "AccountAlert",
        "NumberQualityUpdate",
        "WabaUpdate",
        "WabaUpdate",
        "AccountAlert",
        "NumberQualityUpdate",
        "CapabilityUpdate",
        "WabaUpdate",
    ]


def test_the_entry_gives_the_account_and_the_time() -> None:
    event = _notices()[0]
    assert isinstance(event, CapabilityUpdate)
    assert event.account == WABA
    assert event.occurred_at == datetime(2025, 10, 7, 10, tzinfo=UTC)


def test_a_capability_update_reads_the_limit_in_both_spellings_and_the_caps() -> None:
    """W57: ``2000`` and ``"TIER_2K"`` are TIER_2K; ``-1`` per phone is unlimited."""
    first, later = _notices()[0], _notices()[10]
    assert isinstance(first, CapabilityUpdate)
    assert isinstance(later, CapabilityUpdate)
    assert first.limit_raw == 2000
    assert first.limit is LimitTier.TIER_2K
    assert first.max_numbers_per_waba == 25
    assert first.max_numbers_per_business is None
    assert later.limit_raw is None
    assert later.phone_limit_raw == -1
    assert later.limit is LimitTier.TIER_UNLIMITED
    assert later.max_numbers_per_business == 20  # sent as the string "20"
    quality = _notices()[1]
    assert isinstance(quality, NumberQualityUpdate)
    assert quality.limit is LimitTier.TIER_2K


def test_a_quality_update_names_the_number_and_the_event() -> None:
    onboarding, downgrade = _notices()[1], _notices()[5]
    assert isinstance(onboarding, NumberQualityUpdate)
    assert isinstance(downgrade, NumberQualityUpdate)
    assert onboarding.business == BUSINESS
    assert onboarding.event is QualityEvent.ONBOARDING
    assert downgrade.event is QualityEvent.DOWNGRADE
    assert (downgrade.current_limit, downgrade.old_limit) == (
        LimitTier.TIER_1K,
        LimitTier.TIER_10K,
    )


def test_unknown_values_read_as_unknown_and_keep_meta_s_string() -> None:
    event = _notices()[9]
    assert isinstance(event, NumberQualityUpdate)
    assert event.event is QualityEvent.UNKNOWN
    assert event.event_raw == "QUALITY_PENDING"
    assert event.limit is LimitTier.UNKNOWN
    assert event.limit_raw == "TIER_5K"
    assert isinstance(event.raw, dict)
    assert event.raw["value"] == {
        "display_phone_number": "15550783881",
        "event": "QUALITY_PENDING",
        "max_daily_conversations_per_business": "TIER_5K",
        "hologram": True,
    }


def test_a_name_update_carries_the_decision_and_the_reason() -> None:
    event = _notices()[2]
    assert isinstance(event, NumberNameUpdate)
    assert event.decision is NameDecision.REJECTED
    assert event.rejection_reason is NameRejectionReason.NAME_FORMAT_UNACCEPTABLE
    assert event.requested_name == "Lumen Tea House"
    assert NumberNameUpdate(provider="meta").rejection_reason is None


def test_restrictions_keep_their_end_in_every_form_meta_writes() -> None:
    event = _notices()[3]
    assert isinstance(event, WabaUpdate)
    assert event.event is WabaEvent.ACCOUNT_RESTRICTION
    calling, templates, unknown = event.restrictions
    assert calling.type is RestrictionType.RESTRICTED_BUSINESS_INITIATED_CALLING
    assert calling.expires_at == datetime(2025, 10, 14, 10, tzinfo=UTC)
    assert templates.expires_at == datetime(2025, 10, 20, 8, tzinfo=UTC)
    assert templates.remediation == "Review the template guidelines"
    assert unknown.type is RestrictionType.UNKNOWN
    assert unknown.type_raw.endswith("HOLOGRAM_SENDING")
    assert unknown.expires_at is None
    assert unknown.expiration == "soon"


def test_a_restriction_names_the_number_and_skips_items_that_are_not_objects() -> None:
    event = _notices()[11]
    assert isinstance(event, WabaUpdate)
    assert event.business == BUSINESS
    (only,) = event.restrictions
    assert only.expires_at == datetime(2023, 11, 15, 22, 13, 20, tzinfo=UTC)


def test_a_ban_keeps_its_state_its_date_and_the_unread_keys() -> None:
    event = _notices()[6]
    assert isinstance(event, WabaUpdate)
    assert event.ban_state is BanState.DISABLE
    assert event.ban_date == "March 3, 2024"
    assert event.details == {"ban_info": {"appeal": "open"}}


def test_a_partner_removal_carries_the_coexistence_disconnection() -> None:
    event = _notices()[7]
    assert isinstance(event, WabaUpdate)
    assert event.event is WabaEvent.PARTNER_REMOVED
    assert event.disconnection_reason is DisconnectionReason.COMPANION_INACTIVITY
    assert event.initiated_by == "SYSTEM"
    assert event.waba_id == WABA
    assert WabaUpdate(provider="meta").disconnection_reason is None
    assert WabaUpdate(provider="meta").ban_state is None


def test_alerts_read_the_nested_and_the_flat_shape() -> None:
    nested, flat = _notices()[4], _notices()[8]
    assert isinstance(nested, AccountAlert)
    assert isinstance(flat, AccountAlert)
    assert nested.alert_type is AlertType.INCREASED_CAPABILITIES_ELIGIBILITY_FAILED
    assert (nested.entity_type, nested.severity) == (AlertEntity.BUSINESS, AlertSeverity.CRITICAL)
    assert nested.status is AlertStatus.ACTIVE
    assert flat.alert_type is AlertType.OBA_APPROVED
    assert flat.status is AlertStatus.NONE
    assert flat.entity_id == "106540352242922"  # sent as a number


def test_values_of_the_wrong_type_are_left_out_never_an_error() -> None:
    (event,) = _change(
        "business_capability_update",
        {"max_daily_conversations_per_business": True, "max_phone_numbers_per_waba": [1]},
    )
    assert isinstance(event, CapabilityUpdate)
    assert event.limit_raw is None
    assert event.max_numbers_per_waba is None
    (waba,) = _change("account_update", {"event": "ACCOUNT_RESTRICTION", "restriction_info": 7})
    assert isinstance(waba, WabaUpdate)
    assert waba.restrictions == ()
    assert waba.details == {"restriction_info": 7}


def test_a_phone_that_is_not_a_number_stays_in_the_details() -> None:
    (event,) = _change("account_update", {"event": "VERIFIED_ACCOUNT", "phone_number": "<PHONE>"})
    assert isinstance(event, WabaUpdate)
    assert event.business is None
    assert event.details == {"phone_number": "<PHONE>"}
    assert event.event is WabaEvent.VERIFIED_ACCOUNT


def test_the_other_account_fields_stay_generic_account_updates() -> None:
    (event,) = _change("account_review_update", {"decision": "APPROVED"})
    assert isinstance(event, AccountUpdate)


def test_the_canonical_form_of_each_kind() -> None:
    event = _notices()[1]
    assert event.to_dict(include_raw=False) == {  # type: ignore[attr-defined]
        "type": "account.quality",
        "provider": "meta",
        "business": "+15550783881",
        "customer": None,
        "occurred_at": "2025-10-07T10:00:00Z",
        "account": WABA,
        "event": "ONBOARDING",
        "limit": "TIER_2K",
        "current_limit": None,
        "old_limit": None,
    }


def test_every_parsed_notice_round_trips_through_its_canonical_form() -> None:
    for event in _notices():
        data = json.loads(json.dumps(event.to_dict()))  # type: ignore[attr-defined]
        back = event_from_dict(data)
        assert back == event
        assert back.to_dict() == data


@given(account_events)
def test_any_account_event_round_trips_exactly(event: AccountEvent) -> None:
    data = json.loads(json.dumps(event.to_dict()))
    back = event_from_dict(data)
    assert back == event
    assert back.to_dict() == data


@given(limits)
def test_a_limit_in_any_form_reads_as_a_tier_and_never_raises(value: str | int | None) -> None:
    tier = CapabilityUpdate(provider="meta", limit_raw=value).limit
    assert tier is None if value is None else isinstance(tier, LimitTier)


def test_unknown_keys_of_a_canonical_account_event_are_kept() -> None:
    data = _notices()[4].to_dict(include_raw=False)  # type: ignore[attr-defined]
    data["x-note"] = {"by": "agent"}
    assert event_from_dict(data).to_dict(include_raw=False) == data


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"type": "account.capability", "provider": "meta", "limit": 2.5}, "limit"),
        ({"type": "account.capability", "provider": "meta", "max_numbers_per_waba": "2"},
         "max_numbers_per_waba"),
        ({"type": "account.quality", "provider": "meta", "business": "abc"}, "business"),
        ({"type": "account.waba", "provider": "meta", "restrictions": {}}, "restrictions"),
        ({"type": "account.waba", "provider": "meta", "restrictions": [{}]},
         "restrictions[0].type"),
        ({"type": "account.waba", "provider": "meta",
          "restrictions": [{"type": "X", "expiration": 1.5}]}, "restrictions[0].expiration"),
        ({"type": "account.waba", "provider": "meta", "details": []}, "details"),
        ({"type": "account.alert", "provider": "meta", "alert_type": 3}, "event.alert_type"),
        ({"type": "account.name"}, "event.provider"),
    ],
)  # fmt: skip
def test_a_bad_canonical_account_event_names_the_field(
    data: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        event_from_dict(data)
    assert caught.value.field == field

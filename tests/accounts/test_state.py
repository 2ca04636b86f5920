"""The account state: the configuration, overridden by its account events from their time on."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tests.providers._support import SECRET, fixture
from wamsg import ValidationError
from wamsg.accounts import (
    CONFIG,
    AccountAlert,
    AccountConfig,
    AccountState,
    BanState,
    CapabilityUpdate,
    LimitTier,
    NameStatus,
    NumberNameUpdate,
    NumberQualityUpdate,
    NumberStatus,
    QualityRating,
    Reading,
    Restriction,
    ThroughputLevel,
    WabaUpdate,
)
from wamsg.events import Accumulator, Event, Folded
from wamsg.identity import PhoneNumber
from wamsg.providers import MetaProvider
from wamsg.testing import signed_meta_request

UTC = timezone.utc
WABA = "104996122399160"
BUSINESS = PhoneNumber("+15550783881")
OTHER = PhoneNumber("+15550783882")
T0 = datetime(2025, 11, 3, 10, tzinfo=UTC)
CONFIG_FILE = {
    "portfolio": {"id": "731205919430117", "verified": False, "messaging_limit": "TIER_250"},
    "numbers": [
        {"phone": "+15550783881", "phone_number_id": "106540352242922", "waba": WABA,
         "status": "CONNECTED", "quality": "GREEN", "kind": "api", "throughput": "STANDARD",
         "messaging_limit": None},
        {"phone": "+15550783882", "phone_number_id": "106540352242923", "waba": "waba-2",
         "status": "CONNECTED", "quality": "YELLOW", "kind": "coexistence",
         "throughput": "STANDARD", "messaging_limit": None},
    ],
    "wabas": [{"id": WABA, "partners": ["partner-a"]}, {"id": "waba-2", "partners": []}],
}  # fmt: skip
ACCOUNT = AccountConfig.from_dict(CONFIG_FILE)


def _at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def _capability(
    hours: float,
    limit: str | int | None = None,
    *,
    max_numbers_per_business: int | None = None,
    max_numbers_per_waba: int | None = None,
) -> CapabilityUpdate:
    return CapabilityUpdate(
        provider="meta",
        account=WABA,
        occurred_at=_at(hours),
        limit_raw=limit,
        max_numbers_per_business=max_numbers_per_business,
        max_numbers_per_waba=max_numbers_per_waba,
    )


def _quality(
    hours: float,
    event: str,
    business: PhoneNumber = BUSINESS,
    *,
    limit_raw: str | None = None,
    current_limit_raw: str | None = None,
    old_limit_raw: str | None = None,
) -> NumberQualityUpdate:
    return NumberQualityUpdate(
        provider="meta",
        account=WABA,
        occurred_at=_at(hours),
        business=business,
        event_raw=event,
        limit_raw=limit_raw,
        current_limit_raw=current_limit_raw,
        old_limit_raw=old_limit_raw,
    )


def test_without_events_the_state_is_the_configuration() -> None:
    state = AccountState.empty(ACCOUNT)
    assert state.tier == Reading(LimitTier.TIER_250, CONFIG, None)
    assert state.number(BUSINESS) == ACCOUNT.numbers[0]
    assert state.numbers == ACCOUNT.numbers
    readings = state.readings("106540352242922")
    assert readings is not None
    assert readings["status"] == Reading(NumberStatus.CONNECTED)
    assert state.number("nobody") is None
    assert state.readings("nobody") is None
    assert state.alerts == ()
    assert state.ban_state(WABA) == Reading(None)


def test_a_capability_update_sets_the_tier_with_its_source_and_time() -> None:
    state = AccountState.empty(ACCOUNT).fold([_capability(1, 2000), _capability(2, "TIER_10K")])
    assert state.tier == Reading(LimitTier.TIER_10K, "account.capability", _at(2))


def test_the_latest_event_wins_whatever_the_order() -> None:
    events: list[Event] = [
        _capability(2, "TIER_10K"),
        _quality(1, "ONBOARDING", limit_raw="TIER_2K"),
    ]
    state = AccountState.empty(ACCOUNT).fold(events)
    assert state.tier.value is LimitTier.TIER_10K
    assert AccountState.empty(ACCOUNT).fold(events[::-1]) == state


def test_events_after_as_of_are_ignored() -> None:
    events = [_capability(1, 2000), _capability(5, "TIER_10K")]
    state = AccountState.empty(ACCOUNT, as_of=_at(3)).fold(events)
    assert state.tier == Reading(LimitTier.TIER_2K, "account.capability", _at(1))
    at_the_edge = AccountState.empty(ACCOUNT, as_of=_at(5)).fold(events)
    assert at_the_edge.tier.value is LimitTier.TIER_10K


def test_untimed_and_foreign_events_change_nothing() -> None:
    untimed = CapabilityUpdate(provider="meta", account=WABA, limit_raw=2000)
    foreign = CapabilityUpdate(
        provider="meta", account="waba-9", occurred_at=_at(1), limit_raw=2000
    )
    other_number = _quality(1, "FLAGGED", business=PhoneNumber("+15550783899"))
    state = AccountState.empty(ACCOUNT)
    assert state.fold([untimed, foreign, other_number]) == state


def test_a_number_of_another_waba_of_the_account_is_not_changed_by_this_waba_s_event() -> None:
    state = AccountState.empty(ACCOUNT).fold([_quality(1, "FLAGGED", business=OTHER)])
    assert state.number(OTHER) == ACCOUNT.numbers[1]


def test_legacy_flagged_and_unflagged_set_the_number_s_status_and_quality() -> None:
    flagged = AccountState.empty(ACCOUNT).fold(
        [_quality(1, "FLAGGED", current_limit_raw="TIER_10K")]
    )
    number = flagged.number(BUSINESS)
    assert number is not None
    assert (number.status, number.status_raw) == (NumberStatus.FLAGGED, "FLAGGED")
    assert (number.quality, number.quality_raw) == (QualityRating.RED, "RED")
    assert number.messaging_limit is LimitTier.TIER_10K
    readings = flagged.readings(BUSINESS)
    assert readings is not None
    assert readings["status"].source == "account.quality"
    back = flagged.apply(_quality(2, "UNFLAGGED"))
    restored = back.number(BUSINESS)
    assert restored is not None
    assert restored.status is NumberStatus.CONNECTED
    assert restored.quality is QualityRating.RED  # no event said otherwise


def test_a_downgrade_sets_the_number_s_own_tier() -> None:
    state = AccountState.empty(ACCOUNT).apply(
        _quality(1, "DOWNGRADE", current_limit_raw="TIER_1K", old_limit_raw="TIER_10K")
    )
    number = state.number(BUSINESS)
    assert number is not None
    assert number.messaging_limit is LimitTier.TIER_1K
    assert state.tier.value is LimitTier.TIER_250  # the portfolio's is untouched


def test_a_throughput_upgrade_raises_the_number_s_throughput_not_its_tier() -> None:
    event = _quality(1, "THROUGHPUT_UPGRADE", current_limit_raw="TIER_UNLIMITED")
    number = AccountState.empty(ACCOUNT).apply(event).number(BUSINESS)
    assert number is not None
    assert number.throughput is ThroughputLevel.HIGH
    assert number.messaging_limit is None


def test_a_name_decision_sets_the_name_status() -> None:
    approved = NumberNameUpdate(
        provider="meta",
        account=WABA,
        occurred_at=_at(1),
        business=BUSINESS,
        decision_raw="APPROVED",
    )
    rejected = NumberNameUpdate(
        provider="meta",
        account=WABA,
        occurred_at=_at(2),
        business=BUSINESS,
        decision_raw="REJECTED",
    )
    deferred = NumberNameUpdate(
        provider="meta",
        account=WABA,
        occurred_at=_at(3),
        business=BUSINESS,
        decision_raw="DEFERRED",
    )
    state = AccountState.empty(ACCOUNT)
    assert _name_status(state.apply(approved)) is NameStatus.APPROVED
    assert _name_status(state.fold([approved, rejected, deferred])) is NameStatus.DECLINED


def _name_status(state: AccountState) -> NameStatus | None:
    number = state.number(BUSINESS)
    assert number is not None
    return number.name_status


def test_restrictions_apply_until_they_expire() -> None:
    until = _at(10)
    ends = int(until.timestamp())
    event = WabaUpdate(
        provider="meta",
        account=WABA,
        occurred_at=_at(1),
        event_raw="ACCOUNT_RESTRICTION",
        restrictions=(
            Restriction(type_raw="RESTRICTED_BIZ_INITIATED_MESSAGING", expiration=ends),
            Restriction(type_raw="RESTRICTED_ADD_PHONE_NUMBER_ACTION", expiration="<TIMESTAMP>"),
        ),
    )
    state = AccountState.empty(ACCOUNT).apply(event)
    assert len(state.restrictions(WABA, _at(9))) == 2
    (left,) = state.restrictions(WABA, _at(10))
    assert left.type_raw == "RESTRICTED_ADD_PHONE_NUMBER_ACTION"
    assert state.restrictions("waba-2", _at(9)) == ()
    with pytest.raises(ValidationError):
        state.restrictions(WABA, datetime(2026, 1, 1))


def test_a_ban_and_a_partner_notice_find_their_waba() -> None:
    ban = WabaUpdate(
        provider="meta",
        account="partner-business",
        occurred_at=_at(1),
        event_raw="DISABLED_UPDATE",
        ban_state_raw="SCHEDULE_FOR_DISABLE",
        details={"waba_info": {"waba_id": WABA}},
    )
    state = AccountState.empty(ACCOUNT).apply(ban)
    assert state.ban_state(WABA) == Reading(BanState.SCHEDULE_FOR_DISABLE, "account.waba", _at(1))


def test_alerts_about_the_portfolio_or_its_numbers_are_kept_the_latest_of_each_type() -> None:
    def alert(
        hours: float, kind: str, entity: str, about: str, account: str = WABA
    ) -> AccountAlert:
        return AccountAlert(
            provider="meta", account=account, occurred_at=_at(hours), alert_type_raw=kind,
            entity_type_raw=entity, entity_id=about,
        )  # fmt: skip

    deferred = alert(
        1, "INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED", "BUSINESS", "731205919430117"
    )
    failed = alert(2, "INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED", "BUSINESS", "731205919430117")
    oba = alert(3, "OBA_APPROVED", "PHONE_NUMBER", "106540352242922")
    stranger = alert(4, "OBA_APPROVED", "PHONE_NUMBER", "999")
    other_portfolio = alert(5, "PROFILE_PICTURE_LOST", "BUSINESS", "123")
    by_portfolio_only = alert(
        6, "OBA_REJECTED", "BUSINESS", "731205919430117", account="elsewhere"
    )
    state = AccountState.empty(ACCOUNT).fold(
        [deferred, failed, oba, stranger, other_portfolio, by_portfolio_only]
    )
    assert set(state.alerts) == {failed, oba, by_portfolio_only}


def test_the_number_cap_follows_the_tier_and_meta_s_announcement() -> None:
    state = AccountState.empty(ACCOUNT)
    assert state.number_cap(_at(0)) == 2
    assert state.apply(_capability(1, 2000)).number_cap(_at(2)) == 20
    announced = state.apply(_capability(1, max_numbers_per_business=20))
    assert announced.number_cap(_at(2)) == 20
    assert announced.tier.value is LimitTier.TIER_250


def test_the_waba_cap_is_25_meta_s_figure_or_one_for_coexistence() -> None:
    state = AccountState.empty(ACCOUNT)
    assert state.waba_number_cap(WABA) == 25
    assert state.waba_number_cap("waba-2") == 1
    assert state.apply(_capability(1, max_numbers_per_waba=30)).waba_number_cap(WABA) == 30


def test_the_fixture_notices_fold_into_the_state() -> None:
    meta = MetaProvider(phone_number_id="106540352242922", access_token="token")
    events = meta.parse(signed_meta_request(fixture("meta/account_notices.json"), SECRET))
    state = AccountState.empty(ACCOUNT).fold(events)
    assert state.tier.value is LimitTier.TIER_2K
    assert state.tier.at == datetime(2025, 10, 7, 10, tzinfo=UTC)
    number = state.number(BUSINESS)
    assert number is not None
    assert number.name_status is NameStatus.DECLINED
    assert number.messaging_limit is LimitTier.TIER_1K  # the 2023 downgrade
    assert state.ban_state(WABA).value is BanState.DISABLE
    assert state.number_cap(datetime(2025, 10, 8, tzinfo=UTC)) == 20
    assert len(state.restrictions(WABA, datetime(2025, 10, 8, tzinfo=UTC))) == 3


def test_the_state_keeps_the_fold_shape() -> None:
    state: Folded[Event] = AccountState.empty(ACCOUNT)
    accumulator: Accumulator[Event, AccountState] = AccountState.empty(ACCOUNT).accumulator()
    accumulator.add(_capability(1, 2000))
    assert accumulator.result() == AccountState.empty(ACCOUNT).apply(_capability(1, 2000))
    assert state.fold([]) == state


def test_a_naive_as_of_is_refused() -> None:
    with pytest.raises(ValidationError):
        AccountState.empty(ACCOUNT, as_of=datetime(2026, 1, 1))

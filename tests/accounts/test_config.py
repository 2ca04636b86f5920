"""The account file is the caller's configuration: read strictly, written back unchanged."""

from __future__ import annotations

import copy
from datetime import datetime, timezone
from typing import Any

import pytest

from wamsg import ValidationError
from wamsg.accounts import (
    AccountConfig,
    AccountModelPhase,
    BusinessNumber,
    LimitTier,
    NumberKind,
    NumberStatus,
    Partner,
    PartnerType,
    QualityRating,
    ThroughputLevel,
)
from wamsg.identity import PhoneNumber

SAMPLE: dict[str, Any] = {
    "portfolio": {"id": "bp-1", "verified": False, "messaging_limit": "TIER_250"},
    "numbers": [
        {
            "phone": "+15550783881",
            "phone_number_id": "106540352242922",
            "waba": "waba-1",
            "status": "CONNECTED",
            "quality": "GREEN",
            "kind": "api",
            "throughput": "STANDARD",
            "messaging_limit": None,
        }
    ],
    "wabas": [{"id": "waba-1", "partners": ["partner-a"]}],
}


def _with(path: str, value: object) -> dict[str, Any]:
    """The sample with the value at a dotted path (``numbers.0.status``) replaced."""
    data = copy.deepcopy(SAMPLE)
    *parents, last = path.split(".")
    target: Any = data
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    target[int(last) if last.isdigit() else last] = value
    return data


def test_the_sample_file_reads_into_the_model() -> None:
    config = AccountConfig.from_dict(SAMPLE)
    assert config.portfolio.id == "bp-1"
    assert not config.portfolio.verified
    assert config.portfolio.messaging_limit is LimitTier.TIER_250
    (number,) = config.numbers
    assert number.phone == PhoneNumber("+15550783881")
    assert (number.status, number.quality) == (NumberStatus.CONNECTED, QualityRating.GREEN)
    assert (number.kind, number.throughput) == (NumberKind.API, ThroughputLevel.STANDARD)
    assert number.messaging_limit is None
    assert number.tier(config.portfolio) is LimitTier.TIER_250  # takes the portfolio's
    assert config.wabas[0].partners == (Partner("partner-a"),)


def test_the_file_round_trips_exactly() -> None:
    assert AccountConfig.from_dict(SAMPLE).to_dict() == SAMPLE


def test_every_optional_key_round_trips_too() -> None:
    data = copy.deepcopy(SAMPLE)
    data["numbers"][0].update(
        code_verification="VERIFIED",
        name_status="APPROVED",
        platform_type="CLOUD_API",
        calling_enabled=True,
        registered_at="2026-01-02T03:04:05Z",
        messaging_limit="TIER_1K",
        kind="coexistence",
    )
    data["wabas"][0] = {
        "id": "waba-1",
        "partners": ["partner-a", {"id": "partner-b", "type": "TECH_PROVIDER"}],
        "phase": "PHASE_1",
    }
    config = AccountConfig.from_dict(data)
    assert config.to_dict() == data
    assert config.wabas[0].phase is AccountModelPhase.PHASE_1
    assert config.wabas[0].partners[1].type is PartnerType.TECH_PROVIDER
    assert config.numbers[0].registered_at == datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    assert config.numbers[0].is_coexistence


def test_a_limit_may_be_written_as_its_number() -> None:
    config = AccountConfig.from_dict(_with("portfolio.messaging_limit", 2000))
    assert config.portfolio.messaging_limit is LimitTier.TIER_2K


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        ("numbers.0.status", "SLEEPING", "numbers[0].status"),
        ("numbers.0.quality", "PURPLE", "numbers[0].quality"),
        ("numbers.0.kind", "satellite", "numbers[0].kind"),
        ("numbers.0.throughput", "LUDICROUS", "numbers[0].throughput"),
        ("numbers.0.messaging_limit", "TIER_3K", "numbers[0].messaging_limit"),
        ("portfolio.messaging_limit", "TIER_5", "portfolio.messaging_limit"),
        ("numbers.0.status", None, "numbers[0].status"),
        ("numbers.0.status", 3, "numbers[0].status"),
        ("numbers.0.phone", "+1555", "numbers[0].phone"),
        ("numbers.0.phone", "not a phone", "numbers[0].phone"),
        ("numbers.0.phone", 15550783881, "numbers[0].phone"),
        ("numbers.0.waba", "waba-9", "numbers[0].waba"),
        ("numbers.0.phone_number_id", "", "numbers[0].phone_number_id"),
        ("numbers.0.name_status", "SHINY", "numbers[0].name_status"),
        ("numbers.0.calling_enabled", "yes", "numbers[0].calling_enabled"),
        ("numbers.0.registered_at", "yesterday", "numbers[0].registered_at"),
        ("numbers.0.colour", "blue", "numbers[0].colour"),
        ("portfolio.verified", "no", "portfolio.verified"),
        ("portfolio.id", 7, "portfolio.id"),
        ("portfolio.verfied", True, "portfolio.verfied"),
        ("wabas.0.partners", "partner-a", "wabas[0].partners"),
        ("wabas.0.partners.0", {"id": "p", "type": "RESELLER"}, "wabas[0].partners[0].type"),
        ("wabas.0.partners.0", 5, "wabas[0].partners[0]"),
        ("wabas.0.phase", "PHASE_9", "wabas[0].phase"),
        ("wabas.0", [], "wabas[0]"),
        ("numbers", {}, "numbers"),
        ("portfolio", None, "portfolio"),
        ("extra", 1, "extra"),
    ],
)
def test_a_mistake_names_its_field(path: str, value: object, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        AccountConfig.from_dict(_with(path, value))
    assert caught.value.field == field


def test_a_file_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(ValidationError):
        AccountConfig.from_dict([])


def test_a_phone_number_id_may_appear_once() -> None:
    data = copy.deepcopy(SAMPLE)
    data["numbers"].append({**data["numbers"][0], "phone": "+15550783882"})
    with pytest.raises(ValidationError) as caught:
        AccountConfig.from_dict(data)
    assert caught.value.field == "numbers[1].phone_number_id"


def test_numbers_are_found_by_phone_or_id_and_by_waba() -> None:
    config = AccountConfig.from_dict(SAMPLE)
    number = config.numbers[0]
    assert config.number(PhoneNumber("+15550783881")) is number
    assert config.number("106540352242922") is number
    assert config.number("+15550783881") is number
    assert config.number("+15550000000") is None
    assert config.numbers_of("waba-1") == (number,)
    assert config.numbers_of("x") == ()
    assert config.waba("waba-1") is config.wabas[0]
    assert config.waba("x") is None
    assert config.waba_ids == frozenset({"waba-1"})


def test_a_number_built_in_code_keeps_meta_s_strings_beside_the_enums() -> None:
    number = BusinessNumber(
        phone=PhoneNumber("+15550783881"),
        phone_number_id="1",
        waba="w",
        status=NumberStatus.UNKNOWN,
        status_raw="HIBERNATING",
    )
    assert number.status_raw == "HIBERNATING"
    assert number.quality_raw == "NA"
    assert not number.can_send_business_initiated
    assert not number.can_reply
    restricted = BusinessNumber(
        phone=PhoneNumber("+15550783881"), phone_number_id="1", waba="w",
        status=NumberStatus.RESTRICTED,
    )  # fmt: skip
    assert restricted.can_reply
    assert not restricted.can_send_business_initiated


def test_a_naive_registration_time_is_refused() -> None:
    with pytest.raises(ValidationError):
        BusinessNumber(
            phone=PhoneNumber("+15550783881"),
            phone_number_id="1",
            waba="w",
            registered_at=datetime(2026, 1, 1),
        )

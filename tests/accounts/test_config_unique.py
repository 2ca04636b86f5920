"""The account file refuses a phone or WABA id named twice and a phone without '+'."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.accounts.test_config import SAMPLE
from wamsg import ValidationError
from wamsg.accounts import AccountConfig, LimitTier


def _two_numbers() -> dict[str, Any]:
    data = copy.deepcopy(SAMPLE)
    second = dict(data["numbers"][0], phone_number_id="106540352242933")
    data["numbers"].append(second)
    return data


def test_two_numbers_with_the_same_phone_are_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        AccountConfig.from_dict(_two_numbers())
    assert caught.value.field == "numbers[1].phone"


def test_two_numbers_with_different_phones_are_fine() -> None:
    data = _two_numbers()
    data["numbers"][1]["phone"] = "+358942411000"
    assert len(AccountConfig.from_dict(data).numbers) == 2


def test_a_waba_id_named_twice_is_refused() -> None:
    data = copy.deepcopy(SAMPLE)
    data["wabas"].append({"id": "waba-1", "partners": []})
    with pytest.raises(ValidationError) as caught:
        AccountConfig.from_dict(data)
    assert caught.value.field == "wabas[1].id"


@pytest.mark.parametrize("phone", ["15550783881", " +15550783881", "0015550783881"])
def test_a_phone_must_be_e164_with_its_plus(phone: str) -> None:
    data = copy.deepcopy(SAMPLE)
    data["numbers"][0]["phone"] = phone
    with pytest.raises(ValidationError) as caught:
        AccountConfig.from_dict(data)
    assert caught.value.field == "numbers[0].phone"


@pytest.mark.parametrize("tier", ["TIER_NOT_SET", "TIER_50", "TIER_1K"])
def test_legacy_portfolio_tiers_stay_readable(tier: str) -> None:
    data = copy.deepcopy(SAMPLE)
    data["portfolio"]["messaging_limit"] = tier
    assert AccountConfig.from_dict(data).portfolio.messaging_limit is LimitTier(tier)

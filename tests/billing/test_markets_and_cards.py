"""Pricing markets (dated, NANP area codes) and rate cards (Decimal, explicit unknowns)."""

from __future__ import annotations

import contextlib
import json
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wamsg import PhoneNumber, ValidationError
from wamsg._internal.data import load_json, package_files
from wamsg.billing import (
    OTHER,
    UNKNOWN,
    RateCard,
    RateCards,
    Tier,
    market_of,
    market_table,
    markets_on,
    packaged_cards,
)

NOV_2026 = date(2026, 11, 2)


@pytest.mark.parametrize(
    ("number", "market"),
    [
        ("+16505551234", "North America"),
        ("+14165550100", "North America"),  # Canada
        ("+18095550100", "Rest of Latin America"),  # Dominican Republic
        ("+18765550100", "Rest of Latin America"),  # Jamaica
        ("+17875550100", "Rest of Latin America"),  # Puerto Rico
        ("+12425550100", OTHER),  # Bahamas: not listed anywhere
        ("+5511987654321", "Brazil"),
        ("+358401234567", "Rest of Western Europe"),
        ("+79161234567", "Russia"),
        ("+77011234567", "Kazakhstan"),
        ("+97433123456", "Qatar"),
        ("+263771234567", "Rest of Africa"),
        ("+8613800138000", "Rest of Asia Pacific"),
        ("+882130123456", OTHER),  # non-geographic code (+882)
    ],
)
def test_recipient_numbers_map_to_their_market_in_november_2026(number: str, market: str) -> None:
    assert market_of(PhoneNumber.parse(number), NOV_2026) == market


@pytest.mark.parametrize(
    ("number", "before", "on", "after"),
    [
        ("+263771234567", date(2025, 9, 30), "Other", "Rest of Africa"),
        ("+97433123456", date(2026, 6, 30), "Rest of Middle East", "Qatar"),
        ("+8801712345678", date(2026, 9, 30), "Rest of Asia Pacific", "Bangladesh"),
        ("+380501234567", date(2026, 9, 30), "Rest of Central & Eastern Europe", "Ukraine"),
        ("+212612345678", date(2026, 9, 30), "Rest of Africa", "Morocco"),
        ("+96550012345", date(2026, 9, 30), "Rest of Middle East", "Kuwait"),
    ],
)
def test_markets_move_on_their_dates(number: str, before: date, on: str, after: str) -> None:
    phone = PhoneNumber.parse(number)
    assert market_of(phone, before) == on
    assert market_of(phone, date.fromordinal(before.toordinal() + 1)) == after


def test_nine_markets_become_standalone_on_2026_10_01() -> None:
    new = markets_on(date(2026, 10, 1)) - markets_on(date(2026, 9, 30))
    assert new == {
        "Bangladesh",
        "Iraq",
        "Nepal",
        "Sri Lanka",
        "Kazakhstan",
        "Kuwait",
        "Morocco",
        "Oman",
        "Ukraine",
    }


def test_market_functions_reject_wrong_types() -> None:
    with pytest.raises(ValidationError):
        market_of("+16505551234", NOV_2026)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        market_table("2026-11-02")  # type: ignore[arg-type]


def test_every_packaged_card_lists_every_market_in_force_explicitly() -> None:
    for name in package_files("rate_cards"):
        data = load_json(f"rate_cards/{name}")
        assert isinstance(data, dict)
        card = RateCard.from_dict(data)
        assert set(data["rates"]) == markets_on(card.effective), name  # type: ignore[arg-type]
        assert name == f"{card.name}.json"


def test_packaged_cards_hold_no_float_and_no_zero_rate() -> None:
    for name in package_files("rate_cards"):
        data = load_json(f"rate_cards/{name}")
        assert "0.0," not in json.dumps(data)
        card = RateCard.from_dict(data)
        for rate in card.rates.values():
            assert rate is UNKNOWN or (isinstance(rate, Decimal) and rate > 0)


def test_card_selection_is_dated_and_per_currency() -> None:
    cards = packaged_cards()
    assert packaged_cards() is cards  # cached
    assert cards.select("USD", date(2026, 1, 1)).name == "meta-usd-2026-01-01"  # type: ignore[union-attr]
    assert cards.select("USD", date(2025, 12, 31)).name == "meta-usd-2025-10-01"  # type: ignore[union-attr]
    assert cards.select("USD", date(2024, 1, 1)).unit == "conversation"  # type: ignore[union-attr]
    assert cards.select("inr", NOV_2026).rate("India", "service") == Decimal("0.115")  # type: ignore[union-attr]
    assert cards.select("USD", date(2020, 1, 1)) is None
    assert cards.select("EUR", NOV_2026) is None


def test_known_figures_and_explicit_unknowns() -> None:
    card = packaged_cards().select("USD", date(2026, 1, 15))
    assert card is not None
    assert card.rate("India", "marketing") == Decimal("0.0118")
    assert card.rate("North America", "utility") == Decimal("0.0034")
    assert card.rate("Argentina", "marketing") is UNKNOWN
    assert card.rate("Brazil", "authentication_international") is UNKNOWN
    assert card.rate("Brazil", "service") == Decimal("0.0068")  # falls back to utility
    assert card.rate("Brazil", "marketing_lite") == Decimal("0.0625")
    assert card.provenance_of("India") == "transcribed"
    later = packaged_cards().select("USD", NOV_2026)
    assert later is not None
    assert later.provenance_of("India") == "carried_forward"
    assert later.rate("Bangladesh", "marketing") is UNKNOWN


def test_india_utility_tier_bound_is_known_but_its_rate_is_not() -> None:
    card = packaged_cards().select("USD", NOV_2026)
    assert card is not None
    assert card.cost("India", "utility", 10) == Decimal("0.0140")
    assert card.cost("India", "utility", 2, before=25_000_000) is UNKNOWN
    assert card.cost("India", "utility", 0) == Decimal(0)


def test_a_caller_card_wins_a_tie_and_is_validated() -> None:
    mine = RateCard.from_dict(
        {
            "name": "bsp",
            "currency": "usd",
            "effective": "2026-10-01",
            "source": "my BSP",
            "rates": {"North America": {"marketing": "0.0300"}},
        }
    )
    cards = packaged_cards().with_cards([mine])
    assert cards.select("USD", NOV_2026) is mine
    assert mine.rate("North America", "utility") is UNKNOWN


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (
            {
                "name": "x",
                "currency": "USD",
                "effective": "2026-13-01",
                "source": "s",
                "rates": {},
            },
            "rate_card.effective",
        ),
        (
            {
                "name": "x",
                "currency": "USD",
                "effective": "2026-01-01",
                "source": "s",
                "rates": {"Brazil": {"marketing": 0.06}},
            },
            "rate_card.rates.Brazil.marketing",
        ),
        (
            {
                "name": "x",
                "currency": "USD",
                "effective": "2026-01-01",
                "source": "s",
                "rates": {"Brazil": {"marketing": "abc"}},
            },
            "rate_card.rates.Brazil.marketing",
        ),
        (
            {
                "name": "x",
                "currency": "USD",
                "effective": "2026-01-01",
                "source": "s",
                "rates": {"Brazil": {"marketing": "-1"}},
            },
            "rate_card.rates.Brazil.marketing",
        ),
        (
            {
                "name": "x",
                "currency": "USD",
                "effective": "2026-01-01",
                "source": "s",
                "provenance": "guess",
                "rates": {},
            },
            "rate_card.provenance",
        ),
        (
            {
                "name": "x",
                "currency": "USD",
                "effective": "2026-01-01",
                "source": "s",
                "rates": {"Brazil": {"provenance": "guess"}},
            },
            "rate_card.rates.Brazil.provenance",
        ),
        (
            {
                "name": "x",
                "currency": "USD",
                "effective": "2026-01-01",
                "source": "s",
                "rates": {},
                "tiers": {"Brazil": {"utility": {}}},
            },
            "rate_card.tiers.Brazil.utility",
        ),
        (
            {
                "name": "x",
                "currency": "USD",
                "effective": "2026-01-01",
                "source": "s",
                "rates": {},
                "tiers": {"Brazil": {"utility": [{"from": 0}]}},
            },
            "rate_card.tiers.Brazil.utility[0].from",
        ),
        ([], "rate_card"),
    ],
)
def test_bad_cards_raise_validation_errors_naming_the_field(data: object, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        RateCard.from_dict(data)
    assert caught.value.field == field


def test_rate_cards_hold_only_cards() -> None:
    with pytest.raises(ValidationError):
        RateCards(["not a card"])  # type: ignore[list-item]


def test_tiers_sort_by_first_message() -> None:
    assert Tier(1, 2, UNKNOWN) < Tier(3, None, Decimal(1))
    assert str(UNKNOWN) == "unknown"


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
        lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
        max_leaves=20,
    )
)
def test_fuzzed_card_documents_raise_only_validation_errors(data: object) -> None:
    with contextlib.suppress(ValidationError):
        RateCard.from_dict(data)

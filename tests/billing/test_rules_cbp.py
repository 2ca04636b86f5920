"""Conversation-based pricing: Meta's worked examples and the dated free tiers."""

from __future__ import annotations

from datetime import datetime

import pytest

from wamsg import ValidationError
from wamsg.billing import (
    NO_CONVERSATIONS,
    BillingAccount,
    OpenConversations,
    Period,
    Pricer,
    Reason,
    price,
)

from .helpers import UTC, at, send

ACCOUNT = BillingAccount()
DAY_2024 = datetime(2024, 3, 4, tzinfo=UTC)


def test_meta_cbp_example_marketing_then_utility_opens_a_second_conversation() -> None:
    pricer = Pricer(ACCOUNT)
    h0 = pricer.price(send("m", at(DAY_2024, 0), "marketing"))
    h4 = pricer.price(send("u1", at(DAY_2024, 4), "utility"))
    h10 = pricer.price(send("u2", at(DAY_2024, 10), "utility"))
    assert (h0.reason, h0.category) == (Reason.REGULAR, "marketing")
    assert (h4.reason, h4.category) == (Reason.REGULAR, "utility")
    assert (h10.reason, h10.category) == (Reason.IN_OPEN_CONVERSATION, "utility")
    assert h0.unit == "conversation"


def test_a_conversation_lasts_24_hours() -> None:
    pricer = Pricer(ACCOUNT)
    pricer.price(send("a", at(DAY_2024, 0), "marketing"))
    assert pricer.price(send("b", at(DAY_2024, 23.9), "marketing")).reason is (
        Reason.IN_OPEN_CONVERSATION
    )
    assert pricer.price(send("c", at(DAY_2024, 24), "marketing")).reason is Reason.REGULAR


def test_free_form_opens_service_only_when_no_conversation_is_open() -> None:
    pricer = Pricer(ACCOUNT)
    pricer.price(send("a", at(DAY_2024, 0), "utility"))
    inside = pricer.price(send("b", at(DAY_2024, 1), None, csw=True))
    alone = pricer.price(send("c", at(DAY_2024, 30), None, csw=True))
    assert (inside.reason, inside.category) == (Reason.IN_OPEN_CONVERSATION, "utility")
    assert (alone.reason, alone.category) == (Reason.REGULAR, "service")
    assert alone.free_tier_key == "*"  # 1,000 free service conversations per WABA


def test_utility_inside_the_window_still_opened_a_conversation_under_cbp() -> None:
    charge = Pricer(ACCOUNT).price(send("a", at(DAY_2024, 0), "utility", csw=True))
    assert charge.reason is Reason.REGULAR


def test_service_conversations_are_free_and_unlimited_from_2024_11_01() -> None:
    charge = Pricer(ACCOUNT).price(send("a", datetime(2024, 11, 5, tzinfo=UTC), None, csw=True))
    assert (charge.reason, charge.category) == (Reason.FREE_CUSTOMER_SERVICE, "service")
    assert charge.free_tier_key is None


def test_before_2023_06_conversations_are_user_or_business_initiated_and_all_count() -> None:
    day = datetime(2022, 5, 2, tzinfo=UTC)
    pricer = Pricer(ACCOUNT)
    first = pricer.price(send("a", day, "marketing"))
    second = pricer.price(send("b", at(day, 1), None, csw=True))
    reply = Pricer(ACCOUNT).price(send("c", day, "utility", csw=True))
    assert (first.period, first.category, first.free_tier_key) == (
        Period.CBP_2022,
        "business_initiated",
        "*",
    )
    assert (second.reason, second.category) == (Reason.IN_OPEN_CONVERSATION, "business_initiated")
    assert reply.category == "user_initiated"


def test_free_entry_point_conversation_closes_others_and_lasts_72_hours() -> None:
    first = price(send("a", at(DAY_2024, 0), "marketing"), ACCOUNT)
    assert "marketing" in first.open_conversations.expires
    fep = price(
        send("b", at(DAY_2024, 1), None, csw=True, fep=True), ACCOUNT, first.open_conversations
    )
    assert fep.charge.reason is Reason.FREE_ENTRY_POINT
    assert set(fep.open_conversations.expires) == {"referral_conversion"}
    inside = price(send("c", at(DAY_2024, 60), "marketing"), ACCOUNT, fep.open_conversations)
    assert inside.charge.reason is Reason.FREE_ENTRY_POINT
    after = price(send("d", at(DAY_2024, 74), "marketing"), ACCOUNT, inside.open_conversations)
    assert after.charge.reason is Reason.REGULAR


def test_open_conversations_value_lists_only_live_conversations() -> None:
    state = OpenConversations({"marketing": 100.0, "utility": 300.0})
    assert state.open_at(200.0) == {"utility": 300.0}
    assert NO_CONVERSATIONS.open_at(0.0) == {}


def test_before_2022_02_01_pricing_is_not_modelled() -> None:
    with pytest.raises(ValidationError) as caught:
        Pricer(ACCOUNT).price(send("a", datetime(2021, 5, 1, tzinfo=UTC), "marketing"))
    assert caught.value.field == "at"

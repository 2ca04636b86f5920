"""The billing account and the send facts: validation at construction."""

from __future__ import annotations

import contextlib
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wamsg import PhoneNumber, ValidationError
from wamsg.billing import BillingAccount, Period, Reason, Send, ServiceFreeTier
from wamsg.billing.account import parse_month

from .helpers import US_CUSTOMER, UTC


@pytest.mark.parametrize(
    "kwargs",
    [
        {"time_zone": "Mars/Olympus"},
        {"time_zone": 3},
        {"currency": "usd"},
        {"currency": "DOLLAR"},
        {"authentication_international": ["India"]},
        {"authentication_international": {1: datetime(2026, 1, 1, tzinfo=UTC)}},
        {"authentication_international": {"India": datetime(2026, 1, 1)}},
    ],
)
def test_bad_accounts_are_rejected(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        BillingAccount(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "kwargs",
    [{"limit": -1}, {"limit": True}, {"per": "portfolio"}, {"effective": date(2026, 10, 2)}],
)
def test_bad_free_tiers_are_rejected(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        ServiceFreeTier(**kwargs)  # type: ignore[arg-type]


def test_months_follow_the_waba_time_zone() -> None:
    account = BillingAccount(time_zone="Europe/Helsinki")
    start, end = account.month_bounds("2026-12")
    assert datetime.fromtimestamp(start, UTC) == datetime(2026, 11, 30, 22, tzinfo=UTC)
    assert datetime.fromtimestamp(end, UTC) == datetime(2026, 12, 31, 22, tzinfo=UTC)
    assert account.month_at(start) == "2026-12"
    assert account.local_date(datetime(2026, 11, 30, 23, tzinfo=UTC)) == date(2026, 12, 1)


@pytest.mark.parametrize("text", ["2026-13", "2026/11", "26-11", 202611, "abcd-ef"])
def test_bad_months_are_rejected(text: object) -> None:
    with pytest.raises(ValidationError):
        parse_month(text)


@given(st.text(max_size=10))
def test_month_parsing_raises_only_validation_errors(text: str) -> None:
    with contextlib.suppress(ValidationError):
        parse_month(text)


def test_cbp_periods_have_the_waba_wide_free_allowance() -> None:
    account = BillingAccount()
    assert account.free_allowance(Period.CBP_2023, 0.0) == (1000, "waba")
    assert account.free_allowance(Period.CBP_2024, 0.0) is None
    assert Period.CBP_2022.model == "CBP"
    assert Period.PMP_2026.model == "PMP"
    assert not Reason.FREE_TIER.billable


@pytest.mark.parametrize(
    "kwargs",
    [
        {"message_id": 1},
        {"business": None},
        {"recipient": "+16505551234"},
        {"at": datetime(2026, 11, 2)},
        {"template_category": ""},
        {"customer_service_window_open": "yes"},
    ],
)
def test_bad_sends_are_rejected(kwargs: dict[str, object]) -> None:
    base: dict[str, object] = {
        "message_id": "m",
        "business": "+15550783881",
        "recipient": US_CUSTOMER,
        "at": datetime(2026, 11, 2, tzinfo=UTC),
    }
    with pytest.raises(ValidationError):
        Send(**{**base, **kwargs})  # type: ignore[arg-type]


def test_a_send_can_be_built_from_a_window_snapshot() -> None:
    from wamsg import Customer, WindowBook

    at = datetime(2026, 11, 2, tzinfo=UTC)
    snapshot = WindowBook().get(None, Customer(phone=US_CUSTOMER)).as_of(at)
    built = Send.of(
        message_id="m",
        business=PhoneNumber.parse("+15550783881"),
        recipient=US_CUSTOMER,
        at=at,
        template_category="Utility",
        windows=snapshot,
    )
    assert built.template_category == "utility"
    assert not built.customer_service_window_open
    assert (
        Send.of(
            message_id="m",
            business=None,
            recipient=US_CUSTOMER,
            at=at,
            template_category=None,
            windows=snapshot,
        ).business
        == ""
    )

"""Public constructors and helpers refuse wrong types and bad zone names with ValidationError."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from wamsg import (
    BillingAccount,
    BusinessHours,
    Customer,
    DeliveryStatus,
    Direction,
    Inbox,
    Message,
    MessageStatus,
    Text,
    ValidationError,
    WindowState,
    decide_send,
)
from wamsg._internal.zones import time_zone
from wamsg.templates import normalize_language

AT = datetime(2026, 11, 20, 9, tzinfo=timezone.utc)


@pytest.mark.parametrize("code", [None, 5, b"en", ["en"]])
def test_normalize_language_refuses_what_is_not_text(code: object) -> None:
    with pytest.raises(ValidationError, match="language"):
        normalize_language(code)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", [None, 5, "", "Mars/Olympus", "+02:00", "Europe/../etc"])
def test_a_bad_time_zone_is_a_validation_error_everywhere(name: object) -> None:
    with pytest.raises(ValidationError, match="time zone"):
        time_zone(name, "tz")
    with pytest.raises(ValidationError, match="time zone"):
        BillingAccount(time_zone=name)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="time zone"):
        Inbox().summary(at=AT, timezone=name)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="time zone"):
        BusinessHours.parse("Mon-Fri 08:00-17:00", timezone=name)  # type: ignore[arg-type]


def test_a_good_zone_is_read() -> None:
    assert str(time_zone("Europe/Helsinki", "tz")) == "Europe/Helsinki"


EDGES = [
    datetime(1, 1, 1, tzinfo=timezone.utc),
    datetime(9999, 12, 31, 23, 59, tzinfo=timezone.utc),
    datetime(1969, 12, 31, 23, 59, tzinfo=timezone.utc),
    datetime(2200, 1, 1, tzinfo=timezone.utc),
]


@pytest.mark.parametrize("moment", EDGES)
def test_constructors_refuse_utc_times_outside_1970_to_2200(moment: datetime) -> None:
    with pytest.raises(ValidationError, match="1970-01-01 to 2200-01-01"):
        MessageStatus(
            provider="meta", message_id="m", status=DeliveryStatus.SENT, occurred_at=moment
        )
    with pytest.raises(ValidationError, match="1970-01-01 to 2200-01-01"):
        Message(
            id="m",
            direction=Direction.INBOUND,
            business=None,
            customer=Customer(phone="+14155550100"),
            sent_at=moment,
            content=Text("hi"),
        )
    state = WindowState.empty(None, Customer(phone="+14155550100"))
    with pytest.raises(ValidationError, match="1970-01-01 to 2200-01-01"):
        decide_send(state, "free_form", at=moment)
    with pytest.raises(ValidationError, match="1970-01-01 to 2200-01-01"):
        state.as_of(moment)


def test_a_margin_longer_than_a_year_is_refused() -> None:
    state = WindowState.empty(None, Customer(phone="+14155550100"))
    with pytest.raises(ValidationError, match="margin"):
        decide_send(state, "free_form", at=AT, margin=timedelta(days=10**8))
    with pytest.raises(ValidationError, match="margin"):
        state.as_of(AT, margin=timedelta(days=366))

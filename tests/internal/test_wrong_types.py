"""Public constructors and helpers refuse wrong types and bad zone names with ValidationError."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from wamsg import BillingAccount, BusinessHours, Inbox, ValidationError
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

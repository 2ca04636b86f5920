"""Builders shared by the billing tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from wamsg import PhoneNumber
from wamsg.billing import Send

BUSINESS = "+15550783881"
US_CUSTOMER = PhoneNumber.parse("+16505551234")
INDIA_CUSTOMER = PhoneNumber.parse("+919876543210")
UTC = timezone.utc


def at(day: datetime, hours: float) -> datetime:
    """``day`` plus ``hours``."""
    return day + timedelta(hours=hours)


def send(
    message_id: str,
    when: datetime,
    category: str | None,
    *,
    csw: bool = False,
    fep: bool = False,
    recipient: PhoneNumber = US_CUSTOMER,
    business: str = BUSINESS,
) -> Send:
    """A delivered send with the given window facts."""
    return Send(
        message_id=message_id,
        business=business,
        recipient=recipient,
        at=when,
        template_category=category,
        customer_service_window_open=csw,
        free_entry_point_open=fep,
    )

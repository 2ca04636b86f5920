"""Builders of the events a messaging limit folds, for the limits tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from wamsg import (
    Customer,
    DeliveryStatus,
    Direction,
    Message,
    MessageReceived,
    MessageSent,
    MessageStatus,
    PhoneNumber,
    TemplateRef,
    Text,
)
from wamsg.content import Content
from wamsg.delivery import ErrorDetail

UTC = timezone.utc
A = PhoneNumber.parse("+15550783881")
B = PhoneNumber.parse("+15550783882")


def utc(*parts: int) -> datetime:
    """A UTC datetime from year, month, day[, hour, minute, second]."""
    return datetime(*parts, tzinfo=UTC)  # type: ignore[arg-type, misc]


def user(i: int) -> Customer:
    """The ``i``-th customer (distinct phone numbers)."""
    return Customer(phone=f"+1650{i:07d}")


def template(
    message_id: str,
    at: datetime,
    customer: Customer,
    *,
    business: PhoneNumber = A,
    category: str = "utility",
) -> MessageSent:
    """A template sent by ``business`` to ``customer`` at ``at``."""
    content = TemplateRef(name="order_update", language="en_US", category=category)
    return _sent(message_id, at, customer, business, content)


def free_form(
    message_id: str, at: datetime, customer: Customer, *, business: PhoneNumber = A
) -> MessageSent:
    """A free-form text sent at ``at``."""
    return _sent(message_id, at, customer, business, Text(body="On its way"))


def _sent(
    message_id: str, at: datetime, customer: Customer, business: PhoneNumber, content: Content
) -> MessageSent:
    message = Message(
        id=message_id,
        direction=Direction.OUTBOUND,
        business=business,
        customer=customer,
        sent_at=at,
        content=content,
    )
    return MessageSent(provider="meta", message=message)


def status(
    message_id: str, state: DeliveryStatus, at: datetime | None, *, code: str | None = None
) -> MessageStatus:
    """A status report of ``message_id``."""
    errors = () if code is None else (ErrorDetail(code=code),)
    return MessageStatus(
        provider="meta", message_id=message_id, status=state, occurred_at=at, errors=errors
    )


def delivered(message_id: str, at: datetime) -> MessageStatus:
    """A ``delivered`` report."""
    return status(message_id, DeliveryStatus.DELIVERED, at)


def received(at: datetime, customer: Customer, *, business: PhoneNumber = A) -> MessageReceived:
    """A customer message at ``at`` (opens the customer service window)."""
    message = Message(
        id=f"wamid.in.{customer.key}.{at.isoformat()}",
        direction=Direction.INBOUND,
        business=business,
        customer=customer,
        sent_at=at,
        content=Text(body="Hi"),
    )
    return MessageReceived(provider="meta", message=message)


def delivered_templates(
    count: int, at: datetime, *, business: PhoneNumber = A, first: int = 0, prefix: str = "m"
) -> list[MessageSent | MessageStatus]:
    """``count`` templates to users ``first`` … delivered at ``at`` (sent one second before)."""
    events: list[MessageSent | MessageStatus] = []
    for i in range(first, first + count):
        message_id = f"{prefix}{business.digits}.{i}"
        events.append(template(message_id, at - timedelta(seconds=1), user(i), business=business))
        events.append(delivered(message_id, at))
    return events
